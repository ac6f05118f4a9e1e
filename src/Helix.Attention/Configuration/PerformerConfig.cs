namespace Helix.Attention;

/// <summary>Shape and options of a <see cref="PerformerEncoder"/> or <see cref="PerformerLM"/>. Immutable.</summary>
public sealed record PerformerConfig
{
    /// <summary>Number of tokens in the vocabulary (LM only).</summary>
    public int VocabSize { get; init; }
    /// <summary>Model width D.</summary>
    public int Dim { get; init; } = 256;
    /// <summary>Number of layers.</summary>
    public int Depth { get; init; } = 4;
    /// <summary>Number of attention heads; must divide <see cref="Dim"/>.</summary>
    public int Heads { get; init; } = 8;
    /// <summary>Hidden width of the feed-forward block as a multiple of <see cref="Dim"/>.</summary>
    public int FeedForwardMultiplier { get; init; } = 4;
    /// <summary>Dropout probability after embeddings, attention and feed-forward.</summary>
    public double Dropout { get; init; } = 0.1;
    /// <summary>Longest sequence (learned and sinusoidal positions are tabled up to it).</summary>
    public int MaxLength { get; init; } = 8192;
    /// <summary>How positions are encoded.</summary>
    public PositionKind Position { get; init; } = PositionKind.Learned;
    /// <summary>Causal (decoder) attention: token i attends to tokens ≤ i.</summary>
    public bool Causal { get; init; }
    /// <summary>Whether the LM's output projection reuses the token embedding.</summary>
    public bool TieEmbeddings { get; init; } = true;
    /// <summary>
    /// Width of a depthwise convolution over neighbouring tokens that each layer adds before its attention
    /// (x + conv(norm(x)), padding zeroed first); 0: none. Odd, bidirectional models only. It gives every layer the
    /// local context that protein masked-LMs otherwise learn slowly through attention.
    /// </summary>
    public int LocalMixKernel { get; init; }
    /// <summary>
    /// Rows of each hashed table of an N-Grammer-style context embedding added to the token embedding (0: none).
    /// Each position looks up learned embeddings of the input tokens in four windows around it, never its own
    /// token: (i-2, i-1), (i+1, i+2), (i-1, i+1) and (i-2, i-1, i+1, i+2); a window with at most this many
    /// combinations of (VocabSize + 1) symbols is indexed exactly, a larger one is hashed into this many rows.
    /// Bidirectional models only.
    /// </summary>
    public int ContextNgramBuckets { get; init; }
    /// <summary>Attention settings of every layer (layer i seeds its projections from <c>Attention.Seed</c> and i).</summary>
    public AttentionConfig Attention { get; init; } = new();
}
