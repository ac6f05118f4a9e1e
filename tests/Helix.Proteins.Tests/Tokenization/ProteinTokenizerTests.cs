using Helix.Proteins.Tokenization;

namespace Helix.Proteins.Tests.Tokenization;

public class ProteinTokenizerTests
{
    [Fact]
    public void EveryAminoAcidCodeRoundTrips()
    {
        const string all = "ACDEFGHIKLMNPQRSTVWYBOUXZ";
        var (tokens, unknown) = ProteinTokenizer.Encode(all);
        Assert.Equal(0, unknown);
        Assert.Equal(all.Length, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.True(ProteinTokenizer.IsResidue(t)));
        Assert.Equal(all, ProteinTokenizer.Decode(tokens.Select(t => (long)t)));
        Assert.Equal(tokens, ProteinTokenizer.Encode(all.ToLowerInvariant()).Tokens);
    }

    [Fact]
    public void UnknownLettersBecomeUnkAndAreCounted()
    {
        var (tokens, unknown) = ProteinTokenizer.Encode("MJKJ");
        Assert.Equal(2, unknown);
        Assert.Equal(ProteinTokenizer.Unk, tokens[1]);
        Assert.Equal(ProteinTokenizer.Unk, tokens[3]);
    }

    [Fact]
    public void SpecialTokensAreDistinctAndNamed()
    {
        var specials = new[] { ProteinTokenizer.Pad, ProteinTokenizer.Mask, ProteinTokenizer.Bos, ProteinTokenizer.Eos, ProteinTokenizer.Unk };
        Assert.Equal(new[] { "PAD", "MASK", "BOS", "EOS", "UNK" }, specials.Select(t => ProteinTokenizer.Name(t)));
        Assert.Equal(30, ProteinTokenizer.VocabSize);
        Assert.All(specials, t => Assert.False(ProteinTokenizer.IsResidue(t)));
    }
}
