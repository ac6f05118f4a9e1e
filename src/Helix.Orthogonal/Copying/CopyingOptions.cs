using Helix.Core;

namespace Helix.Orthogonal;

/// <summary>How to train a model on the copying task.</summary>
public sealed record CopyingOptions : IValidatable<CopyingOptions>
{
    /// <summary>Which model.</summary>
    public CopyingModelKind Model { get; init; } = CopyingModelKind.Cwy;
    /// <summary>The delay T (sequences have T + 20 steps).</summary>
    public int Delay { get; init; } = 200;
    /// <summary>Hidden size N of the orthogonal RNN (the LSTM gets the hidden size of equal parameter count).</summary>
    public int Hidden { get; init; } = 128;
    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Optimizer steps at most.</summary>
    public long Steps { get; init; } = 2000;
    /// <summary>Stop after this much training time (null: no limit).</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>Adam learning rate (RMSprop-like β₂ = 0.99 as in the orthogonal-RNN literature).</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Evaluate on a fixed held-out batch every this many steps.</summary>
    public long EvaluateEvery { get; init; } = 25;
    /// <summary>Sequences in the held-out batch.</summary>
    public int EvaluationBatch { get; init; } = 128;
    /// <summary>Seed of the weights and the data.</summary>
    public long Seed { get; init; } = 1;

    /// <inheritdoc/>
    public CopyingOptions Validate()
    {
        Check.Positive(Delay, nameof(Delay));
        Check.Positive(Hidden, nameof(Hidden));
        Check.Positive(BatchSize, nameof(BatchSize));
        Check.Positive(Steps, nameof(Steps));
        Check.Positive(LearningRate, nameof(LearningRate));
        Check.Positive(EvaluateEvery, nameof(EvaluateEvery));
        Check.Positive(EvaluationBatch, nameof(EvaluationBatch));
        Check.That(TimeLimit is null || TimeLimit > TimeSpan.Zero, nameof(TimeLimit), "must be positive");
        Check.That(Enum.IsDefined(Model), nameof(Model), $"unknown model {Model}");
        return this;
    }
}
