using System.CommandLine;

namespace Helix.Cli;

/// <summary>The top-level `helix` commands. Each area adds one line here.</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> All()
    {
        yield return Protein.ProteinCommand.Create();
        yield return Aig.AigCommand.Create();
        yield return Lm.LmCommand.Create();
        yield return Ortho.OrthoCommand.Create();
        yield return Meta.MetaCommand.Create();
        yield return Doc.DocCommand.Create();
    }
}
