using Helix.Core;

namespace Helix.Bilevel.Toy;

/// <summary>SGD on the toy problem: θ_{k+1} = θ_k − β_k·g_k with β_k = β₀ / (1 + k/k₀)^0.7, and the Polyak average of the second half.</summary>
public sealed record ToyRunOptions : IValidatable<ToyRunOptions>
{
    /// <summary>Outer steps.</summary>
    public long Steps { get; init; } = 1_000_000;
    /// <summary>β₀.</summary>
    public double StepSize { get; init; } = 1.0;
    /// <summary>k₀ of the decay.</summary>
    public double DecaySteps { get; init; } = 1000;
    /// <summary>Start point θ₀.</summary>
    public double Start { get; init; }
    /// <summary>Use both tasks in every step (the exact expectation over tasks) instead of drawing one.</summary>
    public bool AllTasks { get; init; } = true;
    /// <summary>Seed of task and ξ draws.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Trajectory points to record (log-spaced in steps).</summary>
    public int Points { get; init; } = 60;
    /// <summary>Lower bound on q for the adaptive estimator.</summary>
    public double MinProbability { get; init; } = 0.05;

    /// <inheritdoc/>
    public ToyRunOptions Validate()
    {
        if (Steps < 2) throw new InvalidOptionException(nameof(Steps), $"need at least 2 steps, got {Steps}");
        Check.Positive(StepSize, nameof(StepSize));
        Check.Positive(DecaySteps, nameof(DecaySteps));
        if (Points < 2) throw new InvalidOptionException(nameof(Points), $"need at least 2 points, got {Points}");
        return this;
    }
}
