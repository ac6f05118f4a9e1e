using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>Seeded random matrices with orthonormal columns (QR of a Gaussian matrix, signs fixed: Haar for square).</summary>
public static class RandomOrthogonal
{
    /// <summary>An n×k matrix with orthonormal columns drawn from <paramref name="seed"/>.</summary>
    public static Tensor Draw(int n, int k, long seed, ScalarType dtype = ScalarType.Float64)
    {
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, "need 1 ≤ k ≤ n");
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)seed);
        var a = randn(new long[] { n, k }, dtype: ScalarType.Float64, generator: g);
        var (q, r) = linalg.qr(a);
        var sign = r.diagonal().sign();
        return (q * where(sign == 0, ones_like(sign), sign)).to_type(dtype).contiguous().MoveToOuterDisposeScope();
    }
}
