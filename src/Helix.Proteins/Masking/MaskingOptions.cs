namespace Helix.Proteins.Masking;

/// <summary>
/// BERT-style masking: each residue is chosen with <see cref="Probability"/>; a chosen residue becomes MASK with
/// <see cref="MaskFraction"/>, a random standard amino acid with <see cref="RandomFraction"/>, and stays as it is
/// otherwise. The loss is taken on chosen residues only.
/// </summary>
public sealed record MaskingOptions(double Probability = 0.15, double MaskFraction = 0.8, double RandomFraction = 0.1) : Helix.Core.IValidatable<MaskingOptions>
{
    /// <summary>Checks the fractions; throws <see cref="Helix.Core.InvalidOptionException"/> naming the bad one.</summary>
    public MaskingOptions Validate()
    {
        Helix.Core.Check.That(Probability is > 0 and <= 1, nameof(Probability), $"must be in (0, 1], got {Probability}");
        Helix.Core.Check.That(MaskFraction >= 0 && RandomFraction >= 0 && MaskFraction + RandomFraction <= 1, nameof(MaskFraction),
            $"the mask and random fractions must be ≥ 0 and sum to at most 1, got {MaskFraction} and {RandomFraction}");
        return this;
    }
}
