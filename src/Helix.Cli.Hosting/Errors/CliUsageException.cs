namespace Helix.Cli.Hosting;

/// <summary>A user error found by a command: the message says what is wrong, where, and how to fix it.</summary>
/// <param name="message">One line: what is wrong, where, and how to fix it.</param>
public sealed class CliUsageException(string message) : Exception(message);
