"""Scores every dump of tests/corpus/extract-*.zh.txt (the 2020 sample) and
tests/corpus/extract<year>-*.zh.txt (another document, e.g. extract2022-*: heldout-2022) against its
derived gold with `crdoc eval`, writes each baseline with tests/gold/tools/make_baseline.py, and
prints one summary table per document (the 2020 one is the table of tests/extractors/README.md;
the others add the paragraphs and footnotes columns).

    python3 tests/extractors/tools/score.py CRDOC_BINARY [--no-baselines] [--doc STEM]

--doc STEM (china-russia-dialogue-2020.zh, heldout-2022.zh, heldout-2018.zh, heldout-2024.zh, heldout-2023.zh) scores
only that document's dumps.
"""

import json
import math
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests/extractors/tools"))
import gen_report  # noqa: E402

DOCS = [gen_report.DEFAULT_STEM, "heldout-2022.zh", "heldout-2018.zh", "heldout-2024.zh", "heldout-2023.zh"]
COLS = ["authors", "headings", "toc", "tables", "table_cells", "figures", "recommendations.text",
        "chronology.categories", "entries", "entries.title", "entries.description", "page_breaks"]


def f1(s):
    p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
    r = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def main():
    crdoc = sys.argv[1]
    write = "--no-baselines" not in sys.argv
    docs = [sys.argv[sys.argv.index("--doc") + 1]] if "--doc" in sys.argv else DOCS
    for n, stem in enumerate(docs):
        if n:
            print()
        table(crdoc, write, stem)


def table(crdoc, write, doc):
    prefix = gen_report.names(doc)[1]
    cols = COLS if doc == gen_report.DEFAULT_STEM else COLS[:-1] + ["paragraphs", "footnotes", "page_breaks"]
    rows = []
    for dump in sorted((ROOT / "tests/corpus").glob(f"{prefix}*.zh.txt")):
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
        eng, tool = re.match(re.escape(prefix) + r"([a-z]+)-(.+)\.zh", stem).groups()
        rows.append((tool, eng, fields))
    order = ["pdftotext", "pdftotext-layout", "pdftotext-raw", "pdfminer", "pdfplumber", "pypdf", "pymupdf", "pypdfium2", "markitdown"]
    rows.sort(key=lambda x: (order.index(x[0]) if x[0] in order else 99, x[1]))
    print("| tool | engine | " + " | ".join(cols) + " |")
    print("|---|---|" + "---|" * len(cols))
    for tool, eng, fields in rows:
        cells = [("%.3f" % (math.floor(fields[c] * 1000) / 1000)) if c in fields else "–" for c in cols]
        print(f"| {tool} | {eng} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
