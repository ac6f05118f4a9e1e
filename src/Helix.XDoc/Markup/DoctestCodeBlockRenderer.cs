using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Helix.XDoc;

/// <summary>Renders code blocks as usual; a doctest that ran is followed by its output (an <c>output</c> block after
/// it, already checked equal, is shown as that output).</summary>
internal sealed class DoctestCodeBlockRenderer(CodeBlockRenderer inner) : HtmlObjectRenderer<CodeBlock>
{
    const string Label = "<div class=\"doctest-label\">output (run when the manual was built)</div>";

    protected override void Write(HtmlRenderer renderer, CodeBlock block)
    {
        var ctx = (renderer as XDocHtmlRenderer)?.Context;
        if (block is FencedCodeBlock { Info: "output" } expected)
        {
            renderer.Write(Label).Write("<pre class=\"output\"><code>").WriteLeafRawLines(expected, true, true).Write("</code></pre>\n");
            return;
        }
        inner.Write(renderer, block);
        if (block is FencedCodeBlock f && ctx != null && ctx.DoctestOutputs.TryGetValue(f, out var output) && !FollowedByOutput(f))
            renderer.Write(Label).Write("<pre class=\"output\"><code>").WriteEscape(output).Write("</code></pre>\n");
    }

    static bool FollowedByOutput(FencedCodeBlock f) =>
        f.Parent is ContainerBlock parent && parent.IndexOf(f) is int i && i + 1 < parent.Count && parent[i + 1] is FencedCodeBlock { Info: "output" };
}
