using Helix.Attention;

namespace Helix.Bench.Protein;

/// <summary>Settings of `helix bench protein`.</summary>
public sealed record ProteinBenchOptions
{
    /// <summary>Training wall-clock budget per model.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>Window lengths trained with one cropped protein per row.</summary>
    public IReadOnlyList<int> Lengths { get; init; } = new[] { 512, 2048 };
    /// <summary>Window length of the concatenated run (0: none).</summary>
    public int ConcatenatedLength { get; init; } = 8192;
    /// <summary>Model width, depth, heads and FAVOR+ features (equal for both mechanisms).</summary>
    public int Dim { get; init; } = 128;
    /// <inheritdoc cref="Dim"/>
    public int Depth { get; init; } = 2;
    /// <inheritdoc cref="Dim"/>
    public int Heads { get; init; } = 4;
    /// <inheritdoc cref="Dim"/>
    public int Features { get; init; } = 128;
    /// <summary>Tokens per batch; rows = this / L (at least 1).</summary>
    public int BatchTokens { get; init; } = 8192;
    /// <summary>Test proteins scored after training.</summary>
    public int EvalProteins { get; init; } = 100;
    /// <summary>Seed shared by all models.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>libtorch threads per child.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>A child is stopped when its resident memory passes this.</summary>
    public long MemoryCapBytes { get; init; } = 16L << 30;
    /// <summary>Training corpus (null: the default corpus).</summary>
    public string? DataPath { get; init; }
    /// <summary>Repository root that receives BENCHMARKS.md and docs/bench/.</summary>
    public string OutputRoot { get; init; } = "";
    /// <summary>The command line, for the report.</summary>
    public string CommandLine { get; init; } = "./helix bench protein";

    /// <summary>The points: (mechanism, L, concatenated), Performer first at each length.</summary>
    public IEnumerable<(AttentionMechanism Mechanism, int Length, bool Concatenated)> Points()
    {
        foreach (var l in Lengths)
            foreach (var m in new[] { AttentionMechanism.Favor, AttentionMechanism.Exact }) yield return (m, l, false);
        if (ConcatenatedLength > 0)
            foreach (var m in new[] { AttentionMechanism.Favor, AttentionMechanism.Exact }) yield return (m, ConcatenatedLength, true);
    }
}
