namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>Maps (defalist/defmap) that drop or fix bad keys.</summary>
[FixType]
public partial record Maps
{
    [MapKeys(typeof(LowerKey), BadKeys.Drop), Nat] public partial FixMap<string, int> Dropped { get; init; }
    [MapKeys(typeof(LowerKey), BadKeys.Fix)] public partial FixMap<string, Point> Fixed { get; init; }
}
