namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A user type registered as a custom base type with [FixBase].</summary>
[FixBase(typeof(PercentFixer))]
public readonly record struct Percent(int Value);

public sealed class PercentFixer : IFixer<Percent>
{
    public static bool IsValid(Percent value) => value.Value is >= 0 and <= 100;

    public static Percent Fix(Percent value) => new(Math.Clamp(value.Value, 0, 100));
}
