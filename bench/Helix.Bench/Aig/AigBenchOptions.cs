namespace Helix.Bench.Aig;

/// <summary>Settings of <c>helix bench aig</c>.</summary>
public sealed record AigBenchOptions
{
    /// <summary>Generated and real circuits to run (names as listed by <see cref="AigBenchCircuits.Default"/>).</summary>
    public IReadOnlyList<string> Circuits { get; init; } = AigBenchCircuits.Default;
    /// <summary>Wall-time limit of each SAT run (ours, MiniSat, CaDiCaL).</summary>
    public TimeSpan SatTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Repository root (BENCHMARKS.md and docs/bench/ are written there).</summary>
    public string RepoRoot { get; init; } = Infrastructure.BenchmarksMarkdown.FindRepoRoot();
    /// <summary>Where to write the table; null skips BENCHMARKS.md (for trial runs).</summary>
    public bool WriteMarkdown { get; init; } = true;
}
