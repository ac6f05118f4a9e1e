namespace Helix.Attention;

/// <summary>How token positions enter a <see cref="PerformerLM"/>.</summary>
public enum PositionKind
{
    /// <summary>A learned embedding per position, added to the token embedding.</summary>
    Learned,
    /// <summary>Fixed sinusoidal position encodings, added to the token embedding.</summary>
    Sinusoidal,
    /// <summary>Rotary position embeddings applied to queries and keys in every attention layer.</summary>
    Rotary,
}
