namespace Helix.Aig.Simulation;

/// <summary>
/// Values of every node of an <see cref="Aignet"/> for <see cref="Words"/>·64 patterns, node-major
/// (node <c>id</c>'s words are <c>Values[id·Words .. id·Words + Words)</c>).
/// </summary>
public sealed class SimulationPatterns
{
    internal SimulationPatterns(int nodes, int words) { Words = words; Values = new ulong[(long)nodes * words]; }

    /// <summary>64-bit words per node.</summary>
    public int Words { get; }
    /// <summary>All node values, node-major.</summary>
    public ulong[] Values { get; }

    /// <summary>The words of node <paramref name="id"/>.</summary>
    public Span<ulong> Node(int id) => Values.AsSpan(id * Words, Words);

    /// <summary>Value of literal <paramref name="lit"/> in pattern <paramref name="pattern"/>.</summary>
    public bool Value(AigLit lit, int pattern) =>
        (((Values[lit.Id * Words + (pattern >> 6)] >> (pattern & 63)) & 1) != 0) ^ lit.IsNegated;

    /// <summary>Word <paramref name="w"/> of literal <paramref name="lit"/>.</summary>
    public ulong Word(AigLit lit, int w) => Values[lit.Id * Words + w] ^ (lit.IsNegated ? ~0UL : 0UL);
}
