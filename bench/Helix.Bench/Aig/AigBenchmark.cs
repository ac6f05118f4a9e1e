using Helix.Core;
using System.Diagnostics;
using Helix.Aig;
using Helix.Aig.Aiger;
using Helix.Aig.Cnf;
using Helix.Aig.Equivalence;
using Helix.Aig.Sat;
using Helix.Aig.Simulation;
using Helix.Bench.Infrastructure;

namespace Helix.Bench.Aig;

/// <summary>
/// <c>helix bench aig</c>: Helix.Aig side by side with Berkeley ABC (and MiniSat, CaDiCaL) in the same run, on
/// ABC-generated arithmetic and real designs, each against its resyn2 and dc2 versions. Measures AIGER read time,
/// simulation throughput, CEC time, fraig time and size, and SAT time on the miter CNFs.
/// </summary>
public static class AigBenchmark
{
    // ABC's `sim -F` is ignored on combinational networks (one frame whatever F is), so both sides run one round of SimWords words.
    const int SimWords = 256;

    /// <summary>Runs the benchmark; <paramref name="log"/> receives progress lines. Returns the Markdown section.</summary>
    public static string Run(AigBenchOptions options, Action<string> log)
    {
        if (!ExternalSolver.IsAvailable("berkeley-abc"))
            throw new InvalidOperationException("berkeley-abc is not on PATH; install it with `apt-get install berkeley-abc` (scripts/install-test-tools.sh)");
        var dir = Directory.CreateTempSubdirectory("helix-bench-aig-").FullName;
        try { return RunIn(dir, options, log); }
        finally { try { Directory.Delete(dir, true); } catch (IOException) { } }
    }

    static string RunIn(string dir, AigBenchOptions options, Action<string> log)
    {
        var abc = new AbcRunner(dir);
        var data = AigBenchCircuits.DataDir(options.RepoRoot);
        var circuits = new ResultTable("circuit", "ANDs", "read ms Helix", "read ms ABC", "read ABC/Helix",
            "sim Gnw/s Helix", "sim Gnw/s ABC", "sim Helix/ABC", "fraig s Helix", "fraig s ABC", "fraig Helix/ABC",
            "fraig ANDs Helix", "fraig ANDs ABC");
        var checks = new ResultTable("circuit", "vs", "ANDs", "cec s Helix", "cec s ABC", "cec Helix/ABC",
            "miter CNF vars", "miter CNF clauses", "SAT s Helix", "SAT s MiniSat", "SAT s CaDiCaL", "SAT Helix/MiniSat");
        var sizes = new List<double>(); var cecH = new List<double>(); var cecA = new List<double>();
        var frH = new List<double>(); var frA = new List<double>();
        var cecRatios = new List<double>(); var fraigRatios = new List<double>(); var simRatios = new List<double>(); var satRatios = new List<double>();
        WarmUp();
        foreach (var name in options.Circuits)
        {
            var gen = AigBenchCircuits.GenSwitches(name);
            string tag = name.Replace("gen:", "").Replace('/', '_');
            string orig = Path.Combine(dir, tag + ".aig"), r2 = Path.Combine(dir, tag + "_resyn2.aig"), d2 = Path.Combine(dir, tag + "_dc2.aig");
            string load;
            if (gen != null) load = $"gen {gen} {tag}.blif; strash";
            else
            {
                if (data == null) { log($"skip {name}: ../shared/data/aig is absent"); continue; }
                var src = Path.Combine(data, name + ".aig");
                if (!File.Exists(src)) { log($"skip {name}: {src} not found"); continue; }
                load = $"read_aiger {src}; strash";
            }
            log($"{name}: preparing the original, resyn2 and dc2 versions with ABC");
            abc.Run($"{load}; write_aiger -s {orig}; {AbcRunner.Resyn2}; write_aiger -s {r2}; read_aiger {orig}; strash; dc2; write_aiger -s {d2}");
            var g = AigerReader.ReadFile(orig);

            // Read.
            double readH = Best(() => Mean(() => AigerReader.ReadFile(orig)));
            double readA = Best(() => abc.Time("", $"read_aiger {orig}").Seconds);
            // Simulation: one round of SimWords words with fresh random inputs, like one ABC `sim -F 1 -W SimWords`.
            var patterns = AigSimulator.Random(g, SimWords, 1);
            ulong round = 0;
            double simSecs = Best(() => Mean(() => AigSimulator.Randomize(g, patterns, ++round)));
            double simH = (double)g.AndCount * SimWords / simSecs / 1e9;
            double simASecs = Best(() => abc.Time($"read_aiger {orig}; strash", $"sim -F 1 -W {SimWords} -m").Seconds);
            double simA = (double)g.AndCount * SimWords / simASecs / 1e9;
            // Fraig.
            log($"{name}: fraig");
            var clock = Stopwatch.StartNew();
            var (fr, _) = AigFraig.Run(g);
            double fraigH = clock.Elapsed.TotalSeconds;
            double abcLoad = abc.Time("", $"read_aiger {orig}; strash").Seconds;
            double fraigA = Math.Max(0.001, abc.Time("", $"read_aiger {orig}; strash; fraig").Seconds - abcLoad);
            int fraigAndsA = AbcRunner.LastAndCount(abc.Run($"read_aiger {orig}; strash; fraig; print_stats"));
            circuits.Add(name, g.AndCount, readH * 1e3, readA * 1e3, readA / readH, simH, simA, simH / simA,
                fraigH, fraigA, fraigH / fraigA, fr.AndCount, fraigAndsA);
            simRatios.Add(simH / simA); fraigRatios.Add(fraigH / fraigA);
            sizes.Add(g.AndCount); frH.Add(fraigH); frA.Add(fraigA);

            foreach (var (vs, path) in new[] { ("resyn2", r2), ("dc2", d2) })
            {
                log($"{name}: cec against {vs}");
                var other = AigerReader.ReadFile(path);
                clock.Restart();
                var res = AigCec.Run(g, other);
                double cecSecs = clock.Elapsed.TotalSeconds;
                if (res.Status != CecStatus.Equivalent) throw new InvalidOperationException($"{name} vs {vs}: Helix CEC says {res.Status}");
                var (abcCec, abcOut) = abc.Time("", $"cec -T 600 {orig} {path}", TimeSpan.FromMinutes(10));
                if (!abcOut.Contains("Networks are equivalent", StringComparison.Ordinal)) throw new InvalidOperationException($"{name} vs {vs}: ABC cec did not prove equivalence: {abcOut}");
                cecRatios.Add(cecSecs / abcCec);
                if (vs == "resyn2") { cecH.Add(cecSecs); cecA.Add(abcCec); }

                if (vs != "resyn2")
                {
                    checks.Add(name, vs, other.AndCount, cecSecs, abcCec, cecSecs / abcCec, "", "", "", "", "", "");
                    continue;
                }
                log($"{name}: SAT on the {vs} miter CNF");
                var cnf = TseitinEncoder.OutputCanBeOne(AigMiter.Build(g, other)).Formula;
                var satH = SolveOurs(cnf, options.SatTimeout);
                var satM = External("minisat", cnf, options.SatTimeout);
                var satC = External("cadical", cnf, options.SatTimeout);
                double? satRatio = satH.HasValue && satM.HasValue ? satH / satM : null;
                if (satRatio.HasValue) satRatios.Add(satRatio.Value);
                checks.Add(name, vs, other.AndCount, cecSecs, abcCec, cecSecs / abcCec, cnf.VarCount, cnf.ClauseCount,
                    Cell(satH), Cell(satM), Cell(satC), satRatio.HasValue ? satRatio.Value : "-");
            }
        }

        var docs = Path.Combine(options.RepoRoot, "docs", "bench");
        AtomicFile.WriteAllText(Path.Combine(docs, "aig.csv"), circuits.ToCsv());
        AtomicFile.WriteAllText(Path.Combine(docs, "aig-cec.csv"), checks.ToCsv());
        // Plot by circuit size, so each line runs left to right.
        var order = Enumerable.Range(0, sizes.Count).OrderBy(i => sizes[i]).ToArray();
        List<double> Sorted(List<double> xs) => order.Select(i => xs[i]).ToList();
        (sizes, cecH, cecA, frH, frA) = (Sorted(sizes), Sorted(cecH), Sorted(cecA), Sorted(frH), Sorted(frA));
        if (sizes.Count > 0)
            SeriesPlot.SavePng(Path.Combine(docs, "aig.png"), new (string, string, string, IReadOnlyList<Series>)[]
            {
                ("CEC vs resyn2 version", "AND gates", "seconds", new[] { new Series("Helix cec", sizes, cecH), new Series("ABC cec", sizes, cecA) }),
                ("fraig", "AND gates", "seconds", new[] { new Series("Helix fraig", sizes, frH), new Series("ABC fraig", sizes, frA) }),
            });
        var md = new System.Text.StringBuilder();
        md.AppendLine("## AIG: Helix.Aig against Berkeley ABC, MiniSat and CaDiCaL");
        md.AppendLine();
        md.AppendLine("`./helix bench aig` (circuits: " + string.Join(", ", options.Circuits) + $"; SAT limit {options.SatTimeout.TotalSeconds:F0} s). " +
                      "ABC times come from its own `time` command (short commands repeated); Helix runs in-process after a warm-up. Read and simulation figures are the best of three runs on both sides; CEC and fraig are single runs. " +
                      "Ratios below 1 favour Helix for times; above 1 favour Helix for simulation throughput (node-words/s).");
        md.AppendLine();
        md.Append(circuits.ToMarkdown()).AppendLine();
        md.Append(checks.ToMarkdown()).AppendLine();
        md.AppendLine($"Geometric means: CEC Helix/ABC {GeoMean(cecRatios):F2} (target ≤ 2), fraig Helix/ABC {GeoMean(fraigRatios):F2} (target ≤ 2), " +
                      $"simulation Helix/ABC {GeoMean(simRatios):F2} (target ≥ 1), SAT Helix/MiniSat on instances both solve {GeoMean(satRatios):F2} (target ≤ 2).");
        md.AppendLine();
        md.AppendLine("CSV: `docs/bench/aig.csv`, `docs/bench/aig-cec.csv`; plot: `docs/bench/aig.png`.");
        var body = md.ToString();
        if (options.WriteMarkdown) BenchmarksMarkdown.ReplaceSection(Path.Combine(options.RepoRoot, "BENCHMARKS.md"), "aig", body);
        return body;
    }

    static object Cell(double? secs) => secs.HasValue ? secs.Value : "timeout";

    static double GeoMean(List<double> xs) => xs.Count == 0 ? double.NaN : Math.Exp(xs.Average(x => Math.Log(Math.Max(x, 1e-9))));

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

    /// <summary>Runs each measured routine once on a small circuit so JIT compilation is not timed.</summary>
    static void WarmUp()
    {
        var g = new Aignet();
        var x = Enumerable.Range(0, 8).Select(i => g.AddInput("x" + i)).ToArray();
        var p = x.Aggregate(AigLit.False, g.Xor);
        var q = AigLit.False;
        foreach (var v in x.Reverse()) q = g.Mux(v, !q, q);
        g.AddOutput(p, "a"); g.AddOutput(q, "b");
        var h = AigerReader.Read(AigerWriter.ToBytes(g, true));
        AigSimulator.Sequential(h, 2, 4, 1);
        AigFraig.Run(h);
        AigCec.Run(g, h);
        TseitinEncoder.OutputCanBeOne(AigMiter.Build(g, h)).Formula.ToSolver().Solve();
    }
}
