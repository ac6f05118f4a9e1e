using Helix.Core;

namespace Helix.Training;

/// <summary>How to train: the step budget, optimizer settings, and where the run writes its files.</summary>
public sealed record TrainingOptions : IValidatable<TrainingOptions>
{
    /// <summary>Optimizer steps in the full run (the cosine schedule ends here).</summary>
    public long Steps { get; init; } = 1000;
    /// <summary>Stop early once this much wall-clock time has passed in this process (null: no limit). The schedule still follows <see cref="Steps"/>.</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>Stop after this step even though <see cref="Steps"/> is larger (to split a run; the schedule is unchanged).</summary>
    public long? StopAfterStep { get; init; }
    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Linear warmup steps.</summary>
    public long WarmupSteps { get; init; } = 100;
    /// <summary>Final learning rate as a fraction of the peak.</summary>
    public double MinLearningRateFraction { get; init; } = 0.1;
    /// <summary>AdamW decoupled weight decay (applied to matrices only).</summary>
    public double WeightDecay { get; init; } = 0.01;
    /// <summary>AdamW β₁ and β₂.</summary>
    public double Beta1 { get; init; } = 0.9;
    /// <inheritdoc cref="Beta1"/>
    public double Beta2 { get; init; } = 0.98;
    /// <summary>Clip the global gradient L2 norm to this (≤ 0: no clipping).</summary>
    public double ClipNorm { get; init; } = 1.0;
    /// <summary>Seed of the data RNG and of libtorch's generator (dropout, random projections).</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Validate every this many steps (0: only at the end).</summary>
    public long ValidateEvery { get; init; } = 100;
    /// <summary>Checkpoint every this many steps (0: only at the end); needs <see cref="CheckpointPath"/>.</summary>
    public long CheckpointEvery { get; init; } = 100;
    /// <summary>Checkpoint file (written atomically), or null for none.</summary>
    public string? CheckpointPath { get; init; }
    /// <summary>JSONL metrics log, or null for none.</summary>
    public string? MetricsPath { get; init; }

    /// <summary>Checks the values; throws <see cref="InvalidOptionException"/> naming the first bad property.</summary>
    public TrainingOptions Validate()
    {
        Check.That(Steps >= 1, nameof(Steps), $"must be at least 1, got {Steps}");
        Check.That(StopAfterStep is null or >= 1, nameof(StopAfterStep), $"must be at least 1, got {StopAfterStep}");
        Check.That(TimeLimit is null || TimeLimit > TimeSpan.Zero, nameof(TimeLimit), $"must be positive, got {TimeLimit}");
        Check.That(double.IsFinite(LearningRate) && LearningRate > 0, nameof(LearningRate), $"must be a positive number, got {LearningRate}");
        Check.That(WarmupSteps >= 0, nameof(WarmupSteps), $"must be zero or more, got {WarmupSteps}");
        Check.InRange(MinLearningRateFraction, 0, 1, nameof(MinLearningRateFraction));
        Check.That(double.IsFinite(WeightDecay) && WeightDecay >= 0, nameof(WeightDecay), $"must be zero or more, got {WeightDecay}");
        Check.That(Beta1 is >= 0 and < 1, nameof(Beta1), $"must be in [0, 1), got {Beta1}");
        Check.That(Beta2 is >= 0 and < 1, nameof(Beta2), $"must be in [0, 1), got {Beta2}");
        Check.That(!double.IsNaN(ClipNorm), nameof(ClipNorm), "must be a number");
        Check.That(ValidateEvery >= 0, nameof(ValidateEvery), $"must be zero or more, got {ValidateEvery}");
        Check.That(CheckpointEvery >= 0, nameof(CheckpointEvery), $"must be zero or more, got {CheckpointEvery}");
        return this;
    }

    /// <summary>The learning-rate schedule these options describe.</summary>
    public WarmupCosineSchedule Schedule => new(LearningRate, WarmupSteps, Steps, MinLearningRateFraction);
}
