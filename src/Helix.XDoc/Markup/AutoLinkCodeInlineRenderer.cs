using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace Helix.XDoc;

/// <summary>Renders a code span; when its text names a documented type (or a member of one), it links to its topic.</summary>
internal sealed class AutoLinkCodeInlineRenderer : HtmlObjectRenderer<CodeInline>
{
    protected override void Write(HtmlRenderer renderer, CodeInline code)
    {
        var ctx = (renderer as XDocHtmlRenderer)?.Context;
        var topic = ctx?.AutoLink(code.Content);
        var href = topic == null ? null : ctx!.Href(topic);
        if (href != null) renderer.Write("<a class=\"auto\" href=\"").WriteEscapeUrl(href).Write("\">");
        renderer.Write("<code>").WriteEscape(code.Content).Write("</code>");
        if (href != null) renderer.Write("</a>");
    }
}
