using Helix.Aig.Sat;

namespace Helix.Bench.Aig;

/// <summary>
/// One CNF solved by Helix, MiniSat and CaDiCaL under the same CPU limit: CPU seconds, or null when a tool ran out
/// of time. Answers are cross-checked: two tools that both answer must agree. <see cref="HelixNoElim"/> is Helix with
/// bounded variable elimination switched off, to show what that preprocessing is worth.
/// </summary>
internal sealed record AigSatRow(string Name, int Vars, int Clauses, SatResult Answer, double? Helix, double? MiniSat, double? CaDiCaL, double? HelixNoElim)
{
    /// <summary>Solves <paramref name="cnf"/> with the three solvers (the DIMACS file goes to <paramref name="dir"/>).</summary>
    public static AigSatRow Measure(string name, CnfFormula cnf, string dir, double limit)
    {
        var file = Path.Combine(dir, name.Replace('/', '_').Replace(' ', '_') + ".cnf");
        Dimacs.WriteFile(cnf, file);
        var (ours, oursSecs) = CpuClock.RunSelf(token => Dimacs.ReadFile(file).ToSolver().Solve(cancel: token), limit); // parsing timed, as for the others
        double? h = ours == SatResult.Unknown ? null : oursSecs;
        var (plain, plainSecs) = CpuClock.RunSelf(token => Dimacs.ReadFile(file).ToSolver(new SolverOptions { Eliminate = false }).Solve(cancel: token), limit);
        double? hp = plain == SatResult.Unknown ? null : plainSecs;
        var (m, ms) = External("minisat", ["-verb=0", file], limit);
        var (c, cs) = External("cadical", ["-q", file], limit);
        var answers = new[] { ours, m, c, plain }.Where(r => r != SatResult.Unknown).Distinct().ToArray();
        if (answers.Length > 1) throw new InvalidOperationException($"{name}: the solvers disagree (Helix {ours}, MiniSat {m}, CaDiCaL {c}, Helix without elimination {plain})");
        return new AigSatRow(name, cnf.VarCount, cnf.ClauseCount, answers.Length == 1 ? answers[0] : SatResult.Unknown, h, ms, cs, hp);
    }

    static (SatResult, double?) External(string program, IReadOnlyList<string> args, double limit)
    {
        if (!global::Helix.Core.ProcessRunner.IsAvailable(program)) return (SatResult.Unknown, null);
        var (run, secs, outOfTime) = CpuClock.RunChild(program, args, limit);
        var r = run.ExitCode switch { 10 => SatResult.Satisfiable, 20 => SatResult.Unsatisfiable, _ => SatResult.Unknown };
        return outOfTime || r == SatResult.Unknown ? (SatResult.Unknown, null) : (r, secs);
    }

    /// <summary>Helix time over MiniSat's, when both solved.</summary>
    public double? RatioToMiniSat => Helix is { } h && MiniSat is { } m ? Math.Max(h, 1e-3) / Math.Max(m, 1e-3) : null;
}
