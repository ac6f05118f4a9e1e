using Markdig;
using Markdig.Syntax;

namespace Helix.XDoc;

/// <summary>The Markdig pipeline XDoc parses and renders topics with.</summary>
internal static class XDocMarkdown
{
    /// <summary>CommonMark with pipe tables, auto identifiers off, and the XDoc directives.</summary>
    public static readonly MarkdownPipeline Pipeline = Build();

    static MarkdownPipeline Build()
    {
        var b = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().UsePreciseSourceLocation();
        b.Extensions.AddIfNotAlready<XDocMarkdownExtension>();
        return b.Build();
    }

    /// <summary>Parses a topic's long text.</summary>
    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    /// <summary>Renders a parsed topic to HTML with the given context.</summary>
    public static string Render(MarkdownDocument doc, RenderContext context)
    {
        var writer = new StringWriter();
        var renderer = new XDocHtmlRenderer(writer, context);
        Pipeline.Setup(renderer);
        renderer.Render(doc);
        writer.Flush();
        return writer.ToString();
    }
}
