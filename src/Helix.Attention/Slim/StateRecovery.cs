namespace Helix.Attention.Slim;

/// <summary>How the reverse pass gets each slice's starting states.</summary>
public enum StateRecovery
{
    /// <summary>The paper's way: subtract the slice's contribution from its end state. O(1) extra memory; drifts in float32 (see <see cref="SlimStats.StateDrift"/>).</summary>
    Subtract,

    /// <summary>Keep every slice's starting states from the forward pass: exact, O(L/C · m · d) extra memory.</summary>
    Store,
}
