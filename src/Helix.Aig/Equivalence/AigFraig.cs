using System.Diagnostics;

namespace Helix.Aig.Equivalence;

/// <summary>Functional reduction: merges functionally equivalent nodes and returns the smaller equivalent network.</summary>
public static class AigFraig
{
    /// <summary>
    /// Sweeps <paramref name="g"/>. Post: the result has the same inputs, latches and outputs, computes the same
    /// functions, and has no more AND nodes than <paramref name="g"/>.
    /// </summary>
    /// <param name="g">The network to reduce.</param>
    /// <param name="options">Sweep settings (validated; null: defaults).</param>
    /// <param name="progress">Receives nodes swept (null: nobody listens).</param>
    /// <param name="cancel">Stops the sweep with <see cref="OperationCanceledException"/>.</param>
    public static FraigResult Run(Aignet g, FraigOptions? options = null, IProgress<SweepProgress>? progress = null, CancellationToken cancel = default)
    {
        var opt = (options ?? new FraigOptions()).Validate();
        var clock = Stopwatch.StartNew();
        var counters = new SweepCounters { Rounds = 1 };
        var sweeper = new SatSweeper(g, opt, counters, progress, 0, cancel);
        sweeper.Run();
        cancel.ThrowIfCancellationRequested();
        var r = sweeper.Result;
        for (int k = 0; k < g.LatchCount; k++) r.SetLatchNext(k, sweeper.Map(g.LatchNext(k)));
        for (int o = 0; o < g.OutputCount; o++) r.AddOutput(sweeper.Map(g.Output(o)), g.OutputNames[o]);
        r.CopyMetadataFrom(g, sweeper.Map);
        var compact = r.Compact();
        return new FraigResult(compact, counters.ToStats(g.AndCount, compact.AndCount, clock.Elapsed));
    }
}
