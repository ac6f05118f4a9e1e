namespace Helix.Bench.Infrastructure;

/// <summary>Reads this process's memory figures from /proc (libtorch has no CPU allocator statistics).</summary>
public static class PeakMemory
{
    /// <summary>Peak resident set size (VmHWM) of this process in bytes, or -1 where /proc is absent.</summary>
    public static long HighWaterMarkBytes() => ReadStatusKb("/proc/self/status", "VmHWM:");

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
