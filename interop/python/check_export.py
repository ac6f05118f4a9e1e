"""Checks a Helix export against PyTorch: same logits, then a round trip back to Helix.

usage: python3 check_export.py EXPORT_DIR [--tolerance 1e-5]

EXPORT_DIR holds a Helix export plus what the C# side computed: tokens.safetensors ("tokens", int64 [B, L]) and
expected.safetensors ("logits" [B, L, V]). Prints one JSON line {"max_abs_diff": ..., "ok": ...}; exit 0 when the
logits agree within the tolerance. Then it changes every weight (+0.01 * sin(index)), saves the model with
save_helix into EXPORT_DIR/back and writes back/expected.safetensors with PyTorch's logits for Helix to check.
"""
import argparse
import json
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from helix_performer import load_helix, read_safetensors, save_helix, write_safetensors  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("export_dir")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    parser.add_argument("--weights", choices=["safetensors", "pytorch"], default="safetensors")
    args = parser.parse_args()

    torch.manual_seed(0)
    model = load_helix(args.export_dir, weights=args.weights)
    tokens = read_safetensors(os.path.join(args.export_dir, "tokens.safetensors"))["tokens"]
    expected = read_safetensors(os.path.join(args.export_dir, "expected.safetensors"))["logits"]
    with torch.no_grad():
        logits = model(tokens)
    diff = (logits - expected).abs().max().item()
    scale = expected.abs().max().item()
    ok = diff <= args.tolerance * max(1.0, scale)

    # The way back: weights changed in PyTorch (as training elsewhere would) must give Helix PyTorch's logits.
    with torch.no_grad():
        for i, (name, p) in enumerate(sorted(model.named_parameters())):
            p.add_(0.01 * math.sin(i + 1))
        back_logits = model(tokens)
    back = os.path.join(args.export_dir, "back")
    save_helix(model, back)
    write_safetensors({"logits": back_logits}, os.path.join(back, "expected.safetensors"))

    print(json.dumps({"max_abs_diff": diff, "max_abs_logit": scale, "ok": ok, "torch": torch.__version__}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
