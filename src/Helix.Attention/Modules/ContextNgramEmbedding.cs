using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// N-Grammer-style context embedding (Roy et al. 2022, "N-Grammer: augmenting transformers with latent n-grams"),
/// bidirectional: for each position, the input tokens in a few windows around it (never the position's own token)
/// index learned tables, whose rows are summed. The windows are the left pair (i-2, i-1), the right pair (i+1, i+2),
/// the two direct neighbours (i-1, i+1) and all four (i-2, i-1, i+1, i+2). Positions outside the sequence and
/// padding read as one extra symbol (id = vocabulary size), so padding a row does not change its real positions'
/// windows. A window is indexed exactly when its (V+1)^n combinations fit in <c>buckets</c>, else hashed into
/// <c>buckets</c> rows. Mask tokens are ordinary ids here: the windows hold what the model sees.
/// </summary>
/// <remarks>
/// Why: a small model learns conjunctions of neighbouring residues slowly through attention, while a lookup table
/// of them (the context baseline) predicts masked residues well on redundant protein data; the tables give the model
/// such conjunctions as embeddings it can learn in minutes. The id arithmetic is mirrored exactly in
/// interop/python/helix_performer.py (ContextNgram).
/// </remarks>
internal sealed class ContextNgramEmbedding : nn.Module<Tensor, Tensor?, Tensor>
{
    /// <summary>Offsets of the windows, in table order.</summary>
    public static readonly int[][] Windows = [[-2, -1], [1, 2], [-1, 1], [-2, -1, 1, 2]];
    /// <summary>The widest offset of any window.</summary>
    public const int Reach = 2;
    /// <summary>Keeps the rolling window id below 2^31, so the hash product stays inside int64 for any vocabulary.</summary>
    public const long Modulus = 2147483647;
    /// <summary>Knuth's multiplicative hash constant (odd, about 2^32 / golden ratio).</summary>
    public const long HashMultiplier = 2654435761;

    readonly ModuleList<Embedding> tables;
    readonly long _vocab;
    readonly long _buckets;

    /// <summary>Tables of width <paramref name="dim"/> for a vocabulary of <paramref name="vocab"/> tokens, hashed windows into <paramref name="buckets"/> rows.</summary>
    public ContextNgramEmbedding(int vocab, int dim, int buckets, double std) : base(nameof(ContextNgramEmbedding))
    {
        _vocab = vocab;
        _buckets = buckets;
        tables = new ModuleList<Embedding>();
        foreach (var w in Windows) tables.Add(nn.Embedding(Rows(vocab, w.Length, buckets), dim));
        RegisterComponents();
        using (no_grad()) foreach (var t in tables) nn.init.normal_(t.weight!, 0, std);
    }

    /// <summary>Rows of a table for windows of <paramref name="n"/> tokens: (V+1)^n when that fits in <paramref name="buckets"/>, else buckets.</summary>
    public static long Rows(long vocab, int n, long buckets) => Exact(vocab, n, buckets) ? Combinations(vocab, n) : buckets;

    static bool Exact(long vocab, int n, long buckets) => Combinations(vocab, n) <= buckets;

    // (V+1)^n, saturating at long.MaxValue.
    static long Combinations(long vocab, int n)
    {
        long r = 1;
        for (int k = 0; k < n; k++) r = r > long.MaxValue / (vocab + 1) ? long.MaxValue : r * (vocab + 1);
        return r;
    }

    /// <summary>
    /// Table row of every window at every position: [windows, B, L] int64, from tokens [B, L] (padding where
    /// <paramref name="keyPaddingMask"/> is true reads as the outside symbol). Row (w, b, i) depends only on the
    /// tokens at i + Windows[w], never on token i.
    /// </summary>
    public static Tensor Ids(Tensor tokens, Tensor? keyPaddingMask, long vocab, long buckets)
    {
        using var scope = NewDisposeScope();
        long len = tokens.shape[1];
        var seen = keyPaddingMask is null ? tokens : tokens.masked_fill(keyPaddingMask, vocab);
        var padded = nn.functional.pad(seen, new long[] { Reach, Reach }, value: vocab);
        var ids = new List<Tensor>();
        foreach (var w in Windows)
        {
            var h = zeros_like(tokens);
            foreach (int o in w) h = (h * (vocab + 1) + padded.narrow(1, Reach + o, len)).remainder(Modulus);
            if (!Exact(vocab, w.Length, buckets)) h = (h * HashMultiplier).remainder(buckets);
            ids.Add(h);
        }
        return stack(ids).MoveToOuterDisposeScope();
    }

    /// <summary>Sum of the windows' embeddings [B, L, D] for tokens [B, L].</summary>
    public override Tensor forward(Tensor tokens, Tensor? keyPaddingMask)
    {
        using var scope = NewDisposeScope();
        var ids = Ids(tokens, keyPaddingMask, _vocab, _buckets);
        Tensor? sum = null;
        for (int w = 0; w < Windows.Length; w++)
        {
            var e = tables[w].call(ids[w]);
            sum = sum is null ? e : sum + e;
        }
        return sum!.MoveToOuterDisposeScope();
    }
}
