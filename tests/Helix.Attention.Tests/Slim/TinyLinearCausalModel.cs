using Helix.Attention.Slim;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Helix.Attention.Tests.Slim;

/// <summary>
/// A small causal linear-attention stack (elu+1 features, residual tanh MLP), written independently of PerformerLM, so
/// SLiM's algorithm is tested against a model whose every line is visible here. Its whole-sequence pass is the slice
/// pass on one slice with an empty state.
/// </summary>
internal sealed class TinyLinearCausalModel : nn.Module, ISliceableCausalModel
{
    readonly Parameter token_emb, pos_emb, head;
    readonly ParameterList wq, wk, wv, wo, w1, w2;
    readonly int _heads;
    readonly double _dropout;

    public TinyLinearCausalModel(int vocab, int dim, int depth, int heads, int maxLength, long seed, double dropout = 0)
        : base(nameof(TinyLinearCausalModel))
    {
        var g = new Generator((ulong)seed);
        Parameter P(params long[] shape) => new(torch.randn(shape, dtype: ScalarType.Float64, generator: g) * 0.4);
        token_emb = P(vocab, dim);
        pos_emb = P(maxLength, dim);
        head = P(dim, vocab);
        wq = new ParameterList(); wk = new ParameterList(); wv = new ParameterList();
        wo = new ParameterList(); w1 = new ParameterList(); w2 = new ParameterList();
        for (int l = 0; l < depth; l++)
        {
            wq.Add(P(dim, dim)); wk.Add(P(dim, dim)); wv.Add(P(dim, dim));
            wo.Add(P(dim, dim)); w1.Add(P(dim, 2 * dim)); w2.Add(P(2 * dim, dim));
        }
        _heads = heads;
        _dropout = dropout;
        Depth = depth;
        RegisterComponents();
    }

    public int Depth { get; }

    public bool IsStochastic => training && _dropout > 0;

    public Tensor Forward(Tensor tokens, Tensor? keyPaddingMask)
    {
        var x = Embed(tokens, 0);
        for (int l = 0; l < Depth; l++) x = ForwardSlice(l, x, 0, null, keyPaddingMask).Output;
        return Head(x);
    }

    public Tensor Embed(Tensor tokens, long start)
    {
        var x = token_emb[tokens] + pos_emb.narrow(0, start, tokens.shape[1]);
        return IsStochastic ? nn.functional.dropout(x, _dropout, training: true) : x;
    }

    public (Tensor Output, Tensor[] State) ForwardSlice(int layer, Tensor x, long start, Tensor[]? stateIn, Tensor? keyPaddingMask)
    {
        var q = Features(x.matmul(wq[layer]));
        var (k, v) = KeysValues(layer, x, keyPaddingMask);
        var kv = k.unsqueeze(-1) * v.unsqueeze(-2);                       // [B,H,C,dh,dh]
        var s = kv.cumsum(2);
        var z = k.cumsum(2);
        if (stateIn is not null) { s = s + stateIn[0].unsqueeze(2); z = z + stateIn[1].unsqueeze(2); }
        var num = (q.unsqueeze(-1) * s).sum(-2);                            // [B,H,C,dh]
        var den = (q * z).sum(-1, keepdim: true) + 1e-6;
        var att = Merge(num / den).matmul(wo[layer]);
        var y = x + att;
        y = y + torch.tanh(y.matmul(w1[layer])).matmul(w2[layer]);
        long c = x.shape[1];
        return (y, new[] { s.select(2, c - 1), z.select(2, c - 1) });
    }

    public Tensor[] SliceContribution(int layer, Tensor x, long start, Tensor? keyPaddingMask)
    {
        var (k, v) = KeysValues(layer, x, keyPaddingMask);
        return new[] { (k.unsqueeze(-1) * v.unsqueeze(-2)).sum(2), k.sum(2) };
    }

    public Tensor Head(Tensor x) => x.matmul(head);

    (Tensor K, Tensor V) KeysValues(int layer, Tensor x, Tensor? keyPaddingMask)
    {
        var k = Features(x.matmul(wk[layer]));
        if (keyPaddingMask is not null) k = k * keyPaddingMask.logical_not().to(k.dtype).unsqueeze(1).unsqueeze(-1);
        return (k, Split(x.matmul(wv[layer])));
    }

    Tensor Features(Tensor t) => nn.functional.elu(Split(t), 1.0) + 1;

    Tensor Split(Tensor t) => t.reshape(t.shape[0], t.shape[1], _heads, -1).transpose(1, 2);

    static Tensor Merge(Tensor t) => t.transpose(1, 2).flatten(2);
}
