using System.Diagnostics;
using System.Runtime.InteropServices;
using Helix.Core;

namespace Helix.Bench.Aig;

/// <summary>
/// CPU-time measurement on a shared machine: wall time there says more about the neighbours than about the code.
/// In-process work is timed by this process's CPU time (and cancelled when it passes a CPU limit); child programs
/// by <c>getrusage(RUSAGE_CHILDREN)</c> around the run, and limited by <c>prlimit --cpu</c>.
/// </summary>
internal static class CpuClock
{
    [StructLayout(LayoutKind.Sequential)]
    struct Rusage
    {
        public long UtimeSec, UtimeUsec, StimeSec, StimeUsec;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code in this project; the struct is blittable
    [DllImport("libc", EntryPoint = "getrusage")]
    static extern int GetRusage(int who, out Rusage usage);
#pragma warning restore SYSLIB1054

    /// <summary>CPU seconds of all finished (reaped) child processes so far.</summary>
    public static double ChildrenSeconds()
    {
        if (GetRusage(-1, out var u) != 0) return double.NaN;
        return u.UtimeSec + u.UtimeUsec / 1e6 + u.StimeSec + u.StimeUsec / 1e6;
    }

    /// <summary>CPU seconds this process has used (all threads, microsecond resolution; /proc's ticks are 10 ms).</summary>
    public static double SelfSeconds()
    {
        if (GetRusage(0, out var u) != 0)
        {
            using var p = Process.GetCurrentProcess();
            return p.TotalProcessorTime.TotalSeconds;
        }
        return u.UtimeSec + u.UtimeUsec / 1e6 + u.StimeSec + u.StimeUsec / 1e6;
    }

    /// <summary>
    /// Runs <paramref name="program"/> under a CPU limit of <paramref name="cpuLimit"/> seconds (wall backstop 30x).
    /// Returns its result, its CPU seconds and whether it ran out of CPU time.
    /// </summary>
    public static (ProcessResult Run, double Seconds, bool OutOfTime) RunChild(string program, IReadOnlyList<string> args, double cpuLimit, string? workDir = null)
    {
        var all = new List<string> { $"--cpu={Math.Max(1, (int)Math.Ceiling(cpuLimit))}", program };
        all.AddRange(args);
        double c0 = ChildrenSeconds();
        var run = ProcessRunner.Run("prlimit", all, TimeSpan.FromSeconds(30 * cpuLimit + 30), workDir);
        double secs = ChildrenSeconds() - c0;
        bool outOfTime = run.TimedOut || secs >= cpuLimit * 0.98 || run.ExitCode is 137 or 152 or -9 or -24;
        return (run, secs, outOfTime);
    }

    /// <summary>
    /// Runs in-process work with a token cancelled once this process has used <paramref name="cpuLimit"/> more CPU
    /// seconds (checked every 50 ms). Returns the result and the CPU seconds used.
    /// </summary>
    public static (T Result, double Seconds) RunSelf<T>(Func<CancellationToken, T> work, double cpuLimit)
    {
        using var cts = new CancellationTokenSource();
        double start = SelfSeconds();
        using var timer = new Timer(_ => { if (SelfSeconds() - start > cpuLimit) cts.Cancel(); }, null, 50, 50);
        var result = work(cts.Token);
        return (result, SelfSeconds() - start);
    }
}
