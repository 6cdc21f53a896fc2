"""Typesets a sample report twice and records where everything landed.

    /work/venv-extract/bin/python tests/extractors/tools/build_pdfs.py [--doc STEM] [weasyprint|xelatex|chromium|typst ...]

STEM is gen_report.py's (default the 2020 sample, china-russia-dialogue-2020.zh). Writes
tests/extractors/pdf/<base>.pdf, <base>.pages.json and the input (<base>.html / <base>.tex), where
<base> is `<engine>` for the 2020 sample and `<doc>-<engine>` otherwise (heldout-2022-weasyprint):
  {"engine", "pages": [{"index": 1-based physical page, "label": printed number or null,
                        "header": running header text or null}],
   "anchors": {anchor id: physical page}}
Anchor ids are those of gen_report.py (`h<line>` heading, `t<line>` table, `f<line>` figure,
`g<line>` recommendation group, `r<line>` recommendation, `c<line>` chronology category,
`e<line>` chronology entry, `p<line>` paragraph where the gold has them; <line> is the source line
of the element in the hand gold).

weasyprint: the WeasyPrint Python API (two passes: the first finds each anchor's page, the second
prints those numbers in the TOC; the script checks that the pages did not move).
xelatex: three xelatex runs (\\pageref settles); anchors read from the .aux \\newlabel lines.
chromium: `chromium --headless --print-to-pdf` (not in the default list, so the existing PDFs
are rebuilt as before); anchors read from the destinations of invisible links (see chromium()).
typst: the typst PyPI package (typst==0.15.2, not in the default list either); one compilation,
anchors queried from the `<anchorpage>` metadata gen_report.to_typst writes (see typst_engine()).
The printed number and running header of every page are read back with `pdftotext -f N -l N`
(the first and last non-blank lines of each page) and cross-checked with the anchors.
Needs: poppler-utils, fonts-noto-cjk, texlive-xetex texlive-lang-chinese texlive-latex-extra,
and weasyprint in the venv.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TOOLS = ROOT / "tests/extractors/tools"
OUT = ROOT / "tests/extractors/pdf"
sys.path.insert(0, str(TOOLS))
import gen_report  # noqa: E402

ROMAN = re.compile(r"^[ivxlc]+$")


def page_texts(pdf):
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
    out = []
    for i in range(1, n + 1):
        t = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", pdf, "-"],
                           capture_output=True, text=True, check=True).stdout
        out.append([l.strip() for l in t.split("\n") if l.strip()])
    return out


def furniture(pdf):
    """[{index, label, header}] read back from the PDF."""
    pages = []
    for i, lines in enumerate(page_texts(pdf), 1):
        label = lines[-1] if lines and (lines[-1].isdigit() or ROMAN.match(lines[-1])) else None
        header = None
        if label and label.isdigit() and len(lines) > 1:
            header = lines[0]
        pages.append({"index": i, "label": label, "header": header})
    return pages


def labels_to_index(pages):
    return {p["label"]: p["index"] for p in pages if p["label"]}


def base(engine):
    return gen_report.names(gen_report.STEM)[0].format(engine=engine)


def doc_args():
    return [] if gen_report.STEM == gen_report.DEFAULT_STEM else ["--doc", gen_report.STEM]


def weasyprint():
    from weasyprint import HTML
    tmp = Path(tempfile.mkdtemp())
    html = tmp / "weasyprint.html"

    def render(pages_json):
        args = doc_args() + ["html", str(html)] + ([str(pages_json)] if pages_json else [])
        sys.argv = ["gen_report.py"] + args
        gen_report.PAGES.clear()
        gen_report.main()
        doc = HTML(str(html)).render()
        anchors = {}
        for i, p in enumerate(doc.pages, 1):
            for a in p.anchors:
                anchors.setdefault(a, i)
        return doc, anchors

    doc, anchors = render(None)
    first_body = anchors[gen_report.first_body_id(gen_report.blocks()[1])]
    printed = {a: str(i - first_body + 1) for a, i in anchors.items() if i >= first_body}
    pj = tmp / "pages.json"
    pj.write_text(json.dumps(printed), encoding="utf-8")
    doc2, anchors2 = render(pj)
    assert anchors2 == anchors, "the TOC numbers moved the pages"
    pdf = OUT / f"{base('weasyprint')}.pdf"
    doc2.write_pdf(str(pdf))
    shutil.copy(html, OUT / f"{base('weasyprint')}.html")
    return pdf, anchors2


def xelatex():
    tmp = Path(tempfile.mkdtemp())
    tex = tmp / "xelatex.tex"
    sys.argv = ["gen_report.py"] + doc_args() + ["tex", str(tex)]
    gen_report.main()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1593561600", FORCE_SOURCE_DATE="1")
    for _ in range(3):
        r = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "xelatex.tex"],
                           cwd=tmp, env=env, capture_output=True, text=True)
        if r.returncode:
            sys.exit(r.stdout[-3000:])
    log = (tmp / "xelatex.log").read_text(encoding="utf-8", errors="replace")
    assert "LaTeX Warning: Reference" not in log, "undefined references"
    labels = {}
    for m in re.finditer(r"\\newlabel\{([a-z]\d+)\}\{\{[^}]*\}\{([^}]*)\}", (tmp / "xelatex.aux").read_text(encoding="utf-8")):
        labels[m.group(1)] = m.group(2)
    pdf = OUT / f"{base('xelatex')}.pdf"
    shutil.copy(tmp / "xelatex.pdf", pdf)
    shutil.copy(tex, OUT / f"{base('xelatex')}.tex")
    pages = furniture(str(pdf))
    idx = labels_to_index(pages)
    return pdf, {a: idx[l] for a, l in labels.items()}


def chromium():
    """Chromium print to PDF, three renderings of gen_report.to_chromium_html: the first (invisible
    links to every anchor) finds each anchor's physical page from the link destinations and whether
    body page 1 falls on an even page (then an unnumbered blank page goes before it); the second
    prints the TOC numbers and must leave the printed pages unchanged; the last drops the links
    and must print the same text."""
    import pymupdf
    tmp = Path(tempfile.mkdtemp())
    html, pdf = tmp / "chromium.html", tmp / "chromium.pdf"

    def render(pages, blank, links):
        gen_report.PAGES.clear()
        gen_report.PAGES.update(pages)
        _, bls = gen_report.blocks()
        html.write_text(gen_report.to_chromium_html(bls, blank=blank, links=links), encoding="utf-8")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", html.as_uri()], check=True, capture_output=True)
        doc = pymupdf.open(str(pdf))
        anchors = {}
        for link in doc[0].get_links() if links else []:
            if link.get("nameddest") and link.get("page", -1) >= 0:
                anchors[link["nameddest"]] = link["page"] + 1
        doc.close()
        return anchors, bls

    anchors, bls = render({}, False, True)
    ids = [b["id"] for b in bls if "id" in b]
    assert set(ids) <= set(anchors), sorted(set(ids) - set(anchors))[:5]
    first = gen_report.first_body_id(bls)
    blank = anchors[first] % 2 == 0
    if blank:
        anchors, _ = render({}, True, True)
    printed = {a: str(i - anchors[first] + 1) for a, i in anchors.items() if i >= anchors[first]}
    anchors2, _ = render(printed, blank, True)
    assert anchors2 == anchors, "the TOC numbers moved the pages"
    with_links = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    render(printed, blank, False)
    final = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    if final != with_links:
        import difflib
        sys.exit("the anchor links moved the text:\n" + "".join(list(difflib.unified_diff(
            with_links.splitlines(True), final.splitlines(True)))[:40]))
    out = OUT / f"{base('chromium')}.pdf"
    shutil.copy(pdf, out)
    shutil.copy(html, OUT / f"{base('chromium')}.html")
    return out, anchors2


TYPST_FONTS = ["/usr/share/fonts/opentype/noto"]


def typst_engine():
    """Typst (the `typst` PyPI package, which bundles the compiler): one compilation (Typst lays
    out until its introspection settles, so the TOC's `counter(page).at(label)` numbers are the
    final ones); each anchor's physical page is queried from its `<anchorpage>` metadata. Fonts:
    Noto CJK from /usr/share/fonts only (system fonts ignored, so the build does not depend on
    what else is installed); a fixed timestamp keeps the PDF reproducible."""
    import typst
    tmp = Path(tempfile.mkdtemp())
    src = tmp / "typst.typ"
    sys.argv = ["gen_report.py"] + doc_args() + ["typst", str(src)]
    gen_report.PAGES.clear()
    gen_report.main()
    pdf = OUT / f"{base('typst')}.pdf"
    opts = dict(font_paths=TYPST_FONTS, ignore_system_fonts=True)
    typst.compile(str(src), output=str(pdf), timestamp=1593561600, **opts)
    found = json.loads(typst.query(str(src), "<anchorpage>", field="value", **opts))
    anchors = {}
    for a in found:
        anchors.setdefault(a["id"], a["page"])
    shutil.copy(src, OUT / f"{base('typst')}.typ")
    return pdf, anchors


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    args = sys.argv[1:]
    if args[:1] == ["--doc"]:
        gen_report.set_doc(args[1])
        args = args[2:]
    engines = args or ["weasyprint", "xelatex"]
    for eng in engines:
        pdf, anchors = {"weasyprint": weasyprint, "xelatex": xelatex, "chromium": chromium,
                       "typst": typst_engine}[eng]()
        pages = furniture(str(pdf))
        # cross-check: the printed number of the page holding each body heading
        lab = {p["index"]: p["label"] for p in pages}
        for a, i in anchors.items():
            if a.startswith("h"):
                assert lab[i] and lab[i].isdigit(), (eng, a, i, lab[i])
        (OUT / f"{base(eng)}.pages.json").write_text(
            json.dumps({"engine": eng, "pages": pages, "anchors": dict(sorted(anchors.items(), key=lambda x: (x[0][0], int(x[0][1:]))))},
                       ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(eng, pdf, len(pages), "pages", len(anchors), "anchors")


if __name__ == "__main__":
    main()
