using Helix.Core;
using Helix.Proteins.Masking;
using Helix.Proteins.Tokenization;
using Helix.Training;

namespace Helix.Proteins.Tests.Masking;

public class MlmMaskerTests
{
    static void AssertNear(double observed, double p, int n, string what)
    {
        double sd = Math.Sqrt(p * (1 - p) / n);
        Assert.True(Math.Abs(observed - p) < 5 * sd, $"{what}: {observed:F4} vs {p:F4} (±5σ = {5 * sd:F4})");
    }

    [Fact]
    public void ChoiceAndReplacementFollowTheConfiguredDistribution()
    {
        var rng = new SplitMix64(42);
        const int n = 200_000;
        var original = new long[n];
        for (int i = 0; i < n; i++)
            original[i] = i % 10 == 0 ? ProteinTokenizer.Eos : ProteinTokenizer.FirstResidue + rng.NextInt(25);
        var tokens = (long[])original.Clone();
        var labels = new long[n];
        MlmMasker.Apply(tokens, labels, new MaskingOptions(0.15, 0.8, 0.1), rng);

        int residues = original.Count(ProteinTokenizer.IsResidue);
        var chosen = Enumerable.Range(0, n).Where(i => labels[i] != ProteinTokenizer.IgnoreLabel).ToList();
        Assert.All(chosen, i => Assert.Equal(original[i], labels[i]));
        Assert.All(Enumerable.Range(0, n).Where(i => labels[i] == ProteinTokenizer.IgnoreLabel), i => Assert.Equal(original[i], tokens[i]));
        Assert.DoesNotContain(chosen, i => original[i] == ProteinTokenizer.Eos);
        AssertNear((double)chosen.Count / residues, 0.15, residues, "chosen share");

        int c = chosen.Count;
        int masked = chosen.Count(i => tokens[i] == ProteinTokenizer.Mask);
        int changed = chosen.Count(i => tokens[i] != ProteinTokenizer.Mask && tokens[i] != original[i]);
        AssertNear((double)masked / c, 0.8, c, "MASK share");
        // A random replacement is one of the 20 standard residues; it differs from the original unless it draws it.
        double pChanged = chosen.Average(i => original[i] < ProteinTokenizer.FirstResidue + 20 ? 0.1 * 19 / 20 : 0.1);
        AssertNear((double)changed / c, pChanged, c, "random share");

        // Random replacements are uniform over the 20 standard residues (chi-square, 19 dof, 0.999 quantile 43.8).
        // Originals that are extra codes (B, O, U, X, Z) can never be drawn, so all their replacements show.
        var replaced = chosen.Where(i => tokens[i] != ProteinTokenizer.Mask && tokens[i] != original[i]).Select(i => tokens[i]).ToList();
        Assert.All(replaced, t => Assert.InRange(t, ProteinTokenizer.FirstResidue, ProteinTokenizer.FirstResidue + 19));
        var fromExtra = chosen.Where(i => original[i] >= ProteinTokenizer.FirstResidue + 20 && tokens[i] != ProteinTokenizer.Mask && tokens[i] != original[i])
            .Select(i => (int)(tokens[i] - ProteinTokenizer.FirstResidue)).ToList();
        var counts = new double[20];
        foreach (var t in fromExtra) counts[t]++;
        double expected = fromExtra.Count / 20.0;
        double chi = counts.Sum(k => (k - expected) * (k - expected) / expected);
        Assert.True(fromExtra.Count > 300 && chi < 43.8, $"{fromExtra.Count} replacements, chi-square {chi:F1}");
    }

    [Fact]
    public void SameSeedSameMasks()
    {
        long[] Run()
        {
            var t = Enumerable.Range(0, 1000).Select(i => (long)(ProteinTokenizer.FirstResidue + i % 20)).ToArray();
            MlmMasker.Apply(t, new long[t.Length], new MaskingOptions(), new SplitMix64(3));
            return t;
        }
        Assert.Equal(Run(), Run());
    }

    [Theory]
    [InlineData(0.0, 0.8, 0.1)]
    [InlineData(0.15, 0.9, 0.2)]
    [InlineData(1.5, 0.8, 0.1)]
    public void BadOptionsAreRejected(double p, double mask, double random) =>
        Assert.Throws<Helix.Core.InvalidOptionException>(() => new MaskingOptions(p, mask, random).Validate());
}
