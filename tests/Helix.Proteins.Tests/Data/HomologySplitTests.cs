using System.Text;
using Helix.Core;
using Helix.Proteins.Data;
using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Tests.Data;

public class HomologySplitTests
{
    const string Residues = "ACDEFGHIKLMNPQRSTVWY";

    // Families of mutated copies (8 % point substitutions) of random ancestors, each family's first member with a
    // poly-Q tail that would chain all families together if low-complexity k-mers counted; then random singletons.
    static (List<ProteinRecord> Records, Dictionary<string, int> FamilyOf) Corpus(int families, int members, int singletons, ulong seed)
    {
        var rng = new SplitMix64(seed);
        string Random(int n) { var sb = new StringBuilder(); for (int i = 0; i < n; i++) sb.Append(Residues[rng.NextInt(20)]); return sb.ToString(); }
        var records = new List<ProteinRecord>();
        var familyOf = new Dictionary<string, int>();
        for (int f = 0; f < families; f++)
        {
            var ancestor = Random(120 + rng.NextInt(60));
            for (int m = 0; m < members; m++)
            {
                var copy = ancestor.ToCharArray();
                for (int i = 0; i < copy.Length; i++) if (rng.NextDouble() < 0.08) copy[i] = Residues[rng.NextInt(20)];
                string id = $"fam{f}_m{m}";
                records.Add(new ProteinRecord(id, "", new string(copy) + (m == 0 ? "QQQQQQQQQQQQQQ" : ""), "test", records.Count));
                familyOf[id] = f;
            }
        }
        for (int s = 0; s < singletons; s++)
        {
            string id = $"single{s}";
            records.Add(new ProteinRecord(id, "", Random(80 + rng.NextInt(80)), "test", records.Count));
            familyOf[id] = families + s;
        }
        // Interleave the families so that the order of the file carries no hint.
        var order = records.OrderBy(r => DatasetSplit.Unit(r.Id + "order")).ToList();
        return (order, familyOf);
    }

    // The linking k-mers of a sequence, by plain string slicing (independent of the implementation's codes).
    static HashSet<string> Kmers(string sequence, int k = 10, int minDistinct = 5)
    {
        var set = new HashSet<string>();
        for (int i = 0; i + k <= sequence.Length; i++)
        {
            var s = sequence.Substring(i, k);
            if (s.Distinct().Count() >= minDistinct) set.Add(s);
        }
        return set;
    }

    [Fact]
    public void EachFamilyIsOneClusterAndLowComplexityTailsDoNotChainThem()
    {
        var (records, familyOf) = Corpus(families: 6, members: 10, singletons: 30, seed: 7);
        var corpus = TokenizedCorpus.Build(records);
        var clusters = KmerClustering.Run(corpus, new KmerClusteringOptions());
        Assert.Equal(6 + 30, clusters.Count);
        Assert.Equal(30, clusters.Singletons);
        Assert.Equal(10, clusters.Largest);
        for (int a = 0; a < corpus.Count; a++)
            for (int b = 0; b < corpus.Count; b++)
                Assert.Equal(familyOf[corpus.Ids[a]] == familyOf[corpus.Ids[b]], clusters.ClusterOf[a] == clusters.ClusterOf[b]);

        // Counting every 10-mer (poly-Q included) merges the six families through their tails.
        var chained = KmerClustering.Run(corpus, new KmerClusteringOptions { MinDistinctResidues = 1 });
        Assert.Equal(60, chained.Largest);
    }

    [Fact]
    public void EveryFamilyLandsInOnePartWhateverTheOrder()
    {
        var (records, familyOf) = Corpus(families: 12, members: 6, singletons: 40, seed: 11);
        var split = new DatasetSplit(0.25, 0.25) { TrainOnlyClusterShare = 1 };
        var parts = split.Apply(TokenizedCorpus.Build(records)).Parts;
        var partOf = records.Select((r, i) => (r.Id, Part: parts[i])).ToDictionary(x => x.Id, x => x.Part);
        foreach (var family in familyOf.GroupBy(kv => kv.Value))
            Assert.Single(family.Select(kv => partOf[kv.Key]).Distinct());
        foreach (var part in new[] { SplitPart.Train, SplitPart.Validation, SplitPart.Test })
            Assert.Contains(part, parts);   // 52 clusters at 25 % / 25 % / 50 %: each part is drawn

        var reversed = Enumerable.Reverse(records).ToList();
        var again = split.Apply(TokenizedCorpus.Build(reversed)).Parts;
        for (int i = 0; i < reversed.Count; i++) Assert.Equal(partOf[reversed[i].Id], again[i]);
        // A singleton gets the part its id gets alone, as in the id split.
        foreach (var r in records.Where(r => r.Id.StartsWith("single"))) Assert.Equal(split.Assign(r.Id), partOf[r.Id]);
    }

    [Fact]
    public void NoHeldOutProteinSharesALinkingKmerWithTraining()
    {
        var (records, _) = Corpus(families: 12, members: 6, singletons: 40, seed: 5);
        var corpus = TokenizedCorpus.Build(records);
        var result = new DatasetSplit(0.25, 0.25) { TrainOnlyClusterShare = 1 }.Apply(corpus);
        var training = new HashSet<string>();
        for (int i = 0; i < records.Count; i++) if (result.Parts[i] == SplitPart.Train) training.UnionWith(Kmers(records[i].Sequence));
        int heldOut = 0;
        for (int i = 0; i < records.Count; i++)
        {
            if (result.Parts[i] == SplitPart.Train) continue;
            heldOut++;
            Assert.DoesNotContain(Kmers(records[i].Sequence), training.Contains);
        }
        Assert.True(heldOut > 10);

        // The id split of the same corpus leaks: some held-out protein shares a 10-mer with a training relative.
        var byId = DatasetSplit.ById(0.25, 0.25).Apply(corpus);
        var idTraining = new HashSet<string>();
        for (int i = 0; i < records.Count; i++) if (byId.Parts[i] == SplitPart.Train) idTraining.UnionWith(Kmers(records[i].Sequence));
        Assert.Contains(Enumerable.Range(0, records.Count), i => byId.Parts[i] != SplitPart.Train && Kmers(records[i].Sequence).Any(idTraining.Contains));
    }

    [Fact]
    public void AClusterAboveTheShareGoesToTrain()
    {
        var (records, familyOf) = Corpus(families: 3, members: 20, singletons: 40, seed: 3);
        var corpus = TokenizedCorpus.Build(records);
        // 100 proteins: each family holds 20 % of them; over a 10 % share they all train, whatever their hash.
        var result = new DatasetSplit(0.45, 0.45) { TrainOnlyClusterShare = 0.1 }.Apply(corpus);
        Assert.Equal(3, result.TrainOnlyClusters);
        Assert.Equal(60, result.TrainOnlyProteins);
        for (int i = 0; i < records.Count; i++)
            if (familyOf[records[i].Id] < 3) Assert.Equal(SplitPart.Train, result.Parts[i]);
        Assert.Contains(SplitPart.Test, result.Parts);
    }

    [Fact]
    public void TheDefaultCorpusTestSplitSharesNoLinkingKmerWithTraining()
    {
        var files = DefaultCorpus.Locate();
        if (files == null) return;   // not fetched on this machine: nothing to check
        var all = TokenizedCorpus.Build(SequenceFile.Read(files.Database));
        var split = new DatasetSplit();
        var result = split.Apply(all);
        var train = all.Where(i => result.Parts[i] == SplitPart.Train);
        var test = all.Where(i => result.Parts[i] == SplitPart.Test);
        Assert.InRange(test.Count, 800, 1200);
        Assert.True(result.Clusters!.Largest < all.Count / 20, $"largest cluster {result.Clusters.Largest}: low-complexity k-mers chain families again");
        var known = KmerIndex.Build(train, split.Clustering!);
        for (int i = 0; i < test.Count; i++) Assert.False(known.SharesAny(test.Protein(i)), test.Ids[i]);
    }
}
