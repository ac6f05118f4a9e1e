using Helix.Core;

namespace Helix.Aig.Sat;

/// <summary>Settings of the CDCL solver; defaults follow MiniSat and Glucose.</summary>
public sealed record SolverOptions : IValidatable<SolverOptions>
{
    /// <summary>EVSIDS activity decay per conflict.</summary>
    public double VarDecay { get; init; } = 0.95;
    /// <summary>Learnt-clause activity decay per conflict.</summary>
    public double ClauseDecay { get; init; } = 0.999;
    /// <summary>When to restart.</summary>
    public RestartPolicy Restarts { get; init; } = RestartPolicy.Alternate;
    /// <summary>Conflicts per Luby restart unit.</summary>
    public int RestartUnit { get; init; } = 100;
    /// <summary>Conflicts before the first learnt-clause reduction.</summary>
    public int FirstReduce { get; init; } = 2000;
    /// <summary>Growth of the reduction interval after each reduction.</summary>
    public int ReduceIncrement { get; init; } = 300;
    /// <summary>Learnt clauses with LBD at most this are kept forever ("glue" clauses, the core tier).</summary>
    public int KeepLbd { get; init; } = 2;
    /// <summary>Learnt clauses with LBD at most this (tier 2) are kept while they take part in conflicts between reductions.</summary>
    public int Tier2Lbd { get; init; } = 6;
    /// <summary>
    /// Vivify the kept learnt clauses after each reduction (at the next restart). Off by default: on random 3-SAT at
    /// the threshold it cost 25-140% more time in this solver's measurements (docs: BENCHMARKS.md, aig-epfl).
    /// </summary>
    public bool VivifyLearnts { get; init; }
    /// <summary>Learnt clauses with LBD above this are not vivified.</summary>
    public int VivifyMaxLbd { get; init; } = 8;
    /// <summary>Propagations a vivification may spend, per conflict of the reduction interval.</summary>
    public double VivifyEffort { get; init; } = 20;
    /// <summary>
    /// Bounded variable elimination with subsumption and self-subsuming resolution (SatELite) before the first search,
    /// when that first <see cref="CdclSolver.Solve"/> has no assumptions. Models are extended to the eliminated
    /// variables; a later clause or assumption over an eliminated variable brings its clauses back.
    /// </summary>
    public bool Eliminate { get; init; } = true;
    /// <summary>Literal visits the elimination may spend (plus 20 per literal of the formula).</summary>
    public long EliminateEffort { get; init; } = 20_000_000;
    /// <summary>Check every model against the formula before returning it (always on outside benchmarks of the checker).</summary>
    public bool CheckModels { get; init; } = true;

    /// <summary>Throws <see cref="InvalidOptionException"/> on the first invalid setting; returns this.</summary>
    public SolverOptions Validate()
    {
        Check.InRange(VarDecay, 0.5, 1, nameof(VarDecay));
        Check.That(VarDecay < 1, nameof(VarDecay), $"must be below 1, got {VarDecay}");
        Check.InRange(ClauseDecay, 0.5, 1, nameof(ClauseDecay));
        Check.That(ClauseDecay < 1, nameof(ClauseDecay), $"must be below 1, got {ClauseDecay}");
        Check.That(Enum.IsDefined(Restarts), nameof(Restarts), $"unknown restart policy {Restarts}");
        Check.Positive(RestartUnit, nameof(RestartUnit));
        Check.Positive(FirstReduce, nameof(FirstReduce));
        Check.NonNegative(ReduceIncrement, nameof(ReduceIncrement));
        Check.NonNegative(KeepLbd, nameof(KeepLbd));
        Check.NonNegative(Tier2Lbd, nameof(Tier2Lbd));
        Check.NonNegative(VivifyMaxLbd, nameof(VivifyMaxLbd));
        Check.NonNegative(VivifyEffort, nameof(VivifyEffort));
        Check.NonNegative(EliminateEffort, nameof(EliminateEffort));
        return this;
    }
}
