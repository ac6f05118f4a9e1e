using Helix.Aig.Sat;
using Helix.Aig.Tests.Support;
using Helix.Core;

namespace Helix.Aig.Tests.Sat;

/// <summary>Local-search rephasing: the walker's best assignment and its count, and solver answers with walks on.</summary>
public class WalkerTests
{
    static (List<int> Lits, List<int> Starts) Flat(CnfFormula cnf)
    {
        var lits = new List<int>(); var starts = new List<int> { 0 };
        for (int i = 0; i < cnf.ClauseCount; i++) { foreach (var l in cnf.Clause(i)) lits.Add(l.Value); starts.Add(lits.Count); }
        return (lits, starts);
    }

    static int Falsified(CnfFormula cnf, bool[] value)
    {
        int n = 0;
        for (int i = 0; i < cnf.ClauseCount; i++)
        {
            bool sat = false;
            foreach (var l in cnf.Clause(i)) if (value[l.Var] != l.IsNegated) { sat = true; break; }
            if (!sat) n++;
        }
        return n;
    }

    /// <summary>3-SAT with a planted model (every clause keeps a literal true under it): satisfiable by construction.</summary>
    static CnfFormula Planted(int vars, int clauses, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var hidden = Enumerable.Range(0, vars).Select(_ => rng.NextBernoulli(0.5)).ToArray();
        var cnf = new CnfFormula { VarCount = vars };
        var c = new SatLit[3];
        while (cnf.ClauseCount < clauses)
        {
            for (int j = 0; j < 3; j++)
            {
                int v;
                do { v = rng.NextInt(vars); } while (c.Take(j).Any(l => l.Var == v));
                c[j] = SatLit.Of(v, rng.NextBernoulli(0.5));
            }
            if (c.Any(l => hidden[l.Var] != l.IsNegated)) cnf.AddClause(c);
        }
        return cnf;
    }

    [Fact]
    public void Finds_a_model_of_a_planted_instance()
    {
        var cnf = Planted(200, 800, 11);
        var (lits, starts) = Flat(cnf);
        var w = new Walker(cnf.VarCount, lits, starts, new bool[cnf.VarCount], 3);
        Assert.True(w.Run(50_000_000));
        Assert.Equal(0, w.BestUnsat);
        Assert.True(cnf.IsSatisfiedBy(w.Best));
    }

    [Fact]
    public void Best_count_is_the_number_of_clauses_the_best_assignment_falsifies()
    {
        // Every sign pattern over three variables (unsatisfiable) plus random clauses over more.
        var cnf = SatInstances.RandomKSat(30, 100, 3, 7);
        for (int m = 0; m < 8; m++) cnf.AddClause(SatLit.Of(0, (m & 1) != 0), SatLit.Of(1, (m & 2) != 0), SatLit.Of(2, (m & 4) != 0));
        var (lits, starts) = Flat(cnf);
        var start = Enumerable.Range(0, cnf.VarCount).Select(v => v % 3 == 0).ToArray();
        var w = new Walker(cnf.VarCount, lits, starts, start, 5);
        Assert.False(w.Run(200_000));
        Assert.True(w.BestUnsat >= 1);
        Assert.Equal(Falsified(cnf, w.Best), w.BestUnsat);
        Assert.True(w.BestUnsat <= Falsified(cnf, start));
        Assert.True(w.Ticks >= 200_000 && w.Flips > 0);
    }

    [ToolFact(Tools.Minisat)]
    public void Walks_change_no_answer_and_their_models_are_checked()
    {
        var minisat = new ExternalSolver(Tools.Minisat);
        long walkModels = 0;
        for (ulong seed = 0; seed < 40; seed++)
        {
            int vars = 100 + (int)(seed % 3) * 25;
            var cnf = SatInstances.RandomKSat(vars, (int)Math.Round(4.26 * vars), 3, seed * 104729 + 1);
            var on = cnf.ToSolver();
            var withWalks = on.Solve();
            var without = cnf.ToSolver(new SolverOptions { Walk = false }).Solve();
            Assert.Equal(minisat.Solve(cnf).Result, withWalks);
            Assert.Equal(without, withWalks);
            if (withWalks == SatResult.Satisfiable) Assert.True(cnf.IsSatisfiedBy(on.Model!));
            Assert.True(on.Stats.Walks >= 1);
            walkModels += on.Stats.WalkModels;
        }
        Assert.True(walkModels > 5, $"walks should find some models at the threshold: {walkModels}");
    }
}
