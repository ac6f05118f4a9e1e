using CsCheck;
using Helix.Aig.Sat;
using Helix.Aig.Tests.Support;
using Helix.Core;

namespace Helix.Aig.Tests.Sat;

/// <summary>Bounded variable elimination: satisfiability kept, every extended model checked against the original formula.</summary>
public class EliminatorTests
{
    /// <summary>The clauses as the solver hands them over: no duplicate literals, no tautologies, at least two literals.</summary>
    static List<int[]> Clean(CnfFormula cnf, out List<int> units)
    {
        var list = new List<int[]>();
        units = new List<int>();
        for (int i = 0; i < cnf.ClauseCount; i++)
        {
            var c = cnf.Clause(i).ToArray().Select(l => l.Value).Distinct().ToArray();
            if (c.Any(l => c.Contains(l ^ 1))) continue;
            if (c.Length == 1) units.Add(c[0]); else list.Add(c);
        }
        return list;
    }

    static bool Satisfies(IEnumerable<int[]> clauses, bool[] model) => clauses.All(c => c.Any(l => model[l >> 1] != ((l & 1) != 0)));

    [Fact]
    public void EveryModelOfTheReducedFormulaExtendsToAModelOfTheOriginal()
    {
        long eliminated = 0, resolved = 0;
        Gen.Select(Gen.Int[2, 10], Gen.Int[0, 45], Gen.Int[2, 4], Gen.ULong).Sample((vars, clauses, k, seed) =>
        {
            var cnf = SatInstances.RandomKSat(vars, clauses, Math.Min(k, vars), seed);
            var input = Clean(cnf, out _);
            var el = new Eliminator(vars, input, new bool[vars], 1_000_000);
            bool ok = el.Run();
            bool originalSat = SatInstances.BruteForce(cnf);
            if (!ok) { Assert.False(originalSat); return; }
            var reduced = el.Clauses.Concat(el.Units.Select(u => new[] { u })).ToList();
            Assert.All(reduced.SelectMany(c => c), l => Assert.False(el.Eliminated[l >> 1])); // eliminated variables are gone
            bool reducedSat = false;
            var model = new bool[vars];
            for (long m = 0; m < 1L << vars; m++)
            {
                for (int v = 0; v < vars; v++) model[v] = ((m >> v) & 1) != 0;
                if (!Satisfies(reduced, model)) continue;
                reducedSat = true;
                Eliminator.Extend(el.ExtensionStack, model);
                Assert.True(cnf.IsSatisfiedBy(model), "an extended model violates the original formula");
            }
            Assert.Equal(originalSat, reducedSat);
            eliminated += el.EliminatedCount;
            resolved += el.EliminatedCount > 0 && reduced.Count > 0 ? 1 : 0;
        }, iter: 300);
        Assert.True(eliminated > 100 && resolved > 10, $"the property was barely exercised: {eliminated} eliminations, {resolved} formulas with resolvents left");
    }

    [Fact]
    public void SolverWithEliminationAgreesWithBruteForceAndItsModelsSatisfyTheOriginal()
    {
        long eliminated = 0;
        var opt = new SolverOptions { CheckModels = false }; // the test checks the models itself
        Gen.Select(Gen.Int[1, 14], Gen.Int[0, 70], Gen.Int[1, 4], Gen.ULong).Sample((vars, clauses, k, seed) =>
        {
            var cnf = SatInstances.RandomKSat(vars, clauses, Math.Min(k, vars), seed);
            var s = cnf.ToSolver(opt);
            var r = s.Solve();
            Assert.Equal(SatInstances.BruteForce(cnf), r == SatResult.Satisfiable);
            if (r == SatResult.Satisfiable) Assert.True(cnf.IsSatisfiedBy(s.Model!));
            eliminated += s.Stats.EliminatedVariables;
        }, iter: 400);
        Assert.True(eliminated > 200, $"only {eliminated} variables were eliminated");
    }

    [Fact]
    public void EliminatedVariablesComeBackForLaterClausesAndAssumptions()
    {
        long restored = 0;
        Gen.Select(Gen.Int[3, 12], Gen.ULong, Gen.ULong).Sample((vars, seed, aseed) =>
        {
            var cnf = SatInstances.RandomKSat(vars, 3 * vars, 3, seed);
            var s = cnf.ToSolver(new SolverOptions { CheckModels = false });
            var first = s.Solve(); // no assumptions: elimination runs here
            Assert.Equal(SatInstances.BruteForce(cnf), first == SatResult.Satisfiable);
            var rng = new SplitMix64(aseed);
            for (int round = 0; round < 4; round++)
            {
                var assume = Enumerable.Range(0, 1 + (int)(rng.NextUInt64() % 3)).Select(_ => SatLit.Of((int)(rng.NextUInt64() % (ulong)vars), (rng.NextUInt64() & 1) != 0)).ToArray();
                var with = new CnfFormula { VarCount = vars };
                for (int i = 0; i < cnf.ClauseCount; i++) with.AddClause(cnf.Clause(i));
                foreach (var a in assume) with.AddClause(a);
                var r = s.Solve(assume);
                Assert.Equal(SatInstances.BruteForce(with), r == SatResult.Satisfiable);
                if (r == SatResult.Satisfiable) Assert.True(with.IsSatisfiedBy(s.Model!));
                var extra = new[] { SatLit.Of((int)(rng.NextUInt64() % (ulong)vars), (rng.NextUInt64() & 1) != 0), SatLit.Of((int)(rng.NextUInt64() % (ulong)vars)) };
                s.AddClause(extra); cnf.AddClause(extra);
            }
            restored += s.Stats.RestoredVariables;
        }, iter: 150);
        Assert.True(restored > 20, $"only {restored} variables were brought back");
    }

    static Aignet Adder(int bits, bool majority)
    {
        var g = new Aignet();
        var a = Enumerable.Range(0, bits).Select(i => g.AddInput("a" + i)).ToArray();
        var b = Enumerable.Range(0, bits).Select(i => g.AddInput("b" + i)).ToArray();
        var carry = AigLit.False;
        for (int i = 0; i < bits; i++)
        {
            var x = g.Xor(a[i], b[i]);
            g.AddOutput(majority ? g.Xor(carry, x) : g.Xor(g.Xor(carry, a[i]), b[i]), "s" + i);
            carry = majority
                ? g.Or(g.Or(g.And(a[i], b[i]), g.And(a[i], carry)), g.And(b[i], carry))
                : g.Or(g.And(a[i], b[i]), g.And(carry, x));
        }
        return g;
    }

    [Fact]
    public void EliminationRemovesMostGateVariablesOfAdderMiters()
    {
        // Two differently built adders: MiniSat's SatELite proves such miters with hardly any search.
        var cnf = Helix.Aig.Cnf.TseitinEncoder.OutputCanBeOne(Helix.Aig.Equivalence.AigMiter.Build(Adder(12, false), Adder(12, true))).Formula;
        var s = cnf.ToSolver();
        Assert.Equal(SatResult.Unsatisfiable, s.Solve());
        Assert.True(s.Stats.EliminatedVariables > cnf.VarCount / 2, $"{s.Stats.EliminatedVariables} of {cnf.VarCount} variables eliminated");
        var none = cnf.ToSolver(new SolverOptions { Eliminate = false });
        Assert.Equal(SatResult.Unsatisfiable, none.Solve());
        Assert.Equal(0, none.Stats.EliminatedVariables);
    }

    [ToolFact(Tools.Cadical, Tools.Minisat)]
    public void AnswersAgreeWithCadicalAndMinisatOnRandom3SatNearTheThreshold()
    {
        var cadical = new ExternalSolver(Tools.Cadical);
        var minisat = new ExternalSolver(Tools.Minisat);
        int sat = 0, unsat = 0;
        for (ulong seed = 0; seed < 60; seed++)
        {
            int vars = 50 + (int)(seed % 4) * 10;
            double ratio = 4.0 + 0.1 * (seed % 6); // 4.0 .. 4.5 clauses per variable, around the threshold
            var cnf = SatInstances.RandomKSat(vars, (int)Math.Round(ratio * vars), 3, seed * 104729 + 17);
            var s = cnf.ToSolver(new SolverOptions { CheckModels = false });
            var mine = s.Solve();
            Assert.Equal(cadical.Solve(cnf).Result, mine);
            Assert.Equal(minisat.Solve(cnf).Result, mine);
            if (mine == SatResult.Satisfiable) { sat++; Assert.True(cnf.IsSatisfiedBy(s.Model!)); } else unsat++;
        }
        Assert.True(sat > 10 && unsat > 10, $"near the threshold the answers should mix: {sat} sat, {unsat} unsat");
    }
}
