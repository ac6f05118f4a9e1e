using Helix.Torch;
using Helix.Core;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Training;

/// <summary>
/// A generic training loop: the caller gives a model, a batch source and a loss function; the trainer runs AdamW
/// with warmup + cosine decay and gradient clipping, validates, logs, plots and checkpoints. A run resumed from a
/// checkpoint (<see cref="Resume"/>) continues with exactly the losses an uninterrupted run would have had: the data
/// RNG, the batch source's position, libtorch's generator, the optimizer moments and the step are all restored.
/// </summary>
/// <typeparam name="TBatch">The batch type; it holds plain data, and the loss function makes its tensors.</typeparam>
public sealed class Trainer<TBatch> : IDisposable
{
    const double SmoothingRate = 0.02;

    readonly nn.Module _model;
    readonly TrainingOptions _options;
    readonly IBatchSource<TBatch> _source;
    readonly BatchLoss<TBatch> _loss;
    readonly Func<IEnumerable<TBatch>>? _validation;
    readonly Action<long>? _afterStep;
    readonly JsonNode? _config;
    readonly AdamW _optimizer;
    readonly List<Parameter> _parameters;
    readonly SplitMix64 _rng;

    long _step;
    double _elapsedBefore;
    long _tokensSeen;
    double _smoothLoss = double.NaN, _smoothAccuracy = double.NaN;
    bool _resumed;

    /// <summary>The AdamW optimizer (two groups: decayed matrices, and the rest).</summary>
    public AdamW Optimizer => _optimizer;

    /// <summary>Steps done so far (the checkpoint's step after <see cref="Resume"/>).</summary>
    public long Step => _step;

    /// <summary>Sets up a run; seeds libtorch's generator and the data RNG from <see cref="TrainingOptions.Seed"/>.</summary>
    /// <param name="model">The module to train (its parameters; <c>train()</c>/<c>eval()</c> are switched here).</param>
    /// <param name="options">Budget, optimizer settings and output paths.</param>
    /// <param name="source">Training batches.</param>
    /// <param name="loss">Loss and counts for a batch.</param>
    /// <param name="validation">Fixed validation batches (enumerated afresh at each validation), or null.</param>
    /// <param name="afterStep">Called after each optimizer step with the step number (e.g. random-feature redraws).</param>
    /// <param name="config">The caller's configuration, stored in checkpoints so a model can be rebuilt from one.</param>
    public Trainer(nn.Module model, TrainingOptions options, IBatchSource<TBatch> source, BatchLoss<TBatch> loss,
        Func<IEnumerable<TBatch>>? validation = null, Action<long>? afterStep = null, JsonNode? config = null)
    {
        options.Validate();
        _model = model;
        _options = options;
        _source = source;
        _loss = loss;
        _validation = validation;
        _afterStep = afterStep;
        _config = config?.DeepClone();
        _optimizer = AdamWSetup.Create(model, options.LearningRate, options.WeightDecay, options.Beta1, options.Beta2);
        _parameters = _optimizer.parameters().ToList();
        _rng = new SplitMix64(options.Seed);
        random.manual_seed(unchecked((long)options.Seed));
    }

    /// <summary>Loads a checkpoint written by a run with the same model shape; training then continues after its step.</summary>
    public CheckpointHeader Resume(string checkpointPath)
    {
        var header = CheckpointFile.Load(checkpointPath, _model, _optimizer);
        if (header.Step >= _options.Steps)
            throw new ArgumentException($"{checkpointPath}: the checkpoint is at step {header.Step}, which already reaches the run's {_options.Steps} steps; give more --steps to continue.");
        _step = header.Step;
        _rng.State = header.DataRngState;
        _source.LoadState(header.SourceState);
        TorchRandomState.Set(header.TorchRngState);
        _elapsedBefore = header.ElapsedSeconds;
        _tokensSeen = header.TokensSeen;
        _smoothLoss = header.SmoothedLoss;
        _smoothAccuracy = header.SmoothedAccuracy;
        _resumed = true;
        return header;
    }

    /// <summary>Trains until <see cref="TrainingOptions.Steps"/>, the stop-after step, the time limit, or cancellation.</summary>
    public TrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        long startStep = _step;
        var losses = new List<double>();
        var validations = new List<ValidationResult>();
        using var log = _options.MetricsPath is { } mp ? new MetricsLog(mp, _resumed ? startStep : null) : null;
        var wall = Stopwatch.StartNew();
        double trainSeconds = 0;
        long tokensThisRun = 0;
        long lastValidated = -1, lastCheckpoint = -1;
        bool stoppedEarly = false;

        while (_step < _options.Steps)
        {
            if (cancel.IsCancellationRequested || _step >= (_options.StopAfterStep ?? long.MaxValue)
                || (_options.TimeLimit is { } limit && wall.Elapsed >= limit))
            {
                stoppedEarly = true;
                break;
            }
            long step = _step + 1;
            double lr = _options.Schedule.At(step);
            var clock = Stopwatch.StartNew();
            var (loss, correct, targets, tokens) = TrainStep(lr);
            trainSeconds += clock.Elapsed.TotalSeconds;
            _step = step;
            _afterStep?.Invoke(step);
            if (!double.IsFinite(loss))
                throw new InvalidOperationException($"training diverged at step {step} (loss {loss}); lower the learning rate or raise warmup.");

            double accuracy = targets > 0 ? (double)correct / targets : 0;
            _smoothLoss = double.IsNaN(_smoothLoss) ? loss : _smoothLoss + SmoothingRate * (loss - _smoothLoss);
            _smoothAccuracy = double.IsNaN(_smoothAccuracy) ? accuracy : _smoothAccuracy + SmoothingRate * (accuracy - _smoothAccuracy);
            _tokensSeen += tokens;
            tokensThisRun += tokens;
            losses.Add(loss);
            double elapsed = _elapsedBefore + wall.Elapsed.TotalSeconds;
            double tps = trainSeconds > 0 ? tokensThisRun / trainSeconds : 0;
            log?.Write(new JsonObject
            {
                ["kind"] = "train", ["step"] = step, ["loss"] = loss, ["accuracy"] = accuracy, ["lr"] = lr,
                ["tokens"] = _tokensSeen, ["tokensPerSecond"] = Math.Round(tps, 1), ["elapsedSeconds"] = Math.Round(elapsed, 3),
                ["processCpuSeconds"] = Math.Round(ProcessCpuSeconds(), 2),   // shared machines: CPU time is the fairer clock
            });

            ValidationResult? v = null;
            if (_validation != null && _options.ValidateEvery > 0 && step % _options.ValidateEvery == 0)
            {
                v = Validate(step, log, validations);
                lastValidated = step;
            }
            var eta = TimeSpan.FromSeconds(wall.Elapsed.TotalSeconds / (step - startStep) * (_options.Steps - step));
            progress?.Report(new TrainingProgress(step, _options.Steps, loss, accuracy, _smoothLoss, _smoothAccuracy, lr, tps,
                TimeSpan.FromSeconds(elapsed), eta, v));

            if (_options.CheckpointPath != null && _options.CheckpointEvery > 0 && step % _options.CheckpointEvery == 0)
            {
                WriteCheckpoint(_elapsedBefore + wall.Elapsed.TotalSeconds);
                lastCheckpoint = step;
            }
        }

        if (_validation != null && lastValidated != _step && _step > 0)
        {
            var v = Validate(_step, log, validations);
            progress?.Report(new TrainingProgress(_step, _options.Steps, losses.LastOrDefault(double.NaN), double.NaN, _smoothLoss,
                _smoothAccuracy, _options.Schedule.At(_step), trainSeconds > 0 ? tokensThisRun / trainSeconds : 0,
                TimeSpan.FromSeconds(_elapsedBefore + wall.Elapsed.TotalSeconds), TimeSpan.Zero, v));
        }
        double total = _elapsedBefore + wall.Elapsed.TotalSeconds;
        if (_options.CheckpointPath != null && lastCheckpoint != _step && _step > startStep) WriteCheckpoint(total);
        if (_options.PlotPath != null && log != null) TrainingCurvePlot.Save(_options.PlotPath, log.Records);
        return new TrainingResult(startStep, _step, losses, validations, TimeSpan.FromSeconds(total),
            trainSeconds > 0 ? tokensThisRun / trainSeconds : 0, stoppedEarly);
    }

    static double ProcessCpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    (double Loss, long Correct, long Targets, long Tokens) TrainStep(double lr)
    {
        foreach (var g in _optimizer.ParamGroups) g.LearningRate = lr;
        var batch = _source.Next(_rng);
        _model.train();
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        var outcome = _loss(batch, true);
        if (!outcome.GradientsFilled) outcome.Loss.backward();
        if (_options.ClipNorm > 0) nn.utils.clip_grad_norm_(_parameters, _options.ClipNorm);
        _optimizer.step();
        return (outcome.Loss.item<float>(), outcome.Correct, outcome.Targets, outcome.Tokens);
    }

    /// <summary>Loss and accuracy over the validation batches; leaves libtorch's generator as it found it.</summary>
    ValidationResult Validate(long step, MetricsLog? log, List<ValidationResult> into)
    {
        var result = Evaluate(step);
        into.Add(result);
        log?.Write(new JsonObject
        {
            ["kind"] = "validation", ["step"] = step, ["loss"] = result.Loss, ["accuracy"] = result.Accuracy,
            ["perplexity"] = result.Perplexity, ["targets"] = result.Targets,
        });
        if (_options.PlotPath != null && log != null) TrainingCurvePlot.Save(_options.PlotPath, log.Records);
        return result;
    }

    /// <summary>Evaluates the validation batches now (eval mode, no grad), without touching the training state.</summary>
    public ValidationResult Evaluate(long step)
    {
        if (_validation == null) throw new InvalidOperationException("no validation batches were given");
        var rngState = TorchRandomState.Get();
        _model.eval();
        double lossSum = 0;
        long correct = 0, targets = 0;
        using (no_grad())
        {
            foreach (var batch in _validation())
            {
                using var scope = NewDisposeScope();
                var o = _loss(batch, false);
                lossSum += o.Loss.item<float>() * (double)o.Targets;
                correct += o.Correct;
                targets += o.Targets;
            }
        }
        _model.train();
        TorchRandomState.Set(rngState);
        return new ValidationResult(step, targets > 0 ? lossSum / targets : double.NaN, targets > 0 ? (double)correct / targets : double.NaN, targets);
    }

    void WriteCheckpoint(double elapsedSeconds)
    {
        var header = new CheckpointHeader(_step, _rng.State, TorchRandomState.Get(), _source.SaveState(), _config,
            JsonSerializer.SerializeToNode(_options), elapsedSeconds, _tokensSeen, _smoothLoss, _smoothAccuracy);
        CheckpointFile.Write(_options.CheckpointPath!, header, _model, _optimizer);
    }

    /// <summary>Frees the optimizer state.</summary>
    public void Dispose() => _optimizer.Dispose();
}
