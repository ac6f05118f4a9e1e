using System.Diagnostics;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;
using Xunit.Abstractions;

namespace Helix.Proteins.Tests.Evaluation;

/// <summary>
/// The measurement behind <see cref="LookupBaseline.DefaultWidths"/>, <see cref="KmerClusteringOptions"/> and the
/// split figures in BENCHMARKS.md ("homology split"): not a test (it takes minutes on the default corpus and asserts
/// nothing), so skipped; remove the Skip and run it with
/// <c>dotnet test tests/Helix.Proteins.Tests -c Release --filter FullyQualifiedName~LookupMeasure --logger "console;verbosity=detailed"</c>.
/// </summary>
public class LookupMeasure(ITestOutputHelper output)
{
    [Fact(Skip = "a measurement on the default corpus (minutes), run by hand")]
    public void Measure()
    {
        var files = DefaultCorpus.Locate();
        if (files == null) return;
        var all = TokenizedCorpus.Build(SequenceFile.Read(files.Database));
        var query = TokenizedCorpus.Build(SequenceFile.Read(files.Query));
        var globins = TokenizedCorpus.Build(SequenceFile.Read("/root/.cache/helix/emboss-test/globins630.fa"));
        foreach (var split in new[] { new DatasetSplit(), DatasetSplit.ById() })
        {
            var sw = Stopwatch.StartNew();
            var r = split.Apply(all);
            output.WriteLine($"split {(split.Clustering == null ? "id" : "homology")} in {sw.Elapsed.TotalSeconds:F1}s: train {r.Count(SplitPart.Train)} val {r.Count(SplitPart.Validation)} test {r.Count(SplitPart.Test)}" +
                (r.Clusters is { } c ? $" clusters {c.Count} singletons {c.Singletons} largest {c.Largest} top {string.Join(",", c.Sizes.OrderDescending().Take(8))} trainOnly {r.TrainOnlyClusters}/{r.TrainOnlyProteins} linking {c.LinkingKmers} ignored {c.IgnoredWindows}" : ""));
            var train = all.Where(i => r.Parts[i] == SplitPart.Train);
            var val = all.Where(i => r.Parts[i] == SplitPart.Validation);
            var test = all.Where(i => r.Parts[i] == SplitPart.Test);
            var any = new KmerClusteringOptions { MinDistinctResidues = 1 };
            var trainSet = KmerCodes.SortedSet(train, any);
            var linkSet = KmerCodes.SortedSet(train, new KmerClusteringOptions());
            foreach (var (name, set) in new[] { ("test", test), ("query", query), ("globins", globins) })
            {
                var codes = new List<long>();
                for (int p = 0; p < set.Count; p++) KmerCodes.Add(set.Protein(p), any, codes);
                double shared = codes.Count(c => Array.BinarySearch(trainSet, c) >= 0) / (double)codes.Count;
                int unseen = set.Where(i => !KmerCodes.SharesAny(set.Protein(i), new KmerClusteringOptions(), linkSet)).Count;
                output.WriteLine($"  {name}: {shared:P1} of 10-mers in train; proteins with no linking 10-mer in train {unseen}/{set.Count}");
                if (split.Clustering == null) break;
            }
            var unigram = new UnigramBaseline(train);
            var context = new ContextBaseline(train, unigram);
            var widthSets = new[] { new[] { 1 }, new[] { 6, 4, 1 }, new[] { 6, 5, 4, 1 }, new[] { 6, 5, 4, 3, 1 }, new[] { 6, 4, 3, 2, 1 } };
            foreach (var (name, set) in new[] { ("val", val), ("test", test), ("query", query), ("globins", globins) })
            {
                if (split.Clustering != null && name == "test") continue;
                // The main job's mask seeds per set (ProteinTrainingWorker); the width selection above used 0x7E57 for all.
                ulong seed = split.Clustering == null ? name switch { "query" => 0x9E41UL, "globins" => 0x610BUL, _ => 0x7E57UL } : 0x7E57UL;
                var batches = EvaluationBatches.CreateHidden(set, 32, 128, new MaskingOptions(), seed);
                var u = unigram.Score(batches); var cx = context.Score(batches);
                output.WriteLine($"  {name}: unigram {u.Accuracy:P1}/{u.Perplexity:F2} ctx±2 {cx.Accuracy:P1}/{cx.Perplexity:F2}");
                foreach (var w in widthSets)
                {
                    if (split.Clustering == null && name != "test" && !(w.Length == 5 && w[1] == 5)) continue;   // the default widths only
                    sw.Restart();
                    var lookup = new LookupBaseline(train, unigram, w);
                    double build = sw.Elapsed.TotalSeconds; sw.Restart();
                    var tally = new LookupTally();
                    foreach (var b in batches) lookup.AddTo(tally, b);
                    var s = tally.Scores.Score();
                    output.WriteLine($"    lookup [{string.Join(",", w)}] {s.Accuracy:P1}/{s.Perplexity:F2} top3 {s.Top3Accuracy:P1} coverage {tally.Coverage:P1} unmasked {tally.UnmaskedCoverage:P1} (build {build:F1}s, score {sw.Elapsed.TotalSeconds:F1}s, entries {string.Join(",", lookup.Entries)})");
                }
            }
        }
    }
}
