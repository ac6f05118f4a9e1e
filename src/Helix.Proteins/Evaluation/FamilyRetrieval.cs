using Helix.Proteins.Data;
using Helix.Proteins.Inference;
using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Evaluation;

/// <summary>
/// Nearest-neighbour family retrieval: embeds each labelled protein (mean of the model's per-residue embeddings) and
/// asks whether its most cosine-similar other protein has the same family; amino-acid composition vectors are the baseline.
/// </summary>
public static class FamilyRetrieval
{
    /// <summary>Runs the retrieval on <paramref name="records"/>, whose family is <paramref name="family"/>(id).</summary>
    public static RetrievalResult Run(string setName, ProteinLanguageModel model, IReadOnlyList<ProteinRecord> records, Func<string, string> family,
        IProgress<double>? progress = null)
    {
        var families = records.Select(r => family(r.Id)).ToArray();
        var embeddings = new List<float[]>();
        var compositions = new List<float[]>();
        for (int i = 0; i < records.Count; i++)
        {
            embeddings.Add(model.Embed(records[i].Sequence).Mean);
            compositions.Add(Composition(records[i].Sequence));
            progress?.Report((i + 1.0) / records.Count);
        }
        return new RetrievalResult(setName, records.Count, families.Distinct().Count(), NearestSameFamily(embeddings, families),
            NearestSameFamily(compositions, families), Chance(families));
    }

    /// <summary>The 20 standard amino-acid shares of <paramref name="sequence"/>.</summary>
    public static float[] Composition(string sequence)
    {
        var v = new float[ProteinTokenizer.StandardResidues.Length];
        int n = 0;
        foreach (char c in sequence)
        {
            int t = ProteinTokenizer.Encode(c) - ProteinTokenizer.FirstResidue;
            if (t >= 0 && t < v.Length) { v[t]++; n++; }
        }
        for (int i = 0; i < v.Length; i++) v[i] /= Math.Max(1, n);
        return v;
    }

    /// <summary>Share of vectors whose nearest other vector (cosine) carries the same label.</summary>
    public static double NearestSameFamily(IReadOnlyList<float[]> vectors, IReadOnlyList<string> labels)
    {
        int n = vectors.Count, hits = 0;
        if (n < 2) return 0;
        var norms = vectors.Select(v => Math.Sqrt(v.Sum(x => (double)x * x))).ToArray();
        for (int i = 0; i < n; i++)
        {
            int best = -1;
            double bestSim = double.NegativeInfinity;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dot = 0;
                for (int d = 0; d < vectors[i].Length; d++) dot += (double)vectors[i][d] * vectors[j][d];
                double sim = dot / Math.Max(1e-12, norms[i] * norms[j]);
                if (sim > bestSim) { bestSim = sim; best = j; }
            }
            if (labels[best] == labels[i]) hits++;
        }
        return hits / (double)n;
    }

    static double Chance(IReadOnlyList<string> labels)
    {
        double n = labels.Count;
        return labels.GroupBy(l => l).Sum(g => (double)g.Count() * (g.Count() - 1)) / Math.Max(1, n * (n - 1));
    }
}
