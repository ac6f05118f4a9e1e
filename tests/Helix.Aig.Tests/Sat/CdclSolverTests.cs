using Helix.Core;
using System.Text;
using CsCheck;
using Helix.Aig.Sat;
using Helix.Aig.Tests.Support;

namespace Helix.Aig.Tests.Sat;

public class CdclSolverTests
{
    [Fact]
    public void AgreesWithBruteForceOnSmallRandomFormulas()
    {
        Gen.Select(Gen.Int[1, 12], Gen.Int[0, 70], Gen.Int[1, 4], Gen.ULong).Sample((vars, clauses, k, seed) =>
        {
            var cnf = SatInstances.RandomKSat(vars, clauses, Math.Min(k, vars), seed);
            var s = cnf.ToSolver();
            var r = s.Solve();
            Assert.Equal(SatInstances.BruteForce(cnf), r == SatResult.Satisfiable);
            if (r == SatResult.Satisfiable) Assert.True(cnf.IsSatisfiedBy(s.Model!));
        }, iter: 400);
    }

    [Fact]
    public void PigeonholeIsUnsatisfiable()
    {
        for (int holes = 2; holes <= 7; holes++)
            Assert.Equal(SatResult.Unsatisfiable, SatInstances.Pigeonhole(holes).ToSolver().Solve());
    }

    [Fact]
    public void LearntClauseReductionKeepsAnswersRight()
    {
        // Small reduction interval: many reductions and arena compactions during one solve.
        var opt = new SolverOptions { FirstReduce = 50, ReduceIncrement = 10, RestartUnit = 20 };
        for (ulong seed = 0; seed < 30; seed++)
        {
            var cnf = SatInstances.RandomKSat(18, 77, 3, seed);
            var s = cnf.ToSolver(opt);
            Assert.Equal(SatInstances.BruteForce(cnf), s.Solve() == SatResult.Satisfiable);
        }
        var ph = SatInstances.Pigeonhole(7).ToSolver(opt);
        Assert.Equal(SatResult.Unsatisfiable, ph.Solve());
        Assert.True(ph.Stats.Reductions > 0);
    }

    [Fact]
    public void IncrementalSolvingUnderAssumptions()
    {
        Gen.Select(Gen.Int[3, 12], Gen.ULong, Gen.ULong).Sample((vars, seed, aseed) =>
        {
            var cnf = SatInstances.RandomKSat(vars, 3 * vars, 3, seed);
            var s = cnf.ToSolver();
            var rng = new SplitMix64(aseed);
            for (int round = 0; round < 5; round++)
            {
                var assume = Enumerable.Range(0, 1 + (int)(rng.NextUInt64() % 3)).Select(_ => SatLit.Of((int)(rng.NextUInt64() % (ulong)vars), (rng.NextUInt64() & 1) != 0)).ToArray();
                var with = new CnfFormula { VarCount = vars };
                for (int i = 0; i < cnf.ClauseCount; i++) with.AddClause(cnf.Clause(i));
                foreach (var a in assume) with.AddClause(a);
                var r = s.Solve(assume);
                Assert.Equal(SatInstances.BruteForce(with), r == SatResult.Satisfiable);
                if (r == SatResult.Unsatisfiable && s.IsOkay)
                {
                    Assert.NotEmpty(s.FailedAssumptions);
                    Assert.All(s.FailedAssumptions, f => Assert.Contains(f, assume));
                }
                // Add a clause between solves; the solver stays consistent with the growing formula.
                var extra = new[] { SatLit.Of((int)(rng.NextUInt64() % (ulong)vars), (rng.NextUInt64() & 1) != 0), SatLit.Of((int)(rng.NextUInt64() % (ulong)vars)) };
                s.AddClause(extra); cnf.AddClause(extra);
            }
        }, iter: 150);
    }

    [Fact]
    public void BoostedActivitiesKeepIncrementalAnswersRightThroughRescaling()
    {
        // Boosts between solves (as SAT sweeping does before each query), some huge enough to force the heap's
        // rescaling; the answers must still match brute force and every model must satisfy the formula.
        Gen.Select(Gen.Int[3, 12], Gen.ULong, Gen.ULong).Sample((vars, seed, aseed) =>
        {
            var cnf = SatInstances.RandomKSat(vars, 4 * vars, 3, seed);
            var s = cnf.ToSolver(new SolverOptions { Eliminate = false, Walk = false });
            var rng = new SplitMix64(aseed);
            for (int round = 0; round < 6; round++)
            {
                for (int b = 0; b < 4; b++)
                    s.BoostActivity((int)(rng.NextUInt64() % (ulong)(vars + 2)) - 1, b == 0 && round % 2 == 1 ? 1e120 : 1 + (rng.NextUInt64() % 5));
                var a = SatLit.Of((int)(rng.NextUInt64() % (ulong)vars), (rng.NextUInt64() & 1) != 0);
                var with = new CnfFormula { VarCount = vars };
                for (int i = 0; i < cnf.ClauseCount; i++) with.AddClause(cnf.Clause(i));
                with.AddClause(a);
                var r = s.Solve(new[] { a });
                Assert.Equal(SatInstances.BruteForce(with), r == SatResult.Satisfiable);
                if (r == SatResult.Satisfiable) Assert.True(with.IsSatisfiedBy(s.Model!));
            }
        }, iter: 150);
    }

    [Fact]
    public void ConflictBudgetGivesUnknown()
    {
        var s = SatInstances.Pigeonhole(9).ToSolver();
        Assert.Equal(SatResult.Unknown, s.Solve(conflictLimit: 10));
    }

    [Fact]
    public void DimacsRoundTripAndErrors()
    {
        var cnf = SatInstances.RandomKSat(10, 30, 3, 7);
        var sw = new StringWriter();
        Dimacs.Write(cnf, sw);
        var back = Dimacs.Read(new StringReader(sw.ToString()));
        Assert.Equal(cnf.ClauseCount, back.ClauseCount);
        for (int i = 0; i < cnf.ClauseCount; i++) Assert.Equal(cnf.Clause(i).ToArray(), back.Clause(i).ToArray());
        var e = Assert.Throws<FormatException>(() => Dimacs.Read(new StringReader("p cnf 2 1\n1 x 0\n"), "f.cnf"));
        Assert.Contains("f.cnf:2", e.Message);
        Assert.Throws<FormatException>(() => Dimacs.Read(new StringReader("p cnf 2 1\n1 3 0\n")));
        Assert.Throws<FormatException>(() => Dimacs.Read(new StringReader("p cnf 2 2\n1 2 0\n")));
    }

    [ToolFact(Tools.Cadical)]
    public void AgreesWithCadicalOnRandom3SatAtTheThreshold()
    {
        var cadical = new ExternalSolver(Tools.Cadical);
        int sat = 0, unsat = 0;
        for (ulong seed = 0; seed < 200; seed++)
        {
            int vars = 40 + (int)(seed % 5) * 10;
            var cnf = SatInstances.RandomKSat(vars, (int)Math.Round(4.26 * vars), 3, seed * 7919);
            var mine = cnf.ToSolver().Solve();
            var theirs = cadical.Solve(cnf).Result;
            Assert.Equal(theirs, mine);
            if (mine == SatResult.Satisfiable) sat++; else unsat++;
        }
        Assert.True(sat > 30 && unsat > 30, $"threshold instances should mix answers: {sat} sat, {unsat} unsat");
    }

    [ToolFact(Tools.Cadical, Tools.Minisat)]
    public void AgreesWithCadicalAndMinisatOnStructuredInstances()
    {
        foreach (var cnf in new[] { SatInstances.Pigeonhole(6), SatInstances.RandomKSat(60, 200, 3, 5) })
        {
            var mine = cnf.ToSolver().Solve();
            Assert.Equal(new ExternalSolver(Tools.Cadical).Solve(cnf).Result, mine);
            Assert.Equal(new ExternalSolver(Tools.Minisat).Solve(cnf).Result, mine);
        }
    }

    [ToolFact(Tools.Abc, Tools.Cadical)]
    public void AgreesWithCadicalOnEquivalenceMiters()
    {
        using var abc = new AbcCircuits();
        foreach (var (name, gen) in new[] { ("add12", "-a -N 12"), ("mul5", "-m -N 5") })
        {
            var (o, r, d) = abc.Generate(name, gen);
            var orig = Helix.Aig.Aiger.AigerReader.ReadFile(o);
            foreach (var other in new[] { r, d })
            {
                var g = Helix.Aig.Aiger.AigerReader.ReadFile(other);
                foreach (var candidate in new[] { g, Mutation.NegateFanin(g, g.AndCount / 3) })
                {
                    var cnf = Helix.Aig.Cnf.TseitinEncoder.OutputCanBeOne(Helix.Aig.Equivalence.AigMiter.Build(orig, candidate)).Formula;
                    var mine = cnf.ToSolver().Solve();
                    Assert.Equal(new ExternalSolver(Tools.Cadical).Solve(cnf).Result, mine);
                    Assert.Equal(ReferenceEquals(candidate, g) ? SatResult.Unsatisfiable : SatResult.Satisfiable, mine);
                }
            }
        }
    }

    [Fact]
    public void ExternalOutputParsing()
    {
        var a = ExternalSolver.Parse("c hi\ns SATISFIABLE\nv 1 -2\nv 3 0\n", 10, 3);
        Assert.Equal(SatResult.Satisfiable, a.Result);
        Assert.Equal(new[] { true, false, true }, a.Model);
        Assert.Equal(SatResult.Unsatisfiable, ExternalSolver.Parse("s UNSATISFIABLE\n", 20, 3).Result);
        Assert.Equal(SatResult.Unsatisfiable, ExternalSolver.Parse("", 20, 3).Result);
    }
}
