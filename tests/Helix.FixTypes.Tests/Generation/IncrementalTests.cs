using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Helix.FixTypes.Tests.Generation;

/// <summary>
/// Incrementality, with Roslyn's step tracking (<c>trackIncrementalGeneratorSteps: true</c>): the pipeline's models hold
/// no symbols, syntax or compilation; an edit that does not touch a fixtype parses no model again and leaves every
/// output Cached; an edit to one fixtype regenerates that type's source and no other. (<see cref="IncrementalOracleTests"/>
/// checks that edits other models depend on do reach them.)
/// </summary>
public sealed class IncrementalTests
{
    private const int Types = 30;

    private const string Sum = """
        using Helix.FixTypes;
        namespace Big;
        [FixSum]
        public abstract partial record Shape
        {
            [FixType, DefaultCase] public sealed partial record Empty : Shape;
            [FixType] public sealed partial record Circle : Shape { [Nat] public partial int Radius { get; init; } }
        }
        """;

    private static string Unrelated(int version) =>
        "namespace Big;\npublic static class Helper\n{\n    public static int Twice(int x) => " + version + " * x;\n}\n";

    private static readonly string[] ModelSteps = [TrackingNames.Types, TrackingNames.Sums, TrackingNames.Flags];

    private static (CSharpCompilation Compilation, SyntaxTree[] Trees) Project()
    {
        var trees = Enumerable.Range(0, Types)
            .Select(i => CSharpSyntaxTree.ParseText(ThousandTypesTests.TypeSource(i), TestCompilation.Parse, path: "T" + i + ".cs"))
            .Append(CSharpSyntaxTree.ParseText(Sum, TestCompilation.Parse, path: "Shape.cs"))
            .Append(CSharpSyntaxTree.ParseText(Unrelated(2), TestCompilation.Parse, path: "Helper.cs"))
            .ToArray();
        return (TestCompilation.Create().AddSyntaxTrees(trees), trees);
    }

    private static GeneratorDriver Driver() => CSharpGeneratorDriver.Create([new FixTypeGenerator().AsSourceGenerator()],
        parseOptions: TestCompilation.Parse,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> StepOutputs(GeneratorRunResult r, string step) =>
        r.TrackedSteps[step].SelectMany(s => s.Outputs);

    private static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorRunResult r) =>
        r.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void Models_hold_no_symbols_syntax_or_compilation()
    {
        var (compilation, _) = Project();
        var result = Driver().RunGenerators(compilation).GetRunResult().Results[0];
        Assert.Equal(Types + 3, result.GeneratedSources.Length);   // the 30 products, the sum and its two cases
        foreach (var step in ModelSteps)
        {
            var outputs = StepOutputs(result, step).ToList();
            Assert.NotEmpty(outputs);
            foreach (var (value, _) in outputs) AssertNoRoslynObjects(value, step, 0);
        }
    }

    [Fact]
    public void Unrelated_edit_leaves_every_model_cached_and_every_output_cached()
    {
        var (compilation, trees) = Project();
        var driver = Driver().RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(trees[^1], CSharpSyntaxTree.ParseText(Unrelated(3), TestCompilation.Parse, path: "Helper.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        // A method body is in no file shape and no type's members: no [FixType] model is even parsed again (Cached, not
        // Unchanged), the sum's model is parsed and compares equal, and nothing downstream runs: every output is Cached.
        // The edited file's summary compared equal, so the project key was not even rebuilt.
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(StepOutputs(result, TrackingNames.Global)).Reason);
        var models = StepOutputs(result, TrackingNames.Types).ToList();
        Assert.Equal(Types + 2, models.Count);   // the 30 products and the sum's two cases
        Assert.All(models, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        foreach (var step in ModelSteps)
            Assert.All(StepOutputs(result, step), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                step + ": " + o.Reason + " " + o.Value));
        var reasons = OutputReasons(result).ToList();
        Assert.True(reasons.Count >= Types + 3, "outputs: " + reasons.Count);   // sources, and the CsCheck outputs (empty here)
        Assert.All(reasons, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void Whitespace_and_comment_edit_in_a_fixtype_file_regenerates_nothing()
    {
        var (compilation, trees) = Project();
        var driver = Driver().RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(trees[7],
            CSharpSyntaxTree.ParseText("// a comment\n\n" + ThousandTypesTests.TypeSource(7) + "\n", TestCompilation.Parse, path: "T7.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        // The file's summary was rebuilt (it changed) and compared equal, so no model was parsed again.
        Assert.Contains(StepOutputs(result, TrackingNames.Shapes), o => o.Reason == IncrementalStepRunReason.Unchanged);
        Assert.All(StepOutputs(result, TrackingNames.Types), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(OutputReasons(result), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void Editing_one_fixtype_regenerates_only_its_source()
    {
        var (compilation, trees) = Project();
        var driver = Driver().RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(trees[7],
            CSharpSyntaxTree.ParseText(ThousandTypesTests.TypeSource(7, hi: 99), TestCompilation.Parse, path: "T7.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results[0];

        var modified = StepOutputs(result, TrackingNames.Types).Where(o => o.Reason == IncrementalStepRunReason.Modified).ToList();
        Assert.Equal("T7", Assert.Single(modified).Value is Model.TypeModel m ? m.Name : null);
        var reasons = OutputReasons(result).ToList();
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.DoesNotContain(reasons, r => r == IncrementalStepRunReason.New);
        Assert.Contains("99", result.GeneratedSources.Single(s => s.HintName == "Big.T7.FixType.g.cs").SourceText.ToString());
    }

    /// <summary>Walks a model's object graph (records, equatable arrays, tuples) and fails on any Roslyn symbol, syntax
    /// node, semantic model or compilation: such objects would pin a whole compilation in the cache and never compare
    /// equal across runs.</summary>
    private static void AssertNoRoslynObjects(object? value, string path, int depth)
    {
        if (value is null || depth > 8) return;
        var type = value.GetType();
        Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Compilation or Location,
            path + " holds a " + type.Name);
        if (type.IsPrimitive || type.IsEnum || value is string) return;
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items) AssertNoRoslynObjects(item, path + "[" + i++ + "]", depth + 1);
            return;
        }
        foreach (var f in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            AssertNoRoslynObjects(f.GetValue(value), path + "." + f.Name, depth + 1);
    }
}
