using Helix.Core;
using Helix.LanguageModels.Data;
using Helix.LanguageModels.Jobs;
using Helix.Proteins.Tokenization;

namespace Helix.LanguageModels.Tests.Data;

public sealed class LmCorpusTests : IDisposable
{
    readonly TinyCorpus _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ByteTokensAreTheBytes()
    {
        Assert.Equal([0L, 65, 255], ByteTokenizer.Encode([0, 65, 255]));
        Assert.Equal(257, ByteTokenizer.VocabSize);
        Assert.Equal(256, ByteTokenizer.PadId);
    }

    [Fact]
    public void TextHoldsOutItsLastFivePercent()
    {
        var path = _files.Write("t.txt", new string('x', 950) + new string('y', 50));
        var corpus = LmCorpus.Load(path, LmTokens.Auto);
        Assert.Equal(LmTokens.Bytes, corpus.Tokens);
        Assert.Equal(950, corpus.TrainTokens);
        Assert.All(corpus.Train[0], t => Assert.Equal('x', t));
        Assert.All(Assert.Single(corpus.Validation), t => Assert.Equal('y', t));
    }

    [Fact]
    public void FastaGivesOneAminoSequencePerRecordWithBosAndEos()
    {
        var corpus = LmCorpus.Load(_files.Fasta(40), LmTokens.Auto);
        Assert.Equal(LmTokens.Amino, corpus.Tokens);
        Assert.Equal(ProteinTokenizer.VocabSize, corpus.VocabSize);
        Assert.Equal(38, corpus.Train.Count);   // every 20th record is held out
        Assert.Equal(2, corpus.Validation.Count);
        Assert.All(corpus.Train, s => { Assert.Equal(ProteinTokenizer.Bos, s[0]); Assert.Equal(ProteinTokenizer.Eos, s[^1]); });
    }

    [Fact]
    public void AminoTokensOnTextNameTheTokensOption()
    {
        var e = Assert.Throws<InvalidOptionException>(() => LmCorpus.Load(_files.Text(), LmTokens.Amino));
        Assert.Equal(nameof(LmTrainingOptions.Tokens), e.Option);
        Assert.DoesNotContain("--", e.Message);
    }

    [Fact]
    public void TooLittleTextIsAnInputError()
    {
        Assert.Throws<InvalidInputException>(() => LmCorpus.Load(_files.Write("short.txt", "ab"), LmTokens.Auto));
        Assert.Throws<FileNotFoundException>(() => LmCorpus.Load(Path.Combine(_files.Folder, "missing.txt"), LmTokens.Auto));
    }
}
