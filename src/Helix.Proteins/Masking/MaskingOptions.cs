namespace Helix.Proteins.Masking;

/// <summary>
/// BERT-style masking: each residue is chosen with <see cref="Probability"/>; a chosen residue becomes MASK with
/// <see cref="MaskFraction"/>, a random standard amino acid with <see cref="RandomFraction"/>, and stays as it is
/// otherwise. The loss is taken on chosen residues only.
/// </summary>
public sealed record MaskingOptions(double Probability = 0.15, double MaskFraction = 0.8, double RandomFraction = 0.1)
{
    /// <summary>Checks the fractions; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (Probability is <= 0 or > 1) throw new ArgumentException($"masking probability must be in (0, 1], got {Probability}");
        if (MaskFraction < 0 || RandomFraction < 0 || MaskFraction + RandomFraction > 1)
            throw new ArgumentException($"mask and random fractions must be ≥ 0 and sum to at most 1, got {MaskFraction} and {RandomFraction}");
    }
}
