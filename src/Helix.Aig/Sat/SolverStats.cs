namespace Helix.Aig.Sat;

/// <summary>Counters of a <see cref="CdclSolver"/> since it was made (a snapshot).</summary>
public sealed record SolverStats
{
    /// <summary>Calls of <see cref="CdclSolver.Solve"/>.</summary>
    public long Solves { get; init; }
    /// <summary>Decisions.</summary>
    public long Decisions { get; init; }
    /// <summary>Enqueued literals (implications and decisions).</summary>
    public long Propagations { get; init; }
    /// <summary>Conflicts.</summary>
    public long Conflicts { get; init; }
    /// <summary>Restarts.</summary>
    public long Restarts { get; init; }
    /// <summary>Learnt-clause database reductions.</summary>
    public long Reductions { get; init; }
    /// <summary>Literals removed by learnt-clause minimization.</summary>
    public long MinimizedLiterals { get; init; }
    /// <summary>Learnt clauses shortened by vivification.</summary>
    public long VivifiedClauses { get; init; }
    /// <summary>Literals removed by vivification.</summary>
    public long VivifiedLiterals { get; init; }
    /// <summary>Variables removed by bounded variable elimination before the first search.</summary>
    public long EliminatedVariables { get; init; }
    /// <summary>Eliminated variables brought back because a later clause or assumption used them.</summary>
    public long RestoredVariables { get; init; }
    /// <summary>Local-search rephasing walks made.</summary>
    public long Walks { get; init; }
    /// <summary>Flips made by those walks.</summary>
    public long WalkFlips { get; init; }
    /// <summary>Walks that found an assignment satisfying every clause.</summary>
    public long WalkModels { get; init; }
}
