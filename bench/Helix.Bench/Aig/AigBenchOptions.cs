namespace Helix.Bench.Aig;

/// <summary>Settings of <c>helix bench aig</c>.</summary>
public sealed record AigBenchOptions
{
    /// <summary>Generated and real circuits of the classic section (names as listed by <see cref="AigBenchCircuits.Default"/>).</summary>
    public IReadOnlyList<string> Circuits { get; init; } = AigBenchCircuits.Default;
    /// <summary>EPFL circuits (names under ../shared/data/aig/epfl), each checked against its ABC-optimized versions.</summary>
    public IReadOnlyList<string> EpflCircuits { get; init; } = AigBenchCircuits.DefaultEpfl;
    /// <summary>Names of the optimized versions each EPFL circuit is checked against (see <see cref="AigBenchCircuits.EpflVersion"/>).</summary>
    public IReadOnlyList<string> EpflVersionNames { get; init; } = AigBenchCircuits.EpflVersions.Select(v => v.Name).ToArray();
    /// <summary>EPFL circuits whose miter CNFs also go to the SAT comparison (the arithmetic ones are hard for every plain solver).</summary>
    public IReadOnlyList<string> SatEpflCircuits { get; init; } = ["adder", "bar", "max"];
    /// <summary>Which sections run: any of "classic", "epfl", "random".</summary>
    public IReadOnlyList<string> Sections { get; init; } = ["classic", "epfl", "random"];
    /// <summary>Wall-time limit of each SAT run of the classic section (ours, MiniSat, CaDiCaL).</summary>
    public TimeSpan SatTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>CPU-second limit of each CEC run of the EPFL section, per tool.</summary>
    public double PairLimit { get; init; } = 60;
    /// <summary>CPU-second limit of each SAT run of the EPFL and random sections, per solver.</summary>
    public double SatLimit { get; init; } = 20;
    /// <summary>Random 3-SAT instances at the threshold (clauses = 4.26 x variables).</summary>
    public int RandomInstances { get; init; } = 6;
    /// <summary>Repository root (BENCHMARKS.md and docs/bench/ are written there).</summary>
    public string RepoRoot { get; init; } = Infrastructure.BenchmarksMarkdown.FindRepoRoot();
    /// <summary>Whether to write the table into BENCHMARKS.md (false for trial runs).</summary>
    public bool WriteMarkdown { get; init; } = true;
}
