using Helix.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Attention;

/// <summary>
/// A Performer language model: token embedding <c>token_emb</c>, positions (learned <c>pos_emb</c>, sinusoidal or
/// rotary), with <see cref="PerformerConfig.ContextNgramBuckets"/> &gt; 0 an N-Grammer-style context embedding
/// <c>ngram</c> of the neighbouring tokens, a <see cref="PerformerEncoder"/> and an output head tied to <c>token_emb</c> (or <c>to_logits</c>).
/// Causal models also run slice by slice: <see cref="Embed"/>, each layer's <see cref="PerformerLayer.ForwardSlice"/>,
/// then <see cref="Head"/>, which gives the same logits as <see cref="forward"/> for any slicing.
/// </summary>
public sealed class PerformerLM : nn.Module<Tensor, Tensor?, Tensor>
{
    readonly Embedding token_emb;
    readonly Embedding? pos_emb;
    readonly Dropout dropout;
    readonly PerformerEncoder encoder;
    readonly Linear? to_logits;
    readonly ContextNgramEmbedding? ngram;

    readonly PerformerConfig _config;

    /// <summary>
    /// Standard deviation of the token and learned position embeddings. PyTorch's N(0, 1) embedding init, with the
    /// head tied to the token embedding, gives start logits of standard deviation √D (a start loss far above
    /// ln V); N(0, 0.02²) (GPT-2/BERT) starts near ln V.
    /// </summary>
    public const double EmbeddingStd = 0.02;

    /// <summary>Builds the model from <paramref name="config"/>; weights are drawn from libtorch's generator, so seed it first.</summary>
    public PerformerLM(PerformerConfig config) : base(nameof(PerformerLM))
    {
        ArgumentNullException.ThrowIfNull(config);
        TensorGuard.Positive(config.VocabSize, "config.VocabSize");
        TensorGuard.Positive(config.MaxLength, "config.MaxLength");
        if (config.ContextNgramBuckets != 0)
        {
            if (config.ContextNgramBuckets < 0)
                throw new ArgumentOutOfRangeException(nameof(config), config.ContextNgramBuckets, "ContextNgramBuckets must be 0 (none) or positive");
            if (config.Causal)
                throw new ArgumentException("ContextNgramBuckets is for bidirectional models: its windows read the following tokens", nameof(config));
        }
        _config = config;
        token_emb = nn.Embedding(config.VocabSize, config.Dim);
        if (config.Position == PositionKind.Learned) pos_emb = nn.Embedding(config.MaxLength, config.Dim);
        dropout = nn.Dropout(config.Dropout);
        encoder = new PerformerEncoder(config);
        if (!config.TieEmbeddings) to_logits = nn.Linear(config.Dim, config.VocabSize);
        // Redrawn last, after every default draw, so the weights equal those of a model built with PyTorch's defaults
        // and then re-initialized (what Helix.Proteins did before this was the default).
        using (no_grad())
        {
            nn.init.normal_(token_emb.weight!, 0, EmbeddingStd);
            if (pos_emb is not null) nn.init.normal_(pos_emb.weight!, 0, EmbeddingStd);
        }
        // Drawn after everything else, so a model with the context embedding has the same other weights as one without.
        if (config.ContextNgramBuckets > 0) ngram = new ContextNgramEmbedding(config.VocabSize, config.Dim, config.ContextNgramBuckets, EmbeddingStd);
        RegisterComponents();
    }

    /// <summary>The configuration.</summary>
    public PerformerConfig Config => _config;
    /// <summary>The encoder (layers and final norm).</summary>
    public PerformerEncoder Encoder => encoder;
    /// <summary>The layers in order.</summary>
    public IReadOnlyList<PerformerLayer> Layers => encoder.Layers;

    /// <summary>Logits [B, L, V] for tokens [B, L] (int64); keyPaddingMask [B, L], true = padding.</summary>
    public override Tensor forward(Tensor tokens, Tensor? keyPaddingMask)
    {
        using var scope = NewDisposeScope();
        var x = EmbedMasked(tokens, 0, keyPaddingMask);
        foreach (var layer in encoder.Layers) x = layer.call(x, keyPaddingMask);
        return Head(x).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Logits [B, V] of one position per batch row, <paramref name="positions"/>[r] (int64 [B]) of tokens [B, L]: the
    /// rows <see cref="forward"/> gives there. The last layer runs its queries, feed-forward and the head at those
    /// positions only (where it can give the same rows; otherwise the full pass is gathered), which is what scoring one
    /// masked position per copy needs.
    /// </summary>
    public Tensor LogitsAt(Tensor tokens, Tensor? keyPaddingMask, Tensor positions)
    {
        TensorGuard.Rank(tokens, 2, nameof(tokens), "[B, L]");
        TensorGuard.Indices(positions, tokens.shape[0], tokens.shape[1], nameof(positions));
        using var scope = NewDisposeScope();
        var layers = encoder.Layers;
        var last = layers[^1];
        if (!last.CanForwardAt)
        {
            var all = forward(tokens, keyPaddingMask);
            return all.gather(1, positions.view(-1, 1, 1).expand(-1, 1, all.shape[2])).squeeze(1).MoveToOuterDisposeScope();
        }
        var x = EmbedMasked(tokens, 0, keyPaddingMask);
        for (int i = 0; i < layers.Count - 1; i++) x = layers[i].call(x, keyPaddingMask);
        return Head(last.ForwardAt(x, keyPaddingMask, positions)).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>Final-norm hidden states [B, L, D]: the model's embeddings of the tokens.</summary>
    public Tensor Hidden(Tensor tokens, Tensor? keyPaddingMask)
    {
        using var scope = NewDisposeScope();
        return encoder.call(EmbedMasked(tokens, 0, keyPaddingMask), keyPaddingMask).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Token plus position embedding (then dropout) for tokens [B, l] whose first token is at absolute position
    /// <paramref name="start"/>; with the context embedding, the whole unpadded sequence (start 0) only.
    /// </summary>
    public Tensor Embed(Tensor tokens, long start) => EmbedMasked(tokens, start, null);

    Tensor EmbedMasked(Tensor tokens, long start, Tensor? keyPaddingMask)
    {
        CheckTokens(tokens, start);
        if (ngram is not null && start != 0)
            throw new ArgumentOutOfRangeException(nameof(start), start, "a model with the context embedding embeds whole sequences (start 0): its windows read both neighbours");
        using var scope = NewDisposeScope();
        long len = tokens.shape[1];
        var x = token_emb.call(tokens);
        if (ngram is not null) x = x + ngram.call(tokens, keyPaddingMask);
        if (pos_emb is not null) x = x + pos_emb.call(arange(start, start + len, dtype: ScalarType.Int64, device: tokens.device)).unsqueeze(0);
        else if (_config.Position == PositionKind.Sinusoidal) x = x + SinusoidalPositions.Table(start, len, _config.Dim, x.dtype).to(x.device).unsqueeze(0);
        return dropout.call(x).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The context embedding alone [B, L, D] (the sum of the window embeddings, which never read position i's own
    /// token), or null when the model has none. Through <see cref="Head"/> it predicts every token from its
    /// neighbours only, which trains the tables at every position, not only at the masked ones.
    /// </summary>
    public Tensor? ContextEmbedding(Tensor tokens, Tensor? keyPaddingMask)
    {
        if (ngram is null) return null;
        CheckTokens(tokens, 0);
        return ngram.call(tokens, keyPaddingMask);
    }

    /// <summary>Final norm and output projection of the last layer's output [B, l, D] → logits [B, l, V].</summary>
    public Tensor Head(Tensor xLast)
    {
        using var scope = NewDisposeScope();
        var h = encoder.FinalNorm(xLast);
        var logits = to_logits is null ? nn.functional.linear(h, token_emb.weight!) : to_logits.call(h);
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Applies the redraw policy; call once per optimizer step (steps counted from 1).</summary>
    public void OnTrainingStep(long step) => encoder.OnTrainingStep(step);

    void CheckTokens(Tensor tokens, long start)
    {
        TensorGuard.Rank(tokens, 2, nameof(tokens), "[B, L]");
        if (tokens.dtype != ScalarType.Int64) throw new ArgumentException($"tokens must be int64, got {tokens.dtype}", nameof(tokens));
        if (tokens.shape[1] == 0) throw new ArgumentException("tokens must hold at least one position", nameof(tokens));
        if (start < 0) throw new ArgumentOutOfRangeException(nameof(start), start, "start must be ≥ 0");
        if (_config.Position != PositionKind.Rotary && start + tokens.shape[1] > _config.MaxLength)
            throw new ArgumentException($"positions {start}..{start + tokens.shape[1] - 1} exceed MaxLength {_config.MaxLength}; raise PerformerConfig.MaxLength", nameof(tokens));
        using var scope = NewDisposeScope();
        long min = tokens.min().item<long>(), max = tokens.max().item<long>();
        if (min < 0 || max >= _config.VocabSize)
            throw new ArgumentException($"token ids must be in [0, {_config.VocabSize}), found {(min < 0 ? min : max)}", nameof(tokens));
    }
}
