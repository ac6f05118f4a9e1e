namespace Helix.FixTypes;

/// <summary>An n-bit integer: unsigned fixes by keeping the low n bits (ACL2 <c>loghead</c>), signed by sign-extending
/// them (<c>logext</c>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class BitsAttribute(int width) : Attribute
{
    /// <summary>Number of bits, 1 to 63.</summary>
    public int Width { get; } = width;

    /// <summary>Two's complement (logext) instead of unsigned (loghead).</summary>
    public bool Signed { get; set; }
}
