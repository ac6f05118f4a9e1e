namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>A mutually recursive group (deftypes): Expr and Block refer to each other.</summary>
[FixSum]
public abstract partial record Expr
{
    [FixType, DefaultCase]
    public sealed partial record Lit : Expr
    {
        [Range(-1000, 1000)] public partial int Value { get; init; }
    }

    [FixType]
    public sealed partial record Add : Expr
    {
        public partial Expr Left { get; init; }
        public partial Expr Right { get; init; }
    }

    [FixType]
    public sealed partial record Seq : Expr
    {
        public partial Block Body { get; init; }
    }
}
