using CsCheck;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Functional;

/// <summary>Causal FAVOR by chunked prefix sums against the explicit lower-triangular-mask reference.</summary>
public class CausalAttentionTests
{
    static (Tensor Q, Tensor K, Tensor V) PositiveFeatures(long seed, long b, long h, long len, long m, long dh, bool grad = false)
    {
        var g = new Generator((ulong)seed, CPU);
        var q = rand(new[] { b, h, len, m }, ScalarType.Float64, generator: g) + 0.05;
        var k = rand(new[] { b, h, len, m }, ScalarType.Float64, generator: g) + 0.05;
        var v = randn(new[] { b, h, len, dh }, ScalarType.Float64, generator: g);
        if (grad) { q.requires_grad_(); k.requires_grad_(); v.requires_grad_(); }
        return (q, k, v);
    }

    [Theory]
    [InlineData(1, 1, 5)]        // shorter than a chunk
    [InlineData(2, 3, 64)]       // exactly one chunk
    [InlineData(2, 2, 200)]      // several chunks plus a ragged tail
    public void ChunkedCausalEqualsTriangularMaskReference(long b, long h, long len)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = PositiveFeatures(len, b, h, len, 16, 8);
        var fast = FavorFunctional.Causal(q, k, v);
        var slow = FavorFunctional.CausalReference(q, k, v);
        Assert.True(ReferenceAttention.MaxAbsDiff(fast, slow) < 1e-10);
    }

    [Fact]
    public void StateCarriesAcrossSplitsAndEqualsStateContribution()
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = PositiveFeatures(7, 2, 2, 150, 12, 6);
        var whole = FavorFunctional.Causal(q, k, v);
        var (first, mid) = FavorFunctional.CausalWithState(q.narrow(2, 0, 70), k.narrow(2, 0, 70), v.narrow(2, 0, 70), null);
        var (second, end) = FavorFunctional.CausalWithState(q.narrow(2, 70, 80), k.narrow(2, 70, 80), v.narrow(2, 70, 80), mid);
        Assert.True(ReferenceAttention.MaxAbsDiff(cat(new[] { first, second }, 2), whole) < 1e-10);
        var all = FavorFunctional.StateContribution(k, v, null);
        Assert.True(ReferenceAttention.MaxAbsDiff(end.S, all.S) < 1e-10);
        Assert.True(ReferenceAttention.MaxAbsDiff(end.Z, all.Z) < 1e-10);
    }

    [Fact]
    public void CustomBackwardMatchesAutogradThroughNaiveVersion()
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = PositiveFeatures(3, 2, 2, 150, 10, 5, grad: true);
        var g = new Generator(11, CPU);
        var s0 = (rand(new long[] { 2, 2, 10, 5 }, ScalarType.Float64, generator: g)).requires_grad_();
        var z0 = (rand(new long[] { 2, 2, 10 }, ScalarType.Float64, generator: g) + 0.1).requires_grad_();
        var w = randn(new long[] { 2, 2, 150, 5 }, ScalarType.Float64, generator: g);
        var ws = randn(new long[] { 2, 2, 10, 5 }, ScalarType.Float64, generator: g);
        var wz = randn(new long[] { 2, 2, 10 }, ScalarType.Float64, generator: g);

        var (o, fin) = FavorFunctional.CausalWithState(q, k, v, new CausalState(s0, z0));
        var loss = (o * w).sum() + (fin.S * ws).sum() + (fin.Z * wz).sum();
        var fast = autograd.grad(new[] { loss }, new[] { q, k, v, s0, z0 });

        var (on, sn, zn) = NaiveWithState(q, k, v, s0, z0);
        var lossN = (on * w).sum() + (sn * ws).sum() + (zn * wz).sum();
        var slow = autograd.grad(new[] { lossN }, new[] { q, k, v, s0, z0 });
        for (int i = 0; i < 5; i++) Assert.True(ReferenceAttention.MaxAbsDiff(fast[i], slow[i]) < 1e-10, $"gradient {i}");
    }

    [Fact]
    public void CustomBackwardMatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = PositiveFeatures(5, 1, 1, 70, 4, 3, grad: true);
        var w = randn(new long[] { 1, 1, 70, 3 }, ScalarType.Float64, generator: new Generator(2, CPU));
        Func<Tensor> loss = () => (FavorFunctional.Causal(q, k, v) * w).sum();
        var grads = autograd.grad(new[] { loss() }, new[] { q, k, v });
        var inputs = new[] { q, k, v };
        const double h = 1e-6;
        for (int t = 0; t < 3; t++)
        {
            var flat = inputs[t].detach().view(-1);
            foreach (long idx in new long[] { 0, 17, flat.shape[0] / 2, flat.shape[0] - 1 })
            {
                double orig = flat[idx].item<double>(), plus, minus;
                using (no_grad()) { flat[idx] = orig + h; plus = loss().item<double>(); flat[idx] = orig - h; minus = loss().item<double>(); flat[idx] = orig; }
                double numeric = (plus - minus) / (2 * h);
                double analytic = grads[t].reshape(-1)[idx].item<double>();
                Assert.True(Math.Abs(numeric - analytic) < 1e-6 * Math.Max(1, Math.Abs(numeric)), $"input {t} index {idx}: {numeric} vs {analytic}");
            }
        }
    }

    /// <summary>Causal attention with an initial state, written with the explicit mask (autograd differentiates it).</summary>
    static (Tensor O, Tensor S, Tensor Z) NaiveWithState(Tensor q, Tensor k, Tensor v, Tensor s0, Tensor z0)
    {
        var a = q.matmul(k.transpose(-1, -2)).tril();
        var num = a.matmul(v) + q.matmul(s0);
        var den = a.sum(-1, keepdim: true) + q.matmul(z0.unsqueeze(-1));
        return (num / den, s0 + k.transpose(-1, -2).matmul(v), z0 + k.sum(-2));
    }

    /// <summary>Tiny chunks and segments force many segment boundaries in both sweeps of the kernel.</summary>
    [Theory]
    [InlineData(3, 1L)]      // one chunk per segment
    [InlineData(4, 2000L)]   // several chunks per segment, ragged last segment
    public void KernelAcrossManySegmentsMatchesNaiveValuesAndGradients(int chunk, long budget)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = PositiveFeatures(9, 1, 2, 37, 5, 4, grad: true);
        var s0 = rand(new long[] { 1, 2, 5, 4 }, ScalarType.Float64, generator: new Generator(3, CPU)).requires_grad_();
        var z0 = (rand(new long[] { 1, 2, 5 }, ScalarType.Float64, generator: new Generator(4, CPU)) + 0.1).requires_grad_();
        var (_, sn, _) = NaiveWithState(q, k, v, s0, z0);
        // The kernel sees v with a ones column (denominator) and S with Z as its last column.
        var vAug = cat(new[] { v, ones(1, 2, 37, 1, dtype: ScalarType.Float64) }, -1).reshape(2, 37, 5);
        var sAug = cat(new[] { s0, z0.unsqueeze(-1) }, -1).reshape(2, 5, 5);
        var (num, state) = CausalChunks.Forward(q.reshape(2, 37, 5), k.reshape(2, 37, 5), vAug, sAug, chunk, budget);
        var numRef = (q.matmul(k.transpose(-1, -2)).tril().matmul(vAug.view(1, 2, 37, 5)) + q.matmul(sAug.view(1, 2, 5, 5))).reshape(2, 37, 5);
        Assert.True(ReferenceAttention.MaxAbsDiff(num, numRef) < 1e-10);
        Assert.True(ReferenceAttention.MaxAbsDiff(state.narrow(-1, 0, 4).reshape(1, 2, 5, 4), sn) < 1e-10);

        var gAug = randn(new long[] { 2, 37, 5 }, ScalarType.Float64, generator: new Generator(7, CPU));
        var gsAug = randn(new long[] { 2, 5, 5 }, ScalarType.Float64, generator: new Generator(8, CPU));
        var (dq, dk, dv, ds0) = CausalChunks.Backward(q.reshape(2, 37, 5), k.reshape(2, 37, 5), vAug, sAug, gAug, gsAug, chunk, budget);
        var lossRef = (numRef * gAug).sum() + ((sAug + k.reshape(2, 37, 5).transpose(-1, -2).matmul(vAug)) * gsAug).sum();
        var refs = autograd.grad(new[] { lossRef }, new[] { q, k, s0, v });
        Assert.True(ReferenceAttention.MaxAbsDiff(dq.reshape(1, 2, 37, 5), refs[0]) < 1e-10);
        Assert.True(ReferenceAttention.MaxAbsDiff(dk.reshape(1, 2, 37, 5), refs[1]) < 1e-10);
        Assert.True(ReferenceAttention.MaxAbsDiff(ds0.narrow(-1, 0, 4).reshape(1, 2, 5, 4), refs[2]) < 1e-10);
        Assert.True(ReferenceAttention.MaxAbsDiff(dv.narrow(-1, 0, 4).reshape(1, 2, 37, 4), refs[3]) < 1e-10);
    }

    /// <summary>Property: for random shapes, chunked causal attention equals the explicit-mask reference.</summary>
    [Fact]
    public void ChunkedEqualsReferenceForRandomShapes()
    {
        CsCheck.Gen.Select(CsCheck.Gen.Int[1, 2], CsCheck.Gen.Int[1, 300], CsCheck.Gen.Int[1, 9], CsCheck.Gen.Int[1, 6], CsCheck.Gen.Int[0, 1000])
            .Sample((b, len, m, dh, seed) =>
            {
                using var scope = NewDisposeScope();
                var (q, k, v) = PositiveFeatures(seed, b, 2, len, m, dh);
                return ReferenceAttention.MaxAbsDiff(FavorFunctional.Causal(q, k, v), FavorFunctional.CausalReference(q, k, v)) < 1e-10;
            }, iter: 40);
    }
}
