using System.CommandLine;

namespace Helix.Cli.Doc;

/// <summary>`helix doc check`: run every check of the manual without writing the site.</summary>
internal static class DocCheckCommand
{
    public static Command Create()
    {
        var repo = DocCli.RootOption();
        var broken = DocCli.BrokenLinksLimit();
        var undocumented = DocCli.UndocumentedLimit();
        var orphans = DocCli.AllowOrphans();
        var noDoctests = DocCli.NoDoctests();
        var json = DocCli.Json();
        var cmd = new Command("check", "Check Helix's manual (links, parents, names, cycles, @(def), markup, documentation, doctests); exit 1 on errors.")
            { repo, broken, undocumented, orphans, noDoctests, json };
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var root = (RootCommand)p.RootCommandResult.Command;
            var sources = DocCli.Sources(DocCli.RepoRoot(p.GetValue(repo)), root);
            var options = DocCli.Options(p, broken, undocumented, orphans, noDoctests, null);
            return DocCli.RunAndReport(sources, options, p.GetValue(json), "check");
        }));
        return cmd;
    }
}
