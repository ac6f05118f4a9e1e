using Spectre.Console;

namespace Helix.Cli.Hosting;

/// <summary>
/// Ctrl+C as a <see cref="CancellationToken"/>: the first press cancels <see cref="Token"/> (the command stops at a
/// safe point, after a checkpoint, and exits 130 through <see cref="CliRunner"/>); a second press ends the process
/// at once. Dispose it when the command's work is done.
/// </summary>
/// <example><code>
/// using var ctrlC = ConsoleCancellation.Listen();
/// var result = SomeJob.Run(options, progress, ctrlC.Token);   // throws OperationCanceledException when pressed
/// </code></example>
public sealed class ConsoleCancellation : IDisposable
{
    readonly CancellationTokenSource _source = new();
    readonly ConsoleCancelEventHandler _handler;

    ConsoleCancellation()
    {
        _handler = (_, e) =>
        {
            if (_source.IsCancellationRequested) return;   // second press: let the runtime end the process
            e.Cancel = true;
            CliConsole.Error.WriteLine("stopping at the next safe point (Ctrl+C again to end now) ...");
            _source.Cancel();
        };
        Console.CancelKeyPress += _handler;
    }

    /// <summary>Starts listening for Ctrl+C.</summary>
    public static ConsoleCancellation Listen() => new();

    /// <summary>Cancelled by the first Ctrl+C.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        Console.CancelKeyPress -= _handler;
        _source.Dispose();
    }
}
