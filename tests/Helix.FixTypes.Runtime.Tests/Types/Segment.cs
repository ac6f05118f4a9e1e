namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A struct with nested fixtypes (the depth-safe Fix path) and a requirement without a repair: a segment whose
/// ends are out of order fixes to Default.</summary>
[FixType]
public partial record struct Segment
{
    public partial Point From { get; init; }
    public partial Point To { get; init; }
    [Nat] public partial int Width { get; init; }

    private static (string, string)? WhyAcross(Segment s) => s.From.X <= s.To.X ? null : ("To", "must not be left of From");
}
