using Spectre.Console;

namespace Helix.Cli.Hosting;

/// <summary>
/// Progress for long commands: live bars on an interactive terminal, plain lines when the output is piped or
/// redirected (then bars draw nothing and <see cref="LiveProgressContext.WriteLine"/> writes a plain line).
/// </summary>
public static class LiveProgress
{
    /// <summary>True when bars are drawn (stdout is an interactive terminal).</summary>
    public static bool IsLive => AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> with a progress display and returns its result.</summary>
    public static T Run<T>(Func<LiveProgressContext, T> work)
    {
        if (!IsLive) return work(new LiveProgressContext(null));
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx => result = work(new LiveProgressContext(ctx)));
        return result;
    }
}
