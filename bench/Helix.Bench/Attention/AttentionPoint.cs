using System.Diagnostics;
using Helix.Attention;
using static TorchSharp.torch;

namespace Helix.Bench.Attention;

/// <summary>The shape of one benchmark point.</summary>
public sealed record AttentionShape(long Batch, long Heads, long Length, long HeadDim, int Features, long Block = 0);

/// <summary>Measures one method at one length in this process: median forward+backward seconds over a few repeats.</summary>
public static class AttentionPoint
{
    /// <summary>Points whose first pass takes more CPU seconds than this are reported by that one pass.</summary>
    public const double SinglePassSeconds = 5;

    /// <summary>
    /// Runs forward+backward of <paramref name="method"/> at least <paramref name="minRepeats"/> times (and about a second
    /// in all, after one warm-up); returns the median wall seconds and the median process CPU seconds of one pass (or the
    /// one pass of a point slower than <see cref="SinglePassSeconds"/>). CPU time is what other load on a shared machine
    /// cannot inflate (with one thread it equals the wall time of an idle machine).
    /// </summary>
    public static (double Wall, double Cpu) Measure(AttentionMethod method, AttentionShape shape, int minRepeats = 3)
    {
        using var inputs = new AttentionInputs(shape);
        long? block = shape.Block > 0 ? shape.Block : null;
        (double Wall, double Cpu) Step() => inputs.TimePass(() => Forward(method, inputs.Q, inputs.K, inputs.V, inputs.Projection, block));

        var warm = Step();                                // warm-up: allocator and thread pool
        // Slow points are timed by their single (warm-up) pass, so that long exact runs stay within the time cap.
        if (warm.Cpu > SinglePassSeconds) return warm;
        if (warm.Cpu > 1) minRepeats = Math.Min(minRepeats, 2);
        var times = new List<(double Wall, double Cpu)>();
        var total = Stopwatch.StartNew();
        while (times.Count < minRepeats || (total.Elapsed.TotalSeconds < 1 && times.Count < 20)) times.Add(Step());
        return (Median(times.Select(t => t.Wall)), Median(times.Select(t => t.Cpu)));
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    static double CpuSeconds()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalSeconds;
    }

    static Tensor Forward(AttentionMethod method, Tensor q, Tensor k, Tensor v, Tensor projection, long? block) => method switch
    {
        AttentionMethod.Sdpa => nn.functional.scaled_dot_product_attention(q, k, v),
        AttentionMethod.ExactCausal => nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true),
        AttentionMethod.HelixExact => ExactAttention.Forward(q, k, v, null, causal: false),
        AttentionMethod.Favor => FavorFunctional.BidirectionalSoftmax(q, k, v, projection, blockRows: block),
        AttentionMethod.FavorTwoStep => FavorFunctional.Bidirectional(
            FeatureMaps.SoftmaxPositive(q, projection, FeatureStabilizer.PerRow),
            FeatureMaps.SoftmaxPositive(k, projection, FeatureStabilizer.PerSequence), v),
        AttentionMethod.FavorCausal => FavorFunctional.CausalSoftmax(q, k, v, projection, blockRows: block),
        AttentionMethod.FavorCausalTwoStep => FavorFunctional.Causal(
            FeatureMaps.SoftmaxPositive(q, projection, FeatureStabilizer.PerRow),
            FeatureMaps.SoftmaxPositive(k, projection, FeatureStabilizer.None), v),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>Measured fp32 matmul throughput of this machine (GFLOP/s of CPU time), from n×n products.</summary>
    public static double MatmulGflops(int n = 2048)
    {
        using var a = randn(n, n);
        using var b = randn(n, n);
        using (var w = a.matmul(b)) { }
        var times = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            double cpu0 = CpuSeconds();
            using var c = a.matmul(b);
            times.Add(CpuSeconds() - cpu0);
        }
        return 2.0 * n * n * n / times.Min() / 1e9;
    }
}
