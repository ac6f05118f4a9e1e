using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Data;

/// <summary>
/// The linking k-mers of a reference corpus (usually a training split), to tell which proteins of another set have a
/// relative in it: the leak check behind "no 10-mer in train" evaluation rows.
/// </summary>
public sealed class KmerIndex
{
    readonly long[] _sorted;

    KmerIndex(long[] sorted, KmerClusteringOptions options) { _sorted = sorted; Options = options; }

    /// <summary>What counts as a k-mer (length, low-complexity filter).</summary>
    public KmerClusteringOptions Options { get; }

    /// <summary>Distinct k-mers held.</summary>
    public int Count => _sorted.Length;

    /// <summary>Indexes every counted k-mer of <paramref name="reference"/>.</summary>
    public static KmerIndex Build(TokenizedCorpus reference, KmerClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(reference);
        options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        return new KmerIndex(KmerCodes.SortedSet(reference, options), options);
    }

    /// <summary>Whether <paramref name="protein"/> (tokens) shares a counted k-mer with the reference.</summary>
    public bool SharesAny(ReadOnlySpan<byte> protein) => KmerCodes.SharesAny(protein, Options, _sorted);

    /// <summary>The proteins of <paramref name="set"/> that share no counted k-mer with the reference.</summary>
    public TokenizedCorpus Unseen(TokenizedCorpus set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Where(i => !SharesAny(set.Protein(i)));
    }

    /// <summary>The share of <paramref name="set"/>'s counted k-mer windows that occur in the reference.</summary>
    public double SharedFraction(TokenizedCorpus set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var codes = new List<long>();
        for (int p = 0; p < set.Count; p++) KmerCodes.Add(set.Protein(p), Options, codes);
        return codes.Count == 0 ? 0 : codes.Count(c => Array.BinarySearch(_sorted, c) >= 0) / (double)codes.Count;
    }
}
