namespace Helix.XDoc.Tests;

/// <summary>Helix's own manual (topic files + every library's API) checks clean: zero broken links.</summary>
public class HelixManualTests
{
    internal static string? RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Helix.sln")) && Directory.Exists(Path.Combine(d.FullName, "docs", "topics"))) return d.FullName;
        return null;
    }

    internal static DocSources HelixSources(string repo) => new()
    {
        RepositoryRoot = repo,
        TopicFolder = Path.Combine(repo, "docs", "topics"),
        ProjectFolders = Directory.GetDirectories(Path.Combine(repo, "src"), "Helix.*")
            .Where(d => !Path.GetFileName(d).StartsWith("Helix.Cli", StringComparison.Ordinal) && Directory.EnumerateFiles(d, "*.csproj").Any())
            .Order(StringComparer.Ordinal).ToList(),
        Commands = new CommandInfo("helix", "The tool.", [], [], [new CommandInfo("aig", "AIGs.", [], [], [])]),
    };

    [Fact]
    public void Helix_manual_has_no_broken_links_and_its_doctests_pass()
    {
        var repo = RepoRoot();
        if (repo == null) return; // not run from a checkout
        var r = DocBuilder.Run(HelixSources(repo), new DocBuildOptions { UndocumentedLimit = int.MaxValue, Threads = 2 });
        Assert.True(r.Succeeded, r.Dump());
        Assert.Equal(0, r.Stats.BrokenLinks);
        Assert.True(r.Stats.Doctests >= 1);
        Assert.True(r.Stats.ApiTopics > 500, $"{r.Stats.ApiTopics} API topics");
        Assert.NotNull(r.Manual.Find("Helix.Core.SplitMix64.Next"));
        Assert.Contains("Helix.Core", r.Manual.Children("Libraries"));
    }
}
