using System.Text;
using Helix.Core;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Tests.Evaluation;

/// <summary>The short context table: <see cref="LookupBaseline"/> at <see cref="LookupBaseline.ContextTableWidths"/>.</summary>
public class ContextTableTests
{
    static List<ProteinRecord> Proteins(int count, ulong seed, bool periodic)
    {
        const string Cycle = "ACDEFGHIKLMNPQRSTVWY";
        var rng = new SplitMix64(seed);
        var list = new List<ProteinRecord>();
        for (int i = 0; i < count; i++)
        {
            var sb = new StringBuilder();
            int start = rng.NextInt(20);
            for (int j = 0; j < 60; j++) sb.Append(Cycle[periodic ? (start + j) % 20 : rng.NextInt(20)]);
            list.Add(new ProteinRecord($"p{seed}_{i}", "", sb.ToString(), "test", i));
        }
        return list;
    }

    static (MlmScore Context, MlmScore Unigram) Score(bool periodic)
    {
        var train = TokenizedCorpus.Build(Proteins(300, 1, periodic));
        var test = TokenizedCorpus.Build(Proteins(50, 2, periodic));
        var unigram = new UnigramBaseline(train);
        var batches = EvaluationBatches.CreateHidden(test, 8, 64, new MaskingOptions(), 3);
        return (new LookupBaseline(train, unigram, LookupBaseline.ContextTableWidths).Score(batches), unigram.Score(batches));
    }

    [Fact]
    public void PredictsAResidueThatItsNeighboursDetermine()
    {
        var (context, unigram) = Score(periodic: true);
        Assert.True(context.Accuracy > 0.95, $"context table accuracy {context.Accuracy:P1} on a periodic corpus");
        Assert.True(context.Perplexity < 3, $"perplexity {context.Perplexity:F2} (unigram 20; positions whose neighbours are masked too fall back to it)");
        Assert.True(unigram.Accuracy < 0.15);
    }

    [Fact]
    public void IsNoBetterThanUnigramWhenNeighboursCarryNothing()
    {
        var (context, unigram) = Score(periodic: false);
        Assert.InRange(context.Accuracy, 0, unigram.Accuracy + 0.05);
        Assert.True(context.Perplexity > 0.95 * unigram.Perplexity, $"context {context.Perplexity:F2} vs unigram {unigram.Perplexity:F2} on random residues");
    }

    [Fact]
    public void NeverReadsTheResidueItPredicts()
    {
        var train = TokenizedCorpus.Build(Proteins(300, 1, periodic: true));
        var test = TokenizedCorpus.Build(Proteins(20, 2, periodic: true));
        var table = new LookupBaseline(train, new UnigramBaseline(train), LookupBaseline.ContextTableWidths);
        Assert.True(ScoredResidueCheck.AssertBlind(table.LogProbabilities, test, 8, 64) > 50);
    }
}
