namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A cross-field requirement with its repair (fix mode): the low end is not above the high end; a value whose
/// ends are crossed is fixed by swapping them.</summary>
[FixType]
public sealed partial record Window
{
    [Range(0, 1000)] public partial int Lo { get; init; }
    [Range(0, 1000)] public partial int Hi { get; init; }

    private static (string Property, string Reason)? WhyAcross(Window x) =>
        x.Lo <= x.Hi ? null : (nameof(Hi), $"must be at least Lo ({x.Lo}), got {x.Hi}");

    private static Window FixAcross(Window x) => x with { Lo = x.Hi, Hi = x.Lo };
}
