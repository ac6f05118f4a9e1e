using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Helix.FixTypes.Parsing;

/// <summary>Questions about symbols shared by the parser and the analyzers.</summary>
internal static class SymbolFacts
{
    public static readonly SymbolDisplayFormat Full = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Whether <paramref name="t"/> is the top-level type named <paramref name="metadataName"/>
    /// ("Helix.FixTypes.RangeAttribute"), compared from the inside out without building strings: the generator asks
    /// this several times per field on every run, so it must not allocate.</summary>
    public static bool IsNamed(ITypeSymbol t, string metadataName)
    {
        if (t.ContainingType is not null) return false;
        string name = t.MetadataName;
        int end = metadataName.Length;
        int start = end - name.Length;
        if (start < 0 || string.CompareOrdinal(metadataName, start, name, 0, name.Length) != 0) return false;
        end = start - 1;   // the dot before the name, or -1
        for (var ns = t.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (end <= 0 || metadataName[end] != '.') return false;
            string part = ns.Name;
            start = end - part.Length;
            if (start < 0 || string.CompareOrdinal(metadataName, start, part, 0, part.Length) != 0) return false;
            if (start > 0 && metadataName[start - 1] != '.') return false;
            end = start - 1;
        }
        return end == -1;
    }

    public static AttributeData? Attribute(ISymbol s, string metadataName)
    {
        foreach (var a in s.GetAttributes())
            if (a.AttributeClass is { } c && IsNamed(c, metadataName)) return a;
        return null;
    }

    public static bool Has(ISymbol s, string metadataName) => Attribute(s, metadataName) is not null;

    /// <summary>A [FixType] or [FixSum] type.</summary>
    public static bool IsFixType(ITypeSymbol? t) => t is INamedTypeSymbol n && (Has(n, KnownNames.FixType) || Has(n, KnownNames.FixSum));

    /// <summary>A [FixSum] type.</summary>
    public static bool IsFixSum(ITypeSymbol? t) => t is INamedTypeSymbol n && Has(n, KnownNames.FixSum);

    public static bool IsGeneric(INamedTypeSymbol t, string metadataName) =>
        t.IsGenericType && IsNamed(t.OriginalDefinition, metadataName);

    /// <summary>The cases of a tagged sum: nested types that derive from it, in declaration order.</summary>
    public static IEnumerable<INamedTypeSymbol> Cases(INamedTypeSymbol sum) =>
        sum.GetTypeMembers().Where(c => SymbolEqualityComparer.Default.Equals(c.BaseType, sum));

    /// <summary>The fields of a fixtype: its partial instance properties, in declaration order.</summary>
    public static IEnumerable<IPropertySymbol> Fields(INamedTypeSymbol t) =>
        t.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && p.IsPartialDefinition);

    /// <summary>
    /// Whether a field type mentions a fixtype (itself, or inside an option, list or map). Such a field may close a
    /// cycle of mutually recursive types (deftypes), so the owner gets depth-safe Fix, IsValid, Equals and GetHashCode.
    /// Deciding exactly would walk the whole type graph on every edit (slow incremental runs on large projects); the
    /// local rule costs one stack check per call on non-recursive nested types.
    /// </summary>
    public static bool MentionsFixType(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol n) return false;
        if (n.IsGenericType) return n.TypeArguments.Any(MentionsFixType);
        return IsFixType(n.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
    }

    /// <summary>The expression a [DefaultFrom(<paramref name="name"/>)] default reads: the name of a static property, or
    /// a call of a parameterless static method, of <paramref name="t"/>; null when there is none (FIXT008 reports it,
    /// and the field keeps its ordinary default). Static fields are refused: partial files' static fields initialize in
    /// no defined order, so the generated default could read one before it is set.</summary>
    public static string? DefaultFrom(INamedTypeSymbol t, string? name)
    {
        if (name is null) return null;
        foreach (var m in t.GetMembers(name))
        {
            if (!m.IsStatic) continue;
            if (m is IPropertySymbol { IsIndexer: false, GetMethod: not null }) return name;
            if (m is IMethodSymbol { MethodKind: MethodKind.Ordinary, Parameters.Length: 0, ReturnsVoid: false, IsGenericMethod: false }) return name + "()";
        }
        return null;
    }
}
