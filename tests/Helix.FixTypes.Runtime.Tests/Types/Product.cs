namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A product of fixtypes, an option of a base type and a get-only field.</summary>
[FixType]
public partial record Product
{
    public partial Point Origin { get; init; }
    public partial Scalars Inner { get; init; }
    [Range(0, 5)] public partial int? MaybeLevel { get; init; }
    [Nat] public partial long Id { get; }
}
