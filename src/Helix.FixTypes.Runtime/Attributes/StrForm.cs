namespace Helix.FixTypes;

/// <summary>Unicode normalization form of a <see cref="StrAttribute"/> string.</summary>
public enum StrForm
{
    /// <summary>No normalization.</summary>
    None,
    /// <summary>Canonical composition.</summary>
    C,
    /// <summary>Canonical decomposition.</summary>
    D,
    /// <summary>Compatibility composition.</summary>
    KC,
    /// <summary>Compatibility decomposition.</summary>
    KD,
}
