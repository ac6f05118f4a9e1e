using static TorchSharp.torch;

namespace Helix.Orthogonal.Tests.Maps;

public class OrthogonalMapTests
{
    static readonly CwyMap Cwy = new();
    static readonly SequentialHouseholderMap Seq = new();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(7, 7)]
    [InlineData(16, 5)]
    [InlineData(33, 33)]
    [InlineData(64, 17)]
    public void CwyEqualsSequentialHouseholder(long n, long l)
    {
        using var _ = NewDisposeScope();
        var v = TestTensors.Randn(n * 100 + l, ScalarType.Float64, n, l);
        Assert.True(TestTensors.MaxAbs(Cwy.Materialize(v), Seq.Materialize(v)) < 1e-12);
        var x = TestTensors.Randn(5, ScalarType.Float64, n, 3);
        Assert.True(TestTensors.MaxAbs(Cwy.Apply(v, x), Seq.Apply(v, x)) < 1e-12);
        Assert.True(TestTensors.MaxAbs(Cwy.Apply(v, x), matmul(Seq.Materialize(v), x)) < 1e-12);
    }

    [Fact]
    public void CwyEqualsSequentialHouseholderForRandomSizes()
    {
        var rng = new Helix.Core.SplitMix64(42);
        for (int trial = 0; trial < 20; trial++)
        {
            using var _ = NewDisposeScope();
            long n = 1 + rng.NextInt(40), l = 1 + rng.NextInt((int)n);
            var v = TestTensors.Randn(trial, ScalarType.Float64, n, l);
            Assert.True(TestTensors.MaxAbs(Cwy.Materialize(v), Seq.Materialize(v)) < 1e-12, $"N={n} L={l}");
        }
    }

    [Theory]
    [InlineData(20, 3)]
    [InlineData(50, 50)]
    [InlineData(300, 10)]
    public void TcwyIsTheFirstColumns(long n, long m)
    {
        using var _ = NewDisposeScope();
        var v = TestTensors.Randn(n + m, ScalarType.Float64, n, m);
        var frame = Cwy.Stiefel(v);
        Assert.Equal(new[] { n, m }, frame.shape);
        Assert.True(TestTensors.MaxAbs(frame, Seq.Materialize(v).narrow(1, 0, m)) < 1e-12);
        Assert.True(OrthogonalMaps.OrthogonalityError(frame) < 1e-12);
    }

    [Fact]
    public void HouseholderProductMatchesCwyOnItsEffectiveVectors()
    {
        using var _ = NewDisposeScope();
        var p = TestTensors.Randn(3, ScalarType.Float64, 12, 5);
        var q = new HouseholderProductMap().Materialize(p);
        var reference = Cwy.Materialize(HouseholderProductMap.EffectiveVectors(p));
        Assert.True(TestTensors.MaxAbs(q, reference) < 1e-12);
        Assert.True(TestTensors.MaxAbs(new HouseholderProductMap().Materialize(p, 3), reference.narrow(1, 0, 3)) < 1e-12);
    }

    [Fact]
    public void SkewMapsAgreeWithTheirDefinitions()
    {
        using var _ = NewDisposeScope();
        var a = TestTensors.Randn(4, ScalarType.Float64, 6, 6);
        var low = a.tril(-1);
        var k = low - low.T;
        var i = eye(6, dtype: ScalarType.Float64);
        var cayley = matmul(linalg.inv(i - k), i + k);
        Assert.True(TestTensors.MaxAbs(new CayleyMap().Materialize(a), cayley) < 1e-12);
        // exp(K) by its Taylor series (‖K‖ is small enough after scaling by 1/8 and squaring three times).
        var ks = k / 8.0;
        var e = eye(6, dtype: ScalarType.Float64);
        var term = eye(6, dtype: ScalarType.Float64);
        for (int j = 1; j < 30; j++) { term = matmul(term, ks) / j; e = e + term; }
        for (int j = 0; j < 3; j++) e = matmul(e, e);
        Assert.True(TestTensors.MaxAbs(new MatrixExpMap().Materialize(a), e) < 1e-12);
    }

    public static IEnumerable<object[]> Kinds() => OrthogonalMaps.All.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Kinds))]
    public void OrthogonalAtN1024(OrthogonalMapKind kind)
    {
        var map = OrthogonalMaps.Create(kind);
        long n = 1024, l = kind == OrthogonalMapKind.Householder ? 64 : n;
        // float32: 1e-5 for every map except the matrix exponential, whose float32 libtorch result drifts to ~6e-5.
        double tol32 = kind == OrthogonalMapKind.MatrixExp ? 1e-4 : 1e-5;
        foreach (var (dtype, tol) in new[] { (ScalarType.Float64, 1e-12), (ScalarType.Float32, tol32) })
        {
            using var _ = NewDisposeScope();
            using var ng = no_grad();
            var p = map.Initial(n, l, 7, dtype);
            double err = OrthogonalMaps.OrthogonalityError(map.Materialize(p));
            Assert.True(err < tol, $"{map.Name} {dtype}: |QᵀQ − I| = {err}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ApplyMatchesMaterializeBatched(OrthogonalMapKind kind)
    {
        using var _ = NewDisposeScope();
        var map = OrthogonalMaps.Create(kind);
        var p = Reflections.Gaussian([2, 3, .. map.ParameterShape(8, 4)], 11, 0.5, ScalarType.Float64);
        var x = TestTensors.Randn(2, ScalarType.Float64, 2, 3, 8, 5);
        var q = map.Materialize(p);
        Assert.Equal(new long[] { 2, 3, 8, 8 }, q.shape);
        Assert.True(TestTensors.MaxAbs(map.Apply(p, x), matmul(q, x)) < 1e-12);
        Assert.True(TestTensors.MaxAbs(map.Materialize(p, 3), q.narrow(-1, 0, 3)) < 1e-12);
        Assert.True(OrthogonalMaps.OrthogonalityError(q) < 1e-12);
        // each batch element is the map of its own parameters
        Assert.True(TestTensors.MaxAbs(q[1, 2], map.Materialize(p[1, 2])) < 1e-12);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void GradientsMatchFiniteDifferences(OrthogonalMapKind kind)
    {
        using var _ = NewDisposeScope();
        var map = OrthogonalMaps.Create(kind);
        var p = Reflections.Gaussian(map.ParameterShape(5, 3), 3, 0.7, ScalarType.Float64);
        var r1 = TestTensors.Randn(8, ScalarType.Float64, 5, 5);
        var r2 = TestTensors.Randn(9, ScalarType.Float64, 5, 2);
        var r3 = TestTensors.Randn(10, ScalarType.Float64, 5, 2);
        var x = TestTensors.Randn(12, ScalarType.Float64, 5, 2);
        Tensor Loss(Tensor q) => (map.Materialize(q) * r1).sum() + (map.Apply(q, x) * r2).sum() + (map.Materialize(q, 2) * r3).sum();
        double err = TestTensors.GradientError(Loss, p);
        Assert.True(err < 1e-7, $"{map.Name}: gradient error {err}");
    }

    [Theory]
    [InlineData(OrthogonalMapKind.Cwy)]
    [InlineData(OrthogonalMapKind.Householder)]
    public void ZeroAndTinyVectorsAreSkippedNeverNaN(OrthogonalMapKind kind)
    {
        using var _ = NewDisposeScope();
        var map = OrthogonalMaps.Create(kind);
        var v = TestTensors.Randn(1, ScalarType.Float64, 6, 3);
        v[.., 1] = zeros(6, dtype: ScalarType.Float64);
        v[.., 2] = zeros(6, dtype: ScalarType.Float64);
        v[0, 2] = tensor(1e-300);
        var p = v.clone().requires_grad_(true);
        var q = map.Materialize(p);
        Assert.False(isnan(q).any().item<bool>());
        Assert.True(OrthogonalMaps.OrthogonalityError(q) < 1e-12);
        // the zero vectors are identity reflections: Q = H(v₀)
        var expected = map.Materialize(v.narrow(1, 0, 1));
        Assert.True(TestTensors.MaxAbs(q, expected) < 1e-12);
        q.sum().backward();
        Assert.False(isnan(p.grad!).any().item<bool>());
        Assert.Equal(0.0, p.grad!.narrow(1, 1, 2).abs().max().item<double>());
        // float32: a vector below 1e-6 is also skipped
        var f = v.to_type(ScalarType.Float32);
        f[.., 1] = full(6, 1e-8f);
        Assert.True(OrthogonalMaps.OrthogonalityError(map.Materialize(f)) < 1e-5);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void BadInputsGetClearErrors(OrthogonalMapKind kind)
    {
        using var _ = NewDisposeScope();
        var map = OrthogonalMaps.Create(kind);
        var square = map.ParameterShape(4, 4)[1] == 4 && kind is OrthogonalMapKind.MatrixExp or OrthogonalMapKind.Cayley;
        Assert.Throws<ArgumentException>(() => map.Materialize(zeros(4)));
        Assert.Throws<ArgumentException>(() => map.Materialize(zeros(new long[] { 4, 4 }, dtype: ScalarType.Int64)));
        if (square) Assert.Throws<ArgumentException>(() => map.Materialize(zeros(4, 3)));
        else
        {
            var ex = Assert.Throws<ArgumentException>(() => map.Materialize(zeros(3, 4)));
            Assert.Contains("L must be ≤ N", ex.Message);
        }
        var p = map.Initial(4, 2, 1, ScalarType.Float32);
        Assert.Throws<ArgumentException>(() => map.Apply(p, zeros(5, 2)));
        Assert.Throws<ArgumentException>(() => map.Apply(p, zeros(new long[] { 4, 2 }, dtype: ScalarType.Float64)));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Materialize(p, 5));
    }

    [Fact]
    public void NamesParseBack()
    {
        foreach (var kind in OrthogonalMaps.All) Assert.Equal(kind, OrthogonalMaps.Parse(OrthogonalMaps.Create(kind).Name));
        Assert.Throws<ArgumentException>(() => OrthogonalMaps.Parse("svd"));
    }
}
