using Helix.Core;

namespace Helix.Core.Tests;

public class SplitMix64Tests
{
    [Fact]
    public void MatchesTheReferenceSequence()
    {
        // Reference values of Vigna's splitmix64.c for seed 1234567.
        var r = new SplitMix64(1234567);
        Assert.Equal(6457827717110365317UL, r.NextUInt64());
        Assert.Equal(3203168211198807973UL, r.NextUInt64());
        Assert.Equal(9817491932198370423UL, r.NextUInt64());
    }

    [Fact]
    public void StateRestoresThePosition()
    {
        var a = new SplitMix64(9);
        for (int i = 0; i < 5; i++) a.NextUInt64();
        var b = new SplitMix64(0) { State = a.State };
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Fact]
    public void NextIntIsUniform()
    {
        // Chi-square with 6 degrees of freedom; 22.46 is the 0.999 quantile.
        var r = new SplitMix64(5);
        var counts = new int[7];
        const int n = 70_000;
        for (int i = 0; i < n; i++) counts[r.NextInt(7)]++;
        double chi = counts.Sum(c => (c - n / 7.0) * (c - n / 7.0) / (n / 7.0));
        Assert.True(chi < 22.46, $"chi-square {chi}");
    }

    [Fact]
    public void ShuffleIsAPermutation()
    {
        var items = Enumerable.Range(0, 100).ToArray();
        new SplitMix64(3).Shuffle(items.AsSpan());
        Assert.NotEqual(Enumerable.Range(0, 100), items);
        Assert.Equal(Enumerable.Range(0, 100), items.Order());
    }
}
