using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>Fixed sinusoidal position encodings (Vaswani et al.).</summary>
public static class SinusoidalPositions
{
    /// <summary>Encodings [L, dim] for positions start .. start+L−1: sin on even, cos on odd channels.</summary>
    public static Tensor Table(long start, long length, long dim, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var pos = arange(start, start + length, dtype: ScalarType.Float64).unsqueeze(1);
        var inv = exp(arange(0, dim, 2, dtype: ScalarType.Float64) * (-Math.Log(10000.0) / dim));
        var angles = pos * inv.unsqueeze(0);                                        // [L, ceil(dim/2)]
        var table = stack(new[] { angles.sin(), angles.cos() }, -1).reshape(length, -1).narrow(1, 0, dim);
        return table.to_type(dtype).MoveToOuterDisposeScope();
    }
}
