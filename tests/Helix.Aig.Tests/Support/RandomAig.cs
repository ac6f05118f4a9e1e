using Helix.Core;
using CsCheck;

namespace Helix.Aig.Tests.Support;

/// <summary>Random AIGs for property tests: a few inputs, random ANDs over earlier literals, several outputs.</summary>
public static class RandomAig
{
    /// <summary>A random combinational network, inputs first, built from <paramref name="seed"/>.</summary>
    public static Aignet Build(ulong seed, int inputs, int ands, int outputs, int latches = 0)
    {
        var rng = new SplitMix64(seed);
        var g = new Aignet();
        var lits = new List<AigLit>();
        for (int i = 0; i < inputs; i++) lits.Add(g.AddInput("x" + i));
        for (int i = 0; i < latches; i++) lits.Add(g.AddLatch("q" + i, (int)(rng.NextUInt64() % 3) - 1));
        for (int i = 0; i < ands; i++)
        {
            var a = lits[(int)(rng.NextUInt64() % (ulong)lits.Count)].NegateIf((rng.NextUInt64() & 1) != 0);
            var b = lits[(int)(rng.NextUInt64() % (ulong)lits.Count)].NegateIf((rng.NextUInt64() & 1) != 0);
            var c = (rng.NextUInt64() % 4) switch { 0 => g.Xor(a, b), 1 => g.Or(a, b), _ => g.And(a, b) };
            if (!c.IsConstant) lits.Add(c);
        }
        for (int i = 0; i < latches; i++) g.SetLatchNext(i, lits[(int)(rng.NextUInt64() % (ulong)lits.Count)]);
        for (int o = 0; o < outputs; o++)
        {
            // Bias outputs towards the deep end of the network.
            int k = lits.Count - 1 - (int)(rng.NextUInt64() % (ulong)Math.Min(lits.Count, 8));
            g.AddOutput(lits[k].NegateIf((rng.NextUInt64() & 1) != 0), "y" + o);
        }
        return g;
    }

    /// <summary>A CsCheck generator of (seed, inputs, ands, outputs).</summary>
    public static readonly Gen<Aignet> Gen =
        CsCheck.Gen.Select(CsCheck.Gen.ULong, CsCheck.Gen.Int[1, 10], CsCheck.Gen.Int[0, 60], CsCheck.Gen.Int[1, 4],
            (s, i, a, o) => Build(s, i, a, o));
}
