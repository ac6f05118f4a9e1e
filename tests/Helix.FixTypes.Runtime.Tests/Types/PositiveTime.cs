namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A custom base type with a description: positive times; others fix to one second.</summary>
public sealed class PositiveTime : IFixer<TimeSpan>
{
    public const string Description = "a positive time";

    public static bool IsValid(TimeSpan value) => value > TimeSpan.Zero;

    public static TimeSpan Fix(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.FromSeconds(1);
}
