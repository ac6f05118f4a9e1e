using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Helix.Bench.Infrastructure;
using Helix.Bilevel.Estimators;
using Helix.Bilevel.Meta;
using Helix.Bilevel.Model;
using Helix.Bilevel.Omniglot;
using Helix.Core;
using Helix.Torch;
using static TorchSharp.torch;

namespace Helix.Bench.Meta;

/// <summary>
/// `helix bench meta point`: one child process measures one (estimator, r) point: the wall and CPU time of a
/// meta-gradient on synthetic 28×28 episodes for the standard conv net, and the process's VmHWM. The estimator
/// <c>unrolled</c> is the naive exact MAML that keeps the whole inner graph.
/// </summary>
internal static class MetaBenchPoint
{
    public static Command Create()
    {
        var estimator = new Option<string>("--estimator") { Required = true };
        var r = new Option<int>("--inner-steps") { Required = true };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 3 };
        var ways = new Option<int>("--ways") { DefaultValueFactory = _ => 5 };
        var filters = new Option<int>("--filters") { DefaultValueFactory = _ => 64 };
        var warmup = new Option<double>("--warmup-s") { DefaultValueFactory = _ => 5 };
        var cmd = new Command("point", "(internal) one measured point, in its own process.") { Hidden = true };
        foreach (var o in new Option[] { estimator, r, steps, ways, filters, warmup }) cmd.Options.Add(o);
        cmd.SetAction(p => Run(p.GetValue(estimator)!, p.GetValue(r), p.GetValue(steps), p.GetValue(ways), p.GetValue(filters), p.GetValue(warmup)));
        return cmd;
    }

    static int Run(string estimator, int r, int steps, int ways, int filters, double warmupSeconds)
    {
        TorchRuntime.EnsureLoaded();
        set_num_threads(1);
        var config = new ConvNetConfig(ways, filters);
        using var net = new ConvNet(config, 1);
        var rng = new SplitMix64(3);
        var data = new OmniglotDataset(Enumerable.Range(0, ways * 2).Select(c => new OmniglotCharacter("A", $"c{c}",
            Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 28 * 28).Select(_ => rng.NextDouble() < 0.1 ? 1f : 0f).ToArray()).ToList())).ToList(), 28);
        var sampler = new EpisodeSampler(data, Enumerable.Range(0, ways * 2).ToList(), rotations: false);
        var loop = new InnerLoop(r, 0.4);
        var weights = net.Weights.Select(w => (Tensor)w.detach()).ToList();
        bool unrolled = estimator == "unrolled";
        var est = unrolled ? null : new BilevelEstimator(EstimatorSpec.Parse(estimator), loop);
        double Step()
        {
            using var scope = NewDisposeScope();
            var task = new EpisodeTask(sampler.Sample(ways, 1, 1, rng), config);
            var clock = Stopwatch.StartNew();
            if (unrolled) Hypergradient.Unrolled(weights, task.Task, loop);
            else est!.Estimate(weights, new[] { task.Task }, rng);
            return clock.Elapsed.TotalSeconds;
        }
        // Warm-up of at least warmupSeconds (and one step): the runtime's own memory (tiered JIT, managed heap
        // budget, allocator arenas) grows with the work a process has done, whatever r is; after it, the peak is reset so
        // that VmHWM measures the timed steps on a warm process, and r=5 is not compared with a colder process than r=50.
        var warm = Stopwatch.StartNew();
        do Step(); while (warm.Elapsed.TotalSeconds < warmupSeconds);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        bool reset = PeakMemory.ResetHighWaterMark();
        double cpu0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var times = Enumerable.Range(0, steps).Select(_ => Step()).ToList();
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpu0) / steps;
        ChildPoint.Report(new Dictionary<string, object?>
        {
            ["seconds"] = times.Average(), ["cpuSeconds"] = cpu, ["peakReset"] = reset,
        });
        return 0;
    }
}
