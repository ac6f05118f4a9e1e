using System.Runtime.InteropServices;
using Helix.Bilevel.Estimators;
using static TorchSharp.torch;

namespace Helix.Bilevel.Tests.Estimators;

/// <summary>
/// Peak heap use during an estimate, from glibc's mallinfo2 (bytes in use, arena plus mmapped chunks), sampled at
/// the end of every loss evaluation: then that evaluation's graph and everything the estimator keeps alive (earlier
/// graphs, snapshots) are allocated.
/// libtorch's CPU allocator is plain malloc, so this counts tensor storage exactly, without RSS caching noise.
/// </summary>
public class MemoryTests
{
    [StructLayout(LayoutKind.Sequential)]
    struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    static extern MallInfo2 MallInfo();

    static long InUse()
    {
        var m = MallInfo();
        return (long)m.Uordblks + (long)m.Hblkhd;
    }

    static long PeakExtra(Func<BilevelTask, TaskGradient> estimate, int seed)
    {
        using var g = new Generator((ulong)seed);
        const int batch = 1024;
        var x = randn(new long[] { batch, 8 }, dtype: ScalarType.Float64, generator: g);
        var y = randn(new long[] { batch, 1 }, dtype: ScalarType.Float64, generator: g);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long baseline = InUse(), peak = baseline;
        Tensor Loss(IReadOnlyList<Tensor> w)
        {
            var loss = (nn.functional.linear(nn.functional.linear(x, w[0]).tanh(), w[1]) - y).square().mean();
            peak = Math.Max(peak, InUse());   // this evaluation's graph is alive now, with everything kept before it
            return loss;
        }
        using (var s = NewDisposeScope()) estimate(new BilevelTask(Loss, Loss));
        return peak - baseline;
    }

    [Fact]
    public void Exact_memory_is_flat_in_r_while_the_unrolled_reference_grows()
    {
        if (!OperatingSystem.IsLinux()) return;
        int threads = get_num_threads();
        set_num_threads(1);   // per-thread scratch buffers stay out of the count
        try { Measure(); }
        finally { set_num_threads(threads); }
    }

    static void Measure()
    {
        long Exact(int r) => PeakExtra(t => Hypergradient.Exact(Params(), t, new InnerLoop(r, 0.05)), 1);
        long Unrolled(int r) => PeakExtra(t => Hypergradient.Unrolled(Params(), t, new InnerLoop(r, 0.05)), 1);
        Exact(5);   // warm-up: thread pools and allocator arenas appear once
        long e5 = Exact(5), e25 = Exact(25);
        long u4 = Unrolled(4), u12 = Unrolled(12);
        // Unrolled keeps one inner step's graph per step; exact keeps none. MKL and allocator buffers add a few MB
        // of noise that does not grow with r, so the check is on the growth per step, against the reference's.
        double exactPerStep = (e25 - e5) / 20.0, unrolledPerStep = (u12 - u4) / 8.0;
        Assert.True(e5 > 1_000_000, $"exact r=5 peak {e5} B: the graph should dominate");
        Assert.True(unrolledPerStep > 0.5 * e5, $"unrolled: r=4 {u4} B, r=12 {u12} B");
        Assert.True(exactPerStep < 0.05 * unrolledPerStep, $"exact: r=5 {e5} B, r=25 {e25} B; unrolled r=4 {u4} B, r=12 {u12} B");
    }

    static Tensor[]? _params;
    static Tensor[] Params()
    {
        using var g = new Generator(3);
        return _params ??= new[]
        {
            (randn(new long[] { 256, 8 }, dtype: ScalarType.Float64, generator: g) * 0.2).DetachFromDisposeScope(),
            (randn(new long[] { 1, 256 }, dtype: ScalarType.Float64, generator: g) * 0.1).DetachFromDisposeScope(),
        };
    }
}
