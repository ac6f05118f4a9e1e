namespace Helix.XDoc.Tests;

/// <summary>Checks and topics that need C# sources: crefs, @(def), @(call), undocumented members, auto-links.</summary>
public class ApiCheckTests
{
    static readonly DocBuildOptions NoDoctests = new() { RunDoctests = false, Threads = 2 };

    const string Lib = """
        namespace Lib.Geometry;

        /// <summary>A point. See <see cref="Shapes.Area(double)"/> and <see cref="Missing"/>.</summary>
        /// <param name="X">Across.</param>
        public sealed record Point(double X, double Y);

        /// <summary>Shapes.</summary>
        public static class Shapes
        {
            /// <summary>The area of a circle of radius <paramref name="r"/>.</summary>
            /// <returns>π r².</returns>
            public static double Area(double r) => Math.PI * r * r;

            /// <summary>The area of a rectangle.</summary>
            public static double Area(double w, double h) => w * h;

            public static int Undocumented() => 1;

            internal static int Hidden() => 2;
        }
        """;

    [Fact]
    public void Types_and_members_become_topics_under_namespace_and_declaring_type()
    {
        using var m = new TempManual();
        m.Source("Shapes.cs", Lib);
        var r = m.Build(NoDoctests with { BrokenLinksLimit = 10, UndocumentedLimit = 10 });
        var manual = r.Manual;
        Assert.Equal(["Lib"], manual.Find("Lib.Geometry")!.Parents);
        Assert.Equal(["Helix"], manual.Find("Lib")!.Parents);
        Assert.Equal(["Lib.Geometry"], manual.Find("Lib.Geometry.Shapes")!.Parents);
        var area = manual.Find("Lib.Geometry.Shapes.Area")!;
        Assert.Equal(["Lib.Geometry.Shapes"], area.Parents);
        Assert.Equal("The area of a circle of radius r.", area.Short);
        Assert.Contains("double w, double h", area.Long); // both overloads on one topic
        Assert.Null(manual.Find("Lib.Geometry.Shapes.Hidden"));
        Assert.Equal(TopicKind.Member, area.Kind);
        Assert.EndsWith("Shapes.cs", area.Source!.Value.File);
        Assert.Equal(12, area.Source!.Value.Line);
        // The record's positional property takes its doc from <param>.
        Assert.Equal("Across.", manual.Find("Lib.Geometry.Point.X")!.Short);
    }

    [Fact]
    public void Cref_links_resolve_or_are_broken_at_the_member()
    {
        using var m = new TempManual();
        m.Source("Shapes.cs", Lib);
        var r = m.Build(NoDoctests with { UndocumentedLimit = 10 });
        var broken = Assert.Single(r.Of(DiagnosticCodes.BrokenLink));
        Assert.Contains("Missing", broken.Message);
        Assert.Equal(5, broken.Location.Line);
        Assert.Contains("Lib.Geometry.Shapes.Area", r.Manual.LinksFrom("Lib.Geometry.Point"));
    }

    [Fact]
    public void Undocumented_public_members_are_a_report_with_a_threshold()
    {
        using var m = new TempManual();
        m.Source("Shapes.cs", Lib);
        var strict = m.Build(NoDoctests with { BrokenLinksLimit = 10 });
        var u = Assert.Single(strict.Of(DiagnosticCodes.Undocumented));
        Assert.True(u.IsError);
        Assert.Contains("Undocumented", u.Message);
        Assert.Equal(17, u.Location.Line);
        Assert.Equal(1, strict.Stats.Undocumented);
        var lenient = m.Build(NoDoctests with { BrokenLinksLimit = 10, UndocumentedLimit = 1 });
        Assert.False(Assert.Single(lenient.Of(DiagnosticCodes.Undocumented)).IsError);
        Assert.True(lenient.Succeeded, lenient.Dump());
    }

    [Fact]
    public void Def_and_call_resolve_from_source_or_are_reported()
    {
        using var m = new TempManual();
        m.Source("Shapes.cs", Lib);
        m.Topic("A", "Helix", "a", "@(def Shapes.Area)\n\nSig: @(call Shapes.Area)\n\n@(def Shapes.Nope)\n\n@(def Hidden)\n");
        var r = m.Build(NoDoctests with { BrokenLinksLimit = 10, UndocumentedLimit = 10 });
        var d = Assert.Single(r.Of(DiagnosticCodes.UnresolvedDef));
        Assert.Contains("Shapes.Nope", d.Message);
        Assert.Equal(10, d.Location.Line);
        Assert.Contains("Lib.Geometry.Shapes.Area", r.Manual.LinksFrom("A"));
    }

    [Fact]
    public void Def_without_sources_is_unresolved()
    {
        using var m = new TempManual();
        m.Topic("A", "Helix", "a", "@(def Foo)\n");
        Assert.Single(m.Build(NoDoctests).Of(DiagnosticCodes.UnresolvedDef));
    }

    [Fact]
    public void Code_spans_naming_documented_types_are_links_and_raise_importance()
    {
        using var m = new TempManual();
        m.Source("Shapes.cs", Lib);
        m.Topic("A", "Helix", "a", "Use `Shapes` or `Shapes.Area()`, not `Nothing`.\n");
        m.Topic("B", "Helix", "b", "Also `Shapes`.\n");
        var r = m.Build(NoDoctests with { BrokenLinksLimit = 10, UndocumentedLimit = 10 });
        Assert.Equal(["Lib.Geometry.Shapes", "Lib.Geometry.Shapes.Area"], r.Manual.LinksFrom("A"));
        // Shapes is led to by its namespace (parent), A and B.
        Assert.Equal(3, r.Manual.Importance("Lib.Geometry.Shapes"));
    }

    [Fact]
    public void The_command_tree_becomes_topics()
    {
        using var m = new TempManual();
        var tree = new CommandInfo("tool", "The tool.", [], [],
            [new CommandInfo("run", "Runs it.\nMore.", [new CommandArgumentInfo("file", "The input.")],
                [new CommandOptionInfo(["--out", "-o"], "Output folder.", "PATH")], [])]);
        var r = m.Build(NoDoctests, tree);
        Assert.True(r.Succeeded, r.Dump());
        var run = r.Manual.Find("tool run")!;
        Assert.Equal(["tool"], run.Parents);
        Assert.Equal("Runs it.", run.Short);
        Assert.Contains("`--out, -o <PATH>`", run.Long);
        Assert.Contains("tool run", r.Manual.LinksFrom("tool"));
    }
}
