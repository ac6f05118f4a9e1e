using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Data;

/// <summary>
/// Single-linkage homology clusters: proteins sharing an exact k-mer (outside low-complexity ones) are in one
/// cluster. Every (k-mer, protein) pair is sorted by k-mer and each run of equal k-mers joins its proteins in a
/// union-find, so the 20,000 proteins of the default corpus (8 M windows) take a few seconds and about 100 MB.
/// The result does not depend on the order of the proteins beyond the cluster numbering.
/// </summary>
public static class KmerClustering
{
    /// <summary>Clusters <paramref name="corpus"/>.</summary>
    public static KmerClusteringResult Run(TokenizedCorpus corpus, KmerClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        options.Validate();
        var codes = new List<long>();
        var owners = new List<int>();
        long windows = 0;
        for (int p = 0; p < corpus.Count; p++)
        {
            int before = codes.Count;
            KmerCodes.Add(corpus.Protein(p), options, codes);
            windows += Math.Max(0, corpus.Length(p) - options.KmerLength + 1);
            for (int i = before; i < codes.Count; i++) owners.Add(p);
        }
        var keys = codes.ToArray();
        var proteins = owners.ToArray();
        codes = null; owners = null;
        Array.Sort(keys, proteins);

        var parent = new int[corpus.Count];
        for (int i = 0; i < parent.Length; i++) parent[i] = i;
        long linking = 0;
        for (int start = 0; start < keys.Length;)
        {
            int end = start + 1;
            bool linked = false;
            while (end < keys.Length && keys[end] == keys[start])
            {
                Union(parent, proteins[start], proteins[end]);
                if (proteins[end] != proteins[start]) linked = true;
                end++;
            }
            if (linked) linking++;
            start = end;
        }

        var clusterOf = new int[corpus.Count];
        var number = new Dictionary<int, int>();
        var sizes = new List<int>();
        for (int p = 0; p < corpus.Count; p++)
        {
            int root = Find(parent, p);
            if (!number.TryGetValue(root, out int c)) { number[root] = c = sizes.Count; sizes.Add(0); }
            clusterOf[p] = c;
            sizes[c]++;
        }
        return new KmerClusteringResult(clusterOf, sizes, linking, windows - keys.Length);
    }

    static int Find(int[] parent, int x)
    {
        while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
        return x;
    }

    // Joins the sets of a and b under the smaller root.
    static void Union(int[] parent, int a, int b)
    {
        a = Find(parent, a); b = Find(parent, b);
        if (a < b) parent[b] = a; else if (b < a) parent[a] = b;
    }
}
