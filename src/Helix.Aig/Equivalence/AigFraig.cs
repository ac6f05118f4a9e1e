namespace Helix.Aig.Equivalence;

/// <summary>Functional reduction: merges functionally equivalent nodes and returns the smaller equivalent network.</summary>
public static class AigFraig
{
    /// <summary>
    /// Sweeps <paramref name="g"/>. Post: the result has the same inputs, latches and outputs, computes the same
    /// functions, and has no more AND nodes than <paramref name="g"/>.
    /// </summary>
    public static (Aignet Result, FraigStats Stats) Run(Aignet g, FraigOptions? options = null)
    {
        var sweeper = new SatSweeper(g, options ?? new FraigOptions());
        sweeper.Run();
        var r = sweeper.Result;
        for (int k = 0; k < g.LatchCount; k++) r.SetLatchNext(k, sweeper.Map(g.LatchNext(k)));
        for (int o = 0; o < g.OutputCount; o++) r.AddOutput(sweeper.Map(g.Output(o)), g.OutputNames[o]);
        r.CopyMetadataFrom(g, sweeper.Map);
        var compact = r.Compact();
        sweeper.Stats.AndsBefore = g.AndCount;
        sweeper.Stats.AndsAfter = compact.AndCount;
        return (compact, sweeper.Stats);
    }
}
