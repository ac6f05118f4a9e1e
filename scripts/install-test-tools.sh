#!/usr/bin/env bash
# Installs the reference tools the tests use as oracles (Debian packages), when missing.
set -euo pipefail
need=()
command -v berkeley-abc >/dev/null 2>&1 || need+=(berkeley-abc)
command -v cadical >/dev/null 2>&1 || need+=(cadical)
command -v minisat >/dev/null 2>&1 || need+=(minisat)
# PyTorch interop tests: Debian's python3-torch (for /usr/bin/python3).
/usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || need+=(python3-torch)
[ -x /usr/bin/chromium ] || need+=(chromium)   # Helix.XDoc browser tests (Playwright drives Debian's Chromium)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
if command -v apt-get >/dev/null 2>&1; then
  echo "installing test oracles: ${need[*]}" >&2
  $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || echo "warning: could not install ${need[*]}; tests that need them will skip" >&2
else
  echo "warning: apt-get not found; install ${need[*]} by hand or tests that need them will skip" >&2
fi
