using Spectre.Console;

namespace Helix.Cli.Hosting;

/// <summary>The two consoles of a Helix app: results go to <see cref="Out"/> (stdout), errors, warnings and
/// interruption notices to <see cref="Error"/> (stderr), so that piped results stay clean.</summary>
public static class CliConsole
{
    /// <summary>stdout (Spectre's default console).</summary>
    public static IAnsiConsole Out => AnsiConsole.Console;

    /// <summary>stderr, with the same colour support as stdout.</summary>
    /// <remarks>When stderr is not a terminal, lines are never wrapped, so one error stays one line for scripts.</remarks>
    public static IAnsiConsole Error { get; } = CreateError();

    static IAnsiConsole CreateError()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected) console.Profile.Width = 1 << 20;
        return console;
    }
}
