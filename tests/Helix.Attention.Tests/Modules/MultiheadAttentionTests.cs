using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Modules;

public class MultiheadAttentionTests
{
    static Tensor Randn(long seed, params long[] shape) => randn(shape, ScalarType.Float64, generator: new Generator((ulong)seed, CPU));

    static MultiheadAttention Make(AttentionMechanism mechanism, bool causal = false, int m = 64, long seed = 1)
    {
        manual_seed(seed);
        var mha = new MultiheadAttention(16, 2, new AttentionConfig { Mechanism = mechanism, NumFeatures = m, Seed = seed }, causal);
        mha.to(ScalarType.Float64);
        mha.eval();
        return mha;
    }

    /// <summary>The module's exact path against attention written out by hand with the module's own weights.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExactMatchesHandWrittenSoftmaxAttention(bool causal)
    {
        using var scope = NewDisposeScope();
        using var mha = Make(AttentionMechanism.Exact, causal);
        var x = Randn(2, 2, 9, 16);
        var mask = zeros(2, 9, dtype: ScalarType.Bool);
        mask[1, 7] = true; mask[1, 8] = true;
        var got = mha.forward(x, x, x, mask);
        var p = mha.state_dict();
        Tensor Proj(string n, Tensor t) => nn.functional.linear(t, p[n + ".weight"], p[n + ".bias"]);
        Tensor Heads(Tensor t) => t.view(2, 9, 2, 8).transpose(1, 2);
        var o = ReferenceAttention.Softmax(Heads(Proj("q_proj", x)), Heads(Proj("k_proj", x)), Heads(Proj("v_proj", x)), mask, causal);
        var expected = Proj("out_proj", o.transpose(1, 2).reshape(2, 9, 16));
        Assert.True(ReferenceAttention.MaxAbsDiff(got, expected) < 1e-12);
    }

    [Fact]
    public void FavorApproachesExactAndPaddedKeysCountForNothing()
    {
        using var scope = NewDisposeScope();
        using var exact = Make(AttentionMechanism.Exact);
        using var favor = Make(AttentionMechanism.Favor, m: 4096);
        favor.load_state_dict(exact.state_dict(), strict: false, skip: new[] { "projection" });
        var q = Randn(3, 2, 6, 16) * 0.5;
        var kv = Randn(4, 2, 11, 16) * 0.5;                 // cross-attention: 11 keys for 6 queries
        var mask = zeros(2, 11, dtype: ScalarType.Bool);
        mask[0, 10] = true; mask[1, 3] = true;
        var a = favor.forward(q, kv, kv, mask);
        var e = exact.forward(q, kv, kv, mask);
        Assert.True(ReferenceAttention.RelativeError(a, e) < 0.05, $"relative error {ReferenceAttention.RelativeError(a, e)}");

        // Padding a key must equal removing it (numerator and denominator); huge values in padded slots change nothing.
        var poisoned = kv.clone();
        poisoned[0, 10] = full(16, 50.0, dtype: ScalarType.Float64);
        var b = favor.forward(q, poisoned, poisoned, mask);
        Assert.True(ReferenceAttention.MaxAbsDiff(a, b) < 1e-12);
        var trimmed = favor.forward(q.narrow(0, 0, 1), kv.narrow(0, 0, 1).narrow(1, 0, 10), kv.narrow(0, 0, 1).narrow(1, 0, 10), null);
        Assert.True(ReferenceAttention.MaxAbsDiff(a.narrow(0, 0, 1), trimmed) < 1e-12);
    }

    [Fact]
    public void StateDictsMoveBetweenMechanismsStrictly()
    {
        using var scope = NewDisposeScope();
        using var exact = Make(AttentionMechanism.Exact, seed: 1);
        using var favor = Make(AttentionMechanism.Favor, seed: 2);
        favor.load_state_dict(exact.state_dict());
        exact.load_state_dict(favor.state_dict());
        foreach (var (name, t) in exact.state_dict())
            Assert.True(ReferenceAttention.MaxAbsDiff(t, favor.state_dict()[name]) == 0, name);
    }
}
