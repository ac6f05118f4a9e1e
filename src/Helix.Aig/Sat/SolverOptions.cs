using Helix.Core;
using Helix.FixTypes;

namespace Helix.Aig.Sat;

/// <summary>
/// Settings of the CDCL solver; defaults follow MiniSat and Glucose. A fixtype in reject mode: each field's constraint
/// is declared on it, and an assignment of an invalid value throws <see cref="InvalidOptionException"/> naming the
/// property ("VarDecay: must be at least 0.5 and below 1, got 1"), so every instance is valid.
/// </summary>
[FixType(OnInvalid = FixPolicy.Reject)]
public sealed partial record SolverOptions : IValidatable<SolverOptions>
{
    /// <summary>EVSIDS activity decay per conflict.</summary>
    [FixWith(typeof(Decay)), Default(0.95)] public partial double VarDecay { get; init; }
    /// <summary>Learnt-clause activity decay per conflict.</summary>
    [FixWith(typeof(Decay)), Default(0.999)] public partial double ClauseDecay { get; init; }
    /// <summary>When to restart.</summary>
    [Default(RestartPolicy.Alternate)] public partial RestartPolicy Restarts { get; init; }
    /// <summary>Conflicts per Luby restart unit.</summary>
    [Range(1, int.MaxValue), Default(100)] public partial int RestartUnit { get; init; }
    /// <summary>Conflicts before the first learnt-clause reduction.</summary>
    [Range(1, int.MaxValue), Default(2000)] public partial int FirstReduce { get; init; }
    /// <summary>Growth of the reduction interval after each reduction.</summary>
    [Nat, Default(300)] public partial int ReduceIncrement { get; init; }
    /// <summary>Learnt clauses with LBD at most this are kept forever ("glue" clauses, the core tier).</summary>
    [Nat, Default(2)] public partial int KeepLbd { get; init; }
    /// <summary>Learnt clauses with LBD at most this (tier 2) are kept while they take part in conflicts between reductions.</summary>
    [Nat, Default(6)] public partial int Tier2Lbd { get; init; }
    /// <summary>
    /// Vivify the kept learnt clauses after each reduction (at the next restart). Off by default: on random 3-SAT at
    /// the threshold it cost 25-140% more time in this solver's measurements (docs: BENCHMARKS.md, aig-epfl).
    /// </summary>
    public partial bool VivifyLearnts { get; init; }
    /// <summary>Learnt clauses with LBD above this are not vivified.</summary>
    [Nat, Default(8)] public partial int VivifyMaxLbd { get; init; }
    /// <summary>Propagations a vivification may spend, per conflict of the reduction interval.</summary>
    [Range(0.0, double.PositiveInfinity), Default(20.0)] public partial double VivifyEffort { get; init; }
    /// <summary>
    /// Bounded variable elimination with subsumption and self-subsuming resolution (SatELite) before the first search,
    /// when that first <see cref="CdclSolver.Solve"/> has no assumptions. Models are extended to the eliminated
    /// variables; a later clause or assumption over an eliminated variable brings its clauses back.
    /// </summary>
    [Default(true)] public partial bool Eliminate { get; init; }
    /// <summary>Literal visits the elimination may spend (plus 20 per literal of the formula).</summary>
    [Nat, Default(20_000_000L)] public partial long EliminateEffort { get; init; }
    /// <summary>
    /// Local-search rephasing (ProbSAT, as in CaDiCaL's walk) at level 0 between searches without assumptions: the
    /// best assignment found becomes the saved phases, and one that satisfies every clause becomes the model at the
    /// next descent. Walks happen before the first search and then every <see cref="WalkInterval"/>·k conflicts.
    /// </summary>
    [Default(true)] public partial bool Walk { get; init; }
    /// <summary>
    /// Work a walk may do per propagation since the last walk, in occurrence-list entries visited (a flip on random
    /// 3-SAT visits about 30); the first walk gets 600 per clause, at most 1.5 million.
    /// </summary>
    [Range(0.0, double.PositiveInfinity), Default(0.6)] public partial double WalkEffort { get; init; }
    /// <summary>Conflicts before the second walk; the k-th gap is k times this.</summary>
    [Range(1, int.MaxValue), Default(1000)] public partial int WalkInterval { get; init; }
    /// <summary>Check every model against the formula before returning it (always on outside benchmarks of the checker).</summary>
    [Default(true)] public partial bool CheckModels { get; init; }

    /// <summary>Returns this: every instance is valid, since each assignment checks its value.</summary>
    public SolverOptions Validate() => this;

    private static partial Exception Invalid(string property, string reason) => new InvalidOptionException(property, reason);

    /// <summary>Activity decays: in [0.5, 1); others fix to the nearest such value.</summary>
    private sealed class Decay : IFixer<double>
    {
        public const string Description = "at least 0.5 and below 1";

        public static bool IsValid(double value) => value is >= 0.5 and < 1;

        public static double Fix(double value) => value >= 0.5 ? (value < 1 ? value : Math.BitDecrement(1.0)) : 0.5;
    }
}
