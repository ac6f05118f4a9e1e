namespace Helix.Aig.Sat;

/// <summary>A SAT literal: <c>2·var + negation</c>, variables from 0. DIMACS variable v is <c>var = v - 1</c>.</summary>
public readonly record struct SatLit(int Value)
{
    /// <summary>The literal of variable <paramref name="var"/>, negated when asked.</summary>
    public static SatLit Of(int var, bool negated = false) => new(2 * var + (negated ? 1 : 0));
    /// <summary>The literal of a non-zero DIMACS integer.</summary>
    public static SatLit FromDimacs(int d) => d > 0 ? Of(d - 1) : d < 0 ? Of(-d - 1, true) : throw new ArgumentException("0 is not a DIMACS literal");

    /// <summary>The variable (from 0).</summary>
    public int Var => Value >> 1;
    /// <summary>Whether the literal is negative.</summary>
    public bool IsNegated => (Value & 1) != 0;
    /// <summary>The DIMACS integer of this literal.</summary>
    public int ToDimacs() => IsNegated ? -(Var + 1) : Var + 1;
    /// <summary>The complement.</summary>
    public static SatLit operator !(SatLit a) => new(a.Value ^ 1);

    /// <summary>The DIMACS integer, as text.</summary>
    public override string ToString() => ToDimacs().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
