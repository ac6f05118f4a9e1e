using System.CommandLine;

namespace Helix.Cli.Aig;

/// <summary>`helix aig ...`: And-Inverter Graph tools (stats, convert, sim, cnf, sat, cec, fraig).</summary>
internal static class AigCommand
{
    public static Command Create()
    {
        var aig = new Command("aig", "And-Inverter Graphs: AIGER files, simulation, CNF, SAT, equivalence checking and fraig.");
        aig.Subcommands.Add(AigStatsCommand.Create());
        aig.Subcommands.Add(AigConvertCommand.Create());
        aig.Subcommands.Add(AigSimCommand.Create());
        aig.Subcommands.Add(AigCnfCommand.Create());
        aig.Subcommands.Add(AigSatCommand.Create());
        aig.Subcommands.Add(AigCecCommand.Create());
        aig.Subcommands.Add(AigFraigCommand.Create());
        return aig;
    }
}
