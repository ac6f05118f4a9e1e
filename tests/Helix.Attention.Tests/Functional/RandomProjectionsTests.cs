using static TorchSharp.torch;

namespace Helix.Attention.Tests.Functional;

public class RandomProjectionsTests
{
    [Fact]
    public void SameSeedSameMatrixOtherSeedOtherMatrix()
    {
        using var scope = NewDisposeScope();
        foreach (var kind in new[] { ProjectionKind.Gaussian, ProjectionKind.Orthogonal })
        {
            var a = RandomProjections.Draw(kind, RowNormKind.Chi, 20, 8, 7);
            var b = RandomProjections.Draw(kind, RowNormKind.Chi, 20, 8, 7);
            var c = RandomProjections.Draw(kind, RowNormKind.Chi, 20, 8, 8);
            Assert.Equal(0, ReferenceAttention.MaxAbsDiff(a, b));
            Assert.True(ReferenceAttention.MaxAbsDiff(a, c) > 0.1);
        }
    }

    [Fact]
    public void OrthogonalBlocksAreOrthogonalAndNormsFollowTheRowNormKind()
    {
        using var scope = NewDisposeScope();
        var w = RandomProjections.Draw(ProjectionKind.Orthogonal, RowNormKind.FixedSqrtD, 20, 8, 1, ScalarType.Float64);
        Assert.Equal(new long[] { 20, 8 }, w.shape);
        Assert.True(ReferenceAttention.MaxAbsDiff(w.norm(1), full(20, Math.Sqrt(8), ScalarType.Float64)) < 1e-12);
        foreach (var (start, len) in new[] { (0L, 8L), (8L, 8L), (16L, 4L) })
        {
            var block = w.narrow(0, start, len);
            Assert.True(ReferenceAttention.MaxAbsDiff(block.matmul(block.t()), eye(len, dtype: ScalarType.Float64) * 8) < 1e-10);
        }
        // Chi norms: rows of different lengths whose squared norms average about d.
        var chi = RandomProjections.Draw(ProjectionKind.Orthogonal, RowNormKind.Chi, 4000, 8, 2, ScalarType.Float64);
        var sq = chi.square().sum(1);
        Assert.InRange(sq.mean().item<double>(), 7.5, 8.5);
        Assert.True(sq.std().item<double>() > 1);
    }

    [Fact]
    public void BadSizesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomProjections.Draw(ProjectionKind.Gaussian, RowNormKind.Chi, 0, 8, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomProjections.Draw(ProjectionKind.Gaussian, RowNormKind.Chi, 8, -1, 1));
    }
}
