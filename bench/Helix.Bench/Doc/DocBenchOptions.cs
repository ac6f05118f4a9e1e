namespace Helix.Bench.Doc;

/// <summary>Settings of <c>helix bench doc</c>.</summary>
public sealed record DocBenchOptions
{
    /// <summary>Topics in the generated manual.</summary>
    public int GeneratedTopics { get; init; } = 10_000;
    /// <summary>Seed of the generated manual.</summary>
    public ulong Seed { get; init; } = 14;
    /// <summary>Run DocFX beside XDoc (installed as a dotnet tool into a temporary folder when missing).</summary>
    public bool DocFx { get; init; } = true;
    /// <summary>Wall-time limit of one DocFX run.</summary>
    public TimeSpan DocFxTimeout { get; init; } = TimeSpan.FromMinutes(8);
    /// <summary>Worker threads for XDoc (0 = all cores).</summary>
    public int Threads { get; init; }
    /// <summary>Repository root (BENCHMARKS.md and docs/bench/ are written there).</summary>
    public string RepoRoot { get; init; } = Infrastructure.BenchmarksMarkdown.FindRepoRoot();
    /// <summary>Whether to write the section of BENCHMARKS.md.</summary>
    public bool WriteMarkdown { get; init; } = true;
}
