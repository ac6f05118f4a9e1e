using System.CommandLine;
using System.Diagnostics;
using Helix.Attention.Slim;
using Helix.Bench.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bench.Slim;

/// <summary>
/// One measured point, run in its own process by <see cref="SlimBenchCommand"/>: builds the model, takes one
/// warm-up training step on a short sequence, then times one training step (loss, gradients, AdamW update) on a
/// sequence of L tokens in the given memory mode, and reports the time with the process's peak memory.
/// </summary>
internal static class SlimBenchPoint
{
    const int WarmupLength = 256;

    public static Command Create()
    {
        var mode = new Option<string>("--mode") { Required = true, Description = "full or chunked:C" };
        var length = new Option<int>("--length") { Required = true, Description = "Sequence length L." };
        var shape = SlimBenchModel.Options();
        var cmd = new Command("point", "(internal) measure one point in this process") { Hidden = true };
        cmd.Options.Add(mode);
        cmd.Options.Add(length);
        foreach (var o in shape.All) cmd.Options.Add(o);
        cmd.SetAction(p => Run(MemoryMode.Parse(p.GetValue(mode)!), p.GetValue(length), shape.Parse(p)));
        return cmd;
    }

    static int Run(MemoryMode mode, int length, SlimBenchModel shape)
    {
        torch.set_num_threads(Environment.ProcessorCount);
        torch.manual_seed(1);
        using var lm = shape.Build(length);
        var model = new PerformerLmSlices(lm);
        lm.train();
        using var optimizer = torch.optim.AdamW(lm.parameters(), lr: 1e-4);
        var g = new Generator(7);
        Step(model, optimizer, mode, Math.Min(length, WarmupLength), g);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var stats = Step(model, optimizer, mode, length, g);
        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        ChildPoint.Report(new Dictionary<string, object?>
        {
            ["seconds"] = seconds, ["cpuSeconds"] = cpuSeconds, ["loss"] = stats.Loss, ["drift"] = stats.StateDrift, ["slices"] = stats.Slices,
        });
        return 0;
    }

    static SlimStats Step(PerformerLmSlices model, optim.Optimizer optimizer, MemoryMode mode, int length, Generator g)
    {
        using var scope = torch.NewDisposeScope();
        var tokens = torch.randint(0, SlimBenchModel.Vocab - 1, new long[] { 1, length + 1 }, dtype: ScalarType.Int64, generator: g);
        var batch = CausalLmBatch.FromSequences(tokens);
        optimizer.zero_grad();
        var stats = SlimTraining.LossAndGradients(model, batch, mode);
        optimizer.step();
        return stats;
    }
}
