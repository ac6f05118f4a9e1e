using System.Text;
using Helix.Aig;
using Helix.Aig.Aiger;
using Helix.Aig.Cnf;
using Helix.Aig.Equivalence;
using Helix.Aig.Sat;
using Helix.Aig.Simulation;
using Helix.Bench.Infrastructure;
using Helix.Core;
using static Helix.Bench.Aig.AigBenchMath;

namespace Helix.Bench.Aig;

/// <summary>
/// <c>helix bench aig</c>: Helix.Aig side by side with Berkeley ABC, MiniSat and CaDiCaL in the same run. Three
/// sections: classic (ISCAS/IWLS/generated circuits: read, simulation, fraig, CEC, SAT), EPFL (arithmetic circuits
/// against their ABC-optimized versions: CEC against <c>&amp;cec</c> and SAT on the miter CNFs, CPU time with a
/// per-pair limit), and random 3-SAT at the threshold.
/// </summary>
public static class AigBenchmark
{
    /// <summary>Runs the benchmark; <paramref name="log"/> receives progress lines. Returns the Markdown section.</summary>
    public static string Run(AigBenchOptions options, Action<string> log)
    {
        if (!ProcessRunner.IsAvailable("berkeley-abc"))
            throw new ToolNotFoundException("berkeley-abc", "not on PATH; install it with `apt-get install berkeley-abc` (scripts/install-test-tools.sh)");
        var dir = Directory.CreateTempSubdirectory("helix-bench-aig-").FullName;
        try { return RunIn(dir, options, log); }
        finally { try { Directory.Delete(dir, true); } catch (IOException) { } }
    }

    static string RunIn(string dir, AigBenchOptions options, Action<string> log)
    {
        var abc = new AbcRunner(dir);
        WarmUp();
        var docs = Path.Combine(options.RepoRoot, "docs", "bench");
        // Two sections of BENCHMARKS.md, so that each part can be rerun alone: "aig" (classic) and "aig-epfl" (EPFL and SAT).
        const string shared = "The machine was shared with other jobs while this ran (2 cores, often 10+ runnable processes): every figure compares Helix and its baseline measured side by side in the same run.";
        var md = new StringBuilder();
        if (options.Sections.Contains("classic"))
        {
            var classic = new AigClassicSection(dir, abc, options, log);
            classic.Run();
            AtomicFile.WriteAllText(Path.Combine(docs, "aig.csv"), classic.Circuits.ToCsv());
            AtomicFile.WriteAllText(Path.Combine(docs, "aig-cec.csv"), classic.Checks.ToCsv());
            PlotClassic(classic, Path.Combine(docs, "aig.png"));
            var part = new StringBuilder();
            part.AppendLine("## AIG: Helix.Aig against Berkeley ABC, MiniSat and CaDiCaL").AppendLine().AppendLine(shared).AppendLine();
            AppendClassic(part, classic, options);
            part.AppendLine("CSV: `docs/bench/aig.csv`, `docs/bench/aig-cec.csv`; plot: `docs/bench/aig.png`. EPFL pairs and SAT: next section.");
            Write(options, "aig", part.ToString());
            md.Append(part).AppendLine();
        }
        var epflPart = new StringBuilder();
        var satRows = new List<AigSatRow>();
        if (options.Sections.Contains("epfl"))
        {
            var epfl = new AigEpflSection(dir, abc, options, log);
            epfl.Run();
            AtomicFile.WriteAllText(Path.Combine(docs, "aig-epfl.csv"), epfl.Cec.ToCsv());
            epflPart.AppendLine($"### AIG: EPFL arithmetic circuits against their ABC-optimized versions");
            epflPart.AppendLine();
            epflPart.AppendLine($"`./helix bench aig --sections epfl random --epfl {string.Join(' ', options.EpflCircuits)}{Versions(options)} --pair-limit {options.PairLimit:F0} --sat-limit {options.SatLimit:F0} --sat-epfl {string.Join(' ', options.SatEpflCircuits)} --random {options.RandomInstances}`. {shared}");
            epflPart.AppendLine();
            epflPart.AppendLine($"Each EPFL circuit against its ABC-optimized versions ({string.Join("; ", options.EpflVersionNames.Select(n => $"{n}: `{AigBenchCircuits.EpflVersion(n).Script}`"))}). CPU seconds on one core, {options.PairLimit:F0} s CPU limit per pair and tool (`timeout` rows are kept). Helix reads both files and runs `AigCec.Run` with default options, in-process; ABC `&cec` (default `-C 1000`) as a child process limited by `prlimit --cpu`.");
            epflPart.AppendLine();
            epflPart.Append(epfl.Cec.ToMarkdown()).AppendLine();
            epflPart.AppendLine(epfl.Summary());
            epflPart.AppendLine();
            satRows.AddRange(epfl.Sat);
        }
        if (options.Sections.Contains("random"))
            satRows.AddRange(AigRandomSatSection.Run(dir, options.RandomInstances, options.SatLimit, log));
        if (satRows.Count > 0)
        {
            var table = SatTable(satRows);
            AtomicFile.WriteAllText(Path.Combine(docs, "aig-sat.csv"), table.ToCsv());
            epflPart.AppendLine("### AIG: SAT on the miter CNFs of the EPFL pairs and random 3-SAT at the threshold");
            epflPart.AppendLine();
            epflPart.AppendLine($"CPU seconds on one core, {options.SatLimit:F0} s CPU limit per instance and solver. Helix parses the DIMACS file and runs `CdclSolver` with default options in-process (bounded variable elimination with subsumption before the search, ProbSAT local-search walks for its phases, three-tier learnt-clause database, Glucose/Luby restarts; its models are extended to the eliminated variables and checked against the original CNF); `minisat -verb=0` (with its SatELite preprocessing) and `cadical -q` as child processes. \"no BVE\" is Helix with `Eliminate = false`. Answers are cross-checked between solvers.");
            epflPart.AppendLine();
            epflPart.Append(table.ToMarkdown()).AppendLine();
            epflPart.AppendLine(SatSummary(satRows));
            epflPart.AppendLine();
        }
        if (epflPart.Length > 0)
        {
            epflPart.AppendLine("CSV: `docs/bench/aig-epfl.csv`, `docs/bench/aig-sat.csv`.");
            Write(options, "aig-epfl", epflPart.ToString());
            md.Append(epflPart);
        }
        return md.ToString();
    }

    // The --epfl-versions part of the regenerating command; empty for the default versions.
    static string Versions(AigBenchOptions options) =>
        options.EpflVersionNames.SequenceEqual(AigBenchCircuits.EpflVersions.Select(v => v.Name)) ? "" : " --epfl-versions " + string.Join(' ', options.EpflVersionNames);

    static void Write(AigBenchOptions options, string section, string body)
    {
        if (options.WriteMarkdown) BenchmarksMarkdown.ReplaceSection(Path.Combine(options.RepoRoot, "BENCHMARKS.md"), section, body);
    }

    static void AppendClassic(StringBuilder md, AigClassicSection classic, AigBenchOptions options)
    {
        md.AppendLine("### Classic circuits against their resyn2 and dc2 versions");
        md.AppendLine();
        md.AppendLine("`./helix bench aig` (circuits: " + string.Join(", ", options.Circuits) + $"; SAT limit {options.SatTimeout.TotalSeconds:F0} s wall). " +
                      "ABC times come from its own `time` command (short commands repeated); Helix runs in-process after a warm-up. Read and simulation figures are the best of three runs on both sides; CEC and fraig are single runs. " +
                      "Ratios below 1 favour Helix for times; above 1 favour Helix for simulation throughput (node-words/s).");
        md.AppendLine();
        md.Append(classic.Circuits.ToMarkdown()).AppendLine();
        md.Append(classic.Checks.ToMarkdown()).AppendLine();
        md.AppendLine(classic.Summary());
        md.AppendLine();
    }

    static void PlotClassic(AigClassicSection c, string path)
    {
        if (c.Sizes.Count == 0) return;
        // Plot by circuit size, so each line runs left to right.
        var order = Enumerable.Range(0, c.Sizes.Count).OrderBy(i => c.Sizes[i]).ToArray();
        List<double> Sorted(List<double> xs) => order.Select(i => xs[i]).ToList();
        var sizes = Sorted(c.Sizes);
        SeriesPlot.SavePng(path, new (string, string, string, IReadOnlyList<Series>)[]
        {
            ("CEC vs resyn2 version", "AND gates", "seconds", new[] { new Series("Helix cec", sizes, Sorted(c.CecHelix)), new Series("ABC cec", sizes, Sorted(c.CecAbc)) }),
            ("fraig", "AND gates", "seconds", new[] { new Series("Helix fraig", sizes, Sorted(c.FraigHelix)), new Series("ABC fraig", sizes, Sorted(c.FraigAbc)) }),
        });
    }

    static ResultTable SatTable(List<AigSatRow> rows)
    {
        var t = new ResultTable("instance", "vars", "clauses", "answer", "SAT s Helix", "SAT s MiniSat", "SAT s CaDiCaL", "Helix/MiniSat", "Helix/CaDiCaL", "SAT s Helix no BVE", "Helix/no BVE");
        foreach (var r in rows)
            t.Add(r.Name, r.Vars, r.Clauses, r.Answer, Cell(r.Helix), Cell(r.MiniSat), Cell(r.CaDiCaL), Ratio(r.Helix, r.MiniSat), Ratio(r.Helix, r.CaDiCaL), Cell(r.HelixNoElim), Ratio(r.Helix, r.HelixNoElim));
        return t;
    }

    static string SatSummary(List<AigSatRow> rows)
    {
        var both = rows.Where(r => r.RatioToMiniSat.HasValue).Select(r => r.RatioToMiniSat!.Value).ToList();
        var bothC = rows.Where(r => r.Helix.HasValue && r.CaDiCaL.HasValue).Select(r => Math.Max(r.Helix!.Value, 1e-3) / Math.Max(r.CaDiCaL!.Value, 1e-3));
        var missed = rows.Where(r => r.MiniSat is < 10 && !r.Helix.HasValue).Select(r => r.Name).ToList();
        var elim = rows.Where(r => r.Helix.HasValue && r.HelixNoElim.HasValue).Select(r => Math.Max(r.Helix!.Value, 1e-3) / Math.Max(r.HelixNoElim!.Value, 1e-3)).ToList();
        string By(SatResult answer)
        {
            var xs = rows.Where(r => r.Answer == answer && r.RatioToMiniSat.HasValue).Select(r => r.RatioToMiniSat!.Value).ToList();
            return $"{GeoMean(xs):F2} on the {xs.Count} {(answer == SatResult.Satisfiable ? "satisfiable" : "unsatisfiable")}";
        }
        return $"Solved of {rows.Count}: Helix {rows.Count(r => r.Helix.HasValue)}, MiniSat {rows.Count(r => r.MiniSat.HasValue)}, CaDiCaL {rows.Count(r => r.CaDiCaL.HasValue)}. " +
               $"SAT time Helix/MiniSat on the {both.Count} instances both solve: {GeoMean(both):F2} (geometric mean, target ≤ 1; {By(SatResult.Satisfiable)}, {By(SatResult.Unsatisfiable)}); Helix/CaDiCaL {GeoMean(bothC):F2}. " +
               $"Instances MiniSat solves in under 10 s that Helix leaves unsolved: {(missed.Count == 0 ? "none" : string.Join(", ", missed))} (target: none). " +
               $"Bounded variable elimination: Helix with it / without it {GeoMean(elim):F2} (geometric mean over {elim.Count} instances both solve; solved without it: {rows.Count(r => r.HelixNoElim.HasValue)}).";
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
        var cnf = TseitinEncoder.OutputCanBeOne(AigMiter.Build(g, h)).Formula;
        var sw = new StringWriter();
        Dimacs.Write(cnf, sw);
        Dimacs.Read(new StringReader(sw.ToString())).ToSolver().Solve();
        // A few small random 3-SAT instances, so that the search and the local-search walks are compiled too.
        for (int i = 0; i < 4; i++) AigRandomSatSection.Random3Sat(60, 256, (ulong)i + 99).ToSolver().Solve();
    }
}
