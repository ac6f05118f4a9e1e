"""PyTorch reference of Helix's PerformerLM: loads a Helix export and gives the same logits.

A Helix export folder (``PerformerExport.Export`` in C#, ``helix ... --export``) holds ``config.json`` (the
architecture), ``model.safetensors`` and ``model.pt`` (the same state dict). The module names here equal Helix's
state-dict keys, so ``load_state_dict`` needs no renaming, and the random projections are buffers that travel with
the weights: FAVOR+ gives the same outputs on both sides.

    from helix_performer import load_helix, save_helix
    model = load_helix("export/")            # a torch.nn.Module, eval mode
    logits = model(tokens)                   # tokens [B, L] int64 -> [B, L, vocab]
    ... train it anywhere (DistributedDataParallel, more GPUs) ...
    save_helix(model, "export-trained/")     # Helix reads it back with PerformerExport.Import

Needs only PyTorch (tested with 1.13 and 2.x); safetensors files are read and written without the safetensors package.
"""
import json
import math
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIG_FILE = "config.json"
SAFETENSORS_FILE = "model.safetensors"
PYTORCH_FILE = "model.pt"

MAX_EXPONENT = 60.0


# ---------------------------------------------------------------- feature maps (Helix.Attention.FeatureMaps)

def _scaled_and_half_norm(x):
    scaled = x * x.shape[-1] ** -0.25
    return scaled, (scaled * scaled).sum(-1, keepdim=True) * 0.5


def _shift(exponent, stabilizer, keep, projection):
    with torch.no_grad():
        if stabilizer == "none":
            half = (projection * projection).sum(1).max().double().item() * 0.5
            return torch.full((1,), max(0.0, half - MAX_EXPONENT), dtype=exponent.dtype)
        if stabilizer == "per_row":
            return exponent.amax(-1, keepdim=True)
        e = exponent if keep is None else exponent.masked_fill(~keep.unsqueeze(-1), float("-inf"))
        return torch.nan_to_num(e.amax((-2, -1), keepdim=True), 0.0, 0.0, 0.0)


def softmax_positive(x, projection, stabilizer, keep=None, hyperbolic=False):
    """exp(w.x - |x|^2/2 - c)/sqrt(m): FAVOR+ positive features (2m hyperbolic ones when asked)."""
    scaled, half = _scaled_and_half_norm(x)
    u = scaled @ projection.t()
    copies = 1.0
    if hyperbolic:
        u = torch.cat([u, -u], -1)
        copies = 2.0
    exponent = u
    if keep is not None:
        exponent = exponent.masked_fill(~keep.unsqueeze(-1), float("-inf"))
    exponent = exponent - half
    shift = _shift(exponent, stabilizer, None, projection) + 0.5 * math.log(copies * projection.shape[0])
    return torch.exp(exponent - shift)


def trigonometric(x, projection, stabilizer, keep=None):
    scaled, half = _scaled_and_half_norm(x)
    u = scaled @ projection.t()
    shift = _shift(half, stabilizer, keep, projection) if stabilizer != "none" else 0.0
    scale = torch.exp((half - shift).clamp_max(MAX_EXPONENT)) / math.sqrt(projection.shape[0])
    phi = torch.cat([torch.sin(u) * scale, torch.cos(u) * scale], -1)
    return phi if keep is None else phi * keep.unsqueeze(-1).to(phi.dtype)


def generalized(x, projection, f, keep=None):
    scaled = x * x.shape[-1] ** -0.25
    u = scaled if projection is None else scaled @ projection.t()
    phi = f(u)
    return phi if keep is None else phi * keep.unsqueeze(-1).to(phi.dtype)


KERNELS = {
    "relu": lambda u: F.relu(u) + 1e-3,
    "elu_plus_one": lambda u: F.elu(u, 1.0) + 1.0,
}


def _safe_denominator(den):
    eps = 1e-30 if den.dtype == torch.float64 else 1e-12
    return den + torch.where(den >= 0, torch.full_like(den, eps), torch.full_like(den, -eps))


def linear_attention(qp, kp, v, causal):
    """sum_j (phi(q).phi(k_j)) v_j / sum_j phi(q).phi(k_j), over all keys or keys <= i."""
    if causal:
        # Prefix sums of phi(k) v^T: simple and exact (memory L*m*dh; Helix itself computes it by chunks).
        s = torch.cumsum(kp.unsqueeze(-1) * v.unsqueeze(-2), dim=2)      # [B, H, L, m, dh]
        z = torch.cumsum(kp, dim=2)                                        # [B, H, L, m]
        num = torch.einsum("bhlm,bhlmd->bhld", qp, s)
        den = (qp * z).sum(-1, keepdim=True)
    else:
        num = qp @ (kp.transpose(-1, -2) @ v)
        den = qp @ kp.sum(2, keepdim=True).transpose(-1, -2)
    return num / _safe_denominator(den)


def exact_attention(q, k, v, key_padding_mask, causal):
    logits = (q @ k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
    allowed = torch.ones(logits.shape[-2:], dtype=torch.bool)
    if causal:
        allowed = allowed.tril()
    allowed = allowed.expand(logits.shape)
    if key_padding_mask is not None:
        allowed = allowed & ~key_padding_mask[:, None, None, :]
    weights = torch.softmax(logits.masked_fill(~allowed, float("-inf")), -1)
    weights = torch.nan_to_num(weights, 0.0)  # rows with no allowed key are zero, as in Helix
    return weights @ v


def rotary(x, start):
    d, length, half = x.shape[-1], x.shape[-2], x.shape[-1] // 2
    inv = torch.exp(torch.arange(0, half, dtype=torch.float64) * (-2.0 * math.log(10000.0) / d))
    angles = torch.arange(start, start + length, dtype=torch.float64).unsqueeze(1) * inv.unsqueeze(0)
    cos, sin = angles.cos().to(x.dtype), angles.sin().to(x.dtype)
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], -1)


def sinusoidal(start, length, dim, dtype):
    pos = torch.arange(start, start + length, dtype=torch.float64).unsqueeze(1)
    inv = torch.exp(torch.arange(0, dim, 2, dtype=torch.float64) * (-math.log(10000.0) / dim))
    angles = pos * inv.unsqueeze(0)
    return torch.stack([angles.sin(), angles.cos()], -1).reshape(length, -1)[:, :dim].to(dtype)


# ---------------------------------------------------------------- modules (same names as Helix's state dict)

class MultiheadAttention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        a = cfg["attention"]
        self.dim, self.heads = cfg["dim"], cfg["heads"]
        self.head_dim = self.dim // self.heads
        self.causal, self.rotary = cfg["causal"], cfg["position"] == "rotary"
        self.mechanism, self.feature_map = a["mechanism"], a["feature_map"]
        self.use_projection = a.get("use_projection_for_generalized", True)
        self.q_proj = nn.Linear(self.dim, self.dim)
        self.k_proj = nn.Linear(self.dim, self.dim)
        self.v_proj = nn.Linear(self.dim, self.dim)
        self.out_proj = nn.Linear(self.dim, self.dim)
        self.register_buffer("projection", torch.zeros(a["num_features"], self.head_dim))

    def _split(self, x):
        b, l, _ = x.shape
        return x.view(b, l, self.heads, self.head_dim).transpose(1, 2)

    def _features(self, x, is_query, keep):
        stabilizer = "per_row" if is_query else ("none" if self.causal else "per_sequence")
        fm = self.feature_map
        if fm == "softmax_positive":
            return softmax_positive(x, self.projection, stabilizer, keep)
        if fm == "softmax_hyperbolic":
            return softmax_positive(x, self.projection, stabilizer, keep, hyperbolic=True)
        if fm == "trigonometric":
            return trigonometric(x, self.projection, stabilizer, keep)
        if fm in KERNELS:
            return generalized(x, self.projection if self.use_projection else None, KERNELS[fm], keep)
        raise NotImplementedError(f"feature map '{fm}' has no PyTorch reference yet")

    def forward(self, x, key_padding_mask=None):
        b, l, _ = x.shape
        q, k, v = self._split(self.q_proj(x)), self._split(self.k_proj(x)), self._split(self.v_proj(x))
        if self.rotary:
            q, k = rotary(q, 0), rotary(k, 0)
        if self.mechanism == "exact":
            o = exact_attention(q, k, v, key_padding_mask, self.causal)
        else:
            keep = None if key_padding_mask is None else (~key_padding_mask).unsqueeze(1)
            o = linear_attention(self._features(q, True, None), self._features(k, False, keep), v, self.causal)
        return self.out_proj(o.transpose(1, 2).reshape(b, l, self.dim))


class PerformerLayer(nn.Module):
    """Pre-LayerNorm block: x + attn(norm1(x)), then + ff(norm2(.)); dropout in training only.
    With local_mix_kernel > 0 a depthwise convolution comes first: x + conv(mixNorm(x)), padding zeroed."""

    def __init__(self, cfg):
        super().__init__()
        k = cfg.get("local_mix_kernel", 0)
        if k:
            self.mixNorm = nn.LayerNorm(cfg["dim"])
            self.mix = nn.Conv1d(cfg["dim"], cfg["dim"], k, padding=k // 2, groups=cfg["dim"])
        self.norm1 = nn.LayerNorm(cfg["dim"])
        self.attn = MultiheadAttention(cfg)
        self.dropout = nn.Dropout(cfg["dropout"])
        self.norm2 = nn.LayerNorm(cfg["dim"])
        hidden = cfg["dim"] * cfg["ff_mult"]
        self.ff = nn.Sequential(nn.Linear(cfg["dim"], hidden), nn.GELU(), nn.Linear(hidden, cfg["dim"]))

    def forward(self, x, key_padding_mask=None):
        if hasattr(self, "mix"):
            h = self.mixNorm(x)
            if key_padding_mask is not None:
                h = h.masked_fill(key_padding_mask.unsqueeze(-1), 0)
            x = x + self.dropout(self.mix(h.transpose(1, 2)).transpose(1, 2))
        x = x + self.dropout(self.attn(self.norm1(x), key_padding_mask))
        return x + self.dropout(self.ff(self.norm2(x)))


class PerformerEncoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.layers = nn.ModuleList([PerformerLayer(cfg) for _ in range(cfg["depth"])])
        self.norm = nn.LayerNorm(cfg["dim"])


class ContextNgram(nn.Module):
    """N-Grammer-style context embedding (Helix.Attention.ContextNgramEmbedding): the input tokens in four windows
    around each position, never its own, index learned tables whose rows are summed. Outside the sequence and
    padding read as the symbol vocab_size; a window of n tokens is indexed exactly when (V+1)^n <= buckets, else
    hashed: (id * 2654435761) mod buckets, with the id kept below 2^31 - 1."""

    WINDOWS = ((-2, -1), (1, 2), (-1, 1), (-2, -1, 1, 2))
    REACH = 2
    MODULUS = 2147483647
    HASH_MULTIPLIER = 2654435761

    def __init__(self, vocab, dim, buckets):
        super().__init__()
        self.vocab, self.buckets = vocab, buckets
        self.tables = nn.ModuleList([nn.Embedding(self.rows(len(w)), dim) for w in self.WINDOWS])

    def exact(self, n):
        return (self.vocab + 1) ** n <= self.buckets

    def rows(self, n):
        return (self.vocab + 1) ** n if self.exact(n) else self.buckets

    def ids(self, tokens, key_padding_mask=None):
        """[windows, B, L] int64 table rows; row (w, b, i) reads tokens i + WINDOWS[w] only."""
        seen = tokens if key_padding_mask is None else tokens.masked_fill(key_padding_mask, self.vocab)
        padded = F.pad(seen, (self.REACH, self.REACH), value=self.vocab)
        length = tokens.shape[1]
        out = []
        for w in self.WINDOWS:
            h = torch.zeros_like(tokens)
            for o in w:
                h = torch.remainder(h * (self.vocab + 1) + padded[:, self.REACH + o:self.REACH + o + length], self.MODULUS)
            if not self.exact(len(w)):
                h = torch.remainder(h * self.HASH_MULTIPLIER, self.buckets)
            out.append(h)
        return torch.stack(out)

    def forward(self, tokens, key_padding_mask=None):
        ids = self.ids(tokens, key_padding_mask)
        return sum(table(ids[k]) for k, table in enumerate(self.tables))


class PerformerLM(nn.Module):
    """Token (+ position) embedding (+ the context n-gram embedding when configured), the layers, a final
    LayerNorm and a head tied to the token embedding."""

    def __init__(self, cfg):
        super().__init__()
        if cfg.get("format") != "helix-performer-lm/1":
            raise ValueError(f"not a Helix PerformerLM config (format {cfg.get('format')!r})")
        self.cfg = cfg
        self.token_emb = nn.Embedding(cfg["vocab_size"], cfg["dim"])
        if cfg["position"] == "learned":
            self.pos_emb = nn.Embedding(cfg["max_length"], cfg["dim"])
        self.dropout = nn.Dropout(cfg["dropout"])
        self.encoder = PerformerEncoder(cfg)
        if not cfg["tie_embeddings"]:
            self.to_logits = nn.Linear(cfg["dim"], cfg["vocab_size"])
        if cfg.get("context_ngram_buckets", 0):
            self.ngram = ContextNgram(cfg["vocab_size"], cfg["dim"], cfg["context_ngram_buckets"])

    def hidden(self, tokens, key_padding_mask=None):
        x = self.token_emb(tokens)
        if hasattr(self, "ngram"):
            x = x + self.ngram(tokens, key_padding_mask)
        length = tokens.shape[1]
        if self.cfg["position"] == "learned":
            x = x + self.pos_emb(torch.arange(length)).unsqueeze(0)
        elif self.cfg["position"] == "sinusoidal":
            x = x + sinusoidal(0, length, self.cfg["dim"], x.dtype).unsqueeze(0)
        x = self.dropout(x)
        for layer in self.encoder.layers:
            x = layer(x, key_padding_mask)
        return self.encoder.norm(x)

    def forward(self, tokens, key_padding_mask=None):
        h = self.hidden(tokens, key_padding_mask)
        return F.linear(h, self.token_emb.weight) if self.cfg["tie_embeddings"] else self.to_logits(h)


# ---------------------------------------------------------------- files

_DTYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
           "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8,
           "BOOL": torch.bool}


def read_safetensors(path):
    """A dict of tensors from a .safetensors file (header length, JSON header, raw little-endian data)."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = _DTYPES[info["dtype"]]
        flat = torch.frombuffer(bytearray(body[start:end]), dtype=dtype) if end > start else torch.empty(0, dtype=dtype)
        out[name] = flat.reshape(info["shape"]).clone()
    return out


def write_safetensors(tensors, path):
    names = {v: k for k, v in _DTYPES.items()}
    header, chunks, offset = {}, [], 0
    for name, t in tensors.items():
        raw = t.detach().contiguous().cpu().numpy().tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for c in chunks:
            f.write(c)
    os.replace(tmp, path)


def load_helix(directory, dtype=None, weights=None):
    """The PerformerLM of a Helix export folder, with its weights, in eval mode.

    dtype: None keeps the saved precision. weights: "safetensors" or "pytorch" (None: safetensors when present)."""
    with open(os.path.join(directory, CONFIG_FILE), encoding="utf-8") as f:
        cfg = json.load(f)
    st = os.path.join(directory, SAFETENSORS_FILE)
    use_st = weights == "safetensors" or (weights is None and os.path.exists(st))
    state = read_safetensors(st) if use_st else torch.load(os.path.join(directory, PYTORCH_FILE))
    if dtype is None:
        dtype = next((v.dtype for v in state.values() if v.is_floating_point()), torch.float32)
    model = PerformerLM(cfg).to(dtype)
    model.load_state_dict({k: v.to(dtype) if v.is_floating_point() else v for k, v in state.items()}, strict=True)
    return model.eval()


def save_helix(model, directory):
    """Writes config.json, model.safetensors and model.pt, which Helix's PerformerExport.Import reads."""
    if isinstance(model, torch.nn.parallel.DistributedDataParallel):
        model = model.module
    os.makedirs(directory, exist_ok=True)
    tmp = os.path.join(directory, CONFIG_FILE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(model.cfg, f, indent=2)
    os.replace(tmp, os.path.join(directory, CONFIG_FILE))
    state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    write_safetensors(state, os.path.join(directory, SAFETENSORS_FILE))
    tmp = os.path.join(directory, PYTORCH_FILE + ".tmp")
    torch.save(state, tmp)
    os.replace(tmp, os.path.join(directory, PYTORCH_FILE))
