"""Builds the typesetting input of a sample report from its hand gold and its source text.

    python3 tests/extractors/tools/gen_report.py [--doc STEM] html OUT.html [PAGES.json]
    python3 tests/extractors/tools/gen_report.py [--doc STEM] tex  OUT.tex  [PAGES.json]
    python3 tests/extractors/tools/gen_report.py [--doc STEM] chromium OUT.html [PAGES.json]

STEM names the hand gold tests/gold/STEM.gold.json (default china-russia-dialogue-2020.zh, the
2020 sample); the source text is the gold's `source` and the running title its metadata title.
A gold that annotates `paragraphs` (the held-out editions, e.g. heldout-2022.zh) is typeset from
the gold alone (blocks_from_gold): its source is itself a page-broken text dump.

The structure (headings, tables, figures, recommendation groups, chronology categories and
entries) comes from tests/gold/china-russia-dialogue-2020.zh.gold.json; paragraphs and the front
matter come from the source lines of input/china-russia-dialogue-2020.zh.txt. Every gold element
gets an anchor id (`h<line>`, `t<line>`, `f<line>`, `r<line>`, `c<line>`, `e<line>`, keyed by its
source line) so the engine can report the page it starts on. Deterministic: no dates, no
randomness, same output for the same inputs.

The optional PAGES.json ({anchor: printed page}, written by build_pdfs.py from a first WeasyPrint
pass) gives the HTML TOC its page numbers (`leader(".") attr(data-page)`: WeasyPrint 70 drops some
`target-counter()` numbers after a leader). The TeX TOC uses \\pageref (two xelatex runs).
"""

import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_STEM = "china-russia-dialogue-2020.zh"
STEM = DEFAULT_STEM
GOLD = ROOT / "tests/gold/china-russia-dialogue-2020.zh.gold.json"
SRC = ROOT / "input/china-russia-dialogue-2020.zh.txt"
REPORT_TITLE = "中俄对话：2020模式"


def set_doc(stem):
    """Points the generator at the hand gold tests/gold/<stem>.gold.json, its source and title."""
    global STEM, GOLD, SRC, REPORT_TITLE
    STEM = stem
    GOLD = ROOT / f"tests/gold/{stem}.gold.json"
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    SRC = ROOT / gold["source"]
    REPORT_TITLE = gold["metadata"]["title"]


def names(stem):
    """(PDF base name, dump name prefix) of a document: the 2020 sample keeps its historical
    names (pdf/<engine>.pdf, extract-<engine>-<tool>); another document heldout-2022.zh gets
    pdf/heldout-2022-<engine>.pdf and extract2022-<engine>-<tool>."""
    if stem == DEFAULT_STEM:
        return "{engine}", "extract-"
    short = stem[:-3] if stem.endswith(".zh") else stem
    year = re.search(r"\d{4}", short).group(0)
    return short + "-{engine}", f"extract{year}-"


def first_body_id(bls):
    """The anchor of the first body heading (body page 1, a right-hand page)."""
    return next(b["id"] for b in bls if b["kind"] in ("part", "chapter"))

SENT_END = "。，；！？）)”」：:"


def load():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    lines = SRC.read_text(encoding="utf-8").split("\n")
    return gold, lines


def squash(s):
    """Text with every space and markdown emphasis removed (for locating source notes)."""
    return re.sub(r"[\s*\u3000]", "", s)


def note_span(lines, start, note):
    """(first, last) source lines (1-based) of the source note that begins after `start`."""
    target = squash(note)

    def bare(l):
        return squash(l).replace("(信息来源)", "").replace("（信息来源）", "")

    for i in range(start, min(start + 40, len(lines) + 1)):
        t = bare(lines[i - 1])
        if len(t) >= 6 and target.startswith(t[:20]):
            acc, j = "", i
            while j <= len(lines):
                acc += bare(lines[j - 1])
                if len(acc) >= len(target):
                    return i, j
                j += 1
                while j <= len(lines) and not lines[j - 1].strip():
                    j += 1
    raise SystemExit(f"source note after line {start} not found")


def blocks():
    """The document as a list of blocks (dicts with a `kind`), in reading order."""
    gold, lines = load()
    if "paragraphs" in gold:
        return blocks_from_gold(gold, lines)
    heads = {h["line"]: h for h in gold["headings"]}
    tables = {t["line"]: t for t in gold["tables"]}
    figures = {f["line"]: f for f in gold["figures"]}
    recs = {r["line"]: r for r in gold["recommendations"]}
    groups = {r["group"] for r in gold["recommendations"]}
    chron = gold["chronology"]
    first_head = min(heads)
    toc_lines = {t["line"] for t in gold["toc"]}
    toc_first = min(toc_lines) - 2  # the `目 录` line
    appendix = max(h["line"] for h in gold["headings"] if h["kind"] == "part")
    out = []

    # ---- cover page: title, institutions, date
    cover = [l.strip() for l in lines[: toc_first - 1] if l.strip()]
    out.append({"kind": "cover_title", "text": cover[0]})
    i = 1
    while not re.match(r"^\d{4}年\d+月$", cover[i]):
        out.append({"kind": "cover_line", "text": cover[i]})
        i += 1
    out.append({"kind": "cover_date", "text": cover[i]})
    out.append({"kind": "front_start"})
    for l in cover[i + 1:]:
        if l == "作者简介":
            out.append({"kind": "front_head", "text": l})
        elif l.endswith("：") or re.match(r"^(俄译中翻译|校对)：", l):
            out.append({"kind": "front_label", "text": l})
        else:
            out.append({"kind": "front_p", "text": l})
    # ---- TOC
    out.append({"kind": "toc_head", "text": lines[toc_first - 1].strip()})
    for t in gold["toc"]:
        text = (t["label"] + " " + t["title"]) if t["label"] else t["title"]
        # the TOC entry points at the body heading it names
        out.append({"kind": "toc", "text": text, "level": t["level"], "target": None, "src": t["line"]})
    # match TOC entries to headings in order
    hs = sorted(gold["headings"], key=lambda h: h["line"])
    for b, h in zip([b for b in out if b["kind"] == "toc"], hs):
        b["target"] = f"h{h['line']}"

    # ---- body
    n = first_head
    pending = None  # paragraph cut by a page break of the source
    while n <= appendix - 1:
        raw = lines[n - 1]
        s = raw.strip()
        if not s:
            n += 1
            continue
        if n in heads:
            h = heads[n]
            kind = h["kind"]
            text = s
            if kind == "chapter":
                text = re.sub(r"\s+(?=[\u4e00-\u9fff])", "", s, count=0) if False else s
                text = h["label"] + " " + h["title"].replace(" ", "") if h["label"] else s
            out.append({"kind": "part" if kind == "part" else kind, "text": text,
                        "run": (h["label"] + " " + h["title"].replace(" ", "")) if h["label"] else h["title"],
                        "id": f"h{n}"})
            n += 1
            continue
        if n in tables:
            t = tables[n]
            a, b = note_span(lines, n + 1, t["source_note"]) if t["source_note"] else (n, n)
            out.append({"kind": "table", "caption": s, "columns": t["columns"],
                        "rows": [[c["text"] for c in r] for r in t["rows"]],
                        "note": t["source_note"], "id": f"t{n}"})
            n = b + 1
            continue
        if n in figures:
            f = figures[n]
            a, b = note_span(lines, n + 1, f["source_note"]) if f["source_note"] else (n, n)
            out.append({"kind": "figure", "caption": s, "note": f["source_note"], "id": f"f{n}"})
            n = b + 1
            continue
        if s in groups and n > min(recs) - 5:
            out.append({"kind": "group", "text": s, "id": f"g{n}"})
            n += 1
            continue
        if n in recs:
            out.append({"kind": "rec", "text": s, "id": f"r{n}"})
            n += 1
            continue
        if s.startswith("- "):
            out.append({"kind": "bullet", "text": s[2:].strip()})
            n += 1
            continue
        if len(s) <= 30 and not re.search(r"[。，；！？）)]$", s):
            out.append({"kind": "subhead", "text": s})
            n += 1
            continue
        # a paragraph the source cut at one of its page breaks: join it with the next line
        text = s
        while len(text) > 40 and text[-1] not in SENT_END and not text.endswith("下"):
            m = n + 1
            while m < appendix and not lines[m - 1].strip():
                m += 1
            nxt = lines[m - 1].strip()
            if m in heads or m in tables or m in figures or m in recs or nxt.startswith("- ") or m >= appendix:
                break
            text += nxt
            n = m
        out.append({"kind": "p", "text": text})
        n += 1

    # ---- appendix: the chronology, from the gold
    h = heads[appendix]
    out.append({"kind": "part", "text": lines[appendix - 1].strip(),
                "run": "附录：" + chron["title"], "id": f"h{appendix}"})
    chron_blocks(chron, out)
    return gold, out


def chron_blocks(chron, out):
    """The chronology's title, categories and entries (from the gold) appended to `out`."""
    out.append({"kind": "chron_title", "text": chron["title"]})
    cats = {c["line"]: c for c in chron["categories"]}
    entries = sorted(chron["entries"], key=lambda e: e["line"])
    marks = sorted([(c["line"], "c", c) for c in chron["categories"]] + [(e["line"], "e", e) for e in entries],
                   key=lambda x: x[0])
    for line, k, x in marks:
        if k == "c":
            out.append({"kind": "category", "text": x["name"], "id": f"c{line}"})
            continue
        desc = []
        for part in x["description"].split("\n") if x["description"] else []:
            if desc and desc[-1] and desc[-1][-1] not in SENT_END:
                desc[-1] += part
            else:
                desc.append(part)
        out.append({"kind": "entry", "date": x["date"]["text"] if x["date"] else None, "title": x["title"],
                    "desc": desc, "items": [(it["number"], it["text"]) for it in x["items"]], "id": f"e{line}"})


DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d+\s*月$")
PAGE_NO = re.compile(r"^(?:-\s*)?(?:\d{1,3}|[ivxlc]{1,6})(?:\s*-)?$")
AUTHOR_START = re.compile(r"^(?:[^\s，。、]{1,4}·[^\s，。、]{2,8}(?:（[^）]{1,6}）)?|[^\s，。、]{2,4}（[^）]{1,6}）)，")


def blocks_from_gold(gold, lines):
    """The blocks of a document whose gold annotates paragraphs (and footnotes): its source is a
    page-broken text dump, so the body is the gold's own elements in line order (headings,
    paragraphs with their footnotes, tables, figures, recommendation groups and items), plus the
    source's `- ` bullet paragraphs (the summary) that lie between them. Front matter: the cover
    from the metadata and the source's date line, then the source's paragraphs up to `目录`
    (wrapped lines joined). Anchor ids as in blocks(), `p<line>` for paragraphs."""
    md = gold["metadata"]
    chron = gold["chronology"]
    heads = sorted(gold["headings"], key=lambda h: h["line"])
    # the last heading is the chronology's part (附录); a report without a chronology (2024) has none
    appendix = heads[-1]["line"] if chron else len(lines) + 1
    toc_first = min(t["line"] for t in gold["toc"])
    toc_head = max(i for i in range(1, toc_first) if squash(lines[i - 1]) == "目录")
    out = [{"kind": "cover_title", "text": md["title"]}]
    for inst in md["institutions"]:
        out.append({"kind": "cover_line", "text": inst})
    date_line = next(i for i in range(1, toc_head) if DATE_LINE.match(lines[i - 1].strip()))
    out.append({"kind": "cover_date", "text": lines[date_line - 1].strip()})
    out.append({"kind": "front_start"})
    para = []
    for i in range(date_line + 1, toc_head + 1):
        l = lines[i - 1].strip()
        if PAGE_NO.match(l):  # the source's own page number (heldout-2018: `i`, `ii`)
            continue
        if l and i < toc_head:
            # a new paragraph when the previous line is not a wrapped one, or when this line
            # opens an author entry (`安·别列津（负责人），…`, heldout-2018)
            if para and (len(para[-1]) < 35 or AUTHOR_START.match(l)):
                out.append({"kind": "front_p", "text": "".join(para)})
                para = []
            para.append(l)
            continue
        if para:
            text = "".join(para)
            out.append({"kind": "front_head" if squash(text) == "作者简介" else "front_p", "text": text})
            para = []
    out.append({"kind": "toc_head", "text": lines[toc_head - 1].strip()})
    for t, h in zip(gold["toc"], heads):
        text = (t["label"] + " " + t["title"]) if t["label"] else t["title"]
        out.append({"kind": "toc", "text": text, "level": t["level"], "target": f"h{h['line']}", "src": t["line"]})

    notes = {}  # paragraph line -> [(number, text)]
    plines = sorted(p["line"] for p in gold["paragraphs"])
    for f in gold.get("footnotes") or []:
        if f["marker_line"] is not None:
            notes.setdefault(max(l for l in plines if l <= f["marker_line"]), []).append((f["number"], f["text"]))
    els = [(h["line"], "h", h) for h in heads if h["line"] < appendix]
    els += [(p["line"], "p", p) for p in gold["paragraphs"]]
    els += [(t["line"], "t", t) for t in gold["tables"]] + [(f["line"], "f", f) for f in gold["figures"]]
    els += [(r["line"], "r", r) for r in gold["recommendations"]]
    els.sort(key=lambda x: x[0])
    group = None
    for n, (line, k, x) in enumerate(els):
        if k == "h":
            text = x["label"] + " " + x["title"] if x["label"] else x["title"]
            out.append({"kind": x["kind"], "text": text, "run": text, "id": f"h{line}"})
        elif k == "p":
            text, fns = x["text"], []
            for num, ntext in notes.get(line, []):
                # the call: the number, or its superscript digits (`¹`, heldout-2018)
                call = "(?:%d|%s)" % (num, str(num).translate(SUPERSCRIPT))
                m = list(re.finditer(r"(?<![0-9])%s(?=[。，；！？”」）]|$)" % call, text))
                assert m, (line, num)
                pos = m[-1].start()
                text = text[:pos] + text[m[-1].end():]
                fns.append((pos, num, ntext, m[-1].group(0)))
            out.append({"kind": "p", "text": text, "notes": fns, "id": f"p{line}"})
        elif k == "t":
            caption = lines[line - 1].strip()
            # a unit printed on its own line under the caption (`单位：万吨`, heldout-2023) is set
            # after the caption in brackets, as the other documents print it (`（单位：亿美元）`)
            if line < len(lines) and re.match(r"^单位[：:]", lines[line].strip()):
                caption += "（" + lines[line].strip() + "）"
            out.append({"kind": "table", "caption": caption, "columns": x["columns"],
                        "rows": [[c["text"] for c in r] for r in x["rows"]], "note": x["source_note"],
                        "id": f"t{line}"})
        elif k == "f":
            out.append({"kind": "figure", "caption": lines[line - 1].strip(), "note": x["source_note"],
                        "id": f"f{line}"})
        elif k == "r":
            if x["group"] != group:
                group = x["group"]
                g = max(i for i in range(1, line) if lines[i - 1].strip() == group)
                out.append({"kind": "group", "text": group, "id": f"g{g}"})
            first, *more = x["text"].split("\n")
            out.append({"kind": "rec", "text": f"{x['number']}. {first}", "id": f"r{line}"})
            for m in more:
                out.append({"kind": "p", "text": m})
        # the source's `- ` bullets between this element and the next
        stop = els[n + 1][0] if n + 1 < len(els) else appendix
        i = line + 1
        while i < stop:
            l = lines[i - 1].strip()
            if l.startswith("- ") and not PAGE_NO.match(l):  # not the source's `- 3 -`
                text = l[2:].strip()
                i += 1
                while i < stop and lines[i - 1].strip():
                    text += lines[i - 1].strip()
                    i += 1
                out.append({"kind": "bullet", "text": text})
            i += 1
    if chron:
        out.append({"kind": "part", "text": heads[-1]["title"], "run": "附录：" + chron["title"], "id": f"h{appendix}"})
        chron_blocks(chron, out)
    return gold, out


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# ------------------------------------------------------------------ HTML (WeasyPrint)

CSS = """
@page { size: A4; margin: 26mm 24mm 24mm 24mm;
  @bottom-center { content: counter(page); font-size: 9pt; }
}
@page :left { @top-center { content: "%(title)s"; font-size: 9pt; width: 100%%;
  border-bottom: 0.5pt solid #000; padding-bottom: 2pt; } }
@page :right { @top-center { content: string(running); font-size: 9pt; width: 100%%;
  border-bottom: 0.5pt solid #000; padding-bottom: 2pt; } }
@page :nth(1 of front) { counter-reset: page 1; }
@page :nth(1 of body) { counter-reset: page 1; }
@page cover { @top-center { content: none; border: none; } @bottom-center { content: none; } }
@page front { @top-center { content: none; border: none; }
  @bottom-center { content: counter(page, lower-roman); font-size: 9pt; } }
html { font-family: "Noto Serif CJK SC"; font-size: 10.5pt; line-height: 1.6; }
body { margin: 0; }
.cover { page: cover; text-align: center; padding-top: 60mm; }
.cover h1 { font-size: 28pt; margin-bottom: 50mm; string-set: running ""; }
.cover p { font-size: 14pt; margin: 4mm 0; text-indent: 0; text-align: center; }
.front { page: front; break-before: page; }
.front p { text-indent: 0; text-align: left; margin: 1.5mm 0; }
.front p.label { font-weight: bold; margin-top: 4mm; }
.front h2 { text-align: center; font-size: 15pt; }
.toc { break-before: page; }
.toc h2 { text-align: center; font-size: 15pt; }
.toc p { text-indent: 0; margin: 1.2mm 0; text-align: left; }
.toc p.l2 { padding-left: 2em; }
.toc a { color: #000; text-decoration: none; }
.toc a::after { content: leader(".") attr(data-page); }
.body { page: body; }
#%(first)s { break-before: right; }  /* body page 1 is a right-hand (odd) page */
@page :blank { @top-center { content: none; border: none; } @bottom-center { content: none; } }
h1 { font-size: 16pt; text-align: center; break-before: page; margin: 0 0 8mm 0;
     string-set: running attr(data-run); }
h2 { font-size: 13pt; margin: 6mm 0 3mm 0; break-after: avoid; }
h3, .subhead { font-size: 10.5pt; font-weight: bold; margin: 4mm 0 2mm 0; break-after: avoid; text-indent: 0; }
p { text-align: justify; text-indent: 2em; margin: 0 0 1.5mm 0; orphans: 2; widows: 2; }
ul.bullets { margin: 0 0 1.5mm 0; padding-left: 2em; }
ul.bullets li { text-align: justify; margin-bottom: 1.5mm; }
p.caption { text-align: center; text-indent: 0; font-weight: bold; margin-top: 4mm; break-after: avoid; }
p.note { font-size: 9pt; text-indent: 0; text-align: left; margin-bottom: 4mm; }
table { border-collapse: collapse; width: 100%%; margin: 2mm 0; font-size: 9.5pt; }
td, th { border: 0.6pt solid #000; padding: 1mm 1.5mm; text-align: center; }
th { font-weight: bold; }
td.first { text-align: left; }
div.fig { border: 0.6pt solid #000; height: 55mm; margin: 2mm 0; }
h2.chron { text-align: center; }
p.date, p.etitle { font-weight: bold; text-indent: 0; margin: 2.5mm 0 0.5mm 0; break-after: avoid; }
p.date + p.etitle { margin-top: 0; }
ol.items { list-style: none; padding-left: 2em; margin: 0 0 1.5mm 0; }
ol.items li { text-align: justify; }
"""


def with_notes(b, text, note):
    """A paragraph's text (through `text`) with its footnotes (through `note`) at their calls."""
    t, out, at = b["text"], [], 0
    for pos, _num, ntext, *_call in b.get("notes", []):
        out += [text(t[at:pos]), note(ntext)]
        at = pos
    return "".join(out) + text(t[at:])


FN_CSS = """
.fn { float: footnote; font-size: 8.5pt; text-indent: 0; text-align: left; }
::footnote-call { content: counter(footnote); vertical-align: super; font-size: 65%%; line-height: 1; }
::footnote-marker { content: counter(footnote) " "; }
@page { @footnote { border-top: 0.5pt solid #000; margin-top: 3mm; padding-top: 1mm; } }
"""


def esc(s):
    return html.escape(s, quote=True)


def to_html(bls):
    o = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
         f"<title>{esc(REPORT_TITLE)}</title>", "<style>" + CSS % {"title": REPORT_TITLE, "first": first_body_id(bls)} +
         (FN_CSS % {} if any(b.get("notes") for b in bls) else "") + "</style>",
         "</head><body>"]
    state = None

    def open_(cls):
        nonlocal state
        if state:
            o.append("</div>")
        o.append(f'<div class="{cls}">')
        state = cls

    in_ul = False
    for b in bls:
        k = b["kind"]
        if in_ul and k != "bullet":
            o.append("</ul>")
            in_ul = False
        if k == "cover_title":
            open_("cover")
            o.append(f"<h1>{esc(b['text'])}</h1>")
        elif k in ("cover_line", "cover_date"):
            o.append(f"<p>{esc(b['text'])}</p>")
        elif k == "front_start":
            open_("front")
        elif k == "front_head":
            o.append(f"<h2>{esc(b['text'])}</h2>")
        elif k == "front_label":
            o.append(f'<p class="label">{esc(b["text"])}</p>')
        elif k == "front_p":
            o.append(f"<p>{esc(b['text'])}</p>")
        elif k == "toc_head":
            o.append('<div class="toc">')
            o.append(f"<h2>{esc(b['text'])}</h2>")
        elif k == "toc":
            pg = PAGES.get(b["target"], "0")
            o.append(f'<p class="l{b["level"]}"><a href="#{b["target"]}" data-page="{pg}">{esc(b["text"])}</a></p>')
        elif k == "part" or k == "chapter":
            if state != "body":
                o.append("</div>")  # the toc div
                open_("body")
            o.append(f'<h1 id="{b["id"]}" data-run="{esc(b["run"])}">{esc(b["text"])}</h1>')
        elif k == "section":
            o.append(f'<h2 id="{b["id"]}">{esc(b["text"])}</h2>')
        elif k in ("subhead",):
            o.append(f'<p class="subhead">{esc(b["text"])}</p>')
        elif k == "group":
            o.append(f'<h3 id="{b["id"]}">{esc(b["text"])}</h3>')
        elif k in ("p", "rec"):
            idattr = f' id="{b["id"]}"' if "id" in b else ""
            o.append(f"<p{idattr}>{with_notes(b, esc, lambda t: '<span class=fn>' + esc(t) + '</span>')}</p>")
        elif k == "bullet":
            if not in_ul:
                o.append('<ul class="bullets">')
                in_ul = True
            o.append(f"<li>{esc(b['text'])}</li>")
        elif k == "table":
            o.append(f'<p class="caption" id="{b["id"]}">{esc(b["caption"])}</p>')
            o.append("<table><thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in b["columns"]) + "</tr></thead><tbody>")
            for r in b["rows"]:
                o.append("<tr>" + "".join(f'<td{" class=first" if j == 0 else ""}>{esc(c)}</td>' for j, c in enumerate(r)) + "</tr>")
            o.append("</tbody></table>")
            if b["note"]:
                o.append(f'<p class="note">（信息来源）{esc(b["note"])}</p>')
        elif k == "figure":
            o.append(f'<p class="caption" id="{b["id"]}">{esc(b["caption"])}</p>')
            o.append('<div class="fig"></div>')
            if b["note"]:
                o.append(f'<p class="note">（信息来源）{esc(b["note"])}</p>')
        elif k == "chron_title":
            o.append(f'<h2 class="chron">{esc(b["text"])}</h2>')
        elif k == "category":
            o.append(f'<h2 id="{b["id"]}">{esc(b["text"])}</h2>')
        elif k == "entry":
            first = True
            if b["date"]:
                o.append(f'<p class="date" id="{b["id"]}">{esc(b["date"])}</p>')
                first = False
            o.append(f'<p class="etitle"{" id=" + chr(34) + b["id"] + chr(34) if first else ""}>{esc(b["title"])}</p>')
            for d in b["desc"]:
                o.append(f"<p>{esc(d)}</p>")
            if b["items"]:
                o.append('<ol class="items">' + "".join(f"<li>{n}. {esc(t)}</li>" for n, t in b["items"]) + "</ol>")
    if in_ul:
        o.append("</ul>")
    o.append("</div></body></html>")
    return "\n".join(o) + "\n"


# ------------------------------------------------------------------ TeX (XeLaTeX + xeCJK)

TEX_PRE = r"""\documentclass[11pt,twoside]{article}
\usepackage[b5paper,top=24mm,bottom=22mm,inner=20mm,outer=18mm,headsep=6mm,footskip=10mm]{geometry}
\usepackage{fontspec}
\usepackage{xeCJK}
\setmainfont{Noto Serif CJK SC}[BoldFont={Noto Serif CJK SC Bold}]
\setCJKmainfont{Noto Serif CJK SC}[BoldFont={Noto Serif CJK SC Bold}]
\usepackage{fancyhdr}
\usepackage{tabularx}
\usepackage{array}
\usepackage{enumitem}
\usepackage{xurl}
\setlength{\parindent}{2em}
\setlength{\parskip}{2pt}
\linespread{1.3}
\sloppy
\newcommand{\runningtitle}{}
\fancypagestyle{body}{\fancyhf{}\fancyhead[CE]{\small %(title)s}\fancyhead[CO]{\small\runningtitle}%%
  \fancyfoot[C]{\small\thepage}\renewcommand{\headrulewidth}{0.4pt}}
\fancypagestyle{front}{\fancyhf{}\fancyfoot[C]{\small\thepage}\renewcommand{\headrulewidth}{0pt}}
\fancypagestyle{cover}{\fancyhf{}\renewcommand{\headrulewidth}{0pt}}
\newcommand{\parthead}[3]{\clearpage\renewcommand{\runningtitle}{#2}\thispagestyle{body}%%
  \begin{center}\label{#3}\Large\bfseries #1\end{center}\vspace{6mm}}
\newcommand{\sechead}[2]{\par\addvspace{5mm}\noindent{\large\bfseries\label{#2}#1}\par\nopagebreak\vspace{2mm}}
\newcommand{\subhead}[1]{\par\addvspace{3mm}\noindent{\bfseries #1}\par\nopagebreak}
\newcolumntype{Y}{>{\centering\arraybackslash}X}
\newcommand{\tocline}[3]{\noindent\hspace*{#1}#2\dotfill\pageref{#3}\par}
\begin{document}
"""


def tesc(s):
    rep = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
           "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}", "<": r"\textless{}",
           ">": r"\textgreater{}"}
    return "".join(rep.get(c, c) for c in s)


def turl(s):
    """Text with its URLs set with \\url so they can break."""
    parts = re.split(r"(<?https?://[^\s<>]+>?|www\.[^\s<>]+)", s)
    out = []
    for p in parts:
        if re.match(r"<?https?://|www\.", p):
            lt, gt = p.startswith("<"), p.endswith(">")
            u = p.strip("<>")
            out.append((r"\textless{}" if lt else "") + r"\url{" + u.replace("%", r"\%").replace("#", r"\#") + "}" +
                       (r"\textgreater{}" if gt else ""))
        else:
            out.append(tesc(p))
    return "".join(out)


def lab_sp(s):
    """A heading with its label: the space after `第一章` kept (xeCJK drops plain spaces)."""
    return re.sub(r"^(第.{1,3}[章节]) ", r"\1\\quad{}", s)


def cap_sp(s):
    """A caption with the space after its label kept (`表一\\quad{}中国…`)."""
    return re.sub(r"^((?:表|图)\s*[0-9一二三四五六七八九十]+\.?) ", r"\1\\quad{}", s)


def to_tex(bls):
    o = [TEX_PRE % {"title": REPORT_TITLE}]
    in_ul = False
    body = False
    for b in bls:
        k = b["kind"]
        if in_ul and k != "bullet":
            o.append(r"\end{itemize}")
            in_ul = False
        if k == "cover_title":
            o.append(r"\thispagestyle{cover}\pagenumbering{gobble}\vspace*{40mm}\begin{center}{\Huge\bfseries " +
                     tesc(b["text"]) + r"}\par\vspace{45mm}")
        elif k == "cover_line":
            o.append(r"{\large " + tesc(b["text"]) + r"}\par\vspace{3mm}")
        elif k == "cover_date":
            o.append(r"\vspace{10mm}{\large " + tesc(b["text"]) + r"}\par\end{center}")
        elif k == "front_start":
            o.append(r"\clearpage\pagenumbering{roman}\pagestyle{front}")
        elif k == "front_head":
            o.append(r"\begin{center}{\Large\bfseries " + tesc(b["text"]) + r"}\end{center}")
        elif k == "front_label":
            o.append(r"\par\addvspace{3mm}\noindent\textbf{" + tesc(b["text"]) + r"}\par")
        elif k == "front_p":
            o.append(r"\noindent " + tesc(b["text"]) + r"\par")
        elif k == "toc_head":
            o.append(r"\clearpage\begin{center}{\Large\bfseries " + tesc(b["text"]) + r"}\end{center}\vspace{4mm}")
        elif k == "toc":
            o.append(r"\tocline{" + ("2em" if b["level"] == 2 else "0em") + "}{" + lab_sp(tesc(b["text"])) + "}{" + b["target"] + "}")
        elif k in ("part", "chapter"):
            if not body:
                o.append(r"\clearpage\pagenumbering{arabic}\pagestyle{body}")
                body = True
            o.append(r"\parthead{" + lab_sp(tesc(b["text"])) + "}{" + lab_sp(tesc(b["run"])) + "}{" + b["id"] + "}")
        elif k in ("section",):
            o.append(r"\sechead{" + lab_sp(tesc(b["text"])) + "}{" + b["id"] + "}")
        elif k == "category":
            o.append(r"\sechead{" + tesc(b["text"]) + "}{" + b["id"] + "}")
        elif k in ("subhead", "group"):
            lab = r"\label{" + b["id"] + "}" if "id" in b else ""
            o.append(r"\subhead{" + lab + tesc(b["text"]) + "}")
        elif k in ("p", "rec"):
            lab = r"\leavevmode\label{" + b["id"] + "}" if "id" in b else ""  # in the paragraph's first line
            o.append(lab + with_notes(b, turl, lambda t: r"\footnote{" + turl(t) + "}") + r"\par")
        elif k == "bullet":
            if not in_ul:
                o.append(r"\begin{itemize}[leftmargin=2em,itemsep=2pt,parsep=0pt,topsep=2pt]")
                in_ul = True
            o.append(r"\item " + tesc(b["text"]))
        elif k == "table":
            cols = len(b["columns"])
            spec = "|" + "|".join(["X"] + ["Y"] * (cols - 1)) + "|"
            o.append(r"\par\addvspace{3mm}\begin{center}\leavevmode\label{" + b["id"] + r"}\textbf{" + cap_sp(tesc(b["caption"])) +
                     r"}\end{center}\nopagebreak\vspace{-2mm}")
            o.append(r"{\small\noindent\begin{tabularx}{\linewidth}{" + spec + r"}\hline")
            o.append(" & ".join(r"\textbf{" + tesc(c) + "}" for c in b["columns"]) + r" \\ \hline")
            for r in b["rows"]:
                o.append(" & ".join(tesc(c) for c in r) + r" \\ \hline")
            o.append(r"\end{tabularx}}\par")
            if b["note"]:
                o.append(r"{\footnotesize\noindent （信息来源）" + turl(b["note"]) + r"\par}\addvspace{3mm}")
        elif k == "figure":
            o.append(r"\par\addvspace{3mm}\begin{center}\leavevmode\label{" + b["id"] + r"}\textbf{" + cap_sp(tesc(b["caption"])) +
                     r"}\par\nopagebreak\vspace{2mm}\framebox[\linewidth]{\rule{0pt}{45mm}}\end{center}\nopagebreak\vspace{-3mm}")
            if b["note"]:
                o.append(r"{\footnotesize\noindent （信息来源）" + turl(b["note"]) + r"\par}\addvspace{3mm}")
        elif k == "chron_title":
            o.append(r"\begin{center}{\large\bfseries " + tesc(b["text"]) + r"}\end{center}")
        elif k == "entry":
            lab = r"\label{" + b["id"] + "}"
            if b["date"]:
                o.append(r"\par\addvspace{3pt}\noindent" + lab + r"\textbf{" + tesc(b["date"]) + r"}\par\nopagebreak")
                lab = ""
            else:
                o.append(r"\par\addvspace{3pt}")
            o.append(r"\noindent" + lab + r"\textbf{" + tesc(b["title"]) + r"}\par\nopagebreak")
            for d in b["desc"]:
                o.append(turl(d) + r"\par")
            if b["items"]:
                o.append(r"\begin{itemize}[leftmargin=3.5em,itemsep=0pt,parsep=0pt,topsep=1pt]")
                for n, t in b["items"]:
                    o.append(r"\item[" + str(n) + ".] " + tesc(t))
                o.append(r"\end{itemize}")
    if in_ul:
        o.append(r"\end{itemize}")
    o.append(r"\end{document}")
    return "\n".join(o) + "\n"


# ------------------------------------------------------------------ HTML (Chromium print to PDF)

CHROMIUM_CSS = """
@page { size: A4; margin: 26mm 24mm 24mm 24mm; counter-increment: bpage;
  @bottom-center { content: counter(bpage); font-size: 9pt; } }
@page :left { @top-center { content: "%(title)s"; font-size: 9pt; width: 100%%;
  border-bottom: 0.5pt solid #000; padding-bottom: 2pt; } }
@page cover { counter-increment: none; @top-center { content: none; border: none; } @bottom-center { content: none; } }
@page blank { counter-increment: none; @top-center { content: none; border: none; } @bottom-center { content: none; } }
@page front { counter-increment: fpage; @top-center { content: none; border: none; }
  @bottom-center { content: counter(fpage, lower-roman); font-size: 9pt; } }
%(runs)s
html { font-family: "Noto Serif CJK SC"; font-size: 10.5pt; line-height: 1.6; }
body { margin: 0; }
.cover { page: cover; text-align: center; padding-top: 60mm; }
.cover h1 { font-size: 28pt; margin-bottom: 50mm; }
.cover p { font-size: 14pt; margin: 4mm 0; text-indent: 0; text-align: center; }
.front { page: front; break-before: page; }
.front p { text-indent: 0; text-align: left; margin: 1.5mm 0; }
.front p.label { font-weight: bold; margin-top: 4mm; }
.front h2 { text-align: center; font-size: 15pt; }
.toc { break-before: page; }
.toc h2 { text-align: center; font-size: 15pt; }
.toc p { text-indent: 0; margin: 1.2mm 0; text-align: left; }
.toc p.l2 { padding-left: 2em; }
.toc a { color: #000; text-decoration: none; display: flex; align-items: baseline; }
.toc a .leader { flex: 1; border-bottom: 1px dotted #000; margin: 0 3pt; }
.blankpage { page: blank; break-before: page; height: 1px; }
.run { break-before: page; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 8mm 0; }
h2 { font-size: 13pt; margin: 6mm 0 3mm 0; break-after: avoid; }
h3, .subhead { font-size: 10.5pt; font-weight: bold; margin: 4mm 0 2mm 0; break-after: avoid; text-indent: 0; }
p { text-align: justify; text-indent: 2em; margin: 0 0 1.5mm 0; orphans: 2; widows: 2; }
ul.bullets { margin: 0 0 1.5mm 0; padding-left: 2em; }
ul.bullets li { text-align: justify; margin-bottom: 1.5mm; }
p.caption { text-align: center; text-indent: 0; font-weight: bold; margin-top: 4mm; break-after: avoid; }
p.note { font-size: 9pt; text-indent: 0; text-align: left; margin-bottom: 4mm; }
table { border-collapse: collapse; width: 100%%; margin: 2mm 0; font-size: 9.5pt; }
td, th { border: 0.6pt solid #000; padding: 1mm 1.5mm; text-align: center; }
th { font-weight: bold; }
td.first { text-align: left; }
div.fig { border: 0.6pt solid #000; height: 55mm; margin: 2mm 0; }
h2.chron { text-align: center; }
p.date, p.etitle { font-weight: bold; text-indent: 0; margin: 2.5mm 0 0.5mm 0; break-after: avoid; }
p.date + p.etitle { margin-top: 0; }
ol.items { list-style: none; padding-left: 2em; margin: 0 0 1.5mm 0; }
ol.items li { text-align: justify; }
sup { font-size: 65%%; line-height: 1; }
div.notes { border-top: 0.5pt solid #000; width: 40%%; margin-top: 6mm; padding-top: 1mm; }
div.notes p { font-size: 8.5pt; text-indent: 0; text-align: left; width: 250%%; }
a.anchor { position: absolute; top: 0; left: 0; width: 1px; height: 1px; display: block; }
"""


def css_str(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def to_chromium_html(bls, blank=False, links=False):
    """The HTML Chromium prints (`chromium --headless --print-to-pdf`). Chromium has margin boxes
    and named pages but no `string-set`, no `leader()`, no `target-counter()`, no footnotes and no
    `break-before: right`, so: each part/chapter is a `div` with its own named page whose right
    pages carry its running header; body and front pages count with their own counters (`bpage`,
    `fpage`; the cover and the blank page count none); the TOC numbers come from PAGES (a first
    pass, read back from link destinations), the leader is a dotted border (no dots in the text);
    footnotes are notes at the end of their part/chapter with a superscript call; `blank` inserts
    an unnumbered blank page before the body so that body page 1 is a right-hand (odd) page;
    `links` adds an invisible link to every anchor (build_pdfs.py reads each anchor's page from
    the link destinations, then prints the final PDF without them)."""
    runs = [b for b in bls if b["kind"] in ("part", "chapter")]
    run_css = "\n".join(
        f'@page {b["id"]}:right {{ @top-center {{ content: "{css_str(b["run"])}"; font-size: 9pt; width: 100%; '
        f'border-bottom: 0.5pt solid #000; padding-bottom: 2pt; }} }}' for b in runs)
    o = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
         f"<title>{esc(REPORT_TITLE)}</title>",
         "<style>" + CHROMIUM_CSS % {"title": css_str(REPORT_TITLE), "runs": run_css} +
         "".join(f".r-{b['id']} {{ page: {b['id']}; }}\n" for b in runs) + "</style>",
         "</head><body>"]
    state = None
    notes = []

    def open_(cls, extra=""):
        nonlocal state
        if state:
            o.append("</div>")
        o.append(f'<div class="{cls}"{extra}>')
        state = cls

    def flush_notes():
        if notes:
            o.append('<div class="notes">' + "".join(f"<p><sup>{n}</sup> {esc(t)}</p>" for n, t in notes) + "</div>")
            notes.clear()

    def call(c):
        return f"<sup>{c}</sup>" if c.isdigit() else esc(c)

    in_ul = False
    for b in bls:
        k = b["kind"]
        if in_ul and k != "bullet":
            o.append("</ul>")
            in_ul = False
        if k == "cover_title":
            open_("cover")
            if links:  # on the cover page, out of the flow
                o.append("".join(f'<a class="anchor" href="#{x["id"]}"></a>' for x in bls if "id" in x))
            o.append(f"<h1>{esc(b['text'])}</h1>")
        elif k in ("cover_line", "cover_date"):
            o.append(f"<p>{esc(b['text'])}</p>")
        elif k == "front_start":
            open_("front")
        elif k == "front_head":
            o.append(f"<h2>{esc(b['text'])}</h2>")
        elif k == "front_label":
            o.append(f'<p class="label">{esc(b["text"])}</p>')
        elif k == "front_p":
            o.append(f"<p>{esc(b['text'])}</p>")
        elif k == "toc_head":
            o.append('<div class="toc">')
            o.append(f"<h2>{esc(b['text'])}</h2>")
        elif k == "toc":
            pg = PAGES.get(b["target"], "0")
            o.append(f'<p class="l{b["level"]}"><a href="#{b["target"]}"><span>{esc(b["text"])}</span>'
                     f'<span class="leader"></span><span>{pg}</span></a></p>')
        elif k in ("part", "chapter"):
            flush_notes()
            if state == "front":
                o.append("</div>")  # the toc div
                if blank:
                    o.append('</div><div class="blankpage">')
            open_("run", f' style="page: {b["id"]}"')
            o.append(f'<h1 id="{b["id"]}">{esc(b["text"])}</h1>')
        elif k == "section":
            o.append(f'<h2 id="{b["id"]}">{esc(b["text"])}</h2>')
        elif k == "subhead":
            o.append(f'<p class="subhead">{esc(b["text"])}</p>')
        elif k == "group":
            o.append(f'<h3 id="{b["id"]}">{esc(b["text"])}</h3>')
        elif k in ("p", "rec"):
            idattr = f' id="{b["id"]}"' if "id" in b else ""
            t, parts, at = b["text"], [], 0
            for pos, num, ntext, *c in b.get("notes", []):
                parts += [esc(t[at:pos]), call(c[0] if c else str(num))]
                notes.append((num, ntext))
                at = pos
            o.append(f"<p{idattr}>{''.join(parts) + esc(t[at:])}</p>")
        elif k == "bullet":
            if not in_ul:
                o.append('<ul class="bullets">')
                in_ul = True
            o.append(f"<li>{esc(b['text'])}</li>")
        elif k == "table":
            o.append(f'<p class="caption" id="{b["id"]}">{esc(b["caption"])}</p>')
            o.append("<table><thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in b["columns"]) + "</tr></thead><tbody>")
            for r in b["rows"]:
                o.append("<tr>" + "".join(f'<td{" class=first" if j == 0 else ""}>{esc(c)}</td>' for j, c in enumerate(r)) + "</tr>")
            o.append("</tbody></table>")
            if b["note"]:
                o.append(f'<p class="note">（信息来源）{esc(b["note"])}</p>')
        elif k == "figure":
            o.append(f'<p class="caption" id="{b["id"]}">{esc(b["caption"])}</p>')
            o.append('<div class="fig"></div>')
            if b["note"]:
                o.append(f'<p class="note">（信息来源）{esc(b["note"])}</p>')
        elif k == "chron_title":
            o.append(f'<h2 class="chron">{esc(b["text"])}</h2>')
        elif k == "category":
            o.append(f'<h2 id="{b["id"]}">{esc(b["text"])}</h2>')
        elif k == "entry":
            first = True
            if b["date"]:
                o.append(f'<p class="date" id="{b["id"]}">{esc(b["date"])}</p>')
                first = False
            o.append(f'<p class="etitle"{" id=" + chr(34) + b["id"] + chr(34) if first else ""}>{esc(b["title"])}</p>')
            for d in b["desc"]:
                o.append(f"<p>{esc(d)}</p>")
            if b["items"]:
                o.append('<ol class="items">' + "".join(f"<li>{n}. {esc(t)}</li>" for n, t in b["items"]) + "</ol>")
    if in_ul:
        o.append("</ul>")
    flush_notes()
    o.append("</div></body></html>")
    return "\n".join(o) + "\n"


# ------------------------------------------------------------------ Typst

TYPST_PRE = """#set document(title: %(title)s, date: none)
#set text(font: "Noto Serif CJK SC", lang: "zh", region: "cn", size: 10.5pt)
#set page(paper: "iso-b5", margin: (top: 24mm, bottom: 22mm, inside: 20mm, outside: 18mm),
  header: none, footer: none, numbering: none)
#set par(justify: true, leading: 0.75em, spacing: 0.95em, first-line-indent: (amount: 2em, all: true))
#set list(marker: [•], indent: 1em, body-indent: 0.6em)
#set footnote.entry(separator: line(length: 35%%, stroke: 0.5pt))
#show heading: set block(above: 1.2em, below: 0.8em)
#show heading.where(level: 1): it => align(center, text(size: 16pt, weight: "bold", it.body))
#show heading.where(level: 2): it => block(text(size: 13pt, weight: "bold", it.body))
// an element's anchor: a label build_pdfs.py and the TOC read (page) at the element's first line
#let anchor(id) = [#metadata(id)#label(id)#context [#metadata((id: id, page: here().page()))<anchorpage>]]
#let runtitle = %(title)s
// the running header of a body page: the report title on even pages, the current part or chapter
// (the last `run` on or before this page) on odd pages; none on a page before the body
#let bodyheader = context {
  let p = here().page()
  let first = locate(<bodystart>).page()
  if p < first { return }
  let runs = query(<run>).filter(r => r.location().page() <= p)
  // (the body page's number from its physical page: in a header, the page counter can still
  // hold the value before the body's reset on body page 1)
  let t = if calc.even(p - first + 1) { runtitle } else if runs.len() > 0 { runs.last().value } else { none }
  if t != none {
    set text(size: 9pt)
    align(center, t)
    v(-0.6em)
    line(length: 100%%, stroke: 0.4pt)
  }
}
#let bodyfooter = context {
  if here().page() >= locate(<bodystart>).page() { align(center, text(size: 9pt, counter(page).display("1"))) }
}
#let frontfooter = context {
  if here().page() <= locate(<frontend>).page() { align(center, text(size: 9pt, counter(page).display("i"))) }
}
#let tocline(indent, body, target) = block(spacing: 0.55em, par(first-line-indent: 0pt, justify: false)[#h(indent)#body#box(width: 1fr, repeat(gap: 0.15em)[.])#context counter(page).at(label(target)).first()])
#let caption(body) = block(above: 1.2em, below: 0.5em, sticky: true, align(center, text(weight: "bold", body)))
#let note(body) = block(above: 0.4em, below: 1em, par(first-line-indent: 0pt, justify: false, text(size: 9pt, body)))
#let bold(body) = block(above: 0.9em, below: 0.3em, sticky: true, par(first-line-indent: 0pt, text(weight: "bold", body)))
"""


def ts(s):
    """A text as a Typst string expression in markup (`#"…";`): no markup character is read."""
    return '#"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '";'


def typ_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_typst(bls):
    """The Typst source of the report (typst 0.15, B5): the blocks of to_tex/to_html, the cover
    unnumbered, the front matter in roman numerals, the body from 1 on an odd page
    (`pagebreak(to: "odd")`), running headers from `run` metadata (title on even pages, part or
    chapter on odd ones), the TOC's page numbers by `counter(page).at(label)`, footnotes as
    Typst footnotes numbered as in the gold, every anchor a label with its physical page in a
    `<anchorpage>` metadata (build_pdfs.py queries them)."""
    o = [TYPST_PRE % {"title": typ_str(REPORT_TITLE)}]
    in_ul = False
    body = False
    for b in bls:
        k = b["kind"]
        if in_ul and k != "bullet":
            o.append(")")
            in_ul = False
        if k == "cover_title":
            o.append("#v(40mm)\n#align(center, text(size: 26pt, weight: \"bold\")[" + ts(b["text"]) + "])\n#v(45mm)")
        elif k == "cover_line":
            o.append("#align(center, text(size: 14pt)[" + ts(b["text"]) + "])\n#v(2mm)")
        elif k == "cover_date":
            o.append("#v(10mm)\n#align(center, text(size: 14pt)[" + ts(b["text"]) + "])")
        elif k == "front_start":
            o.append("#set page(numbering: \"i\", footer: frontfooter)\n#counter(page).update(1)\n"
                     "#set par(first-line-indent: 0pt, justify: false)")
        elif k == "front_head":
            o.append("#align(center, text(size: 15pt, weight: \"bold\")[" + ts(b["text"]) + "])")
        elif k == "front_label":
            o.append("#v(3mm)\n#text(weight: \"bold\")[" + ts(b["text"]) + "]\n")
        elif k == "front_p":
            o.append(ts(b["text"]) + "\n")
        elif k == "toc_head":
            o.append("#pagebreak(weak: true)\n#align(center, text(size: 15pt, weight: \"bold\")[" + ts(b["text"]) + "])\n#v(4mm)")
        elif k == "toc":
            o.append("#tocline(" + ("2em" if b["level"] == 2 else "0em") + ", [" + ts(b["text"]) + "], " +
                     typ_str(b["target"]) + ")")
        elif k in ("part", "chapter"):
            if not body:
                o.append("#metadata(none)<frontend>\n"
                         "#set page(numbering: \"1\", header: bodyheader, footer: bodyfooter)\n"
                         "#pagebreak(to: \"odd\", weak: true)\n#counter(page).update(1)\n"
                         "#metadata(none)<bodystart>\n"
                         "#set par(first-line-indent: (amount: 2em, all: true), justify: true)")
                body = True
            else:
                o.append("#pagebreak(weak: true)")
            o.append("#metadata(" + typ_str(b["run"]) + ")<run>")
            o.append("#heading(level: 1)[#anchor(" + typ_str(b["id"]) + ")" + ts(b["text"]) + "]\n#v(4mm)")
        elif k in ("section", "category"):
            o.append("#heading(level: 2)[#anchor(" + typ_str(b["id"]) + ")" + ts(b["text"]) + "]")
        elif k in ("subhead", "group"):
            lab = "#anchor(" + typ_str(b["id"]) + ")" if "id" in b else ""
            o.append("#bold[" + lab + ts(b["text"]) + "]")
        elif k in ("p", "rec"):
            lab = "#anchor(" + typ_str(b["id"]) + ")" if "id" in b else ""
            t, parts, at = b["text"], [], 0
            for pos, num, ntext, *_call in b.get("notes", []):
                parts += [ts(t[at:pos]) if t[at:pos] else "",
                          "#counter(footnote).update(" + str(num - 1) + ")#footnote[" + ts(ntext) + "]"]
                at = pos
            o.append(lab + "".join(parts) + (ts(t[at:]) if t[at:] else "") + "\n")
        elif k == "bullet":
            if not in_ul:
                o.append("#list(")
                in_ul = True
            o.append("  [" + ts(b["text"]) + "],")
        elif k == "table":
            cols = len(b["columns"])
            o.append("#caption[#anchor(" + typ_str(b["id"]) + ")" + ts(b["caption"]) + "]")
            o.append("#text(size: 9.5pt, table(columns: (1.6fr," + " 1fr," * (cols - 1) + "), stroke: 0.6pt, inset: 4pt,\n"
                     "  align: (x, y) => if x == 0 and y > 0 { left } else { center },\n"
                     "  table.header(" + ", ".join("[*" + ts(c) + "*]" for c in b["columns"]) + "),")
            for r in b["rows"]:
                o.append("  " + ", ".join("[" + ts(c) + "]" for c in r) + ",")
            o.append("))")
            if b["note"]:
                o.append("#note[" + ts("（信息来源）" + b["note"]) + "]")
        elif k == "figure":
            o.append("#caption[#anchor(" + typ_str(b["id"]) + ")" + ts(b["caption"]) + "]")
            o.append("#rect(width: 100%, height: 45mm, stroke: 0.6pt)")
            if b["note"]:
                o.append("#note[" + ts("（信息来源）" + b["note"]) + "]")
        elif k == "chron_title":
            o.append("#align(center, text(size: 13pt, weight: \"bold\")[" + ts(b["text"]) + "])\n#v(2mm)")
        elif k == "entry":
            lab = "#anchor(" + typ_str(b["id"]) + ")"
            if b["date"]:
                o.append("#bold[" + lab + ts(b["date"]) + "]")
                lab = ""
            o.append("#bold[" + lab + ts(b["title"]) + "]")
            for d in b["desc"]:
                o.append(ts(d) + "\n")
            if b["items"]:
                o.append("#pad(left: 2em, block(spacing: 0.5em)[" + "".join(
                    "#par(first-line-indent: 0pt)[" + ts(f"{n}. {t}") + "]" for n, t in b["items"]) + "])")
    if in_ul:
        o.append(")")
    return "\n".join(o) + "\n"


PAGES = {}


def main():
    args = sys.argv[1:]
    if args[:1] == ["--doc"]:
        set_doc(args[1])
        args = args[2:]
    fmt, out = args[0], Path(args[1])
    if len(args) > 2:
        PAGES.update(json.loads(Path(args[2]).read_text(encoding="utf-8")))
    gold, bls = blocks()
    text = {"html": to_html, "tex": to_tex, "chromium": to_chromium_html, "typst": to_typst}[fmt](bls)
    out.write_text(text, encoding="utf-8")
    print(f"{out}: {len(bls)} blocks")


if __name__ == "__main__":
    main()
