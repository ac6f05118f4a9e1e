namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A record of user input in reject mode: an invalid assignment throws instead of fixing.</summary>
[FixType(OnInvalid = FixPolicy.Reject)]
public sealed partial record Settings
{
    [Range(1, int.MaxValue), Default(4)] public partial int Rounds { get; init; }
    [Range(0.5, 1.0)] public partial double Decay { get; init; }
    [Str(Trim = true)] public partial string Name { get; init; }
    [FixWith(typeof(PositiveTime))] public partial TimeSpan? Limit { get; init; }
    public partial Point Origin { get; init; }

    private static partial Exception Invalid(string property, string reason) => new ArgumentException(reason, property);
}
