using Helix.Attention.Slim;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Slim;

/// <summary>SLiM's chunked gradients equal the full pass's, in float64, for any chunk size, with padding, on the algorithm's own test model.</summary>
public class SlimGradientTests
{
    const int Vocab = 11, Dim = 8, Depth = 3, Heads = 2, Length = 7;

    [Theory]
    [InlineData(1, StateRecovery.Subtract)]
    [InlineData(3, StateRecovery.Subtract)]   // does not divide L = 7
    [InlineData(7, StateRecovery.Subtract)]   // C = L
    [InlineData(50, StateRecovery.Subtract)]  // C > L
    [InlineData(2, StateRecovery.Store)]
    public void ChunkedGradientsEqualFull(int chunk, StateRecovery recovery)
    {
        using var scope = torch.NewDisposeScope();
        using var model = new TinyLinearCausalModel(Vocab, Dim, Depth, Heads, Length + 1, seed: 5);
        var batch = SlimTestData.PaddedBatch(Vocab, Length, seed: 9);
        var full = SlimTestData.Gradients(model, () => SlimTraining.FullLossAndGradients(model, batch));
        var sliced = SlimTestData.Gradients(model, () => SlimTraining.LossAndGradients(model, batch, new SlimOptions(chunk, recovery)));
        Assert.Equal(full.Stats.Loss, sliced.Stats.Loss, 1e-12);
        Assert.Equal(full.Stats.Correct, sliced.Stats.Correct);
        Assert.Equal((Length + chunk - 1) / chunk, sliced.Stats.Slices);
        SlimTestData.AssertSameGradients(full.Grads, sliced.Grads, 1e-9);
        if (recovery == StateRecovery.Subtract) Assert.InRange(sliced.Stats.StateDrift, 0, 1e-12);
    }

    [Fact]
    public void DropoutIsReplayedSoStoreAndSubtractAgree()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new TinyLinearCausalModel(Vocab, Dim, Depth, Heads, Length + 1, seed: 3, dropout: 0.3);
        model.train();
        var batch = SlimTestData.PaddedBatch(Vocab, Length, seed: 4);
        var a = SlimTestData.Gradients(model, () => SlimTraining.LossAndGradients(model, batch, new SlimOptions(3, StateRecovery.Subtract, DropoutSeed: 42)));
        var b = SlimTestData.Gradients(model, () => SlimTraining.LossAndGradients(model, batch, new SlimOptions(3, StateRecovery.Store, DropoutSeed: 42)));
        var c = SlimTestData.Gradients(model, () => SlimTraining.LossAndGradients(model, batch, new SlimOptions(3, StateRecovery.Store, DropoutSeed: 43)));
        Assert.Equal(a.Stats.Loss, b.Stats.Loss, 1e-12);
        SlimTestData.AssertSameGradients(a.Grads, b.Grads, 1e-9);
        Assert.NotEqual(a.Stats.Loss, c.Stats.Loss);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void ChunkedEvaluationEqualsFull(int chunk)
    {
        using var scope = torch.NewDisposeScope();
        using var model = new TinyLinearCausalModel(Vocab, Dim, Depth, Heads, Length + 1, seed: 6);
        var batch = SlimTestData.PaddedBatch(Vocab, Length, seed: 2);
        var full = SlimTraining.Evaluate(model, batch, MemoryMode.Full);
        var sliced = SlimTraining.Evaluate(model, batch, MemoryMode.Chunked(chunk));
        Assert.Equal(full.Loss, sliced.Loss, 1e-12);
        Assert.Equal(full.Correct, sliced.Correct);
        Assert.Equal(full.Loss, SlimTraining.FullLossAndGradients(model, batch).Loss, 1e-12);
    }
}
