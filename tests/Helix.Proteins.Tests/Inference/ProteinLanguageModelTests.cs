using Helix.Proteins.Inference;
using Helix.Proteins.Model;
using Helix.Proteins.Tokenization;
using static TorchSharp.torch;

namespace Helix.Proteins.Tests.Inference;

public class ProteinLanguageModelTests
{
    static ProteinLanguageModel Tiny(int length = 32)
    {
        random.manual_seed(4);
        var config = TinyProteins.Model(length: length);
        return ProteinLanguageModel.From(ProteinModelFactory.Create(config), config);
    }

    [Fact]
    public void EmbeddingsHaveOneRowPerResidueAndAreDeterministic()
    {
        using var lm = Tiny();
        const string seq = "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEKAVQVKVKALPDAQ";   // longer than one window of 32
        var (per, mean) = lm.Embed(seq);
        Assert.Equal(seq.Length * 32, per.Length);
        Assert.Equal(32, mean.Length);
        for (int d = 0; d < 32; d++)
            Assert.Equal(Enumerable.Range(0, seq.Length).Average(i => per[i * 32 + d]), mean[d], 4);
        var (per2, mean2) = lm.Embed(seq);
        Assert.Equal(per, per2);
        Assert.Equal(mean, mean2);
        Assert.All(per, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void FillChangesOnlyMaskedPositions()
    {
        using var lm = Tiny();
        var r = lm.Fill("MKT?YIA_QR", top: 3);
        Assert.Equal(new[] { 3, 7 }, r.Positions);
        Assert.Equal("MKT", r.Sequence[..3]);
        Assert.Equal("YIA", r.Sequence[4..7]);
        Assert.True(char.IsAsciiLetterUpper(r.Sequence[3]) && char.IsAsciiLetterUpper(r.Sequence[7]));
        Assert.All(r.Top, t => { Assert.Equal(3, t.Count); Assert.True(t[0].Probability >= t[1].Probability); });
        Assert.Throws<ArgumentException>(() => lm.Fill("MKTAY"));
        Assert.Throws<ArgumentException>(() => lm.Fill("MK1?"));
    }

    [Fact]
    public void PseudoLogLikelihoodMatchesOneAtATimeMasking()
    {
        using var lm = Tiny();
        const string seq = "MKTAYIAKQRQ";
        var s = lm.Score(seq, batchSize: 4);
        Assert.Equal(seq.Length, s.PerResidue.Count);
        // Reference: mask residue 5 alone and read ln p(true) from a plain forward pass.
        var framed = new long[] { 2 }.Concat(seq.Select(c => (long)ProteinTokenizer.Encode(c))).Append(3).ToArray();
        framed[5] = ProteinTokenizer.Mask;
        using var noGrad = no_grad();
        var logp = lm.Module.call(tensor(framed, new long[] { 1, framed.Length }), null).log_softmax(-1);
        Assert.Equal(logp[0, 5, ProteinTokenizer.Encode(seq[4])].item<float>(), s.PerResidue[4], 4);
        Assert.Equal(s.PerResidue.Sum(), s.PseudoLogLikelihood, 6);
        Assert.True(s.PseudoPerplexity > 1);
    }
}
