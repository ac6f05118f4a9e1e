namespace Helix.Bench.Infrastructure;

/// <summary>Reads this process's memory figures from /proc (libtorch has no CPU allocator statistics).</summary>
public static class PeakMemory
{
    /// <summary>Peak resident set size (VmHWM) of this process in bytes, or -1 where /proc is absent.</summary>
    public static long HighWaterMarkBytes() => ReadStatusKb("/proc/self/status", "VmHWM:");

    /// <summary>
    /// Resets this process's VmHWM to its current resident size (writes 5 to /proc/self/clear_refs, Linux 4.0+), so a
    /// later <see cref="HighWaterMarkBytes"/> measures the work done after this call. False where that is not possible.
    /// </summary>
    public static bool ResetHighWaterMark()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); return true; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>Current resident set size of process <paramref name="pid"/> in bytes, or -1 if it is gone.</summary>
    public static long ResidentBytes(int pid) => ReadStatusKb($"/proc/{pid}/status", "VmRSS:");

    static long ReadStatusKb(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
                if (line.StartsWith(key, StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(key.Length).Trim().ToString().Split(' ')[0]) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return -1;
    }
}
