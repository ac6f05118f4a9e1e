using Spectre.Console;

namespace Helix.Cli.Hosting;

/// <summary>The two consoles of a Helix app: results go to <see cref="Out"/> (stdout), errors, warnings and
/// interruption notices to <see cref="Error"/> (stderr), so that piped results stay clean.</summary>
public static class CliConsole
{
    static readonly Lock Gate = new();
    static TextWriter? _errorWriter;
    static IAnsiConsole? _error;
    static bool _outUnwrapped;

    /// <summary>stdout (Spectre's default console).</summary>
    /// <remarks>When stdout is not a terminal, lines and tables are never wrapped at 80 columns: piped results stay plain.</remarks>
    public static IAnsiConsole Out
    {
        get
        {
            var console = AnsiConsole.Console;
            if (!_outUnwrapped && Console.IsOutputRedirected) { console.Profile.Width = Unwrapped; _outUnwrapped = true; }
            return console;
        }
    }

    /// <summary>stderr (whatever <see cref="Console.Error"/> is now), with the same colour support as stdout.</summary>
    /// <remarks>When stderr is not a terminal, lines are never wrapped, so one error stays one line for scripts.</remarks>
    public static IAnsiConsole Error
    {
        get
        {
            lock (Gate)
            {
                var writer = Console.Error;
                if (_error == null || !ReferenceEquals(writer, _errorWriter))
                {
                    _error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
                    if (Console.IsErrorRedirected || writer is StringWriter) _error.Profile.Width = Unwrapped;
                    _errorWriter = writer;
                }
                return _error;
            }
        }
    }

    /// <summary>The width of a console whose lines must never wrap.</summary>
    const int Unwrapped = 1 << 20;
}
