using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Modules;

public class PerformerLMTests
{
    static PerformerConfig SmallCausal(PositionKind position) => new()
    {
        VocabSize = 23, Dim = 16, Depth = 2, Heads = 2, Dropout = 0, MaxLength = 64, Position = position, Causal = true,
        Attention = new AttentionConfig { NumFeatures = 8, Seed = 5 },
    };

    [Theory]
    [InlineData(PositionKind.Learned)]
    [InlineData(PositionKind.Sinusoidal)]
    [InlineData(PositionKind.Rotary)]
    public void SlicedForwardEqualsWholeForward(PositionKind position)
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var lm = new PerformerLM(SmallCausal(position));
        lm.to(ScalarType.Float64);
        lm.eval();
        var tokens = randint(0, 23, new long[] { 2, 40 }, generator: new Generator(4, CPU));
        var whole = lm.forward(tokens, null);

        var pieces = new List<Tensor>();
        var states = new CausalState?[lm.Layers.Count];
        long start = 0;
        foreach (long len in new long[] { 7, 1, 20, 12 })
        {
            var x = lm.Embed(tokens.narrow(1, start, len), start);
            for (int i = 0; i < lm.Layers.Count; i++)
            {
                var contribution = lm.Layers[i].SliceContribution(x, start, null);
                (var y, var s) = lm.Layers[i].ForwardSlice(x, start, states[i], null);
                var before = states[i] is null ? zeros_like(s.S) : states[i]!.S;
                Assert.True(ReferenceAttention.MaxAbsDiff(s.S - contribution.S, before) < 1e-10, "state before = state after − contribution");
                states[i] = s;
                x = y;
            }
            pieces.Add(lm.Head(x));
            start += len;
        }
        Assert.True(ReferenceAttention.MaxAbsDiff(cat(pieces, 1), whole) < 1e-10);
    }

    [Fact]
    public void LogitsAndHiddenHaveDocumentedShapes()
    {
        using var scope = NewDisposeScope();
        using var lm = new PerformerLM(SmallCausal(PositionKind.Learned) with { Causal = false, TieEmbeddings = false });
        var tokens = randint(0, 23, new long[] { 3, 10 }, generator: new Generator(1, CPU));
        Assert.Equal(new long[] { 3, 10, 23 }, lm.forward(tokens, null).shape);
        Assert.Equal(new long[] { 3, 10, 16 }, lm.Hidden(tokens, null).shape);
    }
}

public class PerformerLMInitTests
{
    [Theory]
    [InlineData(32, 64, PositionKind.Learned)]
    [InlineData(512, 50, PositionKind.Learned)]
    [InlineData(64, 1000, PositionKind.Rotary)]
    public void FreshModelStartsNearUniformLoss(int dim, int vocab, PositionKind position)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var lm = new PerformerLM(new PerformerConfig
        {
            VocabSize = vocab, Dim = dim, Depth = 1, Heads = 4, Dropout = 0, MaxLength = 64, Position = position, Causal = true,
            Attention = new AttentionConfig { NumFeatures = 16, Seed = 2 },
        });
        lm.eval();
        using var noGrad = no_grad();
        var tokens = randint(0, vocab, new long[] { 4, 32 }, generator: new Generator(5, CPU));
        var logits = lm.forward(tokens, null);
        // Next-token targets: an untrained model should be near uniform, ln V.
        var predicted = logits.narrow(1, 0, 31).reshape(-1, vocab);
        double loss = nn.functional.cross_entropy(predicted, tokens.narrow(1, 1, 31).reshape(-1)).item<float>();
        Assert.InRange(loss, Math.Log(vocab) - 0.5, Math.Log(vocab) + 0.5);
        foreach (var (name, p) in lm.named_parameters())
            if (name is "token_emb.weight" or "pos_emb.weight")
                Assert.InRange(p.std().item<float>(), 0.018, 0.022);
    }
}
