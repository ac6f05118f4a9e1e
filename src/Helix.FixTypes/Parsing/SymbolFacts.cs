using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Helix.FixTypes.Parsing;

/// <summary>Questions about symbols shared by the parser and the analyzers.</summary>
internal static class SymbolFacts
{
    public static readonly SymbolDisplayFormat Full = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string MetadataName(ITypeSymbol t) =>
        t.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + t.MetadataName : t.MetadataName;

    public static AttributeData? Attribute(ISymbol s, string metadataName) =>
        s.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && MetadataName(c) == metadataName);

    public static bool Has(ISymbol s, string metadataName) => Attribute(s, metadataName) is not null;

    /// <summary>A [FixType] or [FixSum] type.</summary>
    public static bool IsFixType(ITypeSymbol? t) => t is INamedTypeSymbol n && (Has(n, KnownNames.FixType) || Has(n, KnownNames.FixSum));

    /// <summary>A [FixSum] type.</summary>
    public static bool IsFixSum(ITypeSymbol? t) => t is INamedTypeSymbol n && Has(n, KnownNames.FixSum);

    public static bool IsGeneric(INamedTypeSymbol t, string metadataName) =>
        t.IsGenericType && MetadataName(t.OriginalDefinition) == metadataName;

    /// <summary>The cases of a tagged sum: nested types that derive from it, in declaration order.</summary>
    public static IEnumerable<INamedTypeSymbol> Cases(INamedTypeSymbol sum) =>
        sum.GetTypeMembers().Where(c => SymbolEqualityComparer.Default.Equals(c.BaseType, sum));

    /// <summary>The fields of a fixtype: its partial instance properties, in declaration order.</summary>
    public static IEnumerable<IPropertySymbol> Fields(INamedTypeSymbol t) =>
        t.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && p.IsPartialDefinition);

    /// <summary>Whether <paramref name="target"/> is reachable from type <paramref name="from"/> through fixtype fields,
    /// options, lists, maps and sum cases.</summary>
    public static bool Reaches(ITypeSymbol from, INamedTypeSymbol target, HashSet<ITypeSymbol>? seen = null)
    {
        seen ??= new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        if (from is not INamedTypeSymbol n) return false;
        if (n.IsGenericType)
        {
            foreach (var a in n.TypeArguments)
                if (Reaches(a, target, seen)) return true;
            return false;
        }
        var plain = (INamedTypeSymbol)n.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (!IsFixType(plain)) return false;
        if (SymbolEqualityComparer.Default.Equals(plain, target)) return true;
        if (!seen.Add(plain)) return false;
        if (IsFixSum(plain))
            return Cases(plain).Any(c => Reaches(c, target, seen));
        return Fields(plain).Any(p => Reaches(p.Type, target, seen));
    }
}
