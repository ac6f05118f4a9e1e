namespace Helix.FixTypes.Runtime.Tests.Types;

/// <summary>The other half of the Expr/Block group.</summary>
[FixType]
public partial record Block
{
    public partial FixList<Expr> Items { get; init; }
    [Str(Trim = true)] public partial string Label { get; init; }
}
