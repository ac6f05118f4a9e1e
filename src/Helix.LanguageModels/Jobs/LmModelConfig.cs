using Helix.Core;

namespace Helix.LanguageModels.Jobs;

/// <summary>The shape of a causal Performer language model (rotary positions, FAVOR+ attention). Saved in the
/// checkpoint, so a resumed run rebuilds the same model whatever its options say.</summary>
public sealed record LmModelConfig : IValidatable<LmModelConfig>
{
    /// <summary>Model width.</summary>
    public int Dim { get; init; } = 128;
    /// <summary>Layers.</summary>
    public int Depth { get; init; } = 2;
    /// <summary>Attention heads (must divide <see cref="Dim"/>).</summary>
    public int Heads { get; init; } = 4;
    /// <summary>FAVOR+ random features m per head.</summary>
    public int Features { get; init; } = 64;
    /// <summary>Training sequence length L (tokens per row).</summary>
    public int Length { get; init; } = 512;
    /// <summary>Dropout probability, in [0, 1).</summary>
    public double Dropout { get; init; } = 0.1;

    /// <summary>Checks the values; throws <see cref="InvalidOptionException"/> naming the first bad property.</summary>
    public LmModelConfig Validate()
    {
        Check.That(Dim >= 1, nameof(Dim), $"must be a positive integer, got {Dim}");
        Check.That(Depth >= 1, nameof(Depth), $"must be a positive integer, got {Depth}");
        Check.That(Heads >= 1, nameof(Heads), $"must be a positive integer, got {Heads}");
        Check.That(Dim % Heads == 0, nameof(Heads), $"{Heads} heads must divide the width {Dim}");
        Check.That(Features >= 1, nameof(Features), $"must be a positive integer, got {Features}");
        Check.That(Length >= 1, nameof(Length), $"must be a positive integer, got {Length}");
        Check.That(Dropout is >= 0 and < 1, nameof(Dropout), $"must be in [0, 1), got {Dropout}");
        return this;
    }
}
