namespace Helix.Bench.Infrastructure;

/// <summary>The machine's load averages, written beside measured figures (other work on the machine slows every point).</summary>
public static class LoadAverage
{
    /// <summary>The 1-minute load average, or "?" where /proc is absent.</summary>
    public static string OneMinute() => Read(1) ?? "?";

    /// <summary>The 1-, 5- and 15-minute load averages ("2.79, 2.51, 3.47"), or "unknown" where /proc is absent.</summary>
    public static string All() => Read(3) ?? "unknown";

    static string? Read(int count)
    {
        try { return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(count)); }
        catch (IOException) { return null; }
    }
}
