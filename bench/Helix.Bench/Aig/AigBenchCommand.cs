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
        var satTimeout = new Option<int>("--sat-timeout") { Description = "Wall seconds per SAT run of the classic section.", DefaultValueFactory = _ => 5 };
        var epfl = new Option<string[]>("--epfl") { Description = "EPFL circuits (under ../shared/data/aig/epfl) to check against their ABC-optimized versions. Default: adder bar max sin div.", AllowMultipleArgumentsPerToken = true };
        var versions = new Option<string[]>("--epfl-versions") { Description = "Named ABC-optimized versions each EPFL circuit is checked against: resyn2, dc2, dch-if-mfs, dc2x3, dc2-dch-dc2, dc2-dch-x2-dc2, dc2-dch-x3-dc2, gdch-if-mfs, resyn2x2, resyn2-dc2, dc2-resyn2, resyn2rs, compress2rs, syn3, syn4, drw-drf-b. Default: resyn2 dc2 dch-if-mfs.", AllowMultipleArgumentsPerToken = true };
        var sections = new Option<string[]>("--sections") { Description = "Sections to run: classic, epfl, random (default: all).", AllowMultipleArgumentsPerToken = true };
        var limit = new Option<double>("--pair-limit") { Description = "CPU seconds per CEC pair and tool in the EPFL section.", DefaultValueFactory = _ => 60 };
        var satLimit = new Option<double>("--sat-limit") { Description = "CPU seconds per SAT instance and solver in the EPFL and random sections.", DefaultValueFactory = _ => 20 };
        var satEpfl = new Option<string[]>("--sat-epfl") { Description = "EPFL circuits whose miter CNFs also go to the SAT comparison. Default: adder bar max.", AllowMultipleArgumentsPerToken = true };
        var random = new Option<int>("--random") { Description = "Random 3-SAT instances at the threshold (175 to 250 variables, fixed seeds; about half satisfiable). Default: 32.", DefaultValueFactory = _ => 32 };
        var dryRun = new Option<bool>("--no-markdown") { Description = "Do not update BENCHMARKS.md (CSV and plot are still written)." };
        var cmd = new Command("aig", "AIGER read, simulation, CEC, fraig and SAT against Berkeley ABC, MiniSat and CaDiCaL; EPFL pairs and random 3-SAT by CPU time.") { circuits, satTimeout, epfl, versions, sections, limit, satLimit, satEpfl, random, dryRun };
        cmd.SetAction(p =>
        {
            var list = p.GetValue(circuits);
            var options = new AigBenchOptions
            {
                Circuits = list is { Length: > 0 } ? list : AigBenchCircuits.Default,
                SatTimeout = TimeSpan.FromSeconds(p.GetValue(satTimeout)),
                EpflCircuits = p.GetValue(epfl) is { Length: > 0 } e ? e : AigBenchCircuits.DefaultEpfl,
                EpflVersionNames = p.GetValue(versions) is { Length: > 0 } ev ? ev : AigBenchCircuits.EpflVersions.Select(v => v.Name).ToArray(),
                Sections = p.GetValue(sections) is { Length: > 0 } sec ? sec : ["classic", "epfl", "random"],
                PairLimit = p.GetValue(limit),
                SatLimit = p.GetValue(satLimit),
                SatEpflCircuits = p.GetValue(satEpfl) is { Length: > 0 } se ? se : ["adder", "bar", "max"],
                RandomInstances = p.GetValue(random),
                WriteMarkdown = !p.GetValue(dryRun),
            };
            var md = AigBenchmark.Run(options, line => Console.Error.WriteLine(line));
            Console.Out.WriteLine(md);
            return 0;
        });
        return cmd;
    }
}
