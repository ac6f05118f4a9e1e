using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Functional;

/// <summary>
/// The fused causal FAVOR+ / FAVOR++ carrying a prefix state (<see cref="FavorFunctional.CausalSoftmaxWithState"/>,
/// what SLiM's slices use) equals the two-step path that carries it (<see cref="FavorFunctional.CausalWithState"/> on
/// the same features) in output, final state and every gradient, the initial state's included; slices chained through
/// it equal one pass; its gradients match finite differences.
/// </summary>
public class FusedCausalStateTests
{
    const long B = 2, H = 3, D = 8, E = 5, M = 24;

    static (Tensor Q, Tensor K, Tensor V, Tensor W, Tensor Keep, Tensor S0) Inputs(long len)
    {
        var g = new Generator(41, CPU);
        var q = randn(new long[] { B, H, len, D }, ScalarType.Float64, generator: g);
        var k = randn(new long[] { B, H, len, D }, ScalarType.Float64, generator: g);
        var v = randn(new long[] { B, H, len, E }, ScalarType.Float64, generator: g);
        var w = RandomProjections.Draw(ProjectionKind.Orthogonal, RowNormKind.Chi, (int)M, (int)D, seed: 7, ScalarType.Float64);
        var keep = ones(new long[] { B, 1, len }, ScalarType.Bool);
        keep[1, 0, TensorIndex.Slice(len - 4)] = tensor(false);
        keep[0, 0, 2] = tensor(false);
        // A prefix state as earlier keys would leave it: positive sums in the last column, values in the others.
        var earlier = FeatureMaps.SoftmaxPositive(randn(new long[] { B, H, 6, D }, ScalarType.Float64, generator: g), w, FeatureStabilizer.None);
        var s0 = earlier.transpose(-1, -2).matmul(cat(new[] { randn(new long[] { B, H, 6, E }, ScalarType.Float64, generator: g), ones(B, H, 6, 1, ScalarType.Float64) }, -1));
        return (q, k, v, w, keep, s0);
    }

    static (Tensor Output, Tensor Final) TwoStep(Tensor q, Tensor k, Tensor v, Tensor w, Tensor? keep, Tensor? s0, double a)
    {
        var at = full(1, a, dtype: q.dtype);
        Tensor Phi(Tensor x, FeatureStabilizer st, Tensor? kp) =>
            a == 0 ? FeatureMaps.SoftmaxPositive(x, w, st, kp) : FeatureMaps.OptimalPositive(x, w, at, st, kp);
        var initial = s0 is null ? null : new CausalState(s0.narrow(-1, 0, E), s0.select(-1, E));
        var (o, fin) = FavorFunctional.CausalWithState(Phi(q, FeatureStabilizer.PerRow, null), Phi(k, FeatureStabilizer.None, keep), v, initial);
        return (o, cat(new[] { fin.S, fin.Z.unsqueeze(-1) }, -1));
    }

    /// <summary>Output, final state, and the gradients of q, k, v and S0 for a loss ⟨gOut, output⟩ + ⟨gFinal, final⟩.</summary>
    static Tensor[] All(Tensor q, Tensor k, Tensor v, Tensor s0, Tensor gOut, Tensor? gFinal, Func<Tensor, Tensor, Tensor, Tensor, (Tensor, Tensor)> f)
    {
        var leaves = new[] { q, k, v, s0 }.Select(t => t.detach().requires_grad_()).ToArray();
        var (o, fin) = f(leaves[0], leaves[1], leaves[2], leaves[3]);
        var loss = (o * gOut).sum();
        if (gFinal is not null) loss = loss + (fin * gFinal).sum();
        loss.backward();
        return new[] { o.detach(), fin.detach() }.Concat(leaves.Select(l => l.grad!)).ToArray();
    }

    [Theory]
    [InlineData(4L, true, true, 0.0)]
    [InlineData(5L, false, true, 0.0)]
    [InlineData(16L, true, false, 0.0)]
    [InlineData(4L, true, true, -0.05)]
    public void EqualsTheTwoStepPathWithState(long block, bool padded, bool finalGradient, double a)
    {
        using var scope = NewDisposeScope();
        const long L = 29;
        var (q, k, v, w, keepAll, s0) = Inputs(L);
        var keep = padded ? keepAll : null;
        var g = new Generator(3, CPU);
        var gOut = randn(new long[] { B, H, L, E }, ScalarType.Float64, generator: g);
        var gFinal = finalGradient ? randn(new long[] { B, H, M, E + 1 }, ScalarType.Float64, generator: g) : null;
        var expected = All(q, k, v, s0, gOut, gFinal, (x, y, z, s) => TwoStep(x, y, z, w, keep, s, a));
        var actual = All(q, k, v, s0, gOut, gFinal, (x, y, z, s) => FavorFunctional.CausalSoftmaxWithState(x, y, z, w, keep, s, block, a));
        string[] names = { "output", "final state", "dq", "dk", "dv", "dS0" };
        for (int i = 0; i < names.Length; i++)
        {
            double err = (actual[i] - expected[i]).abs().max().ToDouble(), size = expected[i].abs().max().ToDouble();
            Assert.True(err <= 1e-12 * Math.Max(1, size), $"{names[i]}: max error {err:G3} (scale {size:G3})");
        }
        using (no_grad())
        {
            var (o, fin) = FavorFunctional.CausalSoftmaxWithState(q, k, v, w, keep, s0, block, a);
            Assert.True((o - expected[0]).abs().max().ToDouble() <= 1e-12 * Math.Max(1, expected[0].abs().max().ToDouble()), "no-grad output");
            Assert.True((fin - expected[1]).abs().max().ToDouble() <= 1e-12 * Math.Max(1, expected[1].abs().max().ToDouble()), "no-grad final state");
        }
    }

    /// <summary>Three slices chained through the state give one pass's output, final state and gradients (the same block size).</summary>
    [Fact]
    public void ChainedSlicesEqualOnePass()
    {
        using var scope = NewDisposeScope();
        const long L = 40;
        var (q, k, v, w, keep, _) = Inputs(L);
        var gOut = randn(new long[] { B, H, L, E }, ScalarType.Float64, generator: new Generator(5, CPU));
        var zero = zeros(B, H, M, E + 1, ScalarType.Float64);
        var one = All(q, k, v, zero, gOut, null, (x, y, z, s) => FavorFunctional.CausalSoftmaxWithState(x, y, z, w, keep, null, 4));
        long[] cuts = { 0, 13, 27, L };
        var sliced = All(q, k, v, zero, gOut, null, (x, y, z, s) =>
        {
            Tensor? state = null;
            var outs = new List<Tensor>();
            for (int i = 0; i + 1 < cuts.Length; i++)
            {
                long start = cuts[i], n = cuts[i + 1] - cuts[i];
                var (o, fin) = FavorFunctional.CausalSoftmaxWithState(x.narrow(2, start, n), y.narrow(2, start, n), z.narrow(2, start, n), w,
                    keep.narrow(-1, start, n), state, 4);
                outs.Add(o);
                state = fin;
            }
            return (cat(outs.ToArray(), 2), state!);
        });
        string[] names = { "output", "final state", "dq", "dk", "dv" };
        for (int i = 0; i < names.Length; i++)
            Assert.True((one[i] - sliced[i]).abs().max().ToDouble() <= 1e-12 * Math.Max(1, one[i].abs().max().ToDouble()), names[i]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.07)]
    public void GradientsMatchFiniteDifferences(double a)
    {
        using var scope = NewDisposeScope();
        var (q0, k0, v0, w, keepAll, s00) = Inputs(9);
        var (q, k, v, s0) = (q0.requires_grad_(), k0.requires_grad_(), v0.requires_grad_(), s00.requires_grad_());
        var g = new Generator(8, CPU);
        var gOut = randn(new long[] { B, H, 9, E }, ScalarType.Float64, generator: g);
        var gFinal = randn(new long[] { B, H, M, E + 1 }, ScalarType.Float64, generator: g);
        Tensor Loss(Tensor x, Tensor y, Tensor z, Tensor s)
        {
            var (o, fin) = FavorFunctional.CausalSoftmaxWithState(x, y, z, w, keepAll, s, 4, a);
            return (o * gOut).sum() + (fin * gFinal).sum();
        }
        double Value() { using var sc = NewDisposeScope(); using var ng = no_grad(); return Loss(q, k, v, s0).ToDouble(); }
        Loss(q, k, v, s0).backward();
        FavorChecks.GradientsMatchFiniteDifferences(Value, [0, 17, 100, 150, -1], (q, "q"), (k, "k"), (v, "v"), (s0, "S0"));
    }
}
