using Helix.Aig.Sat;
using Helix.Core;

namespace Helix.Bench.Aig;

/// <summary>Random 3-SAT at the satisfiability threshold (4.26 clauses per variable), seeded, against MiniSat and CaDiCaL.</summary>
internal static class AigRandomSatSection
{
    /// <summary>Solves <paramref name="count"/> instances of 175 to 250 variables.</summary>
    public static List<AigSatRow> Run(string dir, int count, double limit, Action<string> log)
    {
        var rows = new List<AigSatRow>();
        for (int i = 0; i < count; i++)
        {
            int vars = 175 + 25 * (i % 4);
            var cnf = Random3Sat(vars, (int)Math.Round(4.26 * vars), (ulong)SplitMix64.Combine(17, i, vars));
            log($"random 3-SAT {vars} variables, instance {i}");
            rows.Add(AigSatRow.Measure($"3sat-{vars}-{i}", cnf, dir, limit));
        }
        return rows;
    }

    /// <summary>A seeded random 3-SAT formula (three distinct variables per clause).</summary>
    internal static CnfFormula Random3Sat(int vars, int clauses, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var cnf = new CnfFormula { VarCount = vars };
        Span<SatLit> c = stackalloc SatLit[3];
        for (int k = 0; k < clauses; k++)
        {
            for (int j = 0; j < 3; j++)
            {
                int v;
                do { v = (int)(rng.NextUInt64() % (ulong)vars); } while (j > 0 && (v == c[0].Var || (j > 1 && v == c[1].Var)));
                c[j] = SatLit.Of(v, (rng.NextUInt64() & 1) != 0);
            }
            cnf.AddClause(c);
        }
        return cnf;
    }
}
