"""Scores every dump of tests/corpus/extract-*.zh.txt against its derived gold with `crdoc eval`,
writes each baseline with tests/gold/tools/make_baseline.py, and prints the summary table of
tests/extractors/README.md.

    python3 tests/extractors/tools/score.py CRDOC_BINARY [--no-baselines]
"""

import json
import math
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
COLS = ["authors", "headings", "toc", "tables", "table_cells", "figures", "recommendations.text",
        "chronology.categories", "entries", "entries.title", "entries.description", "page_breaks"]


def f1(s):
    p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
    r = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def main():
    crdoc = sys.argv[1]
    write = "--no-baselines" not in sys.argv
    rows = []
    for dump in sorted((ROOT / "tests/corpus").glob("extract-*.zh.txt")):
        stem = dump.name[: -len(".txt")]
        gold = ROOT / f"tests/gold/{stem}.gold.json"
        r = subprocess.run([crdoc, "eval", "--gold", str(gold), "--json", str(dump)],
                           capture_output=True, text=True, cwd=ROOT)
        if not r.stdout.strip():
            sys.exit(f"{stem}: eval printed nothing: {r.stderr[-2000:]}")
        rep = json.loads(r.stdout)
        out = Path(f"/tmp/{stem}.eval.json")
        out.write_text(r.stdout, encoding="utf-8")
        if write:
            subprocess.run([sys.executable, "tests/gold/tools/make_baseline.py", stem, str(out)], cwd=ROOT, check=True,
                           stdout=sys.stderr)
        fields = {f["field"]: f1(f["strict"]) for f in rep["fields"]}
        eng, tool = re.match(r"extract-([a-z]+)-(.+)\.zh", stem).groups()
        rows.append((tool, eng, fields))
    order = ["pdftotext", "pdftotext-layout", "pdftotext-raw", "pdfplumber", "pymupdf", "pypdfium2", "markitdown"]
    rows.sort(key=lambda x: (order.index(x[0]) if x[0] in order else 99, x[1]))
    print("| tool | engine | " + " | ".join(COLS) + " |")
    print("|---|---|" + "---|" * len(COLS))
    for tool, eng, fields in rows:
        cells = [("%.3f" % (math.floor(fields[c] * 1000) / 1000)) if c in fields else "–" for c in COLS]
        print(f"| {tool} | {eng} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
