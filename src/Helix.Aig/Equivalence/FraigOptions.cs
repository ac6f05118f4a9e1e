using Helix.Core;

namespace Helix.Aig.Equivalence;

/// <summary>Settings of SAT sweeping (<see cref="AigFraig"/> and <see cref="AigCec"/>).</summary>
public sealed record FraigOptions : IValidatable<FraigOptions>
{
    /// <summary>64-pattern words of the initial random simulation.</summary>
    public int SimulationWords { get; init; } = 64;
    /// <summary>Seed of the random patterns.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Conflict budget of one SAT query on an internal node pair; pairs over budget stay unmerged.</summary>
    public long ConflictLimit { get; init; } = 1000;
    /// <summary>SAT queries after which the incremental solver is rebuilt, once it also holds more than <see cref="SolverMaxVars"/> variables.</summary>
    public int SolverRecycle { get; init; } = 1000;
    /// <summary>Loaded variables above which the solver is rebuilt, once <see cref="SolverRecycle"/> queries have run on it.</summary>
    public int SolverMaxVars { get; init; } = 20000;

    /// <summary>Throws <see cref="InvalidOptionException"/> on the first invalid setting; returns this.</summary>
    public FraigOptions Validate()
    {
        Check.That(SimulationWords >= 1, nameof(SimulationWords), $"must be at least 1, got {SimulationWords}");
        Check.That(ConflictLimit >= 0, nameof(ConflictLimit), $"must be zero or more, got {ConflictLimit}");
        Check.Positive(SolverRecycle, nameof(SolverRecycle));
        Check.Positive(SolverMaxVars, nameof(SolverMaxVars));
        return this;
    }
}
