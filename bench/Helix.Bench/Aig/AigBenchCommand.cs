using System.CommandLine;

namespace Helix.Bench.Aig;

/// <summary>`helix bench aig`: the AIG benchmark against ABC, MiniSat and CaDiCaL.</summary>
public static class AigBenchCommand
{
    public static Command Create()
    {
        var circuits = new Option<string[]>("--circuits")
        {
            Description = "Circuits to run: gen:addN, gen:mulN, or a path under ../shared/data/aig without .aig (e.g. iscas85/c6288). Default: a representative subset.",
            AllowMultipleArgumentsPerToken = true,
        };
        var satTimeout = new Option<int>("--sat-timeout") { Description = "Seconds per SAT run.", DefaultValueFactory = _ => 5 };
        var dryRun = new Option<bool>("--no-markdown") { Description = "Do not update BENCHMARKS.md (CSV and plot are still written)." };
        var cmd = new Command("aig", "AIGER read, simulation, CEC, fraig and SAT against Berkeley ABC, MiniSat and CaDiCaL.") { circuits, satTimeout, dryRun };
        cmd.SetAction(p =>
        {
            var list = p.GetValue(circuits);
            var options = new AigBenchOptions
            {
                Circuits = list is { Length: > 0 } ? list : AigBenchCircuits.Default,
                SatTimeout = TimeSpan.FromSeconds(p.GetValue(satTimeout)),
                WriteMarkdown = !p.GetValue(dryRun),
            };
            var md = AigBenchmark.Run(options, line => Console.Error.WriteLine(line));
            Console.Out.WriteLine(md);
            return 0;
        });
        return cmd;
    }
}
