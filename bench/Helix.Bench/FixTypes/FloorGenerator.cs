#pragma warning disable RS1036, RS1038, RS1041   // a measuring stick inside the bench app, never loaded by a compiler
using Microsoft.CodeAnalysis;

namespace Helix.Bench.FixTypes;

/// <summary>
/// The floor of generator time: an incremental generator that only finds [FixType] records with
/// <c>ForAttributeWithMetadataName</c> and emits one comment each. On every edit Roslyn re-binds each attributed
/// declaration of the new compilation before any generator code runs, so no generator built on that API can be faster
/// than this one; `helix bench fixtypes` times FixTypes beside it.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FloorGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName("Helix.FixTypes.FixTypeAttribute",
            static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax,
            static (ctx, _) => ctx.TargetSymbol.Name);
        context.RegisterSourceOutput(names, static (spc, n) => spc.AddSource(n + ".floor.g.cs", "// " + n + "\n"));
    }
}
