namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A struct fixtype.</summary>
[FixType]
public partial record struct Point
{
    [Range(-100, 100)] public partial int X { get; init; }
    [Range(-100, 100)] public partial int Y { get; init; }
}
