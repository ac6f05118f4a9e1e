using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Data;

/// <summary>The k-mers of a protein that link proteins (no UNK, not low-complexity), as 5-bit-per-residue codes.</summary>
internal static class KmerCodes
{
    /// <summary>Longest k-mer: 12 residues × 5 bits fit a long.</summary>
    public const int MaxLength = 12;

    /// <summary>Adds the code of every k-mer window of <paramref name="protein"/> that counts for <paramref name="options"/> to <paramref name="into"/>.</summary>
    public static void Add(ReadOnlySpan<byte> protein, KmerClusteringOptions options, List<long> into)
    {
        int k = options.KmerLength;
        long mask = (1L << (5 * k)) - 1;
        Span<int> inWindow = stackalloc int[32];
        int distinct = 0, lastUnk = -1;
        long code = 0;
        for (int i = 0; i < protein.Length; i++)
        {
            int t = protein[i];
            if (t == ProteinTokenizer.Unk) lastUnk = i;
            code = (code << 5 | (long)t) & mask;
            if (inWindow[t]++ == 0) distinct++;
            if (i >= k && --inWindow[protein[i - k]] == 0) distinct--;
            if (i >= k - 1 && lastUnk <= i - k && distinct >= options.MinDistinctResidues) into.Add(code);
        }
    }

    /// <summary>The distinct codes of <paramref name="corpus"/>, sorted (for <see cref="SharesAny"/>).</summary>
    public static long[] SortedSet(TokenizedCorpus corpus, KmerClusteringOptions options)
    {
        var all = new List<long>();
        for (int p = 0; p < corpus.Count; p++) Add(corpus.Protein(p), options, all);
        var codes = all.ToArray();
        Array.Sort(codes);
        int n = 0;
        for (int i = 0; i < codes.Length; i++) if (n == 0 || codes[i] != codes[n - 1]) codes[n++] = codes[i];
        return codes[..n];
    }

    /// <summary>Whether <paramref name="protein"/> has a linking k-mer in <paramref name="sorted"/> (from <see cref="SortedSet"/>).</summary>
    public static bool SharesAny(ReadOnlySpan<byte> protein, KmerClusteringOptions options, long[] sorted)
    {
        var codes = new List<long>();
        Add(protein, options, codes);
        foreach (var c in codes) if (Array.BinarySearch(sorted, c) >= 0) return true;
        return false;
    }
}
