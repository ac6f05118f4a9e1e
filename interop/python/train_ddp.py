"""Continue training a Helix protein model with PyTorch DistributedDataParallel, then hand it back to Helix.

One machine, 4 processes:   torchrun --nproc_per_node 4 train_ddp.py --model export/ --data proteins.fasta --out trained/
Several machines:           torchrun --nnodes 8 --nproc_per_node 8 --rdzv_backend c10d --rdzv_endpoint HOST:29500 \
                                     train_ddp.py --model export/ --data proteins.fasta --out trained/
Single process (no torchrun) works too, which is how the tests run it.

The model comes from a Helix export folder (C#: PerformerExport.Export). Masking follows
Helix (15 % of residues; 80 % MASK, 10 % random residue, 10 % kept). Rank 0 writes the result with save_helix:
C# reads it back with PerformerExport.Import.
"""
import argparse
import gzip
import os
import random

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from helix_performer import load_helix, save_helix

PAD, MASK, BOS, EOS, UNK, FIRST = 0, 1, 2, 3, 4, 5
RESIDUES = "ACDEFGHIKLMNPQRSTVWY" + "BOUXZ"   # the same ids as Helix.Proteins.ProteinTokenizer
IGNORE = -100


def read_fasta(path):
    opener = gzip.open if path.endswith(".gz") else open
    seq, out = [], []
    with opener(path, "rt") as f:
        for line in f:
            line = line.strip()
            if line.startswith(">"):
                if seq:
                    out.append("".join(seq))
                seq = []
            elif line:
                seq.append(line)
    if seq:
        out.append("".join(seq))
    return out


def encode(seq):
    return [BOS] + [FIRST + RESIDUES.index(c) if c in RESIDUES else UNK for c in seq.upper()] + [EOS]


def batch(sequences, size, length, rng):
    rows = []
    for _ in range(size):
        t = encode(rng.choice(sequences))
        if len(t) > length:
            start = rng.randrange(len(t) - length + 1)
            t = t[start:start + length]
        rows.append(t + [PAD] * (length - len(t)))
    tokens = torch.tensor(rows)
    labels = torch.full_like(tokens, IGNORE)
    residue = tokens >= FIRST
    chosen = residue & (torch.rand(tokens.shape) < 0.15)
    labels[chosen] = tokens[chosen]
    u = torch.rand(tokens.shape)
    inputs = tokens.clone()
    inputs[chosen & (u < 0.8)] = MASK
    swap = chosen & (u >= 0.8) & (u < 0.9)
    inputs[swap] = torch.randint(FIRST, FIRST + 20, (int(swap.sum()),))
    return inputs, labels, tokens == PAD


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True, help="Helix export folder")
    p.add_argument("--data", required=True, help="FASTA (plain or .gz)")
    p.add_argument("--out", required=True)
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--batch-size", type=int, default=32, help="per process")
    p.add_argument("--length", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()

    distributed = "RANK" in os.environ
    if distributed:
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    rank = dist.get_rank() if distributed else 0
    device = torch.device(f"cuda:{int(os.environ.get('LOCAL_RANK', 0))}" if torch.cuda.is_available() else "cpu")

    torch.manual_seed(a.seed + rank)
    rng = random.Random(a.seed + rank)
    model = load_helix(a.model, dtype=torch.float32).to(device).train()
    ddp = DistributedDataParallel(model) if distributed else model
    opt = torch.optim.AdamW(ddp.parameters(), lr=a.lr, weight_decay=0.01)
    sequences = read_fasta(a.data)
    for step in range(1, a.steps + 1):
        inputs, labels, pad = (t.to(device) for t in batch(sequences, a.batch_size, a.length, rng))
        logits = ddp(inputs, pad)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=IGNORE)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(ddp.parameters(), 1.0)
        opt.step()
        if rank == 0 and (step % 50 == 0 or step == a.steps):
            print(f"step {step} loss {loss.item():.4f}", flush=True)
    if rank == 0:
        save_helix(model.cpu().eval(), a.out)
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
