using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Functional;

/// <summary>
/// The fused, block-by-block causal FAVOR+ / FAVOR++ (<see cref="FavorFunctional.CausalSoftmax"/>) equals the
/// two-step causal path (features, then <see cref="FavorFunctional.Causal"/>) in value and gradient, for any block
/// size and checkpoint segment, with padding; its gradients match finite differences; its graph keeps no features.
/// </summary>
public class FusedCausalFavorTests
{
    static (Tensor Q, Tensor K, Tensor V, Tensor W, Tensor Keep) Inputs(ScalarType dtype, long len = 37)
    {
        var g = new Generator(31, CPU);
        var q = randn(new long[] { 2, 3, len, 8 }, ScalarType.Float64, generator: g).to_type(dtype);
        var k = randn(new long[] { 2, 3, len, 8 }, ScalarType.Float64, generator: g).to_type(dtype);
        var v = randn(new long[] { 2, 3, len, 5 }, ScalarType.Float64, generator: g).to_type(dtype);
        var w = RandomProjections.Draw(ProjectionKind.Orthogonal, RowNormKind.Chi, 24, 8, seed: 5, dtype);
        var keep = ones(new long[] { 2, 1, len }, ScalarType.Bool);
        keep[1, 0, TensorIndex.Slice(len - 6)] = tensor(false);
        keep[0, 0, 3] = tensor(false);
        return (q, k, v, w, keep);
    }

    static Tensor TwoStep(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? keep, double a)
    {
        if (a == 0)
            return FavorFunctional.Causal(FeatureMaps.SoftmaxPositive(q, w, FeatureStabilizer.PerRow),
                FeatureMaps.SoftmaxPositive(k, w, FeatureStabilizer.None, keep), v);
        var at = full(1, a, dtype: q.dtype);
        return FavorFunctional.Causal(FeatureMaps.OptimalPositive(q, w, at, FeatureStabilizer.PerRow),
            FeatureMaps.OptimalPositive(k, w, at, FeatureStabilizer.None, keep), v);
    }

    [Theory]
    [InlineData(ScalarType.Float64, 1e-12, 5L, true, 0.0)]
    [InlineData(ScalarType.Float64, 1e-12, 1000L, false, 0.0)]
    [InlineData(ScalarType.Float64, 1e-12, 4L, true, -0.05)]
    [InlineData(ScalarType.Float32, 1e-6, 7L, true, 0.0)]
    [InlineData(ScalarType.Float32, 1e-6, 16L, false, -0.05)]
    public void EqualsTheTwoStepPathInValueAndGradient(ScalarType dtype, double tol, long block, bool padded, double a)
    {
        using var scope = NewDisposeScope();
        var (q, k, v, w, keepAll) = Inputs(dtype);
        var keep = padded ? keepAll : null;
        var gOut = randn(new long[] { 2, 3, 37, 5 }, ScalarType.Float64, generator: new Generator(4, CPU)).to_type(dtype);
        Tensor[] Run(Func<Tensor, Tensor, Tensor, Tensor> f) => FavorChecks.ValueAndGradients(q, k, v, gOut, f);
        var expected = Run((x, y, z) => TwoStep(x, y, z, w, keep, a));
        var actual = Run((x, y, z) => FavorFunctional.CausalSoftmax(x, y, z, w, keep, block, a));
        string[] names = { "output", "dq", "dk", "dv" };
        for (int i = 0; i < 4; i++)
        {
            double err = (actual[i] - expected[i]).abs().max().ToDouble(), size = expected[i].abs().max().ToDouble();
            Assert.True(err <= tol * Math.Max(1, size), $"{names[i]}: max error {err:G3} (scale {size:G3})");
        }
        // Without a graph the same forward runs directly.
        using (no_grad())
        {
            double err = (FavorFunctional.CausalSoftmax(q, k, v, w, keep, block, a) - expected[0]).abs().max().ToDouble();
            Assert.True(err <= tol * Math.Max(1, expected[0].abs().max().ToDouble()), $"no-grad output: max error {err:G3}");
        }
    }

    /// <summary>Many segments (one block each, several blocks each, a partial block in each) give the same values and gradients as one.</summary>
    [Theory]
    [InlineData(4L)]
    [InlineData(12L)]
    [InlineData(10L)]
    public void SegmentsDoNotChangeTheResult(long segmentTokens)
    {
        using var scope = NewDisposeScope();
        var (q, k, v, w, keep) = Inputs(ScalarType.Float64, len: 41);
        var g = randn(new long[] { 2, 3, 41, 5 }, ScalarType.Float64, generator: new Generator(9, CPU));
        var one = FavorCausalBlocks.Forward(q, k, v, w, null, 0, keep, 4, 1000);
        var many = FavorCausalBlocks.Forward(q, k, v, w, null, 0, keep, 4, segmentTokens);
        Assert.True((one.Output - many.Output).abs().max().ToDouble() < 1e-12);
        var a = FavorCausalBlocks.Backward(q, k, v, w, null, 0, keep, one.Den, one.Output, one.Final, g, null, 4, 1000);
        var b = FavorCausalBlocks.Backward(q, k, v, w, null, 0, keep, many.Den, many.Output, many.Final, g, null, 4, segmentTokens);
        Assert.True((a.Dq - b.Dq).abs().max().ToDouble() < 1e-12);
        Assert.True((a.Dk - b.Dk).abs().max().ToDouble() < 1e-12);
        Assert.True((a.Dv - b.Dv).abs().max().ToDouble() < 1e-12);
    }

    /// <summary>
    /// Backward from the masked scores that forward keeps equals backward recomputing them, bit for bit: segments that
    /// are not a multiple of the block (a partial block in each), one block per segment, a partial last segment, and
    /// padding. The kept scores start as NaN, so a block read from the wrong slot, or a slot left unwritten, shows.
    /// </summary>
    [Theory]
    [InlineData(4L, 10L)]
    [InlineData(4L, 12L)]
    [InlineData(3L, 3L)]
    [InlineData(5L, 1000L)]
    public void KeptScoresGiveTheSameGradients(long block, long segment)
    {
        using var scope = NewDisposeScope();
        const long L = 41;
        var (q, k, v, w, keep) = Inputs(ScalarType.Float64, len: L);
        var g = randn(new long[] { 2, 3, L, 5 }, ScalarType.Float64, generator: new Generator(9, CPU));
        long blocks = 0;
        for (long start = 0; start < L; start += segment) blocks += (Math.Min(segment, L - start) + block - 1) / block;
        Assert.Equal(blocks, FavorCausalBlocks.TotalBlocks(L, block, segment));
        var scores = full(new[] { 2L, 3, blocks, block, block }, double.NaN, ScalarType.Float64);
        var plain = FavorCausalBlocks.Forward(q, k, v, w, null, 0, keep, block, segment);
        var kept = FavorCausalBlocks.Forward(q, k, v, w, null, 0, keep, block, segment, scores: scores);
        Assert.Equal(0.0, (plain.Output - kept.Output).abs().max().ToDouble());
        Assert.False(scores.isnan().any().ToBoolean(), "forward left a slot of the kept scores unwritten");
        var a = FavorCausalBlocks.Backward(q, k, v, w, null, 0, keep, plain.Den, plain.Output, plain.Final, g, null, block, segment);
        var b = FavorCausalBlocks.Backward(q, k, v, w, null, 0, keep, kept.Den, kept.Output, kept.Final, g, null, block, segment, scores: scores);
        Assert.Equal(0.0, (a.Dq - b.Dq).abs().max().ToDouble());
        Assert.Equal(0.0, (a.Dk - b.Dk).abs().max().ToDouble());
        Assert.Equal(0.0, (a.Dv - b.Dv).abs().max().ToDouble());
    }

    /// <summary>
    /// In float32 over many segments, backward's states (the state after each segment less the segment's total, the
    /// total taken from the triangular product's spare row, summed in float32) stay as accurate as forward's: values
    /// and gradients within 1e-5 of the float64 pass, relative to the largest entry.
    /// </summary>
    [Fact]
    public void Float32StatesSurviveManySegments()
    {
        using var scope = NewDisposeScope();
        const long L = 1500, block = 16, segment = 48;
        var (q, k, v, w, keep) = Inputs(ScalarType.Float64, len: L);
        var g = randn(new long[] { 2, 3, L, 5 }, ScalarType.Float64, generator: new Generator(6, CPU));
        Tensor[] Run(ScalarType t)
        {
            var (qt, kt, vt, wt, gt) = (q.to_type(t), k.to_type(t), v.to_type(t), w.to_type(t), g.to_type(t));
            var f = FavorCausalBlocks.Forward(qt, kt, vt, wt, null, 0, keep, block, segment);
            var b = FavorCausalBlocks.Backward(qt, kt, vt, wt, null, 0, keep, f.Den, f.Output, f.Final, gt, null, block, segment);
            return new[] { f.Output, b.Dq, b.Dk, b.Dv }.Select(x => x.to_type(ScalarType.Float64)).ToArray();
        }
        var (exact, single) = (Run(ScalarType.Float64), Run(ScalarType.Float32));
        string[] names = { "output", "dq", "dk", "dv" };
        for (int i = 0; i < 4; i++)
        {
            double err = (single[i] - exact[i]).abs().max().ToDouble() / exact[i].abs().max().ToDouble();
            Assert.True(err <= 1e-5, $"{names[i]}: float32 error {err:G3} relative to the largest entry");
        }
    }

    /// <summary>
    /// Over many blocks in float32, the fused path is no less accurate than the two-step path against float64 (its
    /// exclusive sums are shifted, not subtracted, and its carried state is float64).
    /// </summary>
    [Fact]
    public void Float32AccuracyOverManyBlocksMatchesTheTwoStepPath()
    {
        using var scope = NewDisposeScope();
        const long L = 1500;
        var (q, k, v, w, _) = Inputs(ScalarType.Float64, len: L);
        var gOut = randn(new long[] { 2, 3, L, 5 }, ScalarType.Float64, generator: new Generator(6, CPU));
        Tensor[] Run(Func<Tensor, Tensor, Tensor, Tensor> f, ScalarType dtype) =>
            FavorChecks.ValueAndGradients(q.to_type(dtype), k.to_type(dtype), v.to_type(dtype), gOut.to_type(dtype), f)
                .Select(t => t.to_type(ScalarType.Float64)).ToArray();
        var exact = Run((x, y, z) => TwoStep(x, y, z, w, null, 0), ScalarType.Float64);
        var twoStep = Run((x, y, z) => TwoStep(x, y, z, w.to_type(ScalarType.Float32), null, 0), ScalarType.Float32);
        var fused = Run((x, y, z) => FavorFunctional.CausalSoftmax(x, y, z, w.to_type(ScalarType.Float32), blockRows: 16), ScalarType.Float32);
        string[] names = { "output", "dq", "dk", "dv" };
        for (int i = 0; i < 4; i++)
        {
            double size = exact[i].abs().max().ToDouble();
            double errFused = (fused[i] - exact[i]).abs().max().ToDouble() / size, errTwoStep = (twoStep[i] - exact[i]).abs().max().ToDouble() / size;
            Assert.True(errFused <= Math.Max(2 * errTwoStep, 1e-6), $"{names[i]}: fused float32 error {errFused:G3}, two-step {errTwoStep:G3} (relative to the largest entry)");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.07)]
    public void GradientsMatchFiniteDifferences(double a)
    {
        using var scope = NewDisposeScope();
        var (q0, k0, v0, w, keepAll) = Inputs(ScalarType.Float64, len: 9);
        var keep = keepAll.narrow(-1, 0, 9);
        var (q, k, v) = (q0.requires_grad_(), k0.requires_grad_(), v0.requires_grad_());
        var gOut = randn(new long[] { 2, 3, 9, 5 }, ScalarType.Float64, generator: new Generator(8, CPU));
        double Loss() { using var s = NewDisposeScope(); using var ng = no_grad(); return (FavorFunctional.CausalSoftmax(q, k, v, w, keep, 4, a) * gOut).sum().ToDouble(); }
        (FavorFunctional.CausalSoftmax(q, k, v, w, keep, 4, a) * gOut).sum().backward();
        FavorChecks.GradientsMatchFiniteDifferences(Loss, [0, 17, 100, 150, -1], (q, "q"), (k, "k"), (v, "v"));
    }

    /// <summary>While the graph is alive, the fused causal path holds about its output's worth, not the [B, H, L, m] features.</summary>
    [Fact]
    public void GraphDoesNotKeepTheFeatures() =>
        FavorChecks.GraphDoesNotKeepTheFeatures((q, k, v, w) => FavorFunctional.CausalSoftmax(q, k, v, w), (q, k, v, w) => TwoStep(q, k, v, w, null, 0));
}
