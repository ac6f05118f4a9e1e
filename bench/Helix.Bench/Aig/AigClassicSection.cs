using System.Diagnostics;
using Helix.Aig;
using Helix.Aig.Aiger;
using Helix.Aig.Cnf;
using Helix.Aig.Equivalence;
using Helix.Aig.Sat;
using Helix.Aig.Simulation;
using Helix.Bench.Infrastructure;
using static Helix.Bench.Aig.AigBenchMath;

namespace Helix.Bench.Aig;

/// <summary>
/// The classic section: ABC-generated arithmetic and ISCAS/IWLS designs, each against its resyn2 and dc2 versions.
/// AIGER read, simulation throughput, fraig time and size, CEC time, and SAT on the resyn2 miter CNF (wall time,
/// ABC by its own <c>time</c> command).
/// </summary>
internal sealed class AigClassicSection(string dir, AbcRunner abc, AigBenchOptions options, Action<string> log)
{
    // ABC's `sim -F` is ignored on combinational networks (one frame whatever F is), so both sides run one round of SimWords words.
    const int SimWords = 256;

    public ResultTable Circuits { get; } = new("circuit", "ANDs", "read ms Helix", "read ms ABC", "read ABC/Helix",
        "sim Gnw/s Helix", "sim Gnw/s ABC", "sim Helix/ABC", "fraig s Helix", "fraig s ABC", "fraig Helix/ABC",
        "fraig ANDs Helix", "fraig ANDs ABC");
    public ResultTable Checks { get; } = new("circuit", "vs", "ANDs", "cec s Helix", "cec s ABC", "cec Helix/ABC",
        "miter CNF vars", "miter CNF clauses", "SAT s Helix", "SAT s MiniSat", "SAT s CaDiCaL", "SAT Helix/MiniSat");
    public List<double> Sizes { get; } = new();
    public List<double> CecHelix { get; } = new();
    public List<double> CecAbc { get; } = new();
    public List<double> FraigHelix { get; } = new();
    public List<double> FraigAbc { get; } = new();
    readonly List<double> _cecRatios = new(), _fraigRatios = new(), _simRatios = new(), _satRatios = new();

    /// <summary>Measures every circuit of <see cref="AigBenchOptions.Circuits"/>.</summary>
    public void Run()
    {
        foreach (var name in options.Circuits)
        {
            var paths = Prepare(name);
            if (paths == null) continue;
            var (orig, r2, d2) = paths.Value;
            var g = AigerReader.ReadFile(orig);
            MeasureCircuit(name, g, orig);
            foreach (var (vs, path) in new[] { ("resyn2", r2), ("dc2", d2) }) MeasurePair(name, vs, g, orig, path);
        }
    }

    /// <summary>Writes the original, resyn2 and dc2 versions; null when the circuit is not available.</summary>
    (string, string, string)? Prepare(string name)
    {
        var gen = AigBenchCircuits.GenSwitches(name);
        string tag = name.Replace("gen:", "").Replace('/', '_');
        string orig = Path.Combine(dir, tag + ".aig"), r2 = Path.Combine(dir, tag + "_resyn2.aig"), d2 = Path.Combine(dir, tag + "_dc2.aig");
        string load;
        if (gen != null) load = $"gen {gen} {tag}.blif; strash";
        else
        {
            var data = AigBenchCircuits.DataDir(options.RepoRoot);
            if (data == null) { log($"skip {name}: ../shared/data/aig is absent"); return null; }
            var src = Path.Combine(data, name + ".aig");
            if (!File.Exists(src)) { log($"skip {name}: {src} not found"); return null; }
            load = $"read_aiger {src}; strash";
        }
        log($"{name}: preparing the original, resyn2 and dc2 versions with ABC");
        abc.Run($"{load}; write_aiger -s {orig}; {AbcRunner.Resyn2}; write_aiger -s {r2}; read_aiger {orig}; strash; dc2; write_aiger -s {d2}");
        return (orig, r2, d2);
    }

    /// <summary>Read, simulation and fraig of one circuit, both tools.</summary>
    void MeasureCircuit(string name, Aignet g, string orig)
    {
        double readH = Best(() => Mean(() => AigerReader.ReadFile(orig)));
        double readA = Best(() => abc.Time("", $"read_aiger {orig}").Seconds);
        // Simulation: one round of SimWords words with fresh random inputs, like one ABC `sim -F 1 -W SimWords`.
        var patterns = AigSimulator.Random(g, SimWords, 1);
        ulong round = 0;
        double simSecs = Best(() => Mean(() => AigSimulator.Randomize(g, patterns, ++round)));
        double simH = (double)g.AndCount * SimWords / simSecs / 1e9;
        double simASecs = Best(() => abc.Time($"read_aiger {orig}; strash", $"sim -F 1 -W {SimWords} -m").Seconds);
        double simA = (double)g.AndCount * SimWords / simASecs / 1e9;
        log($"{name}: fraig");
        var clock = Stopwatch.StartNew();
        var fr = AigFraig.Run(g).Network;
        double fraigH = clock.Elapsed.TotalSeconds;
        double abcLoad = abc.Time("", $"read_aiger {orig}; strash").Seconds;
        double fraigA = Math.Max(0.001, abc.Time("", $"read_aiger {orig}; strash; fraig").Seconds - abcLoad);
        int fraigAndsA = AbcRunner.LastAndCount(abc.Run($"read_aiger {orig}; strash; fraig; print_stats"));
        Circuits.Add(name, g.AndCount, readH * 1e3, readA * 1e3, readA / readH, simH, simA, simH / simA,
            fraigH, fraigA, fraigH / fraigA, fr.AndCount, fraigAndsA);
        _simRatios.Add(simH / simA); _fraigRatios.Add(fraigH / fraigA);
        Sizes.Add(g.AndCount); FraigHelix.Add(fraigH); FraigAbc.Add(fraigA);
    }

    /// <summary>CEC of one pair (both tools), and SAT on the resyn2 miter CNF.</summary>
    void MeasurePair(string name, string vs, Aignet g, string orig, string path)
    {
        log($"{name}: cec against {vs}");
        var other = AigerReader.ReadFile(path);
        var clock = Stopwatch.StartNew();
        var res = AigCec.Run(g, other);
        double cecSecs = clock.Elapsed.TotalSeconds;
        if (res.Status != CecStatus.Equivalent) throw new InvalidOperationException($"{name} vs {vs}: Helix CEC says {res.Status}");
        var (abcCec, abcOut) = abc.Time("", $"cec -T 600 {orig} {path}", TimeSpan.FromMinutes(10));
        if (!abcOut.Contains("Networks are equivalent", StringComparison.Ordinal)) throw new InvalidOperationException($"{name} vs {vs}: ABC cec did not prove equivalence: {abcOut}");
        _cecRatios.Add(cecSecs / abcCec);
        if (vs == "resyn2") { CecHelix.Add(cecSecs); CecAbc.Add(abcCec); }
        if (vs != "resyn2")
        {
            Checks.Add(name, vs, other.AndCount, cecSecs, abcCec, cecSecs / abcCec, "", "", "", "", "", "");
            return;
        }
        log($"{name}: SAT on the {vs} miter CNF");
        var cnf = TseitinEncoder.OutputCanBeOne(AigMiter.Build(g, other)).Formula;
        var satH = SolveOurs(cnf, options.SatTimeout);
        var satM = External("minisat", cnf, options.SatTimeout);
        var satC = External("cadical", cnf, options.SatTimeout);
        double? satRatio = satH.HasValue && satM.HasValue ? satH / satM : null;
        if (satRatio.HasValue) _satRatios.Add(satRatio.Value);
        Checks.Add(name, vs, other.AndCount, cecSecs, abcCec, cecSecs / abcCec, cnf.VarCount, cnf.ClauseCount,
            Cell(satH), Cell(satM), Cell(satC), satRatio.HasValue ? satRatio.Value : "-");
    }

    /// <summary>The section's geometric means.</summary>
    public string Summary() =>
        $"Geometric means: CEC Helix/ABC {GeoMean(_cecRatios):F2} (target ≤ 2), fraig Helix/ABC {GeoMean(_fraigRatios):F2} (target ≤ 2), " +
        $"simulation Helix/ABC {GeoMean(_simRatios):F2} (target ≥ 1), SAT Helix/MiniSat on instances both solve {GeoMean(_satRatios):F2} (target ≤ 2).";

    /// <summary>The best of three measurements: the machine is shared, and both sides get the same treatment.</summary>
    static double Best(Func<double> measure) => Math.Min(measure(), Math.Min(measure(), measure()));

    /// <summary>Mean seconds of <paramref name="work"/>, repeated until about 0.3 s have passed (at most 50 times).</summary>
    static double Mean(Action work)
    {
        var clock = Stopwatch.StartNew();
        int n = 0;
        do { work(); n++; } while (clock.Elapsed.TotalSeconds < 0.3 && n < 50);
        return clock.Elapsed.TotalSeconds / n;
    }

    /// <summary>Our solver with a wall-time limit (cancellation); null on timeout.</summary>
    static double? SolveOurs(CnfFormula cnf, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(limit);
        var r = cnf.ToSolver().Solve(cancel: cts.Token);
        return r == SatResult.Unknown ? null : clock.Elapsed.TotalSeconds;
    }

    static double? External(string program, CnfFormula cnf, TimeSpan limit)
    {
        if (!ExternalSolver.IsAvailable(program)) return null;
        var a = new ExternalSolver(program).Solve(cnf, limit);
        return a.Result == SatResult.Unknown ? null : a.Elapsed.TotalSeconds;
    }
}
