using System.Linq;
using Helix.FixTypes.Emitting;
using Helix.FixTypes.Model;
using Helix.FixTypes.Parsing;
using Helix.FixTypes.Pipeline;
using Microsoft.CodeAnalysis;

namespace Helix.FixTypes;

/// <summary>
/// The FixTypes incremental generator: finds [FixType] records from a per-file syntax summary (<see cref="TreeShape"/>),
/// so that an edit re-parses only the records whose inputs changed, and [FixSum] and [RespectsEquiv] with
/// <c>ForAttributeWithMetadataName</c>; turns each into an equatable model (<see cref="FixTypeParser"/>), and emits
/// from the model alone (<see cref="TypeEmitter"/>, <see cref="SumEmitter"/>, <see cref="GenEmitter"/>,
/// <see cref="RespectsEquivEmitter"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FixTypeGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var flags = context.CompilationProvider.Select(static (c, _) => new CompilationFlags(
            c.ReferencedAssemblyNames.Any(static a => a.Name == "CsCheck"),
            c.ReferencedAssemblyNames.Any(static a => a.Name == "xunit.core"))).WithTrackingName(TrackingNames.Flags);

        // [FixType] records, parsed only when their own members or the project's shape change (see TreeShape): not
        // with ForAttributeWithMetadataName, which binds every attributed declaration again on every edit.
        var shapes = context.CompilationProvider.SelectMany(static (c, _) => TreeRef.All(c))
            .Select(static (r, ct) => TreeShape.Of(r.Tree, r.Index, ct)).WithTrackingName(TrackingNames.Shapes);
        var index = shapes.Collect().Combine(context.CompilationProvider.Select(static (c, _) => new ReferencesKey(c)))
            .Select(static (p, _) => ProjectIndex.Build(p.Left, p.Right));
        var global = index.Select(static (ix, _) => ix.Global).WithTrackingName(TrackingNames.Global);
        var keys = index.SelectMany(static (ix, _) => ix.Keys).WithTrackingName(TrackingNames.Keys);
        var current = context.CompilationProvider.Select(static (c, _) => CurrentCompilation.Set(c));
        var types = keys.Combine(global).Combine(current)
            .Select(static (p, ct) => FixTypeParser.ParseType(CurrentCompilation.Get(), p.Left.Left, ct))
            .WithTrackingName(TrackingNames.Types)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);

        var sums = context.SyntaxProvider.ForAttributeWithMetadataName(KnownNames.FixSum,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax,
                static (ctx, ct) => FixTypeParser.ParseSum(ctx, ct))
            .WithTrackingName(TrackingNames.Sums)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);

        var respects = context.SyntaxProvider.ForAttributeWithMetadataName(KnownNames.RespectsEquiv,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                static (ctx, ct) => FixTypeParser.ParseRespects(ctx, ct))
            .WithTrackingName(TrackingNames.Respects)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);

        context.RegisterSourceOutput(types, static (spc, t) => spc.AddSource(TypeEmitter.HintName(t), TypeEmitter.Emit(t)));
        context.RegisterSourceOutput(sums, static (spc, s) => spc.AddSource(SumEmitter.HintName(s), SumEmitter.Emit(s)));

        context.RegisterSourceOutput(types.Combine(flags), static (spc, p) =>
        {
            if (p.Right.HasCsCheck) spc.AddSource(GenEmitter.HintName(p.Left.Namespace, p.Left.FlatName), GenEmitter.Emit(p.Left));
        });
        context.RegisterSourceOutput(sums.Combine(flags), static (spc, p) =>
        {
            if (p.Right.HasCsCheck) spc.AddSource(GenEmitter.HintName(p.Left.Namespace, p.Left.FlatName), GenEmitter.Emit(p.Left));
        });
        context.RegisterSourceOutput(respects.Collect().Combine(flags), static (spc, p) =>
        {
            if (p.Right.HasCsCheck && p.Left.Length > 0)
                spc.AddSource(RespectsEquivEmitter.HintName, RespectsEquivEmitter.Emit(p.Left, p.Right.HasXunit));
        });
    }
}
