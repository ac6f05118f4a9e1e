using System.CommandLine;
using Helix.XDoc;

namespace Helix.Cli.Doc;

/// <summary>`helix doc show TOPIC`: print one topic of the manual, with its links listed.</summary>
internal static class DocShowCommand
{
    public static Command Create()
    {
        var topic = new Argument<string>("topic") { Description = "The topic's name (e.g. Helix.Core.SplitMix64, or \"helix doc build\")." };
        var repo = DocCli.RootOption();
        var cmd = new Command("show", "Print a topic of Helix's manual in the terminal, with its links, subtopics and source listed.") { topic, repo };
        cmd.SetAction(p => CliRunner.Guard(() =>
        {
            var root = (RootCommand)p.RootCommandResult.Command;
            var sources = DocCli.Sources(DocCli.RepoRoot(p.GetValue(repo)), root);
            var result = DocBuilder.Run(sources, new DocBuildOptions { RunDoctests = false, BrokenLinksLimit = int.MaxValue, UndocumentedLimit = int.MaxValue, AllowOrphans = true });
            var name = p.GetValue(topic)!;
            var text = TopicText.Render(result.Manual, name);
            if (text == null)
            {
                var near = result.Manual.Topics.Select(t => t.Name).Where(n => n.Contains(name, StringComparison.OrdinalIgnoreCase)).Take(8).ToList();
                throw new CliUsageException($"no topic `{name}`" + (near.Count > 0 ? $"; did you mean: {string.Join(", ", near)}" : ""));
            }
            Console.Write(text);
            return 0;
        }));
        return cmd;
    }
}
