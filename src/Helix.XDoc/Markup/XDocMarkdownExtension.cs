using Markdig;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;

namespace Helix.XDoc;

/// <summary>The XDoc directives as a Markdig extension: <c>@(def)</c> blocks, <c>@(see)</c>/<c>@(call)</c> inlines,
/// auto-linked code spans and doctest outputs. Adding it twice does nothing.</summary>
internal sealed class XDocMarkdownExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<DefBlockParser>()) pipeline.BlockParsers.Insert(0, new DefBlockParser());
        if (!pipeline.InlineParsers.Contains<DirectiveInlineParser>())
        {
            // Before the autolink/html parsers, after escapes (so `\@` stays literal).
            int escape = pipeline.InlineParsers.FindIndex(p => p is EscapeInlineParser);
            pipeline.InlineParsers.Insert(escape + 1, new DirectiveInlineParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        if (!html.ObjectRenderers.Contains<DirectiveInlineRenderer>()) html.ObjectRenderers.Insert(0, new DirectiveInlineRenderer());
        if (!html.ObjectRenderers.Contains<DefBlockRenderer>()) html.ObjectRenderers.Insert(0, new DefBlockRenderer());
        if (!html.ObjectRenderers.Contains<AutoLinkCodeInlineRenderer>())
        {
            html.ObjectRenderers.RemoveAll(r => r is CodeInlineRenderer);
            html.ObjectRenderers.Insert(0, new AutoLinkCodeInlineRenderer());
        }
        if (!html.ObjectRenderers.Contains<DoctestCodeBlockRenderer>())
        {
            var inner = html.ObjectRenderers.FindExact<CodeBlockRenderer>() ?? new CodeBlockRenderer();
            html.ObjectRenderers.RemoveAll(r => r is CodeBlockRenderer);
            html.ObjectRenderers.Insert(0, new DoctestCodeBlockRenderer(inner));
        }
    }
}
