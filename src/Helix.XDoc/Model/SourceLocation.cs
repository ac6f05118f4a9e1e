namespace Helix.XDoc;

/// <summary>A place in a file: <paramref name="File"/> relative to the repository root where possible, 1-based line and column.</summary>
/// <param name="File">The file path.</param>
/// <param name="Line">The 1-based line (0 when unknown).</param>
/// <param name="Column">The 1-based column (0 when unknown).</param>
public readonly record struct SourceLocation(string File, int Line, int Column = 0)
{
    /// <summary>`file:line:column`, the form compilers and editors understand.</summary>
    public override string ToString() => Column > 0 ? $"{File}:{Line}:{Column}" : Line > 0 ? $"{File}:{Line}" : File;
}
