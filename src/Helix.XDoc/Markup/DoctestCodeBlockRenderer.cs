using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Helix.XDoc;

/// <summary>Renders code blocks as usual; a doctest that ran is followed by its output.</summary>
internal sealed class DoctestCodeBlockRenderer(CodeBlockRenderer inner) : HtmlObjectRenderer<CodeBlock>
{
    protected override void Write(HtmlRenderer renderer, CodeBlock block)
    {
        inner.Write(renderer, block);
        var ctx = (renderer as XDocHtmlRenderer)?.Context;
        if (block is FencedCodeBlock f && ctx != null && ctx.DoctestOutputs.TryGetValue(f, out var output))
            renderer.Write("<div class=\"doctest-label\">output (run when the manual was built)</div><pre class=\"output\"><code>")
                .WriteEscape(output).Write("</code></pre>\n");
    }
}
