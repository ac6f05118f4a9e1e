namespace Helix.FixTypes;

/// <summary>An integer or floating-point range [low, high]; values outside fix by <see cref="Mode"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RangeAttribute : Attribute
{
    /// <summary>An integer range.</summary>
    public RangeAttribute(long low, long high) { Low = low; High = high; }

    /// <summary>A floating-point range.</summary>
    public RangeAttribute(double low, double high) { Low = low; High = high; }

    /// <summary>The low bound (inclusive).</summary>
    public object Low { get; }

    /// <summary>The high bound (inclusive).</summary>
    public object High { get; }

    /// <summary>Clamp (default) or wrap.</summary>
    public RangeMode Mode { get; set; }
}
