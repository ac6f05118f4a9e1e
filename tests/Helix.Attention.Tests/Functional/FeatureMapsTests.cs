using static TorchSharp.torch;

namespace Helix.Attention.Tests.Functional;

/// <summary>Statistical properties of the softmax-kernel estimators, in float64.</summary>
public class FeatureMapsTests
{
    const int Dim = 8;

    /// <summary>Two fixed vectors with a moderate kernel value; the kernel estimated is exp(x·y/√d).</summary>
    static (Tensor X, Tensor Y, double Exact) Pair()
    {
        var g = new Generator(42, CPU);
        var x = randn(new long[] { 1, Dim }, ScalarType.Float64, generator: g) * 0.6;
        var y = randn(new long[] { 1, Dim }, ScalarType.Float64, generator: g) * 0.6;
        return (x, y, Math.Exp((x * y).sum().item<double>() / Math.Sqrt(Dim)));
    }

    /// <summary>Kernel estimates φ(x)·φ(y), one per independent projection (seeds 1..n).</summary>
    static double[] Estimates(Func<Tensor, Tensor, Tensor> phi, ProjectionKind kind, RowNormKind norms, int m, int n)
    {
        var (x, y, _) = Pair();
        var result = new double[n];
        for (int s = 0; s < n; s++)
        {
            using var scope = NewDisposeScope();
            var w = RandomProjections.Draw(kind, norms, m, Dim, seed: s + 1, ScalarType.Float64);
            result[s] = (phi(x, w) * phi(y, w)).sum().item<double>();
        }
        return result;
    }

    static Tensor Positive(Tensor x, Tensor w) => FeatureMaps.SoftmaxPositive(x, w, FeatureStabilizer.None);
    static Tensor Hyperbolic(Tensor x, Tensor w) => FeatureMaps.SoftmaxHyperbolic(x, w, FeatureStabilizer.None);
    static Tensor Trig(Tensor x, Tensor w) => FeatureMaps.Trigonometric(x, w, FeatureStabilizer.None);

    public static TheoryData<string, ProjectionKind> Estimators() => new()
    {
        { "positive", ProjectionKind.Gaussian }, { "positive", ProjectionKind.Orthogonal },
        { "hyperbolic", ProjectionKind.Gaussian }, { "trigonometric", ProjectionKind.Gaussian },
    };

    /// <summary>The mean of 600 independent estimates lies within 4 standard errors of the exact kernel.</summary>
    [Theory]
    [MemberData(nameof(Estimators))]
    public void EstimatorIsUnbiased(string map, ProjectionKind kind)
    {
        Func<Tensor, Tensor, Tensor> phi = map switch { "positive" => Positive, "hyperbolic" => Hyperbolic, _ => Trig };
        var e = Estimates(phi, kind, RowNormKind.Chi, m: 16, n: 600);
        double mean = e.Average(), se = Math.Sqrt(e.Select(v => (v - mean) * (v - mean)).Sum() / (e.Length - 1) / e.Length);
        double exact = Pair().Exact;
        Assert.True(Math.Abs(mean - exact) < 4 * se, $"mean {mean} vs exact {exact}, standard error {se}");
        Assert.True(se < 0.05 * exact, "the test must be sharp enough to detect a bias of a few percent");
    }

    /// <summary>Orthogonal random features have a lower mean squared error than iid ones (Performer, Theorem 2).</summary>
    [Fact]
    public void OrthogonalFeaturesBeatIid()
    {
        double exact = Pair().Exact;
        double Mse(ProjectionKind kind) => Estimates(Positive, kind, RowNormKind.Chi, m: Dim, n: 500).Average(v => (v - exact) * (v - exact));
        double iid = Mse(ProjectionKind.Gaussian), orthogonal = Mse(ProjectionKind.Orthogonal);
        Assert.True(orthogonal < iid, $"orthogonal MSE {orthogonal} vs iid {iid}");
    }

    /// <summary>FAVOR+ attention error against exact softmax attention falls as m grows.</summary>
    [Fact]
    public void AttentionErrorFallsWithFeatureCount()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(3, CPU);
        var q = randn(new long[] { 1, 2, 40, 16 }, ScalarType.Float64, generator: g) * 0.7;
        var k = randn(new long[] { 1, 2, 40, 16 }, ScalarType.Float64, generator: g) * 0.7;
        var v = randn(new long[] { 1, 2, 40, 16 }, ScalarType.Float64, generator: g);
        var exact = ReferenceAttention.Softmax(q, k, v);
        double Error(int m) => Enumerable.Range(0, 4).Average(s =>
        {
            var w = RandomProjections.Draw(ProjectionKind.Orthogonal, RowNormKind.Chi, m, 16, seed: 100 * m + s, ScalarType.Float64);
            var o = FavorFunctional.Bidirectional(FeatureMaps.SoftmaxPositive(q, w, FeatureStabilizer.PerRow), FeatureMaps.SoftmaxPositive(k, w, FeatureStabilizer.PerSequence), v);
            return ReferenceAttention.RelativeError(o, exact);
        });
        var errors = new[] { 16, 64, 256, 1024 }.Select(Error).ToArray();
        for (int i = 1; i < errors.Length; i++) Assert.True(errors[i] < errors[i - 1], $"errors {string.Join(", ", errors)}");
        Assert.True(errors[^1] < errors[0] / 3, $"errors {string.Join(", ", errors)}");
    }

    /// <summary>Stabilizers are constants that cancel: attention output is the same with or without them.</summary>
    [Fact]
    public void StabilizersDoNotChangeAttention()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(8, CPU);
        var q = randn(new long[] { 2, 2, 30, 8 }, ScalarType.Float64, generator: g);
        var k = randn(new long[] { 2, 2, 30, 8 }, ScalarType.Float64, generator: g);
        var v = randn(new long[] { 2, 2, 30, 8 }, ScalarType.Float64, generator: g);
        var w = RandomProjections.Draw(ProjectionKind.Orthogonal, RowNormKind.Chi, 32, 8, 1, ScalarType.Float64);
        var plain = FavorFunctional.Bidirectional(FeatureMaps.SoftmaxPositive(q, w, FeatureStabilizer.None), FeatureMaps.SoftmaxPositive(k, w, FeatureStabilizer.None), v);
        var stable = FavorFunctional.Bidirectional(FeatureMaps.SoftmaxPositive(q, w, FeatureStabilizer.PerRow), FeatureMaps.SoftmaxPositive(k, w, FeatureStabilizer.PerSequence), v);
        Assert.True(ReferenceAttention.MaxAbsDiff(plain, stable) < 1e-12);
    }

    /// <summary>Huge inputs overflow exp without a stabilizer; with it the features and attention stay finite.</summary>
    [Fact]
    public void StabilizedFeaturesStayFiniteForLargeInputs()
    {
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 1, 1, 10, 8 }, ScalarType.Float32, generator: new Generator(1, CPU)) * 40;
        var w = RandomProjections.Draw(ProjectionKind.Orthogonal, RowNormKind.Chi, 16, 8, 1);
        var q = FeatureMaps.SoftmaxPositive(x, w, FeatureStabilizer.PerRow);
        var k = FeatureMaps.SoftmaxPositive(x, w, FeatureStabilizer.PerSequence);
        var causalKeys = FeatureMaps.SoftmaxPositive(x, w, FeatureStabilizer.None);
        Assert.True(isfinite(q).all().item<bool>() && isfinite(k).all().item<bool>() && isfinite(causalKeys).all().item<bool>());
        Assert.True(isfinite(FavorFunctional.Bidirectional(q, k, x)).all().item<bool>());
    }

    /// <summary>Generalized kernels: output equals the normalized kernel matrix written out, with and without projection.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GeneralizedKernelsMatchExplicitKernelMatrix(bool project)
    {
        using var scope = NewDisposeScope();
        var g = new Generator(5, CPU);
        var q = randn(new long[] { 1, 2, 12, 8 }, ScalarType.Float64, generator: g);
        var k = randn(new long[] { 1, 2, 9, 8 }, ScalarType.Float64, generator: g);
        var v = randn(new long[] { 1, 2, 9, 8 }, ScalarType.Float64, generator: g);
        var w = project ? RandomProjections.Draw(ProjectionKind.Gaussian, RowNormKind.Chi, 20, 8, 3, ScalarType.Float64) : null;
        foreach (var f in new Func<Tensor, Tensor>[] { FeatureMaps.ReluKernel, FeatureMaps.EluPlusOneKernel, u => u.square() })
        {
            var qp = FeatureMaps.Generalized(q, w, f);
            var kp = FeatureMaps.Generalized(k, w, f);
            Assert.Equal(project ? 20 : 8, qp.shape[^1]);
            var scale = Math.Pow(8, -0.25);
            Tensor Phi(Tensor x) => f(w is null ? x * scale : (x * scale).matmul(w.t()));
            var a = Phi(q).matmul(Phi(k).transpose(-1, -2));
            var expected = a.matmul(v) / a.sum(-1, keepdim: true);
            Assert.True(ReferenceAttention.MaxAbsDiff(FavorFunctional.Bidirectional(qp, kp, v), expected) < 1e-12);
        }
    }
}
