using Helix.Attention.Slim;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Slim;

/// <summary>Training in full mode, in chunked mode, and switching between them mid-run give the same loss curve.</summary>
public class SlimTrainingCurveTests
{
    const int Vocab = 9, Length = 10, Steps = 5;

    public static TheoryData<string> Models => new() { "tiny", "performer" };

    [Theory]
    [MemberData(nameof(Models))]
    public void FullChunkedAndSwitchingRunsHaveTheSameLossCurve(string kind)
    {
        var full = Curve(kind, _ => MemoryMode.Full);
        var chunked = Curve(kind, _ => MemoryMode.Chunked(3));
        var switching = Curve(kind, step => step % 2 == 0 ? MemoryMode.Full : MemoryMode.Chunked(4));   // fine-tune back and forth
        for (int i = 0; i < Steps; i++)
        {
            Assert.Equal(full[i], chunked[i], 1e-10);
            Assert.Equal(full[i], switching[i], 1e-10);
        }
        Assert.True(full[^1] < full[0], "the loss curve must go down, or the test tells nothing");
    }

    static (nn.Module Module, ISliceableCausalModel Model) Build(string kind)
    {
        if (kind == "tiny")
        {
            var tiny = new TinyLinearCausalModel(Vocab, 8, 2, 2, Length + 1, seed: 21);
            return (tiny, tiny);
        }
        var lm = PerformerLmSlimTests.Model(PositionKind.Rotary, vocab: Vocab, length: Length);
        return (lm, new PerformerLmSlices(lm));
    }

    static double[] Curve(string kind, Func<int, MemoryMode> modeAt)
    {
        using var scope = torch.NewDisposeScope();
        var (module, model) = Build(kind);
        using var _ = module;
        using var optimizer = torch.optim.AdamW(module.parameters(), lr: 0.02);
        var curve = new double[Steps];
        for (int step = 0; step < Steps; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            // One batch every step: from a near-uniform start (ln V) only a repeated batch makes the loss fall reliably in 5 steps.
            var batch = SlimTestData.PaddedBatch(Vocab, Length, seed: 100);
            optimizer.zero_grad();
            curve[step] = SlimTraining.LossAndGradients(model, batch, modeAt(step)).Loss;
            optimizer.step();
        }
        return curve;
    }
}
