using Helix.Orthogonal;

namespace Helix.Bench.Orthogonal;

/// <summary>What `helix bench orthogonal` measures.</summary>
public sealed record OrthogonalBenchOptions
{
    /// <summary>Sizes N.</summary>
    public IReadOnlyList<long> Sizes { get; init; } = [128, 256, 512, 1024];
    /// <summary>L = N / d for each divisor d.</summary>
    public IReadOnlyList<long> Divisors { get; init; } = [8, 4, 2, 1];
    /// <summary>Maps compared.</summary>
    public IReadOnlyList<OrthogonalMapKind> Maps { get; init; } = OrthogonalMaps.All;
    /// <summary>Vectors Q is applied to.</summary>
    public long Batch { get; init; } = 128;
    /// <summary>libtorch threads per point.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Stop a point after this long.</summary>
    public TimeSpan PointTimeCap { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Stop a point past this resident memory.</summary>
    public long MemoryCapBytes { get; init; } = 3L << 30;
    /// <summary>T-CWY tall point: rows.</summary>
    public long TallRows { get; init; } = 30000;
    /// <summary>T-CWY tall point: columns.</summary>
    public long TallColumns { get; init; } = 50;
    /// <summary>Copying task delay T (0: skip the copying runs).</summary>
    public int CopyDelay { get; init; } = 200;
    /// <summary>Orthogonal RNN hidden size (the LSTM is matched in parameters).</summary>
    public int CopyHidden { get; init; } = 64;
    /// <summary>Copying batch size.</summary>
    public int CopyBatch { get; init; } = 32;
    /// <summary>Training time per copying model.</summary>
    public TimeSpan CopyBudget { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Timed runs per point after the warm-up (at least; more while under 0.5 s): 1 lets a slow baseline finish within the cap.</summary>
    public int Runs { get; init; } = 3;
    /// <summary>Copying-task models, in order.</summary>
    public IReadOnlyList<string> CopyModels { get; init; } = ["cwy", "expm", "householder", "lstm"];
    /// <summary>Adam learning rate of the copying runs.</summary>
    public double CopyLearningRate { get; init; } = 3e-3;
    /// <summary>Start of the orthogonal RNNs' Q in the copying runs.</summary>
    public RecurrentInit CopyInit { get; init; } = RecurrentInit.Rotations;
    /// <summary>Folder receiving BENCHMARKS.md and docs/bench/orthogonal.*.</summary>
    public string OutputRoot { get; init; } = ".";
    /// <summary>The command line that regenerates the figures.</summary>
    public string CommandLine { get; init; } = "./helix bench orthogonal";
}
