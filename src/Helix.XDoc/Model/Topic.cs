namespace Helix.XDoc;

/// <summary>
/// One topic of the manual: a name, one or more parents (the topics form a DAG), a short line and a long text in
/// Markdown with XDoc directives (<c>@(see T)</c>, <c>@(def S)</c>, <c>@(call S)</c>, doctests).
/// </summary>
public sealed record Topic
{
    /// <summary>The unique name, used by <c>@(see …)</c> and the jump-to box.</summary>
    public required string Name { get; init; }

    /// <summary>The names of the parent topics; empty only for the root.</summary>
    public required IReadOnlyList<string> Parents { get; init; }

    /// <summary>One line that says what the topic is.</summary>
    public required string Short { get; init; }

    /// <summary>The long text: Markdown with directives.</summary>
    public required string Long { get; init; }

    /// <summary>Where the topic came from.</summary>
    public TopicKind Kind { get; init; }

    /// <summary>Where the topic is defined (the header of a topic file, the declaration of a type or member).</summary>
    public SourceLocation Location { get; init; }

    /// <summary>The line of <see cref="Location"/>'s file where <see cref="Long"/> starts (1-based), or 0 when the long
    /// text is generated (then problems inside it are reported at <see cref="Location"/>).</summary>
    public int LongLine { get; init; }

    /// <summary>The source file and line to link to, if any (a declaration, a topic file).</summary>
    public SourceLocation? Source { get; init; }
}
