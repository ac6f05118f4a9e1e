namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A FixAcross that does not repair (it returns its argument): Fix falls back to Default, so the laws hold
/// even for a wrong hook.</summary>
[FixType]
public sealed partial record Careless
{
    [Nat] public partial int A { get; init; }
    [Nat] public partial int B { get; init; }

    private static (string, string)? WhyAcross(Careless x) => x.A <= x.B ? null : ("B", "must be at least A");

    private static Careless FixAcross(Careless x) => x;
}
