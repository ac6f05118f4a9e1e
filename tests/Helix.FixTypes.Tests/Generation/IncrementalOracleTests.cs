using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Helix.FixTypes.Tests.Generation;

/// <summary>
/// The generator re-parses a [FixType] model only when its own members or the project's shape (usings, type headers,
/// enum members, consts, directives, references) change. These tests check that this never serves a stale model: after
/// each edit of a kind another model depends on, the incremental driver's output must equal a fresh driver's output on
/// the same compilation (the brute-force oracle), and the dependent type's source must have changed (so a stale cache
/// would fail the comparison).
/// </summary>
public sealed class IncrementalOracleTests
{
    private const string Parent = """
        using Helix.FixTypes;
        namespace Big;
        [FixType] public partial record Parent
        {
            [Nat] public partial int N { get; init; }
        }
        """;

    private const string Child = """
        using Helix.FixTypes;
        namespace Big;
        [FixType] public partial record Child
        {
            public partial Parent? P { get; init; }
            public partial Color C { get; init; }
            [Range(0, Limits.Max)] public partial int R { get; init; }
            [Str(Trim = true)] public partial string S { get; init; }
        }
        """;

    private static string Colors(string members) => "namespace Big;\npublic enum Color { " + members + " }\n";

    private static string Limits(int max) => "namespace Big;\npublic static class Limits\n{\n    public const int Max = " + max + ";\n    public static int Twice(int x) => 2 * x;\n}\n";

    private const string Hooks = """
        namespace Big;
        public partial record Child
        {
            public static (string Property, string Reason)? WhyAcross(Child x) => x.R > 5 ? ("R", "too big") : null;
        }
        """;

    private const string Shadow = """
        namespace Big;
        [System.AttributeUsage(System.AttributeTargets.Property)]
        public sealed class StrAttribute : System.Attribute { public bool Trim { get; set; } }
        """;

    private const string Aliased = """
        using FT = Helix.FixTypes.FixTypeAttribute;
        namespace Big;
        [FT] public partial record ViaAlias
        {
            [Helix.FixTypes.Nat] public partial int K { get; init; }
        }
        """;

    private sealed class Project
    {
        private GeneratorDriver _driver = CSharpGeneratorDriver.Create([new FixTypeGenerator().AsSourceGenerator()], parseOptions: TestCompilation.Parse);

        public Compilation Compilation { get; private set; } = TestCompilation.Create()
            .AddSyntaxTrees(Tree(Parent, "Parent.cs"), Tree(Child, "Child.cs"), Tree(Colors("Red, Green"), "Color.cs"), Tree(Limits(10), "Limits.cs"));

        public Dictionary<string, string> Sources { get; private set; } = [];

        public static SyntaxTree Tree(string text, string path) => CSharpSyntaxTree.ParseText(text, TestCompilation.Parse, path: path);

        /// <summary>Runs the long-lived driver on <paramref name="next"/> and checks its output against a fresh driver's.</summary>
        public void Step(Compilation next)
        {
            Compilation = next;
            _driver = _driver.RunGenerators(next);
            Sources = Read(_driver);
            var fresh = Read(CSharpGeneratorDriver.Create([new FixTypeGenerator().AsSourceGenerator()], parseOptions: TestCompilation.Parse).RunGenerators(next));
            Assert.Equal(fresh.Keys.Order(), Sources.Keys.Order());
            foreach (var (hint, text) in fresh) Assert.True(text == Sources[hint], hint + " is stale after the edit");
        }

        public void Replace(string path, string text) =>
            Step(Compilation.ReplaceSyntaxTree(Compilation.SyntaxTrees.Single(t => t.FilePath == path), Tree(text, path)));

        private static Dictionary<string, string> Read(GeneratorDriver d) =>
            d.GetRunResult().Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
    }

    private const string ChildHint = "Big.Child.FixType.g.cs";

    [Fact]
    public void Each_kind_of_dependency_edit_regenerates_what_a_fresh_run_generates()
    {
        var p = new Project();
        p.Step(p.Compilation);
        string child = p.Sources[ChildHint];
        Assert.Contains("Parent.Fix", child);   // Parent is a fixtype: Child fixes it deeply

        // Another type's header: Parent is no longer a fixtype, so Child's field P is a plain reference.
        p.Replace("Parent.cs", Parent.Replace("[FixType] ", ""));
        Assert.DoesNotContain("Parent.Fix", p.Sources[ChildHint]);
        p.Replace("Parent.cs", Parent);
        Assert.Equal(child, p.Sources[ChildHint]);

        // An enum's members (in another file): Child's validity test lists them.
        p.Replace("Color.cs", Colors("Red, Green, Blue"));
        Assert.Contains("Color.Blue", p.Sources[ChildHint]);

        // A const used as an attribute argument (in another file).
        child = p.Sources[ChildHint];
        p.Replace("Limits.cs", Limits(20));
        Assert.NotEqual(child, p.Sources[ChildHint]);
        Assert.Contains("20", p.Sources[ChildHint]);

        // A method body in that file changes nothing (and the driver must still agree with a fresh run).
        child = p.Sources[ChildHint];
        p.Replace("Limits.cs", Limits(20).Replace("2 * x", "3 * x"));
        Assert.Equal(child, p.Sources[ChildHint]);

        // A cross-field hook declared in another partial part of Child, in a new file.
        p.Step(p.Compilation.AddSyntaxTrees(Project.Tree(Hooks, "Hooks.cs")));
        Assert.Contains("WhyAcross", p.Sources[ChildHint]);
        Assert.DoesNotContain("WhyAcross", child);

        // A class in Child's namespace that shadows Helix.FixTypes.Str: S is no longer normalized.
        child = p.Sources[ChildHint];
        p.Step(p.Compilation.AddSyntaxTrees(Project.Tree(Shadow, "Shadow.cs")));
        Assert.Contains("FixString", child);
        Assert.DoesNotContain("FixString", p.Sources[ChildHint]);

        // Removing that file brings the normalization back.
        p.Step(p.Compilation.RemoveSyntaxTrees(p.Compilation.SyntaxTrees.Single(t => t.FilePath == "Shadow.cs")));
        Assert.Contains("FixString", p.Sources[ChildHint]);

        // A record marked through a using alias is found (binding decides, not the attribute's spelling).
        p.Step(p.Compilation.AddSyntaxTrees(Project.Tree(Aliased, "Aliased.cs")));
        Assert.Contains("Big.ViaAlias.FixType.g.cs", p.Sources.Keys);

        // A nullable directive in Child's own file changes how its string field is read.
        child = p.Sources[ChildHint];
        p.Replace("Child.cs", "#nullable disable\n" + Child.Replace("public partial string S", "public partial string? S"));
        Assert.NotEqual(child, p.Sources[ChildHint]);
    }

    [Fact]
    public void Changing_the_conditional_symbols_regenerates_what_a_fresh_run_generates()
    {
        const string text = """
            using Helix.FixTypes;
            namespace Big;
            [FixType] public partial record Cond
            {
                [Nat
            #if STRICT
                , Range(1, 5)
            #endif
                ] public partial int N { get; init; }
            }
            """;   // the directives sit inside the member, so its text is the same either way
        var p = new Project();
        p.Step(p.Compilation.AddSyntaxTrees(Project.Tree(text, "Cond.cs")));
        string before = p.Sources["Big.Cond.FixType.g.cs"];
        // The same texts parsed with STRICT defined (a configuration change): every tree is new, the texts are equal.
        var strict = TestCompilation.Parse.WithPreprocessorSymbols("STRICT");
        p.Step(p.Compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(p.Compilation.SyntaxTrees.Select(t =>
            CSharpSyntaxTree.ParseText(t.GetText(), strict, t.FilePath))));
        Assert.NotEqual(before, p.Sources["Big.Cond.FixType.g.cs"]);
    }

    [Fact]
    public void Unrelated_body_edit_parses_no_model()
    {
        var p = new Project();
        GeneratorDriver d = CSharpGeneratorDriver.Create([new FixTypeGenerator().AsSourceGenerator()], parseOptions: TestCompilation.Parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        d = d.RunGenerators(p.Compilation);
        var edited = p.Compilation.ReplaceSyntaxTree(p.Compilation.SyntaxTrees.Single(t => t.FilePath == "Limits.cs"), Project.Tree(Limits(10).Replace("2 * x", "3 * x"), "Limits.cs"));
        var result = d.RunGenerators(edited).GetRunResult().Results[0];
        var models = result.TrackedSteps[TrackingNames.Types].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, models.Count);
        Assert.All(models, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));   // not even re-bound
        // The edited file's summary compared equal, so the project key was not even rebuilt.
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(result.TrackedSteps[TrackingNames.Global].SelectMany(s => s.Outputs)).Reason);
    }
}
