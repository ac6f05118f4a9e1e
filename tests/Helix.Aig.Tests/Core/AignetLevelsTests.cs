using Helix.Aig.Simulation;
using Helix.Aig.Tests.Support;

namespace Helix.Aig.Tests.Core;

public class AignetLevelsTests
{
    [Fact]
    public void DepthCountsAndGatesOnTheLongestPath()
    {
        var g = new Aignet();
        var x = Enumerable.Range(0, 4).Select(_ => g.AddInput()).ToArray();
        Assert.Equal(0, g.Depth());
        g.AddOutput(x[0]);
        Assert.Equal(0, g.Depth());
        var chain = x.Aggregate(AigLit.True, g.And);      // a chain: 3 levels (the first AND folds with true)
        g.AddOutput(chain);
        Assert.Equal(3, g.Depth());
        var l = g.AddLatch();
        g.SetLatchNext(0, g.Xor(chain, l));               // XOR adds two levels on the next-state path
        Assert.Equal(5, g.Depth());
    }

    [Fact]
    public void DepthMatchesAbc()
    {
        if (!Tools.Has(Tools.Abc)) return;
        using var abc = new AbcCircuits();
        var (o, r, _) = abc.Generate("mul6", "-m -N 6");
        foreach (var path in new[] { o, r })
        {
            var text = Tools.RunAbc($"read_aiger {path}; print_stats", abc.Dir);
            int lev = int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"lev\s*=\s*(\d+)").Groups[1].Value);
            Assert.Equal(lev, Helix.Aig.Aiger.AigerReader.ReadFile(path).Depth());
        }
    }

    [Fact]
    public void OutputOnesCountsMatchSinglePatternEvaluation()
    {
        var g = RandomAig.Build(11, 5, 40, 4);
        var s = AigSimulator.Exhaustive(g);
        var ones = AigSimulator.CountOutputOnes(g, s, 32);
        var expect = new long[g.OutputCount];
        for (int p = 0; p < 32; p++)
        {
            var inputs = Enumerable.Range(0, 5).Select(k => ((p >> k) & 1) != 0).ToArray();
            var o = AigSimulator.EvaluateOne(g, inputs);
            for (int k = 0; k < o.Length; k++) if (o[k]) expect[k]++;
        }
        Assert.Equal(expect, ones);
        Assert.Throws<ArgumentOutOfRangeException>(() => AigSimulator.CountOutputOnes(g, s, 65));
    }
}
