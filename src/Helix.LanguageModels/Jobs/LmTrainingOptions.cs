using Helix.Attention.Slim;
using Helix.Core;
using Helix.FixTypes;
using Helix.LanguageModels.Data;
using Helix.Training;

namespace Helix.LanguageModels.Jobs;

/// <summary>
/// Everything an <see cref="LmTrainingJob"/> run needs: the data, the model, the memory mode and the training budget.
/// A fixtype in reject mode, like <see cref="LmModelConfig"/>: each field's constraint is declared on it and an
/// assignment of an invalid value throws <see cref="InvalidOptionException"/> naming the property ("BatchSize: must be
/// at least 1, got 0"). <see cref="DataPath"/> is <c>required</c>, and the defaults that are not constants come from
/// static members (<see cref="DefaultFromAttribute"/>). <see cref="Validate"/> adds what no fixing can supply (a data
/// file and an output folder must be given) and the nested options' own checks.
/// </summary>
[FixType(OnInvalid = FixPolicy.Reject)]
public sealed partial record LmTrainingOptions : IValidatable<LmTrainingOptions>
{
    /// <summary>A text file (byte tokens) or a FASTA/UniProt file (amino-acid tokens).</summary>
    public required partial string DataPath { get; init; }
    /// <summary>Token kind (<see cref="LmTokens.Auto"/>: amino-acid tokens for FASTA, bytes otherwise). A resumed run keeps its checkpoint's.</summary>
    [Default(LmTokens.Auto)] public partial LmTokens Tokens { get; init; }
    /// <summary>SLiM memory mode: full, or chunked over slices of C tokens (same gradients, memory O(C) in the length). May change across resumes.</summary>
    [DefaultFrom(nameof(FullMemory))] public partial MemoryMode Memory { get; init; }
    /// <summary>Model shape for a new run (a resumed run takes its checkpoint's).</summary>
    public partial LmModelConfig Model { get; init; }
    /// <summary>Sequences per step.</summary>
    [Range(1, int.MaxValue), Default(8)] public partial int BatchSize { get; init; }
    /// <summary>Fixed validation batches (consecutive windows of the held-out part).</summary>
    [Nat, Default(4)] public partial int ValidationBatches { get; init; }
    /// <summary>Folder of the run's checkpoint, metrics log, plot and report.</summary>
    [DefaultFrom(nameof(DefaultOutputDirectory))] public partial string OutputDirectory { get; init; }
    /// <summary>Continue the run in <see cref="OutputDirectory"/> from its checkpoint; the losses continue exactly.</summary>
    public partial bool Resume { get; init; }
    /// <summary>Steps, learning rate, schedule, seed (weights, data order, dropout), intervals and time limit. Output paths are set from <see cref="OutputDirectory"/>.</summary>
    [DefaultFrom(nameof(DefaultTraining))] public partial TrainingOptions Training { get; init; }

    private static MemoryMode FullMemory => MemoryMode.Full;
    private static string DefaultOutputDirectory => Path.Combine("runs", "lm");
    private static TrainingOptions DefaultTraining => new() { Steps = 500, LearningRate = 1e-3, WarmupSteps = 50, ValidateEvery = 100, CheckpointEvery = 100 };

    /// <summary>Checkpoint file of the run.</summary>
    public string CheckpointPath => Path.Combine(OutputDirectory, "model.ckpt");
    /// <summary>JSONL metrics log of the run.</summary>
    public string MetricsPath => Path.Combine(OutputDirectory, "metrics.jsonl");
    /// <summary>Where a host draws the curves (the job itself draws nothing).</summary>
    public string PlotPath => Path.Combine(OutputDirectory, "curves.png");
    /// <summary>JSON report written at the end.</summary>
    public string ReportPath => Path.Combine(OutputDirectory, "report.json");

    /// <summary>Checks every value; throws <see cref="InvalidOptionException"/> naming the first bad property (the fields
    /// are checked on assignment; this adds the data file and output folder, which must be given, and the nested checks).</summary>
    public LmTrainingOptions Validate()
    {
        Check.That(!string.IsNullOrWhiteSpace(DataPath), nameof(DataPath), "give a text or FASTA file");
        Check.That(!string.IsNullOrWhiteSpace(OutputDirectory), nameof(OutputDirectory), "give a folder for the run");
        Model.Validate();   // before Checked: an invalid model is reported by the model, naming its own property
        Training.Validate();
        return Checked();
    }

    private static partial Exception Invalid(string property, string reason) => new InvalidOptionException(property, reason);
}
