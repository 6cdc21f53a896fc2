"""Measure the Python path: convert every *.txt under DIR with the crdoc package, in threads.

    python examples/python/throughput.py DIR [--threads N] [--records]

Prints MB/s of input and seconds per MB. `--records` times `crdoc.all_records` (every flat record
kind, as the Spark job calls it) instead of `crdoc.convert` (the document as a dict).
"""

import argparse
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import crdoc


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", type=Path)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--records", action="store_true")
    args = parser.parse_args()
    files = sorted(p for p in args.dir.rglob("*") if p.suffix.lower() == ".txt")
    size = sum(p.stat().st_size for p in files)
    work = crdoc.all_records if args.records else crdoc.convert
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        done = sum(1 for _ in pool.map(work, files))
    seconds = time.perf_counter() - start
    mb = size / 1e6
    what = "all_records" if args.records else "convert"
    print(f"{what}, {args.threads} thread(s): {done} files, {mb:.1f} MB in {seconds:.2f} s: "
          f"{mb / seconds:.1f} MB/s, {seconds / mb * 1000:.1f} ms/MB")


if __name__ == "__main__":
    main()
