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
    public int Hidden { get; init; } = 64;
    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Optimizer steps at most.</summary>
    public long Steps { get; init; } = 2000;
    /// <summary>Stop after this much training time (null: no limit).</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>Adam learning rate (constant; RMSprop-like β₂ = 0.99 as in the orthogonal-RNN literature). The defaults
    /// (hidden 64, batch 32, 3e-3, <see cref="RecurrentInit.Rotations"/>) were tuned on T = 200 (BENCHMARKS.md).</summary>
    public double LearningRate { get; init; } = 3e-3;
    /// <summary>Clip the gradient's global norm to this (0: no clipping).</summary>
    public double ClipNorm { get; init; } = 1.0;
    /// <summary>The start of the recurrent matrix Q (ignored by the LSTM).</summary>
    public RecurrentInit Init { get; init; } = RecurrentInit.Rotations;
    /// <summary>Stop after this step (a checkpoint is written there; resuming continues to <see cref="Steps"/>).</summary>
    public long? StopAfterStep { get; init; }
    /// <summary>Checkpoint file (model, Adam moments, data and libtorch random state), written every
    /// <see cref="CheckpointEvery"/> steps and at the end; null: none.</summary>
    public string? CheckpointPath { get; init; }
    /// <summary>Steps between checkpoints (0: only at the end).</summary>
    public long CheckpointEvery { get; init; } = 100;
    /// <summary>Continue from this checkpoint (written by a run with the same options): the losses are those of an uninterrupted run.</summary>
    public string? ResumeFrom { get; init; }
    /// <summary>JSONL metrics log (train and validation records), appended on resume; null: none.</summary>
    public string? MetricsPath { get; init; }
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
        Check.That(double.IsFinite(ClipNorm) && ClipNorm >= 0, nameof(ClipNorm), "must be zero or more");
        Check.That(Enum.IsDefined(Init), nameof(Init), $"unknown init {Init}");
        Check.That(StopAfterStep is null or >= 1, nameof(StopAfterStep), "must be at least 1");
        Check.That(CheckpointEvery >= 0, nameof(CheckpointEvery), "must be zero or more");
        Check.That(ResumeFrom is null || File.Exists(ResumeFrom), nameof(ResumeFrom), $"no checkpoint at {ResumeFrom}");
        Check.Positive(EvaluateEvery, nameof(EvaluateEvery));
        Check.Positive(EvaluationBatch, nameof(EvaluationBatch));
        Check.That(TimeLimit is null || TimeLimit > TimeSpan.Zero, nameof(TimeLimit), "must be positive");
        Check.That(Enum.IsDefined(Model), nameof(Model), $"unknown model {Model}");
        return this;
    }
}
