using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Helix.Bench.Infrastructure;
using Helix.Core;
using Helix.FixTypes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Helix.Bench.FixTypes;

/// <summary>
/// `helix bench fixtypes`: BenchmarkDotNet (in-process toolchain, memory diagnoser) runs construct, fix, update, compare
/// and hash of a generated fixtype beside a hand-written record with the same fixing, and a single-value fixtype beside
/// Vogen (<see cref="FixTypesRuntimeBenchmarks"/>); ratios are taken pair by pair. Then generator time for projects of
/// 200 and 1,000 fixtypes in the IDE's incremental mode (after an edit to one fixtype, after an edit to an unrelated file)
/// and cold, beside <see cref="SyntaxFloorGenerator"/> (FixTypes' pipeline binding nothing) and <see cref="FloorGenerator"/>
/// (ForAttributeWithMetadataName alone). Writes
/// docs/bench/fixtypes.csv and the fixtypes section of BENCHMARKS.md.
/// </summary>
public static class FixTypesBenchCommand
{
    /// <summary>The `fixtypes` subcommand of `helix bench`.</summary>
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Short BenchmarkDotNet job (fewer, shorter iterations) and 3 generator rounds." };
        var types = new Option<int[]>("--types") { Description = "Project sizes (fixtypes) for generator time.", DefaultValueFactory = _ => [200, 1000], AllowMultipleArgumentsPerToken = true };
        var noWrite = new Option<bool>("--no-write") { Description = "Print only; leave BENCHMARKS.md and docs/bench alone." };
        var generatorOnly = new Option<bool>("--generator-only") { Description = "Only the generator-time table, printed (implies --no-write); without it the run-time rows run first." };
        var cmd = new Command("fixtypes", "FixTypes: generated fixtypes vs a hand-written record and Vogen (BenchmarkDotNet); generator time cold and incremental.") { quick, types, noWrite, generatorOnly };
        cmd.SetAction(p => CliRunner.Guard(() => Run(p.GetValue(quick), p.GetValue(types)!, !p.GetValue(noWrite) && !p.GetValue(generatorOnly),
            p.GetValue(generatorOnly), BenchmarksMarkdown.FindRepoRoot())));
        return cmd;
    }

    /// <summary>Benchmark method pairs: operation, Helix method, baseline method, baseline name.</summary>
    private static readonly (string Op, string Helix, string Base, string BaseName)[] Pairs =
    [
        ("construct, valid values (4 fields)", nameof(FixTypesRuntimeBenchmarks.FixtypeConstruct), nameof(FixTypesRuntimeBenchmarks.HandConstruct), "hand-written record"),
        ("construct, out-of-range values", nameof(FixTypesRuntimeBenchmarks.FixtypeConstructFixing), nameof(FixTypesRuntimeBenchmarks.HandConstructFixing), "hand-written record"),
        ("Fix of a valid value", nameof(FixTypesRuntimeBenchmarks.FixtypeFix), nameof(FixTypesRuntimeBenchmarks.HandFix), "hand-written record"),
        ("with { Name = ... }", nameof(FixTypesRuntimeBenchmarks.FixtypeWith), nameof(FixTypesRuntimeBenchmarks.HandWith), "hand-written record"),
        ("Equals (equal values)", nameof(FixTypesRuntimeBenchmarks.FixtypeEquals), nameof(FixTypesRuntimeBenchmarks.HandEquals), "hand-written record"),
        ("GetHashCode", nameof(FixTypesRuntimeBenchmarks.FixtypeHash), nameof(FixTypesRuntimeBenchmarks.HandHash), "hand-written record"),
        ("construct single value", nameof(FixTypesRuntimeBenchmarks.FixtypeLevel), nameof(FixTypesRuntimeBenchmarks.VogenLevel), "Vogen struct"),
    ];

    private sealed record Row(string Operation, string Baseline, double HelixNs, double BaseNs, long HelixBytes, long BaseBytes)
    {
        public double Ratio => HelixNs / BaseNs;
    }

    private sealed record GenRow(int Types, string Generator, double FirstMs, double ColdMs, double ColdCpuMs,
        double EditMs, double EditCpuMs, double UnrelatedMs, double UnrelatedCpuMs);

    private static int Run(bool quick, int[] typeCounts, bool write, bool generatorOnly, string root)
    {
        Check.That(typeCounts.Length > 0 && typeCounts.All(n => n >= 2), "types", "must be at least 2");
        string loadStart = LoadAverage();
        var rows = generatorOnly ? [] : RuntimeRows(quick);
        var gens = new List<GenRow>();
        foreach (var n in typeCounts) gens.AddRange(GeneratorTime(n, rounds: quick ? 3 : 5));

        var table = new StringBuilder();
        table.AppendLine("| operation | baseline | Helix ns/op | baseline ns/op | ratio | Helix B/op | baseline B/op |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Operation} | {r.Baseline} | {r.HelixNs:F2} | {r.BaseNs:F2} | {RatioText(r)} | {r.HelixBytes} | {r.BaseBytes} |"));
        var gtable = new StringBuilder();
        gtable.AppendLine("| fixtypes | generator | one fixtype edited: wall ms | CPU ms | unrelated file edited: wall ms | CPU ms | cold: wall ms | CPU ms | warm-up round's cold run, wall ms |");
        gtable.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var g in gens)
            gtable.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {g.Types} | {g.Generator} | {g.EditMs:F1} | {g.EditCpuMs:F1} | {g.UnrelatedMs:F1} | {g.UnrelatedCpuMs:F1} | {g.ColdMs:F0} | {g.ColdCpuMs:F0} | {g.FirstMs:F0} |"));
        if (!generatorOnly)
        {
            Console.Out.Write(table.ToString());
            Console.Out.WriteLine();
        }
        string load = "load average " + loadStart + " at the start, " + LoadAverage() + " at the end";
        Console.Out.WriteLine("Load: " + load);
        Console.Out.Write(gtable.ToString());
        if (!write) return 0;

        var csv = new StringBuilder("operation,baseline,helix_ns,baseline_ns,ratio,helix_bytes,baseline_bytes\n");
        foreach (var r in rows)
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{r.Operation},{r.Baseline},{r.HelixNs:F3},{r.BaseNs:F3},{(r.HelixNs < 0.1 || r.BaseNs < 0.1 ? "" : r.Ratio.ToString("F3", CultureInfo.InvariantCulture))},{r.HelixBytes},{r.BaseBytes}"));
        foreach (var g in gens)
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"generator {g.Generator} {g.Types} types (edit wall / edit CPU / unrelated wall ms; cold {g.ColdMs:F0} ms),,{g.EditMs:F1},{g.EditCpuMs:F1},{g.UnrelatedMs:F1},,"));
        Directory.CreateDirectory(Path.Combine(root, "docs", "bench"));
        AtomicFile.WriteAllText(Path.Combine(root, "docs", "bench", "fixtypes.csv"), csv.ToString());
        BenchmarksMarkdown.ReplaceSection(Path.Combine(root, "BENCHMARKS.md"), "fixtypes",
            "## FixTypes: generated fixtypes vs a hand-written record and Vogen (`./helix bench fixtypes`)\n\n"
            + "Run-time rows: BenchmarkDotNet " + (quick ? "(`--quick`: ShortRun job, in-process toolchain)" : "(in-process toolchain, 4 warmups, 11 iterations of 200 ms)")
            + ", median ns/op and allocated B/op from its memory diagnoser; each ratio is Helix over its twin. "
            + "The machine was shared with other engineers' builds, so read the ratios, not the absolute times.\n\n"
            + table + "\n"
            + "Generator time in the IDE's incremental mode (CSharpGeneratorDriver; " + (quick ? 3 : 5) + " rounds, each with one long-lived "
            + "driver: a cold run on a fresh compilation, " + WarmEdits + " warm-up edits, " + Edits + " measured edits of one fixtype's range "
            + "(a different type each), " + UnrelatedEdits + " measured edits of a method body in an unrelated file; medians; only "
            + "`RunGenerators` timed, wall and this process's CPU; no step tracking). Generators alternate within each round. "
            + "`syntax floor` runs FixTypes' own per-file syntax pipeline and binds nothing: the floor of its design. `FAWMN floor` "
            + "only calls ForAttributeWithMetadataName for [FixType] and emits a comment: what any generator built on that API "
            + "pays per edit (Roslyn binds every attributed record of the new compilation again). Cold is a fresh compilation "
            + "with the JIT warm; the last column is the uncounted warm-up round's cold run (one sample; for the first size only, with the JIT cold).\n\n"
            + "Load: " + load + ".\n\n"
            + gtable + "\nCSV: `docs/bench/fixtypes.csv`. Regenerate: `./helix bench fixtypes" + (quick ? " --quick" : "")
            + (typeCounts.SequenceEqual([200, 1000]) ? "" : " --types " + string.Join(" ", typeCounts)) + "` (options: `--quick`, `--types 200 1000`, "
            + "`--no-write`; `--generator-only` prints the generator table alone).\n");
        return 0;
    }

    private static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1, 5, 15 min; " + Environment.ProcessorCount + " cores)"; }
        catch (IOException) { return "unknown"; }
    }

    /// <summary>The ratio, or a dash when either side is below BenchmarkDotNet's resolution (it reports 0 ns for an
    /// operation the JIT reduced to almost nothing).</summary>
    private static string RatioText(Row r) =>
        r.HelixNs < 0.1 || r.BaseNs < 0.1 ? "— (below 0.1 ns)" : string.Create(CultureInfo.InvariantCulture, $"{r.Ratio:F2}×");

    private static List<Row> RuntimeRows(bool quick)
    {
        // A fixed, short job: BenchmarkDotNet's default one ran past 15 minutes on the shared machine (its noise kept the
        // iteration count growing). Twins run back to back, so slow drifts of the load hit both sides alike.
        var job = (quick ? Job.ShortRun : Job.Default.WithWarmupCount(4).WithIterationCount(11).WithIterationTime(TimeInterval.FromMilliseconds(200)))
            .WithToolchain(InProcessEmitToolchain.DontLogOutput);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(NullLogger.Instance)
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.DisableOptimizationsValidator)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "helix-bench-fixtypes"));
        var summary = BenchmarkRunner.Run<FixTypesRuntimeBenchmarks>(config);
        var byName = summary.Reports.Where(r => r.ResultStatistics is not null)
            .ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name);
        var rows = new List<Row>();
        foreach (var (op, helix, baseline, baseName) in Pairs)
        {
            if (!byName.TryGetValue(helix, out var h) || !byName.TryGetValue(baseline, out var b))
                throw new InvalidOperationException("BenchmarkDotNet produced no result for " + helix + " or " + baseline);
            rows.Add(new Row(op, baseName, h.ResultStatistics!.Median, b.ResultStatistics!.Median,
                h.GcStats.GetBytesAllocatedPerOperation(h.BenchmarkCase) ?? 0, b.GcStats.GetBytesAllocatedPerOperation(b.BenchmarkCase) ?? 0));
        }
        return rows;
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToArray();
        return s[s.Length / 2];
    }

    private static string TypeSource(int i, int hi = 64) =>
        "using Helix.FixTypes;\nnamespace Big;\n[FixType] public partial record T" + i + "\n{\n"
        + "    [Range(1, " + hi + ")] public partial int A { get; init; }\n"
        + "    [Nat] public partial long B { get; init; }\n"
        + "    [Str(Trim = true)] public partial string C { get; init; }\n"
        + "    [Nat] public partial FixList<int> D { get; init; }\n"
        + (i > 0 ? "    public partial T" + (i - 1) + "? E { get; init; }\n" : "")
        + "}\n";

    private const string Unrelated = "namespace Big;\npublic static class Helper\n{\n    public static int Twice(int x) => 2 * x;\n}\n";

    /// <summary>Edits per round: warm-up edits (not counted: the IDE's driver has seen edits before), then measured
    /// edits of one fixtype each (a different type each time), then measured edits of an unrelated file's method body.</summary>
    private const int WarmEdits = 2, Edits = 4, UnrelatedEdits = 2;

    private static readonly string[] Generators = ["FixTypes", "syntax floor", "FAWMN floor"];

    private static IIncrementalGenerator NewGenerator(string name) => name switch
    {
        "FixTypes" => new FixTypeGenerator(),
        "syntax floor" => new SyntaxFloorGenerator(),
        _ => new FloorGenerator(),
    };

    private sealed class Times
    {
        public double FirstMs;
        public readonly List<double> ColdMs = [], ColdCpuMs = [], EditMs = [], EditCpuMs = [], UnrelatedMs = [], UnrelatedCpuMs = [];
    }

    /// <summary>
    /// IDE mode: one long-lived CSharpGeneratorDriver per round, run on a fresh compilation (cold), then on the successive
    /// compilations an editor produces (each edit replaces one syntax tree of the last compilation). Only
    /// <c>RunGenerators</c> is timed (not parsing the edited file, not adding the generated trees), wall and this process's
    /// CPU time. Generators alternate within each round; round -1 warms the JIT up and only its cold run is kept, as the
    /// first run in the process.
    /// </summary>
    private static List<GenRow> GeneratorTime(int types, int rounds)
    {
        var refs = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Append(typeof(FixList<>).Assembly.Location).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = Enumerable.Range(0, types).Select(i => CSharpSyntaxTree.ParseText(TypeSource(i), parse, path: "T" + i + ".cs"))
            .Append(CSharpSyntaxTree.ParseText(Unrelated, parse, path: "Helper.cs")).ToArray();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var times = Generators.ToDictionary(g => g, _ => new Times());
        for (int r = -1; r < rounds; r++)
            foreach (var name in Generators)
            {
                var t = times[name];
                Compilation compilation = CSharpCompilation.Create("Big", trees, refs, options);   // fresh: nothing bound yet
                GeneratorDriver driver = CSharpGeneratorDriver.Create([NewGenerator(name).AsSourceGenerator()], parseOptions: parse);
                var (cold, coldCpu) = Timed(ref driver, compilation);
                if (r < 0) t.FirstMs = cold;
                else { t.ColdMs.Add(cold); t.ColdCpuMs.Add(coldCpu); }
                for (int k = 0; k < WarmEdits + Edits; k++)
                {
                    int i = (types / 2 + 7 * k + 13 * Math.Max(r, 0)) % types;   // a different fixtype each edit
                    compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(i),
                        CSharpSyntaxTree.ParseText(TypeSource(i, hi: 65 + k), parse, path: "T" + i + ".cs"));
                    var (ms, cpu) = Timed(ref driver, compilation);
                    if (r < 0 || k < WarmEdits) continue;
                    t.EditMs.Add(ms);
                    t.EditCpuMs.Add(cpu);
                }
                for (int k = 0; k < UnrelatedEdits; k++)
                {
                    compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(types),
                        CSharpSyntaxTree.ParseText(Unrelated.Replace("2 * x", (3 + k) + " * x", StringComparison.Ordinal), parse, path: "Helper.cs"));
                    var (ms, cpu) = Timed(ref driver, compilation);
                    if (r < 0) continue;
                    t.UnrelatedMs.Add(ms);
                    t.UnrelatedCpuMs.Add(cpu);
                }
            }
        return Generators.Select(g => new GenRow(types, g, times[g].FirstMs, Median(times[g].ColdMs), Median(times[g].ColdCpuMs),
            Median(times[g].EditMs), Median(times[g].EditCpuMs), Median(times[g].UnrelatedMs), Median(times[g].UnrelatedCpuMs))).ToList();
    }

    /// <summary>Wall and process CPU milliseconds of one <c>RunGenerators</c>.</summary>
    private static (double Ms, double CpuMs) Timed(ref GeneratorDriver driver, Compilation compilation)
    {
        double cpu0 = Aig.CpuClock.SelfSeconds();
        var sw = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        return (sw.Elapsed.TotalMilliseconds, (Aig.CpuClock.SelfSeconds() - cpu0) * 1000);
    }
}
