using System.CommandLine;
using System.Diagnostics;
using Helix.Aig.Cnf;
using Helix.Aig.Sat;

namespace Helix.Cli.Aig;

/// <summary>
/// `helix aig sat FILE`: solves a DIMACS CNF, or asks whether some output of an AIGER file can be 1. Exit codes as
/// in the SAT competition: 10 satisfiable, 20 unsatisfiable, 0 unknown; 2 for errors.
/// </summary>
internal static class AigSatCommand
{
    public static Command Create()
    {
        var file = AigCli.FileArgument("file", "DIMACS .cnf, or AIGER .aig/.aag (asks whether an output can be 1).");
        var solver = new Option<string>("--solver") { Description = "builtin (default), or an external solver that speaks DIMACS: cadical, minisat, kissat or a path.", DefaultValueFactory = _ => "builtin" };
        var conflicts = new Option<long>("--conflicts") { Description = "Conflict budget of the built-in solver (negative: none).", DefaultValueFactory = _ => -1 };
        var restarts = new Option<RestartPolicy>("--restarts") { Description = "Restart policy of the built-in solver: Luby, Glucose or Alternate.", DefaultValueFactory = _ => RestartPolicy.Alternate };
        var vivify = new Option<bool>("--vivify") { Description = "Vivify learnt clauses after each reduction (built-in solver).", DefaultValueFactory = _ => false };
        var model = new Option<bool>("--model") { Description = "Print the model as 'v' lines." };
        var json = AigCli.JsonOption();
        var cmd = new Command("sat", "Solve a CNF (or an AIG's output) with the built-in CDCL solver or an external one. Exit 10 SAT, 20 UNSAT, 0 unknown.") { file, solver, conflicts, restarts, vivify, model, json };
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var path = p.GetValue(file)!;
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
            var ext = Path.GetExtension(path).ToLowerInvariant();
            CnfFormula cnf = ext is ".aig" or ".aag" ? TseitinEncoder.OutputCanBeOne(AigCli.Read(path)).Formula : Dimacs.ReadFile(path);
            var which = p.GetValue(solver)!;
            var clock = Stopwatch.StartNew();
            SatResult result;
            IReadOnlyList<bool>? m;
            SolverStats? stats = null;
            if (which == "builtin")
            {
                var s = cnf.ToSolver(new SolverOptions { Restarts = p.GetValue(restarts), VivifyLearnts = p.GetValue(vivify) });
                result = s.Solve(conflictLimit: p.GetValue(conflicts));
                m = s.Model; stats = s.Stats;
            }
            else
            {
                if (!ExternalSolver.IsAvailable(which)) throw new CliUsageException($"--solver {which}: not found on PATH; install it (apt-get install {which}) or give a path");
                var a = new ExternalSolver(which).Solve(cnf);
                result = a.Result; m = a.Model;
            }
            double secs = clock.Elapsed.TotalSeconds;
            string word = result switch { SatResult.Satisfiable => "SATISFIABLE", SatResult.Unsatisfiable => "UNSATISFIABLE", _ => "UNKNOWN" };
            if (p.GetValue(json))
                AigCli.PrintJson(new { result = word, seconds = secs, variables = cnf.VarCount, clauses = cnf.ClauseCount, conflicts = stats?.Conflicts, decisions = stats?.Decisions, propagations = stats?.Propagations, vivified = stats?.VivifiedClauses });
            else
            {
                Console.Out.WriteLine($"c {cnf.VarCount} variables, {cnf.ClauseCount} clauses, {secs:F3} s" + (stats != null ? $", {stats.Conflicts} conflicts" : ""));
                Console.Out.WriteLine("s " + word);
                if (p.GetValue(model) && m != null)
                    Console.Out.WriteLine("v " + string.Join(' ', Enumerable.Range(0, cnf.VarCount).Select(v => m[v] ? v + 1 : -(v + 1))) + " 0");
            }
            return (int)result;
        }));
        return cmd;
    }
}
