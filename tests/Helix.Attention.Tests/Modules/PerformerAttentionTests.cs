using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Modules;

public class PerformerAttentionTests
{
    static Tensor Randn(long seed, params long[] shape) => randn(shape, ScalarType.Float64, generator: new Generator((ulong)seed, CPU));

    [Fact]
    public void TrainedExactWeightsServeAPerformerAndComeBackUnchanged()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var exact = new MultiheadAttention(16, 2, new AttentionConfig { Mechanism = AttentionMechanism.Exact });
        exact.to(ScalarType.Float64).eval();
        using (no_grad()) foreach (var p in exact.parameters()) p.mul_(0.3);   // small logits: FAVOR+ is accurate there
        var x = Randn(1, 2, 12, 16);
        var expected = exact.forward(x, x, x, null);

        using var favor = PerformerAttention.WithMechanism(exact, new AttentionConfig { Mechanism = AttentionMechanism.Favor, NumFeatures = 4096, Seed = 3 });
        Assert.Equal(ScalarType.Float64, favor.Projection.dtype);
        Assert.False(favor.training);
        var approx = favor.forward(x, x, x, null);
        double relative = ((approx - expected).norm() / expected.norm()).item<double>();
        Assert.True(relative < 0.05, $"FAVOR+ with the exact model's weights is {relative:G3} away (relative)");

        using var back = PerformerAttention.WithMechanism(favor, new AttentionConfig { Mechanism = AttentionMechanism.Exact });
        Assert.Equal(0.0, (back.forward(x, x, x, null) - expected).abs().max().item<double>());
    }

    [Fact]
    public void CreateIsFavorPlusWithTheAskedFeatures()
    {
        using var mha = PerformerAttention.Create(32, 4, numFeatures: 48, causal: true, seed: 9);
        Assert.Equal(AttentionMechanism.Favor, mha.Config.Mechanism);
        Assert.Equal(48, mha.Config.NumFeatures);
        Assert.True(mha.Causal);
        Assert.Equal(new long[] { 48, 8 }, mha.Projection.shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => PerformerAttention.Create(32, 4, numFeatures: 0));
    }
}
