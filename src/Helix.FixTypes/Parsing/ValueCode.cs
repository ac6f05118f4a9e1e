namespace Helix.FixTypes.Parsing;

/// <summary>The code that fixes, recognizes, describes and generates values of one (possibly nested) field type.
/// Templates use <c>{v}</c> for the value and <c>{d}</c> for the generator depth.</summary>
internal sealed record ValueCode(string Fix, string FixDeep, string Valid, string Describe, string Gen, string Default)
{
    public const string V = "{v}";

    public bool FixIsIdentity => Fix == V;

    public bool FixDeepIsIdentity => FixDeep == V;

    public bool AlwaysValid => Valid == "true";

    /// <summary>Substitutes <paramref name="value"/> for <c>{v}</c>.</summary>
    public static string Apply(string template, string value) => template.Replace(V, value);
}
