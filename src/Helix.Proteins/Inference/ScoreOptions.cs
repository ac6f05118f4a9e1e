using Helix.Core;

namespace Helix.Proteins.Inference;

/// <summary>How <see cref="ProteinLanguageModel.Score(string, ScoreOptions?, IProgress{ScoreProgress}?, CancellationToken)"/> batches its masked copies.</summary>
public sealed record ScoreOptions : IValidatable<ScoreOptions>
{
    /// <summary>
    /// Tokens per forward pass (masked copies × window length): bounds the memory of one pass. The default, 4,096,
    /// is 32 copies of a 128-token window (about 8 MiB of feed-forward activations at width 128): larger passes
    /// measured no faster on 2 cores (BENCHMARKS.md, protein scoring).
    /// </summary>
    public int TokensPerPass { get; init; } = 4_096;

    /// <summary>At most this many masked copies per forward pass (1: one pass per residue, the reference path; 0: no cap beyond <see cref="TokensPerPass"/>).</summary>
    public int BatchSize { get; init; }

    /// <summary>
    /// Run every layer at every window position and read the masked one (the reference path). By default the last
    /// layer computes its queries, feed-forward and the output head at the masked position only, which gives the same
    /// scores for less work (<see cref="Helix.Attention.PerformerLM.LogitsAt"/>).
    /// </summary>
    public bool FullForward { get; init; }

    /// <summary>Checks the values; throws <see cref="InvalidOptionException"/> naming the bad one.</summary>
    public ScoreOptions Validate()
    {
        Check.That(TokensPerPass >= 1, nameof(TokensPerPass), $"must be at least 1, got {TokensPerPass}");
        Check.That(BatchSize >= 0, nameof(BatchSize), $"must be zero (no cap) or more, got {BatchSize}");
        return this;
    }
}
