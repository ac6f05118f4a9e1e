using CsCheck;
using Helix.Aig.Tests.Support;

namespace Helix.Aig.Tests.Core;

public class AignetTests
{
    [Fact]
    public void AndFoldsTrivialCasesAndHashes()
    {
        var g = new Aignet();
        var a = g.AddInput("a"); var b = g.AddInput("b");
        Assert.Equal(AigLit.False, g.And(a, AigLit.False));
        Assert.Equal(a, g.And(a, AigLit.True));
        Assert.Equal(a, g.And(a, a));
        Assert.Equal(AigLit.False, g.And(a, !a));
        var ab = g.And(a, b);
        Assert.Equal(ab, g.And(b, a));
        Assert.Equal(1, g.AndCount);
        Assert.Equal(ab.Id, g.FindAnd(b, a));
        Assert.Equal(-1, g.FindAnd(a, !b));
        Assert.True(ab.Id > b.Id);
    }

    [Fact]
    public void OperatorsMatchTheirTruthTables()
    {
        var g = new Aignet();
        var a = g.AddInput(); var b = g.AddInput(); var c = g.AddInput();
        g.AddOutput(g.Or(a, b)); g.AddOutput(g.Xor(a, b)); g.AddOutput(g.Mux(c, a, b));
        var t = Truth.Table(g);
        for (int p = 0; p < 8; p++)
        {
            bool x = (p & 1) != 0, y = (p & 2) != 0, z = (p & 4) != 0;
            Assert.Equal(new[] { x | y, x ^ y, z ? x : y }, t[p]);
        }
    }

    [Fact]
    public void CopyCompactAndConeKeepTheFunction()
    {
        Gen.ULong.Sample(seed =>
        {
            var g = RandomAig.Build(seed, 6, 40, 3);
            g.And(g.Input(0), !g.Input(5)); // maybe dangling
            Truth.AssertSameFunction(g, g.Copy());
            var c = g.Compact();
            Truth.AssertSameFunction(g, c);
            Assert.True(c.AndCount <= g.AndCount);
            var cone = g.ConeOfInfluence(new[] { 1 });
            Assert.Equal(1, cone.OutputCount);
            var tg = Truth.Table(g); var tc = Truth.Table(cone);
            for (int p = 0; p < tg.Length; p++) Assert.Equal(tg[p][1], tc[p][0]);
        }, iter: 50);
    }

    [Fact]
    public void ConeDropsUnusedLatchesAndFollowsNextStates()
    {
        var g = new Aignet();
        var x = g.AddInput("x");
        var q0 = g.AddLatch("q0"); var q1 = g.AddLatch("q1"); var q2 = g.AddLatch("q2", 1);
        g.SetLatchNext(0, g.And(x, q1));
        g.SetLatchNext(1, q0);
        g.SetLatchNext(2, !q2);
        g.AddOutput(q0, "a"); g.AddOutput(q2, "b");
        var c = g.ConeOfInfluence(new[] { 0 });
        Assert.Equal(2, c.LatchCount);
        Assert.Equal(new[] { "q0", "q1" }, c.LatchNames);
        var d = g.ConeOfInfluence(new[] { 1 });
        Assert.Equal(1, d.LatchCount);
        Assert.Equal(1, d.LatchReset(0));
    }

    [Fact]
    public void BadLiteralsAreRejected()
    {
        var g = new Aignet();
        g.AddInput();
        Assert.Throws<ArgumentException>(() => g.AddOutput(AigLit.Of(5)));
        Assert.Throws<ArgumentException>(() => g.And(AigLit.Of(1), AigLit.Of(9)));
    }
}
