using System.CommandLine;

namespace Helix.Cli.Ortho;

/// <summary>`helix ortho ...`: orthogonal weights (CWY and its baselines) and orthogonal optimizers.</summary>
internal static class OrthoCommand
{
    public static Command Create()
    {
        var ortho = new Command("ortho", "Orthogonal weights: CWY/T-CWY parametrizations, orthogonal RNNs, the copying task, and Givens-rotation flows.");
        ortho.Subcommands.Add(OrthoCopyCommand.Create());
        ortho.Subcommands.Add(OrthoFlowCommand.Create());
        return ortho;
    }
}
