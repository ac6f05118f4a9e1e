using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Helix.FixTypes.Analyzers;

namespace Helix.FixTypes.Tests.Diagnostics;

/// <summary>Runs the analyzer over a source (with the generator's output, as in a real build) and compares the
/// diagnostics with the markup (<c>{|FIXT003:default(Point)|}</c>).</summary>
internal sealed class AnalyzerVerifier : CSharpAnalyzerTest<FixTypeAnalyzer, DefaultVerifier>
{
    public const string Usings = "using System; using Helix.FixTypes;\n";

    private AnalyzerVerifier(string source)
    {
        ReferenceAssemblies = TestCompilation.None;
        TestState.Sources.Add(Usings + source);
        TestCompilation.AddTo(TestState);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(FixTypeGenerator)];

    protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Preview);

    public static Task Check(string source) => new AnalyzerVerifier(source).RunAsync();
}
