using System.CommandLine;

namespace Helix.Cli.Lm;

/// <summary>`helix lm ...`: causal Performer language models.</summary>
internal static class LmCommand
{
    public static Command Create()
    {
        var lm = new Command("lm", "Causal Performer language models on text or FASTA, trainable in memory that does not grow with length (SLiM).");
        lm.Subcommands.Add(LmTrainCommand.Create());
        return lm;
    }
}
