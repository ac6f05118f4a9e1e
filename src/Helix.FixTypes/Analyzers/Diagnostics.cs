using Microsoft.CodeAnalysis;

namespace Helix.FixTypes.Analyzers;

/// <summary>The one table of FixTypes diagnostics. Ids are stable; each has a positive and a negative test.</summary>
internal static class Diagnostics
{
    private const string Category = "Helix.FixTypes";

    /// <summary>FIXT001: the attribute sits on a type the generator cannot complete.</summary>
    public static readonly DiagnosticDescriptor BadDeclaration = new(
        "FIXT001", "Fixtype declaration is not supported",
        "{0} must be {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>FIXT002: a settable property that is not partial, or a positional parameter, is assigned without fixing.</summary>
    public static readonly DiagnosticDescriptor UnfixedMember = new(
        "FIXT002", "Fixtype member bypasses fixing",
        "'{0}' of fixtype '{1}' is assigned without fixing (object initializers and 'with' bypass the fixing constructor); declare it as a partial property",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <summary>FIXT003: <c>default</c> of a struct fixtype bypasses its fixing constructor.</summary>
    public static readonly DiagnosticDescriptor DefaultStruct = new(
        "FIXT003", "default bypasses the fixing constructor",
        "'default' of fixtype '{0}' bypasses its fixing constructor; use '{0}.Default' or 'new {0}(...)'",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <summary>FIXT004: a reflection helper makes a fixtype without running its constructor.</summary>
    public static readonly DiagnosticDescriptor ReflectionBypass = new(
        "FIXT004", "Reflection bypasses the fixing constructor",
        "'{0}' creates fixtype '{1}' without its fixing constructor; use '{1}.Fix' on the result or construct it",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <summary>FIXT005: a switch over a tagged sum (or its Kind) misses cases.</summary>
    public static readonly DiagnosticDescriptor NonExhaustiveSwitch = new(
        "FIXT005", "Non-exhaustive switch over a tagged sum",
        "The switch over tagged sum '{0}' does not handle {1}; a default arm does not count (use Match or list every case)",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <summary>FIXT006: a [RespectsEquiv] method with a parameter that is not a fixtype, or of the wrong shape.</summary>
    public static readonly DiagnosticDescriptor RespectsEquivParameter = new(
        "FIXT006", "[RespectsEquiv] needs fixtype parameters",
        "[RespectsEquiv] method '{0}': {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>FIXT007: a cross-field hook (WhyAcross, FixAcross) of the wrong shape, which the generator would ignore.</summary>
    public static readonly DiagnosticDescriptor BadAcrossHook = new(
        "FIXT007", "Cross-field hook has the wrong shape",
        "'{0}' of fixtype '{1}' is not used as its cross-field hook: declare it as {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>FIXT008: a [DefaultFrom] that names no static property or parameterless static method of the record.</summary>
    public static readonly DiagnosticDescriptor BadDefaultFrom = new(
        "FIXT008", "[DefaultFrom] names no usable member",
        "[DefaultFrom] on '{0}' of fixtype '{1}': {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
