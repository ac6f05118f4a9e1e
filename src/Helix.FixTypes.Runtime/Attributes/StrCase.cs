namespace Helix.FixTypes;

/// <summary>Case normalization of a <see cref="StrAttribute"/> string.</summary>
public enum StrCase
{
    /// <summary>Keep the case.</summary>
    Keep,
    /// <summary>Lower case (invariant culture).</summary>
    Lower,
    /// <summary>Upper case (invariant culture).</summary>
    Upper,
}
