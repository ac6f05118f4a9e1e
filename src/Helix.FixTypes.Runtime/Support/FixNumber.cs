using System.Runtime.CompilerServices;

namespace Helix.FixTypes;

/// <summary>Integer and floating-point fixing for <see cref="RangeAttribute"/> and <see cref="BitsAttribute"/>; used by
/// generated code. Each is inlined, with the in-range case first, so that a valid value costs one or two comparisons.</summary>
public static class FixNumber
{
    /// <summary><paramref name="v"/> modulo the width of [lo, hi], shifted into the range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Wrap(long v, long lo, long hi) => v >= lo && v <= hi ? v : WrapOutside(v, lo, hi);

    private static long WrapOutside(long v, long lo, long hi)
    {
        Int128 width = (Int128)hi - lo + 1;
        Int128 off = ((Int128)v - lo) % width;
        if (off < 0) off += width;
        return (long)(lo + off);
    }

    /// <summary><paramref name="v"/> clamped into [lo, hi]; NaN fixes to <paramref name="lo"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Clamp(double v, double lo, double hi) => v >= lo ? (v <= hi ? v : hi) : lo;

    /// <summary>Sign-extends the low <paramref name="width"/> bits of <paramref name="v"/> (ACL2 logext).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SignExtend(long v, int width) => (v << (64 - width)) >> (64 - width);
}
