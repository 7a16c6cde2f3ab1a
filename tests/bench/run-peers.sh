#!/bin/sh
# run-peers.sh: our training speed next to PyTorch's, measured in the same run
#
# Copyright 2026 The Perceptron Studio authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   run-peers.sh BENCH_TRAIN [EPOCHS] [ROUNDS]
#
# For each configuration of the issue (a: 784-128-10 ReLU SGD 0.1 batch 32,
# b: 784-256-128-10 ReLU Adam batch 128, c: 784-5-5-10 sigmoid SGD 0.01
# batch 32) runs our bench-train, then $PS_SHARED_DIR/peers/torch_mlp.py with
# PyTorch's default threads (--threads 0), ROUNDS times, and prints a
# side-by-side table: median seconds per epoch, samples/s, GFLOP/s, peak RSS,
# and the speed-up: the median of the rounds' speed-ups, each round's listed.
# The machines are shared and noisy (the same binary runs 2x slower from one
# minute to the next): only ratios measured together hold.
# Exit 77 (skip) when Fashion-MNIST, torch or the peers scripts are missing.
set -u

bench=${1:?usage: run-peers.sh BENCH_TRAIN [EPOCHS] [ROUNDS]}
epochs=${2:-3}
rounds=${3:-3}
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

echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $rounds rounds"
status=0
for r in $(seq "$rounds"); do
  for c in a b c; do
    echo "# round $r, config $c"
    if ! "$bench" --config "$c" --epochs "$epochs" > "$tmp/ours-$c-$r.txt"; then
      cat "$tmp/ours-$c-$r.txt"
      echo "run-peers: bench-train --config $c failed" >&2
      status=1
      continue
    fi
    cat "$tmp/ours-$c-$r.txt"
    torch_args=$(sed -n "s/^TORCH config=$c //p" "$tmp/ours-$c-$r.txt")
    # shellcheck disable=SC2086
    if ! env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
         "$python" "$tmp/torch_rss.py" "$torch_script" $torch_args \
         --threads 0 --epochs "$epochs" > "$tmp/torch-$c-$r.txt" 2>&1; then
      cat "$tmp/torch-$c-$r.txt"
      echo "run-peers: torch_mlp.py failed for config $c" >&2
      status=1
      continue
    fi
    grep -v '^RESULT' "$tmp/torch-$c-$r.txt"
  done
done

echo
"$python" - "$tmp" "$rounds" <<'PY'
import json, os, statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
names = {"a": "784-128-10 ReLU SGD 0.1 b32",
         "b": "784-256-128-10 ReLU Adam b128",
         "c": "784-5-5-10 sigmoid SGD 0.01 b32"}
goal = {"a": 4.0, "b": 2.0, "c": 10.0}

def ours_result(c, r):
    try:
        for line in open(os.path.join(tmp, "ours-%s-%d.txt" % (c, r))):
            if line.startswith("RESULT "):
                return dict(kv.split("=") for kv in line.split()[1:])
    except OSError:
        pass
    return None

def torch_result(c, r):
    res = rss = None
    try:
        for line in open(os.path.join(tmp, "torch-%s-%d.txt" % (c, r))):
            if line.startswith("RESULT "):
                res = json.loads(line[7:])
            elif line.startswith("PEAK_RSS_MB "):
                rss = float(line.split()[1])
    except OSError:
        pass
    return res, rss

# Each round runs ours, then PyTorch, back to back: the machine's state
# (other tenants, where the hypervisor put our vCPUs) changes from minute to
# minute, so the speed-up is taken per round, and its median reported.
print("%-32s %-7s %9s %11s %8s %9s %8s  %s" % ("config", "who", "s/epoch", "samples/s", "GFLOP/s",
      "peak RSS", "speedup", "per round"))
for c in "abc":
    pairs = []
    for r in range(1, rounds + 1):
        ours = ours_result(c, r)
        torch, rss = torch_result(c, r)
        if ours is not None and torch is not None:
            pairs.append((ours, torch, rss))
    if not pairs:
        print("%-32s (missing result)" % names[c])
        continue
    s_ours = statistics.median(float(o["s_per_epoch"]) for o, t, _ in pairs)
    s_torch = statistics.median(t["median_s"] for o, t, _ in pairs)
    gf = statistics.median(float(o["gflops"]) * float(o["s_per_epoch"]) for o, t, _ in pairs)
    ratios = [t["median_s"] / float(o["s_per_epoch"]) for o, t, _ in pairs]
    speedup = statistics.median(ratios)
    rss_ours = max(float(o["peak_rss_mb"]) for o, t, _ in pairs)
    rss_torch = max((x for _, _, x in pairs if x is not None), default=float("nan"))
    print("%-32s %-7s %9.3f %11.0f %8.1f %7.0fMB" % (names[c], "ours", s_ours, 60000 / s_ours,
          gf / s_ours, rss_ours))
    print("%-32s %-7s %9.3f %11.0f %8.1f %7.0fMB %7.2fx  %s (goal %gx%s)" % ("", "pytorch", s_torch,
          60000 / s_torch, gf / s_torch, rss_torch, speedup,
          " ".join("%.2f" % x for x in ratios), goal[c],
          "" if speedup >= goal[c] else ", NOT MET"))
PY
exit $status
