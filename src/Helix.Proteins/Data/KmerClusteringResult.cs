namespace Helix.Proteins.Data;

/// <summary>Homology clusters of a corpus (<see cref="KmerClustering.Run"/>).</summary>
/// <param name="ClusterOf">The cluster of each protein, in corpus order; clusters are numbered by their first protein.</param>
/// <param name="Sizes">Proteins per cluster.</param>
/// <param name="LinkingKmers">Distinct k-mers shared by two or more proteins that linked them.</param>
/// <param name="IgnoredWindows">k-mer windows skipped as low-complexity (or holding UNK).</param>
public sealed record KmerClusteringResult(IReadOnlyList<int> ClusterOf, IReadOnlyList<int> Sizes, long LinkingKmers, long IgnoredWindows)
{
    /// <summary>Number of clusters.</summary>
    public int Count => Sizes.Count;
    /// <summary>Proteins in the largest cluster.</summary>
    public int Largest => Sizes.Count == 0 ? 0 : Sizes.Max();
    /// <summary>Clusters of one protein.</summary>
    public int Singletons => Sizes.Count(s => s == 1);
}
