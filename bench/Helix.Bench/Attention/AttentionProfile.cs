using System.Diagnostics;
using System.Globalization;
using Helix.Attention;
using Helix.Torch;
using static TorchSharp.torch;

namespace Helix.Bench.Attention;

/// <summary>
/// `helix bench attention profile`: where the fused causal FAVOR+ forward+backward spends its time, phase by phase
/// (feature maps, intra-block masked products, block states, inter-block products, heap trims, ...), beside the fused
/// bidirectional pass on the same inputs. The kernel's phases are timed by its <see cref="KernelProfile"/> hook.
/// </summary>
public static class AttentionProfile
{
    public static void Run(AttentionShape shape, int threads, int repeats, Action<string> print)
    {
        set_num_threads(threads);
        TorchRuntime.RetainFreedMemory();   // as every benchmark point
        using var inputs = new AttentionInputs(shape);
        long? block = shape.Block > 0 ? shape.Block : null;
        (double Wall, double Cpu) Pass(Func<Tensor> forward) => inputs.TimePass(forward);
        Tensor Causal() => FavorFunctional.CausalSoftmax(inputs.Q, inputs.K, inputs.V, inputs.Projection, blockRows: block);
        Tensor Bidirectional() => FavorFunctional.BidirectionalSoftmax(inputs.Q, inputs.K, inputs.V, inputs.Projection);

        Pass(Causal);
        Pass(Bidirectional);   // warm-up
        var profile = new KernelProfile();
        double causalCpu = 0, causalWall = 0, biCpu = 0;
        for (int r = 0; r < repeats; r++)
        {
            KernelProfile.Current = profile;
            var c = Pass(Causal);
            KernelProfile.Current = null;
            causalCpu += c.Cpu;
            causalWall += c.Wall;
            biCpu += Pass(Bidirectional).Cpu;
        }
        string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
        long blockRows = block ?? FavorFunctional.CausalBlockRows(shape.Features);
        print($"L = {shape.Length}, B = {shape.Batch}, H = {shape.Heads}, dh = {shape.HeadDim}, m = {shape.Features}, block c = {blockRows}, " +
              $"{threads} thread(s), {repeats} passes; per forward+backward pass:");
        print($"causal {F(causalWall / repeats)} s wall / {F(causalCpu / repeats)} s CPU; bidirectional {F(biCpu / repeats)} s CPU; " +
              $"causal / bidirectional (CPU) {(causalCpu / biCpu).ToString("0.00", CultureInfo.InvariantCulture)}");
        double kernel = profile.Phases.Sum(p => p.Seconds);
        print("");
        print($"| phase | {(KernelProfile.ThreadCpuTime ? "thread CPU" : "wall")} s per pass | share of kernel | marks per pass |");
        print("|---|---|---|---|");
        foreach (var (phase, seconds, count) in profile.Phases)
            print($"| {phase} | {F(seconds / repeats)} | {(seconds / kernel * 100).ToString("0.0", CultureInfo.InvariantCulture)} % | {count / repeats} |");
        print($"| (kernel total; the rest of the pass is autograd and the caller) | {F(kernel / repeats)} | 100 % | |");
    }
}
