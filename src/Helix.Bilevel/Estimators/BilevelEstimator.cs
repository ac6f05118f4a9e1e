using Helix.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bilevel.Estimators;

/// <summary>
/// One estimator behind one option (<see cref="EstimatorSpec"/>): averages the per-task hypergradients of a
/// meta-batch. For UFOM each task draws ξ ~ Bernoulli(q) and gets g_FO + (ξ/q)(g_exact − g_FO), whose mean is the
/// exact gradient; q = 0 returns g_FO and q = 1 returns g_exact, bit for bit. <c>ufom:auto</c> keeps an
/// <see cref="AdaptiveProbability"/> that learns q from its exact draws.
/// </summary>
public sealed class BilevelEstimator
{
    /// <summary>The estimator.</summary>
    public EstimatorSpec Spec { get; }
    /// <summary>r and α.</summary>
    public InnerLoop Loop { get; }
    /// <summary>The adaptive q's state (only for <c>ufom:auto</c>).</summary>
    public AdaptiveProbability? Adaptive { get; }

    /// <summary>Sets up an estimator.</summary>
    /// <param name="spec">Which estimator.</param>
    /// <param name="loop">r and α.</param>
    /// <param name="minProbability">For <c>ufom:auto</c>: the lower bound on q.</param>
    public BilevelEstimator(EstimatorSpec spec, InnerLoop loop, double minProbability = 0.05)
    {
        Spec = spec.Validate();
        Loop = loop.Validate();
        if (spec.Kind == EstimatorKind.UfomAuto)
            Adaptive = new AdaptiveProbability(Hypergradient.FirstOrderCost(loop.Steps), Hypergradient.ExactExtraCost(loop.Steps, spec.Mode), minProbability);
    }

    /// <summary>The probability of an exact draw now.</summary>
    public double Probability => Spec.Kind switch
    {
        EstimatorKind.Exact => 1,
        EstimatorKind.Ufom => Spec.Q,
        EstimatorKind.UfomAuto => Adaptive!.Probability,
        _ => 0,
    };

    /// <summary>Draws ξ for <paramref name="tasks"/> tasks from <paramref name="rng"/> (one draw per task for UFOM only).</summary>
    /// <param name="tasks">Tasks in the meta-batch.</param>
    /// <param name="rng">The draws' source.</param>
    public bool[] Draw(int tasks, SplitMix64 rng)
    {
        var xi = new bool[tasks];
        double q = Probability;
        bool random = Spec.Kind is EstimatorKind.Ufom or EstimatorKind.UfomAuto;
        for (int i = 0; i < tasks; i++) xi[i] = random ? rng.NextBernoulli(q) : q >= 1;
        return xi;
    }

    /// <summary>Draws ξ and estimates; see <see cref="Estimate(IReadOnlyList{Tensor}, IReadOnlyList{BilevelTask}, IReadOnlyList{bool})"/>.</summary>
    /// <param name="theta">θ.</param>
    /// <param name="tasks">The meta-batch.</param>
    /// <param name="rng">Source of ξ.</param>
    public MetaGradient Estimate(IReadOnlyList<Tensor> theta, IReadOnlyList<BilevelTask> tasks, SplitMix64 rng) =>
        Estimate(theta, tasks, Draw(tasks.Count, rng));

    /// <summary>The mean hypergradient of <paramref name="tasks"/> at θ, with given draws ξ (ignored except for UFOM).</summary>
    /// <param name="theta">θ (not modified).</param>
    /// <param name="tasks">The meta-batch (at least one task).</param>
    /// <param name="exactDraws">ξ per task.</param>
    public MetaGradient Estimate(IReadOnlyList<Tensor> theta, IReadOnlyList<BilevelTask> tasks, IReadOnlyList<bool> exactDraws)
    {
        if (tasks.Count == 0) throw new ArgumentException("the meta-batch has no tasks");
        if (exactDraws.Count != tasks.Count) throw new ArgumentException($"{exactDraws.Count} draws for {tasks.Count} tasks");
        double q = Probability;
        using var scope = NewDisposeScope();
        Tensor[]? sum = null;
        double lossSum = 0;
        long cost = 0;
        int exact = 0;
        double biasSum = 0, normSum = 0;
        foreach (var (task, xi) in tasks.Zip(exactDraws))
        {
            using var taskScope = NewDisposeScope();
            var g = One(theta, task, xi, q, ref exact, ref biasSum, ref normSum);
            lossSum += g.TestLoss;
            cost += g.GradientEvaluations;
            if (sum == null)
            {
                sum = g.Gradient;
                foreach (var t in sum) t.MoveToOuterDisposeScope();
            }
            else
                for (int i = 0; i < sum.Length; i++) sum[i].add_(g.Gradient[i]);
        }
        if (Adaptive != null && exact > 0) Adaptive.Update(biasSum / exact, normSum / exact);
        var mean = sum!.Select(t => tasks.Count == 1 ? t : t / tasks.Count).ToArray();
        foreach (var t in mean) t.MoveToOuterDisposeScope();
        return new MetaGradient(mean, lossSum / tasks.Count, tasks.Count, exact, q, cost);
    }

    TaskGradient One(IReadOnlyList<Tensor> theta, BilevelTask task, bool xi, double q, ref int exact, ref double biasSum, ref double normSum)
    {
        switch (Spec.Kind)
        {
            case EstimatorKind.Fom: return Hypergradient.FirstOrder(theta, task, Loop);
            case EstimatorKind.Reptile: return Hypergradient.Reptile(theta, task, Loop);
            case EstimatorKind.Exact:
                exact++;
                return Hypergradient.Exact(theta, task, Loop, Spec.Mode);
        }
        if (!xi) return Hypergradient.FirstOrder(theta, task, Loop);
        exact++;
        var e = Hypergradient.Exact(theta, task, Loop, Spec.Mode);
        if (Adaptive != null)
        {
            double b = 0, n = 0;
            for (int i = 0; i < e.Gradient.Length; i++)
            {
                b += (e.Gradient[i] - e.FirstOrder![i]).square().sum().ToDouble();
                n += e.Gradient[i].square().sum().ToDouble();
            }
            biasSum += b;
            normSum += n;
        }
        if (q >= 1) return e;   // ξ/q = 1: g_FO + (g_exact − g_FO) is g_exact; return it exactly
        var g = new Tensor[e.Gradient.Length];
        for (int i = 0; i < g.Length; i++) g[i] = e.FirstOrder![i] + (e.Gradient[i] - e.FirstOrder[i]) / q;
        return e with { Gradient = g };
    }
}
