namespace Helix.Aig.Equivalence;

/// <summary>Miters: two networks over shared inputs, one output per output pair that is 1 where they differ.</summary>
public static class AigMiter
{
    /// <summary>
    /// The miter of <paramref name="a"/> and <paramref name="b"/> (latches cut as in <see cref="AigCec"/>): its
    /// inputs are a's inputs then a's latch outputs; output k is the XOR of the k-th pair. It is unsatisfiable
    /// (every output constant 0) exactly when the networks are combinationally equivalent.
    /// </summary>
    public static Aignet Build(Aignet a, Aignet b, CecMatch match = CecMatch.Auto)
    {
        var (m, pairs) = AigCec.BuildMiter(a, b, match, out _);
        foreach (var (x, y, _, name) in pairs) m.AddOutput(m.Xor(x, y), name);
        return m;
    }
}
