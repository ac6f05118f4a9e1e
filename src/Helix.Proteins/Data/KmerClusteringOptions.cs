using Helix.Core;

namespace Helix.Proteins.Data;

/// <summary>
/// How <see cref="KmerClustering"/> groups proteins into homology clusters: two proteins are linked when they share
/// an exact k-mer of residues, and clusters are the connected components of those links.
/// </summary>
/// <remarks>
/// Measured on the 20,000 proteins of the default corpus (10-mers): counting every 10-mer chains 3,307 proteins into
/// one component through poly-Q and other repeats; ignoring 10-mers with fewer than 5 different residues leaves
/// 5,932 clusters, the largest 571 (a P-loop NTPase family), and the largest clusters stay the same from 5 to 6
/// (4 still merges two families more). No 10-mer occurs in more than 67 proteins there, so no frequency cap is needed.
/// </remarks>
public sealed record KmerClusteringOptions : IValidatable<KmerClusteringOptions>
{
    /// <summary>Residues per k-mer (1 to 12).</summary>
    public int KmerLength { get; init; } = 10;
    /// <summary>A k-mer with fewer different residues than this is low-complexity and links nothing.</summary>
    public int MinDistinctResidues { get; init; } = 5;

    /// <summary>Checks the values; throws <see cref="InvalidOptionException"/> naming the bad one.</summary>
    public KmerClusteringOptions Validate()
    {
        Check.That(KmerLength is >= 1 and <= KmerCodes.MaxLength, nameof(KmerLength), $"must be in 1..{KmerCodes.MaxLength}, got {KmerLength}");
        Check.That(MinDistinctResidues >= 1 && MinDistinctResidues <= KmerLength, nameof(MinDistinctResidues),
            $"must be in 1..{nameof(KmerLength)} ({KmerLength}), got {MinDistinctResidues}");
        return this;
    }
}
