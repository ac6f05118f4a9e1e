using Helix.Attention.Slim;
using Helix.Core;
using Helix.LanguageModels.Data;
using Helix.Training;

namespace Helix.LanguageModels.Jobs;

/// <summary>Everything an <see cref="LmTrainingJob"/> run needs: the data, the model, the memory mode and the training budget.</summary>
public sealed record LmTrainingOptions : IValidatable<LmTrainingOptions>
{
    /// <summary>A text file (byte tokens) or a FASTA/UniProt file (amino-acid tokens).</summary>
    public required string DataPath { get; init; }
    /// <summary>Token kind (<see cref="LmTokens.Auto"/>: amino-acid tokens for FASTA, bytes otherwise). A resumed run keeps its checkpoint's.</summary>
    public LmTokens Tokens { get; init; } = LmTokens.Auto;
    /// <summary>SLiM memory mode: full, or chunked over slices of C tokens (same gradients, memory O(C) in the length). May change across resumes.</summary>
    public MemoryMode Memory { get; init; } = MemoryMode.Full;
    /// <summary>Model shape for a new run (a resumed run takes its checkpoint's).</summary>
    public LmModelConfig Model { get; init; } = new();
    /// <summary>Sequences per step.</summary>
    public int BatchSize { get; init; } = 8;
    /// <summary>Fixed validation batches (consecutive windows of the held-out part).</summary>
    public int ValidationBatches { get; init; } = 4;
    /// <summary>Folder of the run's checkpoint, metrics log, plot and report.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("runs", "lm");
    /// <summary>Continue the run in <see cref="OutputDirectory"/> from its checkpoint; the losses continue exactly.</summary>
    public bool Resume { get; init; }
    /// <summary>Steps, learning rate, schedule, seed (weights, data order, dropout), intervals and time limit. Output paths are set from <see cref="OutputDirectory"/>.</summary>
    public TrainingOptions Training { get; init; } = new() { Steps = 500, LearningRate = 1e-3, WarmupSteps = 50, ValidateEvery = 100, CheckpointEvery = 100 };

    /// <summary>Checkpoint file of the run.</summary>
    public string CheckpointPath => Path.Combine(OutputDirectory, "model.ckpt");
    /// <summary>JSONL metrics log of the run.</summary>
    public string MetricsPath => Path.Combine(OutputDirectory, "metrics.jsonl");
    /// <summary>Where a host draws the curves (the job itself draws nothing).</summary>
    public string PlotPath => Path.Combine(OutputDirectory, "curves.png");
    /// <summary>JSON report written at the end.</summary>
    public string ReportPath => Path.Combine(OutputDirectory, "report.json");

    /// <summary>Checks every value; throws <see cref="InvalidOptionException"/> naming the first bad property.</summary>
    public LmTrainingOptions Validate()
    {
        Check.That(!string.IsNullOrWhiteSpace(DataPath), nameof(DataPath), "give a text or FASTA file");
        Check.That(!string.IsNullOrWhiteSpace(OutputDirectory), nameof(OutputDirectory), "give a folder for the run");
        Check.That(Enum.IsDefined(Tokens), nameof(Tokens), $"unknown token kind {Tokens}");
        Check.That(BatchSize >= 1, nameof(BatchSize), $"must be a positive integer, got {BatchSize}");
        Check.That(ValidationBatches >= 0, nameof(ValidationBatches), $"must be zero or more, got {ValidationBatches}");
        Model.Validate();
        Training.Validate();
        return this;
    }
}
