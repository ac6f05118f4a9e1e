using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Helix.Attention;

/// <summary>
/// Wall time per phase of the fused causal FAVOR+ kernel (<see cref="FavorCausalBlocks"/>), recorded only while a
/// profile is attached to the calling thread: the per-op profile of `helix bench attention profile`. libtorch's CPU
/// operations are synchronous, so a clock read between them times them: the calling thread's CPU time where Linux gives
/// it (with one libtorch thread the operations run on it, and other load on the machine does not inflate it), else the
/// wall clock. With none attached the kernel pays one null check per phase.
/// </summary>
internal sealed class KernelProfile
{
    [ThreadStatic] static KernelProfile? _current;

    readonly Dictionary<string, (double Seconds, long Count)> _phases = new();
    readonly List<string> _order = new();
    readonly Stopwatch _wall = new();
    double _last;

    /// <summary>The profile the kernel records into on this thread (null: none).</summary>
    public static KernelProfile? Current { get => _current; set => _current = value; }

    /// <summary>Phases in first-seen order with their total seconds and how often each was marked.</summary>
    public IReadOnlyList<(string Phase, double Seconds, long Count)> Phases => _order.Select(p => (p, _phases[p].Seconds, _phases[p].Count)).ToList();

    /// <summary>Starts timing the next phase.</summary>
    public void Start() => _last = Now();

    /// <summary>Adds the time since the last mark (or <see cref="Start"/>) to <paramref name="phase"/> and starts the next.</summary>
    public void Mark(string phase)
    {
        double now = Now();
        if (!_phases.TryGetValue(phase, out var t)) _order.Add(phase);
        _phases[phase] = (t.Seconds + now - _last, t.Count + 1);
        _last = now;
    }

    /// <summary>True when phases are timed by the thread's CPU clock, false for the wall clock.</summary>
    public static bool ThreadCpuTime { get; } = OperatingSystem.IsLinux() && TryThreadCpu(out _);

    double Now()
    {
        if (ThreadCpuTime && TryThreadCpu(out double s)) return s;
        if (!_wall.IsRunning) _wall.Start();
        return _wall.Elapsed.TotalSeconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec { public long Seconds, Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    static extern int ClockGetTime(int clock, out TimeSpec time);

    static bool TryThreadCpu(out double seconds)
    {
        seconds = 0;
        try
        {
            if (ClockGetTime(3, out var t) != 0) return false;   // CLOCK_THREAD_CPUTIME_ID
            seconds = t.Seconds + t.Nanoseconds * 1e-9;
            return true;
        }
        catch (DllNotFoundException) { return false; }
        catch (EntryPointNotFoundException) { return false; }
    }

    public void Clear()
    {
        _phases.Clear();
        _order.Clear();
    }
}
