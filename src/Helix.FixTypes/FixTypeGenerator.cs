using System.Linq;
using Helix.FixTypes.Emitting;
using Helix.FixTypes.Model;
using Helix.FixTypes.Parsing;
using Microsoft.CodeAnalysis;

namespace Helix.FixTypes;

/// <summary>
/// The FixTypes incremental generator: finds [FixType], [FixSum] and [RespectsEquiv] with
/// <c>ForAttributeWithMetadataName</c>, turns each into an equatable model (<see cref="FixTypeParser"/>), and emits
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

        var types = context.SyntaxProvider.ForAttributeWithMetadataName(KnownNames.FixType,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax,
                static (ctx, ct) => FixTypeParser.ParseType(ctx, ct))
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
