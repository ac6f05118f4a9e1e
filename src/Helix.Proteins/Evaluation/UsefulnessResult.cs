namespace Helix.Proteins.Evaluation;

/// <summary>
/// What a user of the model gets, beyond per-residue scores: whether <c>score</c> (pseudo-log-likelihood) prefers
/// real proteins over shuffles of themselves, and whether <c>embed</c> puts members of a family next to each other.
/// </summary>
/// <param name="Shuffles">PLL of real proteins against k residue shuffles of each (same composition).</param>
/// <param name="Retrieval">Nearest-neighbour family retrieval with the model's mean embeddings and with composition vectors, or null when no family set was available.</param>
public sealed record UsefulnessResult(ShuffleRankingResult Shuffles, RetrievalResult? Retrieval);
