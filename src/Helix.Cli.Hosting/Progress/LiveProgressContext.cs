using Spectre.Console;

namespace Helix.Cli.Hosting;

/// <summary>What a command sees inside <see cref="LiveProgress.Run{T}"/>: bars to add and a way to print a line above them.</summary>
public sealed class LiveProgressContext
{
    readonly ProgressContext? _context;

    internal LiveProgressContext(ProgressContext? context) => _context = context;

    /// <summary>True when bars are drawn; false when lines are plain (piped output).</summary>
    public bool IsLive => _context != null;

    /// <summary>Adds a bar that runs from 0 to <paramref name="maxValue"/>.</summary>
    public LiveTask AddTask(string description, double maxValue) =>
        new(_context?.AddTask(Markup.Escape(description), maxValue: maxValue), description, maxValue);

    /// <summary>Prints one line (above the bars when they are live), in <paramref name="color"/> on a terminal (a Spectre colour name such as "grey").</summary>
    public void WriteLine(string text, string? color = null)
    {
        if (_context == null || color == null) CliConsole.Out.WriteLine(text);
        else CliConsole.Out.MarkupLine($"[{color}]{Markup.Escape(text)}[/]");
    }
}
