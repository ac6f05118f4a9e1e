using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace Helix.FixTypes.Tests;

/// <summary>References and helpers for compiling test sources offline: the running runtime's assemblies plus
/// Helix.FixTypes.Runtime, no reference-assembly download.</summary>
internal static class TestCompilation
{
    public static readonly ImmutableArray<MetadataReference> References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
        .Append(typeof(FixList<>).Assembly.Location)
        .Distinct()
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToImmutableArray();

    /// <summary>No package: the references above are added by hand.</summary>
    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly CSharpParseOptions Parse = new(LanguageVersion.Preview);

    public static CSharpCompilation Create(params string[] sources) => CSharpCompilation.Create("Test",
        sources.Select(s => CSharpSyntaxTree.ParseText(s, Parse)), References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Runs the generator and returns the updated compilation and its generated sources by hint name.</summary>
    public static (Compilation Output, IReadOnlyDictionary<string, string> Sources) Run(params string[] sources)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new FixTypeGenerator().AsSourceGenerator()], parseOptions: Parse);
        var driver2 = driver.RunGeneratorsAndUpdateCompilation(Create(sources), out var output, out _);
        var result = driver2.GetRunResult();
        return (output, result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString()));
    }

    public static void AddTo(SolutionState state)
    {
        state.AdditionalReferences.AddRange(References);
    }
}
