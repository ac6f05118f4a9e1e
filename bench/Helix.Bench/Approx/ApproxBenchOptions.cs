namespace Helix.Bench.Approx;

/// <summary>Settings of `helix bench approx`.</summary>
public sealed record ApproxBenchOptions
{
    /// <summary>Random feature counts m.</summary>
    public IReadOnlyList<int> Features { get; init; } = new[] { 64, 256, 1024 };
    /// <summary>Standard deviations of the random q, k coordinates.</summary>
    public IReadOnlyList<double> Scales { get; init; } = new[] { 0.25, 0.5, 0.75, 1.0 };
    /// <summary>Tokens L.</summary>
    public int Length { get; init; } = 512;
    /// <summary>Head size dh.</summary>
    public int HeadDim { get; init; } = 64;
    /// <summary>Independent draws per point.</summary>
    public int Trials { get; init; } = 4;
    /// <summary>Training steps of the tiny model whose queries and keys give the trained row (0: none).</summary>
    public int TrainSteps { get; init; } = 300;
    /// <summary>Repository root for BENCHMARKS.md and docs/bench.</summary>
    public string OutputRoot { get; init; } = ".";
    /// <summary>The command that regenerates the results.</summary>
    public string CommandLine { get; init; } = "./helix bench approx";
}
