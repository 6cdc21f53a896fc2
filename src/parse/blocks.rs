//! Stage 4: body text → blocks (paragraphs, subheadings, lists, tables, figures).
//!
//! The input is the lines of one region (a part, a chapter before its first section, or a
//! section). Lines holding only white space are skipped; every other line ends up in exactly one
//! block, so no text is lost. Paragraphs are re-flowed: a line that does not end a sentence is
//! joined with the next text line (page breaks and wraps), with no space between CJK characters.

use std::borrow::Cow;

use crate::model::{
    Block, Cell, Diagnostic, DiagnosticCode, Figure, ListItem, Recommendation, RecommendationGroup, Recommendations,
    Row, Span, Table,
};
use crate::parse::lex::{
    self, at_most_chars, is_space, is_terminal_punct, join_wrapped, matches, scan_bullet, scan_figure_caption,
    scan_numbered_item, scan_source_note, scan_table_caption, split_unit, squeeze_cjk_spaces, trim, Line,
};
use crate::parse::{aligned, brackets, cut};

/// The longest line taken as an unnumbered subheading.
const SUBHEADING_MAX_CHARS: usize = 30;

/// What one non-blank line is, for block building.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    TableCaption,
    FigureCaption,
    SourceNote,
    Bullet,
    Numbered,
    TabRow,
    /// A row of a space-aligned table (marked under its caption, see [`mark_aligned_rows`]).
    AlignedRow,
    Text,
}

fn kind(line: &Line) -> Kind {
    let t = line.text;
    // Each scanner needs its own first character (which the line table keeps): most lines are
    // running text that none of them is run on.
    let first = line.first_char();
    if first == '表' && matches(scan_table_caption, t).is_some() && at_most_chars(t, 80) {
        Kind::TableCaption
    } else if first == '图' && matches(scan_figure_caption, t).is_some() && at_most_chars(t, 80) {
        Kind::FigureCaption
    } else if lex::SOURCE_NOTE_STARTS.contains(&first) && matches(scan_source_note, t).is_some() {
        Kind::SourceNote
    } else if lex::BULLET_MARKERS.contains(&first) && matches(scan_bullet, t).is_some() {
        Kind::Bullet
    } else if lex::digit_value(first).is_some() && matches(scan_numbered_item, t).is_some() {
        Kind::Numbered
    } else if line.has_tab() && lex::trim(t).contains('\t') {
        Kind::TabRow
    } else {
        Kind::Text
    }
}

/// Verbs that make `表 3 …` / `图 2 …` the subject of a sentence rather than a caption.
const REFERRING_VERBS: [&str; 16] = [
    "列出",
    "列举",
    "展示",
    "显示",
    "表明",
    "说明",
    "反映",
    "描述",
    "给出",
    "汇总",
    "比较",
    "对比",
    "所示",
    "中的",
    "中可以",
    "可以看出",
];

/// A line that starts like a caption but is a sentence of the body (`表 3 列出了…。`,
/// `图 2 展示了…，`): a caption never ends a sentence or a clause, and a table caption is
/// followed (after an optional unit line) by the table's tab-separated header.
fn demote_look_alike_captions(lines: &[&Line], kinds: &mut [Kind], apart: bool) {
    for k in 0..lines.len() {
        if !matches!(kinds[k], Kind::TableCaption | Kind::FigureCaption) {
            continue;
        }
        let marker = if kinds[k] == Kind::TableCaption { '表' } else { '图' };
        let (_, _, rest, c) = caption_line(lines, k, marker).unwrap_or(("", 0, "", k));
        let t = trim(lines[c].text);
        let sentence = t.contains('。')
            || t.ends_with(['，', '、', '；', ',', ';', '！', '？'])
            || REFERRING_VERBS.iter().any(|v| rest.starts_with(v));
        let no_rows = kinds[k] == Kind::TableCaption && {
            let j = after_caption(lines, c);
            j < lines.len()
                && kinds[j] != Kind::TabRow
                && aligned_rows(lines, kinds, j).is_none()
                && plain_body(lines, kinds, j, apart).is_none()
                // A caption printed under the first header cell (see [`interleaved_caption`]).
                && interleaved_caption(lines, kinds, k, c, apart).is_none()
                && !reads_with_labels_above(lines, kinds, k, j, apart)
        };
        if sentence || no_rows {
            kinds[k] = Kind::Text;
        }
    }
}

/// A caption label printed alone on its line (`表2.`, `图 1.`, `表一`), as PyMuPDF and
/// pdftotext print a caption whose label XeLaTeX set apart. Returns (label, number).
fn scan_bare_label(marker: char, text: &str) -> Option<(&str, u32)> {
    let t = trim(text);
    let rest = t.strip_prefix(marker)?;
    let (after, n) = lex::chinese_number(rest.trim_start_matches(is_space)).ok()?;
    if !trim(after).trim_start_matches(['.', '．', ':', '：']).is_empty() {
        return None;
    }
    Some((t.trim_end_matches(['.', '．', ':', '：']).trim_end_matches(is_space), n))
}

/// Mark a bare caption label ([`scan_bare_label`]) followed by a line that can be its caption
/// (short, no sentence) as a caption: the caption is then read from both lines.
fn mark_bare_captions(lines: &[&Line], kinds: &mut [Kind]) {
    for k in 0..lines.len().saturating_sub(1) {
        let first = lines[k].first_char();
        if kinds[k] != Kind::Text || !matches!(first, '表' | '图') || kinds[k + 1] != Kind::Text {
            continue;
        }
        let next = trim(lines[k + 1].text);
        let caption = at_most_chars(next, 80) && !next.contains('。') && !next.ends_with(['，', '、', '；', ',', ';']);
        if caption && scan_bare_label(first, lines[k].text).is_some() {
            kinds[k] = if first == '表' { Kind::TableCaption } else { Kind::FigureCaption };
        }
    }
}

/// The one cell of a Markdown pipe row that holds a table caption (markitdown prints a table
/// whose caption XeLaTeX set inside its frame as a pipe table, the caption the first row's only
/// cell: `|      |      | 表1 2018—2022年中俄贸易额 |      |`); a slice of `text`.
fn piped_caption(text: &str) -> Option<&str> {
    let cells = pipe_cells(text)?;
    let [cell] = cells[..] else { return None };
    (cell.starts_with('表') && matches(scan_table_caption, cell).is_some() && at_most_chars(cell, 80)).then_some(cell)
}

/// Mark a pipe row whose only cell is a table caption ([`piped_caption`]) as a caption when a
/// pipe row of two cells or more follows it (the table's header), after the rule (`| --- |`)
/// the tool printed under the caption's row.
fn mark_piped_captions(lines: &[&Line], kinds: &mut [Kind]) {
    for k in 0..lines.len().saturating_sub(1) {
        if kinds[k] != Kind::Text || kinds[k + 1] != Kind::Text || lines[k].first_char() != '|' {
            continue;
        }
        let rule = usize::from(pipe_cells(lines[k + 1].text).is_some_and(|c| c.is_empty()));
        let header = lines.get(k + 1 + rule).and_then(|l| pipe_cells(l.text)).is_some_and(|c| c.len() >= 2);
        if header && piped_caption(lines[k].text).is_some() {
            kinds[k] = Kind::TableCaption;
        }
    }
}

/// The caption at line `k`: (label, number, caption text, index of the line holding that
/// text): the line itself (the cell of a pipe row holding it, see [`piped_caption`]), or the
/// next one under a bare label.
fn caption_line<'a>(lines: &[&Line<'a>], k: usize, marker: char) -> Option<(&'a str, u32, &'a str, usize)> {
    let scan = if marker == '表' { scan_table_caption } else { scan_figure_caption };
    let text = if marker == '表' { piped_caption(lines[k].text).unwrap_or(lines[k].text) } else { lines[k].text };
    if let Some((label, n, rest)) = matches(scan, text) {
        return Some((label, n, rest, k));
    }
    let (label, n) = scan_bare_label(marker, lines[k].text)?;
    Some((label, n, trim(lines.get(k + 1)?.text), k + 1))
}

/// The index of the first line under the caption at `k` and its unit line, if any.
fn after_caption(lines: &[&Line], k: usize) -> usize {
    let j = k + 1;
    if j < lines.len() && lex::scan_unit_line(lines[j].text).is_some() {
        j + 1
    } else {
        j
    }
}

/// The layout of a space-aligned table whose header is line `j`: the run of text lines from
/// `j` read by [`aligned::detect`].
fn aligned_rows(lines: &[&Line], kinds: &[Kind], j: usize) -> Option<aligned::Layout> {
    let run = kinds.get(j..)?.iter().take_while(|k| **k == Kind::Text || **k == Kind::AlignedRow).count();
    aligned::detect(lines.get(j..j + run)?)
}

/// Mark the rows of the space-aligned table under each table caption (`pdftotext -layout`
/// output), so that they are read as one table and not re-flowed as prose.
fn mark_aligned_rows(lines: &[&Line], kinds: &mut [Kind]) {
    for k in 0..lines.len() {
        if kinds[k] != Kind::TableCaption {
            continue;
        }
        let j = after_caption(lines, k);
        if kinds.get(j) != Some(&Kind::Text) {
            continue;
        }
        if let Some(layout) = aligned_rows(lines, kinds, j) {
            kinds[j..j + layout.lines].fill(Kind::AlignedRow);
        }
    }
}

/// True when the text does not end a sentence, so the next text line continues it.
fn is_open(text: &str) -> bool {
    match trim(text).chars().last() {
        Some(c) => !is_terminal_punct(c),
        None => false,
    }
}

/// A short line without closing punctuation that stands alone: an unnumbered heading. A heading
/// names something: a bare number ([`is_bare_number`]) is a number the tool printed apart from
/// the text it begins (`2017` / `年是…`), never a heading.
fn looks_like_subheading(text: &str) -> bool {
    let t = trim(text);
    // Counting stops past the limit: body lines are long and most are not headings.
    let n = t.chars().take(SUBHEADING_MAX_CHARS + 1).count();
    n > 0
        && n <= SUBHEADING_MAX_CHARS
        && !is_bare_number(t)
        && !t.ends_with(|c: char| is_terminal_punct(c) || matches!(c, '，' | '、' | ',' | '；' | '。'))
        && !t.starts_with(['（', '(', '“', '《'])
}

/// A line holding a number only: digits (ASCII or full-width) with the signs and separators of
/// a quantity (`2017`, `1 400`, `30%`, `-2.5`).
fn is_bare_number(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && t.chars().all(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | ',' | '%' | '-' | '+' | ' ' | '％')
        })
}

/// The fewest lines that must end at the same place for it to be the right margin of the text.
const MARGIN_MIN_LINES: usize = 3;
/// How far short of the right margin a line may end and still fill the width (two CJK
/// characters: a line breaker never leaves more room than one wide character and a
/// punctuation mark it would not start a line with).
const MARGIN_TOLERANCE: usize = 4;

/// The right margin of a region's text, in display columns (CJK characters two wide): where
/// wrapped lines end, measured from the left edge of the page (indentation included) and from
/// the start of the text (indentation excluded, for dumps that indent a paragraph's first line
/// without shortening it). None when too few lines end at one place.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Margin {
    edge: Option<usize>,
    width: Option<usize>,
}

impl Margin {
    /// The margin of lines measured by [`edges`].
    fn of(measures: impl Iterator<Item = (usize, usize)>) -> Margin {
        let (mut edges, mut widths): (Vec<usize>, Vec<usize>) = measures.unzip();
        Margin { edge: common_end(&mut edges), width: common_end(&mut widths) }
    }

    /// True when the line `next` (measured `next_edges`) continues the line measured `edges`
    /// although that line ends a sentence: the sentence ended at the right margin and the text
    /// was wrapped there, and `next` is not indented further. A short line without closing
    /// punctuation under it is a heading. Used for lines printed one under the other, and for
    /// the last line of a page and the first line after the break (furniture, footnotes and
    /// blank lines between them): a page that ends with a full line ends in the middle of a
    /// paragraph far more often than exactly at the end of one.
    fn continues(&self, edges: (usize, usize), next_edges: (usize, usize), next: &str) -> bool {
        let indent = |(edge, width): (usize, usize)| edge - width;
        self.reached_by(edges)
            && indent(next_edges) <= indent(edges)
            && (self.reached_by(next_edges) || !looks_like_subheading(next))
    }

    /// True when a line measured `(edge, width)` ends past the margin (by more than the
    /// tolerance) on every measure the margin has: too long to be one printed line.
    fn past_by(&self, (edge, width): (usize, usize)) -> bool {
        let past = |m: Option<usize>, v: usize| m.is_none_or(|m| v > m + MARGIN_TOLERANCE);
        (self.edge.is_some() || self.width.is_some()) && past(self.edge, edge) && past(self.width, width)
    }

    /// This margin, or for each of its measures that the region's text is too short to show,
    /// the document's.
    fn or(self, fallback: Option<Margin>) -> Margin {
        Margin {
            edge: self.edge.or(fallback.and_then(|m| m.edge)),
            width: self.width.or(fallback.and_then(|m| m.width)),
        }
    }

    /// True when a line measured `(edge, width)` runs far past the margin (by a quarter): lines
    /// the tool printed as one, whose end says nothing of a wrap.
    fn overrun_by(&self, (edge, width): (usize, usize)) -> bool {
        let past = |m: Option<usize>, v: usize| m.is_some_and(|m| v > m + m / 4);
        past(self.edge, edge) || past(self.width, width)
    }

    /// True when a line measured `(edge, width)` ends too close to the right margin for a word
    /// `word` display columns wide (and a space) to follow it: a line broken before a long
    /// unbreakable word (a URL) that ends short of the margin.
    fn leaves_no_room(&self, (edge, width): (usize, usize), word: usize) -> bool {
        let over = |m: Option<usize>, v: usize| m.is_some_and(|m| v + word + 1 > m);
        word > 0 && (over(self.edge, edge) || over(self.width, width))
    }

    /// True when a line measured `(edge, width)` by [`edges`] ends at the right margin (within
    /// the tolerance).
    fn reached_by(&self, (edge, width): (usize, usize)) -> bool {
        let near = |m: Option<usize>, v: usize| m.is_some_and(|m| v + MARGIN_TOLERANCE >= m);
        near(self.edge, edge) || near(self.width, width)
    }
}

/// The chapters' prose of a document, measured once: the right margin it shares (for regions
/// too short to show their own), and each non-blank line's [`Kind`] and, for prose, its
/// [`edges`], by line number, which each region's parse then reads instead of reading the
/// lines again.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    margin: Margin,
    /// Where the measured text starts in memory (a line's text address less its `start`): a
    /// line of another text is not looked up.
    base: usize,
    first_no: u32,
    lines: Vec<Option<Measured>>,
    /// The width of a full line of CJK characters ([`wide_full_width`]).
    wide_full: Option<usize>,
    /// Whether most lines of the document have a blank line after them
    /// ([`crate::parse::boxes::blank_after_most`]).
    blank_after_most: bool,
    /// The measure of a dump that cuts its printed lines after their punctuation
    /// ([`cut::measure`]), `None` for a dump of whole lines.
    cut_full: Option<usize>,
}

/// What [`Prose`] knows of one non-blank line.
#[derive(Debug, Clone, Copy)]
struct Measured {
    kind: Kind,
    /// The line's [`edges`], for prose lines (`None` for others).
    edges: Option<(u32, u32)>,
}

/// Where the text of `line` starts in memory (its address less its byte offset).
fn text_base(line: &Line) -> usize {
    (line.text.as_ptr() as usize).wrapping_sub(line.start)
}

impl Measured {
    fn of(line: &Line) -> Measured {
        let kind = kind(line);
        let narrow = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Measured { kind, edges: is_prose(kind).then(|| edges(line.text)).map(|(e, w)| (narrow(e), narrow(w))) }
    }

    fn edges(&self) -> Option<(usize, usize)> {
        self.edges.map(|(e, w)| (e as usize, w as usize))
    }
}

impl Prose {
    /// The prose, told whether most lines of the whole document have a blank line after them
    /// ([`crate::parse::boxes::blank_after_most`], judged on every line, not only the prose).
    pub fn with_blank_after_most(self, blank_after_most: bool) -> Self {
        Prose { blank_after_most, ..self }
    }

    /// The right margin of the chapters' prose.
    pub fn margin(&self) -> Margin {
        self.margin
    }

    fn get(&self, line: &Line) -> Option<Measured> {
        let k = line.no.checked_sub(self.first_no)?;
        self.lines.get(k as usize).copied().flatten().filter(|_| text_base(line) == self.base)
    }
}

/// The largest value that at least [`MARGIN_MIN_LINES`] of `ends` reach within the tolerance,
/// provided few lines go past it (at most one for [`MARGIN_MIN_REACHING_PER_LONGER`] that reach
/// it): text with a paragraph per line (the 2020 sample) has no margin, though a few of its long
/// lines happen to end near one another.
fn common_end(ends: &mut [usize]) -> Option<usize> {
    ends.sort_unstable_by(|a, b| b.cmp(a));
    let (longer, e) = ends
        .iter()
        .copied()
        .enumerate()
        .find(|&(k, e)| ends[k..].iter().take_while(|&&f| f + MARGIN_TOLERANCE >= e).count() >= MARGIN_MIN_LINES)?;
    let reaching = ends[longer..].iter().take_while(|&&f| f + MARGIN_TOLERANCE >= e).count();
    (longer * MARGIN_MIN_REACHING_PER_LONGER <= reaching).then_some(e)
}

/// How many lines must reach the right margin for each line that goes past it.
const MARGIN_MIN_REACHING_PER_LONGER: usize = 4;

/// The display column just past the last non-space character of `text`.
fn right_edge(text: &str) -> usize {
    display_width(text.trim_end_matches(is_space))
}

/// The display width of `t`: two columns for each [`lex::is_cjk`] character, one for any other.
/// Margins are measured on every prose line, so the common characters are counted from their
/// lead byte alone: ASCII, and the ideographs U+5000..=U+9FFF (lead bytes 0xE5..=0xE9), all
/// CJK. Any other character is decoded and asked.
fn display_width(t: &str) -> usize {
    let bytes = t.as_bytes();
    let (mut width, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            width += 1;
            i += 1;
        } else if (0xE5..=0xE9).contains(&b) {
            width += 2;
            i += 3;
        } else if let Some(cjk) = three_byte_cjk(b, bytes.get(i + 1).copied(), bytes.get(i + 2).copied()) {
            width += if cjk { 2 } else { 1 };
            i += 3;
        } else {
            let c = t[i..].chars().next().unwrap_or_default();
            width += if lex::is_cjk(c) { 2 } else { 1 };
            i += c.len_utf8();
        }
    }
    width
}

/// `(right_edge(text), right_edge(trim(text)))` in one pass over the text: the leading white
/// space's width plus the trimmed text's (0 and 0 for a blank line). Margins are measured on
/// every prose line of a region, several times: this halves the characters read.
fn edges(text: &str) -> (usize, usize) {
    let t = trim(text);
    if t.is_empty() {
        return (0, 0);
    }
    let lead = text.len() - text.trim_start_matches(is_space).len();
    let lead_width = display_width(&text[..lead]);
    let width = right_edge(t);
    (lead_width + width, width)
}

/// Whether the three-byte character with lead byte `b` (and continuation bytes `b2`, `b3`) is
/// [`lex::is_cjk`], for the lead bytes of CJK punctuation and of the other CJK blocks in Chinese
/// text (0xE3: U+3000..U+3FFF, 0xE4: U+4000..U+4FFF, 0xEF: U+F000..U+FFFF); `None` for any
/// other lead byte.
fn three_byte_cjk(b: u8, b2: Option<u8>, b3: Option<u8>) -> Option<bool> {
    let (b2, b3) = (b2?, b3?);
    Some(match b {
        // U+3100..=U+33FF (Bopomofo to CJK compatibility) are not.
        0xE3 => !(0x84..=0x8F).contains(&b2),
        // U+4DC0..=U+4DFF (Yijing hexagrams) are not.
        0xE4 => b2 != 0xB7,
        0xEF => match b2 {
            0xA4..=0xAB => true, // U+F900..=U+FAFF
            0xB8 => b3 >= 0xB0,  // U+FE30..=U+FE3F
            0xB9 => b3 <= 0x8F,  // U+FE40..=U+FE4F
            0xBC..=0xBE => true, // U+FF00..=U+FFBF
            0xBF => b3 <= 0xAF,  // U+FFC0..=U+FFEF
            _ => false,
        },
        _ => return None,
    })
}

/// Build the blocks of one region.
pub fn parse_blocks(lines: &[Line]) -> (Vec<Block>, Vec<Diagnostic>) {
    parse_blocks_in(lines, None)
}

/// The right margin of a document's prose (wrapped paragraphs, list items): what a region too
/// short to show its own margin (a section of two paragraphs) is measured against.
pub fn document_prose<'l, 'a: 'l>(lines: impl Iterator<Item = &'l Line<'a>>) -> Prose {
    let lines: Vec<&Line> = lines.collect();
    let under = printed_under(&lines);
    let nonblank: Vec<&Line> = lines.into_iter().filter(|l| !l.is_blank()).collect();
    let (Some(first), Some(last)) = (nonblank.iter().map(|l| l.no).min(), nonblank.iter().map(|l| l.no).max()) else {
        return Prose::default();
    };
    let base = nonblank.first().map_or(0, |l| text_base(l));
    let mut measured = vec![None; (last - first) as usize + 1];
    for l in &nonblank {
        measured[(l.no - first) as usize] = Some(Measured::of(l));
    }
    let kinds: Vec<Kind> =
        nonblank.iter().map(|l| measured[(l.no - first) as usize].map_or(Kind::Text, |m| m.kind)).collect();
    let margin = Margin::of(prose_edges(&nonblank, &kinds, &measured, first).into_iter());
    let wide_full = full_over_first_lines(&wrapped_wide_widths(&nonblank, &kinds, &under), margin.width);
    let runs: Vec<Vec<&str>> =
        text_runs(&kinds, &under).into_iter().map(|r| nonblank[r].iter().map(|l| l.text).collect()).collect();
    let cut_full = cut::measure(&runs);
    Prose { margin, base, first_no: first, lines: measured, wide_full, blank_after_most: false, cut_full }
}

/// The runs of text lines printed one under another ([`printed_under`]), as ranges of indexes
/// into the non-blank lines classified `kinds`.
fn text_runs(kinds: &[Kind], under: &[bool]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut k = 0;
    while k < kinds.len() {
        if kinds[k] != Kind::Text {
            k += 1;
            continue;
        }
        let start = k;
        k += 1;
        while k < kinds.len() && kinds[k] == Kind::Text && under.get(k) == Some(&true) {
            k += 1;
        }
        runs.push(start..k);
    }
    runs
}

/// For each of the non-blank lines `nonblank` classified `kinds`, in a dump that cuts its
/// printed lines after their punctuation into lines of the measure `full`, whether the line
/// after it goes on with its paragraph ([`cut::paragraph_joins`]; `None` where the pieces do
/// not say).
fn cut_joins(nonblank: &[&Line], kinds: &[Kind], under: &[bool], full: usize) -> Vec<Option<bool>> {
    let mut joins = vec![None; nonblank.len()];
    for run in text_runs(kinds, under) {
        let texts: Vec<&str> = nonblank[run.clone()].iter().map(|l| l.text).collect();
        for (k, j) in cut::paragraph_joins(&texts, full).into_iter().enumerate() {
            joins[run.start + k] = j;
        }
    }
    joins
}

/// The edges of the document's prose lines, for its margin: the rows of space-aligned tables
/// (marked as each region marks them, [`mark_aligned_rows`]) are left out, since their cells,
/// spread across the page, end wherever the columns put them.
fn prose_edges(nonblank: &[&Line], kinds: &[Kind], measured: &[Option<Measured>], first: u32) -> Vec<(usize, usize)> {
    let mut marked = kinds.to_vec();
    mark_bare_captions(nonblank, &mut marked);
    mark_piped_captions(nonblank, &mut marked);
    demote_look_alike_captions(nonblank, &mut marked, false);
    mark_aligned_rows(nonblank, &mut marked);
    nonblank
        .iter()
        .zip(&marked)
        .filter(|(_, k)| **k != Kind::AlignedRow)
        .filter_map(|(l, _)| measured[(l.no - first) as usize].and_then(|m| m.edges()))
        .collect()
}

/// The fewest wrapped lines of CJK characters only that must share a width for it to be the
/// width of a full line.
const WIDE_FULL_MIN_LINES: usize = 3;

/// How much shorter than a full line, in display columns, the first line of a paragraph indented
/// without spaces is: one to four CJK characters (the usual indent is two).
const FIRST_LINE_INDENT: std::ops::RangeInclusive<usize> = 4..=8;

/// How far, in display columns, a paragraph's first line may end from the width a two-character
/// indent leaves and still fill it: one CJK character (a line breaker may leave that much room).
const FIRST_LINE_TOLERANCE: usize = 2;

/// Whether the trimmed `text` is CJK characters only (ideographs and full-width punctuation):
/// its display width is then the width the tool printed, which the width of a Latin letter,
/// digit or space in justified text is not.
fn is_all_wide(text: &str) -> bool {
    let t = trim(text);
    !t.is_empty() && display_width(t) == 2 * t.chars().count()
}

/// The printed width, in display columns, of the trimmed `text` when it is CJK characters,
/// ASCII digits, spaces and dashes only (`2024 年 3 月 12—19 日，…`): a digit is half a wide
/// character as [`display_width`] counts it, but a dash between numbers is a wide character and
/// a space around a number (the room a typesetter puts between CJK text and digits, a quarter
/// or a third of a wide character) half a column, rounded down. None for any other line (a
/// Latin word's width depends on its letters and the font), and for a line of no CJK
/// character.
fn wide_and_digits_width(text: &str) -> Option<usize> {
    let t = trim(text);
    let (mut columns, mut spaces, mut wide) = (0, 0, false);
    for c in t.chars() {
        match c {
            '0'..='9' => columns += 1,
            ' ' => spaces += 1,
            '—' | '–' => columns += 2,
            c if lex::is_cjk(c) => {
                columns += 2;
                wide = true;
            }
            _ => return None,
        }
    }
    wide.then_some(columns + spaces / 2)
}

/// The display width of the number that starts the trimmed `text` (ASCII digits with the
/// separators and signs of a quantity: `840.7`, `1,200`, `30%`), None when it starts with none.
/// A line breaker keeps such a number whole: it goes down only when it does not fit.
fn leading_number_width(text: &str) -> Option<usize> {
    let t = trim(text);
    let number = t.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%')).count();
    t.starts_with(|c: char| c.is_ascii_digit()).then_some(number)
}

/// Whether a line starting with `c` could have ended the line above, had it had room: an
/// ideograph or an opening mark (not a closing mark a line breaker keeps off a line's start,
/// nor a digit or Latin letter that may start a word too long for the room).
fn starts_breakably(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF) || matches!(c, '“' | '《' | '（' | '「' | '『' | '〈')
}

/// Whether the text `t` of a line could have given its first character to the line above, had
/// that line one wide character's room left: it starts with an ideograph, and the character
/// after it is not a mark a line breaker keeps off a line's start (`源、…`: the ideograph goes
/// down with the mark).
fn fits_one_wide_room(t: &str) -> bool {
    let mut chars = t.chars();
    let ideograph = |c: char| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF);
    chars.next().is_some_and(ideograph) && !chars.next().is_some_and(is_line_start_prohibited)
}

/// Whether `text` starts with a full-width closing mark (`。两国认为…`, `”，…`): no line of its
/// own starts so, and a line breaker never puts one at a line's start, so the line is the rest
/// of the text line above (`pdftotext -raw` ends a line after a closing quote and prints the
/// full stop after it on the next).
fn starts_with_closing_mark(text: &str) -> bool {
    trim(text).chars().next().is_some_and(|c| !c.is_ascii() && c != '…' && is_line_start_prohibited(c))
}

/// Marks a line breaker does not start a line with: closing punctuation and brackets.
fn is_line_start_prohibited(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '”'
            | '’'
            | '…'
            | '·'
            | '・'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | '％'
            | '%'
            | '¹'
            | '²'
            | '³'
    )
}

/// The width of a full line of prose made of CJK characters only: the largest width at least
/// [`WIDE_FULL_MIN_LINES`] such lines share exactly, among the lines that wrap (no closing
/// punctuation, a text line printed right under them) and are not indented with spaces. None
/// when no width is shared so.
fn wide_full_width(nonblank: &[&Line], kinds: &[Kind], under: &[bool]) -> Option<usize> {
    shared_width(&wrapped_wide_widths(nonblank, kinds, under))
}

/// The largest width at least [`WIDE_FULL_MIN_LINES`] of `widths` (sorted widest first) share.
fn shared_width(widths: &[usize]) -> Option<usize> {
    widths.chunk_by(|a, b| a == b).find(|run| run.len() >= WIDE_FULL_MIN_LINES).map(|run| run[0])
}

/// The width of a full line ([`wide_full_width`]) of a document whose prose reaches `margin`:
/// the largest width wrapped lines share, unless no wrapped line ends an indent short of it
/// while the margin is an indent past it. Then that width is the paragraphs' indented first
/// lines (a report of short paragraphs wraps few lines but their first), and a full line
/// reaches the margin.
fn full_over_first_lines(widths: &[usize], margin: Option<usize>) -> Option<usize> {
    let shared = shared_width(widths)?;
    let indented_under = widths.iter().any(|&w| shared.checked_sub(w).is_some_and(|d| FIRST_LINE_INDENT.contains(&d)));
    match margin {
        Some(m) if !indented_under && m.checked_sub(shared).is_some_and(|d| FIRST_LINE_INDENT.contains(&d)) => Some(m),
        _ => Some(shared),
    }
}

/// The widths of the lines made of CJK characters only that wrap (no closing punctuation, a
/// text line printed right under them) and are not indented with spaces, widest first.
fn wrapped_wide_widths(nonblank: &[&Line], kinds: &[Kind], under: &[bool]) -> Vec<usize> {
    let mut widths: Vec<usize> = (0..nonblank.len().saturating_sub(1))
        .filter(|&i| {
            kinds[i] == Kind::Text
                && kinds[i + 1] == Kind::Text
                && under[i + 1]
                && !nonblank[i].text.starts_with(is_space)
                && is_open(nonblank[i].text)
                && is_all_wide(nonblank[i].text)
        })
        .map(|i| right_edge(nonblank[i].text))
        .collect();
    widths.sort_unstable_by(|a, b| b.cmp(a));
    widths
}

/// Fewest line pairs (one non-blank line after another in the line table) a text needs to be
/// judged printed box by box in [`printed_under`]; a shorter one is read line by line.
const BOXED_UNDER_MIN_PAIRS: usize = 2;

/// For each non-blank line of `lines`, whether it is printed right under the non-blank line
/// before it: the next line of the input. In text printed one layout box at a time (pdfminer's
/// `pdf2txt`), whose blank lines [`crate::parse::boxes::box_lines`] took out keeping the line
/// numbers, two lines of one paragraph are numbered two apart: when `lines` hold no blank line
/// but page breaks and most non-blank lines that follow one another in the table are numbered
/// apart, the next line of the table (not past a page break) is printed right under it too.
fn printed_under(lines: &[&Line]) -> Vec<bool> {
    printed_under_boxed(lines).0
}

/// [`printed_under`], and whether `lines` were judged printed box by box.
fn printed_under_boxed(lines: &[&Line]) -> (Vec<bool>, bool) {
    // (non-blank line, whether the line before it in the table is the previous non-blank line)
    let mut rows: Vec<(&Line, bool)> = Vec::new();
    let mut after_text = false;
    for l in lines {
        if l.is_blank() {
            after_text = false;
        } else {
            rows.push((l, after_text));
            after_text = true;
        }
    }
    // A Markdown rule line left out of the table (`pipes::without_rules`) stood between a line
    // and the one printed under it.
    let next_in_input = |k: usize| {
        k > 0
            && (rows[k].0.no == rows[k - 1].0.no + 1 || rows[k].0.after_rule() && rows[k].0.no == rows[k - 1].0.no + 2)
    };
    let pairs = rows.iter().filter(|r| r.1).count();
    let spaced = (1..rows.len()).filter(|&k| rows[k].1 && !next_in_input(k)).count();
    let only_breaks = lines.iter().all(|l| !l.is_blank() || l.text == crate::parse::pages::PAGE_BREAK);
    let boxed = only_breaks && pairs >= BOXED_UNDER_MIN_PAIRS && spaced * 2 > pairs;
    ((0..rows.len()).map(|k| next_in_input(k) || (boxed && rows[k].1)).collect(), boxed)
}

/// Longest line, in characters, read as the end of a wrapped line printed apart from it.
const TAIL_MAX_CHARS: usize = 3;

/// Whether `text` is the last characters of a wrapped line (`具。`): a few CJK characters that
/// end a sentence.
fn is_line_tail(text: &str) -> bool {
    let t = trim(text);
    at_most_chars(t, TAIL_MAX_CHARS) && is_all_wide(t) && !is_open(t)
}

/// Whether the open line `line` ends its item or paragraph where it stands: the line after it
/// is a numbered item, a bare item number or a heading-like line, or there is none.
fn open_before_a_start(line: &Line, next: Option<&&Line>) -> bool {
    is_open(line.text)
        && bare_item_number(line.text).is_none()
        && next.is_none_or(|n| {
            matches!(kind(n), Kind::Numbered) || bare_item_number(n.text).is_some() || looks_like_subheading(n.text)
        })
}

/// The reading order of the non-blank lines of a region printed box by box (`boxed`), as
/// indexes into `nonblank`: pdfminer prints the short boxes of several lines' ends one after
/// another, under the first of those lines (`…提供金融工` / `具。` / `作。` / `序。` / `6.` /
/// `…技术方面的合` / `7. …简化审批程` / `科技与数字合作`). A run of such ends (a few characters
/// ending a sentence, [`is_line_tail`]) right under an open line: the first ends that line,
/// each of the others the next open line, on the same page, that ends its item or paragraph
/// where it stands ([`open_before_a_start`]), in order, when there are that many. `under` says
/// whether each line is printed right under the one before (false past a page break).
fn tails_in_place(nonblank: &[&Line], under: &[bool], boxed: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..nonblank.len()).collect();
    if !boxed {
        return order;
    }
    let tail = |k: usize| nonblank.get(k).is_some_and(|l| is_line_tail(l.text)) && under.get(k) == Some(&true);
    let mut i = 1;
    while i < nonblank.len() {
        let run = (i..).take_while(|&k| tail(k)).count();
        if run < 2 || !is_open(nonblank[i - 1].text) {
            i += 1;
            continue;
        }
        let extra = run - 1;
        let targets: Vec<usize> = (i + run..nonblank.len())
            .take_while(|&k| under[k])
            .filter(|&k| open_before_a_start(nonblank[k], nonblank.get(k + 1)))
            .take(extra)
            .collect();
        if targets.len() == extra {
            let moved: Vec<usize> = (i + 1..i + run).collect();
            order.retain(|k| !moved.contains(k));
            for (&t, &m) in targets.iter().zip(&moved) {
                if let Some(at) = order.iter().position(|&k| k == t) {
                    order.insert(at + 1, m);
                }
            }
        }
        i += run;
    }
    order
}

/// Prose lines: running text and list items, which wrap at the right margin.
fn is_prose(kind: Kind) -> bool {
    matches!(kind, Kind::Text | Kind::Numbered | Kind::Bullet)
}

/// [`parse_blocks`] of one region of a document whose prose has the margin `document`.
pub fn parse_blocks_in(lines: &[Line], document: Option<&Prose>) -> (Vec<Block>, Vec<Diagnostic>) {
    let region = Region::of(lines, document);
    let (nonblank, kinds) = (&region.nonblank, &region.kinds);
    let mut blocks = Vec::new();
    let mut diags = Vec::new();
    let mut i = 0;
    while i < nonblank.len() {
        let line = nonblank[i];
        match kinds[i] {
            Kind::TableCaption => {
                // The first column printed above the caption, read so far as text blocks.
                let above = labels_above_caption(&blocks, nonblank, kinds, i);
                let labels = above.as_ref().map(|(_, l)| l.as_slice());
                let (table, next, d, took) =
                    parse_table(nonblank, kinds, i, region.margin, region.blank_after_most, labels);
                if let (true, Some((count, _))) = (took, &above) {
                    blocks.truncate(blocks.len() - count);
                }
                diags.extend(d);
                blocks.push(Block::Table(table));
                i = next;
            }
            Kind::FigureCaption => {
                let (figure, next) = parse_figure(nonblank, kinds, i, region.margin);
                blocks.push(Block::Figure(figure));
                i = next;
            }
            Kind::Bullet | Kind::Numbered => {
                let (list, next) = region.list(i);
                blocks.push(list);
                i = next;
            }
            Kind::SourceNote => {
                // A note with no table or figure before it: keep it as a paragraph.
                let (text, span, next) = note_with_continuations(nonblank, kinds, i, line.text, region.margin);
                diags.push(Diagnostic::new(
                    DiagnosticCode::OrphanSourceNote,
                    "a source note without a table or figure before it; kept as a paragraph",
                    Some(span),
                ));
                blocks.push(Block::Paragraph { id: String::new(), text, page: None, span });
                i = next;
            }
            Kind::TabRow | Kind::AlignedRow | Kind::Text => {
                if kinds[i] == Kind::TabRow {
                    diags.push(Diagnostic::new(
                        DiagnosticCode::StrayTabRow,
                        "a tab-separated line outside any table; kept as a paragraph",
                        Some(line.span()),
                    ));
                }
                let (block, next) = region.text_block(i);
                blocks.push(block);
                i = next;
            }
        }
    }
    (adopt_trailing_markers(blocks), diags)
}

/// How many bare list markers block `b` is: a line holding only a typographic bullet (`•`,
/// read as a paragraph or a subheading) counts one, a list whose items are all empty (`• `)
/// one per item; 0 for any other block.
fn bare_markers(b: &Block) -> usize {
    match b {
        Block::Paragraph { text, .. } | Block::Subheading { text, .. } => {
            let mut chars = trim(text).chars();
            let bullet = chars.next().is_some_and(|c| lex::BULLET_MARKERS.contains(&c) && !matches!(c, '-' | '*'));
            usize::from(bullet && chars.next().is_none())
        }
        Block::List { items, .. } if items.iter().all(|it| trim(&it.text).is_empty()) => items.len(),
        _ => 0,
    }
}

/// A bullet list whose markers the tool printed after its text (PyMuPDF, PDFium and
/// `pdftotext -raw` print the markers WeasyPrint draws after the page's text): a run of `n ≥ 2`
/// bare markers right after `n` paragraphs makes those paragraphs the items of one list, whose
/// span takes in the markers. Any other run of markers is left as it was.
fn adopt_trailing_markers(blocks: Vec<Block>) -> Vec<Block> {
    let counts: Vec<usize> = blocks.iter().map(bare_markers).collect();
    if counts.iter().all(|&c| c == 0) {
        return blocks;
    }
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    // The list being given its markers, and the block index its run of markers ends at.
    let mut adopting: Option<(Vec<ListItem>, Span, usize)> = None;
    for (j, b) in blocks.into_iter().enumerate() {
        if let Some((items, span, end)) = adopting.take() {
            if j < end {
                adopting = Some((items, span.join(b.span()), end));
                continue;
            }
            out.push(Block::List { id: String::new(), items, page: None, span });
        }
        let run_start = counts[j] > 0 && (j == 0 || counts[j - 1] == 0);
        if run_start {
            let end = (j..counts.len()).find(|&e| counts[e] == 0).unwrap_or(counts.len());
            let n: usize = counts[j..end].iter().sum();
            let paragraphs = out.iter().rev().take_while(|p| matches!(p, Block::Paragraph { .. })).count();
            if n >= 2 && paragraphs >= n {
                let items: Vec<ListItem> = out
                    .drain(out.len() - n..)
                    .filter_map(|p| match p {
                        Block::Paragraph { text, span, .. } => {
                            Some(ListItem { id: String::new(), number: None, text, span })
                        }
                        _ => None,
                    })
                    .collect();
                let span = items.first().map_or(b.span(), |it| it.span).join(b.span());
                adopting = Some((items, span, end));
                continue;
            }
        }
        out.push(b);
    }
    if let Some((items, span, _)) = adopting {
        out.push(Block::List { id: String::new(), items, page: None, span });
    }
    out
}

/// The number of an item printed alone on its line (`6.`, `6．`, `6、`): PyMuPDF and
/// `pdftotext` print an item's number on a line of its own when its text was set apart.
fn bare_item_number(text: &str) -> Option<u32> {
    let digits = trim(text).strip_suffix(['.', '．', '、'])?;
    let short = (1..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    short.then(|| digits.parse().ok()).flatten()
}

/// The number and text of the numbered item at `text`: `12. text`, or a bare number (`6.`,
/// [`bare_item_number`]) with no text on its line.
fn item_number(text: &str) -> Option<(u32, &str)> {
    matches(scan_numbered_item, text).or_else(|| bare_item_number(text).map(|n| (n, "")))
}

/// Mark as numbered items the bare item numbers (`6.`) that continue a numbering (the last
/// numbered item above is `5.`) and have text under them: the item's text follows on the next
/// lines. Any other such line stays text.
fn mark_bare_item_numbers(lines: &[&Line], kinds: &mut [Kind]) {
    let mut last_number: Option<u32> = None;
    for i in 0..lines.len() {
        match kinds[i] {
            Kind::Numbered => last_number = item_number(lines[i].text).map(|(n, _)| n),
            Kind::Text => {
                let n = bare_item_number(lines[i].text);
                let continues = n.is_some_and(|n| last_number.is_some_and(|last| last + 1 == n));
                if continues && kinds.get(i + 1) == Some(&Kind::Text) {
                    kinds[i] = Kind::Numbered;
                    last_number = n;
                }
            }
            _ => {}
        }
    }
}

/// The non-blank lines of one region, classified and measured once, as [`parse_blocks_in`]
/// reads them.
struct Region<'r, 'a> {
    /// The non-blank lines.
    nonblank: Vec<&'r Line<'a>>,
    /// What each line is.
    kinds: Vec<Kind>,
    /// Whether each line ends a page (the next line of the input is past a page break).
    page_end: Vec<bool>,
    /// The edges of each prose line.
    measured: Vec<Option<(usize, usize)>>,
    /// The right margin of the region's prose, else the document's.
    margin: Margin,
    /// The width of a full line of CJK characters in the region or the document, the larger.
    wide_full: Option<usize>,
    /// Whether each line is printed right under the line before it ([`printed_under`]).
    under: Vec<bool>,
    /// Whether most lines of the document (else of the region) have a blank line after them
    /// ([`crate::parse::boxes::blank_after_most`]): box-printed tables are looked for.
    blank_after_most: bool,
    /// In a dump that cuts its printed lines after their punctuation, whether the line after
    /// each line goes on with its paragraph, where the pieces say ([`cut_joins`]).
    joins: Vec<Option<bool>>,
}

impl<'r, 'a> Region<'r, 'a> {
    /// Classify and measure the non-blank lines of `lines` (with the document's prose, when
    /// it measured them already).
    fn of(lines: &'r [Line<'a>], document: Option<&Prose>) -> Self {
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let all: Vec<&Line> = lines.iter().collect();
        let blank_after_most =
            document.map_or_else(|| crate::parse::boxes::blank_after_most(&all), |p| p.blank_after_most);
        let (under, boxed) = printed_under_boxed(&all);
        let order = tails_in_place(&nonblank, &under, boxed);
        // Lines moved stay on their page, where every line is printed under the one before.
        let under: Vec<bool> = order.iter().map(|&k| under[k]).collect();
        let nonblank: Vec<&Line> = order.iter().map(|&k| nonblank[k]).collect();
        let known: Vec<Option<Measured>> = nonblank.iter().map(|l| document.and_then(|p| p.get(l))).collect();
        let mut kinds: Vec<Kind> =
            nonblank.iter().zip(&known).map(|(l, m)| m.map_or_else(|| kind(l), |m| m.kind)).collect();
        let page_end = page_ends(lines, nonblank.len());
        mark_bare_captions(&nonblank, &mut kinds);
        mark_piped_captions(&nonblank, &mut kinds);
        demote_look_alike_captions(&nonblank, &mut kinds, blank_after_most);
        mark_aligned_rows(&nonblank, &mut kinds);
        mark_bare_item_numbers(&nonblank, &mut kinds);
        // Each prose line is measured once (or was, with the document's prose).
        let measured: Vec<Option<(usize, usize)>> = (0..nonblank.len())
            .map(|i| {
                is_prose(kinds[i]).then(|| known[i].and_then(|m| m.edges()).unwrap_or_else(|| edges(nonblank[i].text)))
            })
            .collect();
        let margin = Margin::of(measured.iter().flatten().copied()).or(document.map(|p| p.margin));
        // A full line is the widest a line of CJK characters gets: a short region whose wrapped
        // lines are all first lines shows only theirs.
        let wide_full = wide_full_width(&nonblank, &kinds, &under).max(document.and_then(|p| p.wide_full));
        let joins = match document.and_then(|p| p.cut_full) {
            Some(full) => cut_joins(&nonblank, &kinds, &under, full),
            None => vec![None; nonblank.len()],
        };
        Region { nonblank, kinds, page_end, measured, margin, wide_full, under, blank_after_most, joins }
    }

    /// Whether line `k`, the first line of a paragraph indented without spaces, fills the width
    /// left by the indent (two CJK characters less than a full line, within a character): a
    /// sentence ending there ended at the margin, and the line under it goes on with the
    /// paragraph.
    fn fills_first_line(&self, k: usize) -> bool {
        let Some(full) = self.wide_full else {
            return false;
        };
        self.fills_first_width(self.measure(k), full)
    }

    /// Whether the line under line `k`, a paragraph's first line that ends a sentence, goes on
    /// with it: `k` fills the first line's width ([`Region::fills_first_line`]) and the next
    /// line is printed right under it (or past a page break), indented no further, and is
    /// neither a heading nor an indented first line itself.
    fn goes_on_after_first_line(&self, k: usize) -> bool {
        let Some(next) = self.nonblank.get(k + 1) else {
            return false;
        };
        let indent = |(edge, width): (usize, usize)| edge - width;
        (self.under[k + 1] || self.page_end[k])
            && self.kinds[k + 1] == Kind::Text
            && self.fills_first_line(k)
            && indent(self.measure(k + 1)) == 0
            && !looks_like_subheading(next.text)
            && !self.starts_indented(k + 1)
    }

    /// Whether line `i` is the first line of a paragraph indented without spaces (`pdftotext`,
    /// PyMuPDF and the like drop the indent but not the room it took): a line of CJK characters
    /// (and numbers, [`wide_and_digits_width`]) that wraps (no closing punctuation, text printed
    /// right under it starting with a character that would have fitted in the room left) and
    /// ends an indent's width short of a full line. Such a line starts a paragraph even right
    /// under a sentence ending at the margin (Typst sets a paragraph's last line full often,
    /// squeezing its closing `。`).
    fn starts_indented(&self, i: usize) -> bool {
        let (line, Some(full)) = (self.nonblank[i], self.wide_full) else {
            return false;
        };
        let (edge, width) = self.measure(i);
        let Some(short) = wide_and_digits_width(line.text).and_then(|printed| full.checked_sub(printed)) else {
            return false;
        };
        // The line under it, or the next after one blank line: pdfminer prints an indented
        // first line as a box of its own, a blank line after it.
        let next_fits = self.nonblank.get(i + 1).is_some_and(|n| {
            (self.under[i + 1] || n.no == line.no + 2)
                && self.kinds[i + 1] == Kind::Text
                && (starts_breakably(n.first_char())
                    || leading_number_width(n.text).is_some_and(|number| number < short))
        });
        next_fits && edge == width && FIRST_LINE_INDENT.contains(&short) && is_open(line.text)
    }

    /// Whether line `k`, a wrapped line of a paragraph (not its first, whose indent is not
    /// known) made of CJK characters only, that ends a sentence, ends the paragraph although it
    /// reaches the margin: it ends at least one wide character short of a full line
    /// ([`Prose`]'s `wide_full`, exact for such lines where the margin, measured on lines with
    /// Latin letters and digits too, is not), and the line under it starts with an ideograph
    /// that a line breaker would have put in that room (one not followed by a mark it keeps off
    /// a line's start, which would have pulled it down). A sentence that ended there with more
    /// text to follow would have filled the line.
    fn ends_short_of_full(&self, k: usize) -> bool {
        let (line, Some(full)) = (self.nonblank[k], self.wide_full) else {
            return false;
        };
        let Some(next) = self.nonblank.get(k + 1) else {
            return false;
        };
        let (edge, width) = self.measure(k);
        edge == width
            && width + 2 <= full
            && !is_open(line.text)
            && is_all_wide(line.text)
            && fits_one_wide_room(trim(next.text))
    }

    /// Whether line `k + 1` is the rest of the printed line `k`, which the tool broke in two
    /// (`pdftotext -raw` ends a line where the font changes, before an opening quote): `k`
    /// ends short of the margin and `k + 1`, printed right under it, does not end a sentence and
    /// has a text line right under it, and the two together fill a line (reach the margin,
    /// or the width of a paragraph's indented first line when `k` starts the paragraph) without
    /// going past it. Two lines that short, one after the other, inside a paragraph's text are
    /// one line, unless `k` is no longer than an indent (a paragraph's last word or two, under
    /// which the next paragraph's first line, short by its indent, would fit).
    fn split_in_two(&self, k: usize, first: bool) -> bool {
        let (Some(line), Some(rest), Some(_)) =
            (self.nonblank.get(k), self.nonblank.get(k + 1), self.nonblank.get(k + 2))
        else {
            return false;
        };
        let text_at = |j: usize| self.kinds.get(j) == Some(&Kind::Text);
        if !(text_at(k + 1) && text_at(k + 2) && self.under[k + 1] && self.under[k + 2]) {
            return false;
        }
        let (edge, width) = self.measure(k);
        let (rest_edge, rest_width) = self.measure(k + 1);
        let space =
            usize::from(trim(line.text).ends_with(|c: char| !lex::is_cjk(c)) && !lex::is_cjk(rest.first_char()));
        let joined = (edge + space + rest_width, width + space + rest_width);
        let fills = self.margin.reached_by(joined)
            || (first && self.wide_full.is_some_and(|full| self.fills_first_width(joined, full)));
        // `k` is longer than an indent and the room it leaves: the next paragraph's first line,
        // a line short by its indent, fits after a shorter last line.
        rest_edge == rest_width
            && width > FIRST_LINE_INDENT.end() + MARGIN_TOLERANCE
            && !self.margin.reached_by((edge, width))
            && !self.margin.reached_by((rest_edge, rest_width))
            && is_open(rest.text)
            && fills
            && !self.margin.past_by(joined)
    }

    /// Whether a line measured `(edge, width)`, not indented with spaces, fills the width left
    /// by a two-character indent of a line `full` columns wide (within a character).
    fn fills_first_width(&self, (edge, width): (usize, usize), full: usize) -> bool {
        edge == width && (width + FIRST_LINE_INDENT.start()).abs_diff(full) <= FIRST_LINE_TOLERANCE
    }

    /// The edges of line `i`.
    fn measure(&self, i: usize) -> (usize, usize) {
        self.measured[i].unwrap_or_else(|| edges(self.nonblank[i].text))
    }

    /// Whether line `i` continues the line `i - 1` printed right above it at the margin.
    fn wraps(&self, i: usize) -> bool {
        let nonblank = &self.nonblank;
        self.under[i]
            && self.margin.continues(self.measure(i - 1), self.measure(i), nonblank[i].text)
            && !self.starts_indented(i)
    }

    /// The list that starts at line `i` (a bullet or numbered item): its items of that kind,
    /// each with the text lines that continue it. Returns (list, next line).
    fn list(&self, mut i: usize) -> (Block, usize) {
        let (nonblank, kinds) = (&self.nonblank, &self.kinds);
        let list_kind = kinds[i];
        let mut items: Vec<ListItem> = Vec::new();
        let mut span = nonblank[i].span();
        while i < nonblank.len() && kinds[i] == list_kind {
            let l = nonblank[i];
            let (number, text) = match list_kind {
                Kind::Numbered => {
                    let (n, t) = item_number(l.text).unwrap_or((0, l.text));
                    (Some(n), t)
                }
                _ => (None, matches(scan_bullet, l.text).unwrap_or(l.text)),
            };
            let mut text = text.to_string();
            let mut item_span = l.span();
            let marker_alone = number.is_none() && self.lone_bare_bullet(i);
            i += 1;
            while i < nonblank.len()
                && kinds[i] == Kind::Text
                && (((number.is_some() || marker_alone) && text.is_empty()) || is_open(&text) || self.wraps(i))
            {
                join_wrapped(&mut text, nonblank[i].text);
                item_span = item_span.join(nonblank[i].span());
                i += 1;
            }
            span = span.join(item_span);
            items.push(ListItem { id: String::new(), number, text, span: item_span });
        }
        (Block::List { id: String::new(), items, page: None, span }, i)
    }

    /// Whether line `i` is a bullet with no text (`• `) whose item's text is the line under it:
    /// a tool that prints each layout box apart (pdfminer) prints the marker's box as a line of
    /// its own before its item's text. A marker next to another bare marker is one of a run of
    /// markers printed after their items' text (see [`adopt_trailing_markers`]) and takes none.
    fn lone_bare_bullet(&self, i: usize) -> bool {
        let bare = |j: usize| {
            self.kinds.get(j) == Some(&Kind::Bullet)
                && matches(scan_bullet, self.nonblank[j].text).is_some_and(|t| t.is_empty())
        };
        bare(i) && !(i > 0 && bare(i - 1)) && !bare(i + 1) && self.kinds.get(i + 1) == Some(&Kind::Text)
    }

    /// The subheading, or the paragraph with the lines that continue it, at line `i` (text, a
    /// stray tab row or an aligned row). Returns (block, next line).
    fn text_block(&self, mut i: usize) -> (Block, usize) {
        let (nonblank, kinds, page_end, margin) = (&self.nonblank, &self.kinds, &self.page_end, &self.margin);
        let line = nonblank[i];
        let at_end = i + 1 >= nonblank.len();
        // A heading is never printed alone at the bottom of a page: a short open line there is
        // the start of a paragraph that goes on after the break.
        let continued = page_end[i] && kinds.get(i + 1) == Some(&Kind::Text);
        // Nor is a line that fills the width of the text with the next line printed right under
        // it: the first line of a paragraph wrapped in a narrow column.
        let wrapped = kinds.get(i + 1) == Some(&Kind::Text)
            && self.under.get(i + 1) == Some(&true)
            && margin.reached_by(self.measure(i));
        // Nor is the first piece of a printed line a dump cut after its punctuation.
        let continued = continued || wrapped || self.joins[i] == Some(true);
        if looks_like_subheading(line.text) && kinds[i] == Kind::Text && !at_end && !continued {
            let text = squeeze_cjk_spaces(line.text);
            return (Block::Subheading { id: String::new(), text, page: None, span: line.span() }, i + 1);
        }
        let mut text = trim(line.text).to_string();
        let mut span = line.span();
        let first = i;
        i += 1;
        while i < nonblank.len()
            && kinds[i] == Kind::Text
            && self.joins[i - 1] != Some(false)
            && (self.joins[i - 1] == Some(true) || !(i > first + 1 && self.ends_short_of_full(i - 1)))
            && (self.joins[i - 1] == Some(true)
                || is_open(&text)
                || self.wraps(i)
                || (i == first + 1 && self.goes_on_after_first_line(first))
                || self.split_in_two(i - 1, i - 1 == first)
                || (self.under[i] && starts_with_closing_mark(nonblank[i].text))
                || (page_end[i - 1]
                    && margin.continues(self.measure(i - 1), self.measure(i), nonblank[i].text)
                    && !self.starts_indented(i)))
        {
            join_wrapped(&mut text, nonblank[i].text);
            span = span.join(nonblank[i].span());
            i += 1;
        }
        (Block::Paragraph { id: String::new(), text, page: None, span }, i)
    }
}

/// Which of the `count` non-blank lines of `lines` end a page: the next line of the input is
/// past a page break.
fn page_ends(lines: &[Line], count: usize) -> Vec<bool> {
    let mut page_end = vec![false; count];
    let mut seen = 0;
    for l in lines {
        if l.is_blank() {
            if l.text == crate::parse::pages::PAGE_BREAK && seen > 0 {
                page_end[seen - 1] = true;
            }
        } else {
            seen += 1;
        }
    }
    page_end
}

/// The deepest first-line indent of a paragraph, in display columns (two CJK characters, or
/// four spaces, and a little more); a centred heading stands further in.
const PARAGRAPH_INDENT_MAX: usize = 6;

/// Interpret the 建议 part: topic headings (subheadings) group numbered recommendations; the
/// paragraphs after an item belong to it. A group heading is a short line followed by numbered
/// items and not indented like a paragraph's first line: a short line followed by anything
/// else, or indented, once an item has begun, is text of that item (a paragraph's first line
/// printed apart from the rest is joined with it).
pub fn parse_recommendations(title: &str, heading: Span, lines: &[Line]) -> (Recommendations, Vec<Diagnostic>) {
    let (blocks, mut diags) = parse_blocks(lines);
    let blocks = glued_numbered_items(blocks);
    // A line indented a little further than the numbered items under it starts a paragraph
    // (first-line indent); a group heading is flush with the items or centred.
    let indent = |no: u32| {
        let line = lines.get(lines.partition_point(|l| l.no < no)).filter(|l| l.no == no);
        line.map_or(0, |l| {
            let (edge, width) = edges(l.text);
            edge - width
        })
    };
    let paragraph_indent = |heading: Span, next: Option<&Block>| {
        let (own, items) = (indent(heading.line_start), indent(next.map_or(0, |b| b.span().line_start)));
        own > items && own - items <= PARAGRAPH_INDENT_MAX
    };
    let mut groups: Vec<RecommendationGroup> = Vec::new();
    let mut expected = 1;
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        let numbered = |b: &Block| matches!(b, Block::List { items, .. } if items.iter().all(|i| i.number.is_some()));
        let has_item = groups.last().is_some_and(|g| !g.items.is_empty());
        let block = match block {
            Block::Subheading { text, span, .. }
                if has_item && (!blocks.peek().is_some_and(numbered) || paragraph_indent(span, blocks.peek())) =>
            {
                // Not a group heading: a line of the item above, joined with the paragraph
                // printed right under it.
                match blocks
                    .next_if(|b| matches!(b, Block::Paragraph { span: s, .. } if s.line_start == span.line_end + 1))
                {
                    Some(Block::Paragraph { text: rest, span: s, id, page }) => {
                        let mut text = text;
                        join_wrapped(&mut text, &rest);
                        Block::Paragraph { id, text, page, span: span.join(s) }
                    }
                    _ => Block::Paragraph { id: String::new(), text, page: None, span },
                }
            }
            other => other,
        };
        match block {
            Block::Subheading { text, span, .. } => groups.push(RecommendationGroup {
                id: String::new(),
                title: Some(text),
                heading_span: Some(span),
                items: Vec::new(),
            }),
            Block::List { items, .. } if items.iter().all(|i| i.number.is_some()) => {
                if groups.is_empty() {
                    groups.push(RecommendationGroup {
                        id: String::new(),
                        title: None,
                        heading_span: None,
                        items: Vec::new(),
                    });
                }
                for it in items {
                    let number = it.number.unwrap_or(0);
                    if number != expected {
                        diags.push(Diagnostic::new(
                            DiagnosticCode::RecommendationNumbering,
                            format!("recommendation {number} follows {}; expected {expected}", expected - 1),
                            Some(it.span),
                        ));
                    }
                    expected = number + 1;
                    if let Some(g) = groups.last_mut() {
                        g.items.push(Recommendation {
                            id: String::new(),
                            number,
                            text: it.text,
                            page: None,
                            span: it.span,
                        });
                    }
                }
            }
            other => {
                let last = groups.last_mut().and_then(|g| g.items.last_mut());
                let text = match &other {
                    Block::Paragraph { text, .. } => Some(text.clone()),
                    Block::List { items, .. } => {
                        Some(items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>().join("\n"))
                    }
                    _ => None,
                };
                match (last, text) {
                    (Some(item), Some(text)) => {
                        item.text.push('\n');
                        item.text.push_str(&text);
                        item.span = item.span.join(other.span());
                    }
                    _ => diags.push(Diagnostic::new(
                        DiagnosticCode::UnplacedText,
                        "text in the recommendations that belongs to no numbered item",
                        Some(other.span()),
                    )),
                }
            }
        }
    }
    let span = groups
        .iter()
        .flat_map(|g| g.heading_span.into_iter().chain(g.items.iter().map(|i| i.span)))
        .fold(heading, Span::join);
    let rec = Recommendations {
        id: String::new(),
        title: squeeze_cjk_spaces(title).replace(' ', ""),
        heading_span: heading,
        span,
        groups,
    };
    (rec, diags)
}

/// Paragraphs of the 建议 part that start with the next recommendation's number glued to a
/// text that starts with a digit (`16.2020–2021中俄科技创新年…`: `pdftotext -raw` drops the space
/// after the number) become that numbered item. Alone, `16.2020` reads as a decimal number
/// ([`scan_numbered_item`] refuses it), so the number must be the one the items before it
/// call for: one more than the last numbered item (the first item: 1).
fn glued_numbered_items(blocks: Vec<Block>) -> Vec<Block> {
    let mut next = 1;
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let block = match block {
            Block::Paragraph { id, text, page, span } => match glued_item(&text, next) {
                Some(rest) => {
                    let item = ListItem { id: String::new(), number: Some(next), text: rest.to_string(), span };
                    Block::List { id, items: vec![item], page, span }
                }
                None => Block::Paragraph { id, text, page, span },
            },
            other => other,
        };
        if let Block::List { items, .. } = &block {
            if let Some(n) = items.iter().rev().find_map(|i| i.number) {
                next = n + 1;
            }
        }
        out.push(block);
    }
    out
}

/// `text` without its leading `{number}.` (or `．`, `、`) when a digit follows the mark at once.
fn glued_item(text: &str, number: u32) -> Option<&str> {
    let rest = text.strip_prefix(number.to_string().as_str())?;
    let rest = rest.strip_prefix(['.', '．', '、'])?;
    rest.starts_with(|c: char| c.is_ascii_digit()).then_some(rest)
}

/// Remove `*` emphasis markers (`*Источник:*`) from a note.
fn strip_emphasis(s: &str) -> String {
    s.replace("**", "").replace('*', "")
}

/// A source note at `i` (marker or not) and its continuation lines: lines without CJK
/// characters (e.g. a wrapped URL), and any text line under a note line that reaches the
/// right margin `margin` without ending a sentence (the note wrapped there). Returns (text,
/// span, next index).
fn note_with_continuations(
    lines: &[&Line],
    kinds: &[Kind],
    i: usize,
    first: &str,
    margin: Margin,
) -> (String, Span, usize) {
    let mut text = strip_emphasis(trim(first));
    let mut span = lines[i].span();
    let mut j = i + 1;
    while j < lines.len() && kinds[j] == Kind::Text {
        let next = trim(lines[j].text);
        let (above, below) = (lines[j - 1].text, lines[j].text);
        let indent = |(edge, width): (usize, usize)| edge - width;
        let word = first_unbreakable(below);
        let full = (margin.reached_by(edges(above)) || margin.leaves_no_room(edges(above), display_width(word)))
            && !margin.overrun_by(edges(above));
        let wrapped = is_open(above) && !ends_with_url(&text) && full && indent(edges(below)) <= indent(edges(above));
        if !wrapped && next.chars().any(lex::is_cjk) {
            break;
        }
        join_note(&mut text, &strip_emphasis(next));
        span = span.join(lines[j].span());
        j += 1;
    }
    (unspaced_url_schemes(&text).into_owned(), span, j)
}

/// True when `text` ends with a whole URL (a cited source ends there; a URL broken at `/`,
/// `-`, `_`, `.` goes on). The last word ends at a space or a CJK character: a URL holds
/// neither, and `pdftotext -raw` prints none of the spaces around it (`统计<http://…>和…代表`
/// ends with text, not with the URL).
fn ends_with_url(text: &str) -> bool {
    let last = text.rsplit(|c: char| is_space(c) || lex::is_cjk(c)).next().unwrap_or("");
    (last.contains("://") || last.contains("www.")) && !last.ends_with(['/', '-', '_', '.', '=', '&', '?'])
}

/// Join the next line of a note: straight on after a URL broken at `/`, `-`, `_`, `.`, `=`,
/// `&` or `?` (a URL holds no space), else as a wrapped line.
fn join_note(text: &mut String, next: &str) {
    let last = text.rsplit(is_space).next().unwrap_or("");
    // `//rg.ru/…`: a URL whose letter-spaced scheme ended the line above (`<h t t p s :`).
    let url = last.contains("://") || last.contains("www.") || (last.starts_with("//") && last.contains('.'));
    let broken = last.ends_with(['/', '-', '_', '.', '=', '&', '?']) || continues_url(next);
    if (url && broken || ends_with_scheme(last) && next.starts_with("//")) && !next.starts_with(is_space) {
        text.push_str(trim(next));
    } else {
        join_wrapped(text, next);
    }
}

/// Whether the word `last` is a URL scheme and its colon (`<https:`, `http:`): a line broken
/// right before the URL's `//` (pdfplumber and MarkItDown of XeLaTeX: `URL: <https:` /
/// `//rg.ru/…`), which goes on without a space.
fn ends_with_scheme(last: &str) -> bool {
    let word = last.trim_start_matches(['<', '(', '（']);
    word.strip_suffix(':').is_some_and(|s| (3..=6).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase()))
}

/// A note line that goes on with a URL broken inside a word (XeLaTeX's `url` breaks anywhere:
/// `…russchinatrade.r` / `u/ru/ru-cn-cooperation/…`, `…-i-v` / `-arktike.html>`): its first
/// word holds a `/` after a letter or digit, or starts with `-`, `_` or `.` and a letter or
/// digit. A word of text (`Дата`, `2019.`) or a ` // ` separator does not.
fn continues_url(next: &str) -> bool {
    let word = first_unbreakable(next);
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphanumeric() => word.contains('/') && word.is_ascii(),
        Some('-' | '_' | '.') => chars.next().is_some_and(|c| c.is_ascii_alphanumeric()) && word.is_ascii(),
        _ => false,
    }
}

/// A URL scheme printed letter-spaced (`<h t t p s : //rg.ru/…>`: PyMuPDF, PDFium and
/// `pdftotext -layout` of XeLaTeX's spaced-out `\url`) written back as one word (`<https://…`):
/// three or more single ASCII letters, one space apart, then `:` and `//` with spaces around
/// the colon at most.
fn unspaced_url_schemes(text: &str) -> Cow<'_, str> {
    if !text.contains(": //") && !text.contains(" ://") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("//") {
        let (before, after) = rest.split_at(at);
        match spaced_scheme(before) {
            Some((keep, scheme)) => {
                out.push_str(keep);
                out.push_str(&scheme);
                out.push_str("://");
            }
            None => {
                out.push_str(before);
                out.push_str("//");
            }
        }
        rest = &after[2..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `before` ending with a letter-spaced scheme and its colon (`URL: <h t t p s : `): the text
/// before the scheme and the scheme's letters.
fn spaced_scheme(before: &str) -> Option<(&str, String)> {
    let t = before.trim_end_matches(' ').strip_suffix(':')?.trim_end_matches(' ');
    let mut letters = Vec::new();
    let mut rest = t;
    while let Some(c) = rest.chars().next_back().filter(|c| c.is_ascii_alphabetic()) {
        let head = &rest[..rest.len() - 1];
        letters.push(c);
        if head.ends_with(|p: char| p.is_ascii_alphanumeric()) {
            return None;
        }
        match head.strip_suffix(' ') {
            Some(h) if h.ends_with(|p: char| p.is_ascii_alphabetic()) => rest = h,
            _ => {
                rest = head;
                break;
            }
        }
    }
    (letters.len() >= 3).then(|| (rest, letters.into_iter().rev().collect()))
}

/// The first piece of a line a line breaker cannot cut: its first word up to a space, or a
/// CJK character with the non-CJK text glued to it (`处:www.example.ru/…`), since a line may
/// break after any CJK character.
fn first_unbreakable(text: &str) -> &str {
    let t = trim(text);
    let mut end = 0;
    for (k, c) in t.char_indices() {
        if is_space(c) || (k > 0 && lex::is_cjk(c)) {
            break;
        }
        end = k + c.len_utf8();
    }
    &t[..end]
}

/// A note under a table written without a marker: `根据…统计…编制`, or a line citing a URL.
fn is_unmarked_note(text: &str) -> bool {
    let t = trim(text);
    let cites = t.contains("http") || t.contains("www.") || t.contains("URL");
    (t.starts_with("根据") || t.starts_with("来源") || t.starts_with("资料")) && cites && at_most_chars(t, 299)
}

fn caption_parts(rest: &str, lines: &[&Line], i: usize) -> (String, Option<String>, usize, Span) {
    let (caption, mut unit) = split_unit(rest);
    let mut span = lines[i].span();
    let mut next = i + 1;
    // A unit on its own line under the caption.
    if unit.is_none() && next < lines.len() {
        if let Some(u) = lex::scan_unit_line(lines[next].text) {
            unit = Some(u.to_string());
            span = span.join(lines[next].span());
            next += 1;
        }
    }
    (squeeze_cjk_spaces(&caption), unit, next, span)
}

/// The cells of a tab-separated line, as printed (slices of the line); a leading tab is a
/// leading empty cell.
fn raw_cells(text: &str) -> Vec<&str> {
    let t = text.trim_matches(|c: char| is_space(c) && c != '\t').trim_end_matches('\t');
    t.split('\t').collect()
}

/// The cells of a tab-separated line, stray wrapping spaces removed.
fn tab_cells(text: &str) -> Vec<String> {
    raw_cells(text).into_iter().map(squeeze_cjk_spaces).collect()
}

/// A header line continued under the header: it starts with an empty cell and holds no number.
fn is_header_continuation(cells: &[String]) -> bool {
    cells.len() > 1 && cells[0].is_empty() && cells.iter().all(|c| parse_number(c).is_none())
}

/// A total row: its first cell is `合计`, `总计`, `共计`, `Итого`, `Total`.
fn is_total(first: &str) -> bool {
    let t = first.replace(' ', "");
    ["合计", "总计", "共计", "总额", "Итого", "Всего", "Total"].iter().any(|w| t.starts_with(w))
}

/// The column names from a header line and its continuation: a group line with fewer cells
/// than the sub-column line spreads each group over its sub-columns (`2021 年` over
/// `进口 / 出口` gives `2021 年进口`, `2021 年出口`); a continuation with as many cells as the
/// header wraps the names (`出口量` + `(百万美元)`).
fn header_columns(head: &[String], cont: Option<&[String]>) -> Vec<String> {
    let Some(cont) = cont else { return head.to_vec() };
    let groups = head.len().saturating_sub(1);
    let subs = cont.len().saturating_sub(1);
    if groups > 0 && subs > groups && subs % groups == 0 {
        let per = subs / groups;
        let mut cols = vec![head[0].clone()];
        for (k, sub) in cont[1..].iter().enumerate() {
            let group = &head[1 + k / per];
            cols.push(joined(group, sub));
        }
        return cols;
    }
    (0..head.len().max(cont.len()))
        .map(|k| joined(head.get(k).map_or("", String::as_str), cont.get(k).map_or("", String::as_str)))
        .collect()
}

/// Two pieces of a column name, joined as a wrapped line is.
fn joined(a: &str, b: &str) -> String {
    let mut s = a.to_string();
    join_wrapped(&mut s, b);
    s
}

fn parse_table(
    lines: &[&Line],
    kinds: &[Kind],
    i: usize,
    margin: Margin,
    apart: bool,
    above: Option<&[usize]>,
) -> (Table, usize, Vec<Diagnostic>, bool) {
    let mut diags = Vec::new();
    let (label, number, mut rest, mut c) = caption_line(lines, i, '表').unwrap_or(("", 0, "", i));
    // A caption printed under the first header cell (`表1` / `机制` / caption / `建立年份` …).
    let interleaved = interleaved_caption(lines, kinds, i, c, apart);
    if let Some((_, text)) = &interleaved {
        (rest, c) = (text, i + 2);
    }
    let (caption, unit, mut j, mut span) = caption_parts(rest, lines, c);
    span = span.join(lines[i].span());
    let mut rows: Vec<Row> = Vec::new();
    let mut columns: Vec<String> = Vec::new();
    // The header as printed (one or two lines), to recognize it when printed again.
    let mut header: Vec<Vec<String>> = Vec::new();
    let mut plain = false;
    // The first column printed above the caption (a box-printed dump), its lines taken here.
    let mut took = false;
    let with_above = above.filter(|_| interleaved.is_none() && kinds.get(j) == Some(&Kind::Text));
    if let Some(((cols, r, end, _), d)) =
        with_above.and_then(|l| table_with_labels_above(lines, kinds, l, j, apart, label))
    {
        span = span.join(lines[end - 1].span());
        diags.push(d);
        (columns, rows, j, plain, took) = (cols, r, end, true, true);
    } else if let Some(((cols, r, end, _), _)) = interleaved {
        span = span.join(lines[end - 1].span());
        (columns, rows, j, plain) = (cols, r, end, true);
    } else if kinds.get(j) == Some(&Kind::AlignedRow) {
        (columns, rows, j) = aligned_body(lines, kinds, j, label, &mut span, &mut diags);
    } else if kinds.get(j) == Some(&Kind::Text) {
        if let Some((c, r, end, repeats)) = plain_body(lines, kinds, j, apart) {
            span = span.join(lines[end - 1].span());
            (columns, rows, j, plain) = (c, r, end, true);
            diags.extend(repeats.into_iter().map(|s| {
                Diagnostic::new(
                    DiagnosticCode::TableHeaderRepeated,
                    format!("the header of table {label} is printed again (a page break); it is not a row"),
                    Some(s),
                )
            }));
        }
    }
    // A table read without its layout may have its wrapped cells' tails printed after it.
    j = if plain { take_displaced_tails(lines, kinds, &mut rows, j, &mut span) } else { j };
    while j < lines.len() && kinds[j] == Kind::TabRow {
        let cells = tab_cells(lines[j].text);
        span = span.join(lines[j].span());
        if header.is_empty() {
            header.push(cells);
            let tabbed = |l: &&&Line| l.text.trim_start_matches(|c: char| is_space(c) && c != '\t').starts_with('\t');
            if let Some(next) = lines.get(j + 1).filter(|l| kinds.get(j + 1) == Some(&Kind::TabRow) || tabbed(l)) {
                let cont = tab_cells(next.text);
                if is_header_continuation(&cont) {
                    span = span.join(next.span());
                    header.push(cont);
                    j += 1;
                }
            }
            columns = header_columns(&header[0], header.get(1).map(Vec::as_slice));
            j += 1;
            continue;
        }
        if cells == header[0] {
            // The header printed again after a page break (with its continuation line).
            let mut repeat = lines[j].span();
            if let (Some(cont), Some(next)) = (header.get(1), lines.get(j + 1)) {
                if kinds.get(j + 1) == Some(&Kind::TabRow) && &tab_cells(next.text) == cont {
                    repeat = repeat.join(next.span());
                    span = span.join(next.span());
                    j += 1;
                }
            }
            diags.push(Diagnostic::new(
                DiagnosticCode::TableHeaderRepeated,
                format!("the header of table {label} is printed again (a page break); it is not a row"),
                Some(repeat),
            ));
            j += 1;
            continue;
        }
        let total = cells.first().is_some_and(|c| is_total(c));
        let cells = raw_cells(lines[j].text)
            .into_iter()
            .map(|raw| {
                let text = squeeze_cjk_spaces(raw);
                let value = parse_number(&text);
                Cell { text, value, span: lines[j].sub_span(raw) }
            })
            .collect();
        rows.push(Row { cells, total });
        j += 1;
    }
    diags.extend(shape_diagnostics(label, columns.len(), &rows, span));
    let mut source_note = None;
    if let Some((text, s, next)) = note_among_or_under(lines, kinds, c + 1, j, margin) {
        source_note = Some(text);
        span = span.join(s);
        j = next;
    }
    let table = Table {
        id: String::new(),
        label: label.trim_end_matches(['.', '．']).to_string(),
        number,
        caption,
        unit,
        columns,
        rows,
        source_note,
        page: None,
        span,
    };
    (table, j, diags, took)
}

/// The diagnostics of a table's shape: no data rows, or a row with more or fewer cells than
/// the header's `width` names.
fn shape_diagnostics(label: &str, width: usize, rows: &[Row], span: Span) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if rows.is_empty() {
        diags.push(Diagnostic::new(
            DiagnosticCode::TableWithoutRows,
            format!("table {label} has no data rows (tab-separated lines) under its caption"),
            Some(span),
        ));
    }
    for (r, row) in rows.iter().enumerate() {
        if row.cells.len() != width {
            diags.push(Diagnostic::new(
                DiagnosticCode::TableRaggedRow,
                format!("row {} of table {label} has {} cells, the header has {width}", r + 1, row.cells.len()),
                Some(span),
            ));
        }
    }
    diags
}

/// The body of a table whose first column was printed above its caption (`labels`, see
/// [`labels_above_caption`]), read from `j` by [`boxed_labels_above_body`] or
/// [`boxed_labels_split_body`], with the diagnostic covering the lines above the caption (the
/// table's line stays its caption's).
fn table_with_labels_above(
    lines: &[&Line],
    kinds: &[Kind],
    labels: &[usize],
    j: usize,
    apart: bool,
    label: &str,
) -> Option<(PlainTable, Diagnostic)> {
    let body = boxed_labels_above_body(lines, kinds, labels, j, apart)
        .or_else(|| boxed_labels_split_body(lines, kinds, labels, j, apart))?;
    let above = lines[*labels.first()?].span().join(lines[*labels.last()?].span());
    let d = Diagnostic::new(
        DiagnosticCode::TableColumnAboveCaption,
        format!("the first column of table {label} is printed above its caption; its cells are the table's"),
        Some(above),
    );
    Some((body, d))
}

/// How many lines from `j` (right after a table read without its layout) are the tails of its
/// wrapped text cells that the tool printed after the rows (`pdftotext` of a XeLaTeX table whose
/// narrow first column wraps: `家具、床垫、照明设` in its row, `备` under the last row): short
/// cell texts, no number, up to the source note or the end of the region. 0 when the lines
/// from `j` are no such run.
fn displaced_tails(lines: &[&Line], kinds: &[Kind], j: usize) -> usize {
    let tail = |k: usize| {
        let t = trim(lines[k].text);
        kinds[k] == Kind::Text && is_cell_text(t) && !is_number_cell(t) && at_most_chars(t, WRAPPED_CELL_MAX_CHARS)
    };
    let n = (j..lines.len()).take_while(|&k| tail(k)).count();
    let closed = kinds.get(j + n).is_none_or(|k| *k == Kind::SourceNote);
    if closed {
        n
    } else {
        0
    }
}

/// The index after the displaced tails at `j` (see [`displaced_tails`]) once joined to `rows`
/// and `span`; `j` when there are none or they do not fit the rows.
fn take_displaced_tails(lines: &[&Line], kinds: &[Kind], rows: &mut [Row], j: usize, span: &mut Span) -> usize {
    let n = displaced_tails(lines, kinds, j);
    if n > 0 && join_displaced_tails(rows, &lines[j..j + n]) {
        *span = span.join(lines[j + n - 1].span());
        j + n
    } else {
        j
    }
}

/// Join the displaced tails `tails` (see [`displaced_tails`]) to the rows they wrap from, in
/// order: the rows whose text cell is the widest of the table (the cells that filled the column
/// and wrapped), one tail each. False, the rows left alone, when there are not as many such
/// rows as tails.
fn join_displaced_tails(rows: &mut [Row], tails: &[&Line]) -> bool {
    let width = |r: &Row| r.cells.first().map_or(0, |c| display_width(&c.text));
    let widest = rows.iter().map(width).max().unwrap_or(0);
    let wrapped: Vec<usize> = (0..rows.len()).filter(|&r| widest > 0 && width(&rows[r]) == widest).collect();
    if wrapped.len() != tails.len() || rows.iter().any(|r| r.cells.first().is_some_and(|c| c.value.is_some())) {
        return false;
    }
    for (&r, line) in wrapped.iter().zip(tails) {
        if let Some(cell) = rows[r].cells.first_mut() {
            join_wrapped(&mut cell.text, trim(line.text));
            cell.text = squeeze_cjk_spaces(&cell.text);
            cell.value = parse_number(&cell.text);
            cell.span = cell.span.join(line.sub_span(trim(line.text)));
        }
    }
    true
}

/// The source note of a table whose body holds lines `from..end`: one the tool printed among
/// the cells (read past by [`numeric_columns_body`]; the table still ends at `end`), else the
/// note under the table at `end` ([`table_note`]). Returns (text, span, next index).
fn note_among_or_under(
    lines: &[&Line],
    kinds: &[Kind],
    from: usize,
    end: usize,
    margin: Margin,
) -> Option<(String, Span, usize)> {
    match (from..end).find(|&k| kinds[k] == Kind::SourceNote) {
        Some(k) => {
            // The cells printed after the note are the table's, never lines of the note
            // (pdfminer on Chromium: `（信息来源）…海关总署。` / `47,975.2` / …).
            let stop = (k + 1..end).find(|&c| is_number_cell(trim(lines[c].text))).unwrap_or(lines.len());
            table_note(&lines[..stop], &kinds[..stop], k, margin).map(|(text, span, _)| (text, span, end))
        }
        None => table_note(lines, kinds, end, margin),
    }
}

/// The source note under a table at line `j` (marked, or unmarked as [`is_unmarked_note`]
/// says), with its continuation lines: (text, span, next index).
fn table_note(lines: &[&Line], kinds: &[Kind], j: usize, margin: Margin) -> Option<(String, Span, usize)> {
    let note_text = match kinds.get(j)? {
        Kind::SourceNote => matches(scan_source_note, lines[j].text),
        Kind::Text if is_unmarked_note(lines[j].text) => Some(trim(lines[j].text)),
        _ => None,
    }?;
    Some(note_with_continuations(lines, kinds, j, note_text, margin))
}

/// A bare caption label at `i` whose caption `c` is a short line under it and the line after
/// that is at least twice as long, no sentence: the tool printed the first header cell between
/// the label and the caption. When the table under the label, the caption line left out, reads
/// as a table printed without its layout, returns that table (its end index in `lines`) and the
/// caption text.
fn interleaved_caption<'a>(
    lines: &[&Line<'a>],
    kinds: &[Kind],
    i: usize,
    c: usize,
    apart: bool,
) -> Option<(PlainTable, &'a str)> {
    if c != i + 1 || kinds.get(i + 2) != Some(&Kind::Text) || kinds.get(i + 1) != Some(&Kind::Text) {
        return None;
    }
    let (cell, caption) = (trim(lines[i + 1].text), trim(lines[i + 2].text));
    let (a, b) = (cell.chars().count(), caption.chars().count());
    let caption_like = is_cell_text(caption) && !is_number_cell(caption);
    if !(caption_like && b >= 2 * a && !cell.contains(is_space)) {
        return None;
    }
    let without: Vec<&Line> = lines.iter().enumerate().filter(|(k, _)| *k != i + 2).map(|(_, l)| *l).collect();
    let kinds_without: Vec<Kind> = kinds.iter().enumerate().filter(|(k, _)| *k != i + 2).map(|(_, k)| *k).collect();
    let (cols, rows, end, repeats) = plain_body(&without, &kinds_without, i + 1, apart)?;
    Some(((cols, rows, end + 1, repeats), caption))
}

/// Most lines read as one table printed without its layout.
const PLAIN_TABLE_MAX_LINES: usize = 600;
/// Longest text taken for a header line or a text cell of a table printed without its layout.
const PLAIN_TEXT_MAX_CHARS: usize = 80;
/// Most columns of a table read without its layout.
const PLAIN_TABLE_MAX_COLUMNS: usize = 12;
/// Most characters of a line that continues the text cell of the row above it (`中国对俄罗`
/// printed with the row's numbers, `斯` under it: a narrow first column).
const WRAPPED_CELL_MAX_CHARS: usize = 10;

/// A cell that holds a number (or the dash of an empty one, or the word that says a number is
/// missing: `暂无数据`, `不详`, `n/a`).
fn is_number_cell(t: &str) -> bool {
    parse_number(t).is_some() || is_empty_number_mark(trim(t))
}

/// The marks printed in a number column for a missing value: a dash (the non-breaking hyphen
/// `‑` and the minus sign `−` too, which fonts draw alike) or a word meaning "no data".
fn is_empty_number_mark(t: &str) -> bool {
    matches!(t, "-" | "‑" | "−" | "—" | "–" | "…" | "/")
        || matches!(t, "暂无数据" | "无数据" | "暂无" | "不详" | "无" | "n/a" | "N/A")
}

/// One piece of a table printed without its layout (see [`plain_body`]): a number cell, or a
/// text (a cell, part of a wrapped cell, or a header line holding several cells).
#[derive(Debug, Clone, Copy)]
struct Atom<'l, 'a> {
    text: &'a str,
    line: &'l Line<'a>,
    /// Index of its line in the region's non-blank lines.
    at: usize,
    /// A number cell (or the dash of an empty one).
    number: bool,
    /// A text printed on one line with number cells after it (a row a line).
    inline: bool,
    /// One cell of a Markdown pipe row (`| 纸浆 | 868,3 |`), never cut further.
    piped: bool,
}

/// The cells of a Markdown pipe row (`| 商品类别 | 出口量 |`, as markitdown prints a table),
/// empty cells left out (the tool shifts cells between empty columns); `Some(vec![])` for the
/// rule under a header (`| --- | --- |`); `None` when the line is not a pipe row.
fn pipe_cells(text: &str) -> Option<Vec<&str>> {
    let t = trim(text);
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<&str> = inner.split('|').map(trim).filter(|c| !c.is_empty()).collect();
    if cells.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | '—'))) {
        return Some(Vec::new());
    }
    Some(cells)
}

/// A text that may be a cell or a header line: short, and no sentence or clause.
fn is_cell_text(t: &str) -> bool {
    at_most_chars(t, PLAIN_TEXT_MAX_CHARS)
        && !t.contains(['。', '，', '；', '！', '？'])
        && !t.ends_with(['.', '!', '?', ',', ';', ':', '：'])
}

/// A group of digits continuing a number grouped by spaces (`1 520,4`: `520,4` after `1`):
/// three digits, then a comma decimal or nothing.
fn is_digit_group(t: &str) -> bool {
    let (int, frac) = t.split_once(',').unwrap_or((t, ""));
    int.len() == 3 && int.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit())
}

/// A number that can lead a space-grouped number: one to three digits, maybe signed.
fn is_group_lead(t: &str) -> bool {
    let d = t.trim_start_matches(['+', '-', '−', '＋']);
    (1..=3).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())
}

/// The words of `text` split at its spaces, a number grouped by spaces with a comma decimal
/// kept whole (`1 520,4`, `2 397,7`, `-1 234 567,8`: the comma-decimal convention groups
/// thousands with spaces); slices of `text`.
fn cell_tokens(text: &str) -> Vec<&str> {
    let words: Vec<&str> = text.split(is_space).filter(|t| !t.is_empty()).collect();
    let mut tokens: Vec<&str> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let mut end = k;
        if is_group_lead(words[k]) {
            while end + 1 < words.len() && is_digit_group(words[end + 1]) && !words[end].contains(',') {
                end += 1;
            }
            // Only a comma decimal shows the spaces group digits.
            if !words[end].contains(',') {
                end = k;
            }
        }
        let start = words[k].as_ptr() as usize - text.as_ptr() as usize;
        let stop = words[end].as_ptr() as usize - text.as_ptr() as usize + words[end].len();
        tokens.push(&text[start..stop]);
        k = end + 1;
    }
    tokens
}

/// The atoms of line `at`, or `None` when it cannot be part of a table (a sentence). With
/// `trailing`, a line of text, one run of numbers and text (`总理定期会晤 1996 政府首脑`, a
/// text column after the number columns) is cut into those three; so is a line of numbers and
/// text (`2018 副总理级`, under a wrapped text cell) unless the text is a one-character unit.
fn line_atoms<'l, 'a>(line: &'l Line<'a>, at: usize, trailing: bool) -> Option<Vec<Atom<'l, 'a>>> {
    let atom = |text: &'a str, number: bool, piped: bool| Atom { text, line, at, number, inline: false, piped };
    let offset = |t: &str| t.as_ptr() as usize - line.text.as_ptr() as usize;
    let mut atoms: Vec<Atom> = match pipe_cells(line.text) {
        Some(cells) => cells.into_iter().map(|c| atom(c, is_number_cell(c), true)).collect(),
        None => {
            let mut tokens = cell_tokens(line.text);
            let mut after = Vec::new();
            if trailing && !tokens.is_empty() && !tokens.last().is_some_and(|t| is_number_cell(t)) {
                let numbers: Vec<bool> = tokens.iter().map(|t| is_number_cell(t)).collect();
                let runs = numbers.windows(2).filter(|w| w[1] && !w[0]).count() + usize::from(numbers[0]);
                let last = numbers.iter().rposition(|n| *n).unwrap_or(0);
                // A number before a one-character word is a count with its unit (`2020 年`).
                let counted = tokens.get(last + 1).is_some_and(|t| t.chars().count() == 1);
                if let (true, Some(next)) =
                    (runs == 1 && (!numbers[0] || !counted) && numbers[last], tokens.get(last + 1))
                {
                    let rest = &line.text[offset(next)..];
                    after.push(atom(trim(rest), false, false));
                    tokens.truncate(last + 1);
                }
            }
            let numbers = tokens.iter().rev().take_while(|t| is_number_cell(t)).count();
            let mut atoms = Vec::new();
            if numbers < tokens.len() {
                let end = match numbers {
                    0 => tokens.last().map_or(line.text.len(), |t| offset(t) + t.len()),
                    _ => offset(tokens[tokens.len() - numbers]),
                };
                atoms.push(atom(trim(&line.text[..end]), false, false));
            }
            atoms.extend(tokens[tokens.len() - numbers..].iter().map(|t| atom(t, true, false)));
            atoms.extend(after);
            atoms
        }
    };
    if atoms.iter().any(|a| !a.number && !is_cell_text(a.text)) {
        return None;
    }
    let has_number = atoms.iter().any(|a| a.number);
    for a in atoms.iter_mut().filter(|a| !a.number) {
        a.inline = has_number;
    }
    Some(atoms)
}

/// A run of text atoms and the number atoms after it.
#[derive(Debug, Default)]
struct Group<'l, 'a> {
    texts: Vec<Atom<'l, 'a>>,
    numbers: Vec<Atom<'l, 'a>>,
}

/// How strongly two neighbouring words of a header belong to one cell: a unit or a bracket
/// after a word (`(%)`), a word after a number (`2022 年`), a number after CJK text
/// (`与 2018 年比较`). Either side may already be several words joined: `a`'s last word and
/// `b`'s first count (`与` + `2018 年比较(%)`).
fn glue(a: &str, b: &str) -> u8 {
    let a_last = a.rsplit(' ').next().unwrap_or(a);
    let b_first = b.split(' ').next().unwrap_or(b);
    let starts_cjk = b.chars().next().is_some_and(lex::is_cjk);
    let ends_cjk = a.chars().last().is_some_and(lex::is_cjk);
    let ends_number = parse_number(a_last).is_some() || ends_with_cjk_number(a_last);
    if b.starts_with(['(', '（', '%', '％']) || (ends_number && starts_cjk) {
        3
    } else if ends_cjk && parse_number(b_first).is_some() {
        2
    } else {
        0
    }
}

/// Whether a header word ends with a number that follows CJK text (`与2018`, a year or count
/// read with the name before it), not with a digit of a Latin name (`COVID-19`, `G20`), which
/// does not glue to the CJK word after it.
fn ends_with_cjk_number(word: &str) -> bool {
    let head = word.trim_end_matches(|c: char| c.is_ascii_digit());
    head.len() < word.len() && head.chars().last().is_none_or(lex::is_cjk)
}

fn is_bracketed(word: &str) -> bool {
    word.starts_with(['(', '（']) && word.ends_with([')', '）'])
}

/// One word of a header: its text, the header line it is on, and the bracketed units printed
/// under it on a line of their own (`占总出口量的比重` / `(%)`).
#[derive(Debug, Clone)]
struct Word {
    text: String,
    unit: usize,
    under: String,
}

/// The column names in the header lines `units` (the words of each line; a pipe row's cells
/// are its words): `width` names, neighbours joined the most strongly glued first (see
/// [`glue`]), never two lines' words unless there is no other way. A line of bracketed words
/// only goes under the names above it: one word under the last name, several under the last
/// names without a bracket (`(%) (%)` under `占总出口量的比重 与2018年比较`).
fn header_names(units: &[Vec<&str>], width: usize) -> Option<Vec<String>> {
    if let Some(mended) = brackets::mend_split_brackets(units) {
        let lines: Vec<Vec<&str>> = word_slices(&mended).into_iter().filter(|u| !u.is_empty()).collect();
        return names_of_words(&lines, width);
    }
    names_of_words(units, width)
}

/// [`header_names`] once the names wrapped inside their bracket are mended.
fn names_of_words(units: &[Vec<&str>], width: usize) -> Option<Vec<String>> {
    let mut words: Vec<Word> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    let bracket_line = |u: usize| u > 0 && units.get(u).is_some_and(|unit| unit.iter().all(|w| is_bracketed(w)));
    let mut u = 0;
    while u < units.len() {
        let unit = &units[u];
        if !words.is_empty() && bracket_line(u) {
            // Bracketed words a line each, one after the other (`（%）` / `（%）`): one under
            // the last word of each of as many lines of names above.
            let run = (u..units.len()).take_while(|&v| bracket_line(v) && units[v].len() == 1).count();
            let named: Vec<usize> = (1..u).filter(|&v| !bracket_line(v)).collect();
            if run >= 2 && named.len() >= run {
                for (k, &v) in named[named.len() - run..].iter().enumerate() {
                    let last = words.iter().rposition(|w| w.unit == v)?;
                    join_wrapped(&mut words[last].under, units[u + k][0]);
                }
                u += run;
                continue;
            }
            // More of them than lines of names (`… 占 总 出 口 量 份 额 与 2018 年 相 比` /
            // `（%）` / `（%）`): one under each of the last names without a bracket, once
            // the names are made.
            if run >= 2 {
                pending.extend((u..u + run).map(|v| units[v][0]));
                u += run;
                continue;
            }
            // Several under more words than names (`与 2018 年 相 比` / `（%） （%）`): they go
            // under the names, once made.
            if unit.len() > 1 && words.len() > width {
                pending.extend(unit.iter().copied());
                u += 1;
                continue;
            }
            let targets: Vec<usize> = if unit.len() == 1 {
                vec![words.len() - 1]
            } else {
                let free: Vec<usize> = (1..words.len())
                    .filter(|&k| !words[k].text.contains(['(', '（']) && words[k].under.is_empty())
                    .collect();
                free[free.len().saturating_sub(unit.len())..].to_vec()
            };
            if targets.len() != unit.len() {
                return None;
            }
            for (k, w) in targets.into_iter().zip(unit) {
                join_wrapped(&mut words[k].under, w);
            }
            u += 1;
            continue;
        }
        // A line that opens with a bracketed word goes on with the name above it (`商品类别 出口量`
        // / `（百万美元） 占 总 出 口 量 份 额`: pdftotext -raw wraps the name before its unit).
        let mut rest = &unit[..];
        if let Some(last) = words.last_mut().filter(|w| w.under.is_empty()) {
            while let Some((w, more)) = rest.split_first().filter(|(w, more)| is_bracketed(w) && !more.is_empty()) {
                join_wrapped(&mut last.text, w);
                rest = more;
            }
        }
        words.extend(rest.iter().map(|w| Word { text: w.to_string(), unit: u, under: String::new() }));
        u += 1;
    }
    if words.len() < width {
        return None;
    }
    while words.len() > width {
        let k = (0..words.len() - 1).max_by_key(|&k| {
            let (a, b) = (&words[k], &words[k + 1]);
            (a.unit == b.unit && a.under.is_empty(), glue(&a.text, &b.text), std::cmp::Reverse(k))
        })?;
        let next = words.remove(k + 1);
        let w = &mut words[k];
        if w.unit == next.unit {
            w.text = format!("{} {}", w.text, next.text);
        } else {
            join_wrapped(&mut w.text, &next.text);
        }
        join_wrapped(&mut w.under, &next.under);
    }
    if !pending.is_empty() {
        let free: Vec<usize> =
            (1..words.len()).filter(|&k| !words[k].text.contains(['(', '（']) && words[k].under.is_empty()).collect();
        let targets = free.get(free.len().checked_sub(pending.len())?..)?;
        for (&k, w) in targets.iter().zip(&pending) {
            join_wrapped(&mut words[k].under, w);
        }
    }
    Some(
        words
            .into_iter()
            .map(|w| {
                let mut name = w.text;
                if !w.under.is_empty() {
                    name = format!("{name} {}", w.under);
                }
                squeeze_cjk_spaces(&name)
            })
            .collect(),
    )
}

/// The header lines of the text atoms `texts`: a pipe row's cells together, every other atom
/// (a line) cut into words at its spaces.
fn header_units<'a>(texts: &[Atom<'_, 'a>]) -> Vec<Vec<&'a str>> {
    let mut units: Vec<Vec<&str>> = Vec::new();
    let mut last: Option<usize> = None;
    for a in texts {
        if a.piped {
            if last == Some(a.at) {
                if let Some(u) = units.last_mut() {
                    u.push(a.text);
                    continue;
                }
            }
            units.push(vec![a.text]);
        } else {
            units.push(letter_spaced_words(a.text));
        }
        last = Some(a.at);
    }
    units
}

/// A header word cut after a bracketed unit glued to the CJK name after it (PyMuPDF prints
/// the cells of a header line without spaces: `出口量（百万美元）占总出口量份额`): the unit ends
/// its name; slices of `word`.
fn after_unit(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (k, c) in word.char_indices() {
        if matches!(prev, Some(')' | '）'))
            && lex::is_cjk(c)
            && !is_terminal_punct(c)
            && word[start..k].contains(['(', '（'])
        {
            out.push(&word[start..k]);
            start = k;
        }
        prev = Some(c);
    }
    out.push(&word[start..]);
    out
}

/// Fewest single characters one space apart read as one letter-spaced word.
const LETTER_SPACED_MIN_CHARS: usize = 3;

/// The words of a header line cut at its spaces, a run of single CJK characters one space
/// apart taken as one word (`占 总 出 口 量 份 额`: a wrapped header cell Typst justified,
/// letter-spaced): at least [`LETTER_SPACED_MIN_CHARS`] of them. A character right before a
/// number is left out of the run, glued to the number instead (`… 份 额 与 2018 年 相 比`: `与`
/// opens the next name); slices of `text`.
fn letter_spaced_words(text: &str) -> Vec<&str> {
    let words: Vec<&str> = text.split(is_space).filter(|w| !w.is_empty()).flat_map(after_unit).collect();
    let single = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(lex::is_cjk) && cs.next().is_none() && !w.chars().all(is_terminal_punct)
    };
    let mut out: Vec<&str> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let mut end = k;
        while end + 1 < words.len() && single(words[k]) && single(words[end + 1]) {
            end += 1;
        }
        if end > k && words.get(end + 1).is_some_and(|w| parse_number(w).is_some()) {
            end -= 1;
        }
        if end + 1 - k >= LETTER_SPACED_MIN_CHARS {
            let start = words[k].as_ptr() as usize - text.as_ptr() as usize;
            let stop = words[end].as_ptr() as usize - text.as_ptr() as usize + words[end].len();
            out.push(&text[start..stop]);
            k = end + 1;
        } else {
            out.push(words[k]);
            k += 1;
        }
    }
    out
}

/// How many of the text atoms `texts` (before the first row's numbers, printed a cell or a
/// line at a time) are the header: the fewest lines whose words can name `width` columns, and
/// the bracketed units printed under them. `None` when all of them cannot.
fn header_extent(texts: &[Atom], width: usize) -> Option<usize> {
    let printed = header_units(texts);
    let mended = mended_units(texts);
    let units = mended.as_deref().map_or_else(|| printed.clone(), word_slices);
    let mut words = 0;
    let mut atoms = 0;
    for (u, (unit, printed)) in units.iter().zip(&printed).enumerate() {
        let bracket = u > 0 && unit.iter().all(|w| is_bracketed(w));
        if !bracket && words >= width {
            break;
        }
        if !bracket {
            // A bracketed word after a word is its unit (`出口量 (百万美元)`), not a name.
            // One that opens a later line goes on with the name above it.
            words += unit.iter().enumerate().filter(|(k, w)| (*k == 0 && u == 0) || !is_bracketed(w)).count();
        }
        atoms += if texts.get(atoms).is_some_and(|a| a.piped) { printed.len() } else { 1 };
    }
    (words >= width).then_some(atoms)
}

/// The header lines of `texts` ([`header_units`]) with the names wrapped inside their bracket
/// mended ([`brackets::mend_split_brackets`]; a line that only closed brackets is left empty,
/// so the lines stay in step with [`header_units`]); `None` when there is nothing to mend.
fn mended_units(texts: &[Atom]) -> Option<Vec<Vec<String>>> {
    brackets::mend_split_brackets(&header_units(texts))
}

/// The words of header lines as slices.
fn word_slices(units: &[Vec<String>]) -> Vec<Vec<&str>> {
    units.iter().map(|u| u.iter().map(String::as_str).collect()).collect()
}

/// How many lines of the header `texts` only close the brackets of names wrapped inside them
/// (`美元)` / `万美元)`: see [`mended_units`]).
fn closing_lines(texts: &[Atom]) -> usize {
    mended_units(texts).map_or(0, |units| units.iter().filter(|u| u.is_empty()).count())
}

/// A header printed a column name a line (`口岸` / `2020 年进口` / `2020 年出口` …, each name
/// with its spaces): exactly `width` lines of text, no bracketed unit among them, then one line
/// for the first row's text cell. Returns `width`, the atoms of the header.
fn a_name_a_line(texts: &[Atom], width: usize) -> Option<usize> {
    let own_lines = texts.windows(2).all(|w| w[0].at != w[1].at);
    (texts.len() == width + 1 && own_lines && texts.iter().all(|a| !a.piped && !a.inline && !is_bracketed(a.text)))
        .then_some(width)
}

/// The text of atoms joined as wrapped lines, with their span.
fn joined_atoms(atoms: &[Atom]) -> Option<(String, Span)> {
    let first = atoms.first()?;
    let mut text = String::new();
    let mut span = first.line.sub_span(first.text);
    for a in atoms {
        join_wrapped(&mut text, a.text);
        span = span.join(a.line.sub_span(a.text));
    }
    Some((squeeze_cjk_spaces(&text), span))
}

/// A row from its text cell and its number atoms.
fn plain_row(text: (String, Span), numbers: &[Atom]) -> Row {
    let total = is_total(&text.0);
    // A text cell printed below the row's numbers (`split_stacked_rows`) reaches up to them:
    // the cells of a row start in order.
    let first_number = numbers.first().map(|a| a.line.sub_span(a.text));
    let span = first_number.filter(|n| n.line_start < text.1.line_start).map_or(text.1, |n| text.1.join(n));
    let mut cells = vec![Cell { value: parse_number(&text.0), text: text.0, span }];
    cells.extend(numbers.iter().map(|a| {
        let text = squeeze_cjk_spaces(a.text);
        Cell { value: parse_number(&text), text, span: a.line.sub_span(a.text) }
    }));
    Row { cells, total }
}

/// The text of atoms without any white space, to recognize a header printed again.
fn key_of(atoms: &[Atom]) -> String {
    atoms.iter().flat_map(|a| a.text.chars()).filter(|c| !is_space(*c) && !c.is_whitespace()).collect()
}

/// A line printed right under `prev` that continues a text cell: short, no number, one word (or
/// spaced CJK words under a cell printed so, see [`is_spaced_cjk`]).
fn is_wrapped_cell(a: &Atom, prev: &Atom) -> bool {
    !a.number
        && !a.inline
        && !a.piped
        && a.line.no == prev.line.no + 1
        && at_most_chars(a.text, WRAPPED_CELL_MAX_CHARS)
        && (!a.text.contains(is_space) || (is_spaced_cjk(a.text) && is_spaced_cjk(prev.text)))
}

/// Whether `text` is CJK words with single spaces between them (`从中国到俄 罗斯`, `的入境 旅行次数`):
/// how pdfplumber prints a narrow cell's wrapped lines, one space for each line break. A line
/// so printed under a row whose text cell is printed so goes on with that cell.
fn is_spaced_cjk(text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    words.len() > 1 && words.iter().all(|w| !w.is_empty() && w.chars().all(lex::is_cjk))
}

/// What [`plain_body`] reads: columns, rows, the index after the table, and the spans of the
/// header printed again after page breaks.
type PlainTable = (Vec<String>, Vec<Row>, usize, Vec<Span>);

/// The columns and rows of a table that PDF-to-text tools printed without its layout (no TAB,
/// no aligned columns) under its caption, from line `j`: every bordered table comes out in row
/// order, a row a line with single spaces between the cells (`年度 2014 2015 …` /
/// `中国对俄罗斯 68.72 54.01 …`; `pdftotext -raw`, pdfplumber, PDFium), one cell a line
/// (`pdftotext`, PyMuPDF), a Markdown pipe row a line (markitdown), or a mix (a narrow text cell
/// wrapped over several lines before or after its row's numbers). The lines are read as a stream
/// of text and number atoms ([`line_atoms`]); a data row is a text cell (one or more atoms) and
/// as many number cells as most rows have. The header is the text before the first row, cut
/// into as many names as a row has cells ([`header_names`]); without such text it is the first
/// row itself (`年度 2014 2015 …`). A header printed again after a page break is dropped. The
/// table ends before the first text that is not a cell (a sentence, a source note) or the first
/// run that is not a row. `None` when fewer than two rows are read.
fn plain_body(lines: &[&Line], kinds: &[Kind], j: usize, apart: bool) -> Option<PlainTable> {
    late_header_body(lines, kinds, j)
        .or_else(|| boxed_paged_columns_body(lines, kinds, j, apart))
        .or_else(|| column_groups_body(lines, kinds, j))
        .or_else(|| boxed_names_then_columns_body(lines, kinds, j, apart))
        .or_else(|| boxed_headed_columns_body(lines, kinds, j, apart))
        .or_else(|| boxed_columns_body(lines, kinds, j, apart))
        .or_else(|| boxed_label_columns_body(lines, kinds, j, apart))
        .or_else(|| boxed_numeric_columns_body(lines, kinds, j, apart))
        .or_else(|| plain_body_with(lines, kinds, j, false))
        .or_else(|| plain_body_with(lines, kinds, j, true))
        .or_else(|| numeric_rows_body(lines, kinds, j))
        .or_else(|| stub_column_body(lines, kinds, j))
        .or_else(|| numeric_columns_body(lines, kinds, j))
}

/// A table whose first column is printed as a block of its own and the rest in row order
/// (`pdftotext` with Chromium, a table with a narrow text column: `商品类别` / blank / the `n`
/// row names / blank / the other columns' header on one line / their numbers, `k` to a row, a
/// cell a line). The text blocks before the numbers are the first column's header (alone, or
/// the first line of the names' block), its `n` names (two or more, a name a line) and the
/// header line(s) naming `k` columns; the numbers that follow number exactly `n × k`, `k ≥ 2`.
/// Where the table goes on in row order after a page break under its header printed again
/// (the same names), those rows are its rows too.
fn stub_column_body(lines: &[&Line], kinds: &[Kind], j: usize) -> Option<PlainTable> {
    let atoms = body_atoms(lines, kinds, j, false);
    let head = atoms.iter().take_while(|a| !a.number).count();
    let (texts, rest) = atoms.split_at(head);
    let numbers: Vec<Atom> = rest.iter().take_while(|a| a.number).copied().collect();
    // The text atoms cut into blocks at blank lines; one atom a line, none on a number's line.
    let mut blocks: Vec<Vec<Atom>> = Vec::new();
    for a in texts {
        if a.inline || a.piped || blocks.last().and_then(|b| b.last()).is_some_and(|p| p.at == a.at) {
            return None;
        }
        match blocks.last_mut() {
            Some(b) if b.last().is_some_and(|p| a.line.no == p.line.no + 1) => b.push(*a),
            _ => blocks.push(vec![*a]),
        }
    }
    let (header, stub) = blocks.split_last()?;
    let (stub_name, names): (&Atom, Vec<Atom>) = match stub {
        [alone, names] if alone.len() == 1 => (&alone[0], names.clone()),
        [names] => (names.first()?, names[1..].to_vec()),
        _ => return None,
    };
    let n = names.len();
    if n < 2 || numbers.is_empty() || numbers.len() % n != 0 || names.iter().any(|a| !is_cell_text(a.text)) {
        return None;
    }
    let k = numbers.len() / n;
    if !(2..PLAIN_TABLE_MAX_COLUMNS).contains(&k) || header_extent(header, k) != Some(header.len()) {
        return None;
    }
    let mut columns = vec![squeeze_cjk_spaces(stub_name.text)];
    columns.extend(header_names(&header_units(header), k)?);
    let mut rows: Vec<Row> = names
        .iter()
        .zip(numbers.chunks(k))
        .map(|(name, row)| Some(plain_row(joined_atoms(&[*name])?, row)))
        .collect::<Option<_>>()?;
    let mut end = numbers.last()?.at + 1;
    let mut repeats = Vec::new();
    if let Some((again, more, after, _)) = plain_body_with(lines, kinds, end, false) {
        let key = |names: &[String]| names.iter().map(|n| key_text(n)).collect::<Vec<_>>();
        let first_cell = more.first().and_then(|r| r.cells.first()).map(|c| c.span.line_start);
        if key(&again) == key(&columns) {
            let header_end = (end..after).take_while(|&i| first_cell.is_some_and(|f| lines[i].no < f)).last();
            repeats.push(header_end.map_or(lines[end].span(), |h| lines[end].span().join(lines[h].span())));
            rows.extend(more);
            end = after;
        }
    }
    Some((columns, rows, end, repeats))
}

/// A table whose every cell holds a number printed column by column, a cell a line, with no
/// blank line to part the columns (MarkItDown on WeasyPrint's and Chromium's PDFs: `年份` /
/// `2014` … `2017` / `贸易额` / `952.8` … / `中国出口` / `中国进口` / `536.8` … `411.9`): the
/// lines are groups of `m` header names followed by `m × r` numbers, the same `r ≥ 2` in every
/// group, at least two groups (a table printed a row a cell a line, its header a name a line,
/// is one group) and two columns; the `m` names head the next `m` runs of `r` numbers in turn.
/// A source note printed between two groups (the tool orders the text boxes so) is passed over:
/// [`parse_table`] takes it as the table's note. Read only when no reading by rows fits.
fn numeric_columns_body(lines: &[&Line], kinds: &[Kind], j: usize) -> Option<PlainTable> {
    numeric_columns_with(lines, kinds, j, false)
}

/// [`numeric_columns_body`] in a region printed box by box ([`boxed_at`]), where a dump prints
/// its tables column by column: one group of names and numbers is read as columns too
/// (`年份` / `贸易额` / … / `2018` … `2022` / `107,060.6` …: the names head the runs of `r`
/// numbers in turn), and the first group may hold the row labels after its names (`产品` /
/// `2021 年` / `2022 年` / `原油` … `石油产品` / their numbers, a column at a time; the labels
/// are the first column's cells, the names before them the header row, printed first).
/// Several groups without row labels are left to the readers by rows (a box-by-box dump may
/// print a table's rows a cell a box, each row's label before its numbers).
fn boxed_numeric_columns_body(lines: &[&Line], kinds: &[Kind], j: usize, apart: bool) -> Option<PlainTable> {
    if !boxed_at(lines, kinds, j, apart) {
        return None;
    }
    numeric_columns_with(lines, kinds, j, true)
}

/// The rows `r` and number columns `c` of the first group of [`numeric_columns_with`] holding
/// `t` texts (its header names, and in a box-printed region maybe the first column's header
/// and `r` row labels after its names) and `n` numbers; `later` is the rows of the later
/// groups (`None` when there are none). The labels are read only when one reading fits.
fn first_group_shape(t: usize, n: usize, later: Option<usize>, boxed: bool) -> Option<(usize, bool)> {
    if t > 0 && n % t == 0 && later.is_none_or(|r| n / t == r) {
        return Some((n / t, false));
    }
    if !boxed {
        return None;
    }
    let fits: Vec<usize> = (2..=n / 2)
        .filter(|&r| n % r == 0 && n / r >= 2 && 1 + n / r + r == t && later.is_none_or(|l| l == r))
        .collect();
    match fits.as_slice() {
        [r] => Some((*r, true)),
        _ => None,
    }
}

fn numeric_columns_with(lines: &[&Line], kinds: &[Kind], j: usize, boxed: bool) -> Option<PlainTable> {
    let mut groups: Vec<(Vec<Atom>, Vec<Atom>)> = Vec::new();
    let mut note_passed = false;
    for k in j..lines.len().min(j + PLAIN_TABLE_MAX_LINES) {
        if kinds[k] == Kind::SourceNote && !note_passed && groups.last().is_some_and(|g| !g.1.is_empty()) {
            note_passed = true;
            continue;
        }
        let whole = trim(lines[k].text);
        let atom = match line_atoms(lines[k], k, false).as_deref() {
            Some([a]) if kinds[k] == Kind::Text && !a.piped => *a,
            Some([a, ..]) if kinds[k] == Kind::Text && is_grouped_number(whole) => {
                Atom { text: whole, number: true, inline: false, piped: false, ..*a }
            }
            _ => break,
        };
        match groups.last_mut() {
            Some((_, numbers)) if atom.number => numbers.push(atom),
            Some((texts, numbers)) if numbers.is_empty() => texts.push(atom),
            _ if atom.number => return None,
            _ => groups.push((vec![atom], Vec::new())),
        }
    }
    // Names printed after the last numbers (a subheading under the table) are no group of it.
    if groups.last().is_some_and(|g| g.1.is_empty()) {
        groups.pop();
    }
    let later = groups.get(1).map(|(texts, numbers)| numbers.len() / texts.len());
    let (first_texts, first_numbers) = groups.first()?;
    let (rows, labelled) = first_group_shape(first_texts.len(), first_numbers.len(), later, boxed)?;
    // Groups of names and numbers without row labels may be rows a cell a line as well (`年份` /
    // `2014` … / `从中国到俄罗斯` / `874` …): read by rows first ([`numeric_columns_body`] last).
    if boxed && groups.len() >= 2 && !labelled {
        return None;
    }
    // The row labels: the last `rows` texts of the first group.
    let labels: &[Atom] = if labelled { &first_texts[first_texts.len() - rows..] } else { &[] };
    let width: usize = groups.iter().map(|g| g.0.len()).sum::<usize>() - labels.len();
    let even = groups[1..].iter().all(|(texts, numbers)| numbers.len() == texts.len() * rows);
    if !even || rows < 2 || (groups.len() < 2 && !boxed) || !(2..=PLAIN_TABLE_MAX_COLUMNS).contains(&width) {
        return None;
    }
    let names = groups
        .iter()
        .flat_map(|g| g.0.iter())
        .take(width + labels.len())
        .enumerate()
        .filter(|(i, _)| labels.is_empty() || *i < first_texts.len() - rows || *i >= first_texts.len())
        .map(|(_, a)| squeeze_cjk_spaces(a.text))
        .collect();
    let columns: Vec<&[Atom]> = (!labels.is_empty())
        .then_some(labels)
        .into_iter()
        .chain(groups.iter().flat_map(|g| g.1.chunks(rows)))
        .collect();
    let cell = |a: &Atom| {
        let text = squeeze_cjk_spaces(a.text);
        Cell { value: parse_number(&text), text, span: a.line.sub_span(a.text) }
    };
    let rows = (0..rows)
        .map(|r| {
            let cells: Vec<Cell> = columns.iter().map(|c| cell(&c[r])).collect();
            let total = labelled && is_total(&cells[0].text);
            Row { cells, total }
        })
        .collect();
    let end = groups.last()?.1.last()?.at + 1;
    Some((names, rows, end, Vec::new()))
}

/// Longest line read as one cell of a table printed column by column.
const COLUMN_CELL_MAX_CHARS: usize = 20;

/// A table printed column by column, a cell a line, each column a block after a blank line
/// (`pdftotext` with Chromium: `商品类别` / blank / the row names / blank / `2022 年` and its
/// numbers …). The blocks are read as columns only when that is the one reading that fits:
/// the last block is a whole column (its header and its cells), the blocks before it add up
/// to columns of that many lines, every column but the first holds only numbers under its
/// header, and there are at least two columns and two rows. Blocks all of one size are columns
/// too (`年度` / `中国对俄罗斯` / `俄罗斯对中国`, then `2014` / `68.72` / `0.54` …): a tool prints
/// a block of lines for text stacked on the page, and the cells of a row side by side are
/// printed on one line or each as a block of its own, never a cell a line with a blank line
/// after the row, so such blocks are the table's columns whatever their numbers suggest. A column whose first line is a number and
/// which holds one text line printed that text after some cells (the first column's header
/// under its years): that text is its header.
fn column_groups_body(lines: &[&Line], kinds: &[Kind], j: usize) -> Option<PlainTable> {
    let blocks = column_blocks(lines, kinds, j);
    if let Some((names, rows, end)) = read_column_blocks(lines, &blocks) {
        return Some((names, rows, end, Vec::new()));
    }
    // A table cut by a page break prints its columns again on the next page, each under its
    // header: two readings, one before the break and one after, with the same header.
    let key = |names: &[String]| names.iter().map(|n| key_text(n)).collect::<Vec<_>>();
    (1..blocks.len()).rev().find_map(|p| {
        let (names, mut rows, _) = read_column_blocks(lines, &blocks[..p])?;
        let (again, more, end) = read_column_blocks(lines, &blocks[p..])?;
        if key(&names) != key(&again) {
            return None;
        }
        rows.extend(more);
        let first = lines[*blocks[p].first()?].span();
        let last = blocks[p..].iter().filter_map(|b| b.first()).map(|&k| lines[k].span()).next_back()?;
        Some((names, rows, end, vec![first.join(last)]))
    })
}

/// Most numbers [`boxed_columns_body`] leaves right after the columns it cuts (a page number).
const BOXED_LEFT_OVER: usize = 1;

/// Fewest consecutive line pairs a region needs to be judged printed box by box.
const BOXED_MIN_PAIRS: usize = 8;
/// Share (per thousand) of consecutive line pairs that must be two input lines apart.
const BOXED_MIN_SHARE: usize = 900;

/// Whether the region's lines were printed a layout box at a time (pdfminer's `pdf2txt`: a
/// blank line after every box, dropped by `boxes::box_lines` with the line numbers kept): nearly
/// every line is two input lines after the one before it. A dump that sets blank lines between
/// paragraphs, or between a table's cells only, has wrapped lines one after another.
fn is_box_printed(lines: &[&Line]) -> bool {
    let pairs = lines.len().saturating_sub(1);
    let apart = lines.windows(2).filter(|w| w[1].no == w[0].no + 2).count();
    pairs >= BOXED_MIN_PAIRS && apart * 1000 >= pairs * BOXED_MIN_SHARE
}

/// Whether a table from line `j` is in text printed box by box: the whole region is
/// ([`is_box_printed`]), or, in a document most of whose lines have a blank line after them
/// (`apart`, [`crate::parse::boxes::blank_after_most`]: pdfminer on a layout that prints its
/// paragraphs as boxes of several lines), the cells from `j` ([`column_blocks`]) are, at least
/// [`BOXED_MIN_PAIRS`] pairs, nearly all two input lines apart. A tool printing blank lines
/// between blocks only (`pdftotext`) also prints a cell a block, but in row order, and has
/// blank lines after its paragraphs' last lines only, not after most lines.
fn boxed_at(lines: &[&Line], kinds: &[Kind], j: usize, apart: bool) -> bool {
    is_box_printed(lines)
        || apart && {
            let cells: Vec<&Line> =
                column_blocks_with(lines, kinds, j, true).into_iter().flatten().map(|k| lines[k]).collect();
            is_box_printed(&cells)
        }
}

/// A table printed a cell a box, column by column (pdfminer with some layouts: `商品类别` /
/// `能源产品` / … / `2022 年` / `1 029,5` / …), in a region printed box by box
/// ([`is_box_printed`]): the cells from `j` (lines that could be cells, [`column_blocks`]) are
/// cut into columns ([`boxed_column_cut`]), the longest run of cells that cuts first. `None` in
/// any other region (there the order of a cell a line is not known) or when no cut fits.
fn boxed_columns_body(lines: &[&Line], kinds: &[Kind], j: usize, apart: bool) -> Option<PlainTable> {
    if !boxed_at(lines, kinds, j, apart) {
        return None;
    }
    // A box of several lines is one cell wrapped (`远东和贝加尔地区与东北地区政府间合` / `作委员会`).
    let boxes = column_blocks(lines, kinds, j);
    let boxed: Vec<String> =
        boxes.iter().map(|b| b.iter().fold(String::new(), |s, &k| joined(&s, trim(lines[k].text)))).collect();
    let cells: Vec<usize> = (0..boxes.len()).collect();
    let text = |u: usize| boxed[u].as_str();
    // Numbers left after the cut (more than a page number) are cells it did not place.
    let placed = |n: usize| n + BOXED_LEFT_OVER >= cells.len() || !cells[n..].iter().all(|&k| is_number_cell(text(k)));
    let (columns, wraps) =
        (6..=cells.len()).rev().filter(|&n| placed(n)).find_map(|n| boxed_column_cut(&cells[..n], &text))?;
    let cell = |us: &[usize]| {
        let raw = us.iter().fold(String::new(), |s, &u| joined(&s, text(u)));
        let t = squeeze_cjk_spaces(&raw);
        let span =
            us.iter().flat_map(|&u| &boxes[u]).map(|&k| lines[k].sub_span(trim(lines[k].text))).reduce(Span::join)?;
        Some(Cell { value: parse_number(&t), text: t, span })
    };
    let names: Vec<String> = columns.iter().map(|c| squeeze_cjk_spaces(text(c[0]))).collect();
    let first = wrapped_cells(&columns[0][1..], &wraps);
    let rows = (0..first.len())
        .map(|i| {
            let mut cells = vec![cell(first[i].as_slice())?];
            for col in &columns[1..] {
                cells.push(cell(&[col[i + 1]])?);
            }
            let total = is_total(&cells[0].text);
            Some(Row { cells, total })
        })
        .collect::<Option<Vec<Row>>>()?;
    let used = columns.iter().map(Vec::len).sum::<usize>();
    let end = *boxes[..used].last()?.last()? + 1;
    Some((names, rows, end, Vec::new()))
}

/// A table printed a cell a box, column by column, whose header row is numbers (years) over
/// number columns, in a region printed box by box ([`is_box_printed`]): `k ≥ 3` text cells
/// (the first column: its header and its row labels, `年度` / `中国对俄罗斯` / `俄罗斯对中国`)
/// then only numbers, `k` to a column (`2014` / `68.72` / `0.54` …), at least two columns, and
/// no other cell up to the end of the run. The same cells also read as rows of `k` cells
/// (`年度 中国对俄罗斯 俄罗斯对中国` / `2014 68.72 0.54` …); that reading makes every row start
/// with a number, this one with a text label, as the report's tables do (a row label first, a
/// header of years), and a box-by-box dump prints its tables column by column. `None` in any
/// other region or shape.
fn boxed_label_columns_body(lines: &[&Line], kinds: &[Kind], j: usize, apart: bool) -> Option<PlainTable> {
    if !boxed_at(lines, kinds, j, apart) {
        return None;
    }
    let cells: Vec<usize> = column_blocks(lines, kinds, j).into_iter().flatten().collect();
    let text = |k: usize| trim(lines[k].text);
    let k = cells.iter().take_while(|&&c| !is_number_cell(text(c))).count();
    let numbers = &cells[k..];
    let fits = k >= 3
        && numbers.len() >= 2 * k
        && numbers.len() % k == 0
        && numbers.len() / k < PLAIN_TABLE_MAX_COLUMNS
        && numbers.iter().all(|&c| is_number_cell(text(c)))
        && numbers.chunks(k).all(|col| is_label_number(text(col[0])));
    if !fits {
        return None;
    }
    let columns: Vec<&[usize]> = std::iter::once(&cells[..k]).chain(numbers.chunks(k)).collect();
    let cell = |c: usize| {
        let t = squeeze_cjk_spaces(text(c));
        Cell { value: parse_number(&t), text: t, span: lines[c].sub_span(text(c)) }
    };
    let names = columns.iter().map(|col| squeeze_cjk_spaces(text(col[0]))).collect();
    let rows = (1..k)
        .map(|r| {
            let cells: Vec<Cell> = columns.iter().map(|col| cell(col[r])).collect();
            let total = is_total(&cells[0].text);
            Row { cells, total }
        })
        .collect();
    Some((names, rows, cells.last()? + 1, Vec::new()))
}

/// Most lines of a table's first column printed above its caption.
const LABELS_ABOVE_MAX: usize = 40;

/// The label column of a table printed above its caption in a region printed box by box
/// (pdfminer with XeLaTeX: `年份` / `2018` … `2022` / caption / the other headers / their
/// numbers): the lines right before the caption `c` that are cells (short texts without
/// sentence punctuation), whole blocks already read, `count` of the last `blocks` (paragraphs or
/// subheadings, nothing else). Returns how many blocks they are and the lines, the column's
/// header first. `None` when the lines before the caption are no such run (fewer than three,
/// its first a number, or a block reaching before it).
fn labels_above_caption(blocks: &[Block], lines: &[&Line], kinds: &[Kind], c: usize) -> Option<(usize, Vec<usize>)> {
    let first = cell_run_above(lines, kinds, c)?;
    let mut count = 0;
    let mut start = c;
    for block in blocks.iter().rev() {
        let span = match block {
            Block::Paragraph { span, .. } | Block::Subheading { span, .. } => *span,
            _ => break,
        };
        let Some(k) = (first..c).find(|&k| lines[k].no == span.line_start) else { break };
        (count, start) = (count + 1, k);
    }
    let labels: Vec<usize> = (start..c).collect();
    let header = trim(lines[*labels.first()?].text);
    (count > 0 && labels.len() >= 3 && !is_number_cell(header)).then_some((count, labels))
}

/// The first of the lines right before the caption `c` that could be cells (short texts
/// without sentence punctuation, at most [`LABELS_ABOVE_MAX`]); `None` when the line before the
/// caption is none.
fn cell_run_above(lines: &[&Line], kinds: &[Kind], c: usize) -> Option<usize> {
    let cellish = |k: usize| {
        let t = trim(lines[k].text);
        kinds[k] == Kind::Text
            && at_most_chars(t, COLUMN_CELL_MAX_CHARS)
            && !t.chars().next_back().is_some_and(is_terminal_punct)
            && !t.contains(['。', '，', '；'])
    };
    (c.saturating_sub(LABELS_ABOVE_MAX)..c).rev().take_while(|&k| cellish(k)).last()
}

/// Whether the table under the caption `k` (its text at `c`, its body from `j`) reads with its
/// first column printed above the caption ([`cell_run_above`], the readers of
/// [`parse_table`]): a caption with no rows under it that is still a table's.
fn reads_with_labels_above(lines: &[&Line], kinds: &[Kind], k: usize, j: usize, apart: bool) -> bool {
    let Some(first) = cell_run_above(lines, kinds, k) else { return false };
    let labels: Vec<usize> = (first..k).collect();
    labels.len() >= 3
        && (boxed_labels_above_body(lines, kinds, &labels, j, apart).is_some()
            || boxed_labels_split_body(lines, kinds, &labels, j, apart).is_some())
}

/// A table whose first column (`labels`: its header, then `r ≥ 2` row labels) was printed above
/// its caption, box by box, and the rest from `j` under it: the first lines of the other
/// columns' names, then their numbers a column at a time, `r` each, a column's run maybe after
/// the rest of a name wrapped inside its bracket (`贸易额 (百万` … / `美元)` / its numbers /
/// `万美元)` / …). There is one name's first line (before the first number) for every column
/// of `r` numbers, and every other text only closes a bracket; the names pair with those tails by bracket
/// ([`header_names`]); the columns go in the order of the names. `None`
/// outside a box-printed region or in any other shape.
fn boxed_labels_above_body(
    lines: &[&Line],
    kinds: &[Kind],
    labels: &[usize],
    j: usize,
    apart: bool,
) -> Option<PlainTable> {
    let label_lines: Vec<&Line> = labels.iter().map(|&k| lines[k]).collect();
    if !boxed_at(lines, kinds, j, apart) || label_lines.windows(2).any(|w| w[1].no != w[0].no + 2) {
        return None;
    }
    let r = labels.len().saturating_sub(1);
    if r < 2 {
        return None;
    }
    let cells: Vec<usize> = column_blocks(lines, kinds, j).into_iter().flatten().collect();
    let text = |k: usize| trim(lines[k].text);
    let head = cells.iter().take_while(|&&k| !is_number_cell(text(k))).count();
    let (mut texts, mut numbers): (Vec<usize>, Vec<usize>) = (cells[..head].to_vec(), Vec::new());
    let mut end = head;
    let mut k = head;
    while k < cells.len() {
        let run = cells[k..].iter().take_while(|&&c| is_number_cell(text(c))).count();
        if run > 0 {
            if run % r != 0 {
                return None;
            }
            numbers.extend_from_slice(&cells[k..k + run]);
            k += run;
            end = k;
            continue;
        }
        let tails = cells[k..].iter().take_while(|&&c| !is_number_cell(text(c))).count();
        if k + tails >= cells.len() {
            break;
        }
        texts.extend_from_slice(&cells[k..k + tails]);
        k += tails;
    }
    let m = numbers.len() / r;
    // A text between the runs only closes a bracket its column's name opened.
    let closes = |k: usize| text(k).ends_with([')', '）']) && !text(k).contains(['(', '（']);
    let firsts = texts[..head].iter().filter(|&&k| !closes(k)).count();
    if m == 0 || firsts != m || m + 1 >= PLAIN_TABLE_MAX_COLUMNS || !texts[head..].iter().all(|&k| closes(k)) {
        return None;
    }
    let units: Vec<Vec<&str>> =
        std::iter::once(labels[0]).chain(texts.iter().copied()).map(|k| text(k).split_whitespace().collect()).collect();
    let names = header_names(&units, m + 1)?;
    let cell = |k: usize| {
        let t = squeeze_cjk_spaces(text(k));
        Cell { value: parse_number(&t), text: t, span: lines[k].sub_span(text(k)) }
    };
    let rows = (0..r)
        .map(|i| {
            let cells: Vec<Cell> =
                std::iter::once(cell(labels[i + 1])).chain(numbers.chunks(r).map(|col| cell(col[i]))).collect();
            let total = is_total(&cells[0].text);
            Row { cells, total }
        })
        .collect();
    Some((names, rows, cells[end - 1] + 1, Vec::new()))
}

/// A table whose first `k` row labels (`labels`, texts) were printed above its caption, box by
/// box, and the rest from `j` under it (pdfminer with WeasyPrint: `总理定期会晤` / … / caption /
/// `机制` / `建立年份` / `级别` / `1996` … / `政府首脑` … / the last labels): the header's `c ≥ 2`
/// names (the texts before the first number), the other `c − 1` columns a column at a time, `r`
/// cells each, where `r ≥ k` is the length of the first run of numbers (a column of numbers right
/// after the names), then the `r − k` labels left (a label too wide for a cell's box is printed
/// after the columns). `None` outside a box-printed region or in any other shape.
fn boxed_labels_split_body(
    lines: &[&Line],
    kinds: &[Kind],
    labels: &[usize],
    j: usize,
    apart: bool,
) -> Option<PlainTable> {
    let text = |k: usize| trim(lines[k].text);
    let apart_by_box = |ks: &[usize]| ks.windows(2).all(|w| lines[w[1]].no == lines[w[0]].no + 2);
    if !boxed_at(lines, kinds, j, apart) || !apart_by_box(labels) || labels.iter().any(|&k| is_number_cell(text(k))) {
        return None;
    }
    let k = labels.len();
    let cells: Vec<usize> = column_blocks(lines, kinds, j).into_iter().flatten().collect();
    let c = cells.iter().take_while(|&&x| !is_number_cell(text(x))).count();
    let r = cells[c..].iter().take_while(|&&x| is_number_cell(text(x))).count();
    if !(2..PLAIN_TABLE_MAX_COLUMNS).contains(&c) || r < k || r < 2 {
        return None;
    }
    let body = c + (c - 1) * r;
    if cells.len() < body {
        return None;
    }
    let columns: Vec<&[usize]> = cells[c..body].chunks(r).collect();
    // The labels left, right after the columns: texts wider than a cell maybe, no sentence.
    let after = cells[body - 1] + 1;
    let tails: Vec<usize> = (after..lines.len().min(after + r - k)).collect();
    let label_like = |x: usize| {
        let t = text(x);
        kinds[x] == Kind::Text
            && at_most_chars(t, PLAIN_TEXT_MAX_CHARS)
            && !t.contains(['。', '，', '；'])
            && !is_number_cell(t)
    };
    let all: Vec<usize> = labels.iter().copied().chain(tails.iter().copied()).collect();
    if all.len() != r
        || !tails.iter().all(|&x| label_like(x))
        || !apart_by_box(&[&[cells[body - 1]], tails.as_slice()].concat())
    {
        return None;
    }
    let cell = |x: usize| {
        let t = squeeze_cjk_spaces(text(x));
        Cell { value: parse_number(&t), text: t, span: lines[x].sub_span(text(x)) }
    };
    let names = cells[..c].iter().map(|&x| squeeze_cjk_spaces(text(x))).collect();
    let rows = (0..r)
        .map(|i| {
            let cells: Vec<Cell> =
                std::iter::once(cell(all[i])).chain(columns.iter().map(|col| cell(col[i]))).collect();
            label_first(cells)
        })
        .collect();
    Some((names, rows, tails.last().map_or(after, |&x| x + 1), Vec::new()))
}

/// A number whose thousands are set apart by spaces (`7 964`, `1 029,5`, `-12 345.6`): a first
/// group of one to three digits (after an optional sign), then groups of exactly three digits,
/// the last maybe with a decimal part. Two numbers printed one space apart (`2018 2019`) are not.
fn is_grouped_number(t: &str) -> bool {
    let t = t.strip_prefix(['-', '+', '−']).unwrap_or(t);
    let mut groups = t.split(' ');
    let digits = |g: &str, lo: usize, hi: usize| (lo..=hi).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit());
    let Some(first) = groups.next() else { return false };
    let rest: Vec<&str> = groups.collect();
    let Some((last, middle)) = rest.split_last() else { return false };
    let (whole, decimals) = last.split_once([',', '.']).unwrap_or((last, "0"));
    digits(first, 1, 3) && middle.iter().all(|g| digits(g, 3, 3)) && digits(whole, 3, 3) && digits(decimals, 1, 3)
}

/// A number that can head a column (a year, `2014`): digits only, no decimal point, sign or
/// digit grouping, which a measured value (`107,060.6`) has.
fn is_label_number(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// A table printed a cell a box with all its texts before its numbers, in a region printed box
/// by box ([`is_box_printed`]): the first column's header, then the other columns' names and
/// the row labels (either first: `口岸` / `2020 年进口` … / `满洲里` … `合计`, or `口岸` /
/// `满洲里` … `合计` / `2020 年进口` …), then every number column in turn, `r` cells each. The
/// counts alone allow two readings (`r` rows of `c` numbers or `c` rows of `r`, and two orders
/// of the texts), so the table's own arithmetic decides: the last row label is a total
/// (`合计`) and at least half the columns' last number is the sum of the numbers above it
/// ([`adds_up`]); exactly one reading must pass. `None` otherwise.
fn boxed_names_then_columns_body(lines: &[&Line], kinds: &[Kind], j: usize, apart: bool) -> Option<PlainTable> {
    if !boxed_at(lines, kinds, j, apart) {
        return None;
    }
    let cells: Vec<usize> = column_blocks_with(lines, kinds, j, true).into_iter().flatten().collect();
    let text = |k: usize| trim(lines[k].text);
    let t = cells.iter().take_while(|&&c| !is_number_cell(text(c))).count();
    let numbers = &cells[t..];
    if t < 5 || !numbers.iter().all(|&c| is_number_cell(text(c))) {
        return None;
    }
    let texts = &cells[1..t];
    let mut found = Vec::new();
    // The names a box each (`c` texts), or all on one line (pdfminer on Typst: `2020 年进口 2020
    // 年出口 …`), cut into `c` as a header line is ([`header_names`]).
    let names_of = |ks: &[usize], c: usize| match ks {
        [k] if c > 1 => header_names(&[text(*k).split_whitespace().collect()], c),
        _ => Some(ks.iter().map(|&k| squeeze_cjk_spaces(text(k))).collect()),
    };
    for c in (2..PLAIN_TABLE_MAX_COLUMNS).filter(|&c| numbers.len() % c == 0) {
        let r = numbers.len() / c;
        let Some(n) = [c, 1].into_iter().find(|&n| r + 1 + n == t) else { continue };
        let columns: Vec<&[usize]> = numbers.chunks(r).collect();
        let summed = columns.iter().filter(|col| adds_up(&col.iter().map(|&k| text(k)).collect::<Vec<_>>())).count();
        for (labels, names) in [(&texts[..r], &texts[r..]), (&texts[n..], &texts[..n])] {
            let totals = labels.iter().filter(|&&k| is_total(text(k))).count();
            if r >= 2 && totals == 1 && is_total(text(labels[r - 1])) && summed * 2 >= c {
                found.push((labels, names_of(names, c)?, columns.clone()));
            }
        }
    }
    let [(labels, names, columns)] = found.as_slice() else { return None };
    let cell = |k: usize| {
        let t = squeeze_cjk_spaces(text(k));
        Cell { value: parse_number(&t), text: t, span: lines[k].sub_span(text(k)) }
    };
    let header = std::iter::once(squeeze_cjk_spaces(text(cells[0]))).chain(names.iter().cloned()).collect();
    let rows = labels
        .iter()
        .enumerate()
        .map(|(i, &l)| {
            let cells: Vec<Cell> = std::iter::once(cell(l)).chain(columns.iter().map(|col| cell(col[i]))).collect();
            label_first(cells)
        })
        .collect();
    Some((header, rows, cells.last()? + 1, Vec::new()))
}

/// A table printed a cell a box, each number column under its name, in a region printed box
/// by box ([`is_box_printed`]): the first column's header, then runs of texts and numbers where
/// the last text before every run of numbers names it and the other texts, one run of `r ≥ 2`,
/// are the row labels (`月份` / `中国出口` / its numbers / `中国进口` / … / `1—2 月` … `合计` /
/// `同比（%）` / its numbers). A run of `r` numbers is a whole column; a run of `r − 1` lacks its
/// last cell, which the tool printed (a row box of its own) after the `r − 1` cells of a later
/// run, one for each column so far lacking it (`80,6` / `中国进口` / … `78,9` / `675,7` /
/// `793,0`). That reading needs the table's evidence: the last label is a total and one such
/// column at least adds up to it ([`adds_up`]). `None` in any other region or shape.
fn boxed_headed_columns_body(lines: &[&Line], kinds: &[Kind], j: usize, apart: bool) -> Option<PlainTable> {
    if !boxed_at(lines, kinds, j, apart) {
        return None;
    }
    let cells: Vec<usize> = column_blocks(lines, kinds, j).into_iter().flatten().collect();
    let text = |k: usize| trim(lines[k].text);
    let mut runs: Vec<(bool, Vec<usize>)> = Vec::new();
    for &k in &cells {
        let number = is_number_cell(text(k));
        match runs.last_mut() {
            Some((n, run)) if *n == number => run.push(k),
            _ => runs.push((number, vec![k])),
        }
    }
    while runs.last().is_some_and(|r| !r.0) {
        runs.pop();
    }
    let mut names = vec![*runs.first().filter(|r| !r.0)?.1.first()?];
    let (mut labels, mut bodies) = (Vec::new(), Vec::new());
    for (i, (number, run)) in runs.iter().enumerate() {
        if *number {
            bodies.push(run.as_slice());
            continue;
        }
        let (head, rest) = run[usize::from(i == 0)..].split_last()?;
        if !rest.is_empty() && !labels.is_empty() {
            return None;
        }
        labels.extend_from_slice(rest);
        names.push(*head);
    }
    header_after_labels(&mut names, &mut labels, |k| is_total(text(k)));
    let r = labels.len();
    if r < 2 || bodies.len() < 2 || bodies.len() >= PLAIN_TABLE_MAX_COLUMNS {
        return None;
    }
    let (columns, displaced) = headed_columns(&bodies, r)?;
    let sums = |col: &[usize]| adds_up(&col.iter().map(|&k| text(k)).collect::<Vec<_>>());
    let evidence = displaced.iter().any(|&c| sums(&columns[c])) && is_total(text(labels[r - 1]));
    if !displaced.is_empty() && !evidence {
        return None;
    }
    let cell = |k: usize| {
        let t = squeeze_cjk_spaces(text(k));
        Cell { value: parse_number(&t), text: t, span: lines[k].sub_span(text(k)) }
    };
    let rows = (0..r)
        .map(|i| {
            let cells: Vec<Cell> =
                std::iter::once(cell(labels[i])).chain(columns.iter().map(|col| cell(col[i]))).collect();
            label_first(cells)
        })
        .collect();
    let names = names.iter().map(|&k| squeeze_cjk_spaces(text(k))).collect();
    Some((names, rows, runs.last()?.1.last()? + 1, Vec::new()))
}

/// The first column's header printed after its labels (`1—2 月` … `合计` / `月份` / `中国出口` /
/// its numbers …: the labels end with their total row, so the text after the total is the
/// header): `names[0]`, taken as the header, is the first label, and the text after the total
/// the header. Left as it is unless the last label but one is a total and the last is not.
fn header_after_labels(names: &mut [usize], labels: &mut Vec<usize>, total: impl Fn(usize) -> bool) {
    let n = labels.len();
    if n < 3 || names.is_empty() || total(labels[n - 1]) || !total(labels[n - 2]) {
        return;
    }
    let header = labels[n - 1];
    labels.truncate(n - 1);
    labels.insert(0, names[0]);
    names[0] = header;
}

/// A row from its cells, its label first: a label printed after the row's numbers (a box-by-box
/// dump printing the labels after some columns) reaches up to the first of them, so that the
/// cells of the row start in order.
fn label_first(mut cells: Vec<Cell>) -> Row {
    let earliest = cells.iter().map(|c| c.span).min_by_key(|s| (s.line_start, s.byte_start));
    if let (Some(first), Some(earliest)) = (cells.first_mut(), earliest) {
        first.span = first.span.join(earliest);
    }
    let total = cells.first().is_some_and(|c| is_total(&c.text));
    Row { cells, total }
}

/// The number columns of [`boxed_headed_columns_body`] from its runs of numbers, `r` cells
/// each, and the indexes of the columns whose last cell was printed after a later run's cells.
fn headed_columns(bodies: &[&[usize]], r: usize) -> Option<(Vec<Vec<usize>>, Vec<usize>)> {
    let (mut columns, mut pending, mut displaced) = (Vec::new(), Vec::new(), Vec::new());
    for body in bodies {
        let c = columns.len();
        if !pending.is_empty() && body.len() == r + pending.len() {
            columns.push(body[..r - 1].to_vec());
            pending.push(c);
            for (p, &k) in pending.iter().zip(&body[r - 1..]) {
                columns[*p].push(k);
            }
            displaced.append(&mut pending);
        } else if body.len() == r {
            columns.push(body.to_vec());
        } else if body.len() == r - 1 {
            columns.push(body.to_vec());
            pending.push(c);
        } else {
            return None;
        }
    }
    pending.is_empty().then_some((columns, displaced))
}

/// Whether the last of a column's cells is the sum of the cells above it (a dash counts as 0),
/// to the rounding of numbers printed with one or two decimals.
fn adds_up(cells: &[&str]) -> bool {
    let value = |t: &str| parse_number(t).or_else(|| is_number_cell(t).then_some(0.0));
    let Some((total, parts)) = cells.split_last() else { return false };
    let Some(total) = value(total).filter(|v| *v != 0.0) else { return false };
    let Some(sum) = parts.iter().map(|t| value(t)).sum::<Option<f64>>() else { return false };
    (sum - total).abs() <= 0.051 * cells.len() as f64
}

/// One page's part of a box-printed table whose header is printed again on every page
/// ([`boxed_paged_columns_body`]): its row labels, the first row's numbers printed with its
/// label (a row box of its own before the other labels, maybe none), and the numbers after the
/// labels, column after column in some order.
struct PagedPart {
    labels: Vec<usize>,
    first: Vec<usize>,
    numbers: Vec<usize>,
}

/// The runs of `cells` alike by `number` (`(is_number, cells)`), in order.
fn cell_runs(cells: &[usize], number: impl Fn(usize) -> bool) -> Vec<(bool, Vec<usize>)> {
    let mut runs: Vec<(bool, Vec<usize>)> = Vec::new();
    for &k in cells {
        let n = number(k);
        match runs.last_mut() {
            Some((m, run)) if *m == n => run.push(k),
            _ => runs.push((n, vec![k])),
        }
    }
    runs
}

/// A [`PagedPart`] from a page's cells after its header: the labels and then the numbers, or
/// the first label, the first row's numbers, the other labels and then the numbers.
fn paged_part(cells: &[usize], number: impl Fn(usize) -> bool) -> Option<PagedPart> {
    let mut runs = cell_runs(cells, number).into_iter();
    let (false, labels) = runs.next()? else { return None };
    let (true, numbers) = runs.next()? else { return None };
    match (runs.next(), runs.next(), runs.next()) {
        (None, ..) => Some(PagedPart { labels, first: Vec::new(), numbers }),
        (Some((false, rest)), Some((true, after)), None) if labels.len() == 1 => {
            Some(PagedPart { labels: [labels, rest].concat(), first: numbers, numbers: after })
        }
        _ => None,
    }
}

/// The decimal mark a number shows: `Some(true)` a comma (`4279,7`), `Some(false)` a point
/// (`69.8`), `None` neither (`7`, `22614`, thousands `1,234`).
fn decimal_comma(t: &str) -> Option<bool> {
    let comma =
        t.rsplit_once(',').is_some_and(|(_, f)| (1..=2).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()));
    if comma {
        return Some(true);
    }
    t.contains('.').then_some(false)
}

/// A row's cells with each number cell reaching up to the cells after it that were printed
/// before it (columns printed out of order): the cells of a row start in order.
fn numbers_in_order(mut cells: Vec<Cell>) -> Vec<Cell> {
    for i in (1..cells.len().saturating_sub(1)).rev() {
        let next = cells[i + 1].span;
        if (next.line_start, next.byte_start) < (cells[i].span.line_start, cells[i].span.byte_start) {
            cells[i].span = cells[i].span.join(next);
        }
    }
    cells
}

/// The next permutation of `p` in lexicographic order; `false` after the last.
fn next_permutation(p: &mut [usize]) -> bool {
    let Some(i) = (1..p.len()).rev().find(|&i| p[i - 1] < p[i]) else { return false };
    let j = (i..p.len()).rev().find(|&j| p[j] > p[i - 1]).unwrap_or(i);
    p.swap(i - 1, j);
    p[i..].reverse();
    true
}

/// Most number columns whose printed order [`paged_cuts`] tries every way.
const PAGED_MAX_COLUMNS: usize = 6;

/// The ways a part's numbers cut into its `c` columns, best first: the columns in every order
/// (the printed order first), each `r` cells (`r − 1` for a column whose first cell the part
/// printed with its first label); when one number is left over, it is a page number printed
/// between two columns (or before or after them all): a number of digits only, the fewest
/// digits first. Each way is the columns' cells (without their first-row cells) by column.
fn paged_cuts(part: &PagedPart, c: usize, text: &impl Fn(usize) -> String) -> Vec<Vec<Vec<usize>>> {
    let (r, p, m) = (part.labels.len(), part.first.len(), part.numbers.len());
    let need = (c * r).saturating_sub(p);
    let mut strays: Vec<Option<usize>> = Vec::new();
    if m == need {
        strays.push(None);
    } else if m == need + 1 {
        let mut at: Vec<usize> = (0..m).filter(|&s| is_label_number(&text(part.numbers[s]))).collect();
        at.sort_by_key(|&s| text(part.numbers[s]).len());
        strays.extend(at.into_iter().map(Some));
    }
    let mut cuts = Vec::new();
    for stray in strays {
        let kept: Vec<usize> =
            part.numbers.iter().enumerate().filter(|&(s, _)| Some(s) != stray).map(|(_, &k)| k).collect();
        let mut order: Vec<usize> = (0..c).collect();
        loop {
            let mut columns = vec![Vec::new(); c];
            let (mut at, mut between) = (0, stray == Some(0));
            for &col in &order {
                let size = if col < p { r - 1 } else { r };
                columns[col] = kept[at..at + size].to_vec();
                at += size;
                between |= stray == Some(at);
            }
            // A page number is printed between two columns' boxes, never inside one.
            if stray.is_none() || between {
                cuts.push(columns);
            }
            if !next_permutation(&mut order) {
                break;
            }
        }
    }
    cuts
}

/// A box-printed table over pages, its header printed again at the top of every page and its
/// number columns printed on each page in an order of their own (pdfminer on WeasyPrint and
/// Chromium: `商品类别` / `出口量(百万美元)` / … / `矿物燃料、石油、石油产品` / `42619,3` / `69.8` /
/// the other labels / the second number column's cells / the first's / the third's, all of
/// them / next page: the header again / its labels / its columns). The header is the longest
/// run of leading texts printed again right after a number; each page's part holds its labels
/// (the first maybe printed with the first row's leading numbers, a row box of its own) and
/// then its columns, `r` cells each (`r − 1` for a column whose first cell came with the first
/// label), plus at most one page number printed among them. The columns' order on a page is
/// not printed: every order is tried, and the first (the printed order first) taken whose
/// columns each keep one decimal mark (`4279,7` or `69.8`) with the cells known to be theirs:
/// the first row's cells and the parts that cut only one way (no first-row cells, no page
/// number), taken in printed order. `None` without a header printed again, in any other
/// shape, or in any other region ([`boxed_at`]).
fn boxed_paged_columns_body(lines: &[&Line], kinds: &[Kind], j: usize, apart: bool) -> Option<PlainTable> {
    if !boxed_at(lines, kinds, j, apart) {
        return None;
    }
    let cells: Vec<usize> = column_blocks_with(lines, kinds, j, true).into_iter().flatten().collect();
    let text = |k: usize| trim(lines[k].text);
    let number = |k: usize| is_number_cell(text(k));
    let key = |k: usize| key_text(text(k));
    let lead = cells.iter().take_while(|&&k| !number(k)).count();
    let repeats_at = |h: usize| -> Vec<usize> {
        (h + 1..=cells.len().saturating_sub(h))
            .filter(|&q| number(cells[q - 1]) && (0..h).all(|i| key(cells[q + i]) == key(cells[i])))
            .collect()
    };
    let (h, repeats) = (2..lead).rev().map(|h| (h, repeats_at(h))).find(|(_, r)| !r.is_empty())?;
    let starts = std::iter::once(h).chain(repeats.iter().map(|&q| q + h));
    let ends = repeats.iter().copied().chain(std::iter::once(cells.len()));
    let parts: Vec<PagedPart> = starts
        .zip(ends)
        .map(|(a, b)| {
            // Texts after the last page's numbers are no part of the table.
            let b = if b == cells.len() { a + cells[a..b].iter().rposition(|&k| number(k))? + 1 } else { b };
            paged_part(&cells[a..b], number)
        })
        .collect::<Option<_>>()?;
    let fits = |part: &PagedPart, c: usize| {
        let need = (c * part.labels.len()).saturating_sub(part.first.len());
        part.first.len() < c
            && (part.first.is_empty() || part.labels.len() >= 2)
            && (need..=need + 1).contains(&part.numbers.len())
    };
    let widths: Vec<usize> = (2..=PAGED_MAX_COLUMNS).filter(|&c| parts.iter().all(|p| fits(p, c))).collect();
    let [c] = widths.as_slice() else { return None };
    let c = *c;
    let names: Vec<String> = match h {
        _ if h == c + 1 => cells[..h].iter().map(|&k| squeeze_cjk_spaces(text(k))).collect(),
        2 => std::iter::once(squeeze_cjk_spaces(text(cells[0])))
            .chain(header_names(&[text(cells[1]).split_whitespace().collect()], c)?)
            .collect(),
        _ => return None,
    };
    let owned = |k: usize| text(k).to_string();
    let cuts: Vec<Vec<Vec<Vec<usize>>>> = parts.iter().map(|p| paged_cuts(p, c, &owned)).collect();
    // The decimal marks known for each column.
    let mut marks: Vec<Vec<bool>> = vec![Vec::new(); c];
    for (part, cut) in parts.iter().zip(&cuts) {
        part.first.iter().zip(marks.iter_mut()).for_each(|(&k, m)| m.extend(decimal_comma(text(k))));
        if part.first.is_empty() && part.numbers.len() == c * part.labels.len() {
            for (col, m) in cut.first()?.iter().zip(marks.iter_mut()) {
                m.extend(col.iter().filter_map(|&k| decimal_comma(text(k))));
            }
        }
    }
    let agrees = |cut: &&Vec<Vec<usize>>| {
        cut.iter().zip(&marks).all(|(col, m)| {
            let mut all = m.iter().copied().chain(col.iter().filter_map(|&k| decimal_comma(text(k))));
            all.next().is_none_or(|first| all.all(|x| x == first))
        })
    };
    let cell = |k: usize| {
        let t = squeeze_cjk_spaces(text(k));
        Cell { value: parse_number(&t), text: t, span: lines[k].sub_span(text(k)) }
    };
    let mut rows = Vec::new();
    for (part, cut) in parts.iter().zip(&cuts) {
        let cut = cut.iter().find(agrees)?;
        let columns: Vec<Vec<usize>> = cut
            .iter()
            .enumerate()
            .map(|(i, col)| part.first.get(i).into_iter().chain(col).copied().collect())
            .collect();
        for (i, &label) in part.labels.iter().enumerate() {
            let cells = std::iter::once(cell(label)).chain(columns.iter().map(|col| cell(col[i]))).collect();
            rows.push(label_first(numbers_in_order(cells)));
        }
    }
    let repeats = repeats.iter().map(|&q| lines[cells[q]].span().join(lines[cells[q + h - 1]].span())).collect();
    Some((names, rows, parts.last()?.numbers.last()? + 1, repeats))
}

/// The first column's cells: its lines, each line in `wraps` (indexes into `lines`) joined with
/// the line after it (a name wrapped in its cell).
fn wrapped_cells(lines: &[usize], wraps: &[usize]) -> Vec<Vec<usize>> {
    let mut cells: Vec<Vec<usize>> = Vec::new();
    for (i, &k) in lines.iter().enumerate() {
        match cells.last_mut() {
            Some(c) if i > 0 && wraps.contains(&(i - 1)) => c.push(k),
            _ => cells.push(vec![k]),
        }
    }
    cells
}

/// Cut `cells` (a cell a line, column after column) into columns: every column but the first
/// a header and `r` cells (`r ≥ 2`), the first a header and `r` names, of which `w < r` wrapped
/// onto a line of their own (the widest lines wrap: the returned indexes, into the first
/// column's lines after its header, of the lines joined with the next). Every header is text, every
/// later column all numbers or all text, at least one all numbers, and the first column's
/// names all text (a first column of numbers, years, is left to [`numeric_columns_body`],
/// which also reads columns printed after the source note). The fewest columns that fit;
/// `None` when none does.
fn boxed_column_cut<'t>(cells: &[usize], text: &impl Fn(usize) -> &'t str) -> Option<(Vec<Vec<usize>>, Vec<usize>)> {
    let n = cells.len();
    let number = |k: usize| is_number_cell(text(k));
    (2..=PLAIN_TABLE_MAX_COLUMNS).find_map(|c| {
        (3..=n / c).rev().find_map(|size| {
            let first = n - (c - 1) * size;
            let wrapped = first.checked_sub(size)?;
            if wrapped >= size - 1 {
                return None;
            }
            let mut columns = vec![cells[..first].to_vec()];
            columns.extend(cells[first..].chunks(size).map(<[usize]>::to_vec));
            let body_numbers = |col: &[usize]| col[1..].iter().filter(|&&k| number(k)).count();
            let homogeneous = |col: &[usize]| [0, col.len() - 1].contains(&body_numbers(col));
            let fits = columns.iter().all(|col| !number(col[0]) && homogeneous(col.as_slice()))
                && columns[1..].iter().any(|col| body_numbers(col.as_slice()) == col.len() - 1)
                && body_numbers(columns[0].as_slice()) == 0;
            if !fits {
                return None;
            }
            let names = &columns[0][1..];
            let mut order: Vec<usize> = (0..names.len() - 1).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(display_width(text(names[i]))));
            let mut wraps = order[..wrapped].to_vec();
            wraps.sort_unstable();
            // (two wraps one after another would make a name of three lines: the widest lines
            // are then not wrapped names)
            (!wraps.windows(2).any(|w| w[1] == w[0] + 1)).then_some((columns, wraps))
        })
    })
}

/// A header name without white space, to compare a header printed again.
fn key_text(text: &str) -> String {
    text.chars().filter(|c| !is_space(*c) && !c.is_whitespace()).collect()
}

/// The blocks of one-cell lines from line `j` (indexes of their lines): lines that follow one
/// another in the input, cut at blank lines (and page breaks).
fn column_blocks(lines: &[&Line], kinds: &[Kind], j: usize) -> Vec<Vec<usize>> {
    column_blocks_with(lines, kinds, j, false)
}

/// A line of several names a box holds (pdfminer on Typst prints a header row's names as one
/// line: `2020 年进口 2020 年出口 2021 年进口 2021 年出口`): words of CJK characters and digits
/// only, each short enough for a cell, no longer than a text cell.
fn is_names_line(t: &str) -> bool {
    t.split_whitespace().count() >= 2
        && at_most_chars(t, PLAIN_TEXT_MAX_CHARS)
        && t.split_whitespace().all(|w| at_most_chars(w, COLUMN_CELL_MAX_CHARS))
        && !t.chars().any(|c| c.is_alphabetic() && !lex::is_cjk(c))
}

/// [`column_blocks`], for a box-printed table (`names`): a line of several names
/// ([`is_names_line`]) is a cell too.
fn column_blocks_with(lines: &[&Line], kinds: &[Kind], j: usize, names: bool) -> Vec<Vec<usize>> {
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    for k in j..lines.len().min(j + PLAIN_TABLE_MAX_LINES) {
        let t = trim(lines[k].text);
        let cell = kinds[k] == Kind::Text
            && (at_most_chars(t, COLUMN_CELL_MAX_CHARS) || names && is_names_line(t))
            && !t.contains(['。', '，', '；'])
            && line_atoms(lines[k], k, false).is_some();
        if !cell {
            break;
        }
        match blocks.last_mut() {
            Some(b) if lines[k].no == lines[k - 1].no + 1 => b.push(k),
            _ => blocks.push(vec![k]),
        }
    }
    blocks
}

/// The columns ([`column_groups_body`]) of `blocks`: header names, rows, and the index after
/// the last cell. `None` when the blocks do not read as columns.
fn read_column_blocks(lines: &[&Line], blocks: &[Vec<usize>]) -> Option<(Vec<String>, Vec<Row>, usize)> {
    let size = blocks.last()?.len();
    let mut columns: Vec<Vec<usize>> = Vec::new();
    // Per column, whether it is its cells' block followed by a block of one line: the header
    // printed under the cells (pdftotext on Chromium: `原油` … `石油产品` / blank / `产品`).
    let mut header_last: Vec<bool> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut parts = 0;
    for b in blocks {
        current.extend(b);
        parts += 1;
        if current.len() == size {
            header_last.push(parts == 2 && b.len() == 1 && size > 2);
            columns.push(std::mem::take(&mut current));
            parts = 0;
        } else if current.len() > size {
            // The blocks before the table's columns are no part of it: not this reading.
            return None;
        }
    }
    if !current.is_empty() || size < 3 || columns.len() < 2 || columns.len() > PLAIN_TABLE_MAX_COLUMNS {
        return None;
    }
    let text = |k: usize| trim(lines[k].text);
    let ordered: Vec<(usize, Vec<usize>)> = columns
        .iter()
        .zip(&header_last)
        .map(|(col, &last)| {
            let texts: Vec<usize> = col.iter().copied().filter(|&k| !is_number_cell(text(k))).collect();
            match texts.as_slice() {
                [h] if is_number_cell(text(col[0])) => (*h, col.iter().copied().filter(|k| k != h).collect()),
                [.., h] if last && texts.len() == col.len() => (*h, col[..col.len() - 1].to_vec()),
                _ => (col[0], col[1..].to_vec()),
            }
        })
        .collect();
    if !ordered[1..].iter().all(|(_, cells)| cells.iter().all(|&k| is_number_cell(text(k)))) {
        return None;
    }
    let names = ordered.iter().map(|(h, _)| squeeze_cjk_spaces(text(*h))).collect();
    let rows = (0..size - 1)
        .map(|i| {
            let cells: Vec<Cell> = ordered
                .iter()
                .map(|(_, c)| {
                    let raw = text(c[i]);
                    let t = squeeze_cjk_spaces(raw);
                    Cell { value: parse_number(&t), text: t, span: lines[c[i]].sub_span(raw) }
                })
                .collect();
            let total = cells.first().is_some_and(|c| is_total(&c.text));
            Row { cells, total }
        })
        .collect();
    let end = columns.iter().flatten().copied().max()? + 1;
    Some((names, rows, end))
}

/// The atoms of the text lines from `j` on, up to the first line that cannot be part of a
/// table (see [`line_atoms`]).
fn body_atoms<'l, 'a>(lines: &[&'l Line<'a>], kinds: &[Kind], j: usize, trailing: bool) -> Vec<Atom<'l, 'a>> {
    let mut per_line: Vec<Vec<Atom>> = Vec::new();
    for k in j..lines.len().min(j + PLAIN_TABLE_MAX_LINES) {
        if kinds[k] != Kind::Text {
            break;
        }
        match line_atoms(lines[k], k, trailing) {
            Some(a) => per_line.push(a),
            None => break,
        }
    }
    // A table printed a cell a line (PyMuPDF, pdftotext on XeLaTeX): a line holding only a
    // number grouped by spaces (`7 964`) is one cell, as every other line is.
    let grouped = |a: &[Atom]| a.len() >= 2 && a.first().is_some_and(|f| is_space_grouped_integer(f.line.text));
    let cell_a_line = per_line.len() >= 4
        && per_line.iter().any(|a| grouped(a))
        && per_line.iter().all(|a| a.len() == 1 || grouped(a));
    if cell_a_line {
        for a in per_line.iter_mut().filter(|a| grouped(a)) {
            let first = a[0];
            *a = vec![Atom { text: trim(first.line.text), number: true, inline: false, ..first }];
        }
    }
    per_line.into_iter().flatten().collect()
}

/// A line holding only an integer grouped by spaces (`7 964`, `1 520 380`): one to three
/// digits, then groups of three.
fn is_space_grouped_integer(text: &str) -> bool {
    let mut words = trim(text).split(is_space).filter(|w| !w.is_empty());
    let lead = words.next().is_some_and(is_group_lead);
    let groups: Vec<&str> = words.collect();
    lead && !groups.is_empty() && groups.iter().all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// How many cells a row has when every cell holds a number (a first column of years:
/// `年份 贸易额 …` / `2014 952.8 …`), read from how the tool printed the number atoms:
/// a row a line (every line holds the same count, at least two), or a cell a line (then the
/// header is a name a line, as many names as lines of header text). `None` otherwise.
fn numeric_row_width(texts: &[Atom], numbers: &[Atom]) -> Option<usize> {
    let mut per_line: Vec<usize> = Vec::new();
    let mut last = None;
    for a in numbers {
        if last == Some(a.at) {
            *per_line.last_mut()? += 1;
        } else {
            per_line.push(1);
        }
        last = Some(a.at);
    }
    let first = *per_line.first()?;
    if !per_line.iter().all(|&n| n == first) {
        return None;
    }
    if first >= 2 {
        return Some(first);
    }
    let own_lines = texts.windows(2).all(|w| w[0].at != w[1].at);
    (own_lines && texts.iter().all(|a| !a.piped && !is_bracketed(a.text))).then(|| texts.len() - closing_lines(texts))
}

/// A table whose every cell holds a number, the first column too (years), printed without its
/// layout: header text, then only numbers, `w` to a row ([`numeric_row_width`]), at least two
/// rows, the header naming exactly `w` columns. The table ends at the first text after the
/// numbers. Read only when no row has a text cell ([`plain_body_with`] finds none).
fn numeric_rows_body(lines: &[&Line], kinds: &[Kind], j: usize) -> Option<PlainTable> {
    let atoms = first_cell_after_header(body_atoms(lines, kinds, j, false));
    let head = atoms.iter().take_while(|a| !a.number).count();
    let (texts, rest) = atoms.split_at(head);
    let count = rest.iter().take_while(|a| a.number).count();
    let numbers = &rest[..count];
    let width = numeric_row_width(texts, numbers)?;
    if texts.is_empty() || !(2..=PLAIN_TABLE_MAX_COLUMNS).contains(&width) || count % width != 0 || count < 2 * width {
        return None;
    }
    if header_extent(texts, width) != Some(texts.len()) {
        return None;
    }
    let columns = header_names(&header_units(texts), width)?;
    let rows = numbers
        .chunks(width)
        .map(|row| {
            let cells = row
                .iter()
                .map(|a| {
                    let text = squeeze_cjk_spaces(a.text);
                    Cell { value: parse_number(&text), text, span: a.line.sub_span(a.text) }
                })
                .collect();
            Row { cells, total: false }
        })
        .collect();
    Some((columns, rows, numbers.last()?.at + 1, Vec::new()))
}

/// The atoms with the first row's first cell moved after the header when the tool printed it
/// inside the header (`pdftotext` of a Typst table: `年份` / `2014` / blank / `贸易额` / blank /
/// `中国出口` …, the first column's header and first cell stacked as one block, the other
/// header cells after it): a lone number atom between header texts, printed on the input line
/// right under the text before it, with no text on its line and a blank line before the text
/// after it. Any other stream is returned as it was.
fn first_cell_after_header<'l, 'a>(mut atoms: Vec<Atom<'l, 'a>>) -> Vec<Atom<'l, 'a>> {
    let head = atoms.iter().take_while(|a| !a.number).count();
    let more = atoms.iter().skip(head + 1).take_while(|a| !a.number).count();
    let (Some(before), Some(cell), Some(after)) =
        (head.checked_sub(1).and_then(|h| atoms.get(h)), atoms.get(head), atoms.get(head + 1))
    else {
        return atoms;
    };
    let next_line = |a: &Atom, b: &Atom| b.line.no == a.line.no + 1;
    let alone = |a: &Atom| atoms.iter().filter(|b| b.at == a.at).count() == 1;
    let stray = more > 0
        && alone(cell)
        && next_line(before, cell)
        && !next_line(cell, after)
        && atoms.get(head + 1 + more).is_some_and(|a| a.number);
    if stray {
        let cell = atoms.remove(head);
        atoms.insert(head + more, cell);
    }
    atoms
}

/// The number cells of a row of `groups`: the count most groups have (at least two).
fn row_numbers(groups: &[Group]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for g in groups.iter().filter(|g| (1..PLAIN_TABLE_MAX_COLUMNS).contains(&g.numbers.len())) {
        match counts.iter_mut().find(|(n, _)| *n == g.numbers.len()) {
            Some(c) => c.1 += 1,
            None => counts.push((g.numbers.len(), 1)),
        }
    }
    counts.into_iter().filter(|c| c.1 >= 2).max_by_key(|&(n, c)| (c, n)).map(|(n, _)| n)
}

/// How many text cells each row has after its `numbers` number cells (a text column right of
/// the number columns: `总理定期会晤 1996 政府首脑`), read from the groups: the second row
/// starts with `m + 1` texts (the first row's `m` trailing cells and its own text cell), every
/// later row with at least as many (its text cell may be wrapped), the group after the last row starts with `m` texts (a text cell
/// wrapped over lines is never followed by one), and the text before the first row names
/// `1 + numbers + m` columns, one atom left for the first row's text cell. 0 when the groups
/// do not read so.
fn trailing_texts(groups: &[Group], numbers: usize) -> usize {
    let rows = groups[1..].iter().take_while(|g| g.numbers.len() == numbers).count();
    let Some(m) = groups.get(1).map(|g| g.texts.len().saturating_sub(1)) else { return 0 };
    let first = &groups[0];
    // More texts are the row's own text cell wrapped over lines.
    let uniform = groups[1..=rows].iter().all(|g| g.texts.len() > m);
    let trailer = groups.get(rows + 1).is_some_and(|g| g.texts.len() >= m);
    let named = |width: usize| header_extent(&first.texts, width) == Some(first.texts.len().saturating_sub(1));
    if m == 0 || rows == 0 || !uniform || !trailer || first.numbers.len() != numbers {
        return 0;
    }
    if named(numbers + 1 + m) {
        m
    } else {
        0
    }
}

/// The groups with each row's `m` trailing text cells moved from the start of the group after
/// it to the end of its number atoms (as cells that hold no number).
fn move_trailing<'l, 'a>(groups: Vec<Group<'l, 'a>>, m: usize) -> Vec<Group<'l, 'a>> {
    let mut out: Vec<Group> = Vec::new();
    for mut g in groups {
        if let Some(prev) = out.last_mut() {
            let take = m.min(g.texts.len());
            prev.numbers.extend(g.texts.drain(..take));
        }
        if g.texts.is_empty() && g.numbers.is_empty() {
            continue;
        }
        out.push(g);
    }
    out
}

/// Rows whose text cells wrap, printed with all their numbers stacked (`pdftotext` of a
/// XeLaTeX table whose text cells are centred on their rows: `年度` / `2014` … / `中国对俄罗` /
/// the numbers of every row / `斯` / `俄罗斯对中` / `国`): the first group names `n` columns of
/// numbers, the next holds one short text and `r × n` numbers (`r ≥ 2`), and the last only short
/// texts. When the texts of the two last groups share evenly among the `r` rows (the first
/// row's first line not more than its share), each row takes its share in order and its `n`
/// numbers. Any other stream is returned as it was.
fn split_stacked_rows<'l, 'a>(mut groups: Vec<Group<'l, 'a>>) -> Vec<Group<'l, 'a>> {
    let [head, stacked, tail] = &groups[..] else {
        return groups;
    };
    let n = head.numbers.len();
    let short = |a: &Atom| !a.number && !a.inline && a.text.chars().count() <= WRAPPED_CELL_MAX_CHARS;
    let r = if n > 0 && stacked.numbers.len() % n == 0 { stacked.numbers.len() / n } else { 0 };
    let texts = stacked.texts.len() + tail.texts.len();
    let shared = r >= 2
        && tail.numbers.is_empty()
        && texts % r == 0
        && stacked.texts.len() <= texts / r
        && stacked.texts.iter().chain(&tail.texts).all(short);
    if !shared {
        return groups;
    }
    let share = texts / r;
    let (Some(tail), Some(stacked)) = (groups.pop(), groups.pop()) else {
        return groups;
    };
    let mut fragments = stacked.texts.into_iter().chain(tail.texts);
    let mut numbers = stacked.numbers.into_iter();
    for _ in 0..r {
        groups.push(Group {
            texts: fragments.by_ref().take(share).collect(),
            numbers: numbers.by_ref().take(n).collect(),
        });
    }
    groups
}

/// The atoms cut into groups: a run of texts and the run of numbers after it.
fn group_atoms<'l, 'a>(atoms: Vec<Atom<'l, 'a>>) -> Vec<Group<'l, 'a>> {
    let mut groups: Vec<Group> = vec![Group::default()];
    for a in atoms {
        match groups.last_mut() {
            Some(last) if a.number => last.numbers.push(a),
            Some(last) if last.numbers.is_empty() => last.texts.push(a),
            _ => groups.push(Group { texts: vec![a], numbers: Vec::new() }),
        }
    }
    groups
}

/// Rows whose numbers' thousands are set apart by single spaces (`原油 7 964 8 625 +8.3%`, a
/// row a line: XeLaTeX's digit grouping), their numbers cut at every space: such a row holds
/// more numbers than the other rows. The rows with no possible join ([`digit_join`]) give the
/// count (the most common); a row with more numbers has its possible joins made when there are
/// exactly as many as it has numbers too many, else it is left as it is.
fn join_digit_groups(groups: &mut [Group]) {
    let joins = |g: &Group| (1..g.numbers.len()).filter(|&i| digit_join(&g.numbers[i - 1], &g.numbers[i])).count();
    let mut counts: Vec<usize> =
        groups.iter().filter(|g| !g.numbers.is_empty() && joins(g) == 0).map(|g| g.numbers.len()).collect();
    counts.sort_unstable();
    let Some(target) = counts.chunk_by(|a, b| a == b).max_by_key(|c| c.len()).and_then(|c| c.first().copied()) else {
        return;
    };
    for g in groups.iter_mut() {
        let n = g.numbers.len();
        if n <= target || joins(g) != n - target {
            continue;
        }
        let mut joined: Vec<Atom> = Vec::with_capacity(target);
        for (i, a) in g.numbers.iter().enumerate() {
            match joined.last_mut() {
                Some(prev) if i > 0 && digit_join(&g.numbers[i - 1], a) => {
                    let start = prev.text.as_ptr() as usize - prev.line.text.as_ptr() as usize;
                    let end = a.text.as_ptr() as usize - a.line.text.as_ptr() as usize + a.text.len();
                    if let Some(text) = prev.line.text.get(start..end) {
                        prev.text = text;
                    }
                }
                _ => joined.push(*a),
            }
        }
        g.numbers = joined;
    }
}

/// Whether number atom `b` is a digit group of `a` before it: both on one line one space apart,
/// `a` one to three digits (after an optional sign) and `b` exactly three (maybe with decimals).
fn digit_join(a: &Atom, b: &Atom) -> bool {
    let offset = |t: &str| t.as_ptr() as usize - a.line.text.as_ptr() as usize;
    let head = a.text.strip_prefix(['-', '+', '−']).unwrap_or(a.text);
    let whole = b.text.split_once([',', '.']).map_or(b.text, |(w, d)| if d.is_empty() { "" } else { w });
    std::ptr::eq(a.line, b.line)
        && offset(b.text) == offset(a.text) + a.text.len() + 1
        && a.line.text.get(offset(a.text) + a.text.len()..offset(b.text)) == Some(" ")
        && (1..=3).contains(&head.len())
        && head.bytes().all(|c| c.is_ascii_digit())
        && whole.len() == 3
        && b.text.bytes().all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
}

/// Whether `text` holds a bracketed word (`出口量 (百万美元)`): a column name with its unit.
fn has_bracketed_word(text: &str) -> bool {
    text.split(is_space).any(is_bracketed)
}

/// A table whose first row's text cell and one column name the tool printed after the last
/// row (`pdftotext` of a XeLaTeX table whose first text cell wraps: `商品类别` / `占总出口量的比重`
/// / `与 2018 年比较` / `(%)` / `(%)` / `42619,3` / `69.8` / `0.8` / `木材及木制品` / … the last
/// row … / `矿物燃料、石油、石` / `出口量 (百万美元)` / `油产品`). Read so when the text before
/// the first numbers is all header naming one column fewer than a row has cells (no text is
/// left for the first row), every later group is a row (a text cell, as many numbers as the
/// first), and the texts after the last row are one column name (the one atom with a bracketed
/// unit) and short one-word lines, the first row's wrapped text cell. The name printed with the
/// first column's cell is taken for the column next to it, the first column of numbers.
fn late_header_body(lines: &[&Line], kinds: &[Kind], j: usize) -> Option<PlainTable> {
    let groups = group_atoms(body_atoms(lines, kinds, j, false));
    let numbers = row_numbers(&groups)?;
    let (first, rest) = groups.split_first()?;
    let (tail, rows) = rest.split_last()?;
    let plain = |a: &Atom| !a.inline && !a.piped && !a.number;
    let all_header = !first.texts.is_empty()
        && first.texts.iter().all(plain)
        && header_extent(&first.texts, numbers) == Some(first.texts.len());
    let rows_ok = !rows.is_empty() && rows.iter().all(|g| g.numbers.len() == numbers && !g.texts.is_empty());
    if !all_header || first.numbers.len() != numbers || !rows_ok || !tail.numbers.is_empty() {
        return None;
    }
    let named: Vec<usize> = (0..tail.texts.len()).filter(|&k| has_bracketed_word(tail.texts[k].text)).collect();
    let [name] = named[..] else { return None };
    let cell: Vec<Atom> = tail.texts.iter().enumerate().filter(|&(k, _)| k != name).map(|(_, a)| *a).collect();
    let fragment = |a: &Atom| plain(a) && at_most_chars(a.text, WRAPPED_CELL_MAX_CHARS) && !a.text.contains(is_space);
    if cell.is_empty() || !cell.iter().all(fragment) || !plain(&tail.texts[name]) {
        return None;
    }
    let mut columns = header_names(&header_units(&first.texts), numbers)?;
    columns.insert(1, squeeze_cjk_spaces(tail.texts[name].text));
    let mut out = vec![plain_row(joined_atoms(&cell)?, &first.numbers)];
    out.extend(
        rows.iter().map(|g| joined_atoms(&g.texts).map(|t| plain_row(t, &g.numbers))).collect::<Option<Vec<_>>>()?,
    );
    let end = tail.texts.last()?.at + 1;
    (2..=PLAIN_TABLE_MAX_COLUMNS).contains(&(numbers + 1)).then_some((columns, out, end, Vec::new()))
}

fn plain_body_with(lines: &[&Line], kinds: &[Kind], j: usize, trailing: bool) -> Option<PlainTable> {
    let mut groups = group_atoms(body_atoms(lines, kinds, j, trailing));
    join_digit_groups(&mut groups);
    groups = split_stacked_rows(groups);
    let mut numbers = row_numbers(&groups)?;
    let m = trailing_texts(&groups, numbers);
    if m > 0 {
        groups = move_trailing(groups, m);
        numbers += m;
    }
    let width = numbers + 1;
    let first = groups.first().filter(|g| g.numbers.len() == numbers && !g.texts.is_empty())?;
    // The header and the first row's text cell.
    let inline = first.texts.last().is_some_and(|a| a.inline);
    // Leading texts that name no column (furniture left in the text) are skipped.
    let mut skip = 0;
    let head_atoms = if inline {
        let n = first.texts.len() - 1;
        skip = (0..n).find(|&s| header_extent(&first.texts[s..n], width) == Some(n - s)).unwrap_or(0);
        (n > skip).then_some(n).filter(|_| header_extent(&first.texts[skip..n], width) == Some(n - skip))
    } else {
        a_name_a_line(&first.texts, width)
            .or_else(|| header_extent(&first.texts, width).filter(|&n| n < first.texts.len()))
    };
    let mut rows: Vec<Row> = Vec::new();
    let (columns, header_key) = match head_atoms {
        Some(n) => {
            let columns = header_names(&header_units(&first.texts[skip..n]), width)?;
            rows.push(plain_row(joined_atoms(&first.texts[n..])?, &first.numbers));
            (columns, key_of(&first.texts[skip..n]))
        }
        None => {
            let (name, _) = joined_atoms(&first.texts)?;
            let mut columns = vec![name];
            columns.extend(first.numbers.iter().map(|a| squeeze_cjk_spaces(a.text)));
            (columns, key_of(&first.texts) + &key_of(&first.numbers))
        }
    };
    let mut repeats: Vec<Span> = Vec::new();
    // The row above, when it is a data row (the header row is never continued).
    let mut last: Option<Atom> = head_atoms.and(first.texts.last().copied());
    let mut last_inline = inline;
    let mut end = first.numbers.last()?.at + 1;
    for g in &groups[1..] {
        let mut texts: &[Atom] = &g.texts;
        // The header printed again: its text, with its numbers when it is a row of numbers.
        if head_atoms.is_none() && key_of(texts) + &key_of(&g.numbers) == header_key {
            if let Some((_, span)) = joined_atoms(texts) {
                repeats.push(span.join(g.numbers.last().map_or(span, |a| a.line.span())));
            }
            end = g.numbers.last().map_or(end, |a| a.at + 1);
            continue;
        }
        if let Some(m) = (1..texts.len()).find(|&m| key_of(&texts[..m]) == header_key) {
            if let Some((_, span)) = joined_atoms(&texts[..m]) {
                repeats.push(span);
            }
            texts = &texts[m..];
        }
        // Lines under a row printed a line each that continue its text cell, before a row
        // printed a line too (or the end).
        let own_line = g.numbers.is_empty() || texts.last().is_some_and(|a| a.inline);
        let cont = match (last_inline && own_line, last) {
            (true, Some(prev)) => {
                let mut n = 0;
                let mut p = prev;
                while n < texts.len() && is_wrapped_cell(&texts[n], &p) {
                    p = texts[n];
                    n += 1;
                }
                n
            }
            _ => 0,
        };
        let is_row = g.numbers.len() == numbers && cont < texts.len();
        if cont > 0 {
            if let (Some(row), Some((more, span))) = (rows.last_mut(), joined_atoms(&texts[..cont])) {
                if let Some(cell) = row.cells.first_mut() {
                    join_wrapped(&mut cell.text, &more);
                    cell.value = parse_number(&cell.text);
                    cell.span = cell.span.join(span);
                }
                end = texts[cont - 1].at + 1;
            }
        }
        if !is_row {
            break;
        }
        let texts = &texts[cont..];
        rows.push(plain_row(joined_atoms(texts)?, &g.numbers));
        last = texts.last().copied();
        last_inline = last.is_some_and(|a| a.inline);
        // A row's text may end below its numbers (rows split by `split_stacked_rows`).
        end = (g.numbers.last()?.at + 1).max(texts.last().map_or(0, |a| a.at + 1));
    }
    if rows.len() < 2 || !(2..=PLAIN_TABLE_MAX_COLUMNS).contains(&width) {
        return None;
    }
    Some((columns, rows, end, repeats))
}

/// The columns and rows of a space-aligned table whose header is line `j` (rows marked
/// [`Kind::AlignedRow`]); returns them with the index after the table. Cells are cut at the
/// column boundaries of the whole block ([`aligned::cells`]), so an empty cell stays in its
/// column. A header line over a continuation that starts with an empty cell is joined into the
/// column names (a group line whose names span sub-columns spreads them over the sub-columns);
/// a header printed again after a page break is dropped; a line printed right under a row that
/// only continues its text cells (a wrapped cell) is joined into them.
fn aligned_body(
    lines: &[&Line],
    kinds: &[Kind],
    j: usize,
    label: &str,
    span: &mut Span,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<String>, Vec<Row>, usize) {
    let run = kinds[j..].iter().take_while(|k| **k == Kind::AlignedRow).count();
    if let Some(r) = repeated_header_at(&lines[j..j + run]).map(|r| j + r) {
        // Each page sets its own columns: read each page's part with its own layout.
        let (columns, mut rows, end) = aligned_body(&lines[..r], &kinds[..r], j, label, span, diags);
        let mut more = Vec::new();
        let (again, next_rows, next_end) = aligned_body(lines, kinds, r, label, span, &mut more);
        if end == r && !columns.is_empty() && again == columns {
            diags.push(Diagnostic::new(
                DiagnosticCode::TableHeaderRepeated,
                format!("the header of table {label} is printed again (a page break); it is not a row"),
                Some(lines[r].span()),
            ));
            diags.extend(more);
            rows.extend(next_rows);
            return (columns, rows, next_end);
        }
    }
    let Some(layout) = aligned::detect(&lines[j..j + run]) else { return (Vec::new(), Vec::new(), j) };
    let end = j + layout.lines.min(run);
    let squeezed =
        |l: &Line| -> Vec<String> { aligned::cells(l.text, &layout).into_iter().map(squeeze_cjk_spaces).collect() };
    let mut header = vec![squeezed(lines[j])];
    *span = span.join(lines[j].span());
    let mut k = j + 1;
    if k + 1 < end {
        let cont = squeezed(lines[k]);
        if is_header_continuation(&cont) {
            *span = span.join(lines[k].span());
            header.push(cont);
            k += 1;
        }
    }
    // Names in the columns after the first.
    let filled = |cells: &[String]| cells.iter().skip(1).filter(|c| !c.is_empty()).count();
    let columns = match header.get(1) {
        Some(cont) if aligned::spans_columns(lines[j].text, &layout) && is_units_line(cont) => {
            spanning_header_names(lines[j].text, cont, layout.columns.len())
                .unwrap_or_else(|| header_columns(&header[0], Some(cont)))
        }
        Some(cont)
            if aligned::spans_columns(lines[j].text, &layout)
                || (filled(&header[0]) < filled(cont) && filled(cont) + 1 == cont.len()) =>
        {
            // A group line over sub-columns: its names as printed, after the (possibly empty)
            // first column, spread evenly over the sub-columns; when they cannot be, each name
            // stays over the column it is printed in.
            let mut head: Vec<String> = Vec::new();
            if header[0].first().is_none_or(String::is_empty) {
                head.push(String::new());
            }
            head.extend(aligned::header_pieces(lines[j].text, &layout).into_iter().map(squeeze_cjk_spaces));
            let (groups, subs) = (head.len().saturating_sub(1), cont.len().saturating_sub(1));
            if groups > 0 && subs > groups && subs % groups == 0 {
                header_columns(&head, Some(cont))
            } else {
                header_columns(&header[0], Some(cont))
            }
        }
        cont => header_columns(&header[0], cont.map(Vec::as_slice)),
    };
    let mut rows: Vec<Row> = Vec::new();
    while k < end {
        let line = lines[k];
        *span = span.join(line.span());
        let texts = squeezed(line);
        if texts == header[0] {
            let mut repeat = line.span();
            if let (Some(cont), Some(next)) = (header.get(1), lines.get(k + 1)) {
                if k + 1 < end && &squeezed(next) == cont {
                    repeat = repeat.join(next.span());
                    *span = span.join(next.span());
                    k += 1;
                }
            }
            diags.push(Diagnostic::new(
                DiagnosticCode::TableHeaderRepeated,
                format!("the header of table {label} is printed again (a page break); it is not a row"),
                Some(repeat),
            ));
            k += 1;
            continue;
        }
        let raw = aligned::cells(line.text, &layout);
        let wrapped = k > j && line.no == lines[k - 1].no + 1;
        match rows.last_mut() {
            Some(prev) if wrapped && continues_cells(&texts, prev) => {
                for ((cell, text), part) in prev.cells.iter_mut().zip(&texts).zip(&raw) {
                    if !text.is_empty() {
                        join_wrapped(&mut cell.text, text);
                        cell.value = parse_number(&cell.text);
                        cell.span = cell.span.join(line.sub_span(part));
                    }
                }
            }
            _ => {
                let total = texts.first().is_some_and(|c| is_total(c));
                let cells = raw
                    .into_iter()
                    .zip(texts)
                    .map(|(part, text)| Cell { value: parse_number(&text), text, span: line.sub_span(part) })
                    .collect();
                rows.push(Row { cells, total });
            }
        }
        k += 1;
    }
    (columns, rows, end)
}

/// Whether a header continuation holds only bracketed units (`（%）`), one or more.
fn is_units_line(cells: &[String]) -> bool {
    cells.iter().any(|c| !c.is_empty()) && cells.iter().all(|c| c.is_empty() || is_bracketed(c))
}

/// The column names of a space-aligned header line whose names run into one another across
/// the gutters (`pdftotext -layout` of letter-spaced cells one space apart: `出口量（百万美元）
/// 占 总 出 口 量 份 额 与 2018 年 相 比`) over a line of units (`（%）  （%）`): its words read
/// as an unaligned header's are ([`letter_spaced_words`], [`header_names`]), `width` names.
fn spanning_header_names(header: &str, units: &[String], width: usize) -> Option<Vec<String>> {
    let under: Vec<&str> = units.iter().map(String::as_str).filter(|u| !u.is_empty()).collect();
    header_names(&[letter_spaced_words(header), under], width)
}

/// Where the first line of `run` (a space-aligned header) is printed again with its columns
/// set differently (after a page break, `pdftotext -layout` sets each page's columns anew):
/// the index of the first later line whose pieces (cut at runs of two or more spaces) are the
/// header's, not placed as the header is (a repeat placed the same is read as one).
fn repeated_header_at(run: &[&Line]) -> Option<usize> {
    let pieces = |t: &str| -> Vec<String> {
        t.split("  ").map(trim).filter(|p| !p.is_empty()).map(squeeze_cjk_spaces).collect()
    };
    let header = pieces(run.first()?.text);
    if header.len() < 2 {
        return None;
    }
    let first = run[0].text.trim_end();
    (1..run.len()).find(|&k| run[k].text.trim_end() != first && pieces(run[k].text) == header)
}

/// A line that continues the text cells of the row above (a cell wrapped over two lines): no
/// number, every filled cell under a filled text cell, and some cell of the row above left empty.
fn continues_cells(texts: &[String], prev: &Row) -> bool {
    let under_text =
        texts.iter().zip(&prev.cells).all(|(t, c)| t.is_empty() || (!c.text.is_empty() && c.value.is_none()));
    let leaves_empty = texts.iter().zip(&prev.cells).any(|(t, c)| t.is_empty() && !c.text.is_empty());
    texts.len() == prev.cells.len()
        && texts.iter().all(|t| parse_number(t).is_none())
        && texts.iter().any(|t| !t.is_empty())
        && under_text
        && leaves_empty
}

/// The most lines of chart text (ticks, labels, legend) read between a figure's caption and its note.
const FIGURE_ART_MAX_LINES: usize = 40;
/// The longest line read as chart text.
const FIGURE_ART_MAX_CHARS: usize = 40;

/// A line of a chart printed as text: a tick value, an axis label, a legend, a row of years;
/// short, and never a sentence or a clause.
fn is_figure_art(text: &str, kind: Kind) -> bool {
    let t = trim(text);
    matches!(kind, Kind::Text | Kind::TabRow | Kind::Bullet | Kind::AlignedRow)
        && at_most_chars(t, FIGURE_ART_MAX_CHARS)
        && !t.contains(['。', '！', '？', '；'])
        && !t.ends_with(['，', '、', ',', ';'])
}

fn parse_figure(lines: &[&Line], kinds: &[Kind], i: usize, margin: Margin) -> (Figure, usize) {
    let (label, number, rest, c) = caption_line(lines, i, '图').unwrap_or(("", 0, "", i));
    let (caption, unit, mut j, mut span) = caption_parts(rest, lines, c);
    span = span.join(lines[i].span());
    let mut source_note = None;
    // The chart printed as text (tick values, axis labels, a legend) between the caption and
    // the note: part of the figure when a note follows it.
    let art = lines[j.min(lines.len())..]
        .iter()
        .zip(&kinds[j.min(lines.len())..])
        .take(FIGURE_ART_MAX_LINES)
        .take_while(|(l, k)| is_figure_art(l.text, **k))
        .count();
    if art > 0 && kinds.get(j + art) == Some(&Kind::SourceNote) {
        span = span.join(lines[j + art - 1].span());
        j += art;
    }
    if j < lines.len() && kinds[j] == Kind::SourceNote {
        let t = matches(scan_source_note, lines[j].text).unwrap_or("");
        let (text, s, next) = note_with_continuations(lines, kinds, j, t, margin);
        source_note = Some(text);
        span = span.join(s);
        j = next;
    }
    let figure = Figure {
        id: String::new(),
        label: label.trim_end_matches(['.', '．']).to_string(),
        number,
        caption,
        unit,
        source_note,
        page: None,
        span,
    };
    (figure, j)
}

/// Read a table cell as a number: `42619,3` → 42619.3 (comma decimal), `1,234,567` (grouped
/// thousands), `-8.8`, `+64.9%`, `−3`. Returns None for text cells.
pub fn parse_number(cell: &str) -> Option<f64> {
    let t: String = trim(cell)
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '−' | '–' | '－' | '\u{2010}' | '\u{2011}' => '-',
            '＋' => '+',
            '，' => ',',
            '．' => '.',
            '％' => '%',
            _ => c,
        })
        .collect();
    let t = t.strip_suffix('%').unwrap_or(&t).trim();
    let (sign, body) = match t.chars().next()? {
        '-' => (-1.0, &t[1..]),
        '+' => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    let body = body.trim();
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == ' ') {
        return None;
    }
    if !body.starts_with(|c: char| c.is_ascii_digit()) || !body.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let normalized: String = if commas == 0 {
        body.replace(' ', "")
    } else if dots == 0 && commas == 1 {
        // Comma decimal, as printed in the Russian-sourced tables (`42619,3`).
        body.replace(' ', "").replace(',', ".")
    } else {
        // Grouped thousands: every group after a comma has three digits.
        let int_part = body.split('.').next().unwrap_or("");
        let groups: Vec<&str> = int_part.split(',').collect();
        if groups.iter().skip(1).all(|g| g.len() == 3) && dots <= 1 {
            body.replace([',', ' '], "")
        } else {
            return None;
        }
    };
    if normalized.matches('.').count() > 1 {
        return None;
    }
    normalized.parse::<f64>().ok().map(|v| sign * v)
}

#[cfg(test)]
mod tests {
    /// Header cells wrapped inside their bracket, every cell's first line before every second
    /// line (`pdftotext` of XeLaTeX): the pieces pair up by bracket balance, one name a column.
    #[test]
    fn names_wrapped_inside_their_bracket_are_mended() {
        let units = vec![
            vec!["年份"],
            vec!["贸易额", "(百万"],
            vec!["中国出口", "(百"],
            vec!["增速", "(%)"],
            vec!["美元)"],
            vec!["万美元)"],
        ];
        assert_eq!(
            super::header_names(&units, 4).expect("four names"),
            ["年份", "贸易额 (百万美元)", "中国出口 (百万美元)", "增速 (%)"]
        );
    }

    /// A pipe row whose only cell is a table caption (markitdown); not a row of two cells.
    #[test]
    fn a_caption_in_a_pipe_row() {
        use super::piped_caption;
        assert_eq!(piped_caption("|    |   | 表1 2018—2022年中俄贸易额 |   |    |"), Some("表1 2018—2022年中俄贸易额"));
        assert_eq!(piped_caption("| 表1 贸易额 | 2018 |"), None);
        assert_eq!(piped_caption("| 表示 |  |"), None);
        assert_eq!(piped_caption("表1 2018—2022年中俄贸易额"), None);
    }

    /// A number glues to the CJK word after it when it is a number or follows CJK text (`2018`
    /// + `年相比`, `与2018` + `年相比`), not when it ends a Latin name (`COVID-19` + `疫情`).
    #[test]
    fn only_a_number_glues_to_the_cjk_word_after_it() {
        use super::{ends_with_cjk_number, glue};
        assert_eq!(glue("与2018", "年相比"), 3);
        assert_eq!(glue("出口量 2018", "年相比"), 3);
        assert_eq!(glue("2018", "年"), 3);
        assert_eq!(glue("COVID-19", "疫情"), 0);
        assert_eq!(glue("G20", "峰会"), 0);
        assert!(ends_with_cjk_number("与2018"));
        assert!(ends_with_cjk_number("2018"));
        assert!(!ends_with_cjk_number("COVID-19"));
        assert!(!ends_with_cjk_number("年"));
    }

    /// A header whose last name holds a number between spaced CJK words (`与 2018 年比较(%)`):
    /// the number stays glued to the word before it once the words after it are joined.
    /// Units printed a line each after a header printed a name a line (`pdftotext` of XeLaTeX:
    /// `占总出口量份额` / `与 2018 年相比` / `（%）` / `（%）`): one under each of the last names.
    #[test]
    fn bracketed_units_a_line_each_go_under_the_last_names_one_each() {
        let units = vec![
            vec!["商品类别"],
            vec!["出口量（百万美元）"],
            vec!["占总出口量份额"],
            vec!["与", "2018", "年相比"],
            vec!["（%）"],
            vec!["（%）"],
        ];
        assert_eq!(
            super::header_names(&units, 4).expect("four names"),
            ["商品类别", "出口量（百万美元）", "占总出口量份额（%）", "与 2018 年相比（%）"]
        );
        // One unit line goes under the last name.
        let units = vec![vec!["类别"], vec!["出口量"], vec!["增长"], vec!["(%)"]];
        assert_eq!(super::header_names(&units, 3).expect("three names"), ["类别", "出口量", "增长 (%)"]);
    }

    /// A wrapped header cell Typst justified (`占 总 出 口 量 份 额`) is one word; a character
    /// before a number starts the next (`与 2018 年 相 比`); units a line each, more of them than
    /// lines of names, go under the last names without a bracket.
    #[test]
    fn letter_spaced_header_cells_are_one_word_each() {
        assert_eq!(
            super::letter_spaced_words("出口量（百万美元） 占 总 出 口 量 份 额 与 2018 年 相 比"),
            ["出口量（百万美元）", "占 总 出 口 量 份 额", "与", "2018", "年 相 比"]
        );
        assert_eq!(
            super::letter_spaced_words("出口量（百万美元）占总出口量份额"),
            ["出口量（百万美元）", "占总出口量份额"]
        );
        assert_eq!(super::letter_spaced_words("（%）"), ["（%）"]);
        // Two single characters are no letter-spacing; punctuation never is.
        assert_eq!(super::letter_spaced_words("与 2018 年 比较"), ["与", "2018", "年", "比较"]);
        assert_eq!(super::letter_spaced_words("。 。 。"), ["。", "。", "。"]);
        let units = vec![
            vec!["商品类别"],
            super::letter_spaced_words("出口量（百万美元） 占 总 出 口 量 份 额 与 2018 年 相 比"),
            vec!["（%）"],
            vec!["（%）"],
        ];
        assert_eq!(
            super::header_names(&units, 4).expect("four names"),
            ["商品类别", "出口量（百万美元）", "占总出口量份额（%）", "与 2018 年相比（%）"]
        );
        // A name wrapped before its unit (pdftotext -raw).
        let units = vec![
            vec!["商品类别", "出口量"],
            super::letter_spaced_words("（百万美元） 占 总 出 口 量 份 额"),
            vec!["（%）"],
            super::letter_spaced_words("与 2018 年 相 比"),
            vec!["（%）"],
        ];
        assert_eq!(
            super::header_names(&units, 4).expect("four names"),
            ["商品类别", "出口量（百万美元）", "占总出口量份额（%）", "与 2018 年相比（%）"]
        );
        // The units on one line under a line of more words than names (pdfplumber).
        let units = vec![
            super::letter_spaced_words("商品类别 出口量（百万美元） 占总出口量份额 与 2018 年 相 比"),
            vec!["（%）", "（%）"],
        ];
        assert_eq!(
            super::header_names(&units, 4).expect("four names"),
            ["商品类别", "出口量（百万美元）", "占总出口量份额（%）", "与 2018 年相比（%）"]
        );
    }

    /// pdfplumber prints a narrow cell's wrapped lines with a space for each break: a line of
    /// spaced CJK words goes on with a cell printed so, never with a cell of one word.
    #[test]
    fn spaced_cjk_words_continue_a_cell_printed_so() {
        assert!(super::is_spaced_cjk("的入境 旅行次数"));
        assert!(super::is_spaced_cjk("从中国到俄 罗斯"));
        assert!(!super::is_spaced_cjk("旅行次数"));
        assert!(!super::is_spaced_cjk("与 2018 年"));
        assert!(!super::is_spaced_cjk("Anex Tour"));
    }

    /// A `pdftotext -layout` header line whose letter-spaced names bridge the gutters, over a
    /// line of units: read as an unaligned header, one name a column, the units under the last.
    #[test]
    fn a_spanning_header_over_units_names_each_column() {
        let units = ["".to_string(), "（%）".to_string(), String::new(), "（%）".to_string()];
        assert!(super::is_units_line(&units));
        assert!(!super::is_units_line(&["".to_string(), "22614".to_string()]));
        assert_eq!(
            super::spanning_header_names(
                "  商品类别   出口量（百万美元） 占 总 出 口 量 份 额 与 2018 年 相 比",
                &units,
                4
            )
            .expect("four names"),
            ["商品类别", "出口量（百万美元）", "占总出口量份额（%）", "与 2018 年相比（%）"]
        );
    }

    #[test]
    fn header_names_keep_a_spaced_number_inside_its_name() {
        let units = vec![vec!["商品类别", "出口量(百万美元)", "占总出口量的比重", "(%)", "与", "2018", "年比较(%)"]];
        assert_eq!(
            super::header_names(&units, 4).expect("four names"),
            ["商品类别", "出口量(百万美元)", "占总出口量的比重 (%)", "与 2018 年比较(%)"]
                .map(super::squeeze_cjk_spaces)
        );
    }

    use super::*;
    use crate::parse::lex::split_lines;

    /// Paragraphs of CJK characters only, justified at 20 characters, first lines indented two
    /// characters with the indent dropped (as `pdftotext` prints them).
    fn indented_text() -> String {
        let (full, first) = ("国".repeat(20), "国".repeat(18));
        let ended = format!("{}。", "国".repeat(19));
        let first_ended = format!("{}。", "国".repeat(17));
        [&first, &full, &full, &full, &ended, &first, "短句。", &first_ended, "接着一句。", &first, "家国。"].join("\n")
    }

    #[test]
    fn an_indented_first_line_starts_a_paragraph_under_a_sentence_ending_at_the_margin() {
        let text = indented_text();
        let lines = split_lines(&text);
        let region = Region::of(&lines, None);
        assert_eq!(region.wide_full, Some(40));
        let starts: Vec<usize> = (0..region.nonblank.len()).filter(|&i| region.starts_indented(i)).collect();
        // Line 0 has no line above; lines 5 and 9 are first lines under a paragraph's end.
        assert_eq!(starts, [0, 5, 9]);
        assert!(region.fills_first_line(7) && !region.fills_first_line(6) && !region.fills_first_line(1));
        let (blocks, _) = parse_blocks(&lines);
        let firsts: Vec<(u32, u32)> = blocks.iter().map(|b| (b.span().line_start, b.span().line_end)).collect();
        assert_eq!(firsts, [(1, 5), (6, 7), (8, 9), (10, 11)]);
    }

    /// pdfminer prints a paragraph's indented first line as a box of its own, a blank line
    /// after it: the line it wraps into may come after that blank line.
    #[test]
    fn an_indented_first_line_printed_as_a_box_of_its_own_starts_a_paragraph() {
        let (full, first) = ("国".repeat(20), "国".repeat(18));
        let ended = format!("{}。", "国".repeat(19));
        let text = [&full, &full, &full, &ended, &first, "", &full, "国。"].join("\n");
        let lines = split_lines(&text);
        let region = Region::of(&lines, None);
        assert_eq!(region.wide_full, Some(40));
        assert!(region.starts_indented(4));
        let (blocks, _) = parse_blocks(&lines);
        let spans: Vec<(u32, u32)> = blocks.iter().map(|b| (b.span().line_start, b.span().line_end)).collect();
        assert_eq!(spans.first(), Some(&(1, 4)));
    }

    #[test]
    fn a_first_line_with_numbers_is_measured_with_its_digits_and_spaces_narrow() {
        // 10 wide characters, 9 digits, 2 dashes and 4 spaces: 20 + 9 + 4 + 2 columns.
        assert_eq!(wide_and_digits_width("2024 年 3 月 12—19 日，国—国国国国国"), Some(35));
        assert_eq!(wide_and_digits_width("国国国国"), Some(8));
        assert_eq!(wide_and_digits_width("国国 ab 国国"), None);
        assert_eq!(wide_and_digits_width("2024"), None);
        // A paragraph ending at the margin, then a first line with numbers two characters short
        // of a full line (its spaces printed narrower than the dump's), then its next line.
        let full = "国".repeat(20);
        let ended = format!("{}。", "国".repeat(19));
        let first = format!("2024 年 3 月 12 日，{}", "国".repeat(9));
        let text = [&full, &full, &full, &ended, &first, &full, "国。"].join("\n");
        let lines = split_lines(&text);
        let region = Region::of(&lines, None);
        assert_eq!(region.wide_full, Some(40));
        assert!(region.starts_indented(4) && !region.starts_indented(5));
        let (blocks, _) = parse_blocks(&lines);
        let spans: Vec<(u32, u32)> = blocks.iter().map(|b| (b.span().line_start, b.span().line_end)).collect();
        assert_eq!(spans, [(1, 4), (5, 7)]);
    }

    #[test]
    fn a_first_line_is_known_by_a_number_under_it_that_would_have_fitted_a_full_line() {
        assert_eq!(leading_number_width("840.7 亿美元"), Some(5));
        assert_eq!(leading_number_width("亿美元"), None);
        let full = "国".repeat(20);
        let ended = format!("{}。", "国".repeat(19));
        // Four characters short of a full line: 840.7 (five columns and a space) would have
        // fitted a full line, not the indented first line's room. Two characters short (a
        // wrapped line's room, too small for it): no first line.
        let first = format!("{}，2017 年国国", "国".repeat(11));
        let text = [&full, &full, &full, &ended, &first, "840.7 亿美元。", "国国。"].join("\n");
        let lines = split_lines(&text);
        let region = Region::of(&lines, None);
        assert_eq!(region.wide_full, Some(40));
        assert!(region.starts_indented(4));
        let wider = format!("{}，2017 年国国", "国".repeat(13));
        let text = [&full, &full, &full, &ended, &wider, "840.7 亿美元。", "国国。"].join("\n");
        let lines = split_lines(&text);
        let region = Region::of(&lines, None);
        assert!(!region.starts_indented(4));
    }

    #[test]
    fn a_line_with_latin_text_or_a_short_room_is_no_indented_first_line() {
        let full = "国".repeat(20);
        // Two characters short but followed by a number, which may not have fitted; one
        // character short (a line breaker's room); Latin text, whose printed width is unknown.
        let text = [
            &full,
            &full,
            &full,
            &"国".repeat(18),
            "2021 年。",
            &"国".repeat(19),
            "国。",
            "国国 ab 国国国国国国国国国国国国国国",
            "国。",
        ]
        .join("\n");
        let lines = split_lines(&text);
        let region = Region::of(&lines, None);
        assert_eq!(region.wide_full, Some(40));
        assert!((3..region.nonblank.len()).all(|i| !region.starts_indented(i)));
    }

    #[test]
    fn a_wrapped_line_a_character_short_of_a_full_line_ends_its_paragraph() {
        let full = "国".repeat(20);
        let short = format!("{}。", "国".repeat(18));
        let spans = |text: &str| -> Vec<(u32, u32)> {
            let (blocks, _) = parse_blocks(&split_lines(text));
            blocks.iter().map(|b| (b.span().line_start, b.span().line_end)).collect()
        };
        // A wrapped line one character short: the ideograph under it would have fitted.
        let text = [&full, &full, &full, &short, "表 1 汇总了。"].join("\n");
        assert_eq!(spans(&text), [(1, 4), (5, 5)]);
        // The ideograph under it goes down with the comma after it; a number may not have fitted.
        for next in ["家、国国。", "2021 年。", "“国”。"] {
            let text = [&full, &full, &full, &short, next].join("\n");
            assert_eq!(spans(&text), [(1, 5)], "{next}");
        }
        // A first line of a paragraph, whose indent is not known, goes on.
        let text = [&full, &full, "国国。", &short, "国国。"].join("\n");
        assert_eq!(spans(&text), [(1, 3), (4, 5)]);
        assert!(fits_one_wide_room("国国") && !fits_one_wide_room("国。") && !fits_one_wide_room("《国》"));
    }

    #[test]
    fn an_item_number_alone_on_its_line_numbers_the_text_under_it() {
        assert_eq!(bare_item_number("6."), Some(6));
        assert_eq!(bare_item_number(" 12、 "), Some(12));
        assert_eq!((bare_item_number("6"), bare_item_number("2.35"), bare_item_number("1234.")), (None, None, None));
        let text = "5. 扩大本币结算，提供金融工\n具。\n6.\n\n在能源领域，应拓展合\n\n作。\n7. 鼓励投资。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        let Some(Block::List { items, .. }) = blocks.first() else { panic!("{blocks:?}") };
        let got: Vec<(Option<u32>, &str)> = items.iter().map(|it| (it.number, it.text.as_str())).collect();
        assert_eq!(
            got,
            [(Some(5), "扩大本币结算，提供金融工具。"), (Some(6), "在能源领域，应拓展合作。"), (Some(7), "鼓励投资。")]
        );
        // A bare number that continues no numbering stays text.
        let (blocks, _) = parse_blocks(&split_lines("3.\n正文一句。"));
        assert!(!blocks.iter().any(|b| matches!(b, Block::List { .. })), "{blocks:?}");
    }

    #[test]
    fn rows_printed_with_their_numbers_stacked_take_their_wrapped_texts_in_order() {
        let text = "表 1 测试（单位：亿美元）\n年度\n2014\n2015\n中国对俄\n1.5\n2.5\n3.5\n4.5\n罗斯\n俄罗斯\n对中国\n（信息来源）某统计。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        let Some(Block::Table(t)) = blocks.first() else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["年度", "2014", "2015"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [["中国对俄罗斯", "1.5", "2.5"], ["俄罗斯对中国", "3.5", "4.5"]]);
        // The second row's text, printed under all the numbers, reaches up to its own.
        assert_eq!((t.rows[1].cells[0].span.line_start, t.rows[1].cells[0].span.line_end), (8, 12));
        // Texts that do not share evenly among the rows: not read so.
        let uneven = text.replace("对中国\n", "");
        let (blocks, _) = parse_blocks(&split_lines(&uneven));
        assert!(!matches!(blocks.first(), Some(Block::Table(t)) if t.rows.len() == 2), "{blocks:?}");
    }

    #[test]
    fn markers_printed_after_the_text_make_its_paragraphs_a_list() {
        let text = "这是导言的一句相当长的话，说明下文。\n第一项。\n第二项的内容较长。\n• \n• \n后文。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        match &blocks[1] {
            Block::List { items, span, .. } => {
                let texts: Vec<&str> = items.iter().map(|it| it.text.as_str()).collect();
                assert_eq!(texts, ["第一项。", "第二项的内容较长。"]);
                assert_eq!((span.line_start, span.line_end), (2, 5));
            }
            other => panic!("not a list: {other:?}"),
        }
        // Markers alone on their lines (`pdftotext -raw`), read as subheadings or paragraphs.
        let (blocks, _) = parse_blocks(&split_lines("第一项。\n第二项的内容较长。\n•\n•"));
        assert!(matches!(&blocks[..], [Block::List { items, .. }] if items.len() == 2), "{blocks:?}");
        // Fewer paragraphs than markers, or a single marker: left as printed.
        let (blocks, _) = parse_blocks(&split_lines("第一项。\n•\n•"));
        assert!(!blocks
            .iter()
            .any(|b| matches!(b, Block::List { items, .. } if !items.is_empty() && !items[0].text.is_empty())));
        let (blocks, _) = parse_blocks(&split_lines("第一项。\n第二项的内容较长。\n•"));
        assert_eq!(blocks.len(), 3, "{blocks:?}");
    }

    #[test]
    fn display_width_counts_each_character_as_is_cjk_says() {
        let slow = |t: &str| t.chars().map(|c| if lex::is_cjk(c) { 2 } else { 1 }).sum::<usize>();
        // Every lead byte range: ASCII, Latin and Cyrillic, the CJK blocks and their edges,
        // punctuation counted as CJK, full-width forms, emoji and CJK extension B.
        let samples = [
            "",
            "a",
            "Abc 12",
            "é",
            "Ж",
            "中俄关系",
            "\u{2E7F}\u{2E80}\u{2FFF}\u{3000}\u{303F}\u{3040}",
            "\u{30FF}\u{3100}\u{33FF}\u{3400}\u{4DBF}\u{4DC0}\u{4DFF}\u{4E00}\u{4FFF}\u{5000}\u{9FFF}",
            "\u{A000}\u{F8FF}\u{F900}\u{FAFF}\u{FE2F}\u{FE30}\u{FE4F}\u{FE50}\u{FF00}\u{FFEF}\u{FFF0}",
            "“”‘’—…·–",
            "😀\u{20000}\u{2FFFF}\u{30000}",
            "２０２０年（１）",
            "mixed 中文 text，标点。",
        ];
        for t in samples {
            assert_eq!(display_width(t), slow(t), "{t:?}");
        }
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(display_width(&s), slow(&s), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn edges_are_the_right_edges_with_and_without_indentation() {
        for text in [
            "",
            "   ",
            "\u{3000}\u{3000}",
            "中俄关系",
            "  中俄 关系  ",
            "\u{3000}\u{3000}中俄关系。\u{3000}",
            "\t- item 1\t",
            "\u{a0}ab\u{3000}",
            "\u{c}第一章 总论",
        ] {
            assert_eq!(edges(text), (right_edge(text), right_edge(trim(text))), "{text:?}");
        }
        assert_eq!(edges("\u{3000}\u{3000}中俄 a"), (4 + 4 + 1 + 1, 4 + 1 + 1));
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("42619,3"), Some(42619.3));
        assert_eq!(parse_number("-8.8"), Some(-8.8));
        assert_eq!(parse_number("+64.9%"), Some(64.9));
        assert_eq!(parse_number("2"), Some(2.0));
        assert_eq!(parse_number("1,234,567"), Some(1234567.0));
        assert_eq!(parse_number("41.893"), Some(41.893));
        assert_eq!(parse_number("机械和设备"), None);
        assert_eq!(parse_number("2019 年"), None);
        assert_eq!(parse_number("1.2.3"), None);
        assert_eq!(parse_number("-"), None);
    }

    #[test]
    fn wrapped_paragraph_is_joined() {
        let text = "中美贸易战加大了俄罗斯增加对中国某些种类农产品供应的可能性，它们建立了完整的\n\n生产链—从生产到向中国供应成品。\n\n人文领域\n\n美国因素对中俄人文合作不会产生重大影响。";
        let lines = split_lines(text);
        let (blocks, _) = parse_blocks(&lines);
        assert_eq!(blocks.len(), 3);
        match &blocks[0] {
            Block::Paragraph { text, span, .. } => {
                assert!(text.contains("完整的生产链"));
                assert_eq!((span.line_start, span.line_end), (1, 3));
            }
            b => panic!("{b:?}"),
        }
        assert!(matches!(&blocks[1], Block::Subheading { text, .. } if text == "人文领域"));
    }

    #[test]
    fn a_sentence_ending_at_the_margin_goes_on_in_the_next_line() {
        let wrapped = "俄罗斯学者认为，美俄关系在 2017 年没有出现许多人预期的改善，反而因为新\n\
                       的制裁法案而进一步恶化。俄罗斯与西方关系的长期对抗已成定局，中国学者更\n\
                       加关注中美关系的走向，他们指出美国的《国家安全战略》把中俄定义为对手。\n\
                       这将对两国的对外环境产生长期的影响，并使中俄关系面临新的外部压力，双\n\
                       方需要认真应对。\n\n第二段。";
        let lines = split_lines(wrapped);
        let (blocks, _) = parse_blocks(&lines);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert!(matches!(&blocks[0], Block::Paragraph { span, .. } if (span.line_start, span.line_end) == (1, 5)));
        // A short line ending a sentence ends its paragraph; so does a blank line.
        let short = "俄罗斯学者认为，美俄关系在 2017 年没有出现许多人预期的改善，反而因为新\n\
                     的制裁法案而进一步恶化。俄罗斯与西方关系的长期对抗已成定局，中国学者更\n\
                     加关注中美关系的走向，他们指出美国的《国家安全战略》把中俄定义为对手\n\
                     这将对两国的对外环境产生长期的影响。\n\
                     第二段，这将对两国的对外环境产生长期的影响，并使中俄关系面临新的外部。\n\n\
                     第三段。";
        let (blocks, _) = parse_blocks(&split_lines(short));
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        // Text that is not wrapped (a paragraph per line) is never joined after a full stop.
        let (blocks, _) = parse_blocks(&split_lines("第一段很长的一句话。\n第二段很长的一句话。\n第三段。"));
        assert_eq!(blocks.len(), 3, "{blocks:?}");
    }

    #[test]
    fn table_with_unit_rows_and_note() {
        let text = "表一 投资额（单位：亿美元）\n\n年度\t2014\t2015\n中国对俄罗斯\t68.72\t54,01\n\n(信息来源) Источник: *x*\nURL: http://a.b\n\n正文。";
        let lines = split_lines(text);
        let (blocks, diags) = parse_blocks(&lines);
        assert!(diags.is_empty(), "{diags:?}");
        let Block::Table(t) = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(
            (t.label.as_str(), t.number, t.caption.as_str(), t.unit.as_deref()),
            ("表一", 1, "投资额", Some("亿美元"))
        );
        assert_eq!(t.columns, ["年度", "2014", "2015"]);
        assert_eq!(t.rows[0].cells[2].value, Some(54.01));
        assert_eq!(t.source_note.as_deref(), Some("Источник: x URL: http://a.b"));
        assert_eq!(t.span.line_end, 7);
        assert!(matches!(&blocks[1], Block::Paragraph { .. }));
    }

    fn table(text: &str) -> (Table, Vec<Diagnostic>) {
        let (blocks, diags) = parse_blocks(&split_lines(text));
        match blocks.into_iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }) {
            Some(t) => (t, diags),
            None => panic!("no table in {text:?}"),
        }
    }

    #[test]
    fn two_level_header_spreads_groups_over_sub_columns() {
        let (t, _) = table("表 2 口岸货运量\n（单位：万吨）\n口岸\t2021 年\t2022 年\n\t进口\t出口\t进口\t出口\n满洲里\t1\t2\t3\t4\n总计\t1\t2\t3\t4");
        assert_eq!(t.unit.as_deref(), Some("万吨"));
        assert_eq!(t.columns, ["口岸", "2021 年进口", "2021 年出口", "2022 年进口", "2022 年出口"]);
        assert_eq!(t.rows.iter().map(|r| r.total).collect::<Vec<_>>(), [false, true]);
    }

    #[test]
    fn wrapped_header_joins_units_and_repeated_header_is_dropped() {
        let text = "表 1 贸易额（亿美元）\n类别\t出口量\t增长\n\t(百万美元)\t(%)\n甲\t1,070.6\t−95.1\n类别\t出口量\t增长\n\t(百万美元)\t(%)\n乙\t28 734,6\t暂无数据";
        let (t, diags) = table(text);
        assert_eq!((t.caption.as_str(), t.unit.as_deref()), ("贸易额", Some("亿美元")));
        assert_eq!(t.columns, ["类别", "出口量(百万美元)", "增长(%)"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[1].value, Some(1070.6));
        assert_eq!(t.rows[0].cells[2].value, Some(-95.1));
        assert_eq!(t.rows[1].cells[1].value, Some(28734.6));
        assert_eq!(t.rows[1].cells[2].value, None);
        let d: Vec<_> = diags.iter().filter(|d| d.code == "table_header_repeated").collect();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.map(|s| (s.line_start, s.line_end)), Some((5, 6)));
    }

    #[test]
    fn look_alike_captions_are_paragraphs() {
        let text = "表 3 列出了主要口岸的货运量，\n可以看出增长很快。\n\n图 2 展示了贸易额的变化趋势。\n\n表 3 口岸货运量\n口岸\t2021\n满洲里\t1";
        let (blocks, _) = parse_blocks(&split_lines(text));
        let kinds: Vec<&str> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { .. } => "p",
                Block::Table(_) => "t",
                Block::Figure(_) => "f",
                _ => "?",
            })
            .collect();
        assert_eq!(kinds, ["p", "p", "t"]);
    }

    #[test]
    fn number_styles() {
        for (s, v) in
            [("1,070.6", 1070.6), ("28 734,6", 28734.6), ("−95.1", -95.1), ("+12,3%", 12.3), ("１４６．９", 146.9)]
        {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
        for s in ["—", "-", "…", "暂无数据"] {
            assert_eq!(parse_number(s), None, "{s}");
        }
    }

    #[test]
    fn a_number_alone_on_its_line_begins_the_text_under_it() {
        // `pdftotext` prints a sentence's opening year apart, with a blank line under it.
        let text = "序言正文之前的一段话。\n\n2017\n\n年是条约签署十六周年。\n\n人文领域\n\n合作继续。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        assert!(
            matches!(&blocks[1], Block::Paragraph { text, span, .. }
                if text == "2017年是条约签署十六周年。" && (span.line_start, span.line_end) == (3, 5)),
            "{blocks:?}"
        );
        assert!(matches!(&blocks[2], Block::Subheading { text, .. } if text == "人文领域"));
        for t in ["2017", "１２", "30%", "1 400", "-2.5"] {
            assert!(is_bare_number(t) && !looks_like_subheading(t), "{t}");
        }
        for t in ["•", "第一节", "2017 年", "G20"] {
            assert!(!is_bare_number(t), "{t}");
        }
    }

    #[test]
    fn a_short_line_ending_a_page_is_not_a_subheading() {
        let text = "中俄两国\n\u{c}\n在多个领域保持合作。\n\n人文领域\n\n合作继续。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        assert!(
            matches!(&blocks[0], Block::Paragraph { text, .. } if text == "中俄两国在多个领域保持合作。"),
            "{blocks:?}"
        );
        assert!(matches!(&blocks[1], Block::Subheading { text, .. } if text == "人文领域"));
    }

    /// Recommendations as `pdftotext -layout` prints a narrow column: an item's second
    /// paragraph is indented and its first line, short and open, fills the column.
    const NARROW_RECOMMENDATIONS: &str = "          政治合作

          1. 保持元首外交的引领作用，充分利用总理定期会晤和各领域合
          作委员会机制，及时协调双边合作中出现的问题。

          2. 在金砖国家和上海合作组织框架内加强协调，推动这些机制在
          全球治理中发挥更大作用。

              两国智库应就全球南方国家的发展需求开展联合研究，为多边合
          作提出具体方案。

          经贸合作

          3. 完善本币结算和支付基础设施。";

    #[test]
    fn a_line_filling_a_narrow_column_is_not_a_subheading() {
        let (blocks, _) = parse_blocks(&split_lines(NARROW_RECOMMENDATIONS));
        let subheadings: Vec<&str> = blocks
            .iter()
            .filter_map(|b| if let Block::Subheading { text, .. } = b { Some(text.as_str()) } else { None })
            .collect();
        assert_eq!(subheadings, ["政治合作", "经贸合作"]);
        assert!(blocks.iter().any(|b| matches!(b, Block::Paragraph { text, .. }
            if text == "两国智库应就全球南方国家的发展需求开展联合研究，为多边合作提出具体方案。")));
        // Too few lines to know the margin: a short line right above text stays a subheading.
        let (blocks, _) = parse_blocks(&split_lines("人文领域\n美国因素对中俄人文合作不会产生重大影响。\n\n正文。"));
        assert!(matches!(&blocks[0], Block::Subheading { text, .. } if text == "人文领域"), "{blocks:?}");
    }

    /// A group's title and its items (number, text).
    type Group = (Option<String>, Vec<(u32, String)>);

    #[test]
    fn a_sentence_ending_at_the_margin_goes_on_under_it() {
        let text = "    两国专家普遍认为，高层交往的频率和深度是中俄关系稳定性的保障。
在外部环境急剧变化的条件下，元首外交为双边合作提供了明确方向。
    除元首会晤外，两国外长、国防部长和安全会议秘书也保持了接触。
两国防长在莫斯科举行会谈，并就共同关心的问题深入交换了意见。
人文领域
    两国高校在工程、医学和语言教育等领域的合作办学项目不断增加。

在华俄罗斯留学生和在俄中国留学生的人数均恢复到疫情前水平。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        let spans: Vec<(&str, u32, u32)> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { span, .. } => ("p", span.line_start, span.line_end),
                Block::Subheading { span, .. } => ("h", span.line_start, span.line_end),
                _ => ("?", 0, 0),
            })
            .collect();
        // Joined under a full line; not across a deeper indent, a heading or a blank line.
        assert_eq!(spans, [("p", 1, 2), ("p", 3, 4), ("h", 5, 5), ("p", 6, 6), ("p", 8, 8)]);
    }

    fn paragraph_spans(blocks: &[Block]) -> Vec<(u32, u32)> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { span, .. } => Some((span.line_start, span.line_end)),
                _ => None,
            })
            .collect()
    }

    /// Thirty CJK characters: a full line of the text below; `end` replaces the last ones.
    #[test]
    fn a_source_note_wrapped_at_the_margin_or_before_a_url_goes_on() {
        let prose = [full("，"), full("，"), full("，"), full("。")].join("\n");
        // The note line ends short of the margin because the URL after it did not fit.
        let note = "（信息来源）根据海关统计 <http://www.example.org/stats> 和驻华代表";
        let text = format!(
            "{prose}\n表 1 进出口额\n年度 2018 2019\n出口 1.5 2.5\n进口 3.5 4.5\n{note}\n处:www.example.org/ru/trade-cooperation 编制\n{}",
            full("。")
        );
        let (t, _) = table(&text);
        assert_eq!(
            t.source_note.as_deref(),
            Some("根据海关统计 <http://www.example.org/stats> 和驻华代表处:www.example.org/ru/trade-cooperation 编制")
        );
        assert_eq!(first_unbreakable("处:www.example.org 编制"), "处:www.example.org");
        assert_eq!(first_unbreakable("中俄两国"), "中");
    }

    #[test]
    fn a_url_broken_inside_a_word_is_joined_without_a_space() {
        let mut t = "URL: http://www.example.ru/r".to_string();
        join_note(&mut t, "u/ru/trade_ru_cn");
        assert_eq!(t, "URL: http://www.example.ru/ru/ru/trade_ru_cn");
        let mut t = "URL: <https://rg.ru/2019/11/04/rf-i-v".to_string();
        join_note(&mut t, "-arktike.html>");
        assert_eq!(t, "URL: <https://rg.ru/2019/11/04/rf-i-v-arktike.html>");
        for next in ["Дата обращения", "// газета", "2019. С. 5", "(дата обращения: 01.02.2020)"]
        {
            let mut t = "URL: http://cbr.ru/statistics".to_string();
            join_note(&mut t, next);
            assert_eq!(t, format!("URL: http://cbr.ru/statistics {next}"));
        }
    }

    #[test]
    fn a_letter_spaced_url_scheme_is_one_word() {
        assert_eq!(unspaced_url_schemes("URL: <h t t p s : //rg.ru/2019>"), "URL: <https://rg.ru/2019>");
        assert_eq!(
            unspaced_url_schemes("URL: h t t p : //x.ru и h t t p s : //y.ru"),
            "URL: http://x.ru и https://y.ru"
        );
        assert_eq!(unspaced_url_schemes("URL: https://rg.ru"), "URL: https://rg.ru");
        let mut t = "URL: <https:".to_string();
        join_note(&mut t, "//rg.ru/2019>");
        assert_eq!(t, "URL: <https://rg.ru/2019>");
        let mut t = "см. Report:".to_string();
        join_note(&mut t, "// Publisher");
        assert_eq!(t, "см. Report: // Publisher");
        assert_eq!(unspaced_url_schemes("a b : //x"), "a b : //x");
        assert_eq!(unspaced_url_schemes("ab c d : //x"), "ab c d : //x");
        // The scheme ends one line, the rest of the URL starts the next two.
        let mut t = "URL: <h t t p s :".to_string();
        join_note(&mut t, "//rg.ru/2019/11/04/rf-i-v");
        join_note(&mut t, "-arktike.html>");
        assert_eq!(unspaced_url_schemes(&t), "URL: <https://rg.ru/2019/11/04/rf-i-v-arktike.html>");
    }

    #[test]
    fn a_url_broken_over_lines_is_joined_without_a_space() {
        let mut t = "URL: http://www.example.ru/ru/ru-cn-cooperation/".to_string();
        join_note(&mut t, "trade_ru_cn");
        assert_eq!(t, "URL: http://www.example.ru/ru/ru-cn-cooperation/trade_ru_cn");
        let mut t = "торговля //".to_string();
        join_note(&mut t, "Торговое представительство");
        assert_eq!(t, "торговля // Торговое представительство");
        let mut t = "на основе: Масштабы".to_string();
        join_note(&mut t, "расширяются // газета");
        assert_eq!(t, "на основе: Масштабы расширяются // газета");
    }

    #[test]
    fn a_caption_printed_under_the_first_header_cell() {
        let t = plain_table("表1\n机制\n中俄主要合作机制的建立\n建立年份\n总理定期会晤\n1996\n战略安全磋商\n2005\n参见：某某文章，第 12 页。");
        assert_eq!(t.caption, "中俄主要合作机制的建立");
        assert_eq!(t.columns, ["机制", "建立年份"]);
        assert_eq!(cell_texts(&t), [["总理定期会晤", "1996"], ["战略安全磋商", "2005"]]);
    }

    fn full(end: &str) -> String {
        let n = 30 - end.chars().count();
        format!(
            "{}{end}",
            "中俄两国在各领域的合作继续深入发展并取得新的进展和成果".chars().cycle().take(n).collect::<String>()
        )
    }

    #[test]
    fn a_page_that_ends_with_a_full_line_ends_in_the_middle_of_a_paragraph() {
        let page_end = crate::parse::pages::PAGE_BREAK;
        let text = format!(
            "{}\n{}\n{}\n{page_end}\n续完。\n\n{}\n末段。\n\n{}\n\n新段。",
            full("，"),
            full("，"),
            full("。"),
            full("，"),
            full("。")
        );
        let (blocks, _) = parse_blocks(&split_lines(&text));
        // Lines 1–5 are one paragraph across the break; a full line before a blank line (not a
        // page end) ends its paragraph; so does a short last line of a page.
        assert_eq!(paragraph_spans(&blocks), [(1, 5), (7, 8), (10, 10), (12, 12)]);
        let short = format!("{}\n{}\n{}\n短句结束。\n{page_end}\n新段。", full("，"), full("，"), full("，"));
        let (blocks, _) = parse_blocks(&split_lines(&short));
        assert_eq!(paragraph_spans(&blocks), [(1, 4), (6, 6)]);
    }

    #[test]
    fn a_line_starting_with_a_closing_mark_goes_on_from_the_line_above() {
        let text = "在这种背景下，中俄两国都强调联合国在国际事务中的核心作用，反对单边制\n裁和“长臂管辖”\n。两国认为，国际秩序的演变应当通过协商来实现，任\n何国家都不应以牺牲他国安全为代价。";
        assert_eq!(paragraph_spans(&parse_blocks(&split_lines(text)).0), [(1, 4)]);
        assert!(starts_with_closing_mark("。两国"));
        assert!(starts_with_closing_mark("”，"));
        assert!(!starts_with_closing_mark("“西伯利亚力量”"));
        assert!(!starts_with_closing_mark("…等等"));
        assert!(!starts_with_closing_mark(". dots"));
    }

    #[test]
    fn a_line_the_tool_broke_in_two_is_one_line() {
        // 30 wide characters a line; `两国元首举行了会谈。` / `“联合声明”指出…关系` make one.
        let text = format!(
            "{}\n{}\n{}\n上一段结束。\n两国元首举行了会谈。\n“联合声明”指出双方将继续深化两国合作关系\n{}\n短句结束。",
            full("，"),
            full("，"),
            full("，"),
            full("，")
        );
        assert_eq!(paragraph_spans(&parse_blocks(&split_lines(&text)).0), [(1, 4), (5, 8)]);
        // A last word or two and the next paragraph's first line (short by its indent) stay apart.
        let text = format!("{}\n{}\n{}\n结束。\n{}\n短句结束。", full("，"), full("，"), full("，"), &full("，")[6..]);
        assert_eq!(paragraph_spans(&parse_blocks(&split_lines(&text)).0), [(1, 4), (5, 6)]);
        // A second piece that ends a sentence is the paragraph's own line.
        let text = format!(
            "{}\n{}\n{}\n上一段结束。\n两国元首举行了会谈。\n“联合声明”指出双方将继续深化两国合作关系。\n{}\n短句结束。",
            full("，"),
            full("，"),
            full("，"),
            full("，")
        );
        assert_eq!(paragraph_spans(&parse_blocks(&split_lines(&text)).0), [(1, 4), (5, 5), (6, 6), (7, 8)]);
    }

    #[test]
    fn the_documents_margin_leaves_out_space_aligned_table_rows() {
        let prose = "  两国高校之间的联合科研和学分互认仍有较大发展空间专家建议扩大政府奖学金名额并为";
        let mut text = String::new();
        for _ in 0..3 {
            text.push_str(prose);
            text.push_str("\n学生返校提供便利。\n\n");
        }
        text.push_str("表 1 机制\n\n 机制                                                   建立年份      级别\n\n");
        for name in ["总理定期会晤", "战略安全磋商", "投资合作委员会", "人文合作委员会"] {
            text.push_str(&format!(
                " {name}                                                                   1996    政府首脑\n\n"
            ));
        }
        let lines = split_lines(&text);
        let margin = document_prose(lines.iter()).margin();
        assert_eq!(margin.edge, Some(edges(prose).0), "{margin:?}");
    }

    #[test]
    fn lines_of_a_box_printed_text_are_printed_under_one_another() {
        // Blank lines taken out (numbers kept): two apart is right under; a page break is not.
        let boxed: Vec<Line> = [(1, "甲"), (3, "乙"), (5, "丙"), (6, "\u{c}"), (7, "丁"), (9, "戊")]
            .map(|(n, t)| Line::new(n, 0, t))
            .into();
        let refs: Vec<&Line> = boxed.iter().collect();
        assert_eq!(printed_under(&refs), [false, true, true, false, true]);
        // With blank lines between paragraphs, two apart is a new paragraph.
        let spaced = split_lines("甲\n乙\n\n丙\n丁\n");
        let refs: Vec<&Line> = spaced.iter().collect();
        assert_eq!(printed_under(&refs), [false, true, false, true]);
    }

    #[test]
    fn line_ends_printed_together_go_back_under_their_lines() {
        let texts = [
            "5. 扩大本币结算，完善两国支付系统之间的对接，为企业规避汇率风险和外部限制提供金融工",
            "具。",
            "作。",
            "序。",
            "6.",
            "在能源领域，应在保持油气合作稳定的同时，拓展氢能、可再生能源和节能技术方面的合",
            "7. 鼓励中国企业投资俄罗斯远东和北极地区的项目，俄方应进一步改善营商环境，简化审批程",
            "科技与数字合作",
            "8. 巩固科技创新年的成果。",
        ];
        let lines: Vec<Line> = texts.iter().enumerate().map(|(k, t)| Line::new(2 * k as u32 + 1, 0, t)).collect();
        let nonblank: Vec<&Line> = lines.iter().collect();
        let under = vec![true; lines.len()];
        assert_eq!(tails_in_place(&nonblank, &under, true), [0, 1, 4, 5, 2, 6, 3, 7, 8]);
        // Read line by line, or with too few open lines to end, the order stays.
        assert_eq!(tails_in_place(&nonblank, &under, false), (0..9).collect::<Vec<_>>());
        assert_eq!(tails_in_place(&nonblank[..6], &under[..6], true), (0..6).collect::<Vec<_>>());
    }

    #[test]
    fn a_width_no_first_line_sits_under_is_the_first_lines_width() {
        // Short paragraphs: their indented first lines wrap at 82, the margin is 86.
        assert_eq!(full_over_first_lines(&[82, 82, 82, 80], Some(86)), Some(86));
        // Full lines at 86, first lines at 82 under them: 86 is the full width.
        assert_eq!(full_over_first_lines(&[86, 86, 86, 82, 82, 82], Some(90)), Some(86));
        // A margin no indent past the shared width leaves it as it is.
        assert_eq!(full_over_first_lines(&[82, 82, 82], Some(83)), Some(82));
        assert_eq!(full_over_first_lines(&[82, 82, 82], None), Some(82));
        assert_eq!(full_over_first_lines(&[82, 82], Some(86)), None);
    }

    #[test]
    fn text_with_a_paragraph_per_line_has_no_margin() {
        // Wrapped: most lines end at 78, none goes past it.
        assert_eq!(common_end(&mut [78, 76, 78, 40, 77, 22]), Some(78));
        // A paragraph per line: a few long lines end close together, many go past them.
        assert_eq!(common_end(&mut [1013, 900, 899, 857, 775, 714, 708, 705, 702, 682, 538, 536, 535]), None);
        assert_eq!(common_end(&mut [78, 40]), None);
    }

    #[test]
    fn a_region_too_short_for_its_own_margin_takes_the_documents() {
        let doc_text = format!("{}\n{}\n{}\n短。", full("，"), full("，"), full("，"));
        let doc_lines = split_lines(&doc_text);
        let prose = document_prose(doc_lines.iter());
        assert!(prose.margin() != Margin::default(), "{:?}", prose.margin());
        let region = format!("{}\n接着写完。", full("。"));
        let lines = split_lines(&region);
        assert_eq!(paragraph_spans(&parse_blocks(&lines).0), [(1, 1), (2, 2)]);
        assert_eq!(paragraph_spans(&parse_blocks_in(&lines, Some(&prose)).0), [(1, 2)]);
    }

    fn groups(text: &str) -> Vec<Group> {
        let (rec, _) = parse_recommendations("建议", split_lines("建议")[0].span(), &split_lines(text));
        rec.groups.into_iter().map(|g| (g.title, g.items.into_iter().map(|i| (i.number, i.text)).collect())).collect()
    }

    #[test]
    fn an_indented_paragraph_belongs_to_the_item_above() {
        let g = groups(NARROW_RECOMMENDATIONS);
        assert_eq!(g.iter().map(|g| g.0.as_deref()).collect::<Vec<_>>(), [Some("政治合作"), Some("经贸合作")]);
        assert_eq!(g[0].1[1].1, "在金砖国家和上海合作组织框架内加强协调，推动这些机制在全球治理中发挥更大作用。\n两国智库应就全球南方国家的发展需求开展联合研究，为多边合作提出具体方案。");
    }

    #[test]
    fn the_next_number_glued_to_a_year_starts_an_item() {
        let g = groups("政治合作\n\n1. 保持元首外交的引领作用。\n\n科技合作\n\n2.2020–2021中俄科技创新年带来希望。\n\n3. 完善本币结算。");
        assert_eq!(g.len(), 2, "{g:?}");
        assert_eq!(g[1].0.as_deref(), Some("科技合作"));
        assert_eq!(g[1].1[0], (2, "2020–2021中俄科技创新年带来希望。".to_string()));
        // Any other number is a decimal at the start of the item's text.
        let g = groups("政治合作\n\n1. 保持元首外交的引领作用。\n\n3.35亿美元的投资已到位。");
        assert_eq!(g[0].1, [(1, "保持元首外交的引领作用。\n3.35亿美元的投资已到位。".to_string())]);
        assert_eq!(glued_item("16.2020–2021", 16), Some("2020–2021"));
        assert_eq!(glued_item("16. 2020", 16), None);
        assert_eq!(glued_item("160.5", 16), None);
    }

    #[test]
    fn a_group_heading_is_followed_by_numbered_items() {
        // `另见附件` looks like a heading but no numbered item follows it: it is item 1's text.
        let g = groups(
            "政治合作\n\n1. 保持元首外交的引领作用。\n\n另见附件\n\n补充说明如下。\n\n经贸合作\n\n2. 完善本币结算。",
        );
        assert_eq!(g.len(), 2, "{g:?}");
        assert_eq!(g[0].1, [(1, "保持元首外交的引领作用。\n另见附件\n补充说明如下。".to_string())]);
        assert_eq!(g[1].0.as_deref(), Some("经贸合作"));
        // Printed right above the rest of its paragraph, the line is joined with it.
        let g = groups("政治合作\n\n1. 保持元首外交的引领作用。\n\n两国智库应\n开展联合研究。\n\n2. 完善本币结算。");
        assert_eq!(g[0].1[0].1, "保持元首外交的引领作用。\n两国智库应开展联合研究。");
    }

    #[test]
    fn an_indented_short_line_over_an_item_is_text_a_centred_one_a_group() {
        let g = groups("  政治合作\n\n  1. 保持元首外交的引领作用。\n\n      另见附件\n\n  2. 完善本币结算。\n\n                  经贸合作\n\n  3. 扩大交流。");
        assert_eq!(g.iter().map(|g| g.0.as_deref()).collect::<Vec<_>>(), [Some("政治合作"), Some("经贸合作")]);
        assert_eq!(g[0].1[0].1, "保持元首外交的引领作用。\n另见附件");
        assert_eq!(g[0].1.len(), 2);
    }

    #[test]
    fn a_figure_note_after_axis_labels_and_legend_belongs_to_the_figure() {
        let text = "图 1. 俄罗斯对华原油出口量（单位：百万吨）\n\n80\n60\n40\n0\n2017  2018  2019  2020\n■ 管道  ■ 海运\n\n（信息来源）中国海关总署统计数据。\n\n正文。";
        let (blocks, diags) = parse_blocks(&split_lines(text));
        assert!(diags.is_empty(), "{diags:?}");
        let Block::Figure(f) = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(f.source_note.as_deref(), Some("中国海关总署统计数据。"));
        assert_eq!((f.span.line_start, f.span.line_end), (1, 10));
        assert!(matches!(&blocks[1], Block::Paragraph { text, .. } if text == "正文。"));
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn short_lines_without_a_note_are_not_figure_art() {
        // No note after the short lines: they stay blocks of their own.
        let (blocks, _) = parse_blocks(&split_lines("图 1. 贸易额\n\n人文领域\n\n两国专家建议继续扩大合作。"));
        assert!(matches!(&blocks[0], Block::Figure(f) if f.span.line_end == 1 && f.source_note.is_none()));
        assert!(matches!(&blocks[1], Block::Subheading { .. }));
        // A sentence between the caption and a note ends the figure: the note is an orphan.
        let (blocks, diags) =
            parse_blocks(&split_lines("图 1. 贸易额\n\n80\n贸易额持续增长。\n\n（信息来源）海关总署。"));
        assert!(matches!(&blocks[0], Block::Figure(f) if f.source_note.is_none()), "{blocks:?}");
        assert!(diags.iter().any(|d| d.code == "orphan_source_note"));
    }

    /// A table as `pdftotext -layout` prints it, cut by a page break with its header printed again.
    const SPACE_ALIGNED: &str = "          表 1   中俄贸易主要商品类别（单位：亿美元）

          商品类别               2022 年     2023 年   增减（%）
          能源产品               1 029,5     1 087,2        +5,6
          汽车及零部件              98,7       233,4      +136,5
\u{c}
          商品类别               2022 年     2023 年   增减（%）
          其他                     240,1       395,7          …
          合计                   1 902,4     2 401,1       +26,2

          资料来源：中华人民共和国海关总署。

              2024 年上半年，双边贸易增速明显放缓。";

    #[test]
    fn space_aligned_table_under_a_caption() {
        let (blocks, diags) = parse_blocks(&split_lines(SPACE_ALIGNED));
        let Block::Table(t) = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!((t.caption.as_str(), t.unit.as_deref()), ("中俄贸易主要商品类别", Some("亿美元")));
        assert_eq!(t.columns, ["商品类别", "2022 年", "2023 年", "增减（%）"]);
        let texts: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(texts[1], ["汽车及零部件", "98,7", "233,4", "+136,5"]);
        assert_eq!(texts.len(), 4);
        assert_eq!(t.rows[0].cells[1].value, Some(1029.5));
        assert_eq!(t.rows[2].cells[3].value, None);
        assert!(t.rows[3].total);
        assert_eq!(t.source_note.as_deref(), Some("中华人民共和国海关总署。"));
        // Cell spans point at the printed cell.
        let cell = &t.rows[0].cells[1];
        assert_eq!(&SPACE_ALIGNED[cell.span.byte_start as usize..cell.span.byte_end as usize], "1 029,5");
        assert_eq!(diags.iter().map(|d| d.code.to_string()).collect::<Vec<_>>(), ["table_header_repeated"]);
        assert!(matches!(&blocks[1], Block::Paragraph { .. }));
    }

    #[test]
    fn space_aligned_two_level_header() {
        let rows = "
                    进口      出口        进口      出口
满洲里           1 520,4       880     1 601,7       901
绥芬河               450       320          —       335
总计             1 970,4     1 200     1 601,7     1 236";
        // Group names bridging the gutters of their sub-columns, or each over one of them.
        for groups in
            ["口岸                 2021 年             2022 年", "口岸                2021 年               2022 年"]
        {
            let (t, _) = table(&format!("表 3 口岸货运量（万吨）\n{groups}{rows}"));
            assert_eq!(t.columns, ["口岸", "2021 年进口", "2021 年出口", "2022 年进口", "2022 年出口"], "{groups}");
            assert_eq!(t.rows[1].cells[3].value, None);
            assert!(t.rows[2].total);
        }
        // A wrapped header whose first line leaves a column empty is joined column by column.
        let (t, _) = table(
            "表 4 出口结构\n商品类别      出口量                  与2018年\n            (百万美元)    占比(%)     比较(%)\n矿物燃料       42619,3       69.8         0.8\n木材            4279,7          7        -8.8",
        );
        assert_eq!(t.columns, ["商品类别", "出口量(百万美元)", "占比(%)", "与2018年比较(%)"]);
    }

    #[test]
    fn space_aligned_lines_need_a_caption_and_rows() {
        // Without a caption, aligned lines stay text.
        let text = SPACE_ALIGNED.replacen("表 1   中俄贸易主要商品类别（单位：亿美元）", "中俄贸易主要商品类别", 1);
        let (blocks, _) = parse_blocks(&split_lines(&text));
        assert!(!blocks.iter().any(|b| matches!(b, Block::Table(_))), "{blocks:?}");
        // A caption over indented prose with a two-space typo is a paragraph, not a table.
        let text = "表 1 列出了主要商品\n    中俄两国在多个领域  保持合作，专家们认为这一\n趋势将会延续。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        assert!(!blocks.iter().any(|b| matches!(b, Block::Table(_))), "{blocks:?}");
        // A caption over a single line with wide gaps: no table rows.
        let text = "表 2 口岸货运量\n满洲里        12        15\n\n两国专家建议继续扩大合作。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        assert!(!blocks.iter().any(|b| matches!(b, Block::Table(_))), "{blocks:?}");
    }

    #[test]
    fn a_bullet_printed_on_a_line_of_its_own_takes_the_text_under_it() {
        let text = "• \n\n第一点，\n\n继续。\n\n• \n\n第二点。\n\n正文。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        let Block::List { items, .. } = &blocks[0] else { panic!("{blocks:?}") };
        let texts: Vec<&str> = items.iter().map(|it| it.text.as_str()).collect();
        assert_eq!(texts, ["第一点，继续。", "第二点。"]);
        assert!(matches!(&blocks[1], Block::Paragraph { text, .. } if text == "正文。"));
        // A run of bare markers (printed after their items' text) takes no text under it.
        let trailing = "第一点。\n\n第二点。\n\n• \n• \n\n正文。";
        let (blocks, _) = parse_blocks(&split_lines(trailing));
        let Block::List { items, .. } = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(items.iter().map(|it| it.text.as_str()).collect::<Vec<_>>(), ["第一点。", "第二点。"]);
        assert!(matches!(&blocks[1], Block::Paragraph { text, .. } if text == "正文。"));
    }

    #[test]
    fn bullets_form_one_list() {
        let text = "- 第一点。\n- 第二点，\n继续。\n\n- 第三点。\n\n正文。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        let Block::List { items, .. } = &blocks[0] else { panic!() };
        assert_eq!(items.len(), 3);
        assert_eq!(items[1].text, "第二点，继续。");
    }

    #[test]
    fn a_first_column_of_numbers_is_read_a_row_a_line_or_a_cell_a_line() {
        let rows_a_line =
            "表 1 贸易额（亿美元）\n年份 贸易额 出口\n2014 952.8 536.8\n2015 680.2 348.1\n（信息来源）某统计。";
        let cells_a_line =
            "表 1 贸易额（亿美元）\n年份\n贸易额\n出口\n2014\n952.8\n536.8\n2015\n680.2\n348.1\n（信息来源）某统计。";
        // The first cell printed under the first column's header, the other names after it
        // (`pdftotext` on Typst), cells a blank line apart.
        let first_cell_in_header = "表 1 贸易额（亿美元）\n年份\n2014\n\n贸易额\n\n出口\n\n952.8\n\n536.8\n\n\
             2015\n\n680.2\n\n348.1\n\n（信息来源）某统计。";
        for text in [rows_a_line, cells_a_line, first_cell_in_header] {
            let (blocks, _) = parse_blocks(&split_lines(text));
            let Some(Block::Table(t)) = blocks.first() else { panic!("{blocks:?}") };
            assert_eq!(t.columns, ["年份", "贸易额", "出口"]);
            let rows: Vec<Vec<&str>> =
                t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
            assert_eq!(rows, [["2014", "952.8", "536.8"], ["2015", "680.2", "348.1"]]);
            assert_eq!(t.rows[1].cells[0].value, Some(2015.0));
            assert_eq!(t.source_note.as_deref(), Some("某统计。"));
        }
        // Numbers that do not fill whole rows under the header: no table.
        let ragged = cells_a_line.replace("348.1\n", "");
        let (blocks, _) = parse_blocks(&split_lines(&ragged));
        assert!(!matches!(blocks.first(), Some(Block::Table(t)) if !t.rows.is_empty()), "{blocks:?}");
        // A number printed under the first name with a blank line after the names too is no
        // stray first cell: the stream stays as it was (and reads as no table).
        let spaced = first_cell_in_header.replacen("年份\n2014", "年份\n\n2014", 1);
        let (blocks, _) = parse_blocks(&split_lines(&spaced));
        assert!(!matches!(blocks.first(), Some(Block::Table(t)) if !t.rows.is_empty()), "{blocks:?}");
    }

    #[test]
    fn a_table_printed_column_by_column_a_block_a_column() {
        // The first column's header set apart from its cells, then a block per column.
        let text = "表 1 贸易额（亿美元）\n类别\n\n甲类\n乙类\n合计\n\n2022 年\n1,5\n2,5\n4,0\n\n\
                    2023 年\n3,5\n1,5\n5,0\n\n（信息来源）某统计。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        let Some(Block::Table(t)) = blocks.first() else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["类别", "2022 年", "2023 年"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [["甲类", "1,5", "3,5"], ["乙类", "2,5", "1,5"], ["合计", "4,0", "5,0"]]);
        assert!(t.rows[2].total);
        // The first column's header printed under its years.
        let years = "表 1 贸易额\n2014\n2015\n\n年份\n\n贸易额\n9,5\n6,5\n\n出口\n5,5\n3,5\n\n（信息来源）某统计。";
        let (blocks, _) = parse_blocks(&split_lines(years));
        let Some(Block::Table(t)) = blocks.first() else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["年份", "贸易额", "出口"]);
        assert_eq!(t.rows[1].cells[0].text, "2015");
        // The first column's header printed under its text cells, a block of its own.
        let under =
            "表 1 出口\n原油\n煤炭\n\n产品\n\n2021 年\n7 964\n5 700\n\n2022 年\n8 625\n6 800\n\n（信息来源）某统计。";
        let (blocks, _) = parse_blocks(&split_lines(under));
        let Some(Block::Table(t)) = blocks.first() else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["产品", "2021 年", "2022 年"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [["原油", "7 964", "8 625"], ["煤炭", "5 700", "6 800"]]);
        // Blocks all of one size are columns too: the first the stub column under its header,
        // each later one a column headed by its year.
        let same_size = "表 1 贸易额\n年度\n贸易额\n出口\n\n2014\n9,5\n5,5\n\n2015\n6,5\n3,5\n\n（信息来源）某统计。";
        let (blocks, _) = parse_blocks(&split_lines(same_size));
        let Some(Block::Table(t)) = blocks.first() else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["年度", "2014", "2015"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [["贸易额", "9,5", "6,5"], ["出口", "5,5", "3,5"]]);
        // A later block holding text cells under its header is no column: not this reading.
        let text_cell = "表 1 贸易额\n年度\n贸易额\n出口\n\n2014\n甲类\n乙类\n\n2015\n6,5\n3,5\n\n（信息来源）某统计。";
        assert_eq!(column_groups_body_of(text_cell), None);
    }

    /// The lines of `text` as a box-per-box dump prints them (a blank line after every line),
    /// the blank lines dropped as `boxes::box_lines` drops them.
    fn boxed(text: &str) -> Vec<Line<'_>> {
        split_lines(text).into_iter().filter(|l| !l.is_blank()).collect()
    }

    #[test]
    fn a_table_printed_a_cell_a_box_column_by_column() {
        let lead = "正文第一句\n\n正文第二句\n\n正文第三句\n\n正文第四句\n\n正文第五句\n\n正文第六句。";
        let cells = ["类别", "甲类", "乙类", "合计", "2022 年", "1,5", "2,5", "4,0", "2023 年", "3,5", "1,5", "5,0"];
        let text = format!("{lead}\n\n表 1 贸易额（亿美元）\n\n{}\n\n（信息来源）某统计。\n", cells.join("\n\n"));
        let (blocks, _) = parse_blocks(&boxed(&text));
        let Some(Block::Table(t)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["类别", "2022 年", "2023 年"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [["甲类", "1,5", "3,5"], ["乙类", "2,5", "1,5"], ["合计", "4,0", "5,0"]]);
        assert!(t.rows[2].total);
        // The same cells a line in a dump with wrapped lines one after another (blank lines
        // between cells only, or none): their order is not known, not this reading.
        for sep in ["\n", "\n\n"] {
            let text = format!("正文第一行\n正文第二行\n正文第三行\n正文第四行\n正文第五行\n正文第六行\n正文第七行\n正文第八行\n正文第九行。\n\n表 1 贸易额\n\n{}", cells.join(sep));
            let lines = split_lines(&text);
            let all: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
            let kinds: Vec<Kind> = all.iter().map(|l| kind(l)).collect();
            assert!(boxed_columns_body(&all, &kinds, 10, false).is_none(), "{sep:?}");
            // A document most of whose lines have a blank line after them: cells a box each.
            assert_eq!(boxed_columns_body(&all, &kinds, 10, true).is_some(), sep == "\n\n", "{sep:?}");
        }
    }

    #[test]
    fn a_boxed_table_with_a_header_of_years_is_read_column_by_column() {
        // Three labels, then columns of three numbers: the first column (its header and two
        // row labels) and two columns under a year; rows start with their label.
        let lead = "正文第一句\n\n正文第二句\n\n正文第三句\n\n正文第四句\n\n正文第五句\n\n正文第六句。";
        let cells = ["年度", "甲对乙", "乙对甲", "2014", "68.72", "0.54", "2015", "54.01", "0.11"];
        let text = format!("{lead}\n\n表 1 投资额（亿美元）\n\n{}\n\n（信息来源）某统计。\n", cells.join("\n\n"));
        let (blocks, _) = parse_blocks(&boxed(&text));
        let Some(Block::Table(t)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["年度", "2014", "2015"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [["甲对乙", "68.72", "54.01"], ["乙对甲", "0.54", "0.11"]]);
        // Not in a dump printed line by line, and not with one label (a first column of years).
        let lines = split_lines(&text);
        let all: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let kinds: Vec<Kind> = all.iter().map(|l| kind(l)).collect();
        assert!(boxed_label_columns_body(&all, &kinds, 7, false).is_some());
        let dense = text.replace("\n\n", "\n");
        let lines = split_lines(&dense);
        let all: Vec<&Line> = lines.iter().collect();
        assert!(boxed_label_columns_body(&all, &all.iter().map(|l| kind(l)).collect::<Vec<_>>(), 7, true).is_none());
        let years = ["年份", "2014", "2015", "贸易额", "1.5", "2.5"].join("\n\n");
        let text = format!("{lead}\n\n表 1 贸易额\n\n{years}\n\n（信息来源）某统计。\n");
        let lines = boxed(&text);
        let all: Vec<&Line> = lines.iter().collect();
        assert!(boxed_label_columns_body(&all, &all.iter().map(|l| kind(l)).collect::<Vec<_>>(), 7, true).is_none());
    }

    #[test]
    fn a_boxed_table_with_its_texts_first_is_read_by_its_total_row() {
        let lead = "正文第一句\n\n正文第二句\n\n正文第三句\n\n正文第四句\n\n正文第五句\n\n正文第六句。";
        let names = ["口岸", "进口", "出口", "过境"];
        let labels = ["甲", "乙", "丙", "合计"];
        let numbers = ["1,5", "2,0", "—", "3,5", "4", "5", "6", "15", "0,1", "0,2", "0,3", "0,6"];
        let read = |texts: Vec<&str>, numbers: &[&str]| {
            let all: Vec<&str> = texts.into_iter().chain(numbers.iter().copied()).collect();
            let text = format!("{lead}\n\n表 1 货运量\n\n{}\n\n（信息来源）某统计。\n", all.join("\n\n"));
            let (blocks, _) = parse_blocks(&boxed(&text));
            blocks.into_iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
        };
        // Names then labels, and labels then names: one reading adds up.
        let names_first: Vec<&str> = names.iter().chain(&labels).copied().collect();
        let labels_first: Vec<&str> = names[..1].iter().chain(&labels).chain(&names[1..]).copied().collect();
        for texts in [names_first, labels_first] {
            let t = read(texts, &numbers).expect("a table");
            assert_eq!(t.columns, names);
            let rows: Vec<Vec<&str>> =
                t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
            assert_eq!(rows[0], ["甲", "1,5", "4", "0,1"]);
            assert_eq!(rows[3], ["合计", "3,5", "15", "0,6"]);
            assert!(t.rows[3].total);
        }
        // Columns that do not add up: two readings are possible, this reader takes none.
        let cells: Vec<&Line> = Vec::new();
        assert!(boxed_names_then_columns_body(&cells, &[], 0, true).is_none());
        let skewed = ["1,5", "2,0", "—", "9,9", "4", "5", "6", "99", "0,1", "0,2", "0,3", "9,9"];
        let texts: Vec<&str> = names.iter().chain(&labels).copied().collect();
        let t = read(texts, &skewed);
        assert!(t.as_ref().is_none_or(|t| t.columns != names), "{t:?}");
    }

    #[test]
    fn a_boxed_first_column_printed_above_its_caption() {
        let lead = "正文第一句\n\n正文第二句\n\n正文第三句\n\n正文第四句\n\n正文第五句\n\n正文第六句。";
        let above = ["季度", "一季度", "二季度", "三季度"];
        let below = [
            "出口额 (亿",
            "进口额 (亿",
            "同比 (%)",
            "美元)",
            "1,5",
            "2,5",
            "3,5",
            "美元)",
            "4,5",
            "5,5",
            "6,5",
            "7",
            "8",
            "9",
        ];
        let text = format!(
            "{lead}\n\n{}\n\n表 2 季度贸易\n\n{}\n\n（信息来源）某统计。\n",
            above.join("\n\n"),
            below.join("\n\n")
        );
        let (blocks, diags) = parse_blocks(&boxed(&text));
        let tables: Vec<&Table> =
            blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect();
        let [t] = tables.as_slice() else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["季度", "出口额 (亿美元)", "进口额 (亿美元)", "同比 (%)"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [["一季度", "1,5", "4,5", "7"], ["二季度", "2,5", "5,5", "8"], ["三季度", "3,5", "6,5", "9"]]);
        assert_eq!(t.source_note.as_deref(), Some("某统计。"));
        // The lines above the caption are the table's, no paragraph, and covered by a diagnostic.
        assert!(!blocks.iter().any(
            |b| matches!(b, Block::Subheading { text, .. } | Block::Paragraph { text, .. } if text.contains("季度"))
        ));
        assert!(diags.iter().any(|d| d.code == DiagnosticCode::TableColumnAboveCaption));
        // A count that does not fit (a name's first line too many) is no such table.
        let text = text.replace("同比 (%)", "同比 (%)\n\n备注");
        let (blocks, _) = parse_blocks(&boxed(&text));
        assert!(blocks.iter().any(
            |b| matches!(b, Block::Subheading { text, .. } | Block::Paragraph { text, .. } if text.contains("一季度"))
        ));
    }

    #[test]
    fn boxed_row_labels_split_around_the_caption() {
        let lead = "正文第一句\n\n正文第二句\n\n正文第三句\n\n正文第四句\n\n正文第五句\n\n正文第六句。";
        let above = ["甲委员会", "乙委员会", "丁委员会"];
        let below = [
            "名称",
            "成立年份",
            "层级",
            "1990",
            "2000",
            "2005",
            "2010",
            "部级",
            "司级",
            "处级",
            "局级",
            "一个名称很长而不能放进单元格的丙委员会",
        ];
        let text =
            format!("{lead}\n\n{}\n\n表 3 机构一览\n\n{}\n\n下文另起一段。\n", above.join("\n\n"), below.join("\n\n"));
        let (blocks, _) = parse_blocks(&boxed(&text));
        let Some(Block::Table(t)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["名称", "成立年份", "层级"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(
            rows,
            [
                ["甲委员会", "1990", "部级"],
                ["乙委员会", "2000", "司级"],
                ["丁委员会", "2005", "处级"],
                ["一个名称很长而不能放进单元格的丙委员会", "2010", "局级"]
            ]
        );
        // Printed a line a line (no box-by-box region) the same words are no table.
        let lines = split_lines(&text);
        let all: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let kinds: Vec<Kind> = all.iter().map(|l| kind(l)).collect();
        let j = all.iter().position(|l| l.text.starts_with("名称")).expect("header");
        let tight_text = text.replace("\n\n", "\n");
        let tight: Vec<Line> = split_lines(&tight_text);
        let tight: Vec<&Line> = tight.iter().collect();
        let tkinds: Vec<Kind> = tight.iter().map(|l| kind(l)).collect();
        let tj = tight.iter().position(|l| l.text.starts_with("名称")).expect("header");
        assert!(boxed_labels_split_body(&all, &kinds, &[j - 4, j - 3, j - 2], j, false).is_some());
        assert!(boxed_labels_split_body(&tight, &tkinds, &[tj - 4, tj - 3, tj - 2], tj, false).is_none());
    }

    #[test]
    fn a_boxed_column_may_have_its_total_printed_after_a_later_column() {
        let lead = "正文第一句\n\n正文第二句\n\n正文第三句\n\n正文第四句\n\n正文第五句\n\n正文第六句。";
        // `出口` lacks its total, printed after `进口`'s numbers with `进口`'s own.
        let cells = [
            "月份", "出口", "1,5", "2,5", "进口", "3", "4", "4,0", "7", "1 月", "2 月", "合计", "同比", "+1", "+2",
            "+3",
        ];
        let text = format!("{lead}\n\n表 1 贸易额（亿美元）\n\n{}\n\n（信息来源）某统计。\n", cells.join("\n\n"));
        let (blocks, _) = parse_blocks(&boxed(&text));
        let Some(Block::Table(t)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["月份", "出口", "进口", "同比"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [["1 月", "1,5", "3", "+1"], ["2 月", "2,5", "4", "+2"], ["合计", "4,0", "7", "+3"]]);
        // Without the total's evidence (the moved numbers do not add up) this reading is not taken.
        let text = text.replace("4,0", "9,0").replace("\n7\n", "\n9\n");
        let lines = boxed(&text);
        let all: Vec<&Line> = lines.iter().collect();
        let kinds: Vec<Kind> = all.iter().map(|l| kind(l)).collect();
        assert!(boxed_headed_columns_body(&all, &kinds, 7, false).is_none());
    }

    #[test]
    fn a_boxed_table_over_pages_has_its_columns_ordered_by_their_decimal_marks() {
        let lead = "正文第一句\n\n正文第二句\n\n正文第三句\n\n正文第四句\n\n正文第五句\n\n正文第六句。";
        let header = ["商品类别", "出口额", "占比", "变化"];
        // Page one: the first row's label and two numbers, the other labels, then `占比`'s and
        // `出口额`'s other cells, the page number, `变化` whole; page two in printed order.
        let first = ["甲类商品", "4279,7", "69.8", "乙类商品", "丙类商品", "5.9", "5.1", "3584,1", "3135,1", "24"];
        let first = [&first[..], &["0.8", "-8.8", "12.2"]].concat();
        let second = ["丁类商品", "戊类商品", "763,7", "571,1", "1.2", "0.9", "49.4", "-5.5"];
        let cells = [&header[..], &first, &header, &second].concat();
        let text = format!("{lead}\n\n表 2 出口商品结构\n\n{}\n\n（信息来源）某统计。\n", cells.join("\n\n"));
        let (blocks, _) = parse_blocks(&boxed(&text));
        let Some(Block::Table(t)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("{blocks:?}") };
        assert_eq!(t.columns, header);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(
            rows,
            [
                ["甲类商品", "4279,7", "69.8", "0.8"],
                ["乙类商品", "3584,1", "5.9", "-8.8"],
                ["丙类商品", "3135,1", "5.1", "12.2"],
                ["丁类商品", "763,7", "1.2", "49.4"],
                ["戊类商品", "571,1", "0.9", "-5.5"]
            ]
        );
        assert_eq!(t.source_note.as_deref(), Some("某统计。"));
        // Without the header printed again there is no evidence of the parts: not this reading.
        let once = [&header[..], &first].concat();
        let text = format!("{lead}\n\n表 2 出口商品结构\n\n{}\n\n（信息来源）某统计。\n", once.join("\n\n"));
        let lines = boxed(&text);
        let all: Vec<&Line> = lines.iter().collect();
        let kinds: Vec<Kind> = all.iter().map(|l| kind(l)).collect();
        assert!(boxed_paged_columns_body(&all, &kinds, 7, false).is_none());
    }

    #[test]
    fn a_decimal_mark_and_the_next_order() {
        assert_eq!(decimal_comma("4279,7"), Some(true));
        assert_eq!(decimal_comma("-8.8"), Some(false));
        assert_eq!(decimal_comma("22614"), None);
        assert_eq!(decimal_comma("1,234"), None);
        let mut p = [0, 2, 1];
        assert!(next_permutation(&mut p));
        assert_eq!(p, [1, 0, 2]);
        let mut last = [2, 1, 0];
        assert!(!next_permutation(&mut last));
    }

    #[test]
    fn a_first_column_header_after_its_labels_ends_them() {
        let texts = ["1 月", "2 月", "合计", "月份"];
        let (mut names, mut labels) = (vec![0], vec![1, 2, 3]);
        header_after_labels(&mut names, &mut labels, |k| is_total(texts[k]));
        assert_eq!((names, labels), (vec![3], vec![0, 1, 2]));
        // Labels ending with their total: the header came first.
        let (mut names, mut labels) = (vec![3], vec![0, 1, 2]);
        header_after_labels(&mut names, &mut labels, |k| is_total(texts[k]));
        assert_eq!((names, labels), (vec![3], vec![0, 1, 2]));
    }

    #[test]
    fn a_line_of_names_is_a_box_printed_cell() {
        assert!(is_names_line("2020 年进口 2020 年出口 2021 年进口 2021 年出口"));
        assert!(!is_names_line("中华人民共和国海关总署统计数据"));
        assert!(!is_names_line("Источник: Федеральная служба государственной статистики"));
    }

    #[test]
    fn a_boxed_table_with_its_names_on_one_line_and_a_label_wrapped_in_its_box() {
        let lead = "正文第一句\n\n正文第二句\n\n正文第三句\n\n正文第四句\n\n正文第五句\n\n正文第六句。";
        let numbers = ["1,5", "2,0", "3,5", "4", "5", "9", "0,1", "0,2", "0,3"];
        let cells: Vec<&str> =
            ["口岸", "2020 年进口 2020 年出口 2021 年进口", "甲", "乙", "合计"].into_iter().chain(numbers).collect();
        let text = format!("{lead}\n\n表 1 货运量\n\n{}\n\n（信息来源）某统计。\n", cells.join("\n\n"));
        let (blocks, _) = parse_blocks(&split_lines(&text));
        let Some(Block::Table(t)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["口岸", "2020 年进口", "2020 年出口", "2021 年进口"]);
        assert_eq!(t.rows[2].cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["合计", "3,5", "9", "0,3"]);
        // Two lines of one box are one cell.
        let cells = [
            "类别",
            "甲类",
            "乙类很长的名\n称",
            "合计",
            "2022 年",
            "1,5",
            "2,5",
            "4,0",
            "2023 年",
            "3,5",
            "1,5",
            "5,0",
        ];
        let text = format!("{lead}\n\n表 1 贸易额（亿美元）\n\n{}\n\n（信息来源）某统计。\n", cells.join("\n\n"));
        let (blocks, _) = parse_blocks(&split_lines(&text));
        let Some(Block::Table(t)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("{blocks:?}") };
        assert_eq!(t.rows[1].cells[0].text, "乙类很长的名称");
    }

    #[test]
    fn columns_add_up_to_their_total() {
        assert!(adds_up(&["1 520,4", "842,1", "35,2", "—", "2 397,7"]));
        assert!(!adds_up(&["1 520,4", "842,1", "35,2", "—"]));
        assert!(!adds_up(&["1", "2", "0"]));
    }

    #[test]
    fn a_boxed_column_of_names_may_hold_a_wrapped_name() {
        // The widest name went on onto a line of its own; the other columns hold one line a cell.
        let lead = "正文第一句\n\n正文第二句\n\n正文第三句\n\n正文第四句\n\n正文第五句\n\n正文第六句。";
        let cells = [
            "机制",
            "定期会晤",
            "安全磋商",
            "远东和贝加尔地区与东北",
            "地区合作委员会",
            "建立年份",
            "1996",
            "2005",
            "2018",
            "级别",
            "首脑",
            "副总理",
            "副总理",
        ];
        let text = format!("{lead}\n\n表 1 机制\n\n{}\n\n（信息来源）某统计。\n", cells.join("\n\n"));
        let (blocks, _) = parse_blocks(&boxed(&text));
        let Some(Block::Table(t)) = blocks.iter().find(|b| matches!(b, Block::Table(_))) else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["机制", "建立年份", "级别"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(
            rows,
            [
                ["定期会晤", "1996", "首脑"],
                ["安全磋商", "2005", "副总理"],
                ["远东和贝加尔地区与东北地区合作委员会", "2018", "副总理"]
            ]
        );
    }

    #[test]
    fn wrapped_cells_join_a_line_with_the_next() {
        assert_eq!(wrapped_cells(&[10, 11, 12, 13], &[1]), [vec![10], vec![11, 12], vec![13]]);
        assert_eq!(wrapped_cells(&[10, 11], &[]), [vec![10], vec![11]]);
    }

    #[test]
    fn a_table_printed_column_by_column_on_two_pages() {
        // Each page prints its columns again under their headers.
        let text = "表 1 出口\n类别\n甲类\n乙类\n\n出口量\n1,5\n2,5\n\n比重\n10\n20\n\n\
                    类别\n\n丙类\n丁类\n戊类\n\n出口量\n3,5\n4,5\n5,5\n\n比重\n30\n40\n50\n\n（信息来源）某统计。";
        let (blocks, diags) = parse_blocks(&split_lines(text));
        let Some(Block::Table(t)) = blocks.first() else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["类别", "出口量", "比重"]);
        let names: Vec<&str> = t.rows.iter().map(|r| r.cells[0].text.as_str()).collect();
        assert_eq!(names, ["甲类", "乙类", "丙类", "丁类", "戊类"]);
        assert_eq!(t.rows[3].cells[2].text, "40");
        assert!(diags.iter().any(|d| d.code == DiagnosticCode::TableHeaderRepeated));
        // Another header after the break is another table's: not this reading.
        let other = text.replace("\n比重\n30", "\n份额\n30");
        assert_eq!(column_groups_body_of(&other).map(|c| c.len()), None);
    }

    #[test]
    fn a_first_column_printed_apart_from_rows_of_numbers() {
        // The names a block, the other columns' header on one line, their numbers a cell a
        // line; after the break the table goes on in row order under its header again.
        let text = "表 1 出口\n类别\n\n甲类\n乙类\n\n出口量 比重\n1,5\n10\n2,5\n20\n\n\
                    类别\n出口量 比重\n丙类\n3,5\n30\n丁类\n4,5\n40\n（信息来源）某统计。";
        let (blocks, diags) = parse_blocks(&split_lines(text));
        let Some(Block::Table(t)) = blocks.first() else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["类别", "出口量", "比重"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [["甲类", "1,5", "10"], ["乙类", "2,5", "20"], ["丙类", "3,5", "30"], ["丁类", "4,5", "40"]]);
        assert!(diags.iter().any(|d| d.code == DiagnosticCode::TableHeaderRepeated));
        // Numbers that do not share evenly among the names: no table of this shape.
        let uneven = "表 1 出口\n类别\n\n甲类\n乙类\n\n出口量 比重\n1,5\n10\n2,5\n\n（信息来源）某统计。";
        let lines = split_lines(uneven);
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let kinds: Vec<Kind> = nonblank.iter().map(|l| kind(l)).collect();
        assert!(stub_column_body(&nonblank, &kinds, 1).is_none());
    }

    #[test]
    fn a_url_ends_a_note_only_when_nothing_follows_it() {
        assert!(ends_with_url("根据 <http://www.cbr.ru/statistics>"));
        assert!(ends_with_url("URL: http://www.example.ru/trade_ru_cn"));
        assert!(!ends_with_url("URL: http://www.example.ru/ru-"));
        // `pdftotext -raw` prints no space around the URL: the note ends with text.
        assert!(!ends_with_url("根据俄罗斯银行统计<http://www.cbr.ru/statistics>和俄罗斯驻华商务代表"));
        assert!(ends_with_url("根据统计<http://www.cbr.ru/statistics>"));
    }

    #[test]
    fn a_first_row_cell_and_a_column_name_printed_after_the_last_row() {
        // `pdftotext` of XeLaTeX: the first row's wrapped text cell and one column name come
        // after the rows, the name among the cell's lines.
        let text = "表 2.\n商品类别\n\n2019 年出口商品结构\n占总出口量的比重\n\n与 2018 年比较\n\n(%)\n\n(%)\n\n\
                    4261,3\n\n69.8\n\n0.8\n\n木材\n\n427,7\n\n7\n\n-8.8\n\n农产品\n\n358,1\n\n5.9\n\n12.2\n\n有色金属\n\n313,1\n\n5.1\n\n3.4\n\n\
                    矿物燃料、石\n\n出口量 (百万美元)\n\n油产品\n\n（信息来源）某统计。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        let Some(Block::Table(t)) = blocks.first() else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["商品类别", "出口量 (百万美元)", "占总出口量的比重 (%)", "与 2018 年比较 (%)"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(
            rows,
            [
                ["矿物燃料、石油产品", "4261,3", "69.8", "0.8"],
                ["木材", "427,7", "7", "-8.8"],
                ["农产品", "358,1", "5.9", "12.2"],
                ["有色金属", "313,1", "5.1", "3.4"]
            ]
        );
        assert!(t.source_note.as_deref().is_some_and(|n| n.contains("某统计")), "{t:?}");
        // Without a name among the lines after the rows, they are not read so.
        let unnamed = text.replace("出口量 (百万美元)", "出口量");
        let lines = split_lines(&unnamed);
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let kinds: Vec<Kind> = nonblank.iter().map(|l| kind(l)).collect();
        assert!(late_header_body(&nonblank, &kinds, 1).is_none());
    }

    /// The rows of a table read without its layout, as texts.
    fn plain_rows(t: &PlainTable) -> Vec<Vec<&str>> {
        t.1.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect()
    }

    #[test]
    fn a_box_printed_table_of_one_group_of_names_and_numbers_is_read_by_columns() {
        // pdfminer, a box a line: the names, two columns, the source note, the last two columns.
        let cells = "年份\n贸易额\n出口\n进口\n2018\n2019\n2020\n107,060.6\n110,757.1\n107,765.0\n\
                     （信息来源）某统计。\n47,975.2\n49,743.4\n50,585.3\n59,085.4\n61,013.7\n57,179.7";
        let text = format!("表 1 贸易额\n{cells}\n正文一句话在表的下面，说明了一些情况。").replace('\n', "\n\n");
        let lines = split_lines(&text);
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let kinds: Vec<Kind> = nonblank.iter().map(|l| kind(l)).collect();
        // The decimal numbers are no column headers (years): not read with the names as a column.
        assert!(boxed_label_columns_body(&nonblank, &kinds, 1, true).is_none());
        let t = boxed_numeric_columns_body(&nonblank, &kinds, 1, true).expect("read by columns");
        assert_eq!(t.0, ["年份", "贸易额", "出口", "进口"]);
        assert_eq!(plain_rows(&t)[2], ["2020", "107,765.0", "50,585.3", "57,179.7"]);
        // Not in a region printed line after line.
        let plain = format!("表 1 贸易额\n{cells}\n正文一句话在表的下面，说明了一些情况。");
        let lines = split_lines(&plain);
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let kinds: Vec<Kind> = nonblank.iter().map(|l| kind(l)).collect();
        assert!(boxed_numeric_columns_body(&nonblank, &kinds, 1, false).is_none());
    }

    #[test]
    fn a_box_printed_table_with_row_labels_after_its_names_is_read_by_columns() {
        // The header row, the row labels, two number columns (digits grouped by spaces, a word
        // for a missing value), the source note, then the last column under its name.
        let cells = "产品\n2021 年\n2022 年\n原油\n天然气\n煤炭\n石油产品\n7 964\n450\n5 700\n420\n\
                     8 625\n650\n6 800\n暂无数据\n（信息来源）某统计。\n变化\n+8.3%\n+44.4%\n+19.3%\n-";
        let text = format!("表 2 出口\n{cells}\n正文一句话在表的下面，说明了一些情况。").replace('\n', "\n\n");
        let lines = split_lines(&text);
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let kinds: Vec<Kind> = nonblank.iter().map(|l| kind(l)).collect();
        let t = boxed_numeric_columns_body(&nonblank, &kinds, 1, true).expect("read by columns");
        assert_eq!(t.0, ["产品", "2021 年", "2022 年", "变化"]);
        assert_eq!(
            plain_rows(&t),
            [
                ["原油", "7 964", "8 625", "+8.3%"],
                ["天然气", "450", "650", "+44.4%"],
                ["煤炭", "5 700", "6 800", "+19.3%"],
                ["石油产品", "420", "暂无数据", "-"]
            ]
        );
    }

    #[test]
    fn digit_groups_set_apart_by_spaces_are_joined_when_the_count_then_fits() {
        let text = "表 2 出口\n产品 2021 年 2022 年 变化\n原油 7 964 8 625 +8.3%\n天然气 450 650 +44.4%\n\
                    煤炭 5 700 6 800 +19.3%\n石油产品 420 暂无数据 -\n正文一句话在表的下面，说明了一些情况。";
        let lines = split_lines(text);
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let kinds: Vec<Kind> = nonblank.iter().map(|l| kind(l)).collect();
        let t = plain_body_with(&nonblank, &kinds, 1, false).expect("read by rows");
        assert_eq!(t.0, ["产品", "2021 年", "2022 年", "变化"]);
        assert_eq!(plain_rows(&t)[0], ["原油", "7 964", "8 625", "+8.3%"]);
        assert_eq!(plain_rows(&t)[2], ["煤炭", "5 700", "6 800", "+19.3%"]);
        // Three numbers one space apart where two are expected: two possible joins, one needed.
        let ambiguous = "原油 7 964 625 +8.3%\n天然气 45.0 65.0 +44.4%\n煤炭 5 700 6 800 +19.3%";
        let lines = split_lines(ambiguous);
        let other: Vec<&Line> = lines.iter().collect();
        let other_kinds: Vec<Kind> = other.iter().map(|l| kind(l)).collect();
        let mut groups = group_atoms(body_atoms(&other, &other_kinds, 0, false));
        join_digit_groups(&mut groups);
        assert_eq!(groups[0].numbers.iter().map(|a| a.text).collect::<Vec<_>>(), ["7", "964", "625", "+8.3%"]);
        assert_eq!(groups[2].numbers.iter().map(|a| a.text).collect::<Vec<_>>(), ["5 700", "6 800", "+19.3%"]);
    }

    #[test]
    fn first_group_shapes() {
        assert_eq!(first_group_shape(4, 8, None, false), Some((2, false)));
        // 1 + 2 names + 4 labels over 8 numbers: 4 rows (2 names + 2 labels would need 1 + 2 + 2).
        assert_eq!(first_group_shape(7, 8, Some(4), true), Some((4, true)));
        // Two readings (2 columns of 4, 4 of 2) and no later group to choose: none.
        assert_eq!(first_group_shape(7, 8, None, true), None);
        assert_eq!(first_group_shape(7, 8, Some(4), false), None);
    }

    #[test]
    fn grouped_numbers() {
        for t in ["7 964", "1 029,5", "-12 345.6", "190 271 000"] {
            assert!(is_grouped_number(t), "{t}");
        }
        for t in ["2018 2019", "7964", "12 34", "1234 567", "7 964 8 625", "a 123", ""] {
            assert!(!is_grouped_number(t), "{t}");
        }
        assert!(is_label_number("2014") && !is_label_number("107,060.6") && !is_label_number("-3"));
    }

    #[test]
    fn a_table_of_numbers_printed_column_by_column_without_blank_lines() {
        // Names, then their columns' numbers in turn; the source note printed among the cells.
        let text = "表 1 贸易额（亿美元）\n年份\n2014\n2015\n贸易额\n952.8\n680.2\n（信息来源）某统计。\n\
                    出口\n进口\n536.8\n348.1\n416.0\n332.1\n正文一句话在表的下面，说明了一些情况。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        let Some(Block::Table(t)) = blocks.first() else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["年份", "贸易额", "出口", "进口"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [["2014", "952.8", "536.8", "416.0"], ["2015", "680.2", "348.1", "332.1"]]);
        assert_eq!(t.source_note.as_deref(), Some("某统计。"));
        assert!(matches!(blocks.get(1), Some(Block::Paragraph { text, .. }) if text.starts_with("正文")), "{blocks:?}");
        // Groups whose numbers do not share evenly among their names: no such reading.
        let uneven = text.replace("332.1\n", "");
        let lines = split_lines(&uneven);
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let kinds: Vec<Kind> = nonblank.iter().map(|l| kind(l)).collect();
        assert_eq!(numeric_columns_body(&nonblank, &kinds, 1).map(|t| t.0), None);
    }

    #[test]
    fn a_space_aligned_table_whose_next_page_sets_its_columns_anew() {
        let text = "表 1 出口\n   类别       出口量     比重\n\n甲类          22614      45.5\n\n乙类          5873,6     11.8\n\n\
                          类别                  出口量            比重\n\n 丙类长名称                  290,5             0.6\n\n\
                     丁类                        319,1             0.6\n";
        let (blocks, diags) = parse_blocks(&split_lines(text));
        let Some(Block::Table(t)) = blocks.first() else { panic!("{blocks:?}") };
        assert_eq!(t.columns, ["类别", "出口量", "比重"]);
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(
            rows,
            [
                ["甲类", "22614", "45.5"],
                ["乙类", "5873,6", "11.8"],
                ["丙类长名称", "290,5", "0.6"],
                ["丁类", "319,1", "0.6"]
            ]
        );
        assert!(diags.iter().any(|d| d.code == DiagnosticCode::TableHeaderRepeated));
        assert_eq!(repeated_header_at(&[]), None);
    }

    fn column_groups_body_of(text: &str) -> Option<Vec<String>> {
        let lines = split_lines(text);
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let kinds: Vec<Kind> = nonblank.iter().map(|l| kind(l)).collect();
        column_groups_body(&nonblank, &kinds, 1).map(|t| t.0)
    }

    fn plain_table(text: &str) -> Table {
        table(text).0
    }

    #[test]
    fn numbers_grouped_by_spaces_with_a_comma_decimal_are_one_token() {
        assert_eq!(
            cell_tokens("满洲里 1 520,4 380,2 1 611,0 402,7"),
            ["满洲里", "1 520,4", "380,2", "1 611,0", "402,7"]
        );
        assert_eq!(cell_tokens("合计 -2 397 123,7 5"), ["合计", "-2 397 123,7", "5"]);
        // Without a comma decimal the spaces separate cells.
        assert_eq!(cell_tokens("年度 1 520 380"), ["年度", "1", "520", "380"]);
        assert_eq!(parse_number("1 520,4"), Some(1520.4));
    }

    /// A table printed a cell a line (PyMuPDF on XeLaTeX): a line holding only a number grouped by
    /// spaces (`7 964`) is one cell; on a line with other cells the spaces still separate them.
    #[test]
    fn a_space_grouped_number_alone_on_its_line_is_one_cell() {
        let t = plain_table(
            "表 2 能源产品出口\n产品\n2021 年\n2022 年\n变化\n原油\n7 964\n8 625\n+8.3%\n液化天然气\n450\n650\n+44.4%\n\
             煤炭\n5 700\n6 800\n+19.3%\n",
        );
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows[0], ["原油", "7 964", "8 625", "+8.3%"]);
        assert_eq!(t.rows[2].cells[1].value, Some(5700.0));
        assert_eq!(t.columns, ["产品", "2021 年", "2022 年", "变化"]);
        assert!(is_space_grouped_integer("1 520 380") && is_space_grouped_integer(" 7 964 "));
        assert!(
            !is_space_grouped_integer("7964")
                && !is_space_grouped_integer("7 96")
                && !is_space_grouped_integer("年 964")
        );
        // A missing value printed as a word or a non-breaking hyphen stays in its number column.
        let t = plain_table(
            "表 2 能源产品出口\n产品\n2021 年\n2022 年\n变化\n原油\n7 964\n8 625\n+8.3%\n液化天然气\n450\n650\n+44.4%\n\
             石油产品\n420\n暂无数据\n‑\n",
        );
        let last: Vec<&str> =
            t.rows.last().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).unwrap_or_default();
        assert_eq!(last, ["石油产品", "420", "暂无数据", "‑"]);
        assert!(is_number_cell("暂无数据") && is_number_cell(" ‑ ") && !is_number_cell("石油产品"));
    }

    #[test]
    fn a_text_column_after_the_number_columns() {
        let rows = "总理定期会晤 1996 政府首脑\n战略安全磋商 2005 副总理级\n投资合作委员会 2014 副总理级\n参见：某某文章，第 12 页。";
        let t = plain_table(&format!("表 1 机制的建立\n机制 建立年份 级别\n{rows}"));
        assert_eq!(t.columns, ["机制", "建立年份", "级别"]);
        assert_eq!(cell_texts(&t)[0], ["总理定期会晤", "1996", "政府首脑"]);
        assert_eq!(t.rows.len(), 3);
        // The same table printed a cell a line.
        let t = plain_table("表 1 机制的建立\n机制\n建立年份\n级别\n总理定期会晤\n1996\n政府首脑\n战略安全磋商\n2005\n副总理级\n参见：某某文章，第 12 页。");
        assert_eq!(t.columns, ["机制", "建立年份", "级别"]);
        assert_eq!(cell_texts(&t), [["总理定期会晤", "1996", "政府首脑"], ["战略安全磋商", "2005", "副总理级"]]);
    }

    fn cell_texts(t: &Table) -> Vec<Vec<String>> {
        t.rows.iter().map(|r| r.cells.iter().map(|c| c.text.clone()).collect()).collect()
    }

    #[test]
    fn a_table_one_cell_a_line_with_wrapped_header_and_cell() {
        let t = plain_table(
            "表2.\n2019 年出口商品结构\n商品类别\n出口量(百万美元)\n占总出口量的比重\n(%)\n与2018 年比较\n(%)\n矿物燃料、石油、石\n油产品\n42619,3\n69.8\n0.8\n木材及木制品\n4279,7\n7\n‑8.8\n（信息来源）海关",
        );
        assert_eq!((t.label.as_str(), t.caption.as_str()), ("表2", "2019 年出口商品结构"));
        assert_eq!(t.columns, ["商品类别", "出口量(百万美元)", "占总出口量的比重 (%)", "与2018 年比较 (%)"]);
        assert_eq!(cell_texts(&t)[0], ["矿物燃料、石油、石油产品", "42619,3", "69.8", "0.8"]);
        assert_eq!(t.rows[1].cells[3].value, Some(-8.8));
        assert_eq!(t.source_note.as_deref(), Some("海关"));
    }

    #[test]
    fn a_table_a_row_a_line_with_units_under_the_header_and_a_wrapped_cell() {
        let t = plain_table(
            "表 2. 出口商品结构\n商品类别 出口量(百万美元) 占总出口量的比重 与2018年比较\n(%) (%)\n矿物燃料、石 42619,3 69.8 0.8\n油产品\n木材及木制品 4279,7 7 -8.8\n（信息来源）海关",
        );
        assert_eq!(t.columns, ["商品类别", "出口量(百万美元)", "占总出口量的比重 (%)", "与2018年比较 (%)"]);
        assert_eq!(cell_texts(&t)[0][0], "矿物燃料、石油产品");
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn a_header_of_numbers_and_a_header_printed_again() {
        let text = "表一 相互投资额（单位：亿美元）\n年度 2014 2015\n中国对俄罗\n斯\n68.72 54.01\n年度 2014 2015\n俄罗斯对中国 0.54 0.11\n（信息来源）银行";
        let (t, diags) = table(text);
        assert_eq!(t.columns, ["年度", "2014", "2015"]);
        assert_eq!(cell_texts(&t), [["中国对俄罗斯", "68.72", "54.01"], ["俄罗斯对中国", "0.54", "0.11"]]);
        assert!(diags.iter().any(|d| d.code == "table_header_repeated"), "{diags:?}");
    }

    #[test]
    fn a_markdown_pipe_table_with_shifted_empty_cells() {
        let t = plain_table(
            "表 2. 出口商品结构\n|  | 商品类别 | 出口量 | 增长 (%) |\n| --- | --- | --- | --- |\n| 纸浆 |  | 868,3 | 1.4 |\n| 肥料 | 763,7 |  | 1.2 |\n（信息来源）海关",
        );
        assert_eq!(t.columns, ["商品类别", "出口量", "增长 (%)"]);
        assert_eq!(cell_texts(&t), [["纸浆", "868,3", "1.4"], ["肥料", "763,7", "1.2"]]);
    }

    #[test]
    fn tails_of_wrapped_cells_printed_after_the_rows_go_back_to_the_widest_cells() {
        // `pdftotext` of a XeLaTeX table: each wrapped cell's second line after the last row.
        let t = plain_table(
            "表 3.\n出口商品结构\n商品类别\n出口量\n增长\n机械和设备\n22614\n2\n家具、床垫、照明设\n1190,7\n21.5\n餐具\n508,5\n7.8\n矿物燃料、石油、石\n356,2\n‑5.1\n备\n油产品\n（信息来源）海关",
        );
        let first: Vec<String> = cell_texts(&t).into_iter().map(|r| r[0].clone()).collect();
        assert_eq!(first, ["机械和设备", "家具、床垫、照明设备", "餐具", "矿物燃料、石油、石油产品"]);
        assert_eq!(t.source_note.as_deref(), Some("海关"));
        // A text column after the numbers; the tail ends the region.
        let t = plain_table("表1\n机制\n中俄主要合作机制的建立\n建立年份\n级别\n总理定期会晤\n1996\n政府首脑\n战略安全磋商\n2005\n副总理级\n投资合作委员会\n2014\n副总理级\n远东和贝加尔地区与东北\n2018\n副总理级\n地区政府间合作委员会");
        assert_eq!(cell_texts(&t)[3], ["远东和贝加尔地区与东北地区政府间合作委员会", "2018", "副总理级"]);
        // Not as many widest cells as tails: the lines stay out of the table.
        let t = plain_table("表 3.\n结构\n类别\n出口量\n甲类商品\n1\n乙类商品\n2\n备\n（信息来源）海关");
        assert_eq!(cell_texts(&t), [["甲类商品", "1"], ["乙类商品", "2"]]);
        // Short lines followed by prose are not tails.
        let t = plain_table("表 3.\n结构\n类别\n出口量\n甲类商品长\n1\n乙类\n2\n备\n两国的合作继续扩大，成果丰硕。");
        assert_eq!(cell_texts(&t), [["甲类商品长", "1"], ["乙类", "2"]]);
    }

    #[test]
    fn prose_after_a_caption_is_no_plain_table() {
        let blocks = parse_blocks(&lex::split_lines(
            "表 2. 结构\n中俄两国在 2019 年的贸易额为 1107 亿美元。\n两国合作继续扩大，成果 12 项。",
        ))
        .0;
        assert!(!blocks.iter().any(|b| matches!(b, Block::Table(_))), "{blocks:?}");
    }
}
