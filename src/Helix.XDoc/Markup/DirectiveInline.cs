using Markdig.Syntax.Inlines;

namespace Helix.XDoc;

/// <summary>An inline XDoc directive, <c>@(name argument)</c>: <c>see</c> links to a topic (<c>@(see Topic|text)</c>
/// shows other text), <c>call</c> inserts a signature. Malformed directives carry <see cref="Error"/>.</summary>
internal sealed class DirectiveInline : LeafInline
{
    /// <summary>The directive's name (<c>see</c>, <c>call</c>, …).</summary>
    public string Name { get; init; } = "";

    /// <summary>The argument: a topic or symbol name.</summary>
    public string Argument { get; init; } = "";

    /// <summary>The text to show instead of the argument (after <c>|</c>), if any.</summary>
    public string? Label { get; init; }

    /// <summary>What is malformed, or null.</summary>
    public string? Error { get; init; }

    /// <summary>The directive as written.</summary>
    public string Raw { get; init; } = "";
}
