namespace Helix.Proteins.Evaluation;

/// <summary>
/// Real proteins scored by pseudo-log-likelihood against <see cref="Shuffles"/> random permutations of their own
/// residues. A model that knows only amino-acid frequencies gives a real protein and its shuffles the same expected
/// score, so it beats all k shuffles about 1/(k+1) of the time.
/// </summary>
/// <param name="Proteins">Real proteins scored.</param>
/// <param name="Shuffles">Shuffles per protein (k).</param>
/// <param name="BeatsAll">Share of proteins whose real sequence has a higher PLL than every one of its shuffles.</param>
/// <param name="MeanRank">Mean rank of the real sequence among the k + 1 (1 = best).</param>
/// <param name="ChanceBeatsAll">The share expected by chance, 1/(k+1).</param>
/// <param name="Seconds">Time spent scoring.</param>
public sealed record ShuffleRankingResult(int Proteins, int Shuffles, double BeatsAll, double MeanRank, double ChanceBeatsAll, double Seconds);
