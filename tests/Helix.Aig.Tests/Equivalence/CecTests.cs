using CsCheck;
using Helix.Aig.Aiger;
using Helix.Aig.Equivalence;
using Helix.Aig.Tests.Support;

namespace Helix.Aig.Tests.Equivalence;

public class CecTests
{
    [Fact]
    public void AgreesWithTruthTablesOnRandomPairs()
    {
        Gen.Select(Gen.ULong, Gen.Int[0, 30]).Sample((seed, k) =>
        {
            var a = RandomAig.Build(seed, 6, 50, 3);
            var b = k < a.AndCount && seed % 2 == 0 ? Mutation.NegateFanin(a, k) : a.Copy();
            bool same = Truth.Table(a).Zip(Truth.Table(b)).All(p => p.First.SequenceEqual(p.Second));
            var r = AigCec.Run(a, b, new CecOptions { SimulationWords = (int)(seed % 2) });
            Assert.Equal(same ? CecStatus.Equivalent : CecStatus.NotEquivalent, r.Status);
            if (!same)
            {
                var cex = r.Counterexample!;
                Assert.NotEqual(Helix.Aig.Simulation.AigSimulator.EvaluateOne(a, cex), Helix.Aig.Simulation.AigSimulator.EvaluateOne(b, cex));
            }
        }, iter: 150);
    }

    [Fact]
    public void ConeBiasedQueriesAgreeWithTruthTables()
    {
        // SolverMaxVars = 1 turns the cone bias on for every query (it normally waits for a large solver) and a small
        // recycle count rebuilds the solver often; verdicts must not change, and counterexamples must be real.
        Gen.Select(Gen.ULong, Gen.Int[0, 60], Gen.Int[0, 40]).Sample((seed, k, bias) =>
        {
            var a = RandomAig.Build(seed, 9, 90, 3);
            var b = k < a.AndCount && seed % 2 == 0 ? Mutation.NegateFanin(a, k) : a.Copy();
            bool same = Truth.Table(a).Zip(Truth.Table(b)).All(p => p.First.SequenceEqual(p.Second));
            var opt = new CecOptions { SimulationWords = 0, Sweep = new FraigOptions { SimulationWords = 1, ConeBias = bias, SolverMaxVars = 1, SolverRecycle = 7 } };
            var r = AigCec.Run(a, b, opt);
            Assert.Equal(same ? CecStatus.Equivalent : CecStatus.NotEquivalent, r.Status);
            if (!same)
                Assert.NotEqual(Helix.Aig.Simulation.AigSimulator.EvaluateOne(a, r.Counterexample!), Helix.Aig.Simulation.AigSimulator.EvaluateOne(b, r.Counterexample!));
        }, iter: 150);
    }

    [Fact]
    public void MatchesOutputsAndInputsByName()
    {
        var a = new Aignet();
        var x = a.AddInput("x"); var y = a.AddInput("y");
        a.AddOutput(a.And(x, !y), "p"); a.AddOutput(a.Or(x, y), "q");
        var b = new Aignet();
        var y2 = b.AddInput("y"); var x2 = b.AddInput("x");
        b.AddOutput(b.Or(y2, x2), "q"); b.AddOutput(b.And(!y2, x2), "p");
        Assert.Equal(CecStatus.Equivalent, AigCec.Run(a, b).Status);
        Assert.Equal(CecStatus.NotEquivalent, AigCec.Run(a, b, new CecOptions { Match = CecMatch.Order }).Status);
        var c = new Aignet(); c.AddInput(); c.AddOutput(AigLit.True);
        Assert.Throws<ArgumentException>(() => AigCec.Run(a, c));
    }

    [ToolFact(Tools.Abc)]
    public void ProvesAbcOptimizedArithmeticEquivalentAndFindsMutations()
    {
        using var abc = new AbcCircuits();
        foreach (var (name, gen) in new[] { ("add16", "-a -N 16"), ("mul6", "-m -N 6") })
        {
            var (o, r, d) = abc.Generate(name, gen);
            var orig = AigerReader.ReadFile(o);
            foreach (var opt in new[] { r, d })
            {
                var g = AigerReader.ReadFile(opt);
                var res = AigCec.Run(orig, g);
                Assert.Equal(CecStatus.Equivalent, res.Status);
                // A single-gate mutation somewhere in the middle is caught, with a checked counterexample.
                var mutant = Mutation.NegateFanin(g, g.AndCount / 2);
                var bad = AigCec.Run(orig, mutant);
                Assert.Equal(CecStatus.NotEquivalent, bad.Status);
                Assert.False(abc.AbcSaysEquivalent(o, abc.Write(mutant, name + "_mutant.aig")));
            }
        }
    }

    [ToolFact(Tools.Abc)]
    public void FilesWeWriteAreEquivalentInAbcAndFilesAbcWritesAreReadByUs()
    {
        using var abc = new AbcCircuits();
        var (o, r, _) = abc.Generate("mul5", "-m -N 5");
        var g = AigerReader.ReadFile(r);
        var ours = abc.Write(g, "ours.aig");
        Assert.True(abc.AbcSaysEquivalent(o, ours));
        Assert.Equal(CecStatus.Equivalent, AigCec.Run(AigerReader.ReadFile(o), AigerReader.ReadFile(ours)).Status);
        // Our ASCII form (which this ABC build cannot read) carries the same function.
        var ascii = AigerReader.ReadFile(abc.Write(g, "ours.aag"));
        Assert.Equal(CecStatus.Equivalent, AigCec.Run(AigerReader.ReadFile(o), ascii).Status);
        // ABC's file with its symbol table (-s) reads too.
        var sym = Path.Combine(abc.Dir, "sym.aig");
        Tools.RunAbc($"read_aiger {o}; write_aiger -s {sym}", abc.Dir);
        Assert.Equal(CecStatus.Equivalent, AigCec.Run(AigerReader.ReadFile(o), AigerReader.ReadFile(sym)).Status);
    }
}

public class CecOptionTests
{
    [Fact]
    public void OptionsValidateAndNameTheBadProperty()
    {
        Assert.Equal("Rounds", Assert.Throws<Helix.Core.InvalidOptionException>(() => new CecOptions { Rounds = 0 }.Validate()).Option);
        Assert.Equal("ConflictLimit", Assert.Throws<Helix.Core.InvalidOptionException>(() => new CecOptions { Sweep = new FraigOptions { ConflictLimit = -1 } }.Validate()).Option);
        Assert.Equal("SimulationWords", Assert.Throws<Helix.Core.InvalidOptionException>(() => AigFraig.Run(new Aignet(), new FraigOptions { SimulationWords = 0 })).Option);
        Assert.Equal("TimeLimit", Assert.Throws<Helix.Core.InvalidOptionException>(() => new CecOptions { TimeLimit = TimeSpan.Zero }.Validate()).Option);
    }

    [ToolFact(Tools.Abc)]
    public void LaterRoundsReachTheVerdictWhenTheFirstBudgetIsTiny()
    {
        using var abc = new AbcCircuits();
        var (o, r, d) = abc.Generate("mul7", "-m -N 7");
        var orig = AigerReader.ReadFile(o);
        var tiny = new CecOptions { SimulationWords = 0, Sweep = new FraigOptions { ConflictLimit = 0 }, Rounds = 3, ConflictLimitGrowth = 1000 };
        foreach (var path in new[] { r, d })
        {
            var g = AigerReader.ReadFile(path);
            var res = AigCec.Run(orig, g, tiny);
            Assert.Equal(CecStatus.Equivalent, res.Status);
            Assert.True(res.Sweep.Rounds > 1, "a 0-conflict first round should leave work for later rounds");
            var bad = AigCec.Run(orig, Mutation.NegateFanin(g, g.AndCount / 2), tiny);
            Assert.Equal(CecStatus.NotEquivalent, bad.Status);   // its counterexample was re-checked by simulation inside Run
        }
    }
}
