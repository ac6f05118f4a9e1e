using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Orthogonal.Tests.Modules;

public class OrthogonalWeightTests
{
    [Fact]
    public void GradientLandsOnTheVisibleParameter()
    {
        using var w = new OrthogonalWeight(6, 6, dtype: ScalarType.Float64);
        var named = w.named_parameters().ToList();
        Assert.Single(named);
        Assert.Equal("original", named[0].name);
        w.Weight.sum().backward();
        Assert.NotNull(w.Original.grad);
        Assert.True(w.Original.grad!.abs().sum().item<double>() > 0);
    }

    [Theory]
    [InlineData(OrthogonalMapKind.Cwy, 16, 16)]
    [InlineData(OrthogonalMapKind.Cwy, 24, 5)]
    [InlineData(OrthogonalMapKind.MatrixExp, 12, 12)]
    [InlineData(OrthogonalMapKind.Cayley, 12, 4)]
    [InlineData(OrthogonalMapKind.HouseholderProduct, 12, 12)]
    public void StaysOrthogonalAfterAdamAndSaveLoad(OrthogonalMapKind kind, long rows, long columns)
    {
        using var _ = NewDisposeScope();
        using var w = new OrthogonalWeight(rows, columns, kind, seed: 3, dtype: ScalarType.Float64);
        var target = TestTensors.Randn(4, ScalarType.Float64, rows, columns);
        using var adam = optim.Adam(w.parameters(), 0.01);
        for (int step = 0; step < 1000; step++)
        {
            using var s = NewDisposeScope();
            adam.zero_grad();
            (w.Weight - target).square().sum().backward();
            adam.step();
        }
        var trained = w.Weight.detach();
        Assert.True(OrthogonalMaps.OrthogonalityError(trained) < 1e-12);
        var path = Path.Combine(Path.GetTempPath(), $"helix-ortho-{Guid.NewGuid():N}.bin");
        try
        {
            w.save(path);
            using var loaded = new OrthogonalWeight(rows, columns, kind, seed: 99, dtype: ScalarType.Float64);
            Assert.True(TestTensors.MaxAbs(loaded.Weight, trained) > 1e-3);
            loaded.load(path);
            var restored = loaded.Weight.detach();
            Assert.True(restored.eq(trained).all().item<bool>(), "the loaded weight is bit-for-bit the saved one");
            Assert.True(OrthogonalMaps.OrthogonalityError(restored) < 1e-12);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void CachedScopeComputesTheWeightOnce()
    {
        using var w = new OrthogonalWeight(5, 5, dtype: ScalarType.Float64);
        Assert.NotSame(w.Weight, w.Weight);
        Tensor first;
        using (w.Cached())
        {
            first = w.Weight;
            Assert.Same(first, w.Weight);
            using (w.Cached()) Assert.Same(first, w.Weight);
            Assert.Same(first, w.Weight);
            (w.Weight.sum() + w.Apply(ones(5, 2, dtype: ScalarType.Float64)).sum()).backward();
        }
        Assert.True(first.IsInvalid);
        Assert.NotNull(w.Original.grad);
    }

    [Fact]
    public void BadShapesGetClearErrors()
    {
        Assert.Throws<ArgumentException>(() => new OrthogonalWeight(3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrthogonalWeight(4, 4, reflections: 5));
        Assert.Throws<ArgumentException>(() => new OrthogonalLinear(8, 4));
        using var w = new OrthogonalWeight(6, 3);
        Assert.Throws<ArgumentException>(() => w.Apply(zeros(6, 2)));
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(5, 12)]
    public void OrthogonalLinearMatchesItsWeight(long inF, long outF)
    {
        using var _ = NewDisposeScope();
        using var layer = new OrthogonalLinear(inF, outF, dtype: ScalarType.Float64);
        using (no_grad()) layer.Bias!.copy_(TestTensors.Randn(1, ScalarType.Float64, outF));
        var x = TestTensors.Randn(2, ScalarType.Float64, 3, 4, inF);
        var y = layer.call(x);
        Assert.Equal(new[] { 3L, 4, outF }, y.shape);
        var w = layer.Weight.Weight;
        Assert.True(TestTensors.MaxAbs(y, matmul(x, w.T) + layer.Bias) < 1e-12);
        // norms preserved (before the bias)
        var z = layer.call(x) - layer.Bias;
        Assert.True(TestTensors.MaxAbs(z.norm(-1), x.norm(-1)) < 1e-12);
    }
}
