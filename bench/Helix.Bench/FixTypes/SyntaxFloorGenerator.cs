#pragma warning disable RS1036, RS1038, RS1041   // a measuring stick inside the bench app, never loaded by a compiler
using Helix.FixTypes.Pipeline;
using Microsoft.CodeAnalysis;

namespace Helix.Bench.FixTypes;

/// <summary>
/// The floor of FixTypes' own pipeline: the same per-file syntax summaries, project key and per-record keys as
/// <c>FixTypeGenerator</c>, emitting one comment per key and binding nothing. FixTypes minus this is the cost of
/// parsing the changed records' models (binding them in the new compilation) and emitting their sources.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SyntaxFloorGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var shapes = context.CompilationProvider.SelectMany(static (c, _) => TreeRef.All(c))
            .Select(static (r, ct) => TreeShape.Of(r.Tree, r.Index, ct));
        var index = shapes.Collect().Combine(context.CompilationProvider.Select(static (c, _) => new ReferencesKey(c)))
            .Select(static (p, _) => ProjectIndex.Build(p.Left, p.Right));
        var keys = index.SelectMany(static (ix, _) => ix.Keys).Combine(index.Select(static (ix, _) => ix.Global))
            .Select(static (p, _) => p.Left.FullName);
        context.RegisterSourceOutput(keys, static (spc, n) => spc.AddSource(n + ".floor.g.cs", "// " + n + "\n"));
    }
}
