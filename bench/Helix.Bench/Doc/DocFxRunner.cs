using System.Diagnostics;
using System.Text.Json;
using Helix.Core;

namespace Helix.Bench.Doc;

/// <summary>DocFX (the dotnet tool) on the same inputs: the libraries' projects plus the topic files.</summary>
public sealed class DocFxRunner(TimeSpan timeout)
{
    /// <summary>The docfx executable, installed into <paramref name="toolDir"/> when it is not on PATH; null (with why) when it cannot be had.</summary>
    public static string? Locate(string toolDir, Action<string> log, out string? why)
    {
        why = null;
        if (ProcessRunner.Locate("docfx") is { } onPath) return onPath;
        var exe = Path.Combine(toolDir, "docfx");
        if (File.Exists(exe)) return exe;
        log("installing docfx: dotnet tool install docfx --tool-path " + toolDir);
        var r = ProcessRunner.Run("dotnet", ["tool", "install", "docfx", "--tool-path", toolDir], TimeSpan.FromMinutes(5));
        if (r.ExitCode == 0 && File.Exists(exe)) return exe;
        why = "docfx could not be installed: " + (r.StandardError + r.StandardOutput).Trim().Split('\n').LastOrDefault();
        return null;
    }

    /// <summary>Runs <c>docfx metadata</c> (when there are sources) and <c>docfx build</c> in a fresh folder; returns the wall time and the site.</summary>
    public (double Seconds, double CpuSeconds, string Site, string? Error) Run(string exe, string work, IReadOnlyList<string> sourceFolders, string topicFolder)
    {
        if (Directory.Exists(work)) Directory.Delete(work, true);
        Directory.CreateDirectory(work);
        var topics = Path.Combine(work, "topics");
        Directory.CreateDirectory(topics);
        foreach (var f in Directory.EnumerateFiles(topicFolder, "*.md")) File.Copy(f, Path.Combine(topics, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(work, "index.md"), "# Manual\n");
        var content = new List<object> { new { files = new[] { "index.md", "topics/*.md" } } };
        var config = new Dictionary<string, object>();
        if (sourceFolders.Count > 0)
        {
            config["metadata"] = new[]
            {
                new
                {
                    // The projects themselves (DocFX loads them with MSBuild), as DocFX users run it.
                    src = sourceFolders.Select(s => new { src = s, files = Directory.GetFiles(s, "*.csproj").Select(Path.GetFileName).ToArray() }).ToArray(),
                    dest = "api",
                },
            };
            content.Add(new { files = new[] { "api/*.yml", "api/toc.yml" } });
        }
        config["build"] = new { content, dest = "_site", template = new[] { "default", "modern" } };
        File.WriteAllText(Path.Combine(work, "docfx.json"), JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
        var clock = Stopwatch.StartNew();
        // bash's `times` prints the CPU time of the children (docfx and what it starts) on its last line.
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("\"$0\" docfx.json > docfx.log 2>&1; rc=$?; times; exit $rc");
        psi.ArgumentList.Add(exe);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOCFX_NO_UPDATE_CHECK"] = "1";
        var r = ProcessRunner.Run(psi, timeout);
        var seconds = clock.Elapsed.TotalSeconds;
        var site = Path.Combine(work, "_site");
        double cpu = ChildCpu(r.StandardOutput);
        var log = Path.Combine(work, "docfx.log");
        string Tail() => File.Exists(log) ? File.ReadLines(log).LastOrDefault(l => l.Trim().Length > 0) ?? "" : "";
        if (r.TimedOut) return (seconds, cpu, site, $"timed out after {timeout.TotalSeconds:F0} s");
        if (r.ExitCode != 0) return (seconds, cpu, site, "exit " + r.ExitCode + ": " + Tail());
        return (seconds, cpu, site, null);
    }

    /// <summary>The children's user + system seconds from the last line of bash's `times` ("0m12.5s 0m1.2s").</summary>
    static double ChildCpu(string timesOutput)
    {
        var last = timesOutput.Trim().Split('\n').LastOrDefault() ?? "";
        double total = 0;
        foreach (var part in last.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int m = part.IndexOf('m');
            if (m < 0 || !part.EndsWith('s')) return double.NaN;
            total += double.Parse(part[..m], System.Globalization.CultureInfo.InvariantCulture) * 60
                     + double.Parse(part[(m + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        }
        return total;
    }
}
