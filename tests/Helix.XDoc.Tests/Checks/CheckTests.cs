namespace Helix.XDoc.Tests;

/// <summary>Each check fires on bad input (with the file and line) and stays quiet on good input.</summary>
public class CheckTests
{
    static readonly DocBuildOptions NoDoctests = new() { RunDoctests = false, Threads = 2 };

    [Fact]
    public void A_clean_manual_has_no_diagnostics()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "a", "See @(see B) and @(see Helix).");
        m.Topic("B", "Helix, A", "b", "Back to @(see A).");
        var r = m.Build(NoDoctests);
        Assert.True(r.Succeeded, r.Dump());
        Assert.Empty(r.Diagnostics);
        Assert.Equal(["A", "B"], r.Manual.Children("Helix"));
        Assert.Equal(["B"], r.Manual.Children("A"));
    }

    [Fact]
    public void Broken_see_links_are_errors_with_file_and_line_unless_within_the_limit()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "a", "line one\n\nSee @(see Nowhere) and @(see Helix).\n");
        var r = m.Build(NoDoctests);
        var e = Assert.Single(r.Of(DiagnosticCodes.BrokenLink));
        Assert.True(e.IsError);
        Assert.Equal(new SourceLocation("docs/topics/A.md", 8, 5), e.Location with { File = e.Location.File.Replace('\\', '/') });
        Assert.Contains("Nowhere", e.Message);
        var allowed = m.Build(NoDoctests with { BrokenLinksLimit = 1 });
        Assert.True(allowed.Succeeded);
        Assert.False(Assert.Single(allowed.Of(DiagnosticCodes.BrokenLink)).IsError);
    }

    [Fact]
    public void Orphans_fire_for_missing_parents_and_missing_parents_lines()
    {
        using var m = new TempManual();
        m.Topic("A", "NoSuchParent", "a", "x");
        m.Topic("B", "", "b", "x");
        var r = m.Build(NoDoctests);
        var o = r.Of(DiagnosticCodes.Orphan);
        Assert.Equal(2, o.Count);
        Assert.Contains(o, d => d.Message.Contains("NoSuchParent") && d.Location.Line == 2);
        Assert.Contains(o, d => d.Message.Contains("no parents"));
        var allowed = m.Build(NoDoctests with { AllowOrphans = true });
        Assert.True(allowed.Succeeded, allowed.Dump());
        Assert.Contains("A", allowed.Manual.Children("Helix"));
    }

    [Fact]
    public void Duplicate_names_are_reported_with_both_places()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "a", "x");
        File.WriteAllText(Path.Combine(m.Root, "docs", "topics", "zz-other.md"), "---\nname: A\nparents: Helix\nshort: again\n---\n");
        var r = m.Build(NoDoctests);
        var d = Assert.Single(r.Of(DiagnosticCodes.Duplicate));
        Assert.Contains("zz-other.md", d.Location.File);
        Assert.Contains("A.md", d.Message);
    }

    [Fact]
    public void Cycles_are_not_allowed_but_diamonds_are()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix, C", "a", "x");
        m.Topic("B", "A", "b", "x");
        m.Topic("C", "B", "c", "x");
        var r = m.Build(NoDoctests);
        var d = Assert.Single(r.Of(DiagnosticCodes.Cycle));
        Assert.True(d.IsError);
        foreach (var n in new[] { "`A`", "`B`", "`C`" }) Assert.Contains(n, d.Message);

        using var ok = new TempManual();
        ok.Topic("A", "Helix", "a", "x");
        ok.Topic("B", "Helix", "b", "x");
        ok.Topic("D", "A, B", "d", "x");
        var r2 = ok.Build(NoDoctests);
        Assert.True(r2.Succeeded, r2.Dump());
        Assert.Equal(2, r2.Manual.Breadcrumbs("D").Count);
    }

    [Fact]
    public void Unknown_and_malformed_directives_are_errors_with_locations()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "a", "x\n@(frob Thing)\n\n@(see Helix\n\ntext @(def Foo) inline\n");
        var r = m.Build(NoDoctests);
        var unknown = Assert.Single(r.Of(DiagnosticCodes.UnknownDirective));
        Assert.Equal(7, unknown.Location.Line);
        Assert.Contains("frob", unknown.Message);
        var malformed = r.Of(DiagnosticCodes.Malformed);
        Assert.Equal(2, malformed.Count);
        Assert.Contains(malformed, d => d.Location.Line == 9 && d.Message.Contains("not closed"));
        Assert.Contains(malformed, d => d.Location.Line == 11 && d.Message.Contains("own line"));
    }

    [Fact]
    public void An_unclosed_code_fence_is_malformed()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "a", "x\n\n```csharp\nint x;\n");
        var d = Assert.Single(m.Build(NoDoctests).Of(DiagnosticCodes.Malformed));
        Assert.Equal(8, d.Location.Line);
    }

    [Fact]
    public void A_non_utf8_topic_file_fails_the_build_with_its_location()
    {
        using var m = new TempManual();
        m.Raw("docs/topics/bad.md", [.. "---\nname: Bad\n"u8, 0xFF, .. "\n---\n"u8]);
        var r = m.Build(NoDoctests);
        var d = Assert.Single(r.Of(DiagnosticCodes.Encoding));
        Assert.Equal(3, d.Location.Line);
        Assert.False(r.Succeeded);
    }

    [Fact]
    public void The_root_must_exist()
    {
        using var m = new TempManual();
        var r = m.Build(NoDoctests with { Root = "Top" });
        Assert.Contains(r.Of(DiagnosticCodes.Orphan), d => d.Message.Contains("root topic `Top`"));
    }
}
