using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Helix.Bench.Infrastructure;
using Helix.Core;
using Helix.FixTypes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Helix.Bench.FixTypes;

/// <summary>
/// `helix bench fixtypes`: construct, fix, compare and hash of a generated fixtype against a hand-written record with
/// the same fixing, and a single-value fixtype against Vogen, side by side in the same run (ns per operation and bytes
/// allocated per operation); then generator time for 1,000 fixtypes, cold and after one edit. Writes
/// docs/bench/fixtypes.csv and the fixtypes section of BENCHMARKS.md.
/// </summary>
public static class FixTypesBenchCommand
{
    /// <summary>The `fixtypes` subcommand of `helix bench`.</summary>
    public static Command Create()
    {
        var ops = new Option<int>("--ops") { Description = "Operations per timed round.", DefaultValueFactory = _ => 2_000_000 };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved rounds; the median is reported.", DefaultValueFactory = _ => 7 };
        var types = new Option<int>("--types") { Description = "Fixtypes in the generator-time project.", DefaultValueFactory = _ => 1000 };
        var cmd = new Command("fixtypes", "FixTypes: generated fixtypes vs a hand-written record and Vogen; generator time for 1,000 types.") { ops, rounds, types };
        cmd.SetAction(p => CliRunner.Guard(() => Run(p.GetValue(ops), p.GetValue(rounds), p.GetValue(types), BenchmarksMarkdown.FindRepoRoot())));
        return cmd;
    }

    private sealed record Row(string Operation, string Helix, string Baseline, double HelixNs, double BaseNs, double HelixBytes, double BaseBytes)
    {
        public double Ratio => HelixNs / BaseNs;
    }

    private static int Run(int ops, int rounds, int types, string root)
    {
        Check.That(ops >= 1000, "ops", "must be at least 1000");
        var names = new[] { "a", "bb", "ccc", "dddd" };
        var fa = new BenchFixSettings { Threads = 4, Budget = 10, Ratio = 0.5, Name = "x" };
        var fb = new BenchFixSettings { Threads = 4, Budget = 10, Ratio = 0.5, Name = "x" };
        var ha = new BenchHandSettings { Threads = 4, Budget = 10, Ratio = 0.5, Name = "x" };
        var hb = new BenchHandSettings { Threads = 4, Budget = 10, Ratio = 0.5, Name = "x" };
        var rows = new List<Row>
        {
            Measure("construct (4 fields)", "fixtype", "hand-written record", ops, rounds,
                i => new BenchFixSettings { Threads = i & 127, Budget = i - 50, Ratio = (i & 3) * 0.4, Name = names[i & 3] }.Threads,
                i => new BenchHandSettings { Threads = i & 127, Budget = i - 50, Ratio = (i & 3) * 0.4, Name = names[i & 3] }.Threads),
            Measure("fix (valid value)", "fixtype", "hand-written record", ops, rounds,
                _ => BenchFixSettings.Fix(fa).Threads, _ => BenchHandSettings.Fix(ha).Threads),
            Measure("compare (equal values)", "fixtype", "hand-written record", ops, rounds,
                _ => fa.Equals(fb) ? 1 : 0, _ => ha.Equals(hb) ? 1 : 0),
            Measure("hash", "fixtype", "hand-written record", ops, rounds,
                _ => fa.GetHashCode(), _ => ha.GetHashCode()),
            Measure("construct single value", "fixtype struct", "Vogen struct", ops, rounds,
                i => new BenchFixLevel { Value = i % 101 }.Value, i => BenchVogenLevel.From(i % 101).Value),
            Measure("compare single value", "fixtype struct", "Vogen struct", ops, rounds,
                i => new BenchFixLevel { Value = i & 63 }.Equals(new BenchFixLevel { Value = 7 }) ? 1 : 0,
                i => BenchVogenLevel.From(i & 63).Equals(BenchVogenLevel.From(7)) ? 1 : 0),
        };

        var (cold, edit, outputs) = GeneratorTime(types, rounds: 3);

        var table = new StringBuilder();
        table.AppendLine("| operation | Helix | baseline | Helix ns/op | baseline ns/op | ratio | Helix B/op | baseline B/op |");
        table.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Operation} | {r.Helix} | {r.Baseline} | {r.HelixNs:F2} | {r.BaseNs:F2} | {r.Ratio:F2}× | {r.HelixBytes:F1} | {r.BaseBytes:F1} |"));
        var gen = string.Create(CultureInfo.InvariantCulture,
            $"Generator, {types} fixtypes (CSharpGeneratorDriver, median of 3): cold {cold:F0} ms; incremental after one edit {edit:F1} ms ({outputs} output regenerated).");
        Console.Out.Write(table.ToString());
        Console.Out.WriteLine(gen);

        var csv = new StringBuilder("operation,helix,baseline,helix_ns,baseline_ns,ratio,helix_bytes,baseline_bytes\n");
        foreach (var r in rows)
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{r.Operation},{r.Helix},{r.Baseline},{r.HelixNs:F3},{r.BaseNs:F3},{r.Ratio:F3},{r.HelixBytes:F1},{r.BaseBytes:F1}"));
        csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"generator cold ({types} types),fixtypes,,{cold * 1e6:F0},,,,"));
        csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"generator one edit ({types} types),fixtypes,,{edit * 1e6:F0},,,,"));
        Directory.CreateDirectory(Path.Combine(root, "docs", "bench"));
        AtomicFile.WriteAllText(Path.Combine(root, "docs", "bench", "fixtypes.csv"), csv.ToString());
        BenchmarksMarkdown.ReplaceSection(Path.Combine(root, "BENCHMARKS.md"), "fixtypes",
            "## FixTypes: generated fixtypes vs a hand-written record and Vogen (`./helix bench fixtypes`)\n\n"
            + "Same process, interleaved rounds, median; the machine was shared with other engineers' builds, so read the ratios, not the absolute times. "
            + "B/op is `GC.GetAllocatedBytesForCurrentThread` per operation.\n\n" + table + "\n" + gen + "\n\nCSV: `docs/bench/fixtypes.csv`.\n");
        return 0;
    }

    private static Row Measure(string op, string helix, string baseline, int ops, int rounds, Func<int, int> fix, Func<int, int> hand)
    {
        var h = new List<double>();
        var b = new List<double>();
        double hb = 0, bb = 0;
        Run(fix, 10_000);
        Run(hand, 10_000);
        for (int r = 0; r < rounds; r++)
        {
            var (t1, a1) = Run(fix, ops);
            var (t2, a2) = Run(hand, ops);
            h.Add(t1);
            b.Add(t2);
            hb = a1;
            bb = a2;
        }
        return new Row(op, helix, baseline, Median(h), Median(b), hb, bb);
    }

    private static (double Ns, double Bytes) Run(Func<int, int> f, int ops)
    {
        int sink = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < ops; i++) sink += f(i);
        sw.Stop();
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(sink);
        return (sw.Elapsed.TotalNanoseconds / ops, (double)bytes / ops);
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

    private static (double ColdMs, double EditMs, int Outputs) GeneratorTime(int types, int rounds)
    {
        var refs = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Append(typeof(FixList<>).Assembly.Location).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = Enumerable.Range(0, types).Select(i => CSharpSyntaxTree.ParseText(TypeSource(i), parse, path: "T" + i + ".cs")).ToArray();
        var compilation = CSharpCompilation.Create("Big", trees, refs, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var colds = new List<double>();
        var edits = new List<double>();
        int outputs = 0;
        for (int r = 0; r < rounds; r++)
        {
            GeneratorDriver driver = CSharpGeneratorDriver.Create([new FixTypeGenerator().AsSourceGenerator()], parseOptions: parse,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            var sw = Stopwatch.StartNew();
            driver = driver.RunGenerators(compilation);
            colds.Add(sw.Elapsed.TotalMilliseconds);
            var edited = compilation.ReplaceSyntaxTree(trees[types / 2], CSharpSyntaxTree.ParseText(TypeSource(types / 2, hi: 65 + r), parse, path: "T" + types / 2 + ".cs"));
            sw.Restart();
            driver = driver.RunGenerators(edited);
            edits.Add(sw.Elapsed.TotalMilliseconds);
            outputs = driver.GetRunResult().Results[0].TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
                .Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        }
        return (Median(colds), Median(edits), outputs);
    }
}
