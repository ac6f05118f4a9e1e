using Helix.Core;
using Helix.Training;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Trains a model on the copying task with <see cref="Trainer{TBatch}"/>: Adam (AdamW without weight decay, β = 0.9,
/// 0.99) at a constant learning rate, gradient clipping, fresh random batches each step and a fixed held-out batch.
/// Deterministic for a seed (single-threaded libtorch gives identical losses); with a checkpoint path it writes
/// atomic checkpoints, and a run resumed from one (<see cref="CopyingOptions.ResumeFrom"/>) continues with exactly
/// the losses of an uninterrupted run.
/// </summary>
public static class CopyingTraining
{
    /// <summary>Builds the model of <paramref name="options"/> (the LSTM matched to the orthogonal RNN's parameter count).</summary>
    public static nn.Module<Tensor, Tensor> CreateModel(CopyingOptions options)
    {
        options.Validate();
        if (options.Model == CopyingModelKind.Lstm)
        {
            long target = OrthogonalRnnParameters(options.Hidden);
            return new LstmClassifier(CopyingTask.Vocab, LstmClassifier.HiddenFor(target, CopyingTask.Vocab, CopyingTask.Classes), CopyingTask.Classes, options.Seed);
        }
        var kind = options.Model switch
        {
            CopyingModelKind.Cwy => OrthogonalMapKind.Cwy,
            CopyingModelKind.Householder => OrthogonalMapKind.Householder,
            CopyingModelKind.Expm => OrthogonalMapKind.MatrixExp,
            _ => OrthogonalMapKind.Cayley,
        };
        return new OrthogonalRnn(CopyingTask.Vocab, options.Hidden, CopyingTask.Classes, kind, seed: options.Seed, init: options.Init);
    }

    /// <summary>Parameters of the CWY orthogonal RNN of hidden size N with L = N (the count the LSTM is matched to).</summary>
    public static long OrthogonalRnnParameters(long hidden) =>
        CopyingTask.Vocab * hidden + hidden * hidden + hidden + hidden * CopyingTask.Classes + CopyingTask.Classes;

    /// <summary>Trains <paramref name="model"/> (from <see cref="CreateModel"/>) until the step or time budget ends.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">The run.</param>
    /// <param name="progress">A report after each step (with the held-out loss when it was measured).</param>
    /// <param name="cancel">Stops before the next step (the final evaluation and checkpoint still run).</param>
    /// <param name="observers">More observers of the trainer (a plot, say).</param>
    public static CopyingResult Run(nn.Module<Tensor, Tensor> model, CopyingOptions options,
        IProgress<CopyingProgress>? progress = null, CancellationToken cancel = default, IEnumerable<ITrainingObserver>? observers = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options.Validate();
        var heldOut = CopyingTask.Generate(options.EvaluationBatch, options.Delay, new SplitMix64((ulong)SplitMix64.Combine(options.Seed, 11)));
        var training = new TrainingOptions
        {
            Steps = options.Steps, TimeLimit = options.TimeLimit, StopAfterStep = options.StopAfterStep,
            LearningRate = options.LearningRate, WarmupSteps = 0, MinLearningRateFraction = 1, WeightDecay = 0,
            Beta1 = 0.9, Beta2 = 0.99, ClipNorm = options.ClipNorm, Seed = (ulong)SplitMix64.Combine(options.Seed, 10),
            ValidateEvery = options.EvaluateEvery, CheckpointEvery = options.CheckpointPath is null ? 0 : options.CheckpointEvery,
            CheckpointPath = options.CheckpointPath, MetricsPath = options.MetricsPath,
        };
        BatchResult Loss(CopyingBatch batch, bool train)
        {
            var (x, y) = CopyingTask.ToTensors(batch);
            var logits = model.call(x);
            long correct = logits.argmax(-1).eq(y).sum().item<long>();
            return new BatchResult(CopyingTask.Loss(logits, y), correct, y.numel(), y.numel());
        }
        var recorder = new EvaluationRecorder();
        using var trainer = new Trainer<CopyingBatch>(model, training, new CopyingSource(options.BatchSize, options.Delay), Loss,
            () => [heldOut], config: new JsonObject { ["model"] = options.Model.ToString(), ["hidden"] = options.Hidden, ["delay"] = options.Delay });
        trainer.Use(recorder);
        foreach (var o in observers ?? []) trainer.Use(o);
        if (options.ResumeFrom is { } resume) trainer.Resume(resume);
        var result = trainer.Run(progress is null ? null
            : new SyncProgress<TrainingProgress>(p => progress.Report(new CopyingProgress(p.Step, p.Elapsed.TotalSeconds, p.Loss, p.Validation?.Loss))), cancel);
        long parameters = model.parameters().Sum(p => p.numel());
        long hidden = model is LstmClassifier lstm ? lstm.Hidden : options.Hidden;
        var evaluations = recorder.Evaluations;
        double last = evaluations.Count > 0 ? evaluations[^1].Loss : double.NaN;
        double best = evaluations.Count > 0 ? evaluations.Min(e => e.Loss) : double.NaN;
        return new CopyingResult(options.Model, parameters, hidden, result.FinalStep, result.Elapsed.TotalSeconds, last, best,
            CopyingTask.MemorylessLoss(options.Delay), evaluations);
    }

    /// <summary>Fresh random batches from the trainer's data generator (no position of its own).</summary>
    sealed class CopyingSource(int batch, int delay) : IBatchSource<CopyingBatch>
    {
        public CopyingBatch Next(SplitMix64 rng) => CopyingTask.Generate(batch, delay, rng);
        public JsonNode? SaveState() => null;
        public void LoadState(JsonNode? state) { }
    }

    /// <summary>Collects (step, elapsed seconds, held-out loss) at each evaluation.</summary>
    sealed class EvaluationRecorder : ITrainingObserver
    {
        double _seconds;
        public List<(long Step, double Seconds, double Loss)> Evaluations { get; } = [];
        public void OnStep(TrainingStepResult step) => _seconds = step.Elapsed.TotalSeconds;
        public void OnValidation(ValidationResult validation) => Evaluations.Add((validation.Step, _seconds, validation.Loss));
    }
}
