using Helix.Cli.Hosting.Options;
using System.CommandLine;
using Helix.Aig.Equivalence;
using Spectre.Console;

namespace Helix.Cli.Aig;

/// <summary>`helix aig cec A B`: combinational equivalence. Exit 0 equivalent, 1 not equivalent, 3 undecided, 2 error.</summary>
internal static class AigCecCommand
{
    public const int NotEquivalent = 1, Undecided = 3;

    public static Command Create()
    {
        var a = AigCli.FileArgument("first", "First AIGER file.");
        var b = AigCli.FileArgument("second", "Second AIGER file.");
        var match = new Option<CecMatch>("--match") { Description = "Pair inputs/outputs by name (when all are named), order, or auto.", DefaultValueFactory = _ => CecMatch.Auto };
        var conflicts = new Option<long>("--conflicts") { Description = "Conflict budget per internal SAT query of the sweep.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "Simulation seed.", DefaultValueFactory = _ => 1 };
        var rounds = new Option<int>("--rounds") { Description = "Sweeping rounds, each with 8x the conflict budget of the last.", DefaultValueFactory = _ => 4 };
        var timeLimit = new TimeLimitOption("Give up as undecided after this long");
        var json = AigCli.JsonOption();
        var cmd = new Command("cec", "Combinational equivalence check (latches cut). Exit 0 equivalent, 1 not, 3 undecided, 2 error.") { a, b, match, conflicts, seed, rounds, timeLimit, json };
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var ga = AigCli.Read(p.GetValue(a)!);
            var gb = AigCli.Read(p.GetValue(b)!);
            bool quiet = p.GetValue(json);
            var r = AigCli.WithSweepProgress(quiet, "cec", progress => AigCec.Run(ga, gb, new CecOptions
            {
                Match = p.GetValue(match),
                Rounds = p.GetValue(rounds),
                TimeLimit = timeLimit.Limit(p),
                Sweep = new FraigOptions { ConflictLimit = p.GetValue(conflicts), Seed = p.GetValue(seed) },
            }, progress));
            string cex = r.Counterexample == null ? "" : string.Concat(r.Counterexample.Select(x => x ? '1' : '0'));
            if (quiet)
                AigCli.PrintJson(new { status = r.Status.ToString(), seconds = r.Elapsed.TotalSeconds, outputs = r.OutputPairs, failingOutput = r.FailingOutput, failingOutputName = r.FailingOutputName, counterexample = cex, satCalls = r.Sweep.SatCalls, merged = r.Sweep.Merged, rounds = r.Sweep.Rounds, conflicts = r.Sweep.Conflicts, undecidedQueries = r.Sweep.Undecided });
            else
            {
                var color = r.Status switch { CecStatus.Equivalent => "green", CecStatus.NotEquivalent => "red", _ => "yellow" };
                AnsiConsole.MarkupLine($"[{color}]{r.Status}[/] ({r.OutputPairs} output pairs, {r.Elapsed.TotalSeconds:F3} s, {r.Sweep.SatCalls} SAT calls, {r.Sweep.Merged} merged)");
                if (r.Counterexample != null)
                {
                    AnsiConsole.MarkupLineInterpolated($"output {r.FailingOutput} ({r.FailingOutputName ?? "unnamed"}) differs for inputs (first file's order, input 0 first):");
                    Console.Out.WriteLine(cex);
                }
            }
            return r.Status switch { CecStatus.Equivalent => 0, CecStatus.NotEquivalent => NotEquivalent, _ => Undecided };
        }));
        return cmd;
    }
}
