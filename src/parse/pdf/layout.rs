//! Positioned spans → the derived text: the text a good dump of the PDF would be, in the shape
//! the text parsers read best (the clean sample's): one paragraph per line and a blank line
//! between blocks, `title<TAB>page` in the TOC, TAB between table cells, `**…**` around bold
//! runs inside a paragraph, `DATE **TITLE**` for a bold date over a bold title (a chronology
//! entry). Each page starts with a form feed (after the first), its running header first and its
//! page number last, each on a line of its own, so the pages stage finds the breaks and pages.
//!
//! 1. Lines: spans grouped by vertical overlap, sorted top to bottom and left to right; no space
//!    is ever put between two CJK characters; a vertical rule or a gap of [`CELL_GAP_EM`] between
//!    two spans is a cell boundary (TAB).
//! 2. Furniture: lines in the top ([`TOP_BAND`]) and bottom ([`BOTTOM_BAND`]) bands of the page.
//!    Nothing is left out: a running header over the heading it repeats stays (as furniture; the
//!    pages stage tells it from the heading).
//! 3. Paragraphs: a line starts a new paragraph when it is indented against the line before, when
//!    the line before ends short of the right margin, at a bullet (followed by a space in the
//!    text), at a raised small number (a footnote's marker), a change of size or weight, a
//!    vertical gap of more than [`PARA_GAP_EM`] or a line pitch wider than the document's
//!    (measured under lines that reach the right edge), and around TOC and table rows. A
//!    line-end hyphen before a lowercase Latin letter joins the word.

use super::spans::{Page, Rule, Span};

/// The top band of a page (share of its height): lines whose middle lies above are furniture.
pub const TOP_BAND: f32 = 0.92;
/// The bottom band of a page (share of its height): lines whose middle lies below are furniture.
pub const BOTTOM_BAND: f32 = 0.075;
/// A horizontal gap between two spans of one line, in em, that makes a cell boundary.
pub const CELL_GAP_EM: f32 = 1.8;
/// A vertical gap between two lines, in em, that ends a paragraph.
pub const PARA_GAP_EM: f32 = 1.0;

/// Where a line of the derived text was drawn: page (1-based) and box in PDF points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineBox {
    /// 1-based page index in the file.
    pub page: u32,
    /// Left.
    pub x0: f32,
    /// Bottom.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Top.
    pub y1: f32,
}

impl LineBox {
    /// The smallest box holding both (on the page of `self`).
    pub fn union(self, o: LineBox) -> LineBox {
        LineBox {
            page: self.page,
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }
}

/// The derived text of a PDF and where each of its lines came from.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The derived text (`\n` line ends; a form feed starts every page after the first).
    pub text: String,
    /// One entry per line of `text` (split on `\n`): its box, `None` for blank lines.
    pub boxes: Vec<Option<LineBox>>,
    /// One entry per line of `text`: printed in a page's top or bottom band (running header,
    /// footer, page number).
    pub furniture: Vec<bool>,
    /// 1-based pages without any text.
    pub empty_pages: Vec<u32>,
    /// 1-based pages with text a font could not map to Unicode (private-use or U+FFFD).
    pub unmapped_pages: Vec<u32>,
    /// Characters of text read in all.
    pub chars: usize,
}

/// CJK ideographs, kana, hangul and full-width punctuation: written without spaces between them.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Private-use or replacement characters: what a font without a Unicode map gives.
pub fn is_unmapped(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFFFD)
}

/// One span on a line: its text with white space collapsed.
#[derive(Debug, Clone)]
struct Seg {
    text: String,
    bold: bool,
    x0: f32,
    x1: f32,
    /// Bottom of its box and its font size (a raised, smaller note marker differs from both).
    y0: f32,
    size: f32,
    /// White space before / after the text in the PDF's string.
    ws_before: bool,
    ws_after: bool,
}

/// One visual line.
#[derive(Debug, Clone)]
struct VLine {
    segs: Vec<Seg>,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    size: f32,
}

impl VLine {
    fn all_bold(&self) -> bool {
        self.segs.iter().all(|s| s.bold)
    }
    fn first_char(&self) -> Option<char> {
        self.segs.first().and_then(|s| s.text.chars().next())
    }
    fn plain(&self) -> String {
        self.segs.iter().map(|s| s.text.as_str()).collect()
    }
}

fn collapse(s: &str) -> Seg {
    let mut out = String::with_capacity(s.len());
    let mut ws = false;
    for c in s.chars() {
        // A non-breaking hyphen is a typesetting choice: the text has a hyphen.
        let c = if c == '\u{2011}' { '-' } else { c };
        if c.is_whitespace() {
            ws = true;
        } else {
            if ws && !out.is_empty() {
                out.push(' ');
            }
            ws = false;
            out.push(c);
        }
    }
    Seg {
        text: out,
        bold: false,
        x0: 0.0,
        x1: 0.0,
        y0: 0.0,
        size: 0.0,
        ws_before: s.starts_with(char::is_whitespace),
        ws_after: s.ends_with(char::is_whitespace),
    }
}

/// Group a page's spans into visual lines, top to bottom.
fn visual_lines(spans: &[Span]) -> Vec<VLine> {
    let mut sorted: Vec<&Span> = spans.iter().filter(|s| s.x0.is_finite() && s.y0.is_finite()).collect();
    sorted.sort_by(|a, b| b.y1.total_cmp(&a.y1).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<(f32, f32, Vec<&Span>)> = Vec::new();
    for s in sorted {
        let mid = (s.y0 + s.y1) / 2.0;
        let found = groups.iter_mut().rev().take(4).find(|(lo, hi, _)| mid > *lo && mid < *hi);
        match found {
            Some((lo, hi, g)) => {
                *lo = lo.min(s.y0);
                *hi = hi.max(s.y1);
                g.push(s)
            }
            None => groups.push((s.y0, s.y1, vec![s])),
        }
    }
    let mut lines: Vec<VLine> = groups
        .into_iter()
        .map(|(_, _, mut g)| {
            g.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let segs: Vec<Seg> = g
                .iter()
                .map(|s| Seg { bold: s.bold, x0: s.x0, x1: s.x1, y0: s.y0, size: s.size, ..collapse(&s.text) })
                .filter(|s| !s.text.is_empty())
                .collect();
            VLine {
                x0: g.iter().map(|s| s.x0).fold(f32::MAX, f32::min),
                y0: g.iter().map(|s| s.y0).fold(f32::MAX, f32::min),
                x1: g.iter().map(|s| s.x1).fold(f32::MIN, f32::max),
                y1: g.iter().map(|s| s.y1).fold(f32::MIN, f32::max),
                size: g.iter().map(|s| s.size).fold(0.0, f32::max).max(1.0),
                segs,
            }
        })
        .filter(|l| !l.segs.is_empty())
        .collect();
    lines.sort_by(|a, b| b.y1.total_cmp(&a.y1));
    lines
}

/// Is there a vertical rule between `a` and `b` (x positions) crossing the line's height?
fn rule_between(rules: &[Rule], x_a: f32, x_b: f32, y0: f32, y1: f32) -> bool {
    let mid = (y0 + y1) / 2.0;
    rules.iter().any(|r| {
        (r.x1 - r.x0).abs() < 1.0
            && r.y1 - r.y0 > 3.0
            && r.y0 <= mid
            && r.y1 >= mid
            && r.x0 >= x_a - 1.5
            && r.x0 <= x_b + 1.5
    })
}

/// Is there a horizontal rule between line `p` and the line `l` below it, running under `l`'s
/// text (between the two lines' middles)? A table's bottom rule, or the rule between two rows of
/// a ruled grid: what stands under it is not the rest of the row above.
fn rule_under(rules: &[Rule], p: &VLine, l: &VLine) -> bool {
    let (top, bottom) = ((p.y0 + p.y1) / 2.0, (l.y0 + l.y1) / 2.0);
    rules.iter().any(|r| {
        (r.y1 - r.y0).abs() < 1.0 && r.x1 - r.x0 > 3.0 && r.y0 < top && r.y0 > bottom && r.x0 < l.x1 && r.x1 > l.x0
    })
}

/// The separator between two pieces of text: "" or " ".
fn join_sep(prev: &str, next: &str, ws: bool, gap_space: bool, wide_gap: bool) -> &'static str {
    let (Some(a), Some(b)) = (prev.chars().last(), next.chars().next()) else { return "" };
    // Between two CJK characters only a gap of half an em is a space (the stretch of a justified
    // line, or a space character the typesetter put there, is not).
    if is_cjk(a) && is_cjk(b) {
        return if wide_gap { " " } else { "" };
    }
    if ws || gap_space {
        " "
    } else {
        ""
    }
}

/// Pieces of rich text: (text, bold), with the TAB of cell boundaries as its own unbolded piece.
type Pieces = Vec<(String, bool)>;

/// Whether the boundary between two spans of a line can be a word space: white space at it or a
/// gap over 0.15 em (a cell gap aside).
fn word_boundary(gap: f32, ws: bool, size: f32) -> bool {
    (ws || gap > 0.15 * size) && !cell_gap(gap, ws, size)
}

/// A gap between two spans of a line wide enough to be a cell boundary: [`CELL_GAP_EM`], and half
/// an em more where the reader saw white space (a space of a justified line is stretched; span
/// extents are those of the glyphs, without the space).
fn cell_gap(gap: f32, ws: bool, size: f32) -> bool {
    gap > (CELL_GAP_EM + if ws { 0.5 } else { 0.0 }) * size
}

/// The boundaries of a line (`k`: between segments `k` and `k + 1`) inside letter-spaced text:
/// a run of at least [`LETTER_RUN`] boundaries next to a one-glyph segment, each gap under 0.3 em,
/// alike within 0.1 em, and under a quarter of the widest word gap of the line (`widest`: a
/// justified line stretches its word spaces alike, so these are no word spaces). XeTeX sets a
/// URL's `https:` glyph by glyph and the reader puts a space after every letter: `h t t p s :`.
fn letter_spaced(segs: &[Seg], size: f32, widest: f32) -> Vec<bool> {
    let n = segs.len().saturating_sub(1);
    let gap = |k: usize| segs[k + 1].x0 - segs[k].x1;
    let one = |s: &Seg| s.text.chars().count() == 1;
    let small = |k: usize| (one(&segs[k]) || one(&segs[k + 1])) && gap(k) < 0.3 * size && gap(k) < 0.25 * widest;
    let mut out = vec![false; n];
    let mut k = 0;
    while k < n {
        let start = k;
        while k < n && small(k) && (k == start || (gap(k) - gap(start)).abs() < 0.1 * size) {
            k += 1;
        }
        if k - start >= LETTER_RUN {
            out[start..k].iter_mut().for_each(|b| *b = true);
        }
        k = k.max(start + 1);
    }
    out
}

/// See [`letter_spaced`]: boundaries in a run (four glyphs).
const LETTER_RUN: usize = 3;

/// A list item's marker alone: `13.`, `3、`, `(4)`, `5)`, or a bullet.
fn is_list_marker(text: &str) -> bool {
    let t = text.trim();
    let mut cs = t.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return is_bullet(c);
    }
    let inner = t.strip_prefix(['(', '（']).unwrap_or(t);
    let digits = inner.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&digits) && matches!(&inner[digits..], "." | "．" | "、" | ")" | "）")
}

/// The boundary after a line's first segment is the stretched space of a justified list item
/// (`13.` then the item's text, WeasyPrint widening the only space of the line), not a cell
/// boundary, when that segment is a list marker and no other gap of the line is a cell gap.
fn marker_gap(l: &VLine) -> bool {
    let [first, ..] = l.segs.as_slice() else { return false };
    let wide =
        l.segs.windows(2).filter(|w| cell_gap(w[1].x0 - w[0].x1, w[0].ws_after || w[1].ws_before, l.size)).count();
    is_list_marker(&first.text) && wide == 1
}

/// A space glyph between two CJK segments of a line needs a gap this much wider (in em) than
/// the line's common gap between CJK segments (the stretch of a justified line).
const CJK_SPACE_OVER_STRETCH_EM: f32 = 0.15;

/// The gap over which white space between two CJK segments of a line is a space: the line's
/// median gap between CJK segments (0 with fewer than three such boundaries: what justification
/// puts between every two of them) plus [`CJK_SPACE_OVER_STRETCH_EM`], at most half an em. The
/// rule [`super::spans`] applies between the glyphs of one span, across spans: Chromium draws
/// the space of `吴景文 复旦大学` or `表一 中国…` as a run of its own.
fn cjk_space_gap(segs: &[Seg], size: f32) -> f32 {
    let mut gaps: Vec<f32> = segs
        .windows(2)
        .filter(|w| w[0].text.chars().last().is_some_and(is_cjk) && w[1].text.chars().next().is_some_and(is_cjk))
        .map(|w| w[1].x0 - w[0].x1)
        .collect();
    let stretch = if gaps.len() < 3 {
        0.0
    } else {
        gaps.sort_by(f32::total_cmp);
        gaps[gaps.len() / 2].max(0.0)
    };
    (stretch + CJK_SPACE_OVER_STRETCH_EM * size).min(0.5 * size)
}

/// In a line that already has a cell boundary (a table row), a gap of this many em (half an em
/// more over white space) is one too: a header row of narrow columns whose cells, centred, stand
/// an em apart (`商品类别 … 出口量（百万美元） 占总出口量份额（%） 与2018年相比（%）`).
const ROW_CELL_GAP_EM: f32 = 0.9;

/// For each boundary `k` of a line (between segments `k` and `k + 1`): is it a cell boundary?
/// A gap of [`CELL_GAP_EM`] (not the stretched space after a list marker, [`marker_gap`]) or a
/// vertical rule; then, in a line with one, a gap of [`ROW_CELL_GAP_EM`]. A TOC line (its last
/// segment a page number) keeps only the first kind.
fn cell_boundaries(l: &VLine, rules: &[Rule]) -> Vec<bool> {
    let marker = marker_gap(l);
    let gaps: Vec<(f32, bool)> =
        l.segs.windows(2).map(|w| (w[1].x0 - w[0].x1, w[0].ws_after || w[1].ws_before)).collect();
    let mut out: Vec<bool> = gaps
        .iter()
        .enumerate()
        .map(|(k, &(gap, ws))| {
            let (a, b) = (&l.segs[k], &l.segs[k + 1]);
            (cell_gap(gap, ws, l.size) && !(marker && k == 0))
                || (gap > 0.5 && rule_between(rules, a.x1, b.x0, l.y0, l.y1))
        })
        .collect();
    if out.iter().any(|&b| b) && !ends_with_page_number(l) && !marker {
        for (k, &(gap, ws)) in gaps.iter().enumerate() {
            if gap > (ROW_CELL_GAP_EM + if ws { 0.5 } else { 0.0 }) * l.size {
                out[k] = true;
            }
        }
    }
    out
}

/// The line's last segment is a page number (arabic, or roman in lower case): a TOC line, whose
/// title may hold an em of glue (`第一章  标题`) that is no cell boundary.
fn ends_with_page_number(l: &VLine) -> bool {
    l.segs.last().is_some_and(|s| {
        let t = s.text.trim();
        (1..=4).contains(&t.len())
            && (t.chars().all(|c| c.is_ascii_digit()) || t.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
    })
}

/// A line's pieces; `cells` when a cell boundary was found.
fn line_pieces(l: &VLine, rules: &[Rule]) -> (Pieces, bool) {
    let mut out: Pieces = Vec::new();
    let mut cells = false;
    let mut prev: Option<&Seg> = None;
    let marker = marker_gap(l);
    let widest = l
        .segs
        .windows(2)
        .map(|w| (w[1].x0 - w[0].x1, w[0].ws_after || w[1].ws_before))
        .filter(|&(gap, ws)| word_boundary(gap, ws, l.size))
        .map(|(gap, _)| gap)
        .fold(0.0, f32::max);
    let letters = letter_spaced(&l.segs, l.size, widest);
    let cjk_space = cjk_space_gap(&l.segs, l.size);
    let boundaries = cell_boundaries(l, rules);
    for (k, s) in l.segs.iter().enumerate() {
        if let Some(p) = prev {
            let gap = s.x0 - p.x1;
            let ws = p.ws_after || s.ws_before;
            if boundaries[k - 1] {
                out.push(("\t".to_string(), false));
                cells = true;
            } else {
                let last = out.iter().rev().find_map(|(t, _)| t.chars().last()).map(String::from).unwrap_or_default();
                let spaced = (marker && k == 1)
                    || (word_boundary(gap, ws, l.size) && !letters.get(k.wrapping_sub(1)).copied().unwrap_or(false));
                let sep = join_sep(&last, &s.text, spaced, false, gap > if ws { cjk_space } else { 0.5 * l.size });
                if !sep.is_empty() {
                    out.push((sep.to_string(), p.bold && s.bold));
                }
            }
        }
        out.push((s.text.clone(), s.bold));
        prev = Some(s);
    }
    (out, cells)
}

/// Leader dots of a TOC line: `title ..... 12` → (title, page).
fn toc_entry(text: &str) -> Option<(String, String)> {
    let t = text.trim_end();
    let num_start = t
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')))
        .map(|(k, c)| k + c.len_utf8())?;
    let label = &t[num_start..];
    if label.is_empty() || label.len() > 5 {
        return None;
    }
    let before = t[..num_start].trim_end();
    let is_leader = |c: char| matches!(c, '.' | '…' | '·' | '．' | '⋯' | '‧');
    let leaders = before.chars().rev().take_while(|&c| is_leader(c) || c == ' ').filter(|&c| is_leader(c)).count();
    if leaders < 3 {
        return None;
    }
    let title = before.trim_end_matches(|c: char| is_leader(c) || c == ' ');
    (!title.is_empty()).then(|| (title.to_string(), label.to_string()))
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '·' | '‧' | '∙' | '▪' | '◦' | '○' | '●' | '■' | '□' | '-' | '–' | '—' | '*')
}

/// A space between a bullet and the item's text when the PDF sets none (`‧《…》` typeset with
/// the marker in a box of its own): the text stages read a bullet followed by white space.
fn space_after_bullet(pieces: &mut Pieces) {
    let Some((first, bold)) = pieces.first().cloned() else { return };
    let mut chars = first.chars();
    let Some(marker) = chars.next() else { return };
    let rest = chars.as_str();
    if !rest.is_empty() {
        if !rest.starts_with(' ') {
            pieces[0] = (marker.to_string(), bold);
            pieces.insert(1, (" ".into(), false));
            pieces.insert(2, (rest.to_string(), bold));
        }
    } else if pieces.get(1).is_some_and(|(t, _)| !t.starts_with(' ')) {
        pieces.insert(1, (" ".into(), false));
    }
}

/// A line that starts with a footnote's number printed as a raised, smaller marker (`¹参见…`
/// under a footnote rule, XeLaTeX's `\footnote`) and goes on in type smaller than the page's
/// body text (`body_size`): it starts a footnote, even when the line above (the previous
/// footnote) reaches the right margin at the same indent. A footnote call that wrapped to the
/// start of a body line (`²。声明指出…`) is no footnote: its text is body size.
fn starts_with_note_marker(l: &VLine, body_size: f32) -> bool {
    let [marker, next, ..] = l.segs.as_slice() else { return false };
    let digits = marker.text.chars().count();
    (1..=3).contains(&digits)
        && marker.text.chars().all(|c| c.is_ascii_digit())
        && marker.size < 0.8 * next.size
        && marker.y0 > next.y0 + 0.15 * next.size
        && next.size < body_size - 0.5
}

/// A numbered list item's first line: `12.《…`, `3、…`, `(4) …`, `5) …` (digits, then a marker,
/// then no digit: `1.5 万` is a number, not an item).
fn is_numbered_item(text: &str) -> bool {
    let t = text.trim_start();
    let t = t.strip_prefix(['(', '（']).unwrap_or(t);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let mut rest = t[digits..].chars();
    matches!(rest.next(), Some('.' | '．' | '、' | ')' | '）')) && rest.next().is_some_and(|c| !c.is_ascii_digit())
}

fn is_dash(c: char) -> bool {
    is_hyphen(c) || matches!(c, '–' | '—' | '/')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '\u{2010}' | '-' | '\u{AD}')
}

/// The last white-space-separated token of a paragraph's pieces (at most 300 characters).
fn tail_token(pieces: &Pieces) -> String {
    let mut rev: Vec<char> = Vec::new();
    'outer: for (t, _) in pieces.iter().rev() {
        for c in t.chars().rev() {
            if c.is_whitespace() || rev.len() >= 300 {
                break 'outer;
            }
            rev.push(c);
        }
    }
    rev.into_iter().rev().collect()
}

/// A URL or its beginning, after an opening `<` or `(`: `http://…`, `https:`, `www.…`, `…://…`.
fn is_url_start(token: &str) -> bool {
    let t = token.trim_start_matches(['<', '(', '（', '[']).to_ascii_lowercase();
    t.starts_with("http:") || t.starts_with("https:") || t.starts_with("www.") || t.contains("://")
}

/// The rest of a URL broken at a line end: a token without CJK characters holding a `/`, `.`,
/// `_` or `-` (`//rg.ru/…`, `u/ru/ru-cn-cooperation`, `-arktike.html>`).
fn continues_url(token: &str) -> bool {
    !token.is_empty() && !token.chars().any(is_cjk) && token.contains(['/', '.', '_', '-'])
}

/// The first unbreakable token of a line and its width: up to the first white space, or after
/// a CJK character followed by another (a line may break between two of them). The token goes on
/// into the next segment where nothing separates them (no white space, no word gap): a reader
/// may cut `处` / `:www` / `.russchinatrade.ru/…` into spans of their own. A segment's width is
/// shared among its characters, a CJK character counting twice a Latin one.
fn first_token(l: &VLine) -> (String, f32) {
    let units = |c: char| if is_cjk(c) { 2.0 } else { 1.0 };
    let mut token = String::new();
    let mut end = l.x0;
    for (i, seg) in l.segs.iter().enumerate() {
        if let Some(p) = i.checked_sub(1).and_then(|j| l.segs.get(j)) {
            let after_cjk = p.text.chars().last().is_some_and(is_cjk) && seg.text.chars().next().is_some_and(is_cjk);
            if after_cjk || word_boundary(seg.x0 - p.x1, p.ws_after || seg.ws_before, seg.size) {
                break;
            }
        }
        let chars: Vec<char> = seg.text.chars().collect();
        let all: f32 = chars.iter().map(|&c| units(c)).sum();
        if all <= 0.0 {
            break;
        }
        let mut used = 0.0;
        for (k, &c) in chars.iter().enumerate() {
            if c.is_whitespace() {
                return (token, end);
            }
            token.push(c);
            used += units(c);
            end = seg.x0 + (seg.x1 - seg.x0) * used / all;
            // A break is allowed between two CJK characters, within a segment or across two.
            let next = chars.get(k + 1).copied();
            if is_cjk(c) && next.is_some_and(is_cjk) {
                return (token, end);
            }
        }
    }
    (token, end)
}

/// How many characters the first token of a line must hold before [`first_token_overflows`]
/// trusts it (a URL or a path, not a word: a paragraph may start with a long word).
const LONG_TOKEN_CHARS: usize = 16;

/// Whether line `l`'s first unbreakable token is wider than the room the line above (`p`) left
/// (`room`, points), so `p` ended short because the token did not fit, not because its paragraph
/// ended: trusted for a long token (a URL or a path, [`LONG_TOKEN_CHARS`]:
/// `…商务代表` / `处:www.russchinatrade.ru/…`) or after a line ending with a hyphen, where no
/// paragraph ends (`…高温气冷反应器HTR-` / `PM600中运行`).
fn first_token_overflows(p: &VLine, l: &VLine, room: f32) -> bool {
    let (first, end) = first_token(l);
    let long = first.chars().count() >= LONG_TOKEN_CHARS && !first.chars().skip(1).any(is_cjk);
    let broken = p.segs.last().and_then(|s| s.text.chars().last()).is_some_and(is_hyphen);
    (long || broken) && end - l.x0 > room
}

/// A paragraph being built.
struct Para {
    lines: Vec<VLine>,
    pieces: Pieces,
    /// A TOC line or table row: never joined with another line.
    single: bool,
    bullet: bool,
    /// Its first line is a numbered list item: lines indented under it (a hanging indent)
    /// continue it, and the next numbered line starts a new one.
    item: bool,
    /// A table row: the left edge of each cell, and the cells' text.
    cols: Vec<f32>,
    cells: Vec<String>,
}

/// The cells of a table row line: left edges and texts (split where [`line_pieces`] put TABs).
fn row_cells(pieces: &Pieces, l: &VLine, rules: &[Rule]) -> (Vec<f32>, Vec<String>) {
    let mut texts = vec![String::new()];
    for (t, _) in pieces {
        if t == "\t" {
            texts.push(String::new());
        } else if let Some(last) = texts.last_mut() {
            last.push_str(t);
        }
    }
    let mut cols = vec![l.segs.first().map_or(l.x0, |s| s.x0)];
    for (w, cell) in l.segs.windows(2).zip(cell_boundaries(l, rules)) {
        if cell {
            cols.push(w[1].x0);
        }
    }
    if cols.len() != texts.len() {
        return (Vec::new(), Vec::new());
    }
    (cols, texts)
}

impl Para {
    fn bbox(&self, page: u32) -> LineBox {
        let mut b = LineBox { page, x0: f32::MAX, y0: f32::MAX, x1: f32::MIN, y1: f32::MIN };
        for l in &self.lines {
            b = b.union(LineBox { page, x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1 });
        }
        b
    }
    fn all_bold(&self) -> bool {
        self.pieces.iter().all(|(t, b)| *b || t.trim().is_empty())
    }
    fn render(&self) -> String {
        if !self.cells.is_empty() {
            return self.cells.join("\t");
        }
        if self.all_bold() {
            return self.pieces.iter().map(|(t, _)| t.as_str()).collect();
        }
        // Merge runs, then mark the bold ones (markers tight around their text).
        let mut s = String::new();
        let mut i = 0;
        while i < self.pieces.len() {
            let bold = self.pieces[i].1;
            let mut run = String::new();
            while i < self.pieces.len() && (self.pieces[i].1 == bold || self.pieces[i].0 == " ") {
                if self.pieces[i].0 == "\t" && bold {
                    break;
                }
                run.push_str(&self.pieces[i].0);
                i += 1;
                if run.is_empty() {
                    break;
                }
            }
            if run.is_empty() {
                run.push_str(&self.pieces[i].0);
                i += 1;
            }
            if bold && !run.trim().is_empty() {
                let lead = &run[..run.len() - run.trim_start().len()];
                let trail = &run[run.trim_end().len()..];
                s.push_str(lead);
                s.push_str("**");
                s.push_str(run.trim());
                s.push_str("**");
                s.push_str(trail);
            } else {
                s.push_str(&run);
            }
        }
        s
    }
}

/// The size of a page's body text: the font size (to the half point) that sets most characters.
fn body_size(lines: &[VLine]) -> f32 {
    let mut chars: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for l in lines {
        *chars.entry(size_key(l.size)).or_default() += l.segs.iter().map(|s| s.text.chars().count()).sum::<usize>();
    }
    chars.into_iter().max_by_key(|&(k, n)| (n, k)).map_or(0.0, |(k, _)| k as f32 / 2.0)
}

/// Most common value (rounded to the point) of `xs`.
fn mode(xs: impl Iterator<Item = f32>) -> Option<f32> {
    let mut counts: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for x in xs {
        *counts.entry(x.round() as i32).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(x, n)| (n, -x)).map(|(x, _)| x as f32)
}

/// The distance from line `p` to the line `l` below it, the smaller of the distances of their
/// tops and of their bottoms (a taller glyph on one line moves only one of them).
fn pitch(p: &VLine, l: &VLine) -> f32 {
    (p.y1 - l.y1).min(p.y0 - l.y0)
}

/// A font size as a key (half points).
fn size_key(size: f32) -> i32 {
    (size * 2.0).round() as i32
}

/// The right edge of a page's text: the most common right end of its lines that reach past
/// 60 % of the page width (`width` when there is none).
fn right_edge(lines: &[VLine], width: f32) -> f32 {
    mode(lines.iter().filter(|l| l.x1 > width * 0.6).map(|l| l.x1)).unwrap_or(width)
}

/// Whether `l` reaches the right edge of the text (within 1.5 em): a line a paragraph goes on
/// after (a justified line), not the last line of one.
fn reaches_right(l: &VLine, right: f32) -> bool {
    l.x1 >= right - 1.5 * l.size
}

/// The document's line pitch inside paragraphs, by font size ([`size_key`]): the most common
/// distance (to a tenth of a point) from a line that reaches the right edge of the text
/// ([`reaches_right`], so a paragraph goes on under it) to the line below it of one size, less
/// than [`PARA_GAP_EM`] apart, for sizes seen at least [`MIN_PITCH_SAMPLES`] times. Pairs of
/// short lines are not counted: in a document of many one-line paragraphs (a chronology, lists)
/// their distance, which holds the paragraph spacing, would otherwise be the most common.
fn line_pitches(pages: &[(Vec<VLine>, f32)]) -> std::collections::HashMap<i32, f32> {
    let mut counts: std::collections::HashMap<(i32, i32), usize> = std::collections::HashMap::new();
    for (lines, width) in pages {
        let right = right_edge(lines, *width);
        for w in lines.windows(2) {
            let (p, l) = (&w[0], &w[1]);
            if size_key(p.size) == size_key(l.size)
                && reaches_right(p, right)
                && p.y0 - l.y1 < PARA_GAP_EM * l.size
                && pitch(p, l) > 0.0
            {
                *counts.entry((size_key(l.size), (pitch(p, l) * 10.0).round() as i32)).or_default() += 1;
            }
        }
    }
    let mut best: std::collections::HashMap<i32, (usize, i32)> = std::collections::HashMap::new();
    for ((size, tenths), n) in counts {
        let e = best.entry(size).or_insert((0, tenths));
        if (n, -tenths) > (e.0, -e.1) {
            *e = (n, tenths);
        }
    }
    best.into_iter().filter(|(_, (n, _))| *n >= MIN_PITCH_SAMPLES).map(|(k, (_, t))| (k, t as f32 / 10.0)).collect()
}

/// How many times a line pitch must be seen before it is the document's (see [`line_pitches`]).
const MIN_PITCH_SAMPLES: usize = 20;

/// A line further below the line above than the document's line pitch by this share of an em
/// (and at least [`PITCH_SLACK_MIN`] points) starts a new paragraph: the space a typesetter
/// puts between paragraphs (`\parskip`, a margin) however small.
const PITCH_SLACK_EM: f32 = 0.1;
/// See [`PITCH_SLACK_EM`], points.
const PITCH_SLACK_MIN: f32 = 1.0;

/// Whether `l` stands further below `p` than the document's line pitch for its size allows.
fn wider_than_pitch(p: &VLine, l: &VLine, pitches: &std::collections::HashMap<i32, f32>) -> bool {
    size_key(p.size) == size_key(l.size)
        && pitches
            .get(&size_key(l.size))
            .is_some_and(|&typical| pitch(p, l) > typical + (PITCH_SLACK_EM * l.size).max(PITCH_SLACK_MIN))
}

/// Lay out one page's body lines into paragraphs.
fn paragraphs(
    lines: Vec<VLine>,
    rules: &[Rule],
    width: f32,
    pitches: &std::collections::HashMap<i32, f32>,
) -> Vec<Para> {
    let left = mode(lines.iter().map(|l| l.x0)).unwrap_or(0.0);
    let left = lines.iter().map(|l| l.x0).filter(|x| (x - left).abs() < 30.0).fold(left, f32::min);
    let right = right_edge(&lines, width);
    let body_size = body_size(&lines);
    let centre = (left + right) / 2.0;
    let mut out: Vec<Para> = Vec::new();
    let mut prev: Option<VLine> = None;
    for l in lines {
        // A line under a table row whose every span falls inside one of the row's columns is the
        // rest of that row's cells (a cell wrapped over several lines), unless a ruling line
        // runs between them (the table's bottom rule over its source note).
        if let (Some(p), Some(para)) = (&prev, out.last_mut()) {
            if !para.cols.is_empty() && p.y0 - l.y1 < 0.8 * l.size.max(p.size) && !rule_under(rules, p, &l) {
                let col_of = |sg: &Seg| {
                    para.cols.iter().enumerate().position(|(k, &x)| {
                        let next = para.cols.get(k + 1).copied().unwrap_or(f32::MAX);
                        sg.x0 >= x - l.size && sg.x1 <= next
                    })
                };
                let placed: Option<Vec<usize>> = l.segs.iter().map(col_of).collect();
                // A row of its own fills every column.
                let partial = placed.as_ref().is_some_and(|ks| {
                    let mut used = ks.clone();
                    used.dedup();
                    used.len() < para.cols.len()
                });
                if let Some(placed) = placed.filter(|_| partial) {
                    for (sg, k) in l.segs.iter().zip(placed) {
                        let cell = &mut para.cells[k];
                        let sep = join_sep(cell, &sg.text, true, true, false);
                        cell.push_str(sep);
                        cell.push_str(&sg.text);
                    }
                    para.lines.push(l.clone());
                    prev = Some(l);
                    continue;
                }
            }
        }
        let (mut pieces, cells) = line_pieces(&l, rules);
        let plain = l.plain();
        let toc = toc_entry(&plain);
        if let Some((title, page)) = &toc {
            pieces = vec![(title.clone(), false), ("\t".into(), false), (page.clone(), false)];
        }
        let single = cells || toc.is_some();
        let bullet =
            l.first_char().is_some_and(is_bullet) && plain.chars().nth(1).is_some_and(|c| c == ' ' || is_cjk(c));
        if bullet {
            space_after_bullet(&mut pieces);
        }
        let numbered = is_numbered_item(&plain);
        let note = starts_with_note_marker(&l, body_size);
        let joins = match (&prev, out.last()) {
            (Some(p), Some(para)) if !single && !para.single && !bullet && !note && (!numbered || !para.item) => {
                let em = p.size.max(l.size);
                let same_size = (p.size - l.size).abs() < 0.6;
                let same_weight = p.all_bold() == l.all_bold();
                let gap = p.y0 - l.y1;
                // The wrapped lines of a bullet or numbered item hang under its text: the second
                // line may be indented, and every later one at the second's indent.
                let hanging = (para.bullet || para.item)
                    && para.lines.get(1).is_none_or(|second| (second.x0 - l.x0).abs() < 0.5 * em);
                let second_of_bullet = hanging;
                // A wrapped centred bold title (a chapter heading over two lines) is one paragraph.
                let centred = |v: &VLine| ((v.x0 + v.x1) / 2.0 - centre).abs() < 1.5 * em;
                let title = p.all_bold() && centred(p) && centred(&l) && p.size > l.size.min(p.size) - 0.1;
                let indented = l.x0 > p.x0 + 0.8 * em && !second_of_bullet && !title;
                let short = p.x1 < right - 1.5 * em && !title && !first_token_overflows(p, &l, right - p.x1);
                let spaced = wider_than_pitch(p, &l, pitches);
                same_size && same_weight && gap < PARA_GAP_EM * em && !spaced && !indented && !short
            }
            _ => false,
        };
        if let Some(para) = out.last_mut().filter(|_| joins) {
            let last = para.pieces.iter().rev().find_map(|(t, _)| t.chars().last());
            let first = pieces.first().and_then(|(t, _)| t.chars().next());
            let before_hyphen = para.pieces.last().and_then(|(t, _)| t.chars().rev().nth(1));
            let url = is_url_start(&tail_token(&para.pieces))
                && pieces.first().is_some_and(|(t, _)| continues_url(t.split_whitespace().next().unwrap_or("")));
            match (last, first) {
                // A URL broken at the line end goes on without a space (and keeps its hyphens).
                _ if url => {}
                (Some(h), Some(f))
                    if is_hyphen(h) && f.is_ascii_lowercase() && before_hyphen.is_some_and(|c| c.is_alphabetic()) =>
                {
                    if let Some((t, _)) = para.pieces.last_mut() {
                        t.pop();
                    }
                }
                (Some(a), Some(b)) if !is_cjk(a) && !is_cjk(b) && !a.is_whitespace() && !is_dash(a) => {
                    let bold = para.pieces.last().is_some_and(|p| p.1) && pieces.first().is_some_and(|p| p.1);
                    para.pieces.push((" ".into(), bold));
                }
                _ => {}
            }
            para.pieces.extend(pieces);
            para.lines.push(l.clone());
        } else {
            let (cols, cells) =
                if cells && toc.is_none() { row_cells(&pieces, &l, rules) } else { (Vec::new(), Vec::new()) };
            let item = numbered && !single;
            out.push(Para { lines: vec![l.clone()], pieces, single, bullet, item, cols, cells });
        }
        prev = Some(l);
    }
    out
}

/// How far right of the document's left edge (in ems of the text) a block whose every line starts
/// there may stand and still be read as list items whose markers are drawn, not typed.
const DRAWN_MARKER_INDENT_EM: std::ops::RangeInclusive<f32> = 1.5..=3.5;

/// The paragraphs of a page that are items of a list whose markers the PDF draws as graphics
/// (Chromium's `<ul>`: no text shows the disc): two consecutive paragraphs or more of two lines
/// or more, not bold, every line of each starting at the same x, 1.5 to 3.5 em right of the
/// document's left edge (`doc_left`, the most common left edge of its lines). A body paragraph
/// indents its first line only; its wrapped lines return to the left edge.
fn drawn_marker_items(paras: &[Para], doc_left: f32) -> Vec<bool> {
    let hangs = |p: &Para| {
        let first = &p.lines[0];
        let em = first.size.max(1.0);
        let indent = (first.x0 - doc_left) / em;
        !p.single
            && !p.bullet
            && !p.item
            && !p.all_bold()
            && p.lines.len() >= 2
            && DRAWN_MARKER_INDENT_EM.contains(&indent)
            && p.lines.iter().all(|l| (l.x0 - first.x0).abs() < 0.3 * em)
    };
    let one: Vec<bool> = paras.iter().map(hangs).collect();
    (0..one.len()).map(|k| one[k] && ((k > 0 && one[k - 1]) || one.get(k + 1).copied().unwrap_or(false))).collect()
}

/// How many lines of two columns side by side make a two-column block ([`split_columns`]).
const MIN_COLUMN_LINES: usize = 3;

/// A line's two halves around its only cell gap: (left segments, right segments, gutter from,
/// gutter to); `None` for a line without exactly one such gap.
fn halves(l: &VLine) -> Option<(usize, f32, f32)> {
    let gaps: Vec<usize> = (1..l.segs.len())
        .filter(|&k| {
            let (p, s) = (&l.segs[k - 1], &l.segs[k]);
            cell_gap(s.x0 - p.x1, p.ws_after || s.ws_before, l.size)
        })
        .collect();
    match gaps.as_slice() {
        [k] => Some((*k, l.segs[k - 1].x1, l.segs[*k].x0)),
        _ => None,
    }
}

/// A line made of some of `l`'s segments (`range`), with their box.
fn part_of(l: &VLine, range: std::ops::Range<usize>) -> VLine {
    let segs: Vec<Seg> = l.segs[range].to_vec();
    VLine { x0: segs.first().map_or(l.x0, |s| s.x0), x1: segs.last().map_or(l.x1, |s| s.x1), segs, ..l.clone() }
}

/// Body lines with two columns of text side by side, read column by column: the parts to lay out
/// one after another (lines above the block, its left column, its right column, lines below),
/// each with whether it is a column.
///
/// A two-column block is a run of at least [`MIN_COLUMN_LINES`] consecutive lines that each split
/// at one cell gap, the gaps sharing a gutter no ruling line crosses, where both halves are
/// running text: in two thirds of the lines each half holds at least six characters and the left
/// half reaches to within 1.5 em of the gutter (a justified column; a table's cells are short and
/// ragged). A line of the run on one side of the gutter only belongs to that column.
fn split_columns(lines: Vec<VLine>, rules: &[Rule]) -> Vec<(Vec<VLine>, bool)> {
    let n = lines.len();
    let mut out: Vec<(Vec<VLine>, bool)> = Vec::new();
    let mut rest: Vec<VLine> = Vec::new();
    let mut k = 0;
    while k < n {
        // The longest run from k whose gutters intersect.
        let mut gutter: Option<(f32, f32)> = None;
        let mut end = k;
        let mut split = 0;
        while end < n {
            let l = &lines[end];
            match (halves(l), gutter) {
                (Some((_, a, b)), None) => gutter = Some((a, b)),
                (Some((_, a, b)), Some((g0, g1))) if a.max(g0) < b.min(g1) => gutter = Some((a.max(g0), b.min(g1))),
                (None, Some((g0, g1))) if l.x1 <= g0 || l.x0 >= g1 => {}
                _ => break,
            }
            split += usize::from(halves(l).is_some());
            end += 1;
        }
        let block = gutter.filter(|&(g0, g1)| {
            let crossed = rules.iter().any(|r| (r.x1 - r.x0).abs() < 1.0 && r.x0 > g0 && r.x0 < g1);
            let prose = lines[k..end]
                .iter()
                .filter_map(|l| halves(l).map(|h| (l, h)))
                .filter(|(l, (cut, _, _))| {
                    let chars = |r: &[Seg]| r.iter().map(|s| s.text.chars().count()).sum::<usize>();
                    chars(&l.segs[..*cut]) >= 6
                        && chars(&l.segs[*cut..]) >= 6
                        && l.segs[cut - 1].x1 >= g0 - 1.5 * l.size
                })
                .count();
            split >= MIN_COLUMN_LINES && !crossed && prose * 3 >= split * 2
        });
        match block {
            Some((g0, _)) => {
                if !rest.is_empty() {
                    out.push((std::mem::take(&mut rest), false));
                }
                let (mut left, mut right) = (Vec::new(), Vec::new());
                for l in &lines[k..end] {
                    match halves(l) {
                        Some((cut, _, _)) => {
                            left.push(part_of(l, 0..cut));
                            right.push(part_of(l, cut..l.segs.len()));
                        }
                        None if l.x1 <= g0 => left.push(l.clone()),
                        None => right.push(l.clone()),
                    }
                }
                out.push((left, true));
                out.push((right, true));
                k = end;
            }
            None => {
                rest.push(lines[k].clone());
                k += 1;
            }
        }
    }
    if !rest.is_empty() {
        out.push((rest, false));
    }
    out
}

/// A bold date paragraph over a bold title paragraph of the same size: `DATE **TITLE**`.
fn is_date_like(text: &str) -> bool {
    let t = text.trim();
    t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars().count() <= 24
        && t.chars().last().is_some_and(|c| c.is_ascii_digit() || matches!(c, '日' | '月' | '年' | '旬'))
}

/// A paragraph that ends a page with a hyphen after a letter (`…Развитие торгово-`) was broken
/// at the hyphen, to go on on the next page: the hyphen becomes U+2010 HYPHEN, which the later
/// stages read as a line-end hyphen (they join the next line to it without a space, as for
/// PDFium's hyphenation points, [`crate::parse::lex::join_wrapped`]), where an ASCII `-` would
/// get a space after it (`торгово- экономического`). Within a page the layout joins the lines
/// itself.
fn mark_page_end_hyphen(text: &mut String) {
    let mut rev = text.chars().rev();
    if rev.next() == Some('-') && rev.next().is_some_and(|c| c.is_alphabetic() && !is_cjk(c)) {
        text.pop();
        text.push('\u{2010}');
    }
}

/// A page after the first starts with a form feed, glued to its first line (or a line of its own).
fn start_page(page_lines: &mut Vec<(String, Option<LineBox>, bool)>) {
    match page_lines.first_mut() {
        Some(first) => first.0.insert(0, '\u{c}'),
        None => page_lines.push(("\u{c}".to_string(), None, false)),
    }
}

/// A page's lines split by where their middle stands: the top band (running headers), the body,
/// the bottom band (page numbers, footers); `h` is the page's height.
fn bands(vl: Vec<VLine>, h: f32) -> (Vec<VLine>, Vec<VLine>, Vec<VLine>) {
    let (mut top, mut body, mut bottom) = (Vec::new(), Vec::new(), Vec::new());
    for l in vl {
        let mid = (l.y0 + l.y1) / 2.0;
        if mid > TOP_BAND * h {
            top.push(l)
        } else if mid < BOTTOM_BAND * h {
            bottom.push(l)
        } else {
            body.push(l)
        }
    }
    (top, body, bottom)
}

/// The derived text of the pages.
pub fn layout(pages: &[Page]) -> Layout {
    let mut lay = Layout::default();
    let mut lines: Vec<(String, Option<LineBox>, bool)> = Vec::new();
    // The size of the chronology entries' bold date lines, while in a chronology (ended by a
    // heading much larger than they are).
    let mut chron: Option<f32> = None;
    let all_lines: Vec<(Vec<VLine>, f32)> = pages.iter().map(|p| (visual_lines(&p.spans), p.width)).collect();
    let pitches = line_pitches(&all_lines);
    let doc_left = mode(all_lines.iter().flat_map(|(vl, _)| vl.iter().map(|l| l.x0)));
    for ((i, page), (vl, _)) in pages.iter().enumerate().zip(all_lines) {
        let no = i as u32 + 1;
        let chars: usize = page.spans.iter().map(|s| s.text.chars().filter(|c| !c.is_whitespace()).count()).sum();
        lay.chars += chars;
        if chars == 0 {
            lay.empty_pages.push(no);
        }
        if page.spans.iter().any(|s| s.text.chars().any(is_unmapped)) {
            lay.unmapped_pages.push(no);
        }
        let (top, body, bottom) = bands(vl, page.height.max(1.0));
        // A column is laid out on its own, as a page as wide as the column's right end.
        let paras: Vec<Para> = split_columns(body, &page.rules)
            .into_iter()
            .flat_map(|(part, column)| {
                let width = if column { part.iter().map(|l| l.x1).fold(0.0, f32::max) + 1.0 } else { page.width };
                paragraphs(part, &page.rules, width, &pitches)
            })
            .collect();
        let drawn = doc_left.map_or_else(|| vec![false; paras.len()], |x| drawn_marker_items(&paras, x));
        let mut page_lines: Vec<(String, Option<LineBox>, bool)> = Vec::new();
        let furniture = |l: &VLine| {
            let (p, _) = line_pieces(l, &page.rules);
            let t: String = p.into_iter().map(|(t, _)| if t == "\t" { " ".to_string() } else { t }).collect();
            (t.trim().to_string(), Some(LineBox { page: no, x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1 }), true)
        };
        for l in &top {
            page_lines.push(furniture(l));
        }
        if !top.is_empty() {
            page_lines.push((String::new(), None, false));
        }
        let mut k = 0;
        let mut prev_single = false;
        while k < paras.len() {
            let p = &paras[k];
            let mut text = p.render();
            // A drawn marker is read as the bullet it shows.
            if drawn[k] {
                text = format!("• {text}");
            }
            let mut bbox = p.bbox(no);
            let size = p.lines[0].size;
            if chron.is_some_and(|c| size > 1.4 * c) {
                chron = None;
            }
            let mut joined = false;
            if p.all_bold() && !p.single && is_date_like(&text) {
                if let Some(q) = paras.get(k + 1).filter(|q| {
                    q.all_bold() && !q.single && (q.lines[0].size - size).abs() < 0.6 && !is_date_like(&q.render())
                }) {
                    text = format!("{} **{}**", text.trim(), q.render().trim());
                    bbox = bbox.union(q.bbox(no));
                    k += 1;
                    joined = true;
                    chron = Some(size);
                }
            }
            // Inside a chronology, a bold title without its date line (the date was lost) keeps
            // its bold marks: it starts an entry.
            if !joined
                && p.all_bold()
                && !p.single
                && chron.is_some_and(|c| (size - c).abs() < 0.6)
                && paras.get(k + 1).is_some_and(|q| !q.all_bold())
            {
                text = format!("**{}**", text.trim());
            }
            // Rows of a table and lines of the TOC follow each other; every other block is set
            // apart by a blank line.
            if !page_lines.is_empty()
                && (!p.single || !prev_single)
                && page_lines.last().is_some_and(|l| !l.0.is_empty())
            {
                page_lines.push((String::new(), None, false));
            }
            page_lines.push((text, Some(bbox), false));
            prev_single = p.single;
            k += 1;
        }
        // The page's last paragraph goes on on the next page ([`mark_page_end_hyphen`]).
        let goes_on = i + 1 < pages.len() && paras.last().is_some_and(|p| !p.single);
        if let Some(last) = page_lines.last_mut().filter(|l| goes_on && !l.2) {
            mark_page_end_hyphen(&mut last.0);
        }
        if !bottom.is_empty() {
            page_lines.push((String::new(), None, false));
        }
        for l in &bottom {
            page_lines.push(furniture(l));
        }
        if i > 0 {
            start_page(&mut page_lines);
        }
        lines.extend(page_lines);
    }
    let mut text = String::new();
    for (t, b, f) in lines {
        text.push_str(&t);
        text.push('\n');
        lay.boxes.push(b);
        lay.furniture.push(f);
    }
    lay.text = text;
    lay
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, x0: f32, y0: f32, x1: f32, bold: bool) -> Span {
        Span { text: text.to_string(), x0, y0, x1, y1: y0 + 10.5, size: 10.5, bold }
    }

    fn page(spans: Vec<Span>) -> Page {
        Page { width: 595.0, height: 842.0, spans, rules: Vec::new() }
    }

    fn body(p: Page) -> Vec<String> {
        layout(&[p]).text.lines().filter(|l| !l.is_empty()).map(String::from).collect()
    }

    #[test]
    fn items_whose_markers_are_drawn_read_as_bullets() {
        // Page 1: body paragraphs, the first line indented 2 em, the wrapped lines at the left
        // edge. Page 2: list items whose every line starts 2 em in (Chromium draws the discs).
        let line = |t: &str, x0: f32, y0: f32, x1: f32| span(t, x0, y0, x1, false);
        let mut p1 = Vec::new();
        for (k, y) in [(0, 600.0), (1, 520.0)] {
            p1.push(line(&format!("正文{k}第一行正文正文"), 89.0, y, 528.0));
            p1.push(line("正文第二行正文正文正文", 68.0, y - 20.0, 528.0));
            p1.push(line("正文第三行正文正文正文", 68.0, y - 40.0, 528.0));
            p1.push(line("正文完。", 68.0, y - 60.0, 300.0));
        }
        let mut p2 = Vec::new();
        for (k, y) in [(0, 600.0), (1, 550.0)] {
            p2.push(line(&format!("要点{k}第一行要点要点"), 89.0, y, 528.0));
            p2.push(line("要点完。", 89.0, y - 20.0, 300.0));
        }
        let lay = layout(&[page(p1.clone()), page(p2.clone())]);
        let lines: Vec<&str> =
            lay.text.lines().map(|l| l.trim_start_matches('\u{c}')).filter(|l| !l.trim().is_empty()).collect();
        assert!(lines.contains(&"• 要点0第一行要点要点要点完。"), "{lines:?}");
        assert!(lines.contains(&"• 要点1第一行要点要点要点完。"), "{lines:?}");
        assert!(lines.iter().filter(|l| l.starts_with('•')).count() == 2, "{lines:?}");
        // One such paragraph alone is no list.
        let lay = layout(&[page(p1), page(p2[..2].to_vec())]);
        assert!(!lay.text.contains('•'), "{}", lay.text);
    }

    #[test]
    fn in_a_table_row_a_gap_of_an_em_is_a_cell_boundary_too() {
        // A header row: a wide gap after the first cell, then centred cells an em apart.
        let row = page(vec![
            span("商品类别", 130.7, 700.0, 168.6, false),
            span("出口量（百万美元）", 235.6, 700.0, 321.0, false),
            span("占总出口量份额（%）", 330.8, 700.0, 425.4, false),
            span("与2018年相比（%）", 435.3, 700.0, 522.7, false),
        ]);
        assert_eq!(body(row), ["商品类别\t出口量（百万美元）\t占总出口量份额（%）\t与2018年相比（%）"]);
        // Without a cell gap in the line an em of glue is a space, no boundary; so in a TOC line.
        let prose = page(vec![span("第一章", 68.0, 700.0, 99.5, false), span("世界秩序", 110.0, 700.0, 152.0, false)]);
        assert_eq!(body(prose), ["第一章 世界秩序"]);
        let toc = page(vec![
            span("第一章", 68.0, 700.0, 99.5, false),
            span("世界秩序", 110.0, 700.0, 152.0, false),
            span("3", 522.0, 700.0, 528.0, false),
        ]);
        assert_eq!(body(toc), ["第一章 世界秩序\t3"]);
    }

    #[test]
    fn a_ruling_line_under_a_table_row_ends_it() {
        // A last row, a source note 0.4 em under it in the first column.
        let spans = vec![
            span("2017", 55.0, 700.0, 75.0, false),
            span("840.7", 200.0, 700.0, 230.0, false),
            span("411.9", 300.0, 700.0, 330.0, false),
            span("（信息来源）海关总署。", 46.5, 685.0, 150.0, false),
        ];
        // Without a rule the note reads as the wrap of the first cell.
        assert_eq!(body(page(spans.clone())), ["2017 （信息来源）海关总署。\t840.7\t411.9"]);
        // The table's bottom rule between them ends the row.
        let bottom = Rule { x0: 50.7, y0: 697.0, x1: 442.5, y1: 697.0 };
        let ruled = Page { rules: vec![bottom], ..page(spans.clone()) };
        assert_eq!(body(ruled), ["2017\t840.7\t411.9", "（信息来源）海关总署。"]);
        // A rule above the row, or one far to the side, does not.
        let above = Rule { x0: 50.7, y0: 712.0, x1: 442.5, y1: 712.0 };
        let aside = Rule { x0: 460.0, y0: 697.0, x1: 560.0, y1: 697.0 };
        let other = Page { rules: vec![above, aside], ..page(spans) };
        assert_eq!(body(other), ["2017 （信息来源）海关总署。\t840.7\t411.9"]);
    }

    #[test]
    fn a_space_glyph_between_cjk_runs_is_a_space_but_the_stretch_of_a_justified_line_is_not() {
        // `吴景文` then a space drawn as a run of its own (folded into the run before it), then
        // the affiliation: one boundary, a gap of a quarter em.
        let p = page(vec![span("吴景文 ", 68.2, 700.0, 99.7, false), span("复旦大学教授", 102.4, 700.0, 165.4, false)]);
        assert_eq!(body(p), ["吴景文 复旦大学教授"]);
        // A justified line drawn glyph by glyph, 3 pt between every two: white space a reader
        // saw at a boundary of that common width is no space.
        let glyphs = "这是一个很长的段落";
        let spans = glyphs
            .chars()
            .enumerate()
            .map(|(k, c)| {
                let x = 68.0 + k as f32 * 13.5;
                let t = if k == 4 { format!("{c} ") } else { c.to_string() };
                span(&t, x, 700.0, x + 10.5, false)
            })
            .collect();
        assert_eq!(body(page(spans)), [glyphs]);
    }

    #[test]
    fn justified_lines_join_without_spaces_between_cjk() {
        let p = page(vec![
            span("第二行的文字，接着写完。", 68.0, 700.0, 300.0, false),
            span("这是一个很长的段落第一行", 89.0, 717.0, 519.5, false),
            span("下一个段落缩进开始", 89.0, 680.0, 519.5, false),
            span("它的第二行。", 68.0, 663.0, 200.0, false),
        ]);
        assert_eq!(body(p), ["这是一个很长的段落第一行第二行的文字，接着写完。", "下一个段落缩进开始它的第二行。"]);
    }

    #[test]
    fn a_line_end_hyphen_before_a_lowercase_letter_joins_the_word() {
        let p = page(vec![
            span("the multi\u{2010}", 68.0, 717.0, 519.5, false),
            span("lateral order.", 68.0, 700.0, 200.0, false),
        ]);
        assert_eq!(body(p), ["the multilateral order."]);
        let p =
            page(vec![span("冠状病毒-", 68.0, 717.0, 519.5, false), span("2019 大流行。", 68.0, 700.0, 200.0, false)]);
        assert_eq!(body(p), ["冠状病毒-2019 大流行。"]);
    }

    #[test]
    fn toc_lines_bold_dates_and_furniture() {
        let p = page(vec![
            span("中俄对话：2020模式", 256.0, 802.0, 339.0, false),
            span("概要 .......................... 1", 68.0, 705.0, 527.0, false),
            span("第一章 中俄关系 ............... 12", 68.0, 685.0, 527.0, false),
            span("2019年5月15日", 68.0, 600.0, 140.0, true),
            span("上合组织会议在比什凯克举行", 68.0, 582.0, 320.0, true),
            span("部长们讨论了合作。", 89.0, 564.0, 300.0, false),
            span("正文有", 68.0, 500.0, 100.0, false),
            span("粗体", 100.0, 500.0, 121.0, true),
            span("字。", 121.0, 500.0, 142.0, false),
            span("122", 290.0, 30.0, 305.0, false),
        ]);
        let lay = layout(&[p]);
        let lines: Vec<&str> = lay.text.lines().collect();
        assert_eq!(
            lines,
            [
                "中俄对话：2020模式",
                "",
                "概要\t1",
                "第一章 中俄关系\t12",
                "",
                "2019年5月15日 **上合组织会议在比什凯克举行**",
                "",
                "部长们讨论了合作。",
                "",
                "正文有**粗体**字。",
                "",
                "122"
            ]
        );
        assert!(lay.furniture[0] && lay.furniture[11] && !lay.furniture[2]);
        assert_eq!(lay.boxes.len(), lines.len());
    }

    #[test]
    fn numbered_items_are_told_from_numbers() {
        assert!(is_numbered_item("12.《中国与俄罗斯的协议》"));
        assert!(is_numbered_item("3、合作"));
        assert!(is_numbered_item("(4) 合作"));
        assert!(!is_numbered_item("1.5 万平米"));
        assert!(!is_numbered_item("2019 年"));
        assert!(!is_numbered_item("合作"));
    }

    #[test]
    fn a_numbered_item_keeps_its_hanging_lines_and_the_next_item_starts_anew() {
        let p = page(vec![
            span("16.《中国石油化工股份有限公司与俄罗斯西布尔控股股份公司关于", 68.0, 717.0, 519.5, false),
            span("执行项目的协议》", 89.0, 700.0, 200.0, false),
            span("17.《中国石油化工股份有限公司与俄罗斯西布尔控股股份公司丁晴", 68.0, 683.0, 519.5, false),
            span("合作谅解备忘录》", 89.0, 666.0, 200.0, false),
        ]);
        assert_eq!(
            body(p),
            [
                "16.《中国石油化工股份有限公司与俄罗斯西布尔控股股份公司关于执行项目的协议》",
                "17.《中国石油化工股份有限公司与俄罗斯西布尔控股股份公司丁晴合作谅解备忘录》"
            ]
        );
    }

    #[test]
    fn a_pitch_wider_than_the_documents_ends_a_paragraph() {
        // Full-width lines 17 pt apart inside paragraphs, 19.5 pt between two of them.
        let mut spans = Vec::new();
        let mut y = 760.0;
        for k in 0..30 {
            spans.push(span(&format!("第{k}行的文字很长很长"), 68.0, y, 519.5, false));
            y -= if k == 14 { 19.5 } else { 17.0 };
        }
        let lines = body(page(spans));
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].starts_with("第15行"));
    }

    #[test]
    fn the_line_pitch_is_measured_under_lines_that_reach_the_right_edge() {
        // Forty one-line paragraphs 19.6 pt apart (short lines: the most common distance), then
        // 25 full lines 17.6 pt apart with one 19.6 pt step: the pitch is the full lines' and the
        // step ends a paragraph.
        let mut spans = Vec::new();
        let mut y = 1450.0;
        for k in 0..40 {
            spans.push(span(&format!("短段落{k}"), 68.0, y, 200.0, false));
            y -= 19.6;
        }
        for k in 0..25 {
            spans.push(span(&format!("第{k}行的文字很长很长"), 68.0, y, 519.5, false));
            y -= if k == 20 { 19.6 } else { 17.6 };
        }
        let pages = [(visual_lines(&spans), 595.0)];
        assert_eq!(line_pitches(&pages).get(&size_key(10.5)), Some(&17.6));
        let tall = Page { width: 595.0, height: 1600.0, spans, rules: Vec::new() };
        let lines: Vec<String> = layout(&[tall]).text.lines().filter(|l| !l.is_empty()).map(String::from).collect();
        assert_eq!(lines.len(), 42, "{lines:?}");
        assert!(lines[41].starts_with("第21行"));
    }

    #[test]
    fn a_bullet_set_tight_against_its_text_gets_a_space() {
        let p = page(vec![
            span("‧《报告》旨在对中俄关系各领域的进展作出系统分析，并就两国协作的发展方", 68.0, 717.0, 519.5, false),
            span("向提出专家建议。", 78.0, 700.0, 200.0, false),
            span("‧ 第二项", 68.0, 683.0, 140.0, false),
        ]);
        assert_eq!(
            body(p),
            ["‧ 《报告》旨在对中俄关系各领域的进展作出系统分析，并就两国协作的发展方向提出专家建议。", "‧ 第二项"]
        );
        let mut pieces: Pieces = vec![("•".into(), false), ("文字".into(), false)];
        space_after_bullet(&mut pieces);
        assert_eq!(pieces.iter().map(|(t, _)| t.as_str()).collect::<String>(), "• 文字");
    }

    #[test]
    fn a_raised_small_number_at_a_line_start_begins_a_footnote() {
        let small = |t: &str, x0: f32, y0: f32| Span {
            text: t.into(),
            x0,
            y0,
            x1: x0 + 3.3,
            y1: y0 + 6.0,
            size: 6.0,
            bold: false,
        };
        let note = |t: &str, x0: f32, y0: f32, x1: f32| Span {
            text: t.into(),
            x0,
            y0,
            x1,
            y1: y0 + 9.0,
            size: 9.0,
            bold: false,
        };
        // Body text (10.5 pt, a footnote call wrapped to the start of its second line), then two
        // footnotes in 9 pt, the first reaching the right margin.
        let p = page(vec![
            span("两国元首举行视频会晤并发表联合声明，宣布条约延期五年", 68.0, 300.0, 519.5, false),
            small("2", 68.0, 287.0),
            span("。声明指出，条约确立的原则经受住了考验。", 71.3, 283.0, 300.0, false),
            span("第三行。", 89.0, 266.0, 130.0, false),
            small("1", 69.0, 107.0),
            note("参见：赵明远《大国竞争》，2021 年。", 72.8, 103.2, 519.5),
            small("2", 69.0, 94.7),
            note("Joint Statement", 72.8, 90.9, 519.5),
            note("countries.", 56.7, 76.6, 142.1),
        ]);
        assert_eq!(
            body(p),
            [
                "两国元首举行视频会晤并发表联合声明，宣布条约延期五年2。声明指出，条约确立的原则经受住了考验。",
                "第三行。",
                "1参见：赵明远《大国竞争》，2021 年。",
                "2Joint Statement countries."
            ]
        );
    }

    #[test]
    fn a_running_header_over_the_heading_it_repeats_is_kept() {
        let p = page(vec![
            span("第一章 国际格局", 256.0, 802.0, 339.0, false),
            span("第一章 国际格局", 230.0, 700.0, 360.0, true),
            span("正文。", 89.0, 680.0, 120.0, false),
        ]);
        let lay = layout(&[p]);
        let lines: Vec<&str> = lay.text.lines().collect();
        assert_eq!(lines, ["第一章 国际格局", "", "第一章 国际格局", "", "正文。"]);
        assert!(lay.furniture[0] && !lay.furniture[2]);
    }

    /// A span of `size` points from `x0` to `x1` whose bottom is at `y0`.
    fn sized(text: &str, x0: f32, y0: f32, x1: f32, size: f32) -> Span {
        Span { text: text.into(), x0, y0, x1, y1: y0 + size, size, bold: false }
    }

    #[test]
    fn a_letter_spaced_url_loses_the_spaces_a_reader_put_after_its_letters() {
        // `URL: <` then h t t p s : glyph by glyph, 1.4 pt apart, each with a trailing space as
        // the reader gives it; word spaces of the line are 12 pt. `表 2` over a quad is kept.
        let mut spans = vec![sized("газета. ", 68.0, 700.0, 120.0, 9.0), sized("URL: <", 132.0, 700.0, 160.0, 9.0)];
        let mut x = 160.0;
        for c in ["h ", "t ", "t ", "p ", "s ", ":"] {
            spans.push(sized(c, x, 700.0, x + 4.7, 9.0));
            x += 4.7 + 1.4;
        }
        assert_eq!(body(page(spans)), ["газета. URL: <https:"]);
        let p = page(vec![
            sized("表", 122.5, 700.0, 133.4, 10.9),
            sized("2", 136.1, 700.0, 142.5, 10.9),
            sized("2021 年中俄货物贸易", 153.4, 700.0, 300.0, 10.9),
        ]);
        assert_eq!(body(p), ["表 2 2021 年中俄货物贸易"]);
    }

    #[test]
    fn a_url_broken_at_a_line_end_goes_on_without_a_space() {
        let p = page(vec![
            span("Торговое представительство РФ в КНР. URL: http://www.russchinatrade.r", 68.0, 717.0, 519.5, false),
            span("u/ru/ru-cn-cooperation/trade_ru_cn", 68.0, 700.0, 250.0, false),
        ]);
        assert_eq!(
            body(p),
            ["Торговое представительство РФ в КНР. URL: http://www.russchinatrade.ru/ru/ru-cn-cooperation/trade_ru_cn"]
        );
        assert!(is_url_start("<https:") && is_url_start("www.cbr.ru") && !is_url_start("газета."));
        assert!(continues_url("-arktike.html>") && !continues_url("Then") && !continues_url("中俄.关系"));
    }

    #[test]
    fn a_line_ends_short_where_the_next_token_did_not_fit() {
        // `…商务代表` leaves 90 pt; the next line opens with a 45-character URL: one paragraph.
        let p = page(vec![
            span(
                "（信息来源）根据俄罗斯银行统计 <http://www.cbr.ru/statistics> 和俄罗斯驻华商务代表",
                68.0,
                717.0,
                428.0,
                false,
            ),
            span("处:www.russchinatrade.ru/ru/ru-cn-cooperation 编制", 68.0, 700.0, 300.0, false),
        ]);
        assert_eq!(body(p).len(), 1);
        // `HTR-` at the end of a short line, then `PM600中`: the word broke at its hyphen.
        let p = page(vec![
            span("该石墨样品可在高温气冷反应器HTR-", 68.0, 717.0, 494.0, false),
            span(
                "PM600中运行，该反应器目前具有广阔前景。根据计划，中国专家将用获得数据证明",
                68.0,
                700.0,
                522.0,
                false,
            ),
        ]);
        assert_eq!(body(p), ["该石墨样品可在高温气冷反应器HTR-PM600中运行，该反应器目前具有广阔前景。根据计划，中国专家将用获得数据证明"]);
        // A paragraph that ends short is still the end of it before a short word.
        let p = page(vec![
            span("上一段的最后一行。", 68.0, 717.0, 300.0, false),
            span("Next paragraph starts here and goes on to the right edge of it", 68.0, 700.0, 519.5, false),
        ]);
        assert_eq!(body(p).len(), 2);
    }

    #[test]
    fn a_url_cut_into_spans_is_one_token() {
        // pdf_oxide cuts `处:www.russchinatrade.ru/…` into `处`, `:www`, `.russchinatrade…`: the
        // first token runs over them up to the space, so `…商务代表` ended short for it.
        let mk =
            |t: &str, x0: f32, x1: f32| Span { text: t.into(), x0, y0: 604.0, x1, y1: 613.0, size: 9.0, bold: false };
        let p = page(vec![
            Span {
                text: "（信息来源）根据俄罗斯银行统计 <http://www.cbr.ru/statistics> 和俄罗斯驻华商务代表".into(),
                x0: 68.0,
                y0: 618.0,
                x1: 428.0,
                y1: 627.0,
                size: 9.0,
                bold: false,
            },
            mk("处", 68.25, 77.25),
            mk(":www", 77.25, 103.0),
            mk(".russchinatrade.ru/ru/ru-cn-cooperation", 102.1, 280.0),
            mk("编制", 282.3, 300.3),
            Span {
                text: "正文一行到右边".into(), x0: 68.0, y0: 400.0, x1: 528.0, y1: 410.0, size: 10.5, bold: false
            },
        ]);
        let lines = visual_lines(&p.spans);
        let (token, end) = first_token(&lines[1]);
        assert_eq!(token, "处:www.russchinatrade.ru/ru/ru-cn-cooperation");
        assert!((end - 280.0).abs() < 0.5, "{end}");
        assert_eq!(first_token(&lines[2]).0, "正", "a line may break after any CJK character");
        assert_eq!(body(p)[0], "（信息来源）根据俄罗斯银行统计 <http://www.cbr.ru/statistics> 和俄罗斯驻华商务代表处:www.russchinatrade.ru/ru/ru-cn-cooperation 编制");
    }

    #[test]
    fn a_hyphen_that_ends_a_page_is_a_line_end_hyphen() {
        let marked = |t: &str| {
            let mut s = t.to_string();
            mark_page_end_hyphen(&mut s);
            s
        };
        assert_eq!(marked("Развитие торгово-"), "Развитие торгово\u{2010}");
        assert_eq!(marked("coopera-"), "coopera\u{2010}");
        // No word broken: a dash for a missing value, a CJK line, a hyphen after a digit.
        assert_eq!(marked("数据 -"), "数据 -");
        assert_eq!(marked("中俄-"), "中俄-");
        assert_eq!(marked("2019-"), "2019-");
        // Only the page's last paragraph, and only when a page follows.
        let text = |pages: &[Page]| layout(pages).text;
        let one = page(vec![span("Источник: Развитие торгово-", 68.0, 400.0, 528.0, false)]);
        assert!(text(std::slice::from_ref(&one)).contains("торгово-\n"));
        let two = [one.clone(), page(vec![span("экономического сотрудничества", 68.0, 700.0, 300.0, false)])];
        assert!(text(&two).contains("торгово\u{2010}\n"));
    }

    #[test]
    fn the_stretched_space_after_a_list_number_is_no_cell_boundary() {
        let p = page(vec![
            span("13. ", 89.0, 717.0, 106.8, false),
            span(
                "《中国海尔公司、俄罗斯联邦工业和贸易部、鞑靼斯坦共和国政府和卡马河畔切尔内市",
                128.2,
                717.0,
                527.2,
                false,
            ),
            span("（“智能工厂”）关于在卡马河畔切尔内市创建高科技工业园区的意向协议》", 89.0, 700.0, 446.0, false),
        ]);
        assert_eq!(
            body(p),
            ["13. 《中国海尔公司、俄罗斯联邦工业和贸易部、鞑靼斯坦共和国政府和卡马河畔切尔内市（“智能工厂”）关于在卡马河畔切尔内市创建高科技工业园区的意向协议》"]
        );
        assert!(is_list_marker("13.") && is_list_marker("(4)") && is_list_marker("•") && !is_list_marker("2019"));
        // A table row whose first cell is a number keeps its cells.
        let p = page(vec![
            span("1.", 68.0, 717.0, 80.0, false),
            span("机制", 120.0, 717.0, 160.0, false),
            span("1996", 300.0, 717.0, 330.0, false),
        ]);
        assert_eq!(body(p), ["1.\t机制\t1996"]);
    }

    #[test]
    fn two_columns_are_read_one_after_the_other_but_a_table_is_not_split() {
        // A heading, then three rows of two justified columns (gutter 140-162), then a column
        // line alone on the left.
        let mut spans = vec![span("第二章 经贸合作", 100.0, 760.0, 200.0, false)];
        let rows = [("左栏第一行的文字很长", "右栏第一行的文字很长"), ("左栏第二行的文字很长", "右栏第二行的文字很长")];
        let mut y = 740.0;
        for (a, b) in rows.iter().chain(std::iter::once(&("左栏第三行的文字很长", "右栏第三行结束。")))
        {
            spans.push(span(a, 34.0, y, 140.0, false));
            spans.push(span(b, 162.0, y, if b.ends_with('。') { 220.0 } else { 263.0 }, false));
            y -= 12.0;
        }
        spans.push(span("左栏结束。", 34.0, y, 90.0, false));
        assert_eq!(
            body(Page { width: 297.0, height: 842.0, spans, rules: Vec::new() }),
            [
                "第二章 经贸合作",
                "左栏第一行的文字很长左栏第二行的文字很长左栏第三行的文字很长左栏结束。",
                "右栏第一行的文字很长右栏第二行的文字很长右栏第三行结束。"
            ]
        );
        // Rows of short cells are a table.
        let mut spans = Vec::new();
        let mut y = 740.0;
        for (a, b) in [("2019", "100.5"), ("2020", "107.1"), ("2021", "114.2")] {
            spans.push(span(a, 34.0, y, 60.0, false));
            spans.push(span(b, 157.0, y, 190.0, false));
            y -= 12.0;
        }
        assert_eq!(body(page(spans)), ["2019\t100.5", "2020\t107.1", "2021\t114.2"]);
    }

    #[test]
    fn an_image_only_page_is_empty() {
        let lay = layout(&[page(Vec::new()), page(vec![span("文字", 68.0, 700.0, 90.0, false)])]);
        assert_eq!(lay.empty_pages, [1]);
        assert_eq!(lay.text, "\u{c}文字\n");
    }
}
