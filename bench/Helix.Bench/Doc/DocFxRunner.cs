using System.Diagnostics;
using System.Text.Json;
using Helix.Core;

namespace Helix.Bench.Doc;

/// <summary>DocFX (the dotnet tool) on the same inputs: the libraries' C# sources plus the topic files.</summary>
public sealed class DocFxRunner(string toolDir, TimeSpan timeout)
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
    public (double Seconds, string Site, string? Error) Run(string exe, string work, IReadOnlyList<string> sourceFolders, string topicFolder)
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
                    src = sourceFolders.Select(s => new { src = s, files = new[] { "**/*.cs" }, exclude = new[] { "**/bin/**", "**/obj/**" } }).ToArray(),
                    dest = "api",
                },
            };
            content.Add(new { files = new[] { "api/*.yml", "api/toc.yml" } });
        }
        config["build"] = new { content, dest = "_site", template = new[] { "default", "modern" } };
        File.WriteAllText(Path.Combine(work, "docfx.json"), JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
        var clock = Stopwatch.StartNew();
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("docfx.json");
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOCFX_NO_UPDATE_CHECK"] = "1";
        var r = ProcessRunner.Run(psi, timeout);
        var seconds = clock.Elapsed.TotalSeconds;
        var site = Path.Combine(work, "_site");
        if (r.TimedOut) return (seconds, site, $"timed out after {timeout.TotalSeconds:F0} s");
        if (r.ExitCode != 0) return (seconds, site, "exit " + r.ExitCode + ": " + (r.StandardError + r.StandardOutput).Trim().Split('\n').LastOrDefault());
        return (seconds, site, null);
    }
}
