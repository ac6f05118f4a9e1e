using CsCheck;
using Helix.Aig.Aiger;
using Helix.Aig.Equivalence;
using Helix.Aig.Tests.Support;

namespace Helix.Aig.Tests.Equivalence;

public class FraigTests
{
    [Fact]
    public void PreservesTheFunctionAndNeverGrows()
    {
        Gen.Select(RandomAig.Gen, Gen.ULong).Sample((g, seed) =>
        {
            // Double the logic with a differently built copy so there is something to merge.
            var (r, stats) = AigFraig.Run(g, new FraigOptions { Seed = seed, SimulationWords = 1 + (int)(seed % 4) });
            Truth.AssertSameFunction(g, r);
            Assert.True(r.AndCount <= g.AndCount);
            Assert.Equal(stats.AndsAfter, r.AndCount);
        }, iter: 300);
    }

    [Fact]
    public void MergesRedundantLogic()
    {
        var g = new Aignet();
        var x = Enumerable.Range(0, 6).Select(i => g.AddInput("x" + i)).ToArray();
        // Two structurally different XOR chains computing the same parity.
        var p1 = x.Aggregate(AigLit.False, g.Xor);
        var p2 = AigLit.False;
        foreach (var v in x.Reverse()) p2 = g.Mux(v, !p2, p2);
        g.AddOutput(p1, "a"); g.AddOutput(p2, "b");
        var (r, stats) = AigFraig.Run(g);
        Assert.Equal(r.Output(0), r.Output(1));
        Assert.True(stats.Merged > 0);
        Assert.True(r.AndCount < g.AndCount);
        Truth.AssertSameFunction(g, r);
    }

    [Fact]
    public void KeepsLatchesAndTheirFunctions()
    {
        var g = RandomAig.Build(9, 4, 60, 2, latches: 3);
        var (r, _) = AigFraig.Run(g);
        Assert.Equal(3, r.LatchCount);
        Truth.AssertSameFunction(g, r);
        for (int k = 0; k < 3; k++) Assert.Equal(g.LatchReset(k), r.LatchReset(k));
    }

    [ToolFact(Tools.Abc)]
    public void FraigOfAMiterLikeCircuitIsEquivalentInAbc()
    {
        using var abc = new AbcCircuits();
        var (o, r, _) = abc.Generate("mul6", "-m -N 6");
        var a = AigerReader.ReadFile(o); var b = AigerReader.ReadFile(r);
        // Both versions side by side over shared inputs: fraig must merge them into (at most) one.
        var both = a.Copy();
        var map = new int[b.NodeCount];
        for (int id = 1; id < b.NodeCount; id++)
            map[id] = b.Kind(id) == AigNodeKind.Input ? both.Input(b.CiIndex(id)).Value
                : both.And(new AigLit(map[b.Fanin0(id).Id] ^ (b.Fanin0(id).Value & 1)), new AigLit(map[b.Fanin1(id).Id] ^ (b.Fanin1(id).Value & 1))).Value;
        for (int k = 0; k < b.OutputCount; k++) both.AddOutput(new AigLit(map[b.Output(k).Id] ^ (b.Output(k).Value & 1)));
        var (f, _) = AigFraig.Run(both);
        Assert.True(f.AndCount <= Math.Min(a.AndCount, b.AndCount) * 11 / 10 + 5, $"fraig left {f.AndCount} ANDs from {a.AndCount} + {b.AndCount}");
        for (int k = 0; k < a.OutputCount; k++) Assert.Equal(f.Output(k), f.Output(a.OutputCount + k));
        var path = abc.Write(f, "both_fraig.aig");
        Assert.True(abc.AbcSaysEquivalent(abc.Write(both, "both.aig"), path));
    }
}
