using Helix.Attention.Slim;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Slim;

/// <summary>SLiM on the real causal PerformerLM: every parameter's gradient equals the full pass's in float64.</summary>
public class PerformerLmSlimTests
{
    const int Vocab = 11, Length = 7;

    /// <summary>A tiny float64 causal PerformerLM: 3 layers, 2 heads, width 8, 6 features.</summary>
    internal static PerformerLM Model(PositionKind position, FeatureMapKind features = FeatureMapKind.SoftmaxPositive, bool tie = true,
        double dropout = 0, int vocab = Vocab, int length = Length)
    {
        torch.manual_seed(17);
        var lm = new PerformerLM(new PerformerConfig
        {
            VocabSize = vocab, Dim = 8, Depth = 3, Heads = 2, FeedForwardMultiplier = 2, Dropout = dropout, MaxLength = length,
            Position = position, Causal = true, TieEmbeddings = tie,
            Attention = new AttentionConfig { NumFeatures = 6, FeatureMap = features, Mechanism = features == FeatureMapKind.SoftmaxPositive ? AttentionMechanism.Favor : AttentionMechanism.Generalized, Seed = 3 },
        });
        lm.to(ScalarType.Float64);
        return lm;
    }

    [Theory]
    [InlineData(1, PositionKind.Learned)]
    [InlineData(3, PositionKind.Learned)]     // does not divide L = 7
    [InlineData(7, PositionKind.Learned)]     // C = L
    [InlineData(2, PositionKind.Rotary)]
    [InlineData(4, PositionKind.Sinusoidal)]
    public void ChunkedGradientsEqualFull(int chunk, PositionKind position)
    {
        using var scope = torch.NewDisposeScope();
        using var lm = Model(position);
        var model = new PerformerLmSlices(lm);
        var batch = SlimTestData.PaddedBatch(Vocab, Length, seed: 8);
        var full = SlimTestData.Gradients(lm, () => SlimTraining.FullLossAndGradients(model, batch));
        var sliced = SlimTestData.Gradients(lm, () => SlimTraining.LossAndGradients(model, batch, MemoryMode.Chunked(chunk)));
        Assert.Equal(full.Stats.Loss, sliced.Stats.Loss, 1e-12);
        Assert.Equal(full.Stats.Correct, sliced.Stats.Correct);
        SlimTestData.AssertSameGradients(full.Grads, sliced.Grads, 1e-9);
        Assert.True(full.Grads.Count >= 3 * 12, $"expected every layer's parameters, got {full.Grads.Count}");
    }

    [Fact]
    public void GeneralizedKernelUntiedHeadAndStoredStatesAgreeToo()
    {
        using var scope = torch.NewDisposeScope();
        using var lm = Model(PositionKind.Learned, FeatureMapKind.EluPlusOne, tie: false);
        var model = new PerformerLmSlices(lm);
        var batch = SlimTestData.PaddedBatch(Vocab, Length, seed: 1);
        var full = SlimTestData.Gradients(lm, () => SlimTraining.FullLossAndGradients(model, batch));
        var sliced = SlimTestData.Gradients(lm, () => SlimTraining.LossAndGradients(model, batch, new SlimOptions(2, StateRecovery.Store)));
        SlimTestData.AssertSameGradients(full.Grads, sliced.Grads, 1e-9);
    }

    [Fact]
    public void DropoutMasksAreReplayedInTheGraphPass()
    {
        // With dropout, chunked gradients are exact for the masks drawn: rebuilding the states by subtraction or
        // storing them must then give the same gradients (they differ if the graph pass draws other masks).
        using var scope = torch.NewDisposeScope();
        using var lm = Model(PositionKind.Learned, dropout: 0.3);
        lm.train();
        var model = new PerformerLmSlices(lm);
        Assert.True(model.IsStochastic);
        var batch = SlimTestData.PaddedBatch(Vocab, Length, seed: 5);
        var a = SlimTestData.Gradients(lm, () => SlimTraining.LossAndGradients(model, batch, new SlimOptions(2, StateRecovery.Subtract, DropoutSeed: 9)));
        var b = SlimTestData.Gradients(lm, () => SlimTraining.LossAndGradients(model, batch, new SlimOptions(2, StateRecovery.Store, DropoutSeed: 9)));
        Assert.Equal(a.Stats.Loss, b.Stats.Loss, 1e-12);
        SlimTestData.AssertSameGradients(a.Grads, b.Grads, 1e-9);
    }

    [Fact]
    public void NonCausalOrExactModelsAreRejected()
    {
        using var bidirectional = new PerformerLM(new PerformerConfig { VocabSize = 5, Dim = 4, Depth = 1, Heads = 1, Causal = false });
        Assert.Contains("causal", Assert.Throws<ArgumentException>(() => new PerformerLmSlices(bidirectional)).Message);
        using var exact = new PerformerLM(new PerformerConfig { VocabSize = 5, Dim = 4, Depth = 1, Heads = 1, Causal = true, Attention = new AttentionConfig { Mechanism = AttentionMechanism.Exact } });
        Assert.Contains("Exact", Assert.Throws<ArgumentException>(() => new PerformerLmSlices(exact)).Message);
    }
}
