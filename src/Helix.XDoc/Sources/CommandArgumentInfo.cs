namespace Helix.XDoc;

/// <summary>A positional argument of a command.</summary>
/// <param name="Name">The argument's name, as shown in the usage line.</param>
/// <param name="Description">The help text.</param>
public sealed record CommandArgumentInfo(string Name, string Description);
