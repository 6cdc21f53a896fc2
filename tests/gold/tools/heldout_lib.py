"""Page writer shared by the held-out document generators (make_heldout_2022.py, make_heldout_2024.py).

The generators write a document the way a PDF-to-text tool prints it (wrapped lines, page
furniture, footnotes at page bottoms) and, at the same time, record where each structural element
was written, so the gold annotation is made from the author's own knowledge of the text, never from
the converter's output. Python 3, stdlib only.
"""

import json
import os


def is_ascii_word(c):
    return c.isascii() and not c.isspace()


def wrap(text, width):
    """Cut `text` into lines of about `width` columns (CJK = 1, ASCII = 0.5), never between two
    ASCII non-space characters, as a PDF line breaker would for this text."""
    lines, cur, w = [], "", 0.0
    for i, c in enumerate(text):
        cur += c
        w += 0.5 if c.isascii() else 1.0
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if w >= width and nxt and not (is_ascii_word(c) and is_ascii_word(nxt)) and nxt not in "，。、；：）”》":
            lines.append(cur.rstrip())
            cur, w = "", 0.0
    if cur.strip():
        lines.append(cur.rstrip())
    return [l.lstrip() if k else l for k, l in enumerate(lines)]


def line_of(full, lines, pos):
    """Index of the wrapped line (from `wrap(full, …)`) that holds character `pos` of `full`."""
    cursor = 0
    for k, l in enumerate(lines):
        start = full.find(l, cursor)
        if start <= pos < start + len(l):
            return k
        cursor = start + len(l)
    raise ValueError(f"position {pos} not in the wrapped lines")


class Writer:
    """Collects physical lines; once paging is on, ends a page every `targets[k]` content lines
    and prints the page furniture (footnotes, page number, next page's running header)."""

    def __init__(self, targets, furniture):
        self.out = []
        self.targets = targets
        self.furniture = furniture  # callable(writer, page, notes) -> list of lines
        self.paging = False
        self.page = 0
        self.count = 0
        self.notes = []
        self.breaks = []  # (page, first furniture line, last furniture line)
        self.marker_lines = {}  # footnote number -> body line carrying its marker
        self.footnotes = []  # {"number", "text", "line", "marker_line"}
        self.on_break = None  # callback after a break (table header repeat)
        self.running = ""  # running header of the current chapter
        self.number_text = str  # how a page number line reads once stripped

    @property
    def n(self):
        return len(self.out)

    def start_paging(self, page):
        self.paging = True
        self.page = page
        self.count = 0

    def ln(self, text=""):
        """Append one line; return its 1-based number (the line is on page `self.last_page`)."""
        self.out.append(text)
        no = len(self.out)
        self.last_page = self.page
        if self.paging:
            self.count += 1
            target = self.targets[(self.page - 1) % len(self.targets)]
            if self.count >= target:
                self.brk()
        return no

    def brk(self):
        first = len(self.out) + 1
        for l in self.furniture(self, self.page, self.notes):
            self.out.append(l)
        self._record_notes(first, self.notes)
        self.last_number = self.number_text(self.page)
        self.breaks.append((self.page, first, len(self.out)))
        self.notes = []
        self.page += 1
        self.count = 0
        if self.on_break:
            self.on_break()

    def end(self, last_page_furniture):
        """End of the document: the last page's footnotes and page number, no next header."""
        if self.paging and not self.count and self.breaks:
            # the text ended exactly at a page end: no running header for a page that does not exist
            page, first, _ = self.breaks[-1]
            while self.out and self.out[-1].strip() != self.last_number:
                self.out.pop()
            self.breaks[-1] = (page, first, len(self.out))
        elif self.paging and self.count:
            first = len(self.out) + 1
            self.out.extend(last_page_furniture(self, self.page, self.notes))
            self._record_notes(first, self.notes)
            self.breaks.append((self.page, first, len(self.out)))
            self.notes = []

    def note(self, number, text):
        """Register a footnote whose marker is on the next line written."""
        self.notes.append((number, text))
        self.marker_lines[number] = len(self.out) + 1

    def _record_notes(self, first, notes):
        for num, text in notes:
            line = next(k for k in range(first, len(self.out) + 1) if text in self.out[k - 1])
            self.footnotes.append({"number": num, "text": text, "line": line,
                                   "marker_line": self.marker_lines.get(num)})

    def page_breaks(self):
        """Gold page breaks: the first furniture line of each numbered page end (page number, rule
        or running header; not footnotes, not blank lines), and every line that holds only a form
        feed before the numbered pages (page null)."""
        notes = {f["line"] for f in self.footnotes}
        out = []
        for k, l in enumerate(self.out[: self.breaks[0][1] - 1] if self.breaks else self.out, 1):
            if l.strip() == "" and "\f" in l:
                out.append({"line": k, "page": None})
        for page, first, last in self.breaks:
            line = next(k for k in range(first, last + 1)
                        if self.out[k - 1].replace("\f", "").strip() and k not in notes)
            out.append({"line": line, "page": page})
        return out

    def text(self):
        return "\n".join(self.out) + "\n"


def dump(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def date_iso(y, m, d):
    return f"{y:04d}-{m:02d}-{d:02d}"


class DocBase:
    """What the held-out document builders share: blank lines, headings (with the page they
    land on, and the running header they start), figures, and the recommendations part. A
    subclass has `w`, `pages`, `headings`, `figures`, `recs` and `para`."""

    def blank(self):
        self.w.ln("")

    def heading(self, kind, title, label=None, number=None, chapter=None, printed=None, running=None):
        lines = printed or [f"{label} {title}" if label else title]
        no = None
        for l in lines:
            n = self.w.ln(l)
            no = no or n
            page = self.w.last_page
        self.pages[(kind, chapter, number, title)] = page
        self.headings.append({"kind": kind, "chapter": chapter if kind == "section" else None,
                              "number": number, "label": label, "title": title, "line": no})
        if running is not None:
            self.w.running = running
        self.blank()
        return no

    def figure(self, f):
        w = self.w
        cap = w.ln(f"{f['label']}. {f['caption']}（单位：{f['unit']}）")
        w.ln("")
        for l in f["art"]:
            w.ln(l)
        w.ln("")
        w.ln("（信息来源）" + f["note"])
        w.ln("")
        self.figures.append({"label": f["label"], "number": f["number"], "caption": f["caption"],
                             "unit": f["unit"], "source_note": f["note"], "line": cap})

    def recommendations(self, running, recs):
        """The 建议 part (running header `running`): `recs` = [(group, [[paragraph, …], …])]."""
        w = self.w
        self.heading("part", "建议", printed=["建  议"], running=running)
        n = 0
        for group, items in recs:
            w.ln(group)
            w.ln("")
            for paras in items:
                n += 1
                first = self.para(paras[0], prefix=f"{n}. ", body=False)
                for p in paras[1:]:
                    self.para(p, body=False)
                self.recs.append({"number": n, "group": group, "text": "\n".join(paras), "line": first})


def generate(doc_class, root, stem):
    """Build the document twice (the first pass learns the page each heading lands on, for the
    TOC), then write `tests/corpus/<stem>.txt` and `tests/gold/<stem>.gold.json`."""
    first = doc_class({})
    first.build()
    second = doc_class(first.pages)
    second.build()
    assert len(first.w.out) == len(second.w.out)
    gold = second.finish()
    with open(os.path.join(root, "tests/corpus", f"{stem}.txt"), "w", encoding="utf-8") as f:
        f.write(second.w.text())
    dump(os.path.join(root, "tests/gold", f"{stem}.gold.json"), gold)
    print(f"{stem}: {second.w.n} lines, {len(second.w.breaks)} page breaks")
    for p, a, b in second.w.breaks:
        print(f"  page {p} ends: furniture lines {a}-{b}")
