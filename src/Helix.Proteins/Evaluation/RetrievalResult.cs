namespace Helix.Proteins.Evaluation;

/// <summary>
/// Nearest-neighbour family retrieval: for each protein of a labelled set, is its nearest other protein (cosine
/// similarity of mean embeddings) in the same family? Composition vectors (20 amino-acid shares) are the baseline.
/// </summary>
/// <param name="Set">Where the labelled proteins came from.</param>
/// <param name="Proteins">Proteins in the set.</param>
/// <param name="Families">Distinct families.</param>
/// <param name="Model">Share whose nearest neighbour by model embedding is in the same family.</param>
/// <param name="Composition">The same with composition vectors.</param>
/// <param name="Chance">The share expected from random neighbours (Σ n_f (n_f − 1) / (n (n − 1))).</param>
public sealed record RetrievalResult(string Set, int Proteins, int Families, double Model, double Composition, double Chance);
