namespace Helix.FixTypes;

/// <summary>How a <see cref="RangeAttribute"/> fixes a value outside its range.</summary>
public enum RangeMode
{
    /// <summary>To the nearest bound (NaN fixes to the low bound).</summary>
    Clamp,
    /// <summary>Modulo the range's width, into the range (integers only).</summary>
    Wrap,
}
