using Helix.Core;

namespace Helix.Orthogonal;

/// <summary>How <see cref="FlowTraining"/> runs an orthogonal optimizer on a problem.</summary>
public sealed record FlowOptions : IValidatable<FlowOptions>
{
    /// <summary>Steps at most.</summary>
    public long Steps { get; init; } = 1000;
    /// <summary>Stop after this much optimizer time (null: no limit).</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>Stop once the relative error (f − f*)/(f₀ − f*) is at most this (0: never).</summary>
    public double TargetError { get; init; }
    /// <summary>Measure the relative error every this many steps (not timed).</summary>
    public long EvaluateEvery { get; init; } = 10;

    /// <inheritdoc/>
    public FlowOptions Validate()
    {
        Check.Positive(Steps, nameof(Steps));
        Check.NonNegative(TargetError, nameof(TargetError));
        Check.Positive(EvaluateEvery, nameof(EvaluateEvery));
        Check.That(TimeLimit is null || TimeLimit > TimeSpan.Zero, nameof(TimeLimit), "must be positive");
        return this;
    }
}
