using static TorchSharp.torch;

namespace Helix.Torch;

/// <summary>Argument checks that run before any native call, so bad input is a clear exception, never a libtorch abort.</summary>
public static class TensorGuard
{
    /// <summary>Requires a live tensor.</summary>
    public static void NotNull(Tensor? t, string name)
    {
        if (t is null) throw new ArgumentNullException(name);
        if (t.IsInvalid) throw new ArgumentException($"{name} has been disposed", name);
    }

    /// <summary>Requires rank <paramref name="rank"/>; <paramref name="layout"/> names the dimensions for the message.</summary>
    public static void Rank(Tensor t, int rank, string name, string layout)
    {
        NotNull(t, name);
        if (t.dim() != rank)
            throw new ArgumentException($"{name} must have shape {layout} (rank {rank}), got {Shape(t)}", name);
    }

    /// <summary>Requires a floating-point dtype.</summary>
    public static void Floating(Tensor t, string name)
    {
        if (!t.is_floating_point())
            throw new ArgumentException($"{name} must be a floating-point tensor, got {t.dtype}", name);
    }

    /// <summary>Requires <c>shape[dim] == expected</c>; <paramref name="what"/> names that dimension.</summary>
    public static void Dim(Tensor t, int dim, long expected, string name, string what)
    {
        if (t.shape[dim] != expected)
            throw new ArgumentException($"{name} has {what} {t.shape[dim]} (shape {Shape(t)}) but {expected} was expected", name);
    }

    /// <summary>Requires equal dtypes.</summary>
    public static void SameDtype(Tensor a, Tensor b, string nameA, string nameB)
    {
        if (a.dtype != b.dtype)
            throw new ArgumentException($"{nameB} has dtype {b.dtype} but {nameA} has {a.dtype}; convert one of them", nameB);
    }

    /// <summary>Requires no NaN or infinity (one reduction; call where bad values would spread silently).</summary>
    public static void Finite(Tensor t, string name)
    {
        using var _ = NewDisposeScope();
        if (!isfinite(t).all().item<bool>())
            throw new ArgumentException($"{name} contains NaN or infinite values, which would poison every output that attends to them", name);
    }

    /// <summary>Checks a key-padding mask: bool [B, L], true = padding.</summary>
    public static void PaddingMask(Tensor? mask, long batch, long length, string name = "keyPaddingMask")
    {
        if (mask is null) return;
        NotNull(mask, name);
        if (mask.dtype != ScalarType.Bool)
            throw new ArgumentException($"{name} must be a bool tensor (true = padding), got {mask.dtype}", name);
        if (mask.dim() != 2 || mask.shape[0] != batch || mask.shape[1] != length)
            throw new ArgumentException($"{name} must have shape [{batch}, {length}] (batch, key length), got {Shape(mask)}", name);
    }

    /// <summary>Checks an index vector: int64 [<paramref name="count"/>] with every entry in [0, <paramref name="bound"/>).</summary>
    public static void Indices(Tensor t, long count, long bound, string name)
    {
        NotNull(t, name);
        Rank(t, 1, name, $"[{count}]");
        if (t.dtype != ScalarType.Int64) throw new ArgumentException($"{name} must be int64, got {t.dtype}", name);
        Dim(t, 0, count, name, "length");
        if (count == 0) return;
        using var _ = NewDisposeScope();
        long min = t.min().item<long>(), max = t.max().item<long>();
        if (min < 0 || max >= bound)
            throw new ArgumentOutOfRangeException(name, $"{name} must be in [0, {bound}), found {(min < 0 ? min : max)}");
    }

    /// <summary>Requires <paramref name="value"/> &gt; 0.</summary>
    public static void Positive(long value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
    }

    /// <summary>The shape as text, e.g. <c>[2, 3]</c>.</summary>
    public static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
