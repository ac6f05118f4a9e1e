using System.CommandLine;

namespace Helix.Cli.Ortho;

/// <summary>`helix ortho ...`: orthogonal weights (CWY and its baselines) and orthogonal optimizers.</summary>
internal static class OrthoCommand
{
    public static Command Create()
    {
        var ortho = new Command("ortho", "Orthogonal weights: CWY/T-CWY parametrizations, orthogonal RNNs, and the copying task.");
        ortho.Subcommands.Add(OrthoCopyCommand.Create());
        return ortho;
    }
}
