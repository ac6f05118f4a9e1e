namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A recursive list for deep values.</summary>
[FixType]
public partial record Cons
{
    [Nat] public partial int Head { get; init; }
    public partial Cons? Tail { get; init; }
}
