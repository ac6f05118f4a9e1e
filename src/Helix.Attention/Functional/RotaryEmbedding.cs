using Helix.Torch;
using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>Rotary position embedding (RoFormer), half-split layout: rotates (x_i, x_{i+d/2}) by angle p·10000^(−2i/d).</summary>
public static class RotaryEmbedding
{
    /// <summary>Rotates per-head vectors x [B, H, L, d] (d even) for absolute positions start .. start+L−1.</summary>
    public static Tensor Apply(Tensor x, long start)
    {
        TensorGuard.Rank(x, 4, nameof(x), "[B, H, L, d]");
        long d = x.shape[3], len = x.shape[2], half = d / 2;
        if (d % 2 != 0) throw new ArgumentException($"rotary positions need an even head size, got {d}", nameof(x));
        using var scope = NewDisposeScope();
        var inv = exp(arange(0, half, dtype: ScalarType.Float64) * (-2.0 * Math.Log(10000.0) / d));
        var angles = arange(start, start + len, dtype: ScalarType.Float64).unsqueeze(1) * inv.unsqueeze(0);   // [L, d/2]
        return Rotate(x, angles).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Rotates per-head vectors x [B, H, 1, d] of one position per batch row, row r at absolute position
    /// <paramref name="positions"/>[r] (int64 [B]); the same angles, so the same values, as <see cref="Apply"/> gives there.
    /// </summary>
    public static Tensor ApplyAt(Tensor x, Tensor positions)
    {
        TensorGuard.Rank(x, 4, nameof(x), "[B, H, 1, d]");
        TensorGuard.Dim(x, 2, 1, nameof(x), "length");
        TensorGuard.Indices(positions, x.shape[0], long.MaxValue, nameof(positions));
        long d = x.shape[3], half = d / 2;
        if (d % 2 != 0) throw new ArgumentException($"rotary positions need an even head size, got {d}", nameof(x));
        using var scope = NewDisposeScope();
        var inv = exp(arange(0, half, dtype: ScalarType.Float64) * (-2.0 * Math.Log(10000.0) / d));
        var angles = (positions.to_type(ScalarType.Float64).cpu().unsqueeze(1) * inv.unsqueeze(0)).view(-1, 1, 1, half);   // [B, 1, 1, d/2]
        return Rotate(x, angles).MoveToOuterDisposeScope();
    }

    // Angles are formed in float64 and rounded once, so every caller rotates a position by the same values.
    static Tensor Rotate(Tensor x, Tensor angles)
    {
        long half = x.shape[3] / 2;
        var cos = angles.cos().to_type(x.dtype).to(x.device);
        var sin = angles.sin().to_type(x.dtype).to(x.device);
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        return cat(new[] { x1 * cos - x2 * sin, x2 * cos + x1 * sin }, -1);
    }
}
