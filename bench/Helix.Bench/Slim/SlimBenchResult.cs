using Helix.Attention.Slim;

namespace Helix.Bench.Slim;

/// <summary>One measured (mode, L) point: status, peak memory, wall and CPU seconds of one training step, and SLiM's state drift.</summary>
internal sealed record SlimBenchResult(MemoryMode Mode, int Length, string Status, long PeakBytes, double Seconds, double CpuSeconds, double Drift, string Detail)
{
    public bool Ok => Status == "ok";
    public double PeakMiB => PeakBytes / (1024.0 * 1024.0);
    public double CpuMicrosPerToken => CpuSeconds / Length * 1e6;
}
