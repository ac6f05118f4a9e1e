using Helix.Attention;
using Helix.Proteins.Batching;
using Helix.Proteins.Data;
using Helix.Proteins.Evaluation;
using Helix.Proteins.Masking;
using Helix.Proteins.Model;
using Helix.Proteins.Tokenization;
using Helix.Training;
using static TorchSharp.torch;

namespace Helix.Proteins.Tests.Evaluation;

/// <summary>
/// The headline metric hides every scored residue. A "model" that copies its input must score nothing there, while
/// the paper-style 80/10/10 figure on the same positions rewards it for the residues left visible.
/// </summary>
public class HonestEvaluationTests
{
    static TokenizedCorpus Corpus(int count, ulong seed) =>
        TokenizedCorpus.Build(TinyProteins.Records(count, seed, 40, 90));

    /// <summary>Logits that put all mass on the input token: a perfect copier.</summary>
    static Tensor Copier(Tensor tokens, Tensor? padding) => nn.functional.one_hot(tokens, ProteinTokenizer.VocabSize).to(ScalarType.Float32) * 20;

    [Fact]
    public void EveryScoredResidueIsMaskedInTheInput()
    {
        var batches = EvaluationBatches.CreateHidden(Corpus(30, 1), 4, 32, new MaskingOptions(), seed: 9);
        long scored = 0;
        foreach (var b in batches)
            for (int i = 0; i < b.Tokens.Length; i++)
            {
                if (b.Labels[i] == ProteinTokenizer.IgnoreLabel) { Assert.NotEqual(ProteinTokenizer.Mask, b.Tokens[i]); continue; }
                Assert.Equal(ProteinTokenizer.Mask, b.Tokens[i]);
                scored++;
            }
        Assert.True(scored > 100);
        // Same positions and labels as the 80/10/10 batches of the same seed.
        var mixed = EvaluationBatches.Create(Corpus(30, 1), 4, 32, new MaskingOptions(), seed: 9);
        Assert.Equal(mixed.SelectMany(b => b.Labels), batches.SelectMany(b => b.Labels));
        Assert.Contains(mixed.SelectMany(b => b.Tokens.Zip(b.Labels)), p => p.Second != ProteinTokenizer.IgnoreLabel && p.First == p.Second);
    }

    [Fact]
    public void ACopierScoresNothingUnderTheHonestMetric()
    {
        var set = Corpus(40, 2);
        var r = MlmEvaluator.Evaluate("copy", Copier, set, new UnigramBaseline(set), 8, 32, new MaskingOptions(), 5, concatenated: false,
            progress: null, paperStyle: true);
        Assert.True(r.Model.Targets > 200);
        Assert.Equal(0, r.Model.Accuracy);                       // MASK is never the answer
        Assert.NotNull(r.PaperStyle);
        Assert.InRange(r.PaperStyle!.Accuracy, 0.08, 0.2);        // the 10 % kept (plus lucky random draws) are copied
        Assert.Equal(r.Model.Targets, r.Unigram.Targets);
        Assert.Equal(r.Model.Targets, r.PaperStyle.Targets);
    }
}
