#!/usr/bin/env bash
# Whole-process benchmark of `crdoc convert` (issue 12): wall time, CPU time and peak RSS of the
# default path (validation on) next to the minimal line-to-JSON pass (examples/minimal_pass.rs),
# on the sample ×100 and the dense inputs, and a batch of 200 copies of the sample at 1 and 2
# threads.
#
# Each process is timed by `benches/support/timed.py` (wait4: CPU = user + system in µs, peak
# RSS; wall from a monotonic clock). Times are medians of RUNS runs; RSS is the largest. The
# sample ×100 comparison runs the two programs alternately, one pair after the other, and gives
# the median of the per-pair ratios: on a machine whose cores other processes share, the load
# changes from one second to the next, and a pair sees about the same load.
#
# Usage: benches/process.sh [RUNS]   (from the package root; default 5 runs)
set -euo pipefail
runs=${1:-5}
cargo build --release --quiet --bin crdoc --example minimal_pass
crdoc=$PWD/target/release/crdoc
minimal=$PWD/target/release/examples/minimal_pass
timed="python3 $PWD/benches/support/timed.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sample=input/china-russia-dialogue-2020.zh.txt
python3 - "$tmp" "$sample" <<'PY'
import sys
tmp, sample = sys.argv[1], open(sys.argv[2], 'rb').read()
open(f'{tmp}/sample-x100.txt', 'wb').write((sample + b'\n') * 100)
open(f'{tmp}/dates.txt', 'wb').write(('附录\n\n2019 第二季度至 2020 年第一季度大事记\n\n政治对话\n\n' + ''.join(f'2019年{i%12+1}月{i%28+1}日\n' for i in range(200000))).encode())
open(f'{tmp}/chapters.txt', 'wb').write(''.join(f'第{i%999+1}章 标题{i}\n' for i in range(100000)).encode())
open(f'{tmp}/bullets.txt', 'wb').write(''.join(f'- 第{i}项{"内容"*(i%7)}\n' for i in range(100000)).encode())
import os
os.makedirs(f'{tmp}/batch', exist_ok=True)
for k in range(200):
    open(f'{tmp}/batch/{k:04}.txt', 'wb').write(sample)
PY

printf '%-34s %9s %9s %9s %12s %12s\n' input "wall s" "cpu s" "RSS MB" "bound MB" "output MB"
row() { # name input bound-kind
  local name=$1 in=$2 kind=$3 w c m size out bound
  read -r w c m < <($timed "$runs" "$tmp/out" -- "$crdoc" convert "$in" -o "$tmp/out" -j 1)
  "$crdoc" convert "$in" -o "$tmp/out" -j 1 2>/dev/null
  size=$(stat -c %s "$in"); out=$(stat -c %s "$tmp/out/$(basename "${in%.txt}").json")
  if [ "$kind" = sample ]; then bound=$((4 * size + 30000000)); else bound=$((6 * size + 3 * out + 64000000)); fi
  printf '%-34s %9.3f %9.3f %9.1f %12.1f %12.1f\n' "$name" "$w" "$c" "$(echo "$m" | awk '{print $1*1024/1e6}')" \
    "$(echo $bound | awk '{print $1/1e6}')" "$(echo $out | awk '{print $1/1e6}')"
}
row "convert sample ×100 (43 MB)" "$tmp/sample-x100.txt" sample
row "convert 200,000 date lines" "$tmp/dates.txt" dense
row "convert 100,000 chapter headings" "$tmp/chapters.txt" dense
row "convert 100,000 bullets" "$tmp/bullets.txt" dense
read -r mw mc mm < <($timed "$runs" "" -- "$minimal" "$tmp/sample-x100.txt" "$tmp/lines.jsonl")
printf '%-34s %9.3f %9.3f %9.1f\n' "minimal pass sample ×100" "$mw" "$mc" "$(echo "$mm" | awk '{print $1*1024/1e6}')"
$timed --pairs "$runs" "$tmp/out" -- "$crdoc" convert "$tmp/sample-x100.txt" -o "$tmp/out" -j 1 \
  -- "$minimal" "$tmp/sample-x100.txt" "$tmp/lines.jsonl"
read -r b1 _ _ < <($timed "$runs" "$tmp/out" -- "$crdoc" convert "$tmp/batch" -o "$tmp/out" -j 1)
read -r b2 _ _ < <($timed "$runs" "$tmp/out" -- "$crdoc" convert "$tmp/batch" -o "$tmp/out" -j 2)
echo "batch of 200 copies, median of $runs: 1 thread ${b1} s, 2 threads ${b2} s, speed-up $(echo "$b1 $b2" | awk '{printf "%.2f", $1/$2}')×"
