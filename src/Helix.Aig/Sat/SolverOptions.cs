using Helix.FixTypes;

namespace Helix.Aig.Sat;

/// <summary>Settings of the CDCL solver; defaults follow MiniSat and Glucose. A fixtype: every assignment fixes its
/// value into the documented range.</summary>
[FixType]
public sealed partial record SolverOptions
{
    /// <summary>EVSIDS activity decay per conflict (0.5 to 0.9999).</summary>
    [Range(0.5, 0.9999), Default(0.95)] public partial double VarDecay { get; init; }
    /// <summary>Learnt-clause activity decay per conflict (0.5 to 0.99999).</summary>
    [Range(0.5, 0.99999), Default(0.999)] public partial double ClauseDecay { get; init; }
    /// <summary>Conflicts per Luby restart unit (at least 1).</summary>
    [Range(1, int.MaxValue), Default(100)] public partial int RestartUnit { get; init; }
    /// <summary>Conflicts before the first learnt-clause reduction (at least 1).</summary>
    [Range(1, int.MaxValue), Default(2000)] public partial int FirstReduce { get; init; }
    /// <summary>Growth of the reduction interval after each reduction.</summary>
    [Nat, Default(300)] public partial int ReduceIncrement { get; init; }
    /// <summary>Learnt clauses with LBD at most this are kept forever ("glue" clauses).</summary>
    [Nat, Default(2)] public partial int KeepLbd { get; init; }
    /// <summary>Check every model against the formula before returning it (always on outside benchmarks of the checker).</summary>
    [Default(true)] public partial bool CheckModels { get; init; }
}
