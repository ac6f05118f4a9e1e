using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Helix.FixTypes.Tests.Generation;

/// <summary>A project with 1,000 fixtypes: the generator's output compiles without diagnostics, and after one edit the
/// incremental driver regenerates only the edited type.
/// (Timings are for `helix bench fixtypes`: a wall-clock comparison here failed CI on a loaded machine.)</summary>
public sealed class ThousandTypesTests
{
    public const int Count = 1000;

    /// <summary>One file per type; type i has an int range, a natural, a normalized string, a list and a reference to
    /// type i - 1 (option), so that the types form a chain.</summary>
    public static string TypeSource(int i, int hi = 64) => new StringBuilder()
        .Append("using Helix.FixTypes;\nnamespace Big;\n[FixType] public partial record T").Append(i).Append("\n{\n")
        .Append("    [Range(1, ").Append(hi).Append(")] public partial int A { get; init; }\n")
        .Append("    [Nat] public partial long B { get; init; }\n")
        .Append("    [Str(Trim = true)] public partial string C { get; init; }\n")
        .Append("    [Nat] public partial FixList<int> D { get; init; }\n")
        .Append(i > 0 ? "    public partial T" + (i - 1) + "? E { get; init; }\n" : "")
        .Append("}\n").ToString();

    /// <summary>The full compile (binding every generated member) of a 100-type chain: no errors and no warnings.
    /// (Binding all 1,000 takes minutes of CPU on the shared test machine; `helix bench fixtypes` times it.)</summary>
    [Fact]
    public void Hundred_fixtypes_compile_without_diagnostics()
    {
        var (output, sources) = TestCompilation.Run(Enumerable.Range(0, 100).Select(i => TypeSource(i)).ToArray());
        Assert.Equal(100, sources.Count);
        var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
    }

    [Fact]
    public void Thousand_fixtypes_generate_and_one_edit_regenerates_one()
    {
        var trees = Enumerable.Range(0, Count).Select(i => CSharpSyntaxTree.ParseText(TypeSource(i), TestCompilation.Parse, path: "T" + i + ".cs")).ToArray();
        var compilation = TestCompilation.Create().AddSyntaxTrees(trees);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new FixTypeGenerator().AsSourceGenerator()], parseOptions: TestCompilation.Parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var genDiags);
        Assert.Empty(genDiags);
        Assert.Equal(Count, driver.GetRunResult().Results[0].GeneratedSources.Length);
        Assert.Equal(2 * Count, output.SyntaxTrees.Count());

        // One edit: type 500's range changes.
        var edited = compilation.ReplaceSyntaxTree(trees[500], CSharpSyntaxTree.ParseText(TypeSource(500, hi: 65), TestCompilation.Parse, path: "T500.cs"));
        driver = driver.RunGeneratorsAndUpdateCompilation(edited, out var output2, out _);
        var steps = driver.GetRunResult().Results[0].TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.Equal(1, steps);
        Assert.Contains("65", driver.GetRunResult().Results[0].GeneratedSources.Single(s => s.HintName == "Big.T500.FixType.g.cs").SourceText.ToString());
    }
}
