namespace Helix.FixTypes;

/// <summary>A normalized string: null fixes to the empty string, then Unicode form, trimming, case and length are
/// applied in that order. Without this attribute a string field only fixes null to "".</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class StrAttribute : Attribute
{
    /// <summary>Trim white space at both ends.</summary>
    public bool Trim { get; set; }

    /// <summary>Case normalization.</summary>
    public StrCase Case { get; set; }

    /// <summary>Unicode normalization form.</summary>
    public StrForm Form { get; set; }

    /// <summary>Longer strings are cut to this many UTF-16 units (0: no limit).</summary>
    public int MaxLength { get; set; }
}
