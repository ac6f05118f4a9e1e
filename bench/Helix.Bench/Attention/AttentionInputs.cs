using System.Diagnostics;
using Helix.Attention;
using static TorchSharp.torch;

namespace Helix.Bench.Attention;

/// <summary>
/// The fixed inputs of one attention benchmark point: q, k, v (requiring gradients), the output gradient and the
/// orthogonal projection, drawn from fixed seeds so that every method and every run sees the same tensors.
/// </summary>
public sealed class AttentionInputs : IDisposable
{
    public Tensor Q { get; }
    public Tensor K { get; }
    public Tensor V { get; }
    public Tensor GradOut { get; }
    public Tensor Projection { get; }

    public AttentionInputs(AttentionShape shape)
    {
        var gen = new Generator(1, CPU);
        var dims = new[] { shape.Batch, shape.Heads, shape.Length, shape.HeadDim };
        Q = randn(dims, generator: gen).requires_grad_();
        K = randn(dims, generator: gen).requires_grad_();
        V = randn(dims, generator: gen).requires_grad_();
        GradOut = randn(dims, generator: gen);
        Projection = RandomProjections.Draw(ProjectionKind.Orthogonal, RowNormKind.Chi, shape.Features, (int)shape.HeadDim, seed: 7);
    }

    /// <summary>One forward + backward pass of <paramref name="forward"/>: wall seconds and this process's CPU seconds.</summary>
    public (double Wall, double Cpu) TimePass(Func<Tensor> forward)
    {
        var (sw, cpu0) = (Stopwatch.StartNew(), CpuSeconds());
        using (var scope = NewDisposeScope())
        {
            forward().backward(new[] { GradOut });
            Q.grad?.zero_(); K.grad?.zero_(); V.grad?.zero_();
        }
        return (sw.Elapsed.TotalSeconds, CpuSeconds() - cpu0);
    }

    static double CpuSeconds()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalSeconds;
    }

    public void Dispose()
    {
        Q.Dispose(); K.Dispose(); V.Dispose(); GradOut.Dispose(); Projection.Dispose();
    }
}
