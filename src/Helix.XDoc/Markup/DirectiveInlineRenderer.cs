using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Helix.XDoc;

/// <summary>Renders <c>@(see)</c> as a link and <c>@(call)</c> as a signature; broken or unknown ones are marked.</summary>
internal sealed class DirectiveInlineRenderer : HtmlObjectRenderer<DirectiveInline>
{
    protected override void Write(HtmlRenderer renderer, DirectiveInline d)
    {
        var ctx = (renderer as XDocHtmlRenderer)?.Context;
        if (d.Error == null && d.Name == "see")
        {
            var href = ctx?.Href(d.Argument);
            var label = d.Label ?? d.Argument;
            if (href != null) renderer.Write("<a class=\"see\" href=\"").WriteEscapeUrl(href).Write("\">").WriteEscape(label).Write("</a>");
            else renderer.Write("<span class=\"broken\" title=\"broken link\">").WriteEscape(label).Write("</span>");
            return;
        }
        if (d.Error == null && d.Name == "call")
        {
            var entry = ctx?.Api?.Resolve(d.Argument, out _);
            if (entry != null)
            {
                var href = ctx!.Href(entry.Name);
                if (href != null) renderer.Write("<a class=\"call\" href=\"").WriteEscapeUrl(href).Write("\">");
                renderer.Write("<code class=\"call\">").WriteEscape(string.Join(" | ", ctx.Api!.Signatures(entry))).Write("</code>");
                if (href != null) renderer.Write("</a>");
                return;
            }
        }
        renderer.Write("<span class=\"broken\">").WriteEscape(d.Raw).Write("</span>");
    }
}
