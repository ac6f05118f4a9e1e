using System.CommandLine;

namespace Helix.Cli.Doc;

/// <summary>`helix doc ...`: Helix's manual (XDoc): build the site, run the checks, show a topic.</summary>
internal static class DocCommand
{
    public static Command Create()
    {
        var doc = new Command("doc", "Helix's manual (XDoc): build the static site, run the checks, or show a topic in the terminal.");
        doc.Subcommands.Add(DocBuildCommand.Create());
        doc.Subcommands.Add(DocCheckCommand.Create());
        doc.Subcommands.Add(DocShowCommand.Create());
        return doc;
    }
}
