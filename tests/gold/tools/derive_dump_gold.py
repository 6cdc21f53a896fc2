"""Derives the gold of a PDF-to-text dump of a typeset sample from its hand gold, by text
alignment (never from the converter's output).

    python3 tests/gold/tools/derive_dump_gold.py [--doc STEM] ENGINE TOOL
      reads  tests/gold/STEM.gold.json (the hand gold; default the 2020 sample,
             china-russia-dialogue-2020.zh),
             tests/extractors/pdf/ENGINE.pages.json (pages and anchors, from build_pdfs.py),
             tests/corpus/extract-ENGINE-TOOL.zh.txt (the dump)
      writes tests/gold/extract-ENGINE-TOOL.zh.gold.json
      (another STEM, e.g. heldout-2022.zh: pdf/heldout-2022-ENGINE.pages.json and
      extract2022-ENGINE-TOOL.zh.{txt,gold.json}; see gen_report.names())
    python3 tests/gold/tools/derive_dump_gold.py [--doc STEM] --all   (every dump of the document)
    python3 tests/gold/tools/derive_dump_gold.py --pdf ENGINE TEXT
      the gold of crdoc's own derived text of tests/extractors/pdf/ENGINE.pdf (TEXT: the output
      of `crdoc text tests/extractors/pdf/ENGINE.pdf`), written as tests/gold/pdf-ENGINE.zh.gold.json
      (tests/it/pdf.rs scores the PDF against it); with --doc heldout-2022.zh the PDF is
      tests/extractors/pdf/heldout-2022-ENGINE.pdf and the gold pdf-heldout-2022-ENGINE.zh.gold.json

Everything but line numbers and TOC pages is the hand gold's (the texts, cells, dates, flags do not
depend on the layout). Each element's `line` becomes the dump line where its text starts and an
entry's `line_end` the dump line where its text ends, found by a monotonic search over the dump's
text reduced to letters and digits (NFKC, so full-width is folded; every space, punctuation mark,
U+FFFE and hyphen variant is dropped, which also absorbs letter-spaced CJK, `‑` for `-`, bullets
and leader dots). The text searched is the element's printed text (gen_report.py's blocks) followed
by what is printed after it, 16 characters in all, so a heading is not confused with the running
header of the same words. Page furniture is left out of the searched text: lines holding only a
page number (arabic or roman) and lines equal to a running header (the report title, or the
chapter title on a page that is not that chapter's heading). A dump line is split on "\\n" only
(a form feed or "\\r" stays in its line), as crdoc counts lines.
TOC pages become the printed page numbers of the PDF (pages.json). `page_breaks` (FORMAT.md) are
written when every page's number line is found in order (see page_breaks()).
Where the hand gold annotates paragraphs and footnotes (heldout-2022), a paragraph is located like
any element (anchor `p<line>`); a footnote by its text, searched from its marker's paragraph on
(it is printed at the page bottom, out of the body order), its line the line of its number when
the tool prints the number on a line of its own; its `marker_line` the dump line of the character
before the call. A paragraph's superscript footnote call (`恶化¹。`, the hand gold's) is written as
the dump prints it: plain digits where the PDF drew `¹` as a raised `1` (WeasyPrint), so the text
is the dump's (calls_as_printed). A hand gold's `page_breaks` (its source's) are dropped when none can be derived.
The script fails loudly when an element cannot be located.
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests/extractors/tools"))
import gen_report  # noqa: E402

KEY = 16
LABEL = re.compile(r"^(\d{1,3}|[ivxlc]+)$")


# CJK Radicals Supplement characters a tool may print for the ideograph of the same glyph (pdfminer
# on Chromium's PDFs: `鲁·⻢梅多夫`, `研究中⼼`; the Kangxi radicals U+2F00… fold under NFKC already)
RADICALS = str.maketrans({
    "\u2e9f": "母", "\u2ea0": "民", "\u2ec1": "虎", "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角",
    "\u2ec9": "贝", "\u2ecb": "车", "\u2ed3": "长", "\u2ed4": "门", "\u2ed7": "雨", "\u2ed8": "青",
    "\u2ed9": "韦", "\u2eda": "页", "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食", "\u2ee2": "马",
    "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee7": "卤", "\u2ee8": "麦",
    "\u2ee9": "黄", "\u2eea": "黾", "\u2eec": "齐", "\u2eee": "齿", "\u2ef0": "龙", "\u2ef3": "龟",
    "\u2f3e": "户",  # KANGXI RADICAL DOOR: NFKC gives 戶, the Simplified glyph is 户
})


def alnum(s):
    s = unicodedata.normalize("NFKC", s.translate(RADICALS))
    return "".join(c for c in s if c.isalnum())


class Stream:
    """The dump reduced to letters/digits, each char with its 1-based dump line."""

    def __init__(self, lines, skip):
        chars, where = [], []
        for i, l in enumerate(lines, 1):
            if i in skip:
                continue
            for c in alnum(l):
                chars.append(c)
                where.append(i)
        self.s = "".join(chars)
        self.line = where

    def find(self, key, start, what):
        p = self.s.find(key, start)
        if p < 0:
            # PDFium glues a page's number to the first line of the next page (`17中俄两国…`):
            # let a page number (1-3 digits or a roman numeral) sit between two key characters
            pat = "(?:[0-9]{1,3}|[ivxlc]{1,5})?".join(re.escape(c) for c in key)
            m = re.compile(pat).search(self.s, start)
            p = m.start() if m else -1
        if p < 0:
            raise SystemExit(f"cannot locate {what}: {key!r} after stream position {start} "
                             f"(line {self.line[min(start, len(self.line) - 1)]})")
        return p

    def pos_of_line(self, line):
        """First stream position on or after a dump line."""
        import bisect
        return bisect.bisect_left(self.line, line)


SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPTS}]+")


def calls_as_printed(text, flat):
    """A paragraph's text with each superscript footnote call (`恶化¹。`) as the dump prints it:
    plain digits when the dump has the call's four characters before it followed by the digits
    and not by the superscript (WeasyPrint's PDFs print `¹` as a raised `1`; Chromium's keep `¹`).
    `flat` is the dump's lines joined without their line breaks."""
    out, last = [], 0
    for m in SUPERSCRIPT_RUN.finditer(text):
        pre = text[max(0, m.start() - 4):m.start()]
        digits = m.group().translate(str.maketrans(SUPERSCRIPTS, "0123456789"))
        out.append(text[last:m.start()])
        plain = len(pre) == 4 and pre + digits in flat and pre + m.group() not in flat
        out.append(digits if plain else m.group())
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def printed(b):
    """The letters/digits a block prints, in order."""
    k = b["kind"]
    if k == "table":
        return alnum(b["caption"] + "".join(b["columns"]) + "".join("".join(r) for r in b["rows"]) +
                     ("信息来源" + b["note"] if b["note"] else ""))
    if k == "figure":
        return alnum(b["caption"] + ("信息来源" + b["note"] if b["note"] else ""))
    if k == "entry":
        return alnum((b["date"] or "") + b["title"] + "".join(b["desc"]) +
                     "".join(f"{n}{t}" for n, t in b["items"]))
    if k in ("front_start",):
        return ""
    return alnum(b.get("text", ""))


def derive(engine, tool, stem=gen_report.DEFAULT_STEM, text_path=None, out_name=None):
    gen_report.set_doc(stem)
    base, prefix = gen_report.names(stem)
    hand = json.loads(gen_report.GOLD.read_text(encoding="utf-8"))
    pages = json.loads((ROOT / f"tests/extractors/pdf/{base.format(engine=engine)}.pages.json").read_text(encoding="utf-8"))
    rel = f"tests/corpus/{prefix}{engine}-{tool}.zh.txt"
    text = (Path(text_path) if text_path else ROOT / rel).read_bytes().decode("utf-8")
    lines = text.split("\n")
    _, blocks = gen_report.blocks()
    body = [b for b in blocks if b["kind"] not in ("toc", "toc_head", "front_start")]
    texts = [printed(b) for b in body]

    def key_at(i):
        """16 letters/digits printed from block i on."""
        k = ""
        j = i
        while len(k) < KEY and j < len(body):
            k += texts[j]
            j += 1
        return k[:KEY]

    labels = {i + 1 for i, l in enumerate(lines) if LABEL.match(l.replace("\f", "").strip())}
    runs = {alnum(b["run"]) for b in blocks if "run" in b} | {alnum(gen_report.REPORT_TITLE)}
    # PDFium glues the previous page's number onto the next page's first line (`14附录：2021…`):
    # a running header with that number in front is still the running header
    header_like = {i + 1 for i, l in enumerate(lines) if alnum(l) in runs or alnum(l).lstrip("0123456789") in runs}
    A = Stream(lines, labels)

    gold = json.loads(json.dumps(hand))
    gold["source"] = f"tests/extractors/pdf/{base.format(engine=engine)}.pdf" if text_path else rel

    # ---- front matter: authors, in printed order
    cur = 0
    for a in gold["metadata"]["authors"]:
        key = alnum(a["name"]) + (alnum(a["affiliation"])[:4] if a["affiliation"] else "")
        try:
            p = A.find(key, cur, f"author {a['name']}")
        except SystemExit:
            # a role between name and affiliation (`冯启明（负责人），复旦大学…`, heldout-2018):
            # the name, then the affiliation's start within the next 8 characters
            name, aff = alnum(a["name"]), alnum(a["affiliation"] or "")[:4]
            p = A.find(name, cur, f"author {a['name']}")
            while aff not in A.s[p + len(name):p + len(name) + 8 + len(aff)]:
                p = A.find(name, p + 1, f"author {a['name']}")
        a["line"] = A.line[p]
        cur = p + len(alnum(a["name"]))
    # ---- TOC (full text; pages from the PDF)
    toc_blocks = [b for b in blocks if b["kind"] == "toc"]
    after_authors = cur
    cur = A.find(alnum("目录"), cur, "the TOC heading")
    # pdftotext can print a TOC heading after the entries (Chromium's flex TOC lines: the titles,
    # then `目录`, then the numbers): the entries then all lie, in order, before it
    q = after_authors
    for b in toc_blocks:
        q = A.s.find(alnum(b["text"]), q, cur)
        if q < 0:
            break
        q += len(alnum(b["text"]))
    if q >= 0:
        cur = after_authors
    anchors = pages["anchors"]
    plabel = {p["index"]: p["label"] for p in pages["pages"]}
    for t, b in zip(gold["toc"], toc_blocks):
        k = alnum(b["text"])
        p = A.find(k, cur, f"toc {b['text']}")
        t["line"] = A.line[p]
        t["page"] = int(plabel[anchors[b["target"]]])
        cur = p + len(k)
    toc_end = cur

    # ---- headings: in the stream with the running headers still in, heading + what follows
    hpos = {}
    cur = toc_end
    heading_lines = set()
    for i, b in enumerate(body):
        if b["kind"] in ("part", "chapter", "section"):
            k = key_at(i)
            k = (texts[i] + key_at(i + 1)[:6]) if len(texts[i]) >= KEY - 6 else k
            m = re.match(r"^(第.{1,3}[章节])\s*(.*)$", b["text"])
            try:
                p = A.find(k, cur, f"heading {b['text']}")
                # A running header over its heading on the heading's own page (`附录：2019…大事记`
                # over `附录` / `2019…大事记`) spells the heading and what follows it: where that
                # header stands on a line of its own (the PDF's derived text, and every dump that
                # prints it above the heading), the heading is the next match, not the header
                while A.line[p] in header_like and alnum(lines[A.line[p] - 1]) != texts[i]:
                    q = A.s.find(k, p + 1)
                    if q < 0:
                        break
                    p = q
                hpos[b["id"]] = A.line[p]
                heading_lines.update(A.line[p:p + len(texts[i])])
                cur = p + len(texts[i])
            except SystemExit:
                if not m:
                    raise
                # pdftotext can interleave a chapter's heading with the running header of the same
                # words (`第四章` / `第四章` / `中俄经贸合作的发展` / `中俄经贸合作的发展`): the
                # heading's label is then the last one before its title and what follows it
                lab, title = alnum(m.group(1)), alnum(m.group(2))
                p2 = A.find(title + key_at(i + 1)[:6], cur, f"heading {b['text']}")
                p = A.s.rfind(lab, cur, p2)
                if p < 0:
                    raise
                hpos[b["id"]] = A.line[p]
                heading_lines.update(A.line[p:p + len(lab)] + A.line[p2:p2 + len(title)])
                cur = p2 + len(title)
    B = Stream(lines, labels | (header_like - heading_lines))

    # ---- every element block, in order, in the furniture-free stream
    pos = {}
    cur = B.pos_of_line(max(A.line[toc_end - 1], 1) + 1)
    for i, b in enumerate(body):
        if "id" not in b:
            continue
        if b["kind"] in ("part", "chapter", "section"):
            cur = B.pos_of_line(hpos[b["id"]])
            pos[b["id"]] = cur
            cur += len(texts[i])
            continue
        k = key_at(i)
        what = f"{b['kind']} {b['id']} {(b.get('text') or b.get('caption') or b.get('title', ''))[:30]}"
        m = re.match(r"^((?:表|图)\s*[0-9一二三四五六七八九十]+)\.?\s*(.*)$", b.get("caption", ""))
        try:
            p = B.find(k, cur, what)
        except SystemExit:
            if not m:
                raise
            # pdftotext can interleave a caption with the table's header row (`表 2.` /
            # `商品类别` / `2019 年俄罗斯对中国出口商品结构`): the caption starts at the last
            # label before the rest of its text
            lab, rest = alnum(m.group(1)), alnum(m.group(2))[:12]
            p2 = B.find(rest, cur, what)
            p = B.s.rfind(lab, cur, p2)
            if p < 0:
                # the caption's first words also open the paragraph before it (`图 1 展示了
                # 2017—2021 年俄罗斯对华…`, and XeLaTeX set the caption's label, the running header
                # and its title on three lines): key by the whole title
                rest = alnum(m.group(2))
                p2 = B.find(rest, cur, what)
                p = B.s.rfind(lab, cur, p2)
            if p < 0:
                raise
        pos[b["id"]] = p
        cur = p + 1
    # entry ends: the last occurrence of the entry's last characters before the next element
    order = sorted(pos.items(), key=lambda x: x[1])
    nxt = {order[j][0]: (order[j + 1][1] if j + 1 < len(order) else len(B.s)) for j in range(len(order))}
    ends = {}
    for i, b in enumerate(body):
        if b["kind"] != "entry":
            continue
        start, stop = pos[b["id"]], nxt[b["id"]]
        for n in (12, 6, 3, 1):
            suf = texts[i][-n:]
            p = B.s.rfind(suf, start, stop)
            if p >= 0:
                ends[b["id"]] = B.line[p + len(suf) - 1]
                break
        else:
            raise SystemExit(f"cannot locate the end of entry {b['id']}")

    def line_of(bid):
        return hpos[bid] if bid in hpos else B.line[pos[bid]]

    for h in gold["headings"]:
        h["line"] = line_of(f"h{h['line']}")
    for t in gold["tables"]:
        t["line"] = line_of(f"t{t['line']}")
    for f in gold["figures"]:
        f["line"] = line_of(f"f{f['line']}")
    for r in gold["recommendations"]:
        r["line"] = line_of(f"r{r['line']}")
    chron = gold["chronology"] or {"categories": [], "entries": []}  # 2024: a report without one
    for c in chron["categories"]:
        c["line"] = line_of(f"c{c['line']}")
    for e in chron["entries"]:
        bid = f"e{e['line']}"
        e["line"], e["line_end"] = line_of(bid), ends[bid]
        assert e["line_end"] >= e["line"], bid
    if "paragraphs" in gold:
        notes = {}
        for b in body:
            for ppos, num, ntext, *_call in b.get("notes", []):
                notes[num] = (b, ppos)
        flat = "".join(lines).replace("\f", "").replace("\r", "")
        for para in gold["paragraphs"]:
            para["line"] = line_of(f"p{para['line']}")
            para["text"] = calls_as_printed(para["text"], flat)
        for f in gold.get("footnotes") or []:
            b, ppos = notes[f["number"]]
            start = pos[b["id"]]
            pre = alnum(b["text"][:ppos])
            q = B.find(pre[-10:], start, f"footnote {f['number']} call") + len(pre[-10:]) - 1
            f["marker_line"] = B.line[q]
            k = alnum(f["text"])[:KEY]
            p = B.find(k, q, f"footnote {f['number']}")
            line = B.line[p]
            if alnum(lines[line - 1]).startswith(k[:4]):  # the number on a line of its own before it
                j = line - 1
                while j > 1 and not lines[j - 1].strip():
                    j -= 1
                if lines[j - 1].replace("\f", "").replace("\r", "").strip() == str(f["number"]):
                    line = j
            f["line"] = line

    starts = []
    for bid, pg in anchors.items():
        if bid in hpos or bid in pos:
            starts.append((line_of(bid), pg))
    pb = page_breaks(lines, pages, A, starts)
    if pb is None:
        pb = page_breaks_top(lines, pages, starts)
    if pb is not None:
        gold["page_breaks"] = pb
    else:
        gold.pop("page_breaks", None)
    out = ROOT / (out_name or f"tests/gold/{prefix}{engine}-{tool}.zh.gold.json")
    out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out.relative_to(ROOT)}: {len(gold['headings'])} headings, {len((gold['chronology'] or {}).get('entries', []))} entries, "
          f"page_breaks {'none' if pb is None else len(pb)}")


def page_breaks(lines, pages, A, starts):
    """FORMAT.md page_breaks: for every numbered page, the first furniture line of the break
    after it, in order (the last page's too: its number ends the text, as in the hand golds). A page's furniture is its number line and its running header
    line; `page` is null for the roman-numbered front matter. The number line is a line holding
    only the printed number, or, for PDFium (which has no newline between pages), the line that
    starts with the number glued to the next page's first text (`17中俄两国…`, `1中俄对话：2020 模式`).
    Where the tool prints the running header after the page body (WeasyPrint's margin boxes are
    painted last), the header line just before the number is the first furniture line; PDFium
    glues that header onto the page's last body line, which then is. The result is checked
    against the pages of the gold elements (`starts`: [(dump line, physical page)]): every
    element must lie between the breaks around its page. Returns None when a number line is
    not found or the check fails."""
    out = []
    cur = 0
    numbered = [p for p in pages["pages"] if p["label"]]
    phys = []
    body_from = min(line for line, _ in starts) - 1  # a body page's number follows its first element
    for n, p in enumerate(numbered):
        lab, hdr = p["label"], p["header"]
        last = n + 1 == len(numbered)
        nhdr = None if last else numbered[n + 1]["header"]
        found = None
        # (not a TOC page number that pdftotext printed in a column of its own: Chromium)
        for j in range(max(cur, body_from) if lab.isdigit() else cur, len(lines)):
            s = lines[j].replace("\f", "").replace("\r", "").strip()
            if s == lab:
                found = j
                break
            if lab.isdigit() and s.endswith(lab) and len(s) > len(lab) + 1 and s[-len(lab) - 1].isascii() \
                    and s[-len(lab) - 1].isalpha() and not lines[j + 1].strip() if j + 1 < len(lines) else False:
                # pdftotext joins a word hyphenated at the page's last line to the number below
                # (`…启迪控股股份有限公司（Tus34`, Chromium)
                found = j
                break
            if s.startswith(lab) and len(s) > len(lab) and j > 0 and not (lab.isalpha() and s[len(lab)] in "ivxlc"):
                # a glued number: the previous line must end the page (hold its header, or the
                # page has none), or the rest of the line is the next page's header; a digit
                # after the number (`382012 年，…`) only when the previous line holds the header
                prev, rest = alnum(lines[j - 1]), alnum(s[len(lab):])
                ends = bool(hdr) and prev.endswith(alnum(hdr))
                if s[len(lab)].isdigit():
                    ok = ends
                else:
                    ok = hdr is None or ends or bool(nhdr and rest.startswith(alnum(nhdr)))
                if ok:
                    found = j
                    break
        if found is None and last:
            break  # a tool that drops the last page's furniture: the text ends with its body
        if found is None:
            return None
        first = found
        k = found - 1
        while k > cur and not lines[k].strip():
            k -= 1
        if hdr and k > cur and alnum(lines[k]).endswith(alnum(hdr)) and alnum(lines[k]) != alnum(lines[found]):
            first = k
        out.append({"line": first + 1, "page": int(lab) if lab.isdigit() else None})
        phys.append(p["index"])
        cur = found + 1
    return out if breaks_hold(out, phys, starts) else None


def breaks_hold(out, phys, starts):
    """An element starting on physical page P lies on or after the break that ends the page
    before P (on it when PDFium glued the number to the element's first line) and on or before
    the break that ends P."""
    brk = dict(zip(phys, [b["line"] for b in out]))
    for line, page in starts:
        before = [brk[q] for q in phys if q < page]
        after = [brk[q] for q in phys if q >= page]
        if (before and line < max(before)) or (after and line > min(after)):
            return False
    return True


def top_label(line, lab, hdr):
    """Whether a dump line is the number line `lab` of a page whose furniture comes first: the
    number alone, or (PDFium, a page without running header) glued to the end of the previous
    page's last line (`2018 年 6 月i`)."""
    s = line.replace("\f", "").replace("\r", "").strip()
    if s == lab:
        return True
    if hdr is not None or not s.endswith(lab) or len(s) <= len(lab):
        return False
    before = s[-len(lab) - 1]
    # after a TOC line's own number (`…评估 5iv`) only a roman number is told apart
    return not before.isascii() or (lab.isalpha() and not before.isalpha())


def page_breaks_top(lines, pages, starts):
    """page_breaks() for a tool that prints a page's furniture before its body (Chromium paints
    the margin boxes first; PyMuPDF, PDFium and `pdftotext -raw` keep that order): the break
    after page N is the furniture at the top of the next numbered page, its running header line
    (PDFium glues it to page N's last line) or else its number line (see top_label()). The first
    body number is looked for among the four lines before the first body element (not the TOC's
    numbers). An unnumbered cover ends at the first numbered page's furniture (page null).
    Returns None when a number line is not found or the check fails."""
    numbered = [p for p in pages["pages"] if p["label"]]
    body_from = min(line for line, _ in starts) - 1
    out, phys, cur = [], [], 0
    cover = pages["pages"][0] if pages["pages"] else None
    if numbered and cover and not cover["label"] and cover["index"] < numbered[0]["index"]:
        # the break after an unnumbered cover: the first numbered page's furniture at its top
        lab, hdr = numbered[0]["label"], numbered[0]["header"]
        found = next((j for j in range(len(lines)) if top_label(lines[j], lab, hdr)), None)
        if found is not None:
            out.append({"line": found + 1, "page": None})
            phys.append(cover["index"])
            cur = found + 1
    for n, p in enumerate(numbered[:-1]):
        nxt = numbered[n + 1]
        lab, hdr = nxt["label"], nxt["header"]
        lo = cur
        if lab.isdigit() and not any(q["label"].isdigit() for q in numbered[:n + 1]):
            lo = max(cur, body_from - 4)
        found = next((j for j in range(lo, len(lines)) if top_label(lines[j], lab, hdr)), None)
        if found is None:
            return None
        first = found
        k = found - 1
        while k > cur and not lines[k].strip():
            k -= 1
        if hdr and k >= cur and alnum(lines[k]).endswith(alnum(hdr)):
            first = k
        out.append({"line": first + 1, "page": int(p["label"]) if p["label"].isdigit() else None})
        phys.append(p["index"])
        cur = found + 1
    return out if breaks_hold(out, phys, starts) else None


def main():
    args = sys.argv[1:]
    stem = gen_report.DEFAULT_STEM
    if args[:1] == ["--doc"]:
        stem, args = args[1], args[2:]
    if args == ["--all"]:
        prefix = gen_report.names(stem)[1]
        for f in sorted((ROOT / "tests/corpus").glob(f"{prefix}*.zh.txt")):
            eng, tool = re.match(re.escape(prefix) + r"([a-z]+)-(.+)\.zh\.txt", f.name).groups()
            derive(eng, tool, stem)
    elif args[:1] == ["--pdf"]:
        base = gen_report.names(stem)[0].format(engine=args[1])
        derive(args[1], "crdoc", stem, args[2], f"tests/gold/pdf-{base}.zh.gold.json")
    else:
        derive(args[0], args[1], stem)


if __name__ == "__main__":
    main()
