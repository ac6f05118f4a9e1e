using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Helix.XDoc;

/// <summary>Renders <c>@(def Symbol)</c>: each declaration from the source, with a link to where it is.</summary>
internal sealed class DefBlockRenderer : HtmlObjectRenderer<DefBlock>
{
    protected override void Write(HtmlRenderer renderer, DefBlock block)
    {
        var ctx = (renderer as XDocHtmlRenderer)?.Context;
        var entry = ctx?.Api?.Resolve(block.Symbol, out _);
        if (entry == null)
        {
            renderer.Write("<p><span class=\"broken\">@(def ").WriteEscape(block.Symbol).Write(")</span></p>\n");
            return;
        }
        foreach (var (code, where) in ctx!.Api!.Declarations(entry))
        {
            renderer.Write("<div class=\"def\"><pre><code class=\"language-csharp\">").WriteEscape(code).Write("</code></pre>");
            var src = ctx.SourceHref(where);
            renderer.Write("<div class=\"src\">");
            if (src != null) renderer.Write("<a href=\"").WriteEscapeUrl(src).Write("\">").WriteEscape(where.ToString()).Write("</a>");
            else renderer.WriteEscape(where.ToString());
            renderer.Write("</div></div>\n");
        }
    }
}
