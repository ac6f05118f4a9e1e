using CsCheck;
using Helix.Aig.Cnf;
using Helix.Aig.Sat;
using Helix.Aig.Simulation;
using Helix.Aig.Tests.Support;

namespace Helix.Aig.Tests.Cnf;

public class TseitinEncoderTests
{
    [Fact]
    public void CnfIsSatisfiableExactlyWhenSimulationFindsAOne()
    {
        Gen.Select(RandomAig.Gen, Gen.Bool).Sample((g, collapse) =>
        {
            var sim = AigSimulator.Exhaustive(g);
            int patterns = 1 << g.InputCount;
            for (int o = 0; o < g.OutputCount; o++)
            {
                bool canBeOne = Enumerable.Range(0, patterns).Any(p => sim.Value(g.Output(o), p));
                var enc = TseitinEncoder.OutputCanBeOne(g, new[] { o }, new TseitinOptions { CollapseAnds = collapse });
                var s = enc.Formula.ToSolver();
                var r = s.Solve();
                Assert.Equal(canBeOne, r == SatResult.Satisfiable);
                if (r == SatResult.Satisfiable)
                    Assert.True(AigSimulator.EvaluateOne(g, enc.InputValues(g, s.Model!))[o]);
            }
        }, iter: 300);
    }

    [Fact]
    public void CollapsingMakesFewerClausesForAndTrees()
    {
        var g = new Aignet();
        var x = Enumerable.Range(0, 8).Select(_ => g.AddInput()).ToArray();
        var t = x.Aggregate(AigLit.True, g.And);
        g.AddOutput(t);
        var flat = TseitinEncoder.Encode(g, new[] { t });
        var plain = TseitinEncoder.Encode(g, new[] { t }, new TseitinOptions { CollapseAnds = false });
        Assert.Equal(9, flat.Formula.ClauseCount);          // 8 binary + 1 long
        Assert.Equal(21, plain.Formula.ClauseCount);        // 7 ANDs x 3
        Assert.Equal(9, flat.Formula.VarCount);
    }

    [Fact]
    public void OnlyTheConeIsEncoded()
    {
        var g = RandomAig.Build(5, 6, 80, 4);
        var enc = TseitinEncoder.Encode(g, new[] { g.Output(0) }, new TseitinOptions { CollapseAnds = false });
        var cone = g.ConeOfInfluence(new[] { 0 });
        Assert.Equal(cone.AndCount + cone.InputCount - UnusedInputs(cone) + (UsesConstant(cone) ? 1 : 0), enc.Formula.VarCount);
    }

    static int UnusedInputs(Aignet g)
    {
        var used = new bool[g.NodeCount];
        used[g.Output(0).Id] = true;
        for (int id = g.NodeCount - 1; id > 0; id--)
            if (used[id] && g.Kind(id) == AigNodeKind.And) { used[g.Fanin0(id).Id] = true; used[g.Fanin1(id).Id] = true; }
        return Enumerable.Range(0, g.InputCount).Count(k => !used[g.Input(k).Id]);
    }

    static bool UsesConstant(Aignet g) => g.Output(0).IsConstant;
}
