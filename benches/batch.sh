#!/usr/bin/env bash
# A large batch of small dumps (issue 22): `crdoc convert` over N files (default 10,000) of a few
# KiB each, first run and re-run (every output up to date, skipped), with wall time, CPU time and
# peak RSS of each process (benches/support/timed.py). Not part of `cargo test`.
#
# The small dumps are the sample's title page, TOC and first chapter (its first 120 lines), each
# made distinct by a line with its number, spread over 100 folders.
#
# Usage: benches/batch.sh [N]   (from the package root; CRDOC=path/to/crdoc skips the build)
set -euo pipefail
n=${1:-10000}
crdoc=${CRDOC:-}
if [ -z "$crdoc" ]; then
  cargo build --release --quiet --bin crdoc
  crdoc=${CARGO_TARGET_DIR:-$PWD/target}/release/crdoc
fi
timed="python3 $PWD/benches/support/timed.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp/in" "$n" input/china-russia-dialogue-2020.zh.txt <<'PY'
import os, sys
root, n, sample = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], encoding='utf-8').read()
head = ''.join(sample.splitlines(keepends=True)[:120])
for i in range(n):
    d = os.path.join(root, f'{i % 100:02d}')
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f'r{i:05d}.txt'), 'w', encoding='utf-8') as f:
        f.write(head + f'\n第{i}号\n')
PY
echo "$n small dumps, $(du -sh "$tmp/in" | cut -f1)"
# Each line: median wall s, median CPU s, largest RSS KB of 3 runs.
echo "first run (output removed before each):"
$timed 3 "$tmp/out" -- "$crdoc" -q convert "$tmp/in" -o "$tmp/out"
echo "re-run (every output up to date, skipped):"
$timed 3 "" -- "$crdoc" -q convert "$tmp/in" -o "$tmp/out"
echo "re-run with --force:"
$timed 3 "" -- "$crdoc" -q convert "$tmp/in" -o "$tmp/out" --force
