namespace Helix.Core;

/// <summary>
/// The one seeded generator of Helix (SplitMix64). Its whole state is one <see cref="ulong"/>, so a checkpoint can
/// store it and a resumed run draws exactly the same numbers. Hot loops that cannot afford an object use the static
/// <see cref="Next(ref ulong)"/> on a local state; seeds for sub-streams come from <see cref="Combine"/>.
/// </summary>
public sealed class SplitMix64
{
    const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The generator state; setting it restores a saved position in the stream.</summary>
    public ulong State { get; set; }

    /// <summary>Starts the stream at <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => State = seed;

    /// <summary>The SplitMix64 finalizer: a bijective mix of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Advances <paramref name="state"/> and returns the next 64 bits (the allocation-free form).</summary>
    public static ulong Next(ref ulong state) => Mix(state += Golden);

    /// <summary>
    /// A reproducible non-negative seed derived from <paramref name="seed"/> and up to two indices (layer, step,
    /// slice, ...), so that independent parts of a run get independent streams.
    /// </summary>
    public static long Combine(long seed, long a, long b = 0) =>
        (long)(Mix(unchecked((ulong)seed + Golden * (ulong)(a + 1) + 0xBF58476D1CE4E5B9UL * (ulong)(b + 1))) & 0x7FFFFFFFFFFFFFFFUL);

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        ulong s = State;
        ulong r = Next(ref s);
        State = s;
        return r;
    }

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong range = (ulong)maxExclusive;
        while (true)
        {
            ulong x = NextUInt64() >> 32;
            ulong m = x * range;
            if ((uint)m >= (uint)((0x1_0000_0000UL - range) % range)) return (int)(m >> 32);
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A draw from the standard normal distribution (Box–Muller on two uniforms).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool NextBernoulli(double p) => NextDouble() < p;

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>An independent generator derived from this one's next output (for a sub-stream such as one epoch).</summary>
    public SplitMix64 Fork() => new(NextUInt64());
}
