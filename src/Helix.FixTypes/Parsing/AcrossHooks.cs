using System.Linq;
using Microsoft.CodeAnalysis;

namespace Helix.FixTypes.Parsing;

/// <summary>
/// The cross-field hooks a [FixType] record may declare (FTY's <c>:require</c> and <c>:reqfix</c>):
/// <c>static (string Property, string Reason)? WhyAcross(T x)</c>, the requirement across fields (null when it holds;
/// otherwise the property to blame and why), and optionally <c>static T FixAcross(T x)</c>, the repair of a value whose
/// fields are each valid but which breaks the requirement (without it, such a value fixes to <c>Default</c>). Shared by
/// the parser (which emits calls to the hooks) and the analyzer (FIXT007 reports a hook of the wrong shape).
/// </summary>
internal static class AcrossHooks
{
    public const string Why = "WhyAcross";
    public const string Fix = "FixAcross";

    /// <summary>The shape a hook must have, for FIXT007's message.</summary>
    public static string Expected(string hook, string type) => hook == Why
        ? "'static (string Property, string Reason)? WhyAcross(" + type + " x)'"
        : "'static " + type + " FixAcross(" + type + " x)', declared beside a WhyAcross hook";

    /// <summary>Whether <paramref name="m"/> is a well-formed WhyAcross hook of <paramref name="owner"/>.</summary>
    public static bool IsWhy(IMethodSymbol m, INamedTypeSymbol owner) =>
        m.Name == Why && TakesOwner(m, owner) && IsReason(m.ReturnType);

    /// <summary>Whether <paramref name="m"/> is a well-formed FixAcross hook of <paramref name="owner"/> (the WhyAcross
    /// hook it needs is checked separately).</summary>
    public static bool IsFix(IMethodSymbol m, INamedTypeSymbol owner) =>
        m.Name == Fix && TakesOwner(m, owner) && SymbolEqualityComparer.Default.Equals(m.ReturnType, owner);

    /// <summary>Which hooks <paramref name="owner"/> declares in a usable shape.</summary>
    public static (bool Why, bool Fix) Find(INamedTypeSymbol owner)
    {
        // Lookups by name: no walk over the record's synthesized members on every run.
        bool why = owner.GetMembers(Why).OfType<IMethodSymbol>().Any(m => IsWhy(m, owner));
        bool fix = why && owner.GetMembers(Fix).OfType<IMethodSymbol>().Any(m => IsFix(m, owner));
        return (why, fix);
    }

    private static bool TakesOwner(IMethodSymbol m, INamedTypeSymbol owner) =>
        m.IsStatic && !m.IsGenericMethod && m.MethodKind == MethodKind.Ordinary && m.Parameters.Length == 1
        && m.Parameters[0].RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, owner);

    /// <summary><c>(string, string)?</c>, with any element names.</summary>
    private static bool IsReason(ITypeSymbol t) =>
        t is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n
        && n.TypeArguments[0] is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Length == 2
        && tuple.TupleElements.All(e => e.Type.SpecialType == SpecialType.System_String);
}
