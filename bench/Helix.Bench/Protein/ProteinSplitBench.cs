using System.Diagnostics;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;

namespace Helix.Bench.Protein;

/// <summary>
/// `helix bench protein split`: the homology split against the id split on the default corpus, the k-mer leak of each
/// held-out set, and the lookup cheat at several context widths (the measurement behind
/// <see cref="LookupBaseline.DefaultWidths"/> and <see cref="KmerClusteringOptions"/>).
/// </summary>
public static class ProteinSplitBench
{
    static readonly int[][] WidthSets = [[1], [6, 4, 1], [6, 5, 4, 1], [6, 5, 4, 3, 1], [6, 4, 3, 2, 1]];

    /// <summary>Runs the measurement, writing one line per figure to <paramref name="output"/>.</summary>
    public static void Run(TextWriter output)
    {
        var files = DefaultCorpus.Locate() ?? throw new InvalidOperationException("the default corpus is not cached: run `./helix protein train` once (it fetches mmseqs2-examples)");
        var all = TokenizedCorpus.Build(SequenceFile.Read(files.Database));
        var sets = new List<(string Name, TokenizedCorpus Set)>();
        sets.Add(("query", TokenizedCorpus.Build(SequenceFile.Read(files.Query))));
        if (GlobinSet.Locate() is { } g) sets.Add(("globins", TokenizedCorpus.Build(SequenceFile.Read(g))));
        foreach (var split in new[] { new DatasetSplit(), DatasetSplit.ById() })
        {
            var sw = Stopwatch.StartNew();
            var r = split.Apply(all);
            output.WriteLine($"split {(split.Clustering == null ? "id" : "homology")} in {sw.Elapsed.TotalSeconds:F1} s: train {r.Count(SplitPart.Train)}, validation {r.Count(SplitPart.Validation)}, test {r.Count(SplitPart.Test)}" +
                (r.Clusters is { } c ? $"; clusters {c.Count}, single proteins {c.Singletons}, largest {string.Join(", ", c.Sizes.OrderDescending().Take(8))}; train-only clusters {r.TrainOnlyClusters} ({r.TrainOnlyProteins} proteins); linking k-mers {c.LinkingKmers}, ignored windows {c.IgnoredWindows}" : ""));
            var train = all.Where(i => r.Parts[i] == SplitPart.Train);
            var heldOut = new List<(string Name, TokenizedCorpus Set)> { ("validation", all.Where(i => r.Parts[i] == SplitPart.Validation)), ("test", all.Where(i => r.Parts[i] == SplitPart.Test)) };
            heldOut.AddRange(sets);
            var every = KmerIndex.Build(train, new KmerClusteringOptions { MinDistinctResidues = 1 });
            var linking = KmerIndex.Build(train, new KmerClusteringOptions());
            foreach (var (name, set) in heldOut)
                output.WriteLine($"  {name}: {every.SharedFraction(set):P1} of 10-mers occur in train; {linking.Unseen(set).Count}/{set.Count} proteins share no linking 10-mer with train");
            var unigram = new UnigramBaseline(train);
            // Every width once per split; each width set below is a view of these counts.
            sw.Restart();
            var counted = new LookupBaseline(train, unigram, [.. WidthSets.SelectMany(w => w).Concat(LookupBaseline.ContextTableWidths).Distinct()]);
            output.WriteLine($"  lookup tables at ±[{string.Join(",", counted.Widths)}] counted in {sw.Elapsed.TotalSeconds:F1} s");
            var context = counted.Subset(LookupBaseline.ContextTableWidths);
            foreach (var (name, set) in heldOut)
            {
                var batches = EvaluationBatches.CreateHidden(set, 32, 128, new MaskingOptions(), 0x7E57UL);
                var u = unigram.Score(batches);
                var cx = context.Score(batches);
                output.WriteLine($"  {name}: unigram {u.Accuracy:P1} / {u.Perplexity:F2}, ±2 table {cx.Accuracy:P1} / {cx.Perplexity:F2}");
                foreach (var widths in WidthSets)
                {
                    sw.Restart();
                    var m = counted.Subset(widths).Measure(batches);
                    output.WriteLine($"    lookup ±[{string.Join(",", widths)}] {m.Score.Accuracy:P1} / {m.Score.Perplexity:F2}, top-3 {m.Score.Top3Accuracy:P1}, coverage {m.Coverage:P1} (unmasked {m.UnmaskedCoverage:P1}); score {sw.Elapsed.TotalSeconds:F1} s");
                }
            }
        }
    }
}
