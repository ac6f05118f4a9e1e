using System.Diagnostics;
using Helix.Core;

namespace Helix.Cli.Tests;

/// <summary>Runs the built `helix` app (src/Helix.Cli/bin/&lt;config&gt;/net10.0/helix.dll) as a child process.</summary>
internal static class HelixProcess
{
    public static string Dll { get; } = FindDll();

    static string FindDll()
    {
        var config = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Helix.sln")))
                return Path.Combine(d.FullName, "src", "Helix.Cli", "bin", config, "net10.0", "helix.dll");
        throw new InvalidOperationException("repository root not found");
    }

    /// <summary>Runs helix to the end (at most two minutes) and returns what it did.</summary>
    public static ProcessResult Run(params string[] args)
    {
        Assert.True(File.Exists(Dll), $"{Dll} is missing; the project reference builds it first");
        return ProcessRunner.Run("dotnet", [Dll, .. args], TimeSpan.FromMinutes(2));
    }

    /// <summary>Starts helix without waiting (output drained in the background).</summary>
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEndAsync();
        p.StandardError.ReadToEndAsync();
        return p;
    }

    /// <summary>Waits until <paramref name="path"/> has at least <paramref name="lines"/> lines or the process ends.</summary>
    public static void WaitForLines(Process p, string path, int lines)
    {
        var limit = Stopwatch.StartNew();
        while (!p.HasExited && (!File.Exists(path) || File.ReadLines(path).Count() < lines))
        {
            Assert.True(limit.Elapsed < TimeSpan.FromMinutes(2), $"{path} did not reach {lines} lines");
            Thread.Sleep(10);
        }
    }

    /// <summary>The training losses a run folder's metrics.jsonl holds, in step order.</summary>
    public static double[] TrainLosses(string folder) => Helix.Training.MetricsLog.Read(Path.Combine(folder, "metrics.jsonl"))
        .Where(r => (string?)r["kind"] == "train").Select(r => (double)r["loss"]!).ToArray();

    /// <summary>The lines a process wrote, without empty ones.</summary>
    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
