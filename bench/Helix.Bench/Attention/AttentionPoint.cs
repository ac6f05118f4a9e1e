using System.Diagnostics;
using Helix.Attention;
using static TorchSharp.torch;

namespace Helix.Bench.Attention;

/// <summary>The shape of one benchmark point.</summary>
public sealed record AttentionShape(long Batch, long Heads, long Length, long HeadDim, int Features);

/// <summary>Measures one method at one length in this process: median forward+backward seconds over a few repeats.</summary>
public static class AttentionPoint
{
    /// <summary>Points whose first pass takes longer than this are reported by that one pass.</summary>
    public const double SinglePassSeconds = 5;

    /// <summary>Runs forward+backward of <paramref name="method"/> at least <paramref name="minRepeats"/> times (and about a second in all, after one warm-up); returns the median seconds (or the one pass of a point slower than <see cref="SinglePassSeconds"/>).</summary>
    public static double Measure(AttentionMethod method, AttentionShape shape, int minRepeats = 3)
    {
        var gen = new Generator(1, CPU);
        var dims = new[] { shape.Batch, shape.Heads, shape.Length, shape.HeadDim };
        using var q = randn(dims, generator: gen).requires_grad_();
        using var k = randn(dims, generator: gen).requires_grad_();
        using var v = randn(dims, generator: gen).requires_grad_();
        using var gradOut = randn(dims, generator: gen);
        using var projection = RandomProjections.Draw(ProjectionKind.Orthogonal, RowNormKind.Chi, shape.Features, (int)shape.HeadDim, seed: 7);

        void Step()
        {
            using var scope = NewDisposeScope();
            var o = Forward(method, q, k, v, projection);
            o.backward(new[] { gradOut });
            q.grad?.zero_(); k.grad?.zero_(); v.grad?.zero_();
        }

        var warm = Stopwatch.StartNew();
        Step();                                           // warm-up: allocator and thread pool
        double warmSeconds = warm.Elapsed.TotalSeconds;
        // Slow points are timed by their single (warm-up) pass, so that long exact runs stay within the time cap.
        if (warmSeconds > SinglePassSeconds) return warmSeconds;
        if (warmSeconds > 1) minRepeats = Math.Min(minRepeats, 2);
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < minRepeats || (total.Elapsed.TotalSeconds < 1 && times.Count < 20))
        {
            var sw = Stopwatch.StartNew();
            Step();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    static Tensor Forward(AttentionMethod method, Tensor q, Tensor k, Tensor v, Tensor projection) => method switch
    {
        AttentionMethod.Sdpa => nn.functional.scaled_dot_product_attention(q, k, v),
        AttentionMethod.ExactCausal => nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true),
        AttentionMethod.HelixExact => ExactAttention.Forward(q, k, v, null, causal: false),
        AttentionMethod.Favor => FavorFunctional.Bidirectional(
            FeatureMaps.SoftmaxPositive(q, projection, FeatureStabilizer.PerRow),
            FeatureMaps.SoftmaxPositive(k, projection, FeatureStabilizer.PerSequence), v),
        AttentionMethod.FavorCausal => FavorFunctional.Causal(
            FeatureMaps.SoftmaxPositive(q, projection, FeatureStabilizer.PerRow),
            FeatureMaps.SoftmaxPositive(k, projection, FeatureStabilizer.None), v),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>Measured fp32 matmul throughput of this machine (GFLOP/s), from n×n products.</summary>
    public static double MatmulGflops(int n = 2048)
    {
        using var a = randn(n, n);
        using var b = randn(n, n);
        using (var w = a.matmul(b)) { }
        var times = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            using var c = a.matmul(b);
            times.Add(sw.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / times.Min() / 1e9;
    }
}
