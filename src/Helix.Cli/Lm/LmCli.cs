using Spectre.Console;

namespace Helix.Cli.Lm;

/// <summary>What the `helix lm` commands share.</summary>
internal static class LmCli
{
    /// <summary>
    /// Runs a command body, turning user errors into a one-line message and exit code 2. (System.CommandLine's own
    /// handler catches exceptions inside Invoke, before <see cref="CliRunner"/> can see them.)
    /// </summary>
    public static int Guard(Func<int> body)
    {
        try { return body(); }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidDataException or IOException or CliUsageException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return CliRunner.UsageError;
        }
    }
}
