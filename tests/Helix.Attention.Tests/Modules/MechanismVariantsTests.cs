using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Modules;

/// <summary>Every feature map works in the module, bidirectional and causal, with padding and exact gradients.</summary>
public class MechanismVariantsTests
{
    public static TheoryData<AttentionMechanism, FeatureMapKind, bool> Variants()
    {
        var data = new TheoryData<AttentionMechanism, FeatureMapKind, bool>();
        foreach (var causal in new[] { false, true })
        {
            foreach (var map in new[] { FeatureMapKind.SoftmaxPositive, FeatureMapKind.SoftmaxHyperbolic, FeatureMapKind.Trigonometric })
                data.Add(AttentionMechanism.Favor, map, causal);
            foreach (var map in new[] { FeatureMapKind.Relu, FeatureMapKind.EluPlusOne, FeatureMapKind.Custom })
                data.Add(AttentionMechanism.Generalized, map, causal);
        }
        return data;
    }

    static MultiheadAttention Make(AttentionMechanism mechanism, FeatureMapKind map, bool causal, bool project = true)
    {
        manual_seed(4);
        var mha = new MultiheadAttention(8, 2, new AttentionConfig
        {
            Mechanism = mechanism, FeatureMap = map, NumFeatures = 6, UseProjectionForGeneralized = project,
            CustomFeature = map == FeatureMapKind.Custom ? u => u.square() + 0.1 : null, Seed = 3,
        }, causal);
        mha.to(ScalarType.Float64);
        return mha;
    }

    /// <summary>Padded keys are ignored: padding the tail equals truncating it; output finite; gradient matches finite differences.</summary>
    [Theory]
    [MemberData(nameof(Variants))]
    public void PaddingAndGradientsAreExact(AttentionMechanism mechanism, FeatureMapKind map, bool causal)
    {
        using var scope = NewDisposeScope();
        using var mha = Make(mechanism, map, causal);
        var g = new Generator(6, CPU);
        var x = (randn(new long[] { 1, 7, 8 }, ScalarType.Float64, generator: g) * 0.5).requires_grad_();
        var mask = zeros(1, 7, dtype: ScalarType.Bool);
        mask[0, 5] = true; mask[0, 6] = true;
        var padded = mha.forward(x, x, x, mask);
        var cut = x.narrow(1, 0, 5);
        var truncated = mha.forward(cut, cut, cut, null);
        Assert.True(ReferenceAttention.MaxAbsDiff(padded.narrow(1, 0, 5), truncated) < 1e-12);

        var w = randn(new long[] { 1, 7, 8 }, ScalarType.Float64, generator: g);
        Func<double> loss = () => (mha.forward(x, x, x, null) * w).sum().item<double>();
        var grad = autograd.grad(new[] { (mha.forward(x, x, x, null) * w).sum() }, new[] { x })[0];
        var flat = x.detach().view(-1);
        foreach (long i in new long[] { 0, 13, 55 })
        {
            double orig = flat[i].item<double>(), h = 1e-6, plus, minus;
            using (no_grad()) { flat[i] = orig + h; plus = loss(); flat[i] = orig - h; minus = loss(); flat[i] = orig; }
            double numeric = (plus - minus) / (2 * h), analytic = grad.reshape(-1)[i].item<double>();
            Assert.True(Math.Abs(numeric - analytic) < 1e-6 * Math.Max(1, Math.Abs(numeric)), $"index {i}: {numeric} vs {analytic}");
        }
    }

    [Fact]
    public void GeneralizedWithoutProjectionUsesHeadSizeFeatures()
    {
        using var scope = NewDisposeScope();
        using var mha = Make(AttentionMechanism.Generalized, FeatureMapKind.EluPlusOne, causal: true, project: false);
        Assert.Equal(4, mha.FeatureCount);
        var x = randn(new long[] { 2, 5, 8 }, ScalarType.Float64);
        Assert.Equal(new long[] { 2, 5, 8 }, mha.forward(x, x, x, null).shape);
    }

    /// <summary>Causal attention never looks ahead: changing a later token leaves earlier outputs unchanged.</summary>
    [Fact]
    public void CausalOutputsIgnoreFutureTokens()
    {
        using var scope = NewDisposeScope();
        using var mha = Make(AttentionMechanism.Favor, FeatureMapKind.SoftmaxPositive, causal: true);
        var x = randn(new long[] { 1, 9, 8 }, ScalarType.Float64, generator: new Generator(2, CPU));
        var y = x.clone();
        y[0, 6] = y[0, 6] * 5 + 3;
        var a = mha.forward(x, x, x, null);
        var b = mha.forward(y, y, y, null);
        Assert.True(ReferenceAttention.MaxAbsDiff(a.narrow(1, 0, 6), b.narrow(1, 0, 6)) < 1e-12);
        Assert.True(ReferenceAttention.MaxAbsDiff(a.narrow(1, 6, 3), b.narrow(1, 6, 3)) > 1e-6);
    }
}
