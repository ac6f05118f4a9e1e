using Markdig.Syntax;

namespace Helix.XDoc;

/// <summary>What the HTML renderers need to know about the manual while rendering one topic.</summary>
internal sealed class RenderContext
{
    /// <summary>The link to a topic from the page being rendered, or null when no such topic exists.</summary>
    public required Func<string, string?> Href { get; init; }

    /// <summary>The topic a code span's text names (a documented type), or null.</summary>
    public required Func<string, string?> AutoLink { get; init; }

    /// <summary>The link to a place in the source, or null.</summary>
    public required Func<SourceLocation, string?> SourceHref { get; init; }

    /// <summary>The C# model for <c>@(def)</c> and <c>@(call)</c>, if sources were given.</summary>
    public ApiModel? Api { get; init; }

    /// <summary>The output of each doctest block that ran.</summary>
    public IReadOnlyDictionary<FencedCodeBlock, string> DoctestOutputs { get; init; } = new Dictionary<FencedCodeBlock, string>();
}
