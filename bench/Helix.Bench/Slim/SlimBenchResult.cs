using Helix.Attention.Slim;

namespace Helix.Bench.Slim;

/// <summary>One measured (mode, L) point.</summary>
internal sealed record SlimBenchResult(MemoryMode Mode, int Length, string Status, long PeakBytes, double Seconds, string Detail)
{
    public bool Ok => Status == "ok";
    public double PeakMiB => PeakBytes / (1024.0 * 1024.0);
}
