using Markdig.Syntax;

namespace Helix.XDoc;

/// <summary>A code block marked to run (<c>```csharp run</c>), with the expected output block after it if any.</summary>
/// <param name="Topic">The topic it is in.</param>
/// <param name="Block">The code block.</param>
/// <param name="Code">The C# statements (leading <c>using</c> lines become usings).</param>
/// <param name="Expected">The text of a following <c>```output</c> block, or null.</param>
/// <param name="Where">The location of the first line of code.</param>
internal sealed record Doctest(string Topic, FencedCodeBlock Block, string Code, string? Expected, SourceLocation Where);
