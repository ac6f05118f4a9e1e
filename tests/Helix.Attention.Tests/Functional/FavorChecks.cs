using TorchSharp;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Functional;

/// <summary>Checks the fused FAVOR+ paths share: gradients against finite differences, and what a graph holds.</summary>
internal static class FavorChecks
{
    /// <summary>The output and the gradients of q, k and v for upstream gradient <paramref name="gOut"/>, from fresh leaves.</summary>
    public static Tensor[] ValueAndGradients(Tensor q, Tensor k, Tensor v, Tensor gOut, Func<Tensor, Tensor, Tensor, Tensor> f)
    {
        var (qq, kk, vv) = (q.detach().requires_grad_(), k.detach().requires_grad_(), v.detach().requires_grad_());
        var o = f(qq, kk, vv);
        o.backward(new[] { gOut });
        return new[] { o.detach(), qq.grad!, kk.grad!, vv.grad! };
    }

    /// <summary>
    /// Central differences (float64, step 1e-6) of <paramref name="loss"/> at the given flat entries of each input
    /// (negative: from the end; past the end: the last)
    /// against the gradient already in its <c>.grad</c>.
    /// </summary>
    public static void GradientsMatchFiniteDifferences(Func<double> loss, long[] entries, params (Tensor X, string Name)[] inputs)
    {
        const double h = 1e-6;
        foreach (var (x, name) in inputs)
        {
            var flat = x.detach().view(-1);
            var grad = x.grad!.view(-1);
            foreach (long e in entries)
            {
                long i = e < 0 ? flat.shape[0] + e : Math.Min(e, flat.shape[0] - 1);
                double orig = flat[i].ToDouble();
                using (no_grad()) flat[i] = tensor(orig + h, ScalarType.Float64);
                double plus = loss();
                using (no_grad()) flat[i] = tensor(orig - h, ScalarType.Float64);
                double minus = loss();
                using (no_grad()) flat[i] = tensor(orig, ScalarType.Float64);
                double fd = (plus - minus) / (2 * h), an = grad[i].ToDouble();
                Assert.True(Math.Abs(fd - an) <= 1e-6 * Math.Max(1, Math.Abs(fd)), $"d{name}[{i}]: analytic {an} vs finite difference {fd}");
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    struct MallInfo2 { public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost; }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    static extern MallInfo2 MallInfo();

    static double HeapBytes() { var m = MallInfo(); return (double)m.Uordblks + m.Hblkhd; }

    /// <summary>
    /// While the graph is alive (after forward, before backward), <paramref name="fused"/> holds about its inputs' and
    /// output's worth, not the [B, H, L, m] features that <paramref name="twoStep"/> keeps (glibc heap in use; Linux only).
    /// </summary>
    public static void GraphDoesNotKeepTheFeatures(Func<Tensor, Tensor, Tensor, Tensor, Tensor> fused, Func<Tensor, Tensor, Tensor, Tensor, Tensor> twoStep)
    {
        if (!OperatingSystem.IsLinux()) return;
        const long L = 4096, H = 2, D = 16, M = 128;
        var g = new Generator(2, CPU);
        using var q = randn(new long[] { 1, H, L, D }, generator: g).requires_grad_();
        using var k = randn(new long[] { 1, H, L, D }, generator: g).requires_grad_();
        using var v = randn(new long[] { 1, H, L, D }, generator: g).requires_grad_();
        using var w = RandomProjections.Draw(ProjectionKind.Orthogonal, RowNormKind.Chi, (int)M, (int)D, seed: 1);
        double featureBytes = L * H * M * 4.0, ioBytes = 4.0 * L * H * D * 4;
        double Held(Func<Tensor> forward)
        {
            using var scope = NewDisposeScope();
            double before = HeapBytes();
            var o = forward();
            double held = HeapBytes() - before;
            o.sum().backward();
            return held;
        }
        Held(() => fused(q, k, v, w));   // warm-up
        double heldFused = Held(() => fused(q, k, v, w));
        double heldTwoStep = Held(() => twoStep(q, k, v, w));
        Assert.True(heldTwoStep > 2 * featureBytes, $"the two-step path should hold its features: {heldTwoStep / 1048576:F1} MiB");
        Assert.True(heldFused < ioBytes + featureBytes / 2, $"the fused path holds {heldFused / 1048576:F1} MiB (features would be {2 * featureBytes / 1048576:F1} MiB)");
    }
}
