using Markdig.Renderers;

namespace Helix.XDoc;

/// <summary>An HTML renderer that carries the <see cref="RenderContext"/> of the topic being rendered.</summary>
internal sealed class XDocHtmlRenderer(TextWriter writer, RenderContext context) : HtmlRenderer(writer)
{
    /// <summary>Links, source and doctest outputs for this topic.</summary>
    public RenderContext Context { get; } = context;
}
