using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Functional;

/// <summary>
/// The fused, block-by-block bidirectional FAVOR+ (<see cref="FavorFunctional.BidirectionalSoftmax"/>) equals the
/// two-step path (features, then <see cref="FavorFunctional.Bidirectional"/>) in value and gradient, for any block
/// size, with padding; its gradients match finite differences; and what it keeps for backward does not grow with L·m.
/// </summary>
public class FusedFavorTests
{
    static (Tensor Q, Tensor K, Tensor V, Tensor W, Tensor Keep) Inputs(ScalarType dtype, long lq = 37, long lk = 29, double scale = 1.0)
    {
        var g = new Generator(21, CPU);
        var q = (randn(new long[] { 2, 3, lq, 8 }, ScalarType.Float64, generator: g) * scale).to_type(dtype);
        var k = (randn(new long[] { 2, 3, lk, 8 }, ScalarType.Float64, generator: g) * scale).to_type(dtype);
        var v = randn(new long[] { 2, 3, lk, 5 }, ScalarType.Float64, generator: g).to_type(dtype);
        var w = RandomProjections.Draw(ProjectionKind.Orthogonal, RowNormKind.Chi, 24, 8, seed: 3, dtype);
        var keep = ones(new long[] { 2, 1, lk }, ScalarType.Bool);
        keep[1, 0, TensorIndex.Slice(lk - 6)] = tensor(false);
        return (q, k, v, w, keep);
    }

    static Tensor TwoStep(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? keep) => FavorFunctional.Bidirectional(
        FeatureMaps.SoftmaxPositive(q, w, FeatureStabilizer.PerRow), FeatureMaps.SoftmaxPositive(k, w, FeatureStabilizer.PerSequence, keep), v);

    [Theory]
    [InlineData(ScalarType.Float64, 1e-12, 5L, true)]
    [InlineData(ScalarType.Float64, 1e-12, 1000L, false)]
    [InlineData(ScalarType.Float32, 1e-6, 7L, true)]
    [InlineData(ScalarType.Float32, 1e-6, 16L, false)]
    public void EqualsTheTwoStepPathInValueAndGradient(ScalarType dtype, double tol, long block, bool padded)
    {
        using var scope = NewDisposeScope();
        var (q, k, v, w, keepAll) = Inputs(dtype);
        var keep = padded ? keepAll : null;
        var gOut = randn(new long[] { 2, 3, 37, 5 }, ScalarType.Float64, generator: new Generator(4, CPU)).to_type(dtype);
        Tensor[] Run(Func<Tensor, Tensor, Tensor, Tensor> f) => FavorChecks.ValueAndGradients(q, k, v, gOut, f);
        var expected = Run((a, b, c) => TwoStep(a, b, c, w, keep));
        var actual = Run((a, b, c) => FavorFunctional.BidirectionalSoftmax(a, b, c, w, keep, block));
        string[] names = { "output", "dq", "dk", "dv" };
        for (int i = 0; i < 4; i++)
        {
            double err = (actual[i] - expected[i]).abs().max().ToDouble(), size = expected[i].abs().max().ToDouble();
            Assert.True(err <= tol * Math.Max(1, size), $"{names[i]}: max error {err:G3} (scale {size:G3})");
        }
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var (q0, k0, v0, w, keep) = Inputs(ScalarType.Float64, lq: 6, lk: 7);
        var (q, k, v) = (q0.requires_grad_(), k0.requires_grad_(), v0.requires_grad_());
        var gOut = randn(new long[] { 2, 3, 6, 5 }, ScalarType.Float64, generator: new Generator(8, CPU));
        double Loss() { using var s = NewDisposeScope(); using var ng = no_grad(); return (FavorFunctional.BidirectionalSoftmax(q, k, v, w, keep, 3) * gOut).sum().ToDouble(); }
        (FavorFunctional.BidirectionalSoftmax(q, k, v, w, keep, 3) * gOut).sum().backward();
        FavorChecks.GradientsMatchFiniteDifferences(Loss, [0, 17, 70, -1], (q, "q"), (k, "k"), (v, "v"));
    }

    /// <summary>
    /// While the graph is alive (after forward, before backward), the fused path holds its inputs' and output's worth
    /// of memory, not the [B, H, L, m] features: 4 MiB of features per map against 0.5 MiB of inputs and output here.
    /// </summary>
    [Fact]
    public void GraphDoesNotKeepTheFeatures() =>
        FavorChecks.GraphDoesNotKeepTheFeatures((q, k, v, w) => FavorFunctional.BidirectionalSoftmax(q, k, v, w), (q, k, v, w) => TwoStep(q, k, v, w, null));
}
