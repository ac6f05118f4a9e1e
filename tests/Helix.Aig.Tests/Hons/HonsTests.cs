using CsCheck;
using Helix.Aig.Hons;
using Helix.Aig.Equivalence;
using Helix.Aig.Tests.Support;

namespace Helix.Aig.Tests.Hons;

public class HonsTests
{
    [Fact]
    public void EqualStructureIsTheSameObject()
    {
        var t = new HonsTable();
        var a = t.Var("a"); var b = t.Var("b");
        Assert.Same(a, t.Var("a"));
        Assert.Same(a & b, b & a);
        Assert.Same(a ^ b, t.Var("a") ^ t.Var("b"));
        Assert.Same(a, !!a);
        Assert.Same(t.False, a & !a);
        Assert.Same(a, a & t.True);
        Assert.Same(t.True, a | !a);
        Assert.Same(b, t.Ite(t.False, a, b));
        Assert.Same(a, t.Ite(b, a, a));
    }

    [Fact]
    public void EvaluationMatchesTheBooleanOperators()
    {
        var t = new HonsTable();
        var a = t.Var("a"); var b = t.Var("b"); var c = t.Var("c");
        var f = t.Ite(c, a ^ b, a | !b);
        for (int p = 0; p < 8; p++)
        {
            bool x = (p & 1) != 0, y = (p & 2) != 0, z = (p & 4) != 0;
            var env = new Dictionary<string, bool> { ["a"] = x, ["b"] = y, ["c"] = z };
            Assert.Equal(z ? x ^ y : x | !y, f.Evaluate(env));
        }
        Assert.Equal(new[] { "c", "a", "b" }, f.Variables().OrderBy(v => v == "c" ? 0 : v == "a" ? 1 : 2));
    }

    [Fact]
    public void NodesOfTwoTablesDoNotMix()
    {
        var x = new HonsTable().Var("a"); var y = new HonsTable().Var("a");
        Assert.Throws<ArgumentException>(() => x & y);
    }

    [Fact]
    public void ConversionsPreserveTheFunction()
    {
        RandomAig.Gen.Sample(g =>
        {
            var t = new HonsTable();
            var roots = HonsConversions.FromAignet(g, t);
            // Hons evaluation agrees with Aignet truth table.
            var table = Truth.Table(g);
            for (int p = 0; p < table.Length; p++)
            {
                var env = Enumerable.Range(0, g.InputCount).ToDictionary(i => HonsConversions.InputName(g, i), i => ((p >> i) & 1) != 0);
                var memo = new Dictionary<HonsAig, bool>(ReferenceEqualityComparer.Instance);
                for (int o = 0; o < g.OutputCount; o++) Assert.Equal(table[p][o], HonsTraversal.Evaluate(roots[o], env, memo));
            }
            var inputOrder = Enumerable.Range(0, g.InputCount).Select(i => HonsConversions.InputName(g, i)).ToList();
            var back = HonsConversions.ToAignet(roots.Select((r, o) => (g.OutputNames[o], r)).ToList(), inputOrder);
            Truth.AssertSameFunction(g, back);
            Assert.Equal(CecStatus.Equivalent, AigCec.Run(g, back).Status);
        }, iter: 60);
    }
}
