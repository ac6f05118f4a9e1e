namespace Helix.XDoc.Tests;

public class SiteTests
{
    [Fact]
    public void The_site_has_pages_breadcrumbs_per_parent_an_index_and_lazy_data()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "Topic a.", "See @(see B|bee).");
        m.Topic("B", "Helix", "Topic b.", "x");
        m.Topic("C d", "A, B", "Topic c with <angle> brackets.", "Deep **text** zebra.");
        var r = m.Build(new DocBuildOptions { OutputFolder = m.Out, Threads = 2 });
        Assert.True(r.Succeeded, r.Dump());
        foreach (var f in new[] { "index.html", "topics.html", "search.html", "print.html", "xdoc.js", "xdoc.css", "data/names.js", "t/A.html", "t/C-d.html" })
            Assert.True(File.Exists(Path.Combine(m.Out, f)), f);
        var c = File.ReadAllText(Path.Combine(m.Out, "t", "C-d.html"));
        Assert.Equal(2, CountOf(c, "class=\"crumb\""));
        Assert.Contains("Topic c with &lt;angle&gt; brackets.", c);
        Assert.Contains("<a href=\"A.html\">A</a>", c);
        Assert.DoesNotContain("fetch(", File.ReadAllText(Path.Combine(m.Out, "xdoc.js")));
        var a = File.ReadAllText(Path.Combine(m.Out, "t", "A.html"));
        Assert.Contains("<a class=\"see\" href=\"B.html\">bee</a>", a);
        Assert.Contains("C d", a); // child list
        var names = File.ReadAllText(Path.Combine(m.Out, "data", "names.js"));
        Assert.StartsWith("XDOC.loadNames(\"", names);
        // Full text: "zebra" is in shard "ze" and names topic C d's number.
        var shard = File.ReadAllText(Path.Combine(m.Out, "data", "s", "ze.js"));
        Assert.Contains("\"zebra\":", shard);
        Assert.Equal(r.Stats.FilesWritten, Directory.EnumerateFiles(m.Out, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public void Rebuilding_replaces_the_site_and_a_foreign_folder_is_refused()
    {
        using var m = new TempManual();
        m.Topic("Old", "Helix", "o", "x");
        Assert.True(m.Build(new DocBuildOptions { OutputFolder = m.Out, RunDoctests = false }).Succeeded);
        File.Delete(Path.Combine(m.Root, "docs", "topics", "Old.md"));
        Assert.True(m.Build(new DocBuildOptions { OutputFolder = m.Out, RunDoctests = false }).Succeeded);
        Assert.False(File.Exists(Path.Combine(m.Out, "t", "Old.html")));
        var foreign = Path.Combine(m.Root, "foreign");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "keep.txt"), "mine");
        Assert.Throws<IOException>(() => m.Build(new DocBuildOptions { OutputFolder = foreign, RunDoctests = false }));
        Assert.True(File.Exists(Path.Combine(foreign, "keep.txt")));
    }

    [Fact]
    public void Words_split_camel_case_and_postings_are_delta_coded()
    {
        Assert.Equal(["splitmix64", "split", "mix64", "the", "seed"], SearchIndex.Words("SplitMix64: the seed!").ToList());
        var shards = SearchIndex.Build([(0, "alpha beta"), (37, "alpha"), (40, "alpha")]);
        Assert.Equal("XDOC.addShard(\"al\",{\"alpha\":\"0,11,3\"});\n", shards["al"]);
    }

    [Fact]
    public void Page_names_are_safe_and_unique_without_regard_to_case()
    {
        var map = PageNames.Assign(["a b", "A B", "Trainer<T>", "x/y"]);
        Assert.Equal("A-B.html", map["A B"]);
        Assert.Equal("a-b~2.html", map["a b"]);
        Assert.Equal("Trainer_T_.html", map["Trainer<T>"]);
        Assert.Equal("x_y.html", map["x/y"]);
    }

    [Fact]
    public void Show_lists_links_and_subtopics()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "Topic a.", "See @(see B|bee) and @(see Nowhere).");
        m.Topic("B", "A", "Topic b.", "x");
        var r = m.Build(new DocBuildOptions { RunDoctests = false, BrokenLinksLimit = 5 });
        var text = TopicText.Render(r.Manual, "A")!;
        Assert.Contains("See bee [1] and Nowhere [broken link].", text);
        Assert.Contains("[1] B", text);
        Assert.Contains("Subtopics:\n  B — Topic b.", text);
        Assert.Null(TopicText.Render(r.Manual, "Z"));
    }

    static int CountOf(string s, string what)
    {
        int n = 0;
        for (int i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
