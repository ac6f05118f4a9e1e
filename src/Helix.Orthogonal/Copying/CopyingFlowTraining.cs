using Helix.Core;
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// The copying task trained by an orthogonal optimizer instead of a parametrization: a <see cref="FlowRnn"/> whose Q
/// is stepped by <see cref="OrthogonalOptimizers"/> (<c>givens</c>, <c>expm</c>, <c>cayley</c>, <c>qr</c>,
/// <c>cwy-adam</c>) with its own learning rate, and whose other weights by Adam (β = 0.9, 0.99) at
/// <see cref="CopyingOptions.LearningRate"/>; gradients clipped together. Same batches and held-out batch as
/// <see cref="CopyingTraining"/> for a seed.
/// </summary>
public static class CopyingFlowTraining
{
    /// <summary>Trains a fresh <see cref="FlowRnn"/> of <see cref="CopyingOptions.Hidden"/> until the step or time budget ends.</summary>
    /// <param name="options">The run (<see cref="CopyingOptions.Model"/>, checkpoints and resume are not used here).</param>
    /// <param name="optimizer">The orthogonal optimizer's name.</param>
    /// <param name="orthogonalLr">Its learning rate.</param>
    /// <param name="progress">A report after each step.</param>
    /// <param name="cancel">Stops before the next step.</param>
    public static CopyingResult Run(CopyingOptions options, string optimizer, double orthogonalLr,
        IProgress<CopyingProgress>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        random.manual_seed(options.Seed);
        using var model = new FlowRnn(CopyingTask.Vocab, options.Hidden, CopyingTask.Classes, options.Seed);
        using var adam = optim.Adam(model.OtherParameters(), options.LearningRate, beta1: 0.9, beta2: 0.99);
        using var flow = OrthogonalOptimizers.Create(optimizer, [model.Recurrent], orthogonalLr, MatchingKind.UniformRandom, 0, options.Seed);
        var rng = new SplitMix64((ulong)SplitMix64.Combine(options.Seed, 10));
        var (evalX, evalY) = CopyingTask.ToTensors(CopyingTask.Generate(options.EvaluationBatch, options.Delay, new SplitMix64((ulong)SplitMix64.Combine(options.Seed, 11))));
        using var ex = evalX;
        using var ey = evalY;
        var evaluations = new List<(long, double, double)>();
        var clock = new Stopwatch();
        double last = double.NaN;
        long step = 0;
        var all = model.parameters().ToList();
        while (step < options.Steps && !(options.TimeLimit is { } limit && clock.Elapsed >= limit))
        {
            cancel.ThrowIfCancellationRequested();
            clock.Start();
            double loss;
            using (var scope = NewDisposeScope())
            {
                var (x, y) = CopyingTask.ToTensors(CopyingTask.Generate(options.BatchSize, options.Delay, rng));
                adam.zero_grad();
                flow.zero_grad();
                var l = CopyingTask.Loss(model.call(x), y);
                l.backward();
                if (options.ClipNorm > 0) nn.utils.clip_grad_norm_(all, options.ClipNorm);
                adam.step();
                flow.step();
                loss = l.item<float>();
            }
            clock.Stop();
            step++;
            double? eval = null;
            bool final = step == options.Steps || (options.TimeLimit is { } t && clock.Elapsed >= t);
            if (step % options.EvaluateEvery == 0 || final)
            {
                using (var scope = NewDisposeScope())
                using (no_grad())
                    eval = last = CopyingTask.Loss(model.call(ex), ey).item<float>();
                evaluations.Add((step, clock.Elapsed.TotalSeconds, last));
            }
            progress?.Report(new CopyingProgress(step, clock.Elapsed.TotalSeconds, loss, eval));
        }
        return new CopyingResult(options.Model, model.ParameterCount, options.Hidden, step, clock.Elapsed.TotalSeconds, last,
            evaluations.Count > 0 ? evaluations.Min(e => e.Item3) : double.NaN, CopyingTask.MemorylessLoss(options.Delay), evaluations)
        { OrthogonalityError = OrthogonalMaps.OrthogonalityError(model.Recurrent.detach()) };
    }
}
