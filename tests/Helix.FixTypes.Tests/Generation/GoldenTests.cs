using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using System.Text;

namespace Helix.FixTypes.Tests.Generation;

/// <summary>
/// Golden files: for each kind, the generated source must equal <c>Golden/&lt;case&gt;/*.cs</c>, and the result must
/// compile without diagnostics (checked by the Roslyn source-generator test harness). Set HELIX_UPDATE_GOLDEN=1 to
/// rewrite the files from the current generator.
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Cases => new() { "Product", "Struct", "Sum", "Collections", "Recursive", "Reject", "Across", "Required" };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Generated_source_matches_golden(string name)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        string input = File.ReadAllText(Path.Combine(dir, "Input.cs.txt"));
        var (_, sources) = TestCompilation.Run(input);
        if (Environment.GetEnvironmentVariable("HELIX_UPDATE_GOLDEN") == "1")
        {
            string src = Path.Combine(SourceDir(), "Golden", name);
            foreach (var old in Directory.GetFiles(src, "*.g.cs")) File.Delete(old);
            foreach (var (hint, text) in sources) File.WriteAllText(Path.Combine(src, hint), text);
            return;
        }
        var expected = Directory.GetFiles(dir, "*.g.cs").ToDictionary(p => Path.GetFileName(p), File.ReadAllText);
        Assert.Equal(expected.Keys.Order(), sources.Keys.Order());

        var test = new CSharpSourceGeneratorTest<FixTypeGenerator, DefaultVerifier>
        {
            ReferenceAssemblies = TestCompilation.None,
            TestState = { Sources = { input } },
        };
        TestCompilation.AddTo(test.TestState);
        foreach (var hint in sources.Keys)   // in the generator's order
            test.TestState.GeneratedSources.Add((typeof(FixTypeGenerator), hint, SourceText.From(expected[hint], Encoding.UTF8, SourceHashAlgorithm.Sha256)));
        await test.RunAsync();
    }

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(path))!;
}
