using System.Diagnostics;
using System.Text.Json;

namespace Helix.Bench.Infrastructure;

/// <summary>Outcome of one measured point run in its own process.</summary>
/// <param name="Status">"ok", "timeout", "memory-cap" or "failed".</param>
/// <param name="Result">The JSON object the child printed on its last stdout line (null unless ok).</param>
/// <param name="PeakBytes">The child's VmHWM as it reported it, or the RSS at which it was stopped.</param>
public sealed record ChildPointResult(string Status, JsonElement? Result, long PeakBytes, string Detail);

/// <summary>
/// Runs one benchmark point in a fresh child process of the current program, so that peak memory (VmHWM)
/// belongs to that point alone. The child is killed when it passes the memory cap or the time limit.
/// </summary>
public static class ChildPoint
{
    /// <summary>Runs the current executable with <paramref name="args"/>; the child must print one JSON object as its last stdout line.</summary>
    public static ChildPointResult Run(IReadOnlyList<string> args, TimeSpan limit, long memoryCapBytes, CancellationToken cancel = default)
    {
        var psi = SelfStartInfo(args);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start a child process");
        var stdout = p.StandardOutput.ReadToEndAsync(cancel);
        var stderr = p.StandardError.ReadToEndAsync(cancel);
        var clock = Stopwatch.StartNew();
        long lastRss = 0;
        string? stopped = null;
        while (!p.WaitForExit(50))
        {
            lastRss = Math.Max(lastRss, PeakMemory.ResidentBytes(p.Id));
            if (lastRss > memoryCapBytes) stopped = "memory-cap";
            else if (clock.Elapsed > limit) stopped = "timeout";
            else if (cancel.IsCancellationRequested) stopped = "cancelled";
            if (stopped != null) { try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } p.WaitForExit(); break; }
        }
        var outText = stdout.Result;
        if (stopped != null) return new ChildPointResult(stopped, null, lastRss, $"stopped after {clock.Elapsed.TotalSeconds:F0} s");
        if (p.ExitCode != 0) return new ChildPointResult("failed", null, lastRss, LastLine(stderr.Result) ?? $"exit code {p.ExitCode}");
        var last = LastLine(outText) ?? "{}";
        var json = JsonDocument.Parse(last).RootElement.Clone();
        long peak = json.TryGetProperty("peakBytes", out var pk) ? pk.GetInt64() : lastRss;
        return new ChildPointResult("ok", json, peak, "");
    }

    /// <summary>Prints the child's result as its last stdout line, adding its VmHWM as "peakBytes".</summary>
    public static void Report(Dictionary<string, object?> result)
    {
        result["peakBytes"] = PeakMemory.HighWaterMarkBytes();
        Console.Out.WriteLine(JsonSerializer.Serialize(result));
        Console.Out.Flush();
    }

    static ProcessStartInfo SelfStartInfo(IReadOnlyList<string> args)
    {
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("unknown process path");
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Under `dotnet helix.dll` the host is dotnet and the entry assembly is the first argument.
        if (Path.GetFileNameWithoutExtension(exe).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            psi.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }

    static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
