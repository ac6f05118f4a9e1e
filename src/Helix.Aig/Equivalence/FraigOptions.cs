namespace Helix.Aig.Equivalence;

/// <summary>Settings of SAT sweeping (<see cref="AigFraig"/> and <see cref="AigCec"/>).</summary>
public sealed record FraigOptions
{
    /// <summary>64-pattern words of the initial random simulation.</summary>
    public int SimulationWords { get; init; } = 64;
    /// <summary>Seed of the random patterns.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Conflict budget of one SAT query on an internal node pair; pairs over budget stay unmerged.</summary>
    public long ConflictLimit { get; init; } = 1000;
    /// <summary>SAT queries before the incremental solver is rebuilt (keeps it small: models assign every loaded variable).</summary>
    public int SolverRecycle { get; init; } = 500;
    /// <summary>Loaded variables above which the solver is rebuilt before the next query.</summary>
    public int SolverMaxVars { get; init; } = 5000;
    /// <summary>Progress in nodes swept (optional).</summary>
    public IProgress<SweepProgress>? Progress { get; init; }
}

/// <summary>How far a sweep has got.</summary>
public readonly record struct SweepProgress(int Done, int Total, int Merged);
