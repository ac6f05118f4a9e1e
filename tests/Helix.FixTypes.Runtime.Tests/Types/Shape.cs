namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A tagged sum (deftagsum).</summary>
[FixSum]
public abstract partial record Shape
{
    /// <summary>The default case.</summary>
    [FixType, DefaultCase]
    public sealed partial record Empty : Shape;

    [FixType]
    public sealed partial record Circle : Shape
    {
        [Nat] public partial int Radius { get; init; }
    }

    [FixType]
    public sealed partial record Rect : Shape
    {
        [Nat] public partial int Width { get; init; }
        [Nat] public partial int Height { get; init; }
    }
}
