using System.Diagnostics;
using System.Text;
using Helix.Bench.Infrastructure;
using Helix.Core;
using Helix.XDoc;

namespace Helix.Bench.Doc;

/// <summary>
/// <c>helix bench doc</c>: XDoc on Helix's own manual and on a generated 10,000-topic manual: build time, site size,
/// and, in Chromium, jump-to index load time, time per keystroke and a full-text search; DocFX beside it on the same
/// inputs in the same run where the dotnet tool installs.
/// </summary>
public static class DocBenchmark
{
    /// <summary>Runs the benchmark; <paramref name="log"/> receives progress lines. Returns the Markdown section.</summary>
    public static string Run(DocBenchOptions options, Action<string> log)
    {
        var dir = Directory.CreateTempSubdirectory("helix-bench-doc-").FullName;
        try { return RunIn(dir, options, log); }
        finally { try { Directory.Delete(dir, true); } catch (IOException) { } }
    }

    sealed record Row(string Manual, string Tool, int Topics, double BuildS, double WarmBuildS, double CpuS, long SiteBytes, long IndexBytes,
                      BrowserTimes? Browser, string Note);

    static string RunIn(string dir, DocBenchOptions options, Action<string> log)
    {
        var repo = options.RepoRoot;
        var rows = new List<Row>();
        var libs = Directory.GetDirectories(Path.Combine(repo, "src"), "Helix.*")
            .Where(d => !Path.GetFileName(d).StartsWith("Helix.Cli", StringComparison.Ordinal) && Directory.EnumerateFiles(d, "*.csproj").Any())
            .Order(StringComparer.Ordinal).ToList();
        var helixTopics = Path.Combine(repo, "docs", "topics");
        var helixSources = new DocSources { RepositoryRoot = repo, TopicFolder = helixTopics, ProjectFolders = libs };
        var genTopics = Path.Combine(dir, "gen-topics");
        log($"writing the generated manual: {options.GeneratedTopics} topic files");
        GeneratedManual.Write(genTopics, options.GeneratedTopics, options.Seed);
        var genSources = new DocSources { RepositoryRoot = dir, TopicFolder = genTopics };
        bool browser = File.Exists(BrowserProbe.ChromiumPath);
        if (!browser) log("no /usr/bin/chromium: browser timings are skipped (apt-get install chromium)");

        foreach (var (label, sources, query) in new[] { ("Helix", helixSources, "atomic file"), ($"generated {options.GeneratedTopics:N0}", genSources, "tensor gradient") })
        {
            var site = Path.Combine(dir, "site-" + rows.Count);
            var buildOptions = new DocBuildOptions
            {
                OutputFolder = site, BrokenLinksLimit = int.MaxValue, UndocumentedLimit = int.MaxValue, AllowOrphans = true, Threads = options.Threads,
            };
            log($"XDoc: building the {label} manual (cold, then warm)");
            var me = Process.GetCurrentProcess();
            var clock = Stopwatch.StartNew();
            var cpu0 = me.TotalProcessorTime;
            var first = DocBuilder.Run(sources, buildOptions);
            double cold = clock.Elapsed.TotalSeconds;
            me.Refresh();
            double cpu = (me.TotalProcessorTime - cpu0).TotalSeconds;
            clock.Restart();
            var second = DocBuilder.Run(sources, buildOptions);
            double warm = clock.Elapsed.TotalSeconds;
            if (!second.Succeeded) throw new InvalidOperationException($"the {label} manual did not build: {second.Diagnostics.First(d => d.IsError)}");
            BrowserTimes? times = null;
            if (browser)
            {
                log($"Chromium: index load, keystrokes and search on the {label} site");
                times = BrowserProbe.MeasureAsync(site, query).GetAwaiter().GetResult();
            }
            rows.Add(new Row(label, "XDoc", second.Stats.Topics, cold, warm, cpu, second.Stats.BytesWritten, second.Stats.NamesIndexBytes, times,
                $"{second.Stats.FilesWritten} files; full-text shards {second.Stats.SearchIndexBytes / 1024.0:F0} KiB"));
            _ = first;
        }

        if (options.DocFx)
        {
            var exe = DocFxRunner.Locate(Path.Combine(Path.GetTempPath(), "helix-docfx-tool"), log, out var why);
            if (exe == null)
            {
                log(why!);
                rows.Add(new Row("both", "DocFX", 0, double.NaN, double.NaN, double.NaN, 0, 0, null, why!));
            }
            else
            {
                var runner = new DocFxRunner(options.DocFxTimeout);
                foreach (var (label, src, topics) in new[] { ("Helix", (IReadOnlyList<string>)libs, helixTopics), ($"generated {options.GeneratedTopics:N0}", [], genTopics) })
                {
                    log($"DocFX: building the {label} manual");
                    var (seconds, cpuSeconds, site, error) = runner.Run(exe, Path.Combine(dir, "docfx-" + rows.Count), src, topics);
                    var index = Path.Combine(site, "index.json");
                    rows.Add(new Row(label, "DocFX", 0, seconds, double.NaN, cpuSeconds, error == null ? FolderBytes(site) : 0,
                        File.Exists(index) ? new FileInfo(index).Length : 0, null,
                        error ?? "search index is fetched by a web worker: no search from file://"));
                }
            }
        }
        return Report(rows, options, log);
    }

    static long FolderBytes(string dir) =>
        Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    static string Report(List<Row> rows, DocBenchOptions options, Action<string> log)
    {
        var table = new ResultTable("manual", "tool", "topics", "build s (cold)", "build s (warm)", "build CPU s (cold)", "site MiB", "jump index KiB",
            "index load ms (median)", "index load ms (min)", "keystroke ms mean", "keystroke ms p95", "keystroke ms max", "search ms", "XDoc speed-up vs DocFX (wall)", "XDoc speed-up vs DocFX (CPU)", "note");
        foreach (var r in rows)
        {
            var docfx = rows.FirstOrDefault(x => x.Tool == "DocFX" && x.Manual == r.Manual && !double.IsNaN(x.BuildS) && x.SiteBytes > 0);
            double speedup = r.Tool == "XDoc" && docfx != null ? docfx.BuildS / r.BuildS : double.NaN;
            double cpuSpeedup = r.Tool == "XDoc" && docfx != null ? docfx.CpuS / r.CpuS : double.NaN;
            table.Add(r.Manual, r.Tool, r.Topics == 0 ? null : r.Topics, r.BuildS, r.WarmBuildS, r.CpuS, r.SiteBytes == 0 ? double.NaN : r.SiteBytes / 1048576.0,
                r.IndexBytes == 0 ? double.NaN : r.IndexBytes / 1024.0, r.Browser?.IndexLoadMs ?? double.NaN, r.Browser?.IndexLoadMinMs ?? double.NaN, r.Browser?.KeystrokeMeanMs ?? double.NaN,
                r.Browser?.KeystrokeP95Ms ?? double.NaN, r.Browser?.KeystrokeMaxMs ?? double.NaN, r.Browser?.SearchMs ?? double.NaN, speedup, cpuSpeedup, r.Note);
        }
        var gen = rows.First(r => r.Tool == "XDoc" && r.Manual.StartsWith("generated", StringComparison.Ordinal));
        var targets = new ResultTable("target", "goal", "measured", "met");
        targets.Add($"{options.GeneratedTopics:N0}-topic build", "< 10 s",
            $"wall {gen.BuildS:F2} s cold, {gen.WarmBuildS:F2} s warm; CPU {gen.CpuS:F2} s (load average {LoadAverage.OneMinute()})",
            gen.BuildS < 10 ? "yes" : gen.CpuS < 10 ? "CPU time only (the shared machine stretches wall time)" : "no");
        if (gen.Browser is { } b)
        {
            targets.Add("jump-to index load", "< 100 ms", $"{b.IndexLoadMs:F1} ms", b.IndexLoadMs < 100 ? "yes" : "no");
            targets.Add("jump-to keystroke", "< 16 ms", $"{b.KeystrokeMeanMs:F2} ms mean, {b.KeystrokeP95Ms:F2} ms p95, {b.KeystrokeMaxMs:F2} ms max", b.KeystrokeMaxMs < 16 ? "yes" : b.KeystrokeP95Ms < 16 ? "mean and p95 (not the slowest)" : "no");
        }
        foreach (var r in rows.Where(r => r.Tool == "XDoc"))
        {
            var d = rows.FirstOrDefault(x => x.Tool == "DocFX" && x.Manual == r.Manual);
            if (d == null || double.IsNaN(d.BuildS) || d.SiteBytes == 0) targets.Add($"faster than DocFX ({r.Manual})", "XDoc build < DocFX build", d?.Note ?? "DocFX not run", "unknown");
            else targets.Add($"faster than DocFX ({r.Manual})", "XDoc build < DocFX build", $"wall {r.BuildS:F2} s vs {d.BuildS:F2} s ({d.BuildS / r.BuildS:F1}×); CPU {r.CpuS:F1} s vs {d.CpuS:F1} s", r.BuildS < d.BuildS ? "yes" : "no");
        }
        var csvDir = Path.Combine(options.RepoRoot, "docs", "bench");
        Directory.CreateDirectory(csvDir);
        AtomicFile.WriteAllText(Path.Combine(csvDir, "doc.csv"), table.ToCsv());
        var md = new StringBuilder();
        md.AppendLine("## Helix.XDoc: manual build and jump-to (`./helix bench doc`)");
        md.AppendLine();
        md.AppendLine($"Regenerate: `./helix bench doc` (generated manual: {options.GeneratedTopics:N0} topic files, seed {options.Seed}). " +
                      "Builds run in-process (cold = first build in the process, JIT included; warm = the second). Browser figures are " +
                      "performance.now() inside Debian's Chromium (headless, via Playwright) on the site opened from file://: index load is the median " +
                      "(and min) of 5 fresh pages, keystrokes are every prefix of 10 queries (match + list + layout; each keystroke's fastest of 5 passes), search is one two-word query in a fresh page. " +
                      "DocFX 2.81 runs in the same session on the same inputs (the libraries' projects, loaded by DocFX with MSBuild, and the topic files; `docfx docfx.json` = metadata + build; CPU is user + system time of it and its children). " +
                      "Both tools run side by side in one session; the load average during the run is given beside the build target, since other work on the machine stretches wall times.");
        md.AppendLine();
        md.Append(table.ToMarkdown());
        md.AppendLine();
        md.Append(targets.ToMarkdown());
        md.AppendLine();
        md.AppendLine("CSV: `docs/bench/doc.csv`.");
        var body = md.ToString();
        if (options.WriteMarkdown) BenchmarksMarkdown.ReplaceSection(Path.Combine(options.RepoRoot, "BENCHMARKS.md"), "doc", body);
        log("done");
        return body;
    }
}
