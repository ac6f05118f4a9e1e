namespace Helix.XDoc;

/// <summary>
/// A neutral description of one command of a command-line tool (its help), so that XDoc can document a command tree
/// without depending on the library that parses it. The host walks its own command tree into these records.
/// </summary>
/// <param name="Name">The command's name (the root's is the tool's name).</param>
/// <param name="Description">The help text.</param>
/// <param name="Arguments">The positional arguments.</param>
/// <param name="Options">The options.</param>
/// <param name="Subcommands">The commands below this one.</param>
public sealed record CommandInfo(string Name, string Description, IReadOnlyList<CommandArgumentInfo> Arguments,
                                 IReadOnlyList<CommandOptionInfo> Options, IReadOnlyList<CommandInfo> Subcommands);
