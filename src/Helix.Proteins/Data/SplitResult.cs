namespace Helix.Proteins.Data;

/// <summary>The parts of a corpus (<see cref="DatasetSplit.Apply"/>).</summary>
/// <param name="Parts">The part of each protein, in corpus order.</param>
/// <param name="Clusters">The homology clusters the parts were drawn by, or null when each protein was hashed by its id.</param>
/// <param name="TrainOnlyClusters">Clusters sent to train for their size (<see cref="DatasetSplit.TrainOnlyClusterShare"/>).</param>
/// <param name="TrainOnlyProteins">Proteins in those clusters.</param>
public sealed record SplitResult(IReadOnlyList<SplitPart> Parts, KmerClusteringResult? Clusters, int TrainOnlyClusters, int TrainOnlyProteins)
{
    /// <summary>Proteins in <paramref name="part"/>.</summary>
    public int Count(SplitPart part) => Parts.Count(p => p == part);
}
