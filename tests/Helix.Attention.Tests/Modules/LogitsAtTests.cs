using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Modules;

/// <summary>PerformerLM.LogitsAt (the last layer at one position per row) gives the full forward's rows there.</summary>
public class LogitsAtTests
{
    static PerformerConfig Config(AttentionConfig attention, PositionKind position = PositionKind.Rotary, int localMix = 5) => new()
    {
        VocabSize = 23, Dim = 16, Depth = 2, Heads = 2, Dropout = 0, MaxLength = 64, Position = position, LocalMixKernel = localMix,
        Attention = attention with { NumFeatures = 8, Seed = 5 },
    };

    public static TheoryData<string> Variants => new() { "exact", "favor", "favor-lean", "favor-hyperbolic", "relu", "favor++-rho", "favor++-per-call", "learned-positions", "no-mix" };

    static PerformerConfig Variant(string name) => name switch
    {
        "exact" => Config(new AttentionConfig { Mechanism = AttentionMechanism.Exact }),
        "favor" => Config(new AttentionConfig()),
        "favor-lean" => Config(new AttentionConfig { MemoryLean = true }),
        "favor-hyperbolic" => Config(new AttentionConfig { FeatureMap = FeatureMapKind.SoftmaxHyperbolic }),
        "relu" => Config(new AttentionConfig { Mechanism = AttentionMechanism.Generalized, FeatureMap = FeatureMapKind.Relu }),
        "favor++-rho" => Config(new AttentionConfig { FeatureMap = FeatureMapKind.OptimalPositive, OprfRho = 0.5 }),
        "favor++-per-call" => Config(new AttentionConfig { FeatureMap = FeatureMapKind.OptimalPositive }),
        "learned-positions" => Config(new AttentionConfig(), PositionKind.Learned),
        "no-mix" => Config(new AttentionConfig { Mechanism = AttentionMechanism.Generalized, FeatureMap = FeatureMapKind.Relu }, localMix: 0),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void EqualsTheFullForwardAtEachRowsPosition(string variant)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var lm = new PerformerLM(Variant(variant));
        lm.to(ScalarType.Float64);
        lm.eval();
        var tokens = randint(1, 23, new long[] { 5, 24 }, generator: new Generator(4, CPU));
        var mask = zeros(5, 24, ScalarType.Bool);
        mask[3, TensorIndex.Slice(20, 24)] = tensor(true);   // one padded row
        var positions = tensor(new long[] { 0, 7, 23, 19, 12 });
        var full = lm.forward(tokens, mask);
        var at = lm.LogitsAt(tokens, mask, positions);
        Assert.Equal(new long[] { 5, 23 }, at.shape);
        for (int r = 0; r < 5; r++)
        {
            var expected = full[r, positions[r].item<long>()];
            Assert.True(ReferenceAttention.MaxAbsDiff(at[r], expected) < 1e-12, $"{variant}: row {r} differs by {ReferenceAttention.MaxAbsDiff(at[r], expected)}");
        }
        // Changing a row's other tokens changes its logits: the last layer still reads every key.
        var changed = tokens.clone();
        changed[1, 2] = (tokens[1, 2] % 22) + 1;
        Assert.True(ReferenceAttention.MaxAbsDiff(lm.LogitsAt(changed, mask, positions)[1], at[1]) > 1e-9, $"{variant}: row 1 ignores position 2");
    }

    [Fact]
    public void OnlyFavorPlusPlusWithAPerCallCoefficientAndCausalModelsFallBack()
    {
        Assert.True(new PerformerLM(Variant("favor++-rho")).Layers[^1].CanForwardAt);
        Assert.False(new PerformerLM(Variant("favor++-per-call")).Layers[^1].CanForwardAt);
        Assert.False(new PerformerLM(Config(new AttentionConfig(), localMix: 0) with { Causal = true }).Layers[^1].CanForwardAt);
    }

    [Fact]
    public void BadPositionsAreRejectedBeforeNativeCode()
    {
        using var scope = NewDisposeScope();
        using var lm = new PerformerLM(Variant("relu"));
        var tokens = randint(1, 23, new long[] { 2, 10 }, generator: new Generator(4, CPU));
        Assert.Throws<ArgumentOutOfRangeException>(() => lm.LogitsAt(tokens, null, tensor(new long[] { 0, 10 })));
        Assert.Throws<ArgumentOutOfRangeException>(() => lm.LogitsAt(tokens, null, tensor(new long[] { -1, 3 })));
        Assert.ThrowsAny<ArgumentException>(() => lm.LogitsAt(tokens, null, tensor(new long[] { 0, 1, 2 })));
        Assert.ThrowsAny<ArgumentException>(() => lm.LogitsAt(tokens, null, tensor(new[] { 0.0, 1.0 })));
    }
}
