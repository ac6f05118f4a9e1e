namespace Helix.Training;

/// <summary>How to train: the step budget, optimizer settings, and where the run writes its files.</summary>
public sealed record TrainingOptions
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
    /// <summary>PNG of the training and validation curves, redrawn at each validation, or null for none.</summary>
    public string? PlotPath { get; init; }

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (Steps < 1) throw new ArgumentException($"steps must be ≥ 1, got {Steps}");
        if (StopAfterStep is < 1) throw new ArgumentException($"stop-after step must be ≥ 1, got {StopAfterStep}");
        if (!(ClipNorm >= 0) && !(ClipNorm <= 0)) throw new ArgumentException("clip norm must be a number");
        if (WeightDecay < 0 || !double.IsFinite(WeightDecay)) throw new ArgumentException($"weight decay must be ≥ 0, got {WeightDecay}");
        if (ValidateEvery < 0 || CheckpointEvery < 0) throw new ArgumentException("validation and checkpoint intervals must be ≥ 0");
        if (Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1) throw new ArgumentException($"AdamW betas must be in [0, 1), got {Beta1}, {Beta2}");
        Schedule.Validate();
    }

    /// <summary>The learning-rate schedule these options describe.</summary>
    public WarmupCosineSchedule Schedule => new(LearningRate, WarmupSteps, Steps, MinLearningRateFraction);
}
