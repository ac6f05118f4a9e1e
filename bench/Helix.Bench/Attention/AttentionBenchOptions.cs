namespace Helix.Bench.Attention;

/// <summary>Settings of `helix bench attention`.</summary>
public sealed record AttentionBenchOptions
{
    /// <summary>Sequence lengths, ascending.</summary>
    public IReadOnlyList<long> Lengths { get; init; } = new long[] { 512, 1024, 2048, 4096, 8192, 16384, 32768 };
    /// <summary>Methods to run.</summary>
    public IReadOnlyList<AttentionMethod> Methods { get; init; } = AttentionMethods.All;
    public long Batch { get; init; } = 1;
    public long Heads { get; init; } = 8;
    public long HeadDim { get; init; } = 64;
    public int Features { get; init; } = 256;
    /// <summary>A method stops growing L once a point passes this resident memory.</summary>
    public long MemoryCapBytes { get; init; } = 20L << 30;
    /// <summary>A method stops growing L once a point passes this wall time.</summary>
    public TimeSpan TimeCap { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>libtorch intra-op threads in every point (default: all cores).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Tokens per block of the fused FAVOR+ paths; 0 = the library's choice.</summary>
    public long Block { get; init; }
    /// <summary>Folder that receives BENCHMARKS.md and docs/bench/attention.{csv,png}.</summary>
    public string OutputRoot { get; init; } = ".";
    /// <summary>The command line that regenerates the results (printed above the table).</summary>
    public string CommandLine { get; init; } = "./helix bench attention";
}
