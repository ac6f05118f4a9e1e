using System.CommandLine;

namespace Helix.Cli.Doc;

/// <summary>`helix doc build --out site/`: check the manual and write the static site.</summary>
internal static class DocBuildCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The folder to write the site into.", DefaultValueFactory = _ => "site" };
        var repo = DocCli.RootOption();
        var broken = DocCli.BrokenLinksLimit();
        var undocumented = DocCli.UndocumentedLimit();
        var orphans = DocCli.AllowOrphans();
        var noDoctests = DocCli.NoDoctests();
        var json = DocCli.Json();
        var cmd = new Command("build", "Build Helix's manual from docs/topics, the C# API and the command tree into a static site that works from file://.")
            { output, repo, broken, undocumented, orphans, noDoctests, json };
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var root = (RootCommand)p.RootCommandResult.Command;
            var sources = DocCli.Sources(DocCli.RepoRoot(p.GetValue(repo)), root);
            var options = DocCli.Options(p, broken, undocumented, orphans, noDoctests, p.GetValue(output));
            return DocCli.RunAndReport(sources, options, p.GetValue(json), "build");
        }));
        return cmd;
    }
}
