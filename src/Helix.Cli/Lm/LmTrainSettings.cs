using Helix.Attention.Slim;

namespace Helix.Cli.Lm;

/// <summary>Everything `helix lm train` was asked to do, after parsing and checking.</summary>
internal sealed record LmTrainSettings
{
    public required string Data { get; init; }
    public LmTokens Tokens { get; init; }
    public required MemoryMode Memory { get; init; }
    public int Length { get; init; }
    public int Batch { get; init; }
    public long Steps { get; init; }
    public double LearningRate { get; init; }
    public long Warmup { get; init; }
    public int Dim { get; init; }
    public int Depth { get; init; }
    public int Heads { get; init; }
    public int Features { get; init; }
    public double Dropout { get; init; }
    public ulong Seed { get; init; }
    public required string OutputDir { get; init; }
    public bool Resume { get; init; }
    public long CheckpointEvery { get; init; }
    public TimeSpan? TimeLimit { get; init; }
    public bool Json { get; init; }
}
