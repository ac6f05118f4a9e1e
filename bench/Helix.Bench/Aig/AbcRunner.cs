using Helix.Core;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Helix.Bench.Aig;

/// <summary>Drives Berkeley ABC (<c>berkeley-abc -c "..."</c>) and reads its own timers (<c>time</c> prints "elapse: X seconds").</summary>
internal sealed partial class AbcRunner(string workDir, string program = "berkeley-abc")
{
    public string Program { get; } = program;

    /// <summary>Runs a command script; returns stdout and stderr. Throws when ABC reports a command error or runs past <paramref name="timeout"/>.</summary>
    public string Run(string script, TimeSpan? timeout = null)
    {
        var run = ProcessRunner.Run(Program, ["-c", script], timeout ?? TimeSpan.FromMinutes(10), workDir);
        if (run.TimedOut) throw new TimeoutException($"ABC did not finish '{script}' in time");
        var text = run.StandardOutput + run.StandardError;
        if (text.Contains("** cmd error", StringComparison.Ordinal) || text.Contains("failed", StringComparison.OrdinalIgnoreCase) && text.Contains("Miter computation", StringComparison.Ordinal))
            throw new InvalidOperationException($"ABC failed on '{script}': {text}");
        return text;
    }

    /// <summary>Runs a script with a wall-time limit; null when it ran past the limit (the process tree is killed).</summary>
    public (string? Output, TimeSpan Elapsed) TryRun(string script, TimeSpan limit)
    {
        var run = ProcessRunner.Run(Program, ["-c", script], limit, workDir);
        return (run.TimedOut ? null : run.StandardOutput + run.StandardError, run.Elapsed);
    }

    /// <summary>
    /// Seconds one run of <paramref name="command"/> takes by ABC's own clock, after <paramref name="setup"/>. Short
    /// commands are repeated until the total passes about 0.3 s (ABC's timer has 10 ms resolution).
    /// </summary>
    public (double Seconds, string Output) Time(string setup, string command, TimeSpan? timeout = null)
    {
        int reps = 1;
        while (true)
        {
            var script = (setup.Length > 0 ? setup + "; " : "") + "time; " + string.Join("; ", Enumerable.Repeat(command, reps)) + "; time";
            var output = Run(script, timeout);
            var elapses = ElapseRegex().Matches(output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
            if (elapses.Length < 2) throw new InvalidOperationException("ABC printed no timing: " + output);
            double total = elapses[^1];
            if (total >= 0.3 || reps >= 64) return (Math.Max(total, 0.005) / reps, output);
            reps = Math.Min(64, (int)Math.Ceiling(0.4 / Math.Max(total, 0.005)) * reps);
        }
    }

    [GeneratedRegex(@"elapse:\s*([0-9.]+)\s*seconds")]
    private static partial Regex ElapseRegex();

    /// <summary>The AND count in ABC's last print_stats line.</summary>
    public static int LastAndCount(string output)
    {
        var m = AndRegex().Matches(output);
        return m.Count == 0 ? -1 : int.Parse(m[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"and\s*=\s*([0-9]+)")]
    private static partial Regex AndRegex();

    /// <summary>ABC's resyn2 script spelled out (the Debian package ships no abc.rc aliases).</summary>
    public const string Resyn2 = "balance; rewrite; refactor; balance; rewrite; rewrite -z; balance; refactor -z; rewrite -z; balance";

    /// <summary>ABC's resyn2rs alias spelled out: resyn2 with resubstitution of growing cut size between its steps.</summary>
    public const string Resyn2rs = "balance; resub -K 6; rewrite; resub -K 6 -N 2; refactor; resub -K 8; balance; resub -K 8 -N 2; rewrite; resub -K 10; rewrite -z; resub -K 10 -N 2; balance; resub -K 12; refactor -z; resub -K 12 -N 2; rewrite -z; balance";

    /// <summary>ABC's compress2rs alias spelled out: resyn2rs with every step keeping logic levels (<c>-l</c>).</summary>
    public const string Compress2rs = "balance -l; resub -K 6 -l; rewrite -l; resub -K 6 -N 2 -l; refactor -l; resub -K 8 -l; balance -l; resub -K 8 -N 2 -l; rewrite -l; resub -K 10 -l; rewrite -z -l; resub -K 10 -N 2 -l; balance -l; resub -K 12 -l; refactor -z -l; resub -K 12 -N 2 -l; rewrite -z -l; balance -l";
}
