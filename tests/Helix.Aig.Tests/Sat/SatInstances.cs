using Helix.Core;
using Helix.Aig.Sat;
using Helix.Aig.Simulation;

namespace Helix.Aig.Tests.Sat;

/// <summary>Generators of SAT instances: random k-SAT, pigeonhole.</summary>
public static class SatInstances
{
    public static CnfFormula RandomKSat(int vars, int clauses, int k, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var cnf = new CnfFormula { VarCount = vars };
        var c = new SatLit[k];
        for (int i = 0; i < clauses; i++)
        {
            for (int j = 0; j < k; j++)
            {
                int v;
                do { v = (int)(rng.NextUInt64() % (ulong)vars); } while (c.Take(j).Any(l => l.Var == v));
                c[j] = SatLit.Of(v, (rng.NextUInt64() & 1) != 0);
            }
            cnf.AddClause(c);
        }
        return cnf;
    }

    /// <summary>n+1 pigeons in n holes: unsatisfiable.</summary>
    public static CnfFormula Pigeonhole(int holes)
    {
        int pigeons = holes + 1;
        var cnf = new CnfFormula { VarCount = pigeons * holes };
        SatLit P(int p, int h) => SatLit.Of(p * holes + h);
        for (int p = 0; p < pigeons; p++) cnf.AddClause(Enumerable.Range(0, holes).Select(h => P(p, h)).ToArray());
        for (int h = 0; h < holes; h++)
            for (int p = 0; p < pigeons; p++)
                for (int q = p + 1; q < pigeons; q++) cnf.AddClause(!P(p, h), !P(q, h));
        return cnf;
    }

    /// <summary>Brute force: whether some assignment satisfies the formula (vars ≤ 20).</summary>
    public static bool BruteForce(CnfFormula cnf)
    {
        var model = new bool[cnf.VarCount];
        for (long m = 0; m < 1L << cnf.VarCount; m++)
        {
            for (int v = 0; v < model.Length; v++) model[v] = ((m >> v) & 1) != 0;
            if (cnf.IsSatisfiedBy(model)) return true;
        }
        return false;
    }
}
