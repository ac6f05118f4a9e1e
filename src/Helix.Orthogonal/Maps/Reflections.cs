using Helix.Torch;
using Helix.Core;
using static TorchSharp.torch;

namespace Helix.Orthogonal;

/// <summary>
/// Shared checks and the safe normalization of reflection vectors for the Householder-family maps.
/// A column whose norm is below <see cref="ZeroNorm"/> is treated as the zero vector: its reflection is the identity
/// (skipped), it gets a zero gradient, and Q stays exactly orthogonal, never NaN.
/// </summary>
internal static class Reflections
{
    /// <summary>Columns with a norm below this (1e-6 in float32, 1e-12 in float64) count as zero vectors (identity).</summary>
    public static double ZeroNorm(ScalarType dtype) => dtype == ScalarType.Float64 ? 1e-12 : 1e-6;

    public static void ValidateVectors(Tensor v, string name = "parameters")
    {
        TensorGuard.NotNull(v, name);
        TensorGuard.Floating(v, name);
        if (v.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"{name} must be float32 or float64, got {v.dtype}", name);
        if (v.dim() < 2)
            throw new ArgumentException($"{name} must have shape (…, N, L) with the reflection vectors as columns, got {TensorGuard.Shape(v)}", name);
        long n = v.shape[^2], l = v.shape[^1];
        if (n < 1 || l < 1) throw new ArgumentException($"{name} must have N ≥ 1 and L ≥ 1, got {TensorGuard.Shape(v)}", name);
        if (l > n) throw new ArgumentException($"{name} has L = {l} reflections for N = {n}; L must be ≤ N (L = N already reaches all of O(N))", name);
    }

    public static void ValidateSquare(Tensor a, string name = "parameters")
    {
        TensorGuard.NotNull(a, name);
        if (a.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"{name} must be float32 or float64, got {a.dtype}", name);
        if (a.dim() < 2 || a.shape[^1] != a.shape[^2] || a.shape[^1] < 1)
            throw new ArgumentException($"{name} must have shape (…, N, N) (its strictly lower triangle defines a skew-symmetric matrix), got {TensorGuard.Shape(a)}", name);
    }

    public static void ValidateOperand(Tensor p, Tensor x, long n)
    {
        TensorGuard.NotNull(x, "x");
        if (x.dim() < 2) throw new ArgumentException($"x must have shape (…, N, K) with N = {n}, got {TensorGuard.Shape(x)}", "x");
        TensorGuard.Dim(x, (int)x.dim() - 2, n, "x", "rows");
        TensorGuard.SameDtype(p, x, "parameters", "x");
    }

    public static long CheckColumns(long columns, long n)
    {
        if (columns < 0 || columns > n) throw new ArgumentOutOfRangeException(nameof(columns), columns, $"columns must be between 1 and N = {n} (0 means all)");
        return columns == 0 ? n : columns;
    }

    /// <summary>Unit columns u = v/‖v‖, with columns below <see cref="ZeroNorm"/> replaced by exact zeros (gradient-safe).</summary>
    public static Tensor Normalize(Tensor v)
    {
        using var scope = NewDisposeScope();
        double eps = ZeroNorm(v.dtype);
        var sq = (v * v).sum(-2, keepdim: true);
        var keep = sq >= eps * eps;
        var safe = where(keep, sq, ones_like(sq));
        var inv = safe.rsqrt() * keep.to_type(v.dtype);
        return (v * inv).MoveToOuterDisposeScope();
    }

    /// <summary>The first <paramref name="m"/> columns of the N×N identity, shape (N, M).</summary>
    public static Tensor Frame(long n, long m, Tensor like) => eye(n, m, dtype: like.dtype, device: like.device);

    /// <summary>Standard normal values from a seed (SplitMix64), as a tensor of <paramref name="shape"/>.</summary>
    public static Tensor Gaussian(long[] shape, long seed, double scale, ScalarType dtype)
    {
        long count = 1;
        foreach (var s in shape) count *= s;
        var rng = new SplitMix64((ulong)seed);
        var data = new double[count];
        for (long i = 0; i < count; i++) data[i] = scale * rng.NextGaussian();
        using var t = tensor(data, dtype: ScalarType.Float64);
        return t.reshape(shape).to_type(dtype);
    }

    /// <summary>K = tril(A, −1) − tril(A, −1)ᵀ, the skew-symmetric matrix a square parameter stands for.</summary>
    public static Tensor Skew(Tensor a)
    {
        using var scope = NewDisposeScope();
        var low = a.tril(-1);
        return (low - low.transpose(-2, -1)).MoveToOuterDisposeScope();
    }
}
