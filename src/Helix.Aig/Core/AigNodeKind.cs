namespace Helix.Aig;

/// <summary>What an <see cref="Aignet"/> node is.</summary>
public enum AigNodeKind : byte
{
    /// <summary>Node 0, constant false.</summary>
    Const,
    /// <summary>A primary input.</summary>
    Input,
    /// <summary>A latch output (the current state), a combinational input.</summary>
    Latch,
    /// <summary>A two-input AND gate.</summary>
    And,
}
