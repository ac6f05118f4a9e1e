using Helix.Bilevel.Estimators;
using Helix.Core;

namespace Helix.Bilevel.Toy;

/// <summary>Runs SGD with one estimator on a <see cref="ToyProblem"/> (scalar code: millions of steps per second).</summary>
public static class ToyRun
{
    /// <summary>Runs <paramref name="options"/>.<see cref="ToyRunOptions.Steps"/> outer steps with <paramref name="estimator"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="estimator">Which estimator (exact:store costs as store; others as recompute).</param>
    /// <param name="options">Steps, step size, seed.</param>
    /// <param name="cancel">Checked every 65536 steps.</param>
    public static ToyRunResult Run(ToyProblem problem, EstimatorSpec estimator, ToyRunOptions options, CancellationToken cancel = default)
    {
        options.Validate();
        estimator.Validate();
        int r = problem.Loop.Steps;
        double fo = Hypergradient.FirstOrderCost(r), extra = Hypergradient.ExactExtraCost(r, estimator.Mode);
        var adaptive = estimator.Kind == EstimatorKind.UfomAuto ? new AdaptiveProbability(fo, extra, options.MinProbability) : null;
        var rng = new SplitMix64(options.Seed);
        double theta = options.Start, sum = 0, cost = 0;
        long averaged = 0, exactDraws = 0, estimates = 0;
        long half = options.Steps / 2;
        var marks = new SortedSet<long>();
        for (int p = 0; p < options.Points; p++) marks.Add((long)Math.Round(Math.Pow(options.Steps, (double)(p + 1) / options.Points)));
        var trajectory = new List<ToyPoint> { new(0, 0, theta, Math.Abs(problem.MetaGradient(theta))) };
        int tasks = options.AllTasks ? problem.Tasks : 1;
        for (long k = 0; k < options.Steps; k++)
        {
            if ((k & 0xFFFF) == 0) cancel.ThrowIfCancellationRequested();
            double q = estimator.Kind switch
            {
                EstimatorKind.Exact => 1, EstimatorKind.Ufom => estimator.Q, EstimatorKind.UfomAuto => adaptive!.Probability, _ => 0,
            };
            double g = 0, biasSq = 0, normSq = 0;
            int drawnHere = 0;
            for (int t = 0; t < tasks; t++)
            {
                int i = options.AllTasks ? t : rng.NextInt(problem.Tasks);
                var (gFo, gEx) = problem.Estimates(i, theta);
                cost += fo;
                estimates++;
                switch (estimator.Kind)
                {
                    case EstimatorKind.Fom: g += gFo; break;
                    case EstimatorKind.Reptile:
                    {
                        double th = theta;
                        for (int j = 0; j < r; j++) th -= problem.Loop.StepSize * problem.Gradient(i, th);
                        g += (theta - th) / (problem.Loop.StepSize * r);
                        break;
                    }
                    case EstimatorKind.Exact: g += gEx; cost += extra; exactDraws++; break;
                    default:
                        if (rng.NextBernoulli(q))
                        {
                            g += q >= 1 ? gEx : gFo + (gEx - gFo) / q;
                            cost += extra;
                            exactDraws++;
                            drawnHere++;
                            biasSq += (gEx - gFo) * (gEx - gFo);
                            normSq += gEx * gEx;
                        }
                        else g += gFo;
                        break;
                }
            }
            if (adaptive != null && drawnHere > 0) adaptive.Update(biasSq / drawnHere, normSq / drawnHere);
            theta -= options.StepSize / Math.Pow(1 + k / options.DecaySteps, 0.7) * (g / tasks);
            if (!double.IsFinite(theta)) throw new InvalidOperationException($"the toy run diverged at step {k + 1}; lower the step size");
            if (k >= half) { sum += theta; averaged++; }
            if (marks.Contains(k + 1))
            {
                double shown = averaged > 0 ? sum / averaged : theta;
                trajectory.Add(new ToyPoint(k + 1, cost, shown, Math.Abs(problem.MetaGradient(shown))));
            }
        }
        double avg = sum / averaged;
        return new ToyRunResult(estimator, avg, theta, Math.Abs(problem.MetaGradient(avg)), cost, (double)exactDraws / estimates, trajectory);
    }
}
