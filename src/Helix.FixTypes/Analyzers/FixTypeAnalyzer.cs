using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Helix.FixTypes.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Helix.FixTypes.Analyzers;

/// <summary>
/// Checks the fixtype discipline in user code: declarations the generator can complete (FIXT001), members that bypass
/// fixing (FIXT002), <c>default</c> of struct fixtypes (FIXT003), reflection helpers that skip constructors (FIXT004),
/// non-exhaustive switches over tagged sums (FIXT005), [RespectsEquiv] methods over non-fixtypes (FIXT006),
/// cross-field hooks of the wrong shape (FIXT007) and [DefaultFrom] naming no usable member (FIXT008).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FixTypeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Diagnostics.BadDeclaration, Diagnostics.UnfixedMember, Diagnostics.DefaultStruct, Diagnostics.ReflectionBypass,
        Diagnostics.NonExhaustiveSwitch, Diagnostics.RespectsEquivParameter, Diagnostics.BadAcrossHook, Diagnostics.BadDefaultFrom);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
        context.RegisterSymbolAction(AnalyzeMethod, SymbolKind.Method);
        context.RegisterOperationAction(AnalyzeDefault, OperationKind.DefaultValue);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(AnalyzeSwitch, OperationKind.Switch, OperationKind.SwitchExpression);
    }

    private static void AnalyzeType(SymbolAnalysisContext ctx)
    {
        var t = (INamedTypeSymbol)ctx.Symbol;
        bool fixType = SymbolFacts.Has(t, KnownNames.FixType), fixSum = SymbolFacts.Has(t, KnownNames.FixSum);
        if (!fixType && !fixSum) return;
        var loc = t.Locations.FirstOrDefault();
        bool partial = t.DeclaringSyntaxReferences.All(r => r.GetSyntax(ctx.CancellationToken) is TypeDeclarationSyntax d
            && d.Modifiers.Any(m => m.Text == "partial"));
        bool genericContext = t.IsGenericType || ContainingTypes(t).Any(c => c.IsGenericType);
        if (fixType && (!t.IsRecord || !partial || genericContext))
        {
            ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.BadDeclaration, loc, "[FixType] type '" + t.Name + "'", "a partial, non-generic record or record struct"));
            return;
        }
        if (fixSum && (!t.IsRecord || !partial || !t.IsAbstract || t.IsValueType || genericContext || !SymbolFacts.Cases(t).Any()))
        {
            ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.BadDeclaration, loc, "[FixSum] type '" + t.Name + "'", "an abstract partial non-generic record with nested case records deriving from it"));
            return;
        }
        if (fixSum)
        {
            foreach (var c in SymbolFacts.Cases(t))
                if (!SymbolFacts.Has(c, KnownNames.FixType))
                    ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.BadDeclaration, c.Locations.FirstOrDefault(), "case '" + c.Name + "' of tagged sum '" + t.Name + "'", "a [FixType] record"));
            return;
        }
        foreach (var p in t.GetMembers().OfType<IPropertySymbol>())
        {
            if (p.IsStatic || p.IsPartialDefinition || p.PartialDefinitionPart is not null || p.SetMethod is null) continue;
            if (p.IsImplicitlyDeclared && !IsPositional(p)) continue;
            ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.UnfixedMember, p.Locations.FirstOrDefault(), p.Name, t.Name));
        }
        AnalyzeAcrossHooks(ctx, t);
        AnalyzeDefaultFrom(ctx, t);
    }

    /// <summary>FIXT008: [DefaultFrom(name)] must name a static property or a parameterless static method of the record
    /// (a static field is refused: the order in which partial files' static fields are initialized is not defined, and
    /// the generated default would read it before it is set).</summary>
    private static void AnalyzeDefaultFrom(SymbolAnalysisContext ctx, INamedTypeSymbol t)
    {
        foreach (var p in t.GetMembers().OfType<IPropertySymbol>())
        {
            if (p.IsStatic || !p.IsPartialDefinition || SymbolFacts.Attribute(p, KnownNames.DefaultFrom) is not { } a) continue;
            string? name = a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as string : null;
            if (SymbolFacts.DefaultFrom(t, name) is not null) continue;
            var members = name is null ? ImmutableArray<ISymbol>.Empty : t.GetMembers(name);
            string why = members.Any(m => m is IFieldSymbol { IsStatic: true })
                ? "'" + name + "' is a static field; use a static property or method (partial files' static fields initialize in no defined order)"
                : "'" + name + "' is not a static property or parameterless static method of '" + t.Name + "'";
            var loc = a.ApplicationSyntaxReference?.GetSyntax(ctx.CancellationToken).GetLocation() ?? p.Locations.FirstOrDefault();
            ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.BadDefaultFrom, loc, p.Name, t.Name, why));
        }
    }

    /// <summary>FIXT007: a method named like a cross-field hook that the generator would not call (so the requirement
    /// would silently go unchecked).</summary>
    private static void AnalyzeAcrossHooks(SymbolAnalysisContext ctx, INamedTypeSymbol t)
    {
        bool why = AcrossHooks.Find(t).Why;
        foreach (var m in t.GetMembers(AcrossHooks.Why).Concat(t.GetMembers(AcrossHooks.Fix)).OfType<IMethodSymbol>())
        {
            bool bad = m.Name == AcrossHooks.Why ? !AcrossHooks.IsWhy(m, t)
                : m.Name == AcrossHooks.Fix && (!AcrossHooks.IsFix(m, t) || !why);
            if (bad)
                ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.BadAcrossHook, m.Locations.FirstOrDefault(), m.Name, t.Name, AcrossHooks.Expected(m.Name, t.Name)));
        }
    }

    private static bool IsPositional(IPropertySymbol p) => p.ContainingType.InstanceConstructors.Any(c =>
        c.Parameters.Any(x => x.Name == p.Name) && c.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is RecordDeclarationSyntax));

    private static IEnumerable<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol t)
    {
        for (var c = t.ContainingType; c is not null; c = c.ContainingType) yield return c;
    }

    private static void AnalyzeMethod(SymbolAnalysisContext ctx)
    {
        var m = (IMethodSymbol)ctx.Symbol;
        if (!SymbolFacts.Has(m, KnownNames.RespectsEquiv)) return;
        var loc = m.Locations.FirstOrDefault();
        if (!m.IsStatic || m.ReturnsVoid || m.IsGenericMethod)
        {
            ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.RespectsEquivParameter, loc, m.Name, "it must be a static, non-generic method that returns a value"));
            return;
        }
        if (m.Parameters.Length == 0)
            ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.RespectsEquivParameter, loc, m.Name, "it has no parameters"));
        foreach (var p in m.Parameters)
            if (!SymbolFacts.IsFixType(p.Type) || p.RefKind != RefKind.None)
                ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.RespectsEquivParameter, p.Locations.FirstOrDefault() ?? loc, m.Name,
                    "parameter '" + p.Name + "' of type '" + p.Type.ToDisplayString() + "' is not a fixtype passed by value"));
    }

    private static void AnalyzeDefault(OperationAnalysisContext ctx)
    {
        if (ctx.Operation.Type is INamedTypeSymbol { IsValueType: true } t && SymbolFacts.IsFixType(t))
            ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.DefaultStruct, ctx.Operation.Syntax.GetLocation(), t.Name));
    }

    private static void AnalyzeInvocation(OperationAnalysisContext ctx)
    {
        var inv = (IInvocationOperation)ctx.Operation;
        var m = inv.TargetMethod;
        string owner = m.ContainingType?.ToDisplayString() ?? "";
        ITypeSymbol? created = null;
        if (m.Name == "GetUninitializedObject" && owner is "System.Runtime.CompilerServices.RuntimeHelpers" or "System.Runtime.Serialization.FormatterServices")
            created = inv.Arguments.FirstOrDefault()?.Value is ITypeOfOperation tof ? tof.TypeOperand : null;
        else if (m.Name == "SkipInit" && owner == "System.Runtime.CompilerServices.Unsafe" && m.TypeArguments.Length == 1)
            created = m.TypeArguments[0];
        if (created is not null && SymbolFacts.IsFixType(created))
            ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.ReflectionBypass, inv.Syntax.GetLocation(), owner.Split('.').Last() + "." + m.Name, created.Name));
    }

    private static void AnalyzeSwitch(OperationAnalysisContext ctx)
    {
        IOperation value;
        var arms = new List<(IPatternOperation? Pattern, IOperation? Constant, bool Guarded)>();
        if (ctx.Operation is ISwitchOperation sw)
        {
            value = sw.Value;
            foreach (var c in sw.Cases)
                foreach (var clause in c.Clauses)
                {
                    if (clause is IPatternCaseClauseOperation pc) arms.Add((pc.Pattern, null, pc.Guard is not null));
                    else if (clause is ISingleValueCaseClauseOperation sv) arms.Add((null, sv.Value, false));
                }
        }
        else if (ctx.Operation is ISwitchExpressionOperation se)
        {
            value = se.Value;
            foreach (var a in se.Arms) arms.Add((a.Pattern, null, a.Guard is not null));
        }
        else return;

        var type = value.Type;
        if (type is INamedTypeSymbol sum && SymbolFacts.IsFixSum(sum))
        {
            var covered = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var (p, _, guarded) in arms)
                if (!guarded && p is not null) CoveredTypes(p, covered);
            var missing = SymbolFacts.Cases(sum).Where(c => !covered.Contains(c)).Select(c => c.Name).ToList();
            if (missing.Count > 0)
                ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.NonExhaustiveSwitch, value.Syntax.GetLocation(), sum.Name, string.Join(", ", missing)));
        }
        else if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, Name: "Kinds" } kinds && SymbolFacts.IsFixSum(kinds.ContainingType))
        {
            var covered = new HashSet<object>();
            foreach (var (p, c, guarded) in arms)
            {
                if (guarded) continue;
                if (c?.ConstantValue is { HasValue: true, Value: { } v }) covered.Add(v);
                if (p is not null) CoveredConstants(p, covered);
            }
            var missing = kinds.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue && !covered.Contains(f.ConstantValue!)).Select(f => f.Name).ToList();
            if (missing.Count > 0)
                ctx.ReportDiagnostic(Diagnostic.Create(Diagnostics.NonExhaustiveSwitch, value.Syntax.GetLocation(), kinds.ContainingType.Name, string.Join(", ", missing)));
        }
    }

    private static void CoveredTypes(IPatternOperation p, HashSet<ITypeSymbol> covered)
    {
        switch (p)
        {
            case IDeclarationPatternOperation d when d.MatchedType is not null: covered.Add(d.MatchedType); break;
            case ITypePatternOperation t: covered.Add(t.MatchedType); break;
            case IRecursivePatternOperation r when r.MatchedType is not null && r.DeconstructionSubpatterns.IsEmpty && r.PropertySubpatterns.IsEmpty:
                covered.Add(r.MatchedType); break;
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } b:
                CoveredTypes(b.LeftPattern, covered);
                CoveredTypes(b.RightPattern, covered);
                break;
        }
    }

    private static void CoveredConstants(IPatternOperation p, HashSet<object> covered)
    {
        switch (p)
        {
            case IConstantPatternOperation c when c.Value.ConstantValue is { HasValue: true, Value: { } v }: covered.Add(v); break;
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } b:
                CoveredConstants(b.LeftPattern, covered);
                CoveredConstants(b.RightPattern, covered);
                break;
        }
    }
}
