using static TorchSharp.torch;

namespace Helix.Orthogonal.Tests;

/// <summary>Small helpers shared by the tests.</summary>
internal static class TestTensors
{
    public static Tensor Randn(long seed, ScalarType dtype, params long[] shape)
    {
        var g = new TorchSharp.torch.Generator((ulong)seed);
        return randn(shape, dtype: dtype, generator: g);
    }

    public static double MaxAbs(Tensor a, Tensor b)
    {
        using var _ = NewDisposeScope();
        using var ng = no_grad();
        return (a.to_type(ScalarType.Float64) - b.to_type(ScalarType.Float64)).abs().max().item<double>();
    }

    /// <summary>Largest |autograd − central difference| of a scalar function's gradient, over all entries of p (float64).</summary>
    public static double GradientError(Func<Tensor, Tensor> f, Tensor p0, double h = 1e-6)
    {
        using var _ = NewDisposeScope();
        var p = p0.detach().clone().requires_grad_(true);
        var loss = f(p);
        loss.backward();
        var grad = p.grad!.clone();
        var flat = p0.detach().clone().reshape(-1);
        double worst = 0;
        using var ng = no_grad();
        var g = grad.reshape(-1);
        for (long i = 0; i < flat.shape[0]; i++)
        {
            double x = flat[i].item<double>();
            flat[i] = x + h;
            double plus = f(flat.reshape(p0.shape)).item<double>();
            flat[i] = x - h;
            double minus = f(flat.reshape(p0.shape)).item<double>();
            flat[i] = x;
            double fd = (plus - minus) / (2 * h);
            worst = Math.Max(worst, Math.Abs(fd - g[i].item<double>()) / Math.Max(1.0, Math.Abs(fd)));
        }
        return worst;
    }
}
