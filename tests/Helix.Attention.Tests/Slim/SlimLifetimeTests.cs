using Helix.Attention.Slim;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Slim;

/// <summary>
/// A SLiM step frees everything it creates when it returns, without any garbage collection (SlimPass forces none):
/// the thread's live tensor count is back where it was. One exception, independent of the number of slices:
/// TorchSharp hands a custom backward an undefined gradient (the final causal state of the last slice, which nothing
/// uses) as a wrapper with a null handle, which it counts as created but never as disposed; it holds no memory.
/// So a step may leave at most one such wrapper per layer, and a leak of one tensor per slice fails.
/// </summary>
public class SlimLifetimeTests
{
    static PerformerLM Model() => new(new PerformerConfig
    {
        VocabSize = 31, Dim = 32, Depth = 2, Heads = 4, Dropout = 0.1, MaxLength = 512, Position = PositionKind.Rotary,
        Causal = true, Attention = new AttentionConfig { NumFeatures = 32, Seed = 3 },
    });

    static CausalLmBatch Batch(Generator g, int length) =>
        CausalLmBatch.FromSequences(randint(0, 31, new long[] { 2, length + 1 }, dtype: ScalarType.Int64, generator: g));

    [Theory]
    [InlineData("chunked:4")]
    [InlineData("chunked:5")]
    [InlineData("full")]
    public void StepLeavesNoTensorBehind(string mode)
    {
        manual_seed(2);
        using var lm = Model();
        lm.train();
        var model = new PerformerLmSlices(lm);
        var g = new Generator(11, CPU);
        for (int step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            var batch = Batch(g, 24);
            lm.zero_grad();
            long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            using (NewDisposeScope()) SlimTraining.LossAndGradients(model, batch, MemoryMode.Parse(mode));
            long afterStep = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            Assert.InRange(afterStep - before, 0, lm.Layers.Count);
            using (NewDisposeScope()) SlimTraining.Evaluate(model, batch, MemoryMode.Parse(mode));
            Assert.Equal(afterStep, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }
    }
}
