using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Functional;

/// <summary>FAVOR++ (optimal positive random features): unbiased, optimal A, lower variance than FAVOR+, usable in every attention path.</summary>
public class OptimalPositiveFeaturesTests
{
    const int Dim = 8;

    /// <summary>Two vectors at trained-like norms (coordinates N(0, 1)); the kernel estimated is exp(x·y/√d).</summary>
    static (Tensor X, Tensor Y, double Exact) Pair(double scale)
    {
        var g = new Generator(42, CPU);
        var x = randn(new long[] { 1, Dim }, ScalarType.Float64, generator: g) * scale;
        var y = randn(new long[] { 1, Dim }, ScalarType.Float64, generator: g) * scale;
        return (x, y, Math.Exp((x * y).sum().item<double>() / Math.Sqrt(Dim)));
    }

    /// <summary>n independent kernel estimates φ(x)·φ(y) with m features each (seeds 1..n), FAVOR++ when <paramref name="optimal"/>.</summary>
    static double[] Estimates(bool optimal, double scale, ProjectionKind kind, int m, int n)
    {
        var (x, y, _) = Pair(scale);
        using var a = FeatureMaps.OprfCoefficient(x.unsqueeze(0), y.unsqueeze(0));
        var result = new double[n];
        for (int s = 0; s < n; s++)
        {
            using var scope = NewDisposeScope();
            var w = RandomProjections.Draw(kind, RowNormKind.Chi, m, Dim, seed: s + 1, ScalarType.Float64);
            Tensor Phi(Tensor v) => optimal ? FeatureMaps.OptimalPositive(v, w, a, FeatureStabilizer.None) : FeatureMaps.SoftmaxPositive(v, w, FeatureStabilizer.None);
            result[s] = (Phi(x) * Phi(y)).sum().item<double>();
        }
        return result;
    }

    static (double Mean, double StdErr, double Mse) Stats(double[] e, double exact)
    {
        double mean = e.Average();
        double se = Math.Sqrt(e.Select(v => (v - mean) * (v - mean)).Sum() / (e.Length - 1) / e.Length);
        return (mean, se, e.Select(v => (v - exact) * (v - exact)).Average());
    }

    /// <summary>The mean of 800 independent FAVOR++ estimates lies within 4 standard errors of the exact softmax kernel.</summary>
    [Theory]
    [InlineData(ProjectionKind.Gaussian, 0.6)]
    [InlineData(ProjectionKind.Gaussian, 1.0)]
    [InlineData(ProjectionKind.Orthogonal, 1.0)]
    public void EstimatorIsUnbiased(ProjectionKind kind, double scale)
    {
        double exact = Pair(scale).Exact;
        var (mean, se, _) = Stats(Estimates(true, scale, kind, m: 16, n: 800), exact);
        Assert.True(Math.Abs(mean - exact) < 4 * se, $"mean {mean} vs exact {exact}, standard error {se}");
        Assert.True(se < 0.05 * exact, $"the test must be sharp enough to detect a bias of a few percent (se {se}, exact {exact})");
    }

    /// <summary>At trained-like norms FAVOR++ has a much lower mean squared error than FAVOR+ with the same projections.</summary>
    [Fact]
    public void LowerErrorThanFavorPlus()
    {
        double exact = Pair(1.0).Exact;
        var plus = Stats(Estimates(false, 1.0, ProjectionKind.Orthogonal, m: 16, n: 300), exact);
        var opt = Stats(Estimates(true, 1.0, ProjectionKind.Orthogonal, m: 16, n: 300), exact);
        Assert.True(opt.Mse < 0.5 * plus.Mse, $"FAVOR++ MSE {opt.Mse:G3} vs FAVOR+ {plus.Mse:G3}");
    }

    /// <summary>A* is the minimum of the closed-form second moment E[φ(x)²φ(y)²] ∝ (1−4A)^d (1−8A)^(−d/2) exp(2(1−4A)dρ/(1−8A)).</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void CoefficientMinimizesTheSecondMoment(double rho)
    {
        const int d = 16;
        double LogMoment(double a) => d * Math.Log(1 - 4 * a) - d / 2.0 * Math.Log(1 - 8 * a) + 2 * (1 - 4 * a) / (1 - 8 * a) * d * rho;
        double best = FeatureMaps.OprfCoefficient(rho);
        Assert.InRange(best, -10, 0);
        if (rho == 0) Assert.Equal(0, best, 15);
        foreach (double delta in new[] { -1e-3, 1e-3 })
            Assert.True(LogMoment(best) < LogMoment(best + delta), $"A = {best} is not a minimum at ρ = {rho}");
    }

    /// <summary>The data estimate of ρ is the mean of |x_i + y_j|²/d over all pairs, padded keys left out.</summary>
    [Fact]
    public void DataCoefficientUsesThePairMean()
    {
        var g = new Generator(3, CPU);
        var q = randn(new long[] { 1, 1, 5, Dim }, ScalarType.Float64, generator: g);
        var k = randn(new long[] { 1, 1, 4, Dim }, ScalarType.Float64, generator: g);
        var keep = tensor(new[] { true, true, false, true }).reshape(1, 1, 4);
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < 5; i++)
        for (int j = 0; j < 4; j++)
        {
            if (j == 2) continue;
            sum += (q[0, 0, i] + k[0, 0, j]).square().sum().item<double>() / Math.Sqrt(Dim);
            pairs++;
        }
        double expected = FeatureMaps.OprfCoefficient(sum / pairs / Dim);
        Assert.Equal(expected, FeatureMaps.OprfCoefficient(q, k, keep).item<double>(), 12);
    }

    /// <summary>FAVOR++ runs in every attention path: bidirectional with padding, causal, and slice by slice with carried states.</summary>
    [Fact]
    public void WorksInEveryAttentionPath()
    {
        manual_seed(1);
        var cfg = new AttentionConfig { FeatureMap = FeatureMapKind.OptimalPositive, NumFeatures = 64, Seed = 2 };
        using var exact = new MultiheadAttention(16, 2, cfg with { Mechanism = AttentionMechanism.Exact }).to(ScalarType.Float64);
        using var favor = new MultiheadAttention(16, 2, cfg).to(ScalarType.Float64);
        favor.load_state_dict(exact.state_dict());
        var x = randn(new long[] { 2, 12, 16 }, ScalarType.Float64, generator: new Generator(5, CPU));
        var mask = zeros(new long[] { 2, 12 }, ScalarType.Bool);
        mask[1, TensorIndex.Slice(9)] = tensor(true);
        var yExact = exact.call(x, x, x, mask);
        var yFavor = favor.call(x, x, x, mask);
        double rel = ((yFavor - yExact).norm() / yExact.norm()).item<double>();
        Assert.InRange(rel, 0, 0.2);

        var lmCfg = new PerformerConfig
        {
            VocabSize = 13, Dim = 16, Depth = 2, Heads = 2, Dropout = 0, MaxLength = 32, Causal = true, Position = PositionKind.Rotary,
            Attention = cfg,
        };
        var lm = new PerformerLM(lmCfg).to(ScalarType.Float64);
        lm.eval();
        var tokens = randint(0, 13, new long[] { 1, 10 }, generator: new Generator(6, CPU));
        var whole = lm.call(tokens, null);
        // Layer by layer with the carried states:
        var h1 = lm.Embed(tokens.narrow(1, 0, 4), 0);
        var h2 = lm.Embed(tokens.narrow(1, 4, 6), 4);
        foreach (var layer in lm.Layers)
        {
            var (o1, st) = layer.ForwardSlice(h1, 0, null, null);
            var (o2, _) = layer.ForwardSlice(h2, 4, st, null);
            (h1, h2) = (o1, o2);
        }
        var sliced = cat(new[] { lm.Head(h1), lm.Head(h2) }, 1);
        Assert.True(allclose(sliced, whole, rtol: 1e-9, atol: 1e-10), "slice-by-slice logits differ from the whole pass");
        Assert.True(whole.isfinite().all().item<bool>());
    }
}
