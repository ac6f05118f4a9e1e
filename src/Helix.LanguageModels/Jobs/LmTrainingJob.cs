using System.Text.Json;
using System.Text.Json.Serialization;
using Helix.Attention;
using Helix.Attention.Slim;
using Helix.Core;
using Helix.LanguageModels.Batching;
using Helix.LanguageModels.Data;
using Helix.Torch;
using Helix.Training;
using TorchSharp;

namespace Helix.LanguageModels.Jobs;

/// <summary>
/// Trains a causal Performer language model (the language-model twin of the protein job): reads the corpus, builds
/// the model (or rebuilds it from the checkpoint when resuming), and trains it with the Helix.Training kit. Each
/// step's loss and gradients come from SLiM in the chosen memory mode, so a run may switch between full and chunked
/// mode across resumes and sees the same numbers.
/// </summary>
public static class LmTrainingJob
{
    /// <summary>Runs the job.</summary>
    /// <param name="options">Data, model, memory mode, training budget, output folder.</param>
    /// <param name="progress">A report after each step (and validation).</param>
    /// <param name="cancel">Stops after the current step; the run is checkpointed, then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <param name="observers">Further observers of the training loop (for example the host's curves plot).</param>
    /// <exception cref="InvalidOptionException">A bad option, a new run over an existing checkpoint, or a resume on other data.</exception>
    /// <exception cref="FileNotFoundException">The data file, or the checkpoint to resume, does not exist.</exception>
    public static LmTrainingResult Run(LmTrainingOptions options, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancel = default, IEnumerable<ITrainingObserver>? observers = null)
    {
        options.Validate();
        TorchRuntime.EnsureLoaded();
        string checkpoint = options.CheckpointPath;
        var resumed = options.Resume ? ResumedConfig(checkpoint) : null;
        if (!options.Resume && File.Exists(checkpoint))
            throw new InvalidOptionException(nameof(LmTrainingOptions.Resume),
                $"{checkpoint} already exists: resume that run, or give another output folder.");
        var corpus = LmCorpus.Load(options.DataPath, resumed?.Tokens ?? options.Tokens);
        var run = resumed ?? new LmRunConfig(options.Model, corpus.Tokens, corpus.VocabSize);
        if (run.VocabSize != corpus.VocabSize)
            throw new InvalidOptionException(nameof(LmTrainingOptions.DataPath),
                $"{checkpoint} was trained with {run.VocabSize} token ids, but {options.DataPath} gives {corpus.VocabSize}; resume on the same kind of data.");

        var shape = run.Model;
        ulong seed = options.Training.Seed;
        torch.manual_seed(unchecked((long)seed));   // weight initialisation
        using var lm = new PerformerLM(new PerformerConfig
        {
            VocabSize = run.VocabSize, Dim = shape.Dim, Depth = shape.Depth, Heads = shape.Heads, Dropout = shape.Dropout,
            MaxLength = shape.Length, Position = PositionKind.Rotary, Causal = true,
            Attention = new AttentionConfig { NumFeatures = shape.Features, Redraw = RedrawPolicy.EveryNSteps(1000), Seed = unchecked((long)seed) },
        });
        var model = new PerformerLmSlices(lm);
        var source = new LmBatchSource(corpus.Train, corpus.PadId, options.BatchSize, shape.Length);
        var validation = LmBatchSource.Windows(corpus.Validation, corpus.PadId, options.BatchSize, shape.Length, options.ValidationBatches);
        var training = options.Training with { CheckpointPath = checkpoint, MetricsPath = options.MetricsPath };
        using var trainer = new Trainer<LmBatch>(lm, training, source, (b, t) => LmObjective.Loss(model, options.Memory, b, t),
            validation.Count > 0 ? () => validation : null, lm.OnTrainingStep, run.ToJson());
        foreach (var observer in observers ?? []) trainer.Use(observer);
        if (options.Resume) trainer.Resume(checkpoint);

        var r = trainer.Run(progress, cancel);
        if (r.StoppedEarly && cancel.IsCancellationRequested)
            throw new OperationCanceledException($"stopped at step {r.FinalStep}; the checkpoint {checkpoint} resumes the run.", cancel);

        var last = r.Validations.LastOrDefault();
        var result = new LmTrainingResult(options.Memory.ToString(), run.Tokens, shape, lm.parameters().Sum(p => p.numel()),
            r.StartStep, r.FinalStep, r.Losses, last?.Loss, last?.Perplexity, r.TokensPerSecond, r.Elapsed.TotalSeconds,
            r.StoppedEarly, Path.GetFullPath(checkpoint), Path.GetFullPath(options.MetricsPath));
        AtomicFile.WriteAllText(options.ReportPath, JsonSerializer.Serialize(result with { Losses = [] }, ReportJson));
        return result;
    }

    static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    static LmRunConfig ResumedConfig(string checkpoint)
    {
        if (!File.Exists(checkpoint))
            throw new FileNotFoundException($"{checkpoint} does not exist; train once without resuming (same output folder) first.", checkpoint);
        return LmRunConfig.FromJson(CheckpointFile.ReadHeader(checkpoint).Config, checkpoint);
    }
}
