namespace Helix.Aig;

/// <summary>
/// A literal of an <see cref="Aignet"/>: <c>2·id + negation</c> in one int. Literal 0 is constant false, 1 is true.
/// </summary>
public readonly record struct AigLit(int Value)
{
    /// <summary>Constant false (node 0, not negated).</summary>
    public static readonly AigLit False = new(0);
    /// <summary>Constant true (node 0, negated).</summary>
    public static readonly AigLit True = new(1);

    /// <summary>The literal of node <paramref name="id"/>, negated when <paramref name="negated"/>.</summary>
    public static AigLit Of(int id, bool negated = false) => new(2 * id + (negated ? 1 : 0));

    /// <summary>The node this literal points at.</summary>
    public int Id => Value >> 1;
    /// <summary>Whether the literal is the complement of its node.</summary>
    public bool IsNegated => (Value & 1) != 0;
    /// <summary>The non-negated literal of the same node.</summary>
    public AigLit Regular => new(Value & ~1);
    /// <summary>Whether this is one of the two constants.</summary>
    public bool IsConstant => Value <= 1;

    /// <summary>Complements the literal when <paramref name="negate"/> is true.</summary>
    public AigLit NegateIf(bool negate) => new(Value ^ (negate ? 1 : 0));

    /// <summary>The complement.</summary>
    public static AigLit operator !(AigLit a) => new(a.Value ^ 1);

    /// <summary>"0", "1", or the node with a leading "!" when negated (for example <c>!n5</c>).</summary>
    public override string ToString() => IsConstant ? (Value == 0 ? "0" : "1") : (IsNegated ? "!n" : "n") + Id;
}
