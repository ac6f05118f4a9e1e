using static TorchSharp.torch;

namespace Helix.Orthogonal.Tests.Maps;

/// <summary>
/// The blocked CWY map with its hand-written backward against the single-block formula differentiated by autograd
/// (the map's previous implementation, kept here as the reference), against sequential Householder, and against
/// finite differences, for every block size including ones that do not divide L.
/// </summary>
public class CwyBlockTests
{
    /// <summary>The single-block CWY written out and differentiated by autograd: Q·X = X − U S⁻¹ UᵀX.</summary>
    static Tensor ReferenceApply(Tensor p, Tensor x)
    {
        var u = Reflections.Normalize(p);
        var y = linalg.solve_triangular(ReferenceS(u), matmul(u.transpose(-2, -1), x), upper: true);
        return x - matmul(u, y);
    }

    /// <summary>The first M columns: [I_M; 0] − U S⁻¹ U₁ᵀ.</summary>
    static Tensor ReferenceMaterialize(Tensor p, long m)
    {
        var u = Reflections.Normalize(p);
        var y = linalg.solve_triangular(ReferenceS(u), u.narrow(-2, 0, m).transpose(-2, -1), upper: true);
        return eye(p.shape[^2], m, dtype: p.dtype) - matmul(u, y);
    }

    static Tensor ReferenceS(Tensor u)
        => matmul(u.transpose(-2, -1), u).triu(1) + eye(u.shape[^1], dtype: u.dtype) * 0.5;

    public static IEnumerable<object[]> Shapes() =>
    [
        [1L, 1L, 2L, 1L], [7L, 1L, 3L, 0L], [9L, 9L, 4L, 1L], [9L, 9L, 4L, 2L], [16L, 5L, 4L, 2L], [33L, 33L, 5L, 8L],
        [33L, 33L, 5L, 0L], [20L, 9L, 3L, 9L], [20L, 9L, 3L, 50L], [40L, 37L, 40L, 6L], [300L, 140L, 6L, 0L], [64L, 64L, 300L, 0L],
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ValuesEqualTheSingleBlockFormulaAndSequentialHouseholder(long n, long l, long k, long block)
    {
        using var _ = NewDisposeScope();
        var map = new CwyMap(block);
        var p = TestTensors.Randn(n * 7 + l, ScalarType.Float64, n, l);
        var x = TestTensors.Randn(k, ScalarType.Float64, n, k);
        var seq = new SequentialHouseholderMap();
        Assert.True(TestTensors.MaxAbs(map.Apply(p, x), ReferenceApply(p, x)) < 1e-12);
        Assert.True(TestTensors.MaxAbs(map.Apply(p, x), seq.Apply(p, x)) < 1e-12);
        Assert.True(TestTensors.MaxAbs(map.Materialize(p), ReferenceMaterialize(p, n)) < 1e-12);
        Assert.True(TestTensors.MaxAbs(map.Materialize(p), seq.Materialize(p)) < 1e-12);
        long m = Math.Max(1, l / 2);
        Assert.True(TestTensors.MaxAbs(map.Materialize(p, m), ReferenceMaterialize(p, m)) < 1e-12);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GradientsEqualAutogradThroughTheSingleBlockFormula(long n, long l, long k, long block)
    {
        using var _ = NewDisposeScope();
        var map = new CwyMap(block);
        var p0 = TestTensors.Randn(n * 7 + l, ScalarType.Float64, n, l);
        var x0 = TestTensors.Randn(k, ScalarType.Float64, n, k);
        var r = TestTensors.Randn(k + 1, ScalarType.Float64, n, k);
        long m = Math.Max(1, l / 2);
        var rq = TestTensors.Randn(k + 2, ScalarType.Float64, n, n);
        var rm = TestTensors.Randn(k + 3, ScalarType.Float64, n, m);
        var (gp, gx) = Gradients(p0, x0, (p, x) => (map.Apply(p, x) * r).sum() + (map.Materialize(p) * rq).sum() + (map.Materialize(p, m) * rm).sum());
        var (hp, hx) = Gradients(p0, x0, (p, x) => (ReferenceApply(p, x) * r).sum() + (ReferenceMaterialize(p, n) * rq).sum() + (ReferenceMaterialize(p, m) * rm).sum());
        Assert.True(TestTensors.MaxAbs(gp, hp) < 1e-11 * Math.Max(1, hp.abs().max().item<double>()), $"∂p differs by {TestTensors.MaxAbs(gp, hp)}");
        Assert.True(TestTensors.MaxAbs(gx, hx) < 1e-11, $"∂x differs by {TestTensors.MaxAbs(gx, hx)}");
    }

    [Theory]
    [InlineData(7L, 7L, 2L)]
    [InlineData(8L, 5L, 2L)]
    [InlineData(6L, 6L, 4L)]
    public void GradientsMatchFiniteDifferences(long n, long l, long block)
    {
        using var _ = NewDisposeScope();
        var map = new CwyMap(block);
        var p = Reflections.Gaussian([n, l], 5, 0.8, ScalarType.Float64);
        var x = TestTensors.Randn(6, ScalarType.Float64, n, 3);
        var r1 = TestTensors.Randn(7, ScalarType.Float64, n, 3);
        var r2 = TestTensors.Randn(8, ScalarType.Float64, n, n);
        var r3 = TestTensors.Randn(9, ScalarType.Float64, n, 2);
        double errP = TestTensors.GradientError(q => (map.Apply(q, x) * r1).sum() + (map.Materialize(q) * r2).sum() + (map.Materialize(q, 2) * r3).sum(), p);
        Assert.True(errP < 1e-7, $"∂p: {errP}");
        double errX = TestTensors.GradientError(y => (map.Apply(p, y) * r1).sum(), x);
        Assert.True(errX < 1e-7, $"∂x: {errX}");
    }

    [Fact]
    public void BroadcastBatchesGetSummedGradients()
    {
        using var _ = NewDisposeScope();
        var map = new CwyMap(3);
        // batched vectors with one X, and one set of vectors with a batch of X
        foreach (var (ps, xs) in new (long[] P, long[] X)[] { ([2, 3, 9, 7], [9, 4]), ([9, 7], [2, 9, 4]), ([2, 1, 9, 7], [3, 9, 4]) })
        {
            var p0 = TestTensors.Randn(1, ScalarType.Float64, ps);
            var x0 = TestTensors.Randn(2, ScalarType.Float64, xs);
            var y = map.Apply(p0, x0);
            var r = TestTensors.Randn(3, ScalarType.Float64, y.shape);
            var (gp, gx) = Gradients(p0, x0, (p, x) => (map.Apply(p, x) * r).sum());
            var (hp, hx) = Gradients(p0, x0, (p, x) => (ReferenceApply(p, x) * r).sum());
            Assert.Equal(p0.shape, gp.shape);
            Assert.Equal(x0.shape, gx.shape);
            Assert.True(TestTensors.MaxAbs(y, ReferenceApply(p0, x0)) < 1e-12);
            Assert.True(TestTensors.MaxAbs(gp, hp) < 1e-11);
            Assert.True(TestTensors.MaxAbs(gx, hx) < 1e-11);
        }
        var pb = TestTensors.Randn(4, ScalarType.Float64, 2, 9, 7).requires_grad_(true);
        var rq = TestTensors.Randn(5, ScalarType.Float64, 2, 9, 9);
        (map.Materialize(pb) * rq).sum().backward();
        var pr = pb.detach().clone().requires_grad_(true);
        (ReferenceMaterialize(pr, 9) * rq).sum().backward();
        Assert.True(TestTensors.MaxAbs(pb.grad!, pr.grad!) < 1e-11);
    }

    [Fact]
    public void ZeroVectorsInsideBlocksAreIdentityWithZeroGradient()
    {
        using var _ = NewDisposeScope();
        var v = TestTensors.Randn(3, ScalarType.Float64, 10, 8);
        v[.., 2] = zeros(10, dtype: ScalarType.Float64);
        v[.., 5] = zeros(10, dtype: ScalarType.Float64);
        v[0, 5] = tensor(1e-300);
        var keep = tensor(new long[] { 0, 1, 3, 4, 6, 7 });
        var expected = ReferenceApply(v.index_select(1, keep), eye(10, dtype: ScalarType.Float64));
        foreach (long block in new long[] { 1, 3, 4, 8 })
        {
            var p = v.clone().requires_grad_(true);
            var q = new CwyMap(block).Materialize(p);
            Assert.True(TestTensors.MaxAbs(q, expected) < 1e-12, $"block {block}");
            (q * TestTensors.Randn(4, ScalarType.Float64, 10, 10)).sum().backward();
            Assert.False(isnan(p.grad!).any().item<bool>());
            Assert.Equal(0.0, p.grad!.index_select(1, tensor(new long[] { 2, 5 })).abs().max().item<double>());
        }
    }

    [Fact]
    public void WithoutAGraphTheResultIsTheSame()
    {
        using var _ = NewDisposeScope();
        var map = new CwyMap(4);
        var p = TestTensors.Randn(1, ScalarType.Float64, 12, 11).requires_grad_(true);
        var x = TestTensors.Randn(2, ScalarType.Float64, 12, 5);
        var withGraph = map.Apply(p, x);
        var frameWithGraph = map.Materialize(p, 3);
        Assert.True(withGraph.requires_grad && frameWithGraph.requires_grad);
        using (no_grad())
        {
            var plain = map.Apply(p, x);
            Assert.False(plain.requires_grad);
            Assert.Equal(0.0, TestTensors.MaxAbs(plain, withGraph));
            Assert.Equal(0.0, TestTensors.MaxAbs(map.Materialize(p, 3), frameWithGraph));
        }
        // only X requires a gradient: ∂X = Qᵀ·G
        var xg = x.clone().requires_grad_(true);
        var g = TestTensors.Randn(3, ScalarType.Float64, 12, 5);
        (map.Apply(p.detach(), xg) * g).sum().backward();
        Assert.True(TestTensors.MaxAbs(xg.grad!, matmul(map.Materialize(p.detach()).T, g)) < 1e-12);
    }

    [Fact]
    public void FloatBlocksStayOrthogonal()
    {
        using var _ = NewDisposeScope();
        using var ng = no_grad();
        var p = new CwyMap().Initial(512, 512, 3, ScalarType.Float32);
        var x = TestTensors.Randn(4, ScalarType.Float32, 512, 16);
        var y = new CwyMap().Apply(p, x);
        // ‖Qx‖ = ‖x‖ column by column, and the blocked result matches the single-block one in float32
        long[] rows = [0];
        var sq = (x * x).sum(rows);
        Assert.True(TestTensors.MaxAbs((y * y).sum(rows), sq) < 1e-5 * sq.max().item<float>());
        Assert.True(TestTensors.MaxAbs(y, new CwyMap(512).Apply(p, x)) < 1e-4);
        Assert.True(OrthogonalMaps.OrthogonalityError(new CwyMap().Materialize(p)) < 1e-5);
    }

    [Fact]
    public void NegativeBlockSizeIsRejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new CwyMap(-1));

    static (Tensor P, Tensor X) Gradients(Tensor p0, Tensor x0, Func<Tensor, Tensor, Tensor> loss)
    {
        var p = p0.detach().clone().requires_grad_(true);
        var x = x0.detach().clone().requires_grad_(true);
        loss(p, x).backward();
        return (p.grad!, x.grad!);
    }
}
