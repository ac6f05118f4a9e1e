using Helix.Aig.Simulation;

namespace Helix.Aig.Tests.Support;

/// <summary>Exact references: truth tables by brute-force evaluation of one vector at a time.</summary>
public static class Truth
{
    /// <summary>Every output for every input vector (latch outputs as extra inputs), via the slow evaluator.</summary>
    public static bool[][] Table(Aignet g)
    {
        int k = g.InputCount + g.LatchCount;
        var rows = new bool[1 << k][];
        for (int p = 0; p < rows.Length; p++)
        {
            var ins = Enumerable.Range(0, g.InputCount).Select(i => ((p >> i) & 1) != 0).ToArray();
            var ls = Enumerable.Range(0, g.LatchCount).Select(i => ((p >> (g.InputCount + i)) & 1) != 0).ToArray();
            rows[p] = AigSimulator.EvaluateOne(g, ins, ls);
        }
        return rows;
    }

    public static void AssertSameFunction(Aignet a, Aignet b)
    {
        Assert.Equal(a.InputCount, b.InputCount);
        Assert.Equal(a.OutputCount, b.OutputCount);
        var ta = Table(a); var tb = Table(b);
        for (int p = 0; p < ta.Length; p++) Assert.Equal(ta[p], tb[p]);
    }
}
