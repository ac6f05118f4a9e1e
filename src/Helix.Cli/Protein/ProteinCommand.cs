using System.CommandLine;

namespace Helix.Cli.Protein;

/// <summary>`helix protein ...`: train, evaluate and use masked protein language models.</summary>
internal static class ProteinCommand
{
    public static Command Create()
    {
        var protein = new Command("protein", "Masked protein language models with Performers: train, eval, fill, score, embed.");
        protein.Subcommands.Add(ProteinTrainCommand.Create());
        protein.Subcommands.Add(ProteinEvalCommand.Create());
        protein.Subcommands.Add(ProteinFillCommand.Create());
        protein.Subcommands.Add(ProteinScoreCommand.Create());
        protein.Subcommands.Add(ProteinEmbedCommand.Create());
        return protein;
    }
}
