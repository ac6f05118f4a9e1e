using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Modules;

public class RedrawAndPersistenceTests
{
    static PerformerConfig Config(RedrawPolicy redraw, long seed = 9) => new()
    {
        VocabSize = 11, Dim = 16, Depth = 2, Heads = 2, Dropout = 0, MaxLength = 32,
        Attention = new AttentionConfig { NumFeatures = 8, Seed = seed, Redraw = redraw },
    };

    static Tensor Projection(PerformerLM lm, int layer = 0) => lm.Layers[layer].Attention.Projection.clone();

    [Fact]
    public void SameSeedSameModelProjectionsDifferAcrossLayers()
    {
        using var scope = NewDisposeScope();
        using var a = new PerformerLM(Config(RedrawPolicy.Fixed));
        using var b = new PerformerLM(Config(RedrawPolicy.Fixed));
        using var c = new PerformerLM(Config(RedrawPolicy.Fixed, seed: 10));
        Assert.Equal(0, ReferenceAttention.MaxAbsDiff(Projection(a), Projection(b)));
        Assert.True(ReferenceAttention.MaxAbsDiff(Projection(a), Projection(c)) > 0);
        Assert.True(ReferenceAttention.MaxAbsDiff(Projection(a, 0), Projection(a, 1)) > 0);
    }

    [Fact]
    public void EveryNStepsRedrawsOnScheduleAndReproducibly()
    {
        using var scope = NewDisposeScope();
        using var lm = new PerformerLM(Config(RedrawPolicy.EveryNSteps(3)));
        var p0 = Projection(lm);
        lm.OnTrainingStep(1); lm.OnTrainingStep(2);
        Assert.Equal(0, ReferenceAttention.MaxAbsDiff(Projection(lm), p0));
        lm.OnTrainingStep(3);
        var p3 = Projection(lm);
        Assert.True(ReferenceAttention.MaxAbsDiff(p3, p0) > 0);

        // A model resumed at step 3 draws the same projection at step 6 as one that ran through.
        lm.OnTrainingStep(4); lm.OnTrainingStep(5); lm.OnTrainingStep(6);
        using var resumed = new PerformerLM(Config(RedrawPolicy.EveryNSteps(3)));
        resumed.OnTrainingStep(6);
        Assert.Equal(0, ReferenceAttention.MaxAbsDiff(Projection(resumed), Projection(lm)));
    }

    [Fact]
    public void FixedNeverRedrawsAndFrozenIgnoresThePolicy()
    {
        using var scope = NewDisposeScope();
        using var fixedLm = new PerformerLM(Config(RedrawPolicy.Fixed));
        var p0 = Projection(fixedLm);
        for (int s = 1; s <= 5; s++) fixedLm.OnTrainingStep(s);
        Assert.Equal(0, ReferenceAttention.MaxAbsDiff(Projection(fixedLm), p0));

        using var frozen = new PerformerLM(Config(RedrawPolicy.EveryNSteps(1)));
        frozen.Encoder.FreezeProjections();
        var f0 = Projection(frozen);
        frozen.OnTrainingStep(1);
        Assert.Equal(0, ReferenceAttention.MaxAbsDiff(Projection(frozen), f0));
    }

    [Fact]
    public void EveryCallRedrawsInTrainingOnly()
    {
        using var scope = NewDisposeScope();
        using var lm = new PerformerLM(Config(RedrawPolicy.EveryCall));
        var tokens = randint(0, 11, new long[] { 1, 6 }, generator: new Generator(1, CPU));
        lm.eval();
        var p0 = Projection(lm);
        lm.forward(tokens, null);
        Assert.Equal(0, ReferenceAttention.MaxAbsDiff(Projection(lm), p0));
        lm.train();
        lm.forward(tokens, null);
        var p1 = Projection(lm);
        lm.forward(tokens, null);
        Assert.True(ReferenceAttention.MaxAbsDiff(p1, p0) > 0);
        Assert.True(ReferenceAttention.MaxAbsDiff(Projection(lm), p1) > 0);
    }

    [Fact]
    public void SaveLoadRoundTripRestoresWeightsAndProjections()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"helix-attn-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
        try
        {
            manual_seed(1);
            using var a = new PerformerLM(Config(RedrawPolicy.EveryNSteps(1)));
            a.OnTrainingStep(1);                                  // projections differ from a fresh model's
            a.eval();
            a.save(path);
            manual_seed(2);
            using var b = new PerformerLM(Config(RedrawPolicy.EveryNSteps(1), seed: 77));
            b.load(path);
            b.eval();
            var tokens = randint(0, 11, new long[] { 2, 7 }, generator: new Generator(3, CPU));
            Assert.Equal(0, ReferenceAttention.MaxAbsDiff(a.forward(tokens, null), b.forward(tokens, null)));
            Assert.Equal(0, ReferenceAttention.MaxAbsDiff(Projection(a, 1), Projection(b, 1)));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ExactAndFavorModelsExchangeWeights()
    {
        using var scope = NewDisposeScope();
        var exactConfig = Config(RedrawPolicy.Fixed) with { Attention = new AttentionConfig { Mechanism = AttentionMechanism.Exact, NumFeatures = 8 } };
        using var exact = new PerformerLM(exactConfig);
        using var favor = new PerformerLM(Config(RedrawPolicy.Fixed));
        favor.load_state_dict(exact.state_dict());
        exact.load_state_dict(favor.state_dict());
        Assert.Equal(exact.state_dict().Keys.Order(), favor.state_dict().Keys.Order());
    }
}
