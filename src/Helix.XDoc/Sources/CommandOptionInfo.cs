namespace Helix.XDoc;

/// <summary>An option of a command.</summary>
/// <param name="Names">The option's names and aliases (<c>--out</c>, <c>-o</c>).</param>
/// <param name="Description">The help text.</param>
/// <param name="ValueName">The value's placeholder (<c>PATH</c>), or null for a flag.</param>
public sealed record CommandOptionInfo(IReadOnlyList<string> Names, string Description, string? ValueName);
