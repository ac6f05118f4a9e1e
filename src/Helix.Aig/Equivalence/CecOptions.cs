using Helix.Core;

namespace Helix.Aig.Equivalence;

/// <summary>Settings of combinational equivalence checking (<see cref="AigCec"/>).</summary>
public sealed record CecOptions : IValidatable<CecOptions>
{
    /// <summary>How outputs and inputs are matched.</summary>
    public CecMatch Match { get; init; } = CecMatch.Auto;
    /// <summary>Random-simulation words on the miter before any SAT (finds most counterexamples).</summary>
    public int SimulationWords { get; init; } = 64;
    /// <summary>Settings of the internal SAT sweep; its conflict limit is the first round's.</summary>
    public FraigOptions Sweep { get; init; } = new();
    /// <summary>Sweeping rounds at most: each sweeps what the last one left, with a larger conflict limit.</summary>
    public int Rounds { get; init; } = 4;
    /// <summary>Factor by which the conflict limit grows from one round to the next.</summary>
    public int ConflictLimitGrowth { get; init; } = 8;
    /// <summary>Conflict budget of each output query of the last round (negative: none).</summary>
    public long OutputConflictLimit { get; init; } = -1;
    /// <summary>Wall-time limit; past it the verdict is <see cref="CecStatus.Undecided"/> (null: none).</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Throws <see cref="InvalidOptionException"/> on the first invalid setting; returns this.</summary>
    public CecOptions Validate()
    {
        Check.That(Enum.IsDefined(Match), nameof(Match), $"unknown matching {Match}");
        Check.NonNegative(SimulationWords, nameof(SimulationWords));
        Check.That(Sweep != null, nameof(Sweep), "must be set");
        Sweep!.Validate();
        Check.That(Rounds >= 1, nameof(Rounds), $"must be at least 1, got {Rounds}");
        Check.That(ConflictLimitGrowth >= 1, nameof(ConflictLimitGrowth), $"must be at least 1, got {ConflictLimitGrowth}");
        Check.That(TimeLimit is null || TimeLimit > TimeSpan.Zero, nameof(TimeLimit), $"must be positive, got {TimeLimit}");
        return this;
    }
}
