using System.Text;
using CsCheck;
using Helix.Aig.Aiger;
using Helix.Aig.Tests.Support;

namespace Helix.Aig.Tests.Aiger;

public class AigerRoundTripTests
{
    static void AssertSameStructure(Aignet a, Aignet b)
    {
        Assert.Equal(a.NodeCount, b.NodeCount);
        Assert.Equal(a.InputCount, b.InputCount);
        Assert.Equal(a.LatchCount, b.LatchCount);
        Assert.Equal(a.OutputCount, b.OutputCount);
        for (int id = 0; id < a.NodeCount; id++)
        {
            Assert.Equal(a.Kind(id), b.Kind(id));
            if (a.Kind(id) == AigNodeKind.And) { Assert.Equal(a.Fanin0(id), b.Fanin0(id)); Assert.Equal(a.Fanin1(id), b.Fanin1(id)); }
        }
        for (int k = 0; k < a.LatchCount; k++) { Assert.Equal(a.LatchNext(k), b.LatchNext(k)); Assert.Equal(a.LatchReset(k), b.LatchReset(k)); }
        for (int k = 0; k < a.OutputCount; k++) Assert.Equal(a.Output(k), b.Output(k));
        Assert.Equal(a.InputNames, b.InputNames);
        Assert.Equal(a.LatchNames, b.LatchNames);
        Assert.Equal(a.OutputNames, b.OutputNames);
        Assert.Equal(a.Bad, b.Bad); Assert.Equal(a.Constraints, b.Constraints); Assert.Equal(a.Fairness, b.Fairness);
        Assert.Equal(a.Justice.Count, b.Justice.Count);
        for (int j = 0; j < a.Justice.Count; j++) Assert.Equal(a.Justice[j], b.Justice[j]);
        Assert.Equal(a.BadNames, b.BadNames); Assert.Equal(a.JusticeNames, b.JusticeNames);
        Assert.Equal(a.Comments, b.Comments);
    }

    static Aignet WithExtras(ulong seed)
    {
        var g = RandomAig.Build(seed, 1 + (int)(seed % 7), (int)(seed % 50), 1 + (int)(seed % 3), latches: (int)(seed % 4)).Compact();
        if (seed % 2 == 0)
        {
            g.Bad.Add(g.Output(0)); g.BadNames.Add("bad0");
            g.Constraints.Add(!g.Output(0)); g.ConstraintNames.Add(null);
            g.Justice.Add(new[] { g.Output(0), AigLit.True }); g.JusticeNames.Add("j0");
            g.Fairness.Add(g.Input(0)); g.FairnessNames.Add(null);
            g.Comments.Add("made by a test"); g.Comments.Add("second line");
        }
        return g;
    }

    [Fact]
    public void WriteThenReadIsTheIdentity()
    {
        Gen.ULong.Sample(seed =>
        {
            var g = WithExtras(seed);
            foreach (bool binary in new[] { false, true })
            {
                var bytes = AigerWriter.ToBytes(g, binary);
                var back = AigerReader.Read(bytes);
                AssertSameStructure(g, back);
                Assert.Equal(bytes, AigerWriter.ToBytes(back, binary));
            }
        }, iter: 200);
    }

    [Fact]
    public void AsciiGatesMayComeInAnyOrderAndUseAnyVariables()
    {
        var text = "aag 9 2 1 1 3\n2\n4\n18 12 1\n12\n12 17 15\n16 14 4\n14 2 18\ni0 a\no0 z\nc\nhello\n";
        var g = AigerReader.Read(Encoding.ASCII.GetBytes(text));
        Assert.Equal(2, g.InputCount); Assert.Equal(1, g.LatchCount); Assert.Equal(3, g.AndCount);
        Assert.Equal(1, g.LatchReset(0));
        Assert.Equal("a", g.InputNames[0]); Assert.Equal("z", g.OutputNames[0]);
        Assert.Equal(new[] { "hello" }, g.Comments);
        // z = !(14) & !(16) with 14 = a & q, 16 = 14 & b
        for (int p = 0; p < 8; p++)
        {
            bool a = (p & 1) != 0, b = (p & 2) != 0, q = (p & 4) != 0;
            bool n14 = a && q, n16 = n14 && b;
            Assert.Equal(!n16 && !n14, Helix.Aig.Simulation.AigSimulator.EvaluateOne(g, new[] { a, b }, new[] { q })[0]);
        }
    }

    [Fact]
    public void LatchResetValuesAreKept()
    {
        var g = AigerReader.Read(Encoding.ASCII.GetBytes("aag 3 0 3 0 0\n2 2\n4 5 1\n6 6 6\n"));
        Assert.Equal(new[] { 0, 1, -1 }, new[] { g.LatchReset(0), g.LatchReset(1), g.LatchReset(2) });
        var back = AigerReader.Read(AigerWriter.ToBytes(g, true));
        Assert.Equal(new[] { 0, 1, -1 }, new[] { back.LatchReset(0), back.LatchReset(1), back.LatchReset(2) });
    }

    [Fact]
    public void WriteFileIsAtomicAndPicksTheFormatFromTheName()
    {
        var dir = Directory.CreateTempSubdirectory("helix-aig-");
        try
        {
            var g = RandomAig.Build(3, 4, 20, 2);
            AigerWriter.WriteFile(g, Path.Combine(dir.FullName, "x.aag"));
            AigerWriter.WriteFile(g, Path.Combine(dir.FullName, "x.aig"));
            Assert.StartsWith("aag ", File.ReadAllText(Path.Combine(dir.FullName, "x.aag")));
            Assert.StartsWith("aig ", File.ReadAllText(Path.Combine(dir.FullName, "x.aig")));
            Assert.Equal(2, Directory.GetFiles(dir.FullName).Length);
            Truth.AssertSameFunction(g, AigerReader.ReadFile(Path.Combine(dir.FullName, "x.aig")));
        }
        finally { dir.Delete(true); }
    }
}
