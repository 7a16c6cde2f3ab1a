#!/bin/sh
# run-peers.sh: our training speed next to PyTorch's, measured in the same run
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   run-peers.sh BENCH_TRAIN [EPOCHS]
#
# For each configuration of the issue (a: 784-128-10 ReLU SGD 0.1 batch 32,
# b: 784-256-128-10 ReLU Adam batch 128, c: 784-5-5-10 sigmoid SGD 0.01
# batch 32) runs our bench-train, then $PS_SHARED_DIR/peers/torch_mlp.py with
# PyTorch's default threads (--threads 0), and prints a side-by-side table:
# median seconds per epoch, samples/s, GFLOP/s, peak RSS, and the speed-up.
# The machines are shared and noisy: only ratios measured together hold.
# Exit 77 (skip) when Fashion-MNIST, torch or the peers scripts are missing.
set -u

bench=${1:?usage: run-peers.sh BENCH_TRAIN [EPOCHS]}
epochs=${2:-3}
shared=${PS_SHARED_DIR:-$(dirname "$0")/../../../shared}
torch_script=$shared/peers/torch_mlp.py
python=/usr/bin/python3

if [ ! -d /usr/share/datasets/fashion-mnist ]; then
  echo "# SKIP: Fashion-MNIST not found (apt-get install dataset-fashion-mnist)"
  exit 77
fi
if [ ! -f "$torch_script" ]; then
  echo "# SKIP: $torch_script not found (set PS_SHARED_DIR)"
  exit 77
fi
if ! "$python" -c 'import torch, numpy' 2>/dev/null; then
  echo "# SKIP: $python cannot import torch (apt-get install python3-torch)"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# torch_mlp.py wrapped so that its peak RSS is printed too.
cat > "$tmp/torch_rss.py" <<'PY'
import resource, runpy, sys
script = sys.argv[1]
sys.argv = sys.argv[1:]
try:
    runpy.run_path(script, run_name="__main__")
finally:
    print("PEAK_RSS_MB %.1f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0))
PY

echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
for c in a b c; do
  if ! "$bench" --config "$c" --epochs "$epochs" > "$tmp/ours-$c.txt"; then
    cat "$tmp/ours-$c.txt"
    echo "run-peers: bench-train --config $c failed" >&2
    status=1
    continue
  fi
  cat "$tmp/ours-$c.txt"
  torch_args=$(sed -n "s/^TORCH config=$c //p" "$tmp/ours-$c.txt")
  # shellcheck disable=SC2086
  if ! env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
       "$python" "$tmp/torch_rss.py" "$torch_script" $torch_args \
       --threads 0 --epochs "$epochs" > "$tmp/torch-$c.txt" 2>&1; then
    cat "$tmp/torch-$c.txt"
    echo "run-peers: torch_mlp.py failed for config $c" >&2
    status=1
    continue
  fi
  grep -v '^RESULT' "$tmp/torch-$c.txt"
done

echo
"$python" - "$tmp" <<'PY'
import json, re, sys, os
tmp = sys.argv[1]
names = {"a": "784-128-10 ReLU SGD 0.1 b32",
         "b": "784-256-128-10 ReLU Adam b128",
         "c": "784-5-5-10 sigmoid SGD 0.01 b32"}
goal = {"a": 4.0, "b": 2.0, "c": 10.0}
print("%-32s %-7s %9s %11s %8s %9s %7s" % ("config", "who", "s/epoch", "samples/s", "GFLOP/s", "peak RSS", "speedup"))
for c in "abc":
    ours = torch = None
    try:
        for line in open(os.path.join(tmp, "ours-%s.txt" % c)):
            if line.startswith("RESULT "):
                ours = dict(kv.split("=") for kv in line.split()[1:])
    except OSError:
        pass
    rss = None
    try:
        for line in open(os.path.join(tmp, "torch-%s.txt" % c)):
            if line.startswith("RESULT "):
                torch = json.loads(line[7:])
            elif line.startswith("PEAK_RSS_MB "):
                rss = float(line.split()[1])
    except OSError:
        pass
    if ours is None or torch is None:
        print("%-32s (missing result)" % names[c])
        continue
    s_ours = float(ours["s_per_epoch"]); s_torch = torch["median_s"]
    gf = float(ours["gflops"]) * s_ours  # GFLOP per epoch
    print("%-32s %-7s %9.3f %11.0f %8.1f %7.0fMB" % (names[c], "ours", s_ours, float(ours["samples_per_s"]),
          float(ours["gflops"]), float(ours["peak_rss_mb"])))
    print("%-32s %-7s %9.3f %11.0f %8.1f %7.0fMB %6.2fx (goal %gx%s)" % ("", "pytorch", s_torch,
          torch["samples_per_s"], gf / s_torch, rss or float("nan"), s_torch / s_ours, goal[c],
          "" if s_torch / s_ours >= goal[c] else ", NOT MET"))
PY
exit $status
