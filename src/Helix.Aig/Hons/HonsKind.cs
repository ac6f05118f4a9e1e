namespace Helix.Aig.Hons;

/// <summary>The shape of a <see cref="HonsAig"/> node.</summary>
public enum HonsKind : byte
{
    /// <summary>Constant false.</summary>
    False,
    /// <summary>Constant true.</summary>
    True,
    /// <summary>A named variable.</summary>
    Var,
    /// <summary>The negation of its argument.</summary>
    Not,
    /// <summary>The conjunction of its two arguments.</summary>
    And,
}
