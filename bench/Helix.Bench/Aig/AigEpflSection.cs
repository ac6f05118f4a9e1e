using System.Text;
using Helix.Aig;
using Helix.Aig.Aiger;
using Helix.Aig.Cnf;
using Helix.Aig.Equivalence;
using Helix.Bench.Infrastructure;
using static Helix.Bench.Aig.AigBenchMath;

namespace Helix.Bench.Aig;

/// <summary>
/// The EPFL section: each EPFL circuit against its ABC resyn2, dc2 and dch/if/mfs versions. Helix CEC against ABC
/// <c>&amp;cec</c>, then Helix SAT against MiniSat and CaDiCaL on the miter CNF, each under the same CPU limit.
/// </summary>
internal sealed class AigEpflSection(string dir, AbcRunner abc, AigBenchOptions options, Action<string> log)
{
    readonly ResultTable _cec = new("circuit", "vs", "ANDs", "ANDs other", "cec s Helix", "cec s ABC &cec", "cec Helix/ABC");
    readonly List<AigSatRow> _sat = new();
    readonly List<(double? Helix, double? Abc)> _times = new();
    readonly List<string> _onlyHelix = new();

    /// <summary>The CEC rows.</summary>
    public ResultTable Cec => _cec;
    /// <summary>The SAT rows on the miter CNFs.</summary>
    public IReadOnlyList<AigSatRow> Sat => _sat;

    /// <summary>Runs every pair; circuits missing from ../shared/data/aig/epfl are skipped with a log line.</summary>
    public void Run()
    {
        var data = AigBenchCircuits.DataDir(options.RepoRoot);
        foreach (var name in options.EpflCircuits)
        {
            var src = data == null ? null : Path.Combine(data, "epfl", name + ".aig");
            if (src == null || !File.Exists(src)) { log($"skip epfl/{name}: not found under ../shared/data/aig/epfl"); continue; }
            string orig = Path.Combine(dir, "epfl_" + name + ".aig");
            abc.Run($"read_aiger {src}; strash; write_aiger -s {orig}");
            var g = AigerReader.ReadFile(orig);
            foreach (var (vs, script) in options.EpflVersionNames.Select(AigBenchCircuits.EpflVersion))
            {
                string other = Path.Combine(dir, $"epfl_{name}_{vs}.aig");
                log($"epfl/{name}: making the {vs} version with ABC");
                var made = abc.Run($"read_aiger {orig}; strash; {script}; write_aiger -s {other}");
                if (!File.Exists(other))
                {
                    // ABC can stop without a command error (a crash, or a command it lacks in this build); skip that version.
                    var last = made.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
                    log($"skip epfl/{name} vs {vs}: ABC wrote no circuit for '{script}' (its last line: {last})");
                    continue;
                }
                MeasurePair(name, vs, g, orig, other);
            }
        }
    }

    void MeasurePair(string name, string vs, Aignet g, string origPath, string otherPath)
    {
        var h = AigerReader.ReadFile(otherPath);
        log($"epfl/{name} vs {vs}: Helix cec");
        // Reading both files is timed, as ABC's time includes its reading.
        var (res, helixSecs) = CpuClock.RunSelf(token =>
        {
            try { return AigCec.Run(AigerReader.ReadFile(origPath), AigerReader.ReadFile(otherPath), new CecOptions(), null, token); }
            catch (OperationCanceledException) { return null; }
        }, options.PairLimit);
        if (res?.Status == CecStatus.NotEquivalent) throw new InvalidOperationException($"epfl/{name} vs {vs}: Helix found a counterexample to an ABC-optimized version");
        double? helix = res?.Status == CecStatus.Equivalent ? helixSecs : null;
        log($"epfl/{name} vs {vs}: ABC &cec");
        var (run, abcSecs, outOfTime) = CpuClock.RunChild(abc.Program, ["-c", $"&cec {origPath} {otherPath}"], options.PairLimit, dir);
        double? abcTime = !outOfTime && run.StandardOutput.Contains("Networks are equivalent", StringComparison.Ordinal) ? abcSecs : null;
        _cec.Add($"epfl/{name}", vs, g.AndCount, h.AndCount, Cell(helix), Cell(abcTime), Ratio(helix, abcTime));
        _times.Add((helix, abcTime));
        if (helix.HasValue && !abcTime.HasValue) _onlyHelix.Add($"{name}/{vs}");

        if (!options.SatEpflCircuits.Contains(name)) return;
        log($"epfl/{name} vs {vs}: SAT on the miter CNF");
        var cnf = TseitinEncoder.OutputCanBeOne(AigMiter.Build(g, h)).Formula;
        _sat.Add(AigSatRow.Measure($"epfl/{name} vs {vs}", cnf, dir, options.SatLimit));
    }

    /// <summary>The section's summary against the targets.</summary>
    public string Summary()
    {
        var sb = new StringBuilder();
        int abcProves = _times.Count(t => t.Abc.HasValue), helixProves = _times.Count(t => t.Helix.HasValue);
        int helixOfAbc = _times.Count(t => t.Abc.HasValue && t.Helix.HasValue);
        var both = _times.Where(t => t.Abc.HasValue && t.Helix.HasValue).Select(t => t.Helix!.Value / Math.Max(t.Abc!.Value, 1e-3));
        sb.Append($"CEC on {_times.Count} EPFL pairs: ABC &cec proves {abcProves}, Helix proves {helixProves}; Helix proves {helixOfAbc} of ABC's {abcProves} (target: all); ");
        sb.Append($"CEC time Helix/ABC on pairs both prove {GeoMean(both):F2} (geometric mean, target ≤ 1); ");
        sb.Append($"pairs only Helix proves within the limit: {(_onlyHelix.Count == 0 ? "none" : string.Join(", ", _onlyHelix))} (target: at least one).");
        return sb.ToString();
    }
}
