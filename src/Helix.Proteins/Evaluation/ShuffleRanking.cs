using System.Diagnostics;
using Helix.Core;
using Helix.Proteins.Inference;
using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Evaluation;

/// <summary>
/// Does the model's pseudo-log-likelihood prefer real proteins over shuffles of themselves? Each protein (cropped to
/// its first L − 2 residues) and <c>k</c> seeded permutations of the crop are scored by grouped PLL
/// (<see cref="ProteinLanguageModel.GroupedPseudoLogLikelihoods"/>). Shuffles keep the composition, so only context
/// can tell them apart.
/// </summary>
public static class ShuffleRanking
{
    /// <summary>Ranks the first <paramref name="proteins"/> proteins of <paramref name="set"/> against <paramref name="shuffles"/> shuffles each.</summary>
    public static ShuffleRankingResult Run(ProteinLanguageModel model, TokenizedCorpus set, int proteins, int shuffles, int spacing, ulong seed,
        int batchRows = 64, IProgress<double>? progress = null)
    {
        if (shuffles < 1) throw new ArgumentOutOfRangeException(nameof(shuffles), shuffles, "at least one shuffle is needed");
        var clock = Stopwatch.StartNew();
        int n = Math.Min(proteins, set.Count), maxResidues = model.Config.MaxLength - 2;
        int beatsAll = 0, counted = 0;
        double rankSum = 0;
        const int chunk = 8;   // proteins per call: keeps memory flat and lets progress move
        for (int first = 0; first < n; first += chunk)
        {
            var sequences = new List<byte[]>();
            int inChunk = Math.Min(chunk, n - first);
            for (int i = first; i < first + inChunk; i++)
            {
                var real = set.Protein(i)[..Math.Min(set.Length(i), maxResidues)].ToArray();
                sequences.Add(real);
                var rng = new SplitMix64((ulong)SplitMix64.Combine(unchecked((long)seed), i));
                for (int s = 0; s < shuffles; s++)
                {
                    var copy = (byte[])real.Clone();
                    rng.Shuffle(copy.AsSpan());
                    sequences.Add(copy);
                }
            }
            var pll = model.GroupedPseudoLogLikelihoods(sequences, spacing, batchRows);
            for (int i = 0; i < inChunk; i++)
            {
                double real = pll[i * (shuffles + 1)];
                int better = 0;
                for (int s = 1; s <= shuffles; s++) if (pll[i * (shuffles + 1) + s] >= real) better++;
                if (better == 0) beatsAll++;
                rankSum += 1 + better;
                counted++;
            }
            progress?.Report((double)(first + inChunk) / n);
        }
        return new ShuffleRankingResult(counted, shuffles, beatsAll / (double)Math.Max(1, counted), rankSum / Math.Max(1, counted),
            1.0 / (shuffles + 1), clock.Elapsed.TotalSeconds);
    }
}
