namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>Lists (deflist) of base types and of a struct fixtype.</summary>
[FixType]
public partial record Lists
{
    [Nat] public partial FixList<int> Counts { get; init; }
    public partial FixList<Point> Points { get; init; }
    [Str(Trim = true)] public partial FixList<string> Tags { get; init; }
}
