namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A custom base type: even numbers (odd ones round toward zero).</summary>
public sealed class EvenFixer : IFixer<int>
{
    public static bool IsValid(int value) => (value & 1) == 0;

    public static int Fix(int value) => value - (value % 2);
}
