using System.CommandLine;
using System.Diagnostics;
using Helix.Attention.Slim;
using Helix.Bench.Infrastructure;
using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Bench.Slim;

/// <summary>
/// One measured point, run in its own process by <see cref="SlimBenchCommand"/>: builds the model, takes one
/// warm-up training step on a short sequence, then times training steps (loss, gradients, AdamW update; the median
/// of three, or one step when it takes over 20 s) on sequences of L tokens in the given memory mode, and reports the time with the process's peak memory.
/// </summary>
internal static class SlimBenchPoint
{
    const int WarmupLength = 256;
    const int TimedSteps = 3;
    const double LongStepSeconds = 20;

    static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

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
        // The median of up to TimedSteps steps (a single step's time moves by ±15 % on a shared machine); one step
        // when it takes over LongStepSeconds, so that long points stay within the time cap.
        var walls = new List<double>();
        var cpus = new List<double>();
        SlimStats stats;
        do
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            stats = Step(model, optimizer, mode, length, g);
            walls.Add(clock.Elapsed.TotalSeconds);
            cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        } while (walls.Count < TimedSteps && walls[0] <= LongStepSeconds);
        double seconds = Median(walls), cpuSeconds = Median(cpus);
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
