using System.Text;
using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Data;

/// <summary>The part of the corpus a protein belongs to.</summary>
public enum SplitPart
{
    /// <summary>Used to fit the model.</summary>
    Train,
    /// <summary>Used to watch training (periodic validation).</summary>
    Validation,
    /// <summary>Held out for the final report.</summary>
    Test,
}

/// <summary>
/// Deterministic train/validation/test assignment. By default proteins are first grouped into homology clusters
/// (<see cref="KmerClustering"/>: proteins sharing a 10-mer are in one cluster) and each whole cluster goes to the
/// part chosen by a hash (FNV-1a, 64-bit) of its smallest id, so no held-out protein shares a linking k-mer with a
/// training one; a cluster larger than <see cref="TrainOnlyClusterShare"/> of the corpus always goes to train.
/// With <see cref="Clustering"/> null every protein is hashed by its own id (the old split, which leaks close
/// homologs into the test part of a redundant corpus). The same corpus always gives the same parts, whatever the
/// machine; a singleton cluster gets the part its id gets alone.
/// </summary>
/// <param name="ValidationFraction">Share of clusters (ids, without clustering) in the validation part.</param>
/// <param name="TestFraction">Share of clusters (ids, without clustering) in the test part.</param>
public sealed record DatasetSplit(double ValidationFraction = 0.05, double TestFraction = 0.05)
{
    /// <summary>How proteins are grouped before hashing; null: no grouping, each protein by its own id.</summary>
    public KmerClusteringOptions? Clustering { get; init; } = new();

    /// <summary>
    /// A cluster holding more than this share of the corpus always goes to train: one family that large would
    /// dominate a held-out part (on the default corpus, the three clusters above 1 % hold 1,027 of 20,000 proteins).
    /// </summary>
    public double TrainOnlyClusterShare { get; init; } = 0.01;

    /// <summary>The same fractions with each protein hashed by its own id (no homology grouping).</summary>
    public static DatasetSplit ById(double validationFraction = 0.05, double testFraction = 0.05) =>
        new(validationFraction, testFraction) { Clustering = null };

    /// <summary>The part of a protein (without clustering) or a cluster whose smallest id is <paramref name="id"/>.</summary>
    public SplitPart Assign(string id)
    {
        double u = Unit(id);
        return u < TestFraction ? SplitPart.Test : u < TestFraction + ValidationFraction ? SplitPart.Validation : SplitPart.Train;
    }

    /// <summary>The part of every protein of <paramref name="corpus"/>, with the clusters behind them.</summary>
    public SplitResult Apply(TokenizedCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (Clustering is null) return new SplitResult(corpus.Ids.Select(Assign).ToArray(), null, 0, 0);
        var clusters = KmerClustering.Run(corpus, Clustering);
        var smallest = new string[clusters.Count];
        for (int p = 0; p < corpus.Count; p++)
        {
            int c = clusters.ClusterOf[p];
            if (smallest[c] is null || string.CompareOrdinal(corpus.Ids[p], smallest[c]) < 0) smallest[c] = corpus.Ids[p];
        }
        var partOf = new SplitPart[clusters.Count];
        int trainOnly = 0, trainOnlyProteins = 0;
        for (int c = 0; c < partOf.Length; c++)
        {
            if (clusters.Sizes[c] > 1 && clusters.Sizes[c] > TrainOnlyClusterShare * corpus.Count)
            {
                partOf[c] = SplitPart.Train;
                trainOnly++;
                trainOnlyProteins += clusters.Sizes[c];
            }
            else partOf[c] = Assign(smallest[c]);
        }
        return new SplitResult(clusters.ClusterOf.Select(c => partOf[c]).ToArray(), clusters, trainOnly, trainOnlyProteins);
    }

    /// <summary>The id's hash mapped to [0, 1).</summary>
    internal static double Unit(string id)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(id)) { h ^= b; h *= 1099511628211UL; }
        h ^= h >> 33; h *= 0xff51afd7ed558ccdUL; h ^= h >> 33;   // spread the low-entropy FNV bits
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}
