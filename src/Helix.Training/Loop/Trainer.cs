using Helix.Core;
using Helix.Torch;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Training;

/// <summary>
/// A generic training loop: the caller gives a model, a batch source and a loss function; the trainer runs AdamW
/// with warmup + cosine decay and gradient clipping. Everything else watches the loop as an
/// <see cref="ITrainingObserver"/>: the metrics log, validation, progress and checkpoints are built in (switched on
/// by <see cref="TrainingOptions"/>), and a host adds its own with <see cref="Use"/> (a plot of the curves, say).
/// A run resumed from a checkpoint (<see cref="Resume"/>) continues with exactly the losses an uninterrupted run
/// would have had: the data RNG, the batch source's position, libtorch's generator, the optimizer moments and the
/// step are all restored.
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
    readonly List<ITrainingObserver> _observers = new();

    // Where training stands; all of it goes into a checkpoint.
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

    /// <summary>Adds an observer of the loop; it runs after the built-in ones, in the order added. Returns this trainer.</summary>
    public Trainer<TBatch> Use(ITrainingObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Add(observer);
        return this;
    }

    /// <summary>Loads a checkpoint written by a run with the same model shape; training then continues after its step.</summary>
    /// <exception cref="InvalidOptionException">The checkpoint already reaches <see cref="TrainingOptions.Steps"/>.</exception>
    public CheckpointHeader Resume(string checkpointPath)
    {
        var header = CheckpointFile.Load(checkpointPath, _model, _optimizer);
        if (header.Step >= _options.Steps)
            throw new InvalidOptionException(nameof(TrainingOptions.Steps),
                $"the checkpoint {checkpointPath} is at step {header.Step}, which already reaches the run's {_options.Steps} steps; give more steps to continue.");
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
    /// <param name="progress">Receives a report after each step (with the validation, when one ran at that step).</param>
    /// <param name="cancel">Stops the loop before the next step; the final validation and checkpoint still run.</param>
    public TrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        var clock = new TrainingClock(_step, _elapsedBefore);
        var observers = new ObserverChain();
        using var metrics = _options.MetricsPath is { } path ? new MetricsObserver(new MetricsLog(path, _resumed ? _step : null)) : null;
        var validator = _validation is null ? null : new ValidationObserver(Evaluate, _options.ValidateEvery, observers);
        observers.Add(metrics);
        observers.Add(validator);
        observers.Add(progress is null ? null : new ProgressObserver(progress, step => validator?.ValidatesAt(step) ?? false));
        observers.Add(_options.CheckpointPath is null ? null
            : new CheckpointObserver(() => WriteCheckpoint(clock.ElapsedSeconds), _options.CheckpointEvery, clock.StartStep));
        foreach (var o in _observers) observers.Add(o);

        bool stoppedEarly = false;
        while (_step < _options.Steps)
        {
            if (ShouldStop(clock, cancel))
            {
                stoppedEarly = true;
                break;
            }
            observers.OnStep(TrainStep(clock));
        }
        observers.OnRunEnded(_step, stoppedEarly);
        return new TrainingResult(clock.StartStep, _step, clock.Losses, validator?.Results ?? [],
            TimeSpan.FromSeconds(clock.ElapsedSeconds), clock.TokensPerSecond, stoppedEarly);
    }

    bool ShouldStop(TrainingClock clock, CancellationToken cancel) =>
        cancel.IsCancellationRequested || _step >= (_options.StopAfterStep ?? long.MaxValue)
        || (_options.TimeLimit is { } limit && clock.Wall.Elapsed >= limit);

    /// <summary>One optimizer step on the next batch; updates the run's counters and the moving averages.</summary>
    TrainingStepResult TrainStep(TrainingClock clock)
    {
        long step = _step + 1;
        double lr = _options.Schedule.At(step);
        var timer = Stopwatch.StartNew();
        var (loss, correct, targets, tokens) = Optimize(lr);
        clock.TrainSeconds += timer.Elapsed.TotalSeconds;
        _step = step;
        _afterStep?.Invoke(step);
        if (!double.IsFinite(loss))
            throw new InvalidOperationException($"training diverged at step {step} (loss {loss}); lower the learning rate or raise warmup.");

        double accuracy = targets > 0 ? (double)correct / targets : 0;
        _smoothLoss = double.IsNaN(_smoothLoss) ? loss : _smoothLoss + SmoothingRate * (loss - _smoothLoss);
        _smoothAccuracy = double.IsNaN(_smoothAccuracy) ? accuracy : _smoothAccuracy + SmoothingRate * (accuracy - _smoothAccuracy);
        _tokensSeen += tokens;
        clock.TokensThisRun += tokens;
        clock.Losses.Add(loss);
        var eta = TimeSpan.FromSeconds(clock.Wall.Elapsed.TotalSeconds / (step - clock.StartStep) * (_options.Steps - step));
        return new TrainingStepResult(step, _options.Steps, loss, accuracy, _smoothLoss, _smoothAccuracy, lr, _tokensSeen,
            clock.TokensPerSecond, TimeSpan.FromSeconds(clock.ElapsedSeconds), eta);
    }

    (double Loss, long Correct, long Targets, long Tokens) Optimize(double lr)
    {
        foreach (var g in _optimizer.ParamGroups) g.LearningRate = lr;
        var batch = _source.Next(_rng);
        _model.train();
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        var result = _loss(batch, true);
        if (!result.GradientsFilled) result.Loss.backward();
        if (_options.ClipNorm > 0) nn.utils.clip_grad_norm_(_parameters, _options.ClipNorm);
        _optimizer.step();
        return (result.Loss.item<float>(), result.Correct, result.Targets, result.Tokens);
    }

    /// <summary>Evaluates the validation batches now (eval mode, no grad), without touching the training state.</summary>
    /// <param name="step">The step to stamp on the result.</param>
    /// <exception cref="InvalidOperationException">No validation batches were given.</exception>
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
                var r = _loss(batch, false);
                lossSum += r.Loss.item<float>() * (double)r.Targets;
                correct += r.Correct;
                targets += r.Targets;
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
