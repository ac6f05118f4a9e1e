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

    /// <summary>The reference: one forward pass per residue, that residue masked in the window centred on it.</summary>
    static double[] OneAtATime(ProteinLanguageModel lm, string seq)
    {
        var framed = new long[] { ProteinTokenizer.Bos }.Concat(seq.Select(c => (long)ProteinTokenizer.Encode(c))).Append(ProteinTokenizer.Eos).ToArray();
        int L = Math.Min(lm.Config.MaxLength, framed.Length);
        using var noGrad = no_grad();
        var scores = new double[seq.Length];
        for (int i = 0; i < seq.Length; i++)
        {
            int position = i + 1, start = Math.Clamp(position - L / 2, 0, framed.Length - L);
            var row = framed[start..(start + L)];
            row[position - start] = ProteinTokenizer.Mask;
            var logp = lm.Module.call(tensor(row, new long[] { 1, L }), null).log_softmax(-1);
            scores[i] = logp[0, position - start, framed[position]].item<float>();
        }
        return scores;
    }

    [Theory]
    [InlineData("MKTAYIAKQRQ")]   // fits one window
    [InlineData("MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEKAVQVKVKALPDAQFEVVHSLAKWKRQTLGQHDFSAGEGLYTHMKALRPDEDRLSPLHSVYVDQWDWERVMGDGERQFSTLKSTVEAIWAGIKATEAAVSEEFGLAPFLPDQIHFVHSQELLSRYPDLDAKGRERAIAKDLGAVFLVGIGGKLSDGHRHDVRAPDYDDWUAIGLNRRLAD")]   // 200 residues in windows of 32
    public void BatchedScoresEqualOneForwardPassPerResidue(string seq)
    {
        using var lm = Tiny();
        var reference = OneAtATime(lm, seq);
        foreach (var options in new[] { new ScoreOptions(), new ScoreOptions { BatchSize = 1 }, new ScoreOptions { BatchSize = 7 }, new ScoreOptions { TokensPerPass = 100 }, new ScoreOptions { FullForward = true }, new ScoreOptions { FullForward = true, BatchSize = 1 } })
        {
            var s = lm.Score(seq, options);
            Assert.Equal(seq.Length, s.PerResidue.Count);
            for (int i = 0; i < seq.Length; i++) Assert.Equal(reference[i], s.PerResidue[i], 1e-5);
            Assert.Equal(s.PerResidue.Sum(), s.PseudoLogLikelihood, 9);
        }
        Assert.True(lm.Score(seq).PseudoPerplexity > 1);
    }

    [Fact]
    public void ScoringReportsProgressPerPassAndStopsWhenCancelled()
    {
        using var lm = Tiny();
        var seq = new string('A', 100);
        var seen = new List<ScoreProgress>();
        lm.Score(seq, new ScoreOptions { BatchSize = 30 }, new Helix.Core.SyncProgress<ScoreProgress>(seen.Add));
        Assert.Equal(new[] { 30, 60, 90, 100 }, seen.Select(p => p.Scored));
        Assert.All(seen, p => Assert.Equal(100, p.Total));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => lm.Score(seq, null, null, cancel.Token));
        Assert.Throws<Helix.Core.InvalidOptionException>(() => lm.Score(seq, new ScoreOptions { TokensPerPass = 0 }));
    }
}
