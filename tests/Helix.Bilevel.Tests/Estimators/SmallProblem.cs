using Helix.Bilevel.Estimators;
using static TorchSharp.torch;

namespace Helix.Bilevel.Tests.Estimators;

/// <summary>A float64 two-layer tanh network regression task: L_train on one batch, L_test on another.</summary>
internal static class SmallProblem
{
    public static (Tensor[] Theta, BilevelTask Task) Make(int seed, int hidden = 5, int batch = 8)
    {
        using var g = new Generator((ulong)seed);
        var theta = new[]
        {
            randn(new long[] { hidden, 3 }, dtype: ScalarType.Float64, generator: g) * 0.7,
            randn(new long[] { hidden }, dtype: ScalarType.Float64, generator: g) * 0.1,
            randn(new long[] { 2, hidden }, dtype: ScalarType.Float64, generator: g) * 0.7,
            randn(new long[] { 2 }, dtype: ScalarType.Float64, generator: g) * 0.1,
        };
        var xs = randn(new long[] { batch, 3 }, dtype: ScalarType.Float64, generator: g);
        var ys = randn(new long[] { batch, 2 }, dtype: ScalarType.Float64, generator: g);
        var xq = randn(new long[] { batch, 3 }, dtype: ScalarType.Float64, generator: g);
        var yq = randn(new long[] { batch, 2 }, dtype: ScalarType.Float64, generator: g);
        Tensor Net(Tensor x, IReadOnlyList<Tensor> w) => nn.functional.linear(nn.functional.linear(x, w[0], w[1]).tanh(), w[2], w[3]);
        var task = new BilevelTask(w => (Net(xs, w) - ys).square().mean(), w => (Net(xq, w) - yq).square().mean());
        return (theta, task);
    }
}
