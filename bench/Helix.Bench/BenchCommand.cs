using System.CommandLine;

namespace Helix.Bench;

/// <summary>`helix bench ...`: benchmarks that write a table, a CSV and a plot. Each area adds its subcommand here.</summary>
public static class BenchCommand
{
    /// <summary>The `bench` command with every benchmark below it.</summary>
    public static Command Create()
    {
        var bench = new Command("bench", "Run a benchmark and write its table, CSV and plot.");
        bench.Subcommands.Add(Helix.Bench.Attention.AttentionBenchCommand.Create());
        bench.Subcommands.Add(Helix.Bench.Aig.AigBenchCommand.Create());
        bench.Subcommands.Add(Helix.Bench.Protein.ProteinBenchCommand.Create());
        bench.Subcommands.Add(Helix.Bench.Slim.SlimBenchCommand.Create());
        bench.Subcommands.Add(Helix.Bench.Orthogonal.OrthogonalBenchCommand.Create());
        bench.Subcommands.Add(Helix.Bench.Doc.DocBenchCommand.Create());
        bench.Subcommands.Add(Helix.Bench.Meta.MetaBenchCommand.Create());
        bench.Subcommands.Add(Helix.Bench.Approx.ApproxBenchCommand.Create());
        bench.Subcommands.Add(Helix.Bench.Flows.FlowsBenchCommand.Create());
        bench.Subcommands.Add(Helix.Bench.FixTypes.FixTypesBenchCommand.Create());
        return bench;
    }
}
