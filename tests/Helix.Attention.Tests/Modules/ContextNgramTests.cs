using TorchSharp;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Modules;

public class ContextNgramTests
{
    const int Vocab = 23;

    static PerformerConfig Config(int buckets = 1000, int localMix = 5) => new()
    {
        VocabSize = Vocab, Dim = 16, Depth = 2, Heads = 2, Dropout = 0, MaxLength = 64, Position = PositionKind.Rotary,
        LocalMixKernel = localMix, ContextNgramBuckets = buckets,
        Attention = new AttentionConfig { Mechanism = AttentionMechanism.Generalized, FeatureMap = FeatureMapKind.Relu, NumFeatures = 8, Seed = 5 },
    };

    // The windows' ids written out with loops: outside and padding read as the symbol Vocab, exact ids when the
    // (V+1)^n combinations fit in the buckets, else (id · 2654435761) mod buckets.
    static long[,,] BruteForceIds(long[,] tokens, bool[,]? padding, long vocab, long buckets)
    {
        int rows = tokens.GetLength(0), len = tokens.GetLength(1);
        var windows = ContextNgramEmbedding.Windows;
        var ids = new long[windows.Length, rows, len];
        for (int w = 0; w < windows.Length; w++)
        for (int b = 0; b < rows; b++)
        for (int i = 0; i < len; i++)
        {
            long h = 0;
            foreach (int o in windows[w])
            {
                int j = i + o;
                long symbol = j < 0 || j >= len || (padding?[b, j] ?? false) ? vocab : tokens[b, j];
                h = (h * (vocab + 1) + symbol) % ContextNgramEmbedding.Modulus;
            }
            bool exact = Math.Pow(vocab + 1, windows[w].Length) <= buckets;
            ids[w, b, i] = exact ? h : (long)((System.Numerics.BigInteger)h * ContextNgramEmbedding.HashMultiplier % buckets);
        }
        return ids;
    }

    static long[,] Draw(int rows, int len, long vocab, int seed)
    {
        var rng = new Random(seed);
        var t = new long[rows, len];
        for (int b = 0; b < rows; b++) for (int i = 0; i < len; i++) t[b, i] = rng.NextInt64(vocab);
        return t;
    }

    [Theory]
    [InlineData(Vocab, 1000, false)]   // pairs exact, the four-token window hashed
    [InlineData(Vocab, 1000, true)]
    [InlineData(50_000L, 4096, false)] // every window hashed; ids beyond 2^31 folded
    [InlineData(Vocab, 1_000_000, false)] // every window exact
    public void IdsEqualTheLoopReference(long vocab, int buckets, bool padded)
    {
        using var scope = NewDisposeScope();
        var tokens = Draw(3, 17, vocab, 1);
        var padding = padded ? new bool[3, 17] : null;
        if (padding != null) for (int i = 11; i < 17; i++) padding[1, i] = true;
        var expected = BruteForceIds(tokens, padding, vocab, buckets);
        var ids = ContextNgramEmbedding.Ids(tensor(tokens), padding is null ? null : tensor(padding), vocab, buckets);
        Assert.Equal(new long[] { 4, 3, 17 }, ids.shape);
        var got = ids.data<long>().ToArray();
        int k = 0;
        foreach (long e in expected) Assert.Equal(e, got[k++]);
        for (int w = 0; w < 4; w++)
            Assert.True(got.Skip(w * 51).Take(51).All(id => id >= 0 && id < ContextNgramEmbedding.Rows(vocab, ContextNgramEmbedding.Windows[w].Length, buckets)));
    }

    [Fact]
    public void AnIdNeverReadsItsOwnPosition()
    {
        // Each token changed in turn: the ids at its own position stay, and those whose windows cover it change
        // (exact tables, so a changed window always gives a different row).
        using var scope = NewDisposeScope();
        var tokens = tensor(Draw(1, 12, Vocab, 2));
        var before = ContextNgramEmbedding.Ids(tokens, null, Vocab, 1 << 20);
        for (int i = 0; i < 12; i++)
        {
            var changed = tokens.clone();
            changed[0, i] = (tokens[0, i] + 1) % Vocab;
            var after = ContextNgramEmbedding.Ids(changed, null, Vocab, 1 << 20);
            for (int w = 0; w < 4; w++)
            for (int j = 0; j < 12; j++)
            {
                bool covers = ContextNgramEmbedding.Windows[w].Contains(i - j);
                bool differs = after[w, 0, j].item<long>() != before[w, 0, j].item<long>();
                Assert.True(covers == differs, $"token {i} changed, window {w} at {j}: covers {covers}, differs {differs}");
            }
        }
    }

    [Fact]
    public void PaddingDoesNotReachRealTokens()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var lm = new PerformerLM(Config());
        lm.to(ScalarType.Float64);
        lm.eval();
        var tokens = randint(1, Vocab, new long[] { 1, 20 }, generator: new Generator(4, CPU));
        var whole = lm.forward(tokens, null);
        // Padding with ordinary token ids: only the mask says they are padding.
        var padded = cat([tokens, full(new long[] { 1, 6 }, 7L)], 1);
        var mask = cat([zeros(1, 20, ScalarType.Bool), ones(1, 6, ScalarType.Bool)], 1);
        var logits = lm.forward(padded, mask).narrow(1, 0, 20);
        Assert.True(ReferenceAttention.MaxAbsDiff(logits, whole) < 1e-9, "padded and unpadded real-token logits differ");
        // And the context embedding is in use: without the mask, the last real positions read the 7s.
        Assert.True(ReferenceAttention.MaxAbsDiff(lm.forward(padded, null).narrow(1, 0, 20), whole) > 1e-6);
    }

    [Fact]
    public void TheOtherWeightsEqualThoseOfAModelWithout()
    {
        manual_seed(7);
        using var with = new PerformerLM(Config());
        manual_seed(7);
        using var without = new PerformerLM(Config(0));
        var mine = with.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, p) in without.named_parameters()) Assert.True(p.equal(mine[name]).all().item<bool>(), name);
        var extra = mine.Keys.Except(without.named_parameters().Select(p => p.name)).Order().ToArray();
        Assert.Equal(["ngram.tables.0.weight", "ngram.tables.1.weight", "ngram.tables.2.weight", "ngram.tables.3.weight"], extra);
        Assert.Equal(new long[] { 576, 16 }, mine["ngram.tables.0.weight"].shape);
        Assert.Equal(new long[] { 1000, 16 }, mine["ngram.tables.3.weight"].shape);
    }

    [Fact]
    public void BadBucketsCausalModelsAndSlicesAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerformerLM(Config(-1)));
        Assert.Throws<ArgumentException>(() => new PerformerLM(Config(64, 0) with { Causal = true }));
        using var lm = new PerformerLM(Config(64));
        using var tokens = zeros(1, 4, ScalarType.Int64);
        Assert.Throws<ArgumentOutOfRangeException>(() => lm.Embed(tokens, 3));
    }
}
