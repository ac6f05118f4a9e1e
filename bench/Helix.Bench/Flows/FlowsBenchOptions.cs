namespace Helix.Bench.Flows;

/// <summary>What `helix bench flows` measures.</summary>
public sealed record FlowsBenchOptions
{
    /// <summary>d for the time per step.</summary>
    public IReadOnlyList<int> Dims { get; init; } = [64, 128, 256, 512, 1024, 2048];
    /// <summary>d of the time-to-target runs (each with its own learning-rate grid).</summary>
    public IReadOnlyList<int> TargetDims { get; init; } = [64, 128, 256];
    /// <summary>Time cap per optimizer and problem in the time-to-target runs.</summary>
    public TimeSpan TimeCap { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Optimizers measured (step time and time-to-target), in table order.</summary>
    public IReadOnlyList<string> Optimizers { get; init; } = Helix.Orthogonal.OrthogonalOptimizers.Names;
    /// <summary>Problems of the time-to-target runs: procrustes, brockett.</summary>
    public IReadOnlyList<string> Problems { get; init; } = ["procrustes", "brockett"];
    /// <summary>Multipliers of each optimizer's base learning rate in the time-to-target grid.</summary>
    public IReadOnlyList<double> LrMultipliers { get; init; } = [0.5, 1, 2];
    /// <summary>libtorch threads.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Folder receiving BENCHMARKS.md and docs/bench/flows.*.</summary>
    public string OutputRoot { get; init; } = ".";
    /// <summary>The command line that regenerates the figures.</summary>
    public string CommandLine { get; init; } = "./helix bench flows";
}
