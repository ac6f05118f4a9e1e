using Helix.Core;

namespace Helix.Bilevel.Omniglot;

/// <summary>Which character classes meta-train and which are held out for meta-testing.</summary>
/// <param name="Train">Indices into <see cref="OmniglotDataset.Characters"/> for meta-training.</param>
/// <param name="Test">Held-out indices.</param>
public sealed record OmniglotSplit(IReadOnlyList<int> Train, IReadOnlyList<int> Test)
{
    /// <summary>
    /// Holds whole alphabets out: those named in <paramref name="testAlphabets"/>, or by default every fourth alphabet
    /// in name order (positions 3, 7, …; with the two small background sets: Japanese_(katakana) and Tagalog).
    /// </summary>
    /// <param name="data">The classes.</param>
    /// <param name="testAlphabets">Alphabet names to hold out, or null for the default.</param>
    public static OmniglotSplit ByAlphabet(OmniglotDataset data, IReadOnlyCollection<string>? testAlphabets = null)
    {
        var alphabets = data.Alphabets;
        HashSet<string> test;
        if (testAlphabets == null || testAlphabets.Count == 0)
        {
            test = alphabets.Where((_, i) => i % 4 == 3).ToHashSet();
            if (test.Count == 0 && alphabets.Count > 1) test.Add(alphabets[^1]);
        }
        else
        {
            test = testAlphabets.ToHashSet(StringComparer.Ordinal);
            var unknown = test.Where(a => !alphabets.Contains(a)).ToList();
            if (unknown.Count > 0)
                throw new InvalidOptionException("TestAlphabets", $"no alphabet named {string.Join(", ", unknown)}; the data has {string.Join(", ", alphabets)}");
        }
        var train = new List<int>();
        var held = new List<int>();
        for (int i = 0; i < data.Characters.Count; i++) (test.Contains(data.Characters[i].Alphabet) ? held : train).Add(i);
        if (train.Count == 0) throw new InvalidOptionException("TestAlphabets", "every alphabet is held out; nothing is left to meta-train on");
        return new OmniglotSplit(train, held);
    }

    /// <summary>Holds out a random fraction of classes (alphabets mixed), drawn with <paramref name="seed"/>.</summary>
    /// <param name="data">The classes.</param>
    /// <param name="testFraction">Fraction held out, in (0, 1).</param>
    /// <param name="seed">Seed of the draw.</param>
    public static OmniglotSplit ByClass(OmniglotDataset data, double testFraction, ulong seed)
    {
        if (!(testFraction > 0 && testFraction < 1)) throw new InvalidOptionException("TestFraction", $"must be in (0, 1), got {testFraction}");
        var idx = Enumerable.Range(0, data.Characters.Count).ToArray();
        new SplitMix64(seed).Shuffle<int>(idx);
        int nTest = Math.Max(1, (int)Math.Round(testFraction * idx.Length));
        return new OmniglotSplit(idx.Skip(nTest).Order().ToList(), idx.Take(nTest).Order().ToList());
    }
}
