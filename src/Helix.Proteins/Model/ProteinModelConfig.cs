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
public sealed record ProteinModelConfig
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
    /// <summary>FAVOR+ (Performer) or exact softmax attention (the baseline).</summary>
    public AttentionMechanism Mechanism { get; init; } = AttentionMechanism.Favor;
    /// <summary>FAVOR+'s feature map: positive softmax features (FAVOR+) or FAVOR++'s optimal positive features.</summary>
    public FeatureMapKind FeatureMap { get; init; } = FeatureMapKind.SoftmaxPositive;
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
        Position = PositionKind.Learned, Causal = false, TieEmbeddings = true,
        Attention = new AttentionConfig
        {
            Mechanism = Mechanism, NumFeatures = NumFeatures, Seed = ProjectionSeed, FeatureMap = FeatureMap,
            Redraw = RedrawEvery > 0 ? RedrawPolicy.EveryNSteps(RedrawEvery) : RedrawPolicy.Fixed,
        },
    };

    /// <summary>Checks the shape; throws <see cref="ArgumentException"/> naming the bad value.</summary>
    public void Validate()
    {
        if (Dim < 1 || Depth < 1 || Heads < 1 || FeedForwardMultiplier < 1) throw new ArgumentException($"dim, depth, heads and feed-forward multiplier must be ≥ 1 (got {Dim}, {Depth}, {Heads}, {FeedForwardMultiplier})");
        if (Dim % Heads != 0) throw new ArgumentException($"heads ({Heads}) must divide dim ({Dim})");
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"dropout must be in [0, 1), got {Dropout}");
        if (MaxLength < 3) throw new ArgumentException($"length must be ≥ 3, got {MaxLength}");
        if (Mechanism != AttentionMechanism.Exact && NumFeatures < 1) throw new ArgumentException($"features must be ≥ 1, got {NumFeatures}");
        if (FeatureMap is not (FeatureMapKind.SoftmaxPositive or FeatureMapKind.OptimalPositive)) throw new ArgumentException($"feature map must be SoftmaxPositive or OptimalPositive, got {FeatureMap}");
        if (RedrawEvery < 0) throw new ArgumentException($"redraw interval must be ≥ 0, got {RedrawEvery}");
    }

    static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>This configuration as JSON.</summary>
    public JsonNode ToJson() => JsonSerializer.SerializeToNode(this, Json)!;

    /// <summary>Reads a configuration written by <see cref="ToJson"/>.</summary>
    public static ProteinModelConfig FromJson(JsonNode node) =>
        node.Deserialize<ProteinModelConfig>(Json) ?? throw new InvalidDataException("empty model configuration");
}
