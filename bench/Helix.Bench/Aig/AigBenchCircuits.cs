namespace Helix.Bench.Aig;

/// <summary>The benchmark's circuits: ABC-generated arithmetic and real designs from ../shared/data/aig.</summary>
public static class AigBenchCircuits
{
    /// <summary>A representative subset that runs in a few minutes on 2 cores.</summary>
    public static readonly IReadOnlyList<string> Default = new[]
    {
        "gen:add64", "gen:add256", "gen:mul8", "gen:mul10",
        "iscas85/c1908", "iscas85/c3540", "iscas85/c6288", "iscas85/c7552",
        "iscas89/s38417", "iwls05/aes_core",
    };

    /// <summary>EPFL arithmetic circuits that fit a shared 2-core machine at a 60 s limit per pair and tool.</summary>
    public static readonly IReadOnlyList<string> DefaultEpfl = new[] { "adder", "bar", "max", "sin", "div" };

    /// <summary>The ABC scripts that make each EPFL circuit's optimized versions (the Debian package has no aliases).</summary>
    public static readonly IReadOnlyList<(string Name, string Script)> EpflVersions = new[]
    {
        ("resyn2", AbcRunner.Resyn2),
        ("dc2", "dc2"),
        ("dch-if-mfs", "dch; if -K 6; mfs; strash"),
    };

    /// <summary>
    /// Further named versions, chosen with <c>--epfl-versions</c>: deeper scripts tried in the search for a pair ABC
    /// <c>&amp;cec</c> cannot prove (BENCHMARKS.md). On hyp, resyn2 followed by dc2 is such a pair (resyn2 alone and dc2
    /// alone are proved by ABC); dch versions of hyp cannot be made (Debian's ABC asserts inside dch).
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Script)> EpflExtraVersions = new[]
    {
        ("dc2x3", "dc2; dc2; dc2"),
        ("dc2-dch-dc2", "dc2; dch; strash; dc2"),
        ("dc2-dch-x2-dc2", "dc2; dch; strash; dc2; dch; strash; dc2"),
        ("dc2-dch-x3-dc2", "dc2; dch; strash; dc2; dch; strash; dc2; dch; strash; dc2"),
        ("gdch-if-mfs", "&get -n; &dch; &if -K 6; &mfs; &st; &put"),
        ("resyn2x2", AbcRunner.Resyn2 + "; " + AbcRunner.Resyn2),
        ("resyn2-dc2", AbcRunner.Resyn2 + "; dc2"),
        ("dc2-resyn2", "dc2; " + AbcRunner.Resyn2),
        ("resyn2rs", AbcRunner.Resyn2rs),
        ("compress2rs", AbcRunner.Compress2rs),
        ("syn3", "&get -n; &syn3; &put"),
        ("syn4", "&get -n; &syn4; &put"),
        ("drw-drf-b", "drw; drf; balance; drw; drf; balance"),
    };

    /// <summary>The version named <paramref name="name"/> from either list; throws InvalidOptionException when unknown.</summary>
    public static (string Name, string Script) EpflVersion(string name) =>
        EpflVersions.Concat(EpflExtraVersions).FirstOrDefault(v => v.Name == name) is { Name: not null } v ? v
            : throw new Helix.Core.InvalidOptionException("EpflVersionNames", $"unknown EPFL version '{name}'; known: {string.Join(", ", EpflVersions.Concat(EpflExtraVersions).Select(x => x.Name))}");

    /// <summary>ABC <c>gen</c> switches of a generated circuit, or null for a real one.</summary>
    public static string? GenSwitches(string name) => name switch
    {
        _ when name.StartsWith("gen:add", StringComparison.Ordinal) => "-a -N " + name[7..],
        _ when name.StartsWith("gen:mul", StringComparison.Ordinal) => "-m -N " + name[7..],
        _ => null,
    };

    /// <summary>The shared circuits folder beside the repository, or null.</summary>
    public static string? DataDir(string repoRoot)
    {
        var p = Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "data", "aig"));
        return Directory.Exists(p) ? p : null;
    }
}
