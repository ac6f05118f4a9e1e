using System.Diagnostics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>Runs an <see cref="IOrthogonalOptimizer"/> on an <see cref="IOrthogonalProblem"/> (gradient by autograd, then a step).</summary>
public static class FlowTraining
{
    /// <summary>Optimizes <paramref name="weight"/> (created from <see cref="IOrthogonalProblem.Start"/>) with <paramref name="optimizer"/>.</summary>
    public static FlowResult Run(IOrthogonalProblem problem, Parameter weight, IOrthogonalOptimizer optimizer, FlowOptions options,
        IProgress<FlowProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(optimizer);
        options.Validate();
        var clock = new Stopwatch();
        var stepClock = new Stopwatch();
        double? stepToTarget = null;
        var trace = new List<FlowProgress>();
        double? toTarget = null;
        long step = 0;
        double rel = problem.RelativeError(weight);
        void Evaluate()
        {
            double loss;
            using (var s = NewDisposeScope()) using (no_grad()) loss = problem.Loss(weight).to_type(ScalarType.Float64).item<double>();
            rel = problem.RelativeError(weight);
            var p = new FlowProgress(step, clock.Elapsed.TotalSeconds, loss, rel);
            trace.Add(p);
            if (toTarget is null && options.TargetError > 0 && rel <= options.TargetError) { toTarget = p.Seconds; stepToTarget = stepClock.Elapsed.TotalSeconds; }
            progress?.Report(p);
        }
        Evaluate();
        while (step < options.Steps && toTarget is null && !(options.TimeLimit is { } t && clock.Elapsed >= t))
        {
            cancel.ThrowIfCancellationRequested();
            clock.Start();
            using (var s = NewDisposeScope())
            {
                optimizer.zero_grad();
                problem.Loss(weight).backward();
                stepClock.Start();
                optimizer.step();
                stepClock.Stop();
            }
            clock.Stop();
            step++;
            if (step % options.EvaluateEvery == 0 || step == options.Steps) Evaluate();
        }
        if (trace[^1].Step != step) Evaluate();
        return new FlowResult(optimizer.Name, step, clock.Elapsed.TotalSeconds, rel, toTarget,
            OrthogonalMaps.OrthogonalityError(weight.detach()), trace)
        { StepSeconds = stepClock.Elapsed.TotalSeconds, StepSecondsToTarget = stepToTarget };
    }
}
