using Helix.Core;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Helix.Attention;
using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Model;

/// <summary>
/// The shape of a protein masked-LM: a bidirectional <see cref="PerformerLM"/> over the protein vocabulary. Stored
/// in checkpoints as JSON, so <c>fill</c>, <c>score</c> and <c>embed</c> rebuild the model from the file alone.
/// </summary>
public sealed record ProteinModelConfig : IValidatable<ProteinModelConfig>
{
    /// <summary>Model width.</summary>
    public int Dim { get; init; } = 128;
    /// <summary>Layers.</summary>
    public int Depth { get; init; } = 3;
    /// <summary>Attention heads (divides <see cref="Dim"/>).</summary>
    public int Heads { get; init; } = 4;
    /// <summary>Feed-forward width as a multiple of <see cref="Dim"/>.</summary>
    public int FeedForwardMultiplier { get; init; } = 4;
    /// <summary>Dropout after embeddings, attention and feed-forward.</summary>
    public double Dropout { get; init; } = 0.1;
    /// <summary>Longest input window (learned positions are tabled up to it).</summary>
    public int MaxLength { get; init; } = 128;
    /// <summary>
    /// FAVOR+ (softmax random features), <see cref="AttentionMechanism.Generalized"/> (the Performer-ReLU kernel, ReLU(W x) + ε)
    /// or exact softmax attention (the baseline).
    /// </summary>
    public AttentionMechanism Mechanism { get; init; } = AttentionMechanism.Favor;
    /// <summary>FAVOR+'s feature map: positive softmax features (FAVOR+) or FAVOR++'s optimal positive features.</summary>
    public FeatureMapKind FeatureMap { get; init; } = FeatureMapKind.SoftmaxPositive;
    /// <summary>How positions enter the model: learned absolute embeddings, sinusoidal, or rotary (relative, in every attention layer).</summary>
    public PositionKind Position { get; init; } = PositionKind.Learned;
    /// <summary>
    /// Width of the depthwise convolution over neighbouring residues that each layer adds before its attention
    /// (0: none; odd). Checkpoints written before it existed read as 0.
    /// </summary>
    public int LocalMixKernel { get; init; }
    /// <summary>
    /// Rows of the hashed table of the N-Grammer-style context embedding (0: none): each position adds learned
    /// embeddings of the input residues around it, never its own (left pair, right pair, both direct neighbours,
    /// and the four around it, hashed into this many rows; the pairs are indexed exactly). Checkpoints written
    /// before it existed read as 0. See <see cref="PerformerConfig.ContextNgramBuckets"/>.
    /// </summary>
    public int ContextNgramBuckets { get; init; }
    /// <summary>Random features m of FAVOR+.</summary>
    public int NumFeatures { get; init; } = 64;
    /// <summary>Redraw the random projections every this many steps (0: fixed).</summary>
    public int RedrawEvery { get; init; } = 100;
    /// <summary>Seed of the random projections.</summary>
    public long ProjectionSeed { get; init; } = 1;

    /// <summary>The Helix.Attention configuration this describes.</summary>
    public PerformerConfig ToPerformerConfig() => new()
    {
        VocabSize = ProteinTokenizer.VocabSize, Dim = Dim, Depth = Depth, Heads = Heads,
        FeedForwardMultiplier = FeedForwardMultiplier, Dropout = Dropout, MaxLength = MaxLength,
        Position = Position, Causal = false, TieEmbeddings = true, LocalMixKernel = LocalMixKernel,
        ContextNgramBuckets = ContextNgramBuckets,
        Attention = new AttentionConfig
        {
            Mechanism = Mechanism, NumFeatures = NumFeatures, Seed = ProjectionSeed,
            FeatureMap = Mechanism == AttentionMechanism.Generalized ? FeatureMapKind.Relu : FeatureMap,
            Redraw = RedrawEvery > 0 ? RedrawPolicy.EveryNSteps(RedrawEvery) : RedrawPolicy.Fixed,
        },
    };

    /// <summary>Checks the shape; throws <see cref="InvalidOptionException"/> naming the bad value.</summary>
    public ProteinModelConfig Validate()
    {
        Check.That(Dim >= 1, nameof(Dim), $"must be at least 1, got {Dim}");
        Check.That(Depth >= 1, nameof(Depth), $"must be at least 1, got {Depth}");
        Check.That(Heads >= 1 && Dim % Heads == 0, nameof(Heads), $"must be at least 1 and divide the width {Dim}, got {Heads}");
        Check.That(FeedForwardMultiplier >= 1, nameof(FeedForwardMultiplier), $"must be at least 1, got {FeedForwardMultiplier}");
        Check.That(Dropout is >= 0 and < 1, nameof(Dropout), $"must be in [0, 1), got {Dropout}");
        Check.That(MaxLength >= 3, nameof(MaxLength), $"must be at least 3, got {MaxLength}");
        Check.That(Mechanism == AttentionMechanism.Exact || NumFeatures >= 1, nameof(NumFeatures), $"must be at least 1, got {NumFeatures}");
        Check.That(LocalMixKernel == 0 || (LocalMixKernel > 0 && LocalMixKernel % 2 == 1 && LocalMixKernel <= MaxLength), nameof(LocalMixKernel),
            $"must be 0 (none) or an odd width up to the window length {MaxLength}, got {LocalMixKernel}");
        Check.That(ContextNgramBuckets is >= 0 and <= MaxContextNgramBuckets, nameof(ContextNgramBuckets),
            $"must be 0 (none) or a number of table rows from 1 to {MaxContextNgramBuckets:N0}, got {ContextNgramBuckets}");
        Check.That(RedrawEvery >= 0, nameof(RedrawEvery), $"must be zero or more, got {RedrawEvery}");
        Check.That(Position != PositionKind.Rotary || Dim / Heads % 2 == 0, nameof(Position), $"rotary positions need an even head size, got {Dim / Heads}");
        Check.That(FeatureMap is FeatureMapKind.SoftmaxPositive or FeatureMapKind.OptimalPositive, nameof(FeatureMap),
            $"must be SoftmaxPositive (FAVOR+) or OptimalPositive (FAVOR++), got {FeatureMap}");
        return this;
    }

    /// <summary>Largest <see cref="ContextNgramBuckets"/>: 2^22 rows (a table of 2^22 × <see cref="Dim"/> weights, with its AdamW moments three times that).</summary>
    public const int MaxContextNgramBuckets = 1 << 22;

    static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>This configuration as JSON.</summary>
    public JsonNode ToJson() => JsonSerializer.SerializeToNode(this, Json)!;

    /// <summary>Reads a configuration written by <see cref="ToJson"/>.</summary>
    public static ProteinModelConfig FromJson(JsonNode node) =>
        node.Deserialize<ProteinModelConfig>(Json) ?? throw new InvalidDataException("empty model configuration");
}
