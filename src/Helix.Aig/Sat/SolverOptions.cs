namespace Helix.Aig.Sat;

/// <summary>Settings of the CDCL solver; defaults follow MiniSat and Glucose.</summary>
public sealed record SolverOptions
{
    /// <summary>EVSIDS activity decay per conflict.</summary>
    public double VarDecay { get; init; } = 0.95;
    /// <summary>Learnt-clause activity decay per conflict.</summary>
    public double ClauseDecay { get; init; } = 0.999;
    /// <summary>Conflicts per Luby restart unit.</summary>
    public int RestartUnit { get; init; } = 100;
    /// <summary>Conflicts before the first learnt-clause reduction.</summary>
    public int FirstReduce { get; init; } = 2000;
    /// <summary>Growth of the reduction interval after each reduction.</summary>
    public int ReduceIncrement { get; init; } = 300;
    /// <summary>Learnt clauses with LBD at most this are kept forever ("glue" clauses).</summary>
    public int KeepLbd { get; init; } = 2;
    /// <summary>Check every model against the formula before returning it (always on outside benchmarks of the checker).</summary>
    public bool CheckModels { get; init; } = true;
}
