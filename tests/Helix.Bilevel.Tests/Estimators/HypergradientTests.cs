using Helix.Bilevel.Estimators;
using Helix.Bilevel.Model;
using Helix.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bilevel.Tests.Estimators;

public class HypergradientTests
{
    static readonly InnerLoop Loop = new(4, 0.3);

    static double MaxAbsDiff(IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> b) =>
        a.Zip(b).Max(p => (p.First - p.Second).abs().max().ToDouble());

    static double MaxAbs(IReadOnlyList<Tensor> a) => a.Max(t => t.abs().max().ToDouble());

    [Fact]
    public void Exact_equals_unrolled_create_graph_reference()
    {
        using var scope = NewDisposeScope();
        var (theta, task) = SmallProblem.Make(1);
        var exact = Hypergradient.Exact(theta, task, Loop);
        var unrolled = Hypergradient.Unrolled(theta, task, Loop);
        Assert.True(MaxAbs(exact.Gradient) > 1e-3);
        Assert.True(MaxAbsDiff(exact.Gradient, unrolled.Gradient) < 1e-12 * (1 + MaxAbs(exact.Gradient)));
        // the first-order part is a different vector here (the test checks can fail)
        Assert.True(MaxAbsDiff(exact.Gradient, exact.FirstOrder!) > 1e-4);
    }

    [Fact]
    public void Exact_equals_finite_differences_of_the_meta_objective()
    {
        using var scope = NewDisposeScope();
        var (theta, task) = SmallProblem.Make(2);
        var exact = Hypergradient.Exact(theta, task, Loop);
        double M(Tensor[] th) { using var s = NewDisposeScope(); return task.TestLoss(Hypergradient.Adapt(th, task.TrainLoss, Loop)).ToDouble(); }
        const double h = 1e-5;
        for (int i = 0; i < theta.Length; i++)
        {
            long n = theta[i].numel();
            for (long k = 0; k < n; k++)
            {
                var plus = theta.Select(t => t.clone()).ToArray();
                var minus = theta.Select(t => t.clone()).ToArray();
                plus[i].view(-1)[k] += h;
                minus[i].view(-1)[k] -= h;
                double fd = (M(plus) - M(minus)) / (2 * h);
                double an = exact.Gradient[i].view(-1)[k].ToDouble();
                Assert.True(Math.Abs(fd - an) < 1e-7 + 1e-6 * Math.Abs(an), $"param {i}[{k}]: finite differences {fd}, exact {an}");
            }
        }
    }

    [Fact]
    public void Store_mode_equals_recompute_mode()
    {
        using var scope = NewDisposeScope();
        var (theta, task) = SmallProblem.Make(3);
        var a = Hypergradient.Exact(theta, task, Loop, ExactMode.Recompute);
        var b = Hypergradient.Exact(theta, task, Loop, ExactMode.Store);
        Assert.True(MaxAbsDiff(a.Gradient, b.Gradient) < 1e-14 * (1 + MaxAbs(a.Gradient)));
        Assert.True(b.GradientEvaluations < a.GradientEvaluations);
    }

    [Fact]
    public void Exact_on_the_conv_net_with_batch_norm_equals_unrolled()
    {
        using var scope = NewDisposeScope();
        var config = new ConvNetConfig(Ways: 3, Filters: 4, Blocks: 2, ImageSize: 8);
        using var net = new ConvNet(config, 7, ScalarType.Float64);
        using var g = new Generator(5);
        var xs = rand(new long[] { 6, 1, 8, 8 }, dtype: ScalarType.Float64, generator: g);
        var xq = rand(new long[] { 9, 1, 8, 8 }, dtype: ScalarType.Float64, generator: g);
        var ys = tensor(new long[] { 0, 1, 2, 0, 1, 2 });
        var yq = tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 1, 2 });
        var task = new BilevelTask(w => nn.functional.cross_entropy(ConvNet.Forward(xs, w, config), ys),
            w => nn.functional.cross_entropy(ConvNet.Forward(xq, w, config), yq));
        var theta = net.Weights.Select(p => p.detach()).ToArray();
        var loop = new InnerLoop(3, 0.5);
        var exact = Hypergradient.Exact(theta, task, loop);
        var unrolled = Hypergradient.Unrolled(theta, task, loop);
        Assert.True(MaxAbsDiff(exact.Gradient, unrolled.Gradient) < 1e-11 * (1 + MaxAbs(exact.Gradient)));
        Assert.True(MaxAbsDiff(exact.Gradient, exact.FirstOrder!) > 1e-6);
    }

    [Fact]
    public void Reptile_direction_is_the_scaled_displacement()
    {
        using var scope = NewDisposeScope();
        var (theta, task) = SmallProblem.Make(4);
        var rep = Hypergradient.Reptile(theta, task, Loop);
        var adapted = Hypergradient.Adapt(theta, task.TrainLoss, Loop);
        var expected = theta.Zip(adapted).Select(p => (p.First - p.Second) / (Loop.StepSize * Loop.Steps)).ToArray();
        Assert.True(MaxAbsDiff(rep.Gradient, expected) < 1e-15);
    }

    [Fact]
    public void Ufom_q0_is_fom_and_q1_is_exact_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        var (theta, task) = SmallProblem.Make(5);
        var tasks = new[] { task, SmallProblem.Make(6).Task };
        var rng = new SplitMix64(1);
        var fom = new BilevelEstimator(new EstimatorSpec(EstimatorKind.Fom), Loop).Estimate(theta, tasks, rng);
        var exact = new BilevelEstimator(new EstimatorSpec(EstimatorKind.Exact), Loop).Estimate(theta, tasks, rng);
        var q0 = new BilevelEstimator(EstimatorSpec.Parse("ufom:0"), Loop).Estimate(theta, tasks, rng);
        var q1 = new BilevelEstimator(EstimatorSpec.Parse("ufom:1"), Loop).Estimate(theta, tasks, rng);
        for (int i = 0; i < theta.Length; i++)
        {
            Assert.True(q0.Gradient[i].equal(fom.Gradient[i]).all().ToBoolean());
            Assert.True(q1.Gradient[i].equal(exact.Gradient[i]).all().ToBoolean());
        }
        Assert.Equal(0, q0.ExactDraws);
        Assert.Equal(2, q1.ExactDraws);
        Assert.False(fom.Gradient[0].equal(exact.Gradient[0]).all().ToBoolean());
    }

    [Fact]
    public void Ufom_mean_over_draws_equals_exact_within_four_standard_errors()
    {
        using var scope = NewDisposeScope();
        var (theta, task) = SmallProblem.Make(8);
        var est = new BilevelEstimator(EstimatorSpec.Parse("ufom:0.3"), Loop);
        var exact = Hypergradient.Exact(theta, task, Loop).Gradient;
        var rng = new SplitMix64(42);
        const int n = 300;
        var sum = exact.Select(t => zeros_like(t)).ToArray();
        var sumSq = exact.Select(t => zeros_like(t)).ToArray();
        int drawn = 0;
        for (int k = 0; k < n; k++)
        {
            using var s = NewDisposeScope();
            var g = est.Estimate(theta, new[] { task }, rng);
            drawn += g.ExactDraws;
            for (int i = 0; i < sum.Length; i++) { sum[i].add_(g.Gradient[i]); sumSq[i].add_(g.Gradient[i].square()); }
        }
        Assert.InRange(drawn, 60, 120);
        double worst = 0;
        for (int i = 0; i < sum.Length; i++)
        {
            var mean = sum[i] / n;
            var sd = (sumSq[i] / n - mean.square()).clamp_min(0).sqrt() * Math.Sqrt(n / (n - 1.0));
            var se = sd / Math.Sqrt(n);
            var z = ((mean - exact[i]).abs() / (se + 1e-300)).max().ToDouble();
            worst = Math.Max(worst, z);
        }
        Assert.True(worst < 4, $"largest |mean − exact| / SE = {worst}");
    }

    [Fact]
    public void Adaptive_probability_follows_the_rule_and_its_lower_bound()
    {
        var a = new AdaptiveProbability(11, 65, minProbability: 0.05, smoothing: 0.9);
        Assert.Equal(1.0, a.Probability);
        a.Update(biasSquared: 1, normSquared: 5);
        Assert.Equal(Math.Sqrt(11.0 / 65 * 1 / 4), a.Probability, 12);
        a.Update(biasSquared: 1e-8, normSquared: 5);
        Assert.True(a.Probability >= 0.05);
        var b = new AdaptiveProbability(11, 65);
        b.Load(a.Save());
        Assert.Equal(a.Probability, b.Probability);
    }

    [Theory]
    [InlineData(5.0, 1.0, 11, 65)]      // A well above B: an interior q*
    [InlineData(1.0, 0.9, 11, 65)]      // B close to A: q* would exceed 1, so 1
    [InlineData(1.0, 2.0, 11, 65)]      // A ≤ B: the product only falls with q, so 1
    [InlineData(100.0, 1e-6, 11, 65)]   // almost no bias: the lower bound
    [InlineData(3.0, 0.5, 51, 1375)]    // r = 50, recompute costs
    public void Adaptive_probability_minimizes_second_moment_times_cost(double a, double b, long fo, long extra)
    {
        var p = new AdaptiveProbability(fo, extra, minProbability: 0.05, smoothing: 0.5);
        p.Update(b, a);
        p.Update(b, a);   // the same values again: the bias-corrected averages are exactly a and b
        Assert.Equal(a, p.NormSquared, 12);
        Assert.Equal(b, p.BiasSquared, 12);
        double Product(double q) => (a + (1 / q - 1) * b) * (fo + q * extra);
        // brute force over the allowed range [0.05, 1]
        double best = double.PositiveInfinity, bestQ = double.NaN;
        for (int k = 0; k <= 95_000; k++)
        {
            double q = 0.05 + k * (0.95 / 95_000);
            if (Product(q) < best) { best = Product(q); bestQ = q; }
        }
        Assert.True(Product(p.Probability) <= best * (1 + 1e-9), $"q = {p.Probability}: {Product(p.Probability)}; grid best q = {bestQ}: {best}");
        Assert.InRange(Math.Abs(bestQ - p.Probability), 0, 1e-4);
    }

    [Fact]
    public void Ufom_second_moment_is_exact_norm_plus_scaled_correction_as_the_adaptive_rule_assumes()
    {
        using var scope = NewDisposeScope();
        var (theta, task) = SmallProblem.Make(9);
        const double q = 0.3;
        var est = new BilevelEstimator(EstimatorSpec.Parse("ufom:0.3"), Loop);
        var hit = est.Estimate(theta, new[] { task }, new[] { true }).Gradient;
        var miss = est.Estimate(theta, new[] { task }, new[] { false }).Gradient;
        var exact = Hypergradient.Exact(theta, task, Loop);
        double Sq(IEnumerable<Tensor> ts) => ts.Sum(t => t.square().sum().ToDouble());
        double moment = q * Sq(hit) + (1 - q) * Sq(miss);   // E_ξ‖g‖², both outcomes weighted exactly
        double a = Sq(exact.Gradient), b = Sq(exact.Gradient.Zip(exact.FirstOrder!, (x, y) => x - y));
        Assert.True(b > 1e-6 * a, "the first-order error must not vanish here");
        Assert.Equal(a + (1 / q - 1) * b, moment, 10);
        // the adaptive estimator records exactly these two quantities on an exact draw
        var auto = new BilevelEstimator(EstimatorSpec.Parse("ufom:auto"), Loop);
        auto.Estimate(theta, new[] { task }, new[] { true });
        Assert.Equal(a, auto.Adaptive!.NormSquared, 10);
        Assert.Equal(b, auto.Adaptive.BiasSquared, 10);
    }
}
