using Helix.Core;
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Trains a model on the copying task with Adam (β = 0.9, 0.99), fresh random batches each step, and a fixed
/// held-out batch. Deterministic for a seed (single-threaded libtorch gives identical losses).
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
        return new OrthogonalRnn(CopyingTask.Vocab, options.Hidden, CopyingTask.Classes, kind, seed: options.Seed);
    }

    /// <summary>Parameters of the CWY orthogonal RNN of hidden size N with L = N (the count the LSTM is matched to).</summary>
    public static long OrthogonalRnnParameters(long hidden) =>
        CopyingTask.Vocab * hidden + hidden * hidden + hidden + hidden * CopyingTask.Classes + CopyingTask.Classes;

    /// <summary>Trains <paramref name="model"/> (from <see cref="CreateModel"/>) until the step or time budget ends.</summary>
    public static CopyingResult Run(nn.Module<Tensor, Tensor> model, CopyingOptions options,
        IProgress<CopyingProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options.Validate();
        var rng = new SplitMix64((ulong)SplitMix64.Combine(options.Seed, 10));
        var (evalX, evalY) = CopyingTask.ToTensors(CopyingTask.Generate(options.EvaluationBatch, options.Delay, new SplitMix64((ulong)SplitMix64.Combine(options.Seed, 11))));
        using var ex = evalX;
        using var ey = evalY;
        using var adam = optim.Adam(model.parameters(), options.LearningRate, beta1: 0.9, beta2: 0.99);
        var evaluations = new List<(long, double, double)>();
        var clock = new Stopwatch();
        double best = double.PositiveInfinity, last = double.NaN;
        long step = 0;
        model.train();
        while (step < options.Steps && !(options.TimeLimit is { } limit && clock.Elapsed >= limit))
        {
            cancel.ThrowIfCancellationRequested();
            clock.Start();
            double loss;
            using (var scope = NewDisposeScope())
            {
                var (x, y) = CopyingTask.ToTensors(CopyingTask.Generate(options.BatchSize, options.Delay, rng));
                adam.zero_grad();
                var l = CopyingTask.Loss(model.call(x), y);
                l.backward();
                nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                adam.step();
                loss = l.item<float>();
            }
            clock.Stop();
            step++;
            double? eval = null;
            bool final = step == options.Steps || (options.TimeLimit is { } t && clock.Elapsed >= t);
            if (step % options.EvaluateEvery == 0 || final)
            {
                eval = last = Evaluate(model, ex, ey);
                best = Math.Min(best, last);
                evaluations.Add((step, clock.Elapsed.TotalSeconds, last));
            }
            progress?.Report(new CopyingProgress(step, clock.Elapsed.TotalSeconds, loss, eval));
        }
        long parameters = model.parameters().Sum(p => p.numel());
        long hidden = model is LstmClassifier lstm ? lstm.Hidden : options.Hidden;
        return new CopyingResult(options.Model, parameters, hidden, step, clock.Elapsed.TotalSeconds, last, best,
            CopyingTask.MemorylessLoss(options.Delay), evaluations);
    }

    static double Evaluate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        using var ng = no_grad();
        model.eval();
        double loss = CopyingTask.Loss(model.call(x), y).item<float>();
        model.train();
        return loss;
    }
}
