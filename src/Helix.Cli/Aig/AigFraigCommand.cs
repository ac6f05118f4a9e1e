using System.CommandLine;
using Helix.Aig.Aiger;
using Helix.Aig.Equivalence;

namespace Helix.Cli.Aig;

/// <summary>`helix aig fraig IN OUT`: merges functionally equivalent nodes.</summary>
internal static class AigFraigCommand
{
    public static Command Create()
    {
        var input = AigCli.FileArgument("input", "AIGER file to reduce.");
        var output = AigCli.FileArgument("output", "Where to write the reduced AIG (.aig or .aag).");
        var conflicts = new Option<long>("--conflicts") { Description = "Conflict budget per SAT query; pairs over budget stay unmerged.", DefaultValueFactory = _ => 1000 };
        var words = new Option<int>("--words") { Description = "64-pattern words of the initial simulation.", DefaultValueFactory = _ => 64 };
        var seed = new Option<ulong>("--seed") { Description = "Simulation seed.", DefaultValueFactory = _ => 1 };
        var json = AigCli.JsonOption();
        var cmd = new Command("fraig", "Merge functionally equivalent nodes (SAT sweeping) and write the smaller equivalent AIG.") { input, output, conflicts, words, seed, json };
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var outPath = p.GetValue(output)!;
            bool binary = AigCli.OutputIsBinary(outPath);
            int w = p.GetValue(words);
            if (FraigOptions.Why(nameof(FraigOptions.SimulationWords), w) is { } why) throw new CliUsageException($"--words {why}");
            var g = AigCli.Read(p.GetValue(input)!);
            bool quiet = p.GetValue(json);
            var (r, s) = AigCli.WithSweepProgress(quiet, "fraig", progress =>
                AigFraig.Run(g, new FraigOptions { ConflictLimit = p.GetValue(conflicts), SimulationWords = w, Seed = p.GetValue(seed), Progress = progress }));
            AigerWriter.WriteFile(r, outPath, binary);
            if (quiet)
                AigCli.PrintJson(new { andsBefore = s.AndsBefore, andsAfter = s.AndsAfter, merged = s.Merged, satCalls = s.SatCalls, undecided = s.Undecided, seconds = s.Elapsed.TotalSeconds });
            else
                Console.Out.WriteLine($"{s.AndsBefore} -> {s.AndsAfter} ANDs ({s.Merged} merged, {s.SatCalls} SAT calls, {s.Undecided} over budget) in {s.Elapsed.TotalSeconds:F3} s; wrote {outPath}");
            return 0;
        }));
        return cmd;
    }
}
