using Helix.Core;
using Helix.Proteins.Tokenization;
using Helix.Training;

namespace Helix.Proteins.Masking;

/// <summary>Applies <see cref="MaskingOptions"/> to token rows, drawing from a <see cref="SplitMix64"/> (so masking is reproducible and resumable).</summary>
public static class MlmMasker
{
    /// <summary>
    /// For each residue token in <paramref name="tokens"/>: if chosen, writes its original id to
    /// <paramref name="labels"/> and replaces it (MASK / random / keep); otherwise writes
    /// <see cref="ProteinTokenizer.IgnoreLabel"/>. Special tokens (PAD, BOS, EOS, UNK) are never chosen.
    /// </summary>
    public static void Apply(Span<long> tokens, Span<long> labels, MaskingOptions options, SplitMix64 rng)
    {
        if (labels.Length != tokens.Length) throw new ArgumentException("tokens and labels differ in length");
        double p = options.Probability, pMask = options.MaskFraction, pRandom = options.MaskFraction + options.RandomFraction;
        for (int i = 0; i < tokens.Length; i++)
        {
            long t = tokens[i];
            if (!ProteinTokenizer.IsResidue(t) || rng.NextDouble() >= p) { labels[i] = ProteinTokenizer.IgnoreLabel; continue; }
            labels[i] = t;
            double u = rng.NextDouble();
            if (u < pMask) tokens[i] = ProteinTokenizer.Mask;
            else if (u < pRandom) tokens[i] = ProteinTokenizer.FirstResidue + rng.NextInt(ProteinTokenizer.StandardResidues.Length);
        }
    }
}
