namespace Helix.Aig.Sat;

/// <summary>Counters of a <see cref="CdclSolver"/> since it was made.</summary>
public sealed record SolverStats
{
    /// <summary>Calls of <see cref="CdclSolver.Solve"/>.</summary>
    public long Solves { get; set; }
    /// <summary>Decisions.</summary>
    public long Decisions { get; set; }
    /// <summary>Enqueued literals (implications and decisions).</summary>
    public long Propagations { get; set; }
    /// <summary>Conflicts.</summary>
    public long Conflicts { get; set; }
    /// <summary>Restarts.</summary>
    public long Restarts { get; set; }
    /// <summary>Learnt-clause database reductions.</summary>
    public long Reductions { get; set; }
    /// <summary>Literals removed by learnt-clause minimization.</summary>
    public long MinimizedLiterals { get; set; }
}
