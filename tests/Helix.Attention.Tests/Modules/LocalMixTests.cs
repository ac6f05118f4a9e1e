using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Modules;

public class LocalMixTests
{
    static PerformerConfig Config(AttentionMechanism mechanism, int kernel = 5) => new()
    {
        VocabSize = 23, Dim = 16, Depth = 2, Heads = 2, Dropout = 0, MaxLength = 64, Position = PositionKind.Rotary, LocalMixKernel = kernel,
        Attention = new AttentionConfig { Mechanism = mechanism, FeatureMap = mechanism == AttentionMechanism.Generalized ? FeatureMapKind.Relu : FeatureMapKind.SoftmaxPositive, NumFeatures = 8, Seed = 5 },
    };

    [Theory]
    [InlineData(AttentionMechanism.Exact)]
    [InlineData(AttentionMechanism.Generalized)]
    public void PaddingDoesNotReachRealTokens(AttentionMechanism mechanism)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var lm = new PerformerLM(Config(mechanism));
        lm.to(ScalarType.Float64);
        lm.eval();
        var tokens = randint(1, 23, new long[] { 1, 20 }, generator: new Generator(4, CPU));
        var whole = lm.forward(tokens, zeros(1, 20, ScalarType.Bool));
        // Padding tokens with non-zero embeddings: without zeroing them, the convolution would carry them into the last real positions.
        var padded = cat([tokens, full(new long[] { 1, 6 }, 7L)], 1);
        var mask = cat([zeros(1, 20, ScalarType.Bool), ones(1, 6, ScalarType.Bool)], 1);
        var logits = lm.forward(padded, mask).narrow(1, 0, 20);
        Assert.True(ReferenceAttention.MaxAbsDiff(logits, whole) < 1e-9, "padded and unpadded real-token logits differ");
    }

    [Fact]
    public void ConvolutionReachesOnlyItsWidth()
    {
        // With attention's value path zeroed, a token's output can only change through the convolution, which spans ±2.
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var lm = new PerformerLM(Config(AttentionMechanism.Exact) with { Depth = 1 });
        lm.to(ScalarType.Float64);
        lm.eval();
        using (no_grad()) foreach (var (name, p) in lm.named_parameters()) if (name.Contains("attn") && name.Contains("out")) p.zero_();
        var tokens = randint(1, 23, new long[] { 1, 30 }, generator: new Generator(6, CPU));
        var changed = tokens.clone();
        changed[0, 15] = (tokens[0, 15] % 22) + 1;
        var diff = (lm.forward(changed, null) - lm.forward(tokens, null)).abs().amax(new long[] { 0, 2 });
        for (int i = 0; i < 30; i++)
        {
            bool near = Math.Abs(i - 15) <= 2;
            Assert.True(near == diff[i].item<double>() > 1e-12, $"position {i}: change {diff[i].item<double>()}");
        }
    }

    [Fact]
    public void BadWidthsAndCausalModelsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerformerLM(Config(AttentionMechanism.Exact, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerformerLM(Config(AttentionMechanism.Exact, -3)));
        Assert.Throws<ArgumentException>(() => new PerformerLM(Config(AttentionMechanism.Generalized) with { Causal = true }));
    }
}
