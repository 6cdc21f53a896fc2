"""Time whole processes for benches/process.sh (Linux): wall time (monotonic clock), CPU time
(user + system, from wait4, in microseconds) and peak RSS (ru_maxrss, KB).

  timed.py RUNS CLEAN -- CMD...            median wall s, median CPU s, largest RSS KB of RUNS runs
  timed.py --pairs RUNS CLEAN -- A... -- B...
                                           RUNS pairs (A then B); prints the median of the
                                           per-pair ratios A/B, wall and CPU

CLEAN is a directory removed before each run of the first command ("" for none). Output of the
commands is discarded; a command that fails stops the script with its status.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time


def run(cmd, clean):
    if clean:
        shutil.rmtree(clean, ignore_errors=True)
    t = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"timed.py: {' '.join(cmd)} exited with {code}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def main(args):
    pairs = args[0] == "--pairs"
    if pairs:
        args = args[1:]
    runs, clean, rest = int(args[0]), args[1], args[2:]
    if not rest or rest[0] != "--":
        sys.exit(__doc__)
    rest = rest[1:]
    if not pairs:
        results = [run(rest, clean) for _ in range(runs)]
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        print(f"{wall:.3f} {cpu:.3f} {max(r[2] for r in results)}")
        return
    split = rest.index("--")
    a, b = rest[:split], rest[split + 1 :]
    wall, cpu = [], []
    for _ in range(runs):
        ra, rb = run(a, clean), run(b, "")
        wall.append(ra[0] / rb[0])
        cpu.append(ra[1] / rb[1])
    q = lambda v: statistics.quantiles(v, n=4) if len(v) > 1 else [v[0]] * 3
    print(
        f"sample ×100, {runs} pairs: default convert / minimal pass, median (quartiles) ="
        f" {statistics.median(wall):.2f}× ({q(wall)[0]:.2f}–{q(wall)[2]:.2f}) wall,"
        f" {statistics.median(cpu):.2f}× ({q(cpu)[0]:.2f}–{q(cpu)[2]:.2f}) CPU"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
