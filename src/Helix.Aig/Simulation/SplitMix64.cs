namespace Helix.Aig.Simulation;

/// <summary>A tiny seeded generator for simulation patterns (SplitMix64): reproducible across runs and platforms.</summary>
public struct SplitMix64(ulong seed)
{
    ulong _s = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = _s += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
