namespace Helix.Attention;

/// <summary>Derives independent, reproducible seeds from a base seed and indices (SplitMix64 finalizer).</summary>
internal static class SeedMix
{
    public static long Combine(long seed, long a, long b = 0)
    {
        ulong z = unchecked((ulong)seed + 0x9E3779B97F4A7C15UL * (ulong)(a + 1) + 0xBF58476D1CE4E5B9UL * (ulong)(b + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)((z ^ (z >> 31)) & 0x7FFFFFFFFFFFFFFFUL);
    }
}
