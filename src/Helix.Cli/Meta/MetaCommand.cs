using System.CommandLine;

namespace Helix.Cli.Meta;

/// <summary>`helix meta ...`: approximate bilevel optimization and few-shot meta-learning (Helix.Bilevel).</summary>
internal static class MetaCommand
{
    public static Command Create()
    {
        var meta = new Command("meta", "Bilevel optimization and few-shot meta-learning with exact, FOM, unbiased first-order (UFOM) and Reptile meta-gradients.");
        meta.Subcommands.Add(MetaToyCommand.Create());
        meta.Subcommands.Add(MetaTrainCommand.Create());
        meta.Subcommands.Add(MetaEvalCommand.Create());
        return meta;
    }
}
