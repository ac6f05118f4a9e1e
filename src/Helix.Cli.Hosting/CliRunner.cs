using System.CommandLine;
using Spectre.Console;

namespace Helix.Cli.Hosting;

/// <summary>Runs the parsed command and turns user errors into a message and exit code 2, never a stack trace.</summary>
public static class CliRunner
{
    /// <summary>Exit code for bad arguments, bad input files and other user errors.</summary>
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/> and runs the chosen command: parse errors and user errors exit 2 with one line.</summary>
    public static int Run(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            foreach (var message in parsed.Errors.Select(e => e.Message).Distinct())
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {message}");
            var names = new List<string>();
            for (System.CommandLine.Parsing.SymbolResult? r = parsed.CommandResult; r != null; r = r.Parent)
                if (r is System.CommandLine.Parsing.CommandResult c && c.Command is not RootCommand) names.Insert(0, c.Command.Name);
            AnsiConsole.WriteLine($"Run `{string.Join(' ', names.Prepend("helix"))} --help` for the options.");
            return UsageError;
        }
        // Our handler in Guard, not System.CommandLine's (which prints a stack trace and exits 1).
        return Guard(() => parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }

    /// <summary>Runs a command body with the same user-error handling, for actions that must return their own exit code.</summary>
    public static int Guard(Func<int> body)
    {
        try { return body(); }
        catch (Exception e) when (IsUserError(e))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return UsageError;
        }
    }

    static bool IsUserError(Exception e) =>
        e is ArgumentException or FormatException or InvalidDataException or IOException
            or UnauthorizedAccessException or CliUsageException;
}

/// <summary>A user error found by a command: the message says what is wrong, where, and how to fix it.</summary>
public sealed class CliUsageException(string message) : Exception(message);
