//! Stage 2b: page furniture. PDF-to-text tools print, at every page break, a running header
//! (the report title, a chapter title), a page number (`12`, `- 12 -`, `第 12 页`, centred with
//! spaces), footnotes at the page bottom and form feeds (`\f`). None of it is text of the report.
//!
//! [`scan`] learns the furniture from the document itself, never from a fixed string:
//! 1. page numbers: lines holding only a number (or a number beside a short header) whose values
//!    increase by one from page to page, at page-like line distances (the longest such chain);
//! 2. break anchors: the page-number lines of that chain and lines that begin with a form feed;
//! 3. running headers/footers: short lines that repeat next to anchors (compared without white
//!    space, so spacing variants are one header); the first occurrence of a line that is a
//!    heading, or any occurrence before the first anchor (the title page), is text;
//! 4. footnotes: the numbered notes (`1 参见：…`, `¹ …`) right above the furniture of a break.
//!
//! The furniture and footnotes of one break, with the blank lines around them, are replaced by a
//! single blank line in the line sequence handed to the later stages, so a paragraph, list item,
//! table or chronology entry split by the break is re-flowed as if the break were not there,
//! while every span still points at the real lines.

use crate::model::{Diagnostic, DiagnosticCode, Footnote, FurnitureKind, FurnitureLine, PageBreak, Span};
use crate::parse::lex::{at_most_chars, digit_value, is_cjk, is_space, normalize, trim, Line};
use std::borrow::Cow;
use std::collections::HashMap;

/// The text of the blank line that stands for a page break in [`Pages::lines`]: a form feed,
/// blank for every stage, and a sign for [`crate::parse::blocks`] that the page ended there.
pub const PAGE_BREAK: &str = "\u{c}";

/// Fewest lines from one page number to the next (per page).
const MIN_LINES_PER_PAGE: usize = 5;
/// Most lines from one page number to the next (per page).
const MAX_LINES_PER_PAGE: usize = 400;
/// Most pages a chain may skip between two printed numbers (unnumbered chapter openings).
const MAX_PAGE_SKIP: u32 = 3;
/// Fewest page numbers that make a chain.
const MIN_CHAIN: usize = 3;
/// Fewest Roman front-matter numbers that make a chain where the body's numbers make one after
/// them: the front matter is short (a contents page and a summary page, `i` / `ii`), and the
/// body's chain is the evidence that the document numbers its pages.
const MIN_ROMAN_CHAIN: usize = 2;
/// The dashes printed around a page number (`- 12 -`).
const PAGE_DASHES: [char; 4] = ['-', '–', '—', '−'];
/// The dashes printed around a Roman front-matter page number (`- ii -`).
const ROMAN_DASHES: [char; 3] = ['-', '–', '—'];
/// Longest page-number line (`第 12 页`, `- xii -`, `Стр. 12`), in bytes once trimmed: decorations
/// and the spaces between them and the number included.
const PAGE_NUMBER_MAX_BYTES: usize = 40;
/// Longest running header, in characters.
const HEADER_MAX_CHARS: usize = 60;
/// Most numbered pages between two occurrences of one running header.
const HEADER_MAX_PAGES_APART: usize = 8;
/// Most lines a footnote may wrap over.
const FOOTNOTE_MAX_LINES: usize = 6;
/// Most characters of a footnote's continuation lines beyond `FOOTNOTE_MAX_LINES` lines (a dump
/// printing a note one word a line).
const FOOTNOTE_MAX_CHARS: usize = 200;

/// The furniture of a document and the line sequence without it.
#[derive(Debug, Default)]
pub struct Pages<'l, 'a> {
    /// The input lines without furniture and footnotes; each break is one blank line. The input
    /// lines themselves when there is neither (no copy of a large input's line table).
    pub lines: Cow<'l, [Line<'a>]>,
    /// The page breaks found, in order.
    pub breaks: Vec<PageBreak>,
    /// The footnotes removed from the text.
    pub footnotes: Vec<Footnote>,
    /// Problems found while removing the furniture.
    pub diagnostics: Vec<Diagnostic>,
}

impl Pages<'_, '_> {
    /// The page on which an element spanning `span` starts, when page numbers are known. Compared
    /// by bytes, not lines: PDFium glues a page's number to the next page's first line
    /// (`2第一章 …`), and the heading after the number starts the page after that break.
    pub fn page_of(&self, span: Span) -> Option<u32> {
        // By the break's start: a break whose furniture lies on both sides of some text (a
        // header printed apart from its number) has that text after it.
        let k = self.breaks.partition_point(|b| b.span.byte_start < span.byte_start);
        match self.breaks.get(k) {
            Some(b) => b.page,
            None => self.breaks.last().and_then(|b| b.page).map(|p| p + 1),
        }
    }

    /// No page 0: number 1 printed at the top of the body's first page (header and number painted
    /// before the text) makes the break above it end "page 0", the unnumbered or Roman-numbered
    /// page before it. Call once the pages are final (the TOC may still shift them by one).
    pub fn clear_page_zero(&mut self) {
        let zero = Some(0);
        self.breaks.iter_mut().filter(|b| b.page == zero).for_each(|b| b.page = None);
        self.footnotes.iter_mut().filter(|f| f.page == zero).for_each(|f| f.page = None);
    }
}

/// A page number as printed: `12`, `- 12 -`, `— 12 —`, `第 12 页`, `１２`. Returns the number.
pub fn scan_page_number(text: &str) -> Option<u32> {
    let t = trim(text);
    if t.len() > PAGE_NUMBER_MAX_BYTES {
        return None;
    }
    let t = t
        .strip_prefix(PAGE_DASHES)
        .and_then(|r| r.strip_suffix(PAGE_DASHES))
        .or_else(|| t.strip_prefix('第').and_then(|r| r.strip_suffix('页')))
        .or_else(|| t.strip_prefix("Page").or_else(|| t.strip_prefix("Стр.")))
        .unwrap_or(t);
    let t = trim(t);
    // Most lines are long: their byte length alone rules them out before any character is read.
    if t.is_empty() || !at_most_chars(t, 4) || !t.chars().all(|c| digit_value(c).is_some()) {
        return None;
    }
    t.chars().try_fold(0u32, |acc, c| Some(acc * 10 + digit_value(c)?)).filter(|&v| v > 0)
}

/// A front-matter page number in Roman numerals: `iv`, `XII`, `- ii -`, `Ⅲ`, `ⅳ` (all in one
/// case, in canonical form, 1..=39). Returns the number.
pub fn scan_roman_page(text: &str) -> Option<u32> {
    let t = trim(text);
    if t.len() > PAGE_NUMBER_MAX_BYTES {
        return None;
    }
    let t = t.strip_prefix(ROMAN_DASHES).and_then(|r| r.strip_suffix(ROMAN_DASHES)).map_or(t, trim);
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // One Unicode Roman numeral character: Ⅰ..Ⅻ, ⅰ..ⅻ.
        return match c as u32 {
            0x2160..=0x216B => Some(c as u32 - 0x2160 + 1),
            0x2170..=0x217B => Some(c as u32 - 0x2170 + 1),
            _ => roman_value(t),
        };
    }
    roman_value(t)
}

/// The value of an ASCII Roman numeral written canonically in one case (`xiv`, `XIV`), 1..=39.
fn roman_value(t: &str) -> Option<u32> {
    // The length first: every line of a document is tried, and most are far longer.
    if t.is_empty() || t.len() > 6 {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    if t != lower && t != t.to_ascii_uppercase() {
        return None;
    }
    let digit = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        _ => None,
    };
    let values: Vec<u32> = lower.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, &v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|&next| next > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    let value = u32::try_from(total).ok().filter(|v| (1..40).contains(v))?;
    (to_roman(value) == lower).then_some(value)
}

fn to_roman(mut v: u32) -> String {
    let mut out = String::new();
    for (n, s) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while v >= n {
            out.push_str(s);
            v -= n;
        }
    }
    out
}

/// A header printed with its page number on the same line, apart by two or more spaces or a
/// tab (`中俄对话：2023 模式        13`, `12      第一章 …`). Returns (number, header text).
fn split_numbered_header<'a>(line: &Line<'a>) -> Option<(u32, &'a str)> {
    // The line table says whether a number stands apart at either end: most lines are ruled out
    // before their text is read. Tabs separate table cells and TOC pages, and a header is laid
    // out with spaces.
    let t = line.trimmed();
    let split = if line.number_apart_at_end() {
        let head = t.trim_end_matches(|c: char| digit_value(c).is_some());
        (scan_page_number(&t[head.len()..])?, trim(head))
    } else if line.number_apart_at_start() {
        let tail = t.trim_start_matches(|c: char| digit_value(c).is_some());
        (scan_page_number(&t[..t.len() - tail.len()])?, trim(tail))
    } else {
        return None;
    };
    Some(split).filter(|_| !line.has_tab() && t.chars().any(|c| c.is_alphabetic()))
}

/// The comparison key of a header line: normalized, without any white space.
fn header_key(text: &str) -> String {
    normalize(text).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a short line could be a running header or footer.
fn header_candidate(text: &str) -> bool {
    let t = trim(text);
    at_most_chars(t, HEADER_MAX_CHARS)
        && !at_most_chars(t, 1)
        && !t.contains('\t')
        && !t.ends_with(['。', '，', '；', '、', ',', ';'])
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

fn superscript_value(c: char) -> Option<u32> {
    SUPERSCRIPTS.iter().position(|&s| s == c).map(|p| p as u32)
}

/// A footnote line: `1 参见：…`, `¹ …`, `[2] Лузянин …`, `3 See: …`. Returns (number, text).
/// `1. …` (a numbered item), `2 月 …` (a date) and table rows are not footnotes.
pub fn scan_footnote(text: &str) -> Option<(u32, &str)> {
    if text.contains('\t') {
        return None;
    }
    let t = trim(text);
    let sup: String = t.chars().take_while(|c| superscript_value(*c).is_some()).collect();
    if !sup.is_empty() {
        let n = sup.chars().try_fold(0u32, |a, c| Some(a * 10 + superscript_value(c)?))?;
        let rest = trim(&t[sup.len()..]);
        return (n > 0 && !rest.is_empty()).then_some((n, rest));
    }
    let (inner, after) = match t.strip_prefix('[') {
        Some(r) => {
            let close = r.find(']')?;
            (&r[..close], &r[close + 1..])
        }
        None => {
            let end = t.find(|c: char| digit_value(c).is_none()).unwrap_or(t.len());
            (&t[..end], &t[end..])
        }
    };
    if inner.is_empty() || inner.chars().count() > 3 || !inner.chars().all(|c| digit_value(c).is_some()) {
        return None;
    }
    let bracketed = t.starts_with('[');
    if !bracketed && !after.starts_with(is_space) {
        return None;
    }
    let rest = trim(after);
    let first = rest.chars().next()?;
    if matches!(first, '年' | '月' | '日' | '%' | '％' | '.' | '．' | '、' | ')' | '）' | '-' | '–' | '—' | '个' | '种')
        || digit_value(first).is_some()
        || rest.chars().count() < 4
    {
        return None;
    }
    let n = inner.chars().try_fold(0u32, |a, c| Some(a * 10 + digit_value(c)?))?;
    (n > 0).then_some((n, rest))
}

/// A rule printed above footnotes: `____`, `———`, `------`.
fn is_rule(text: &str) -> bool {
    let t = trim(text);
    t.chars().count() >= 3 && t.chars().all(|c| matches!(c, '_' | '—' | '-' | '─' | '━' | '–'))
}

/// Page-number candidates: (line index, number, header text beside it). A candidate whose
/// nearest non-blank neighbour is a candidate too is part of a run (a TOC, a column of figures),
/// not furniture. `roman` selects Roman numerals (front-matter pages) instead of digits.
fn number_candidates<'a>(lines: &[Line<'a>], roman: bool) -> Vec<(usize, u32, Option<&'a str>)> {
    let one = |l: &Line<'a>| -> Option<(u32, Option<&'a str>)> {
        // Most lines are ruled out by their first character and whether they end in a digit,
        // which the line table keeps, before their text is read: each function below needs one
        // of these, and a page number is short.
        let (first, t) = (l.first_char(), l.trimmed());
        let short = t.len() <= PAGE_NUMBER_MAX_BYTES;
        if roman {
            let roman_start = ROMAN_DASHES.contains(&first)
                || matches!(first, 'i' | 'v' | 'x' | 'I' | 'V' | 'X')
                || matches!(first as u32, 0x2160..=0x216B | 0x2170..=0x217B);
            return if roman_start && short { scan_roman_page(t).map(|n| (n, None)) } else { None };
        }
        let digit_end = digit_value(first).is_some() || l.ends_with_digit();
        let decorated = PAGE_DASHES.contains(&first) || matches!(first, '第' | 'P' | 'С');
        if !digit_end && !decorated {
            return None;
        }
        // A bare number starts and ends with a digit; any other form starts with its decoration.
        let number_like = decorated || (digit_value(first).is_some() && l.ends_with_digit());
        if let Some(n) = (short && number_like).then(|| scan_page_number(t)).flatten() {
            return Some((n, None));
        }
        if !digit_end {
            return None;
        }
        let (n, h) = split_numbered_header(l)?;
        header_candidate(h).then_some((n, Some(h)))
    };
    // The candidates only, in line order (few lines are): a table of every line would take a
    // large input's memory.
    let found: Vec<(usize, u32, Option<&'a str>)> =
        lines.iter().enumerate().filter_map(|(k, l)| one(l).map(|(n, h)| (k, n, h))).collect();
    // Whether line `k` is a candidate, and a numbered header.
    let form = |k: usize| found.binary_search_by_key(&k, |c| c.0).ok().map(|at| found[at].2.is_some());
    let neighbour = |k: usize, step: isize| -> bool {
        let mut j = k as isize + step;
        while j >= 0 && (j as usize) < lines.len() {
            let l = &lines[j as usize];
            if !l.is_blank() || l.text.contains('\u{c}') {
                // The same form (bare numbers, or numbered headers) on the next line: a run.
                let same = form(j as usize);
                return same.is_some() && same == form(k) && !l.text.contains('\u{c}');
            }
            j += step;
        }
        false
    };
    // The last of a run is still a candidate under a stack of footnote numbers (see
    // [`under_note_numbers`]).
    let value = |k: usize| found.binary_search_by_key(&k, |c| c.0).ok().map(|at| found[at].1);
    found
        .iter()
        .copied()
        .filter(|&(k, _, h)| {
            !neighbour(k, 1) && (!neighbour(k, -1) || (h.is_none() && under_note_numbers(lines, k, &value)))
        })
        .collect()
}

/// Most footnote numbers one page stacks ([`under_note_numbers`]).
const MAX_STACKED_NOTES: usize = 9;

/// Whether the bare number on line `k` stands under a stack of footnote numbers: the bare numbers
/// right above it (through blank lines; `value` reads a candidate line's number) count up by one
/// (`1` / `2` over the page number `3`: `pdftotext` prints Typst's footnote numbers below their
/// texts, then the page number). A TOC's page column or a table's column of figures seldom counts
/// up by one.
fn under_note_numbers(lines: &[Line], k: usize, value: &impl Fn(usize) -> Option<u32>) -> bool {
    let mut above: Vec<u32> = Vec::new();
    let mut j = k;
    while j > 0 && above.len() <= MAX_STACKED_NOTES {
        j -= 1;
        if lines[j].is_blank() && !lines[j].text.contains('\u{c}') {
            continue;
        }
        match value(j).filter(|_| bare_note_number(lines[j].text).is_some()) {
            Some(v) => above.push(v),
            None => break,
        }
    }
    !above.is_empty() && above.len() <= MAX_STACKED_NOTES && above.windows(2).all(|w| w[0] == w[1] + 1)
}

/// The longest chain of candidates whose numbers increase by 1..=MAX_PAGE_SKIP at page-like
/// distances. Returns indexes into `cands`.
fn longest_chain(cands: &[(usize, u32, Option<&str>)]) -> Vec<usize> {
    longest_chain_by(cands, |a, b| b - a)
}

/// [`longest_chain`], with the lines from one candidate to the next counted by `span` for the
/// `MAX_LINES_PER_PAGE` bound (the `MIN_LINES_PER_PAGE` bound counts every line).
fn longest_chain_by(cands: &[(usize, u32, Option<&str>)], span: impl Fn(usize, usize) -> usize) -> Vec<usize> {
    let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(cands.len());
    for j in 0..cands.len() {
        let (lj, vj, _) = cands[j];
        let mut entry = (1, None);
        // Only look back over a bounded window: page numbers are never far apart.
        let lo = j.saturating_sub(64);
        for i in (lo..j).rev() {
            let (li, vi, _) = cands[i];
            if vj <= vi || vj - vi > MAX_PAGE_SKIP {
                continue;
            }
            let per = (lj - li) / (vj - vi) as usize;
            if per < MIN_LINES_PER_PAGE || span(li, lj) / (vj - vi) as usize > MAX_LINES_PER_PAGE {
                continue;
            }
            // Of two predecessors making equally long chains, the one leaving the shorter of
            // its two pages longer (a footnote number `2` printed six lines above page 3 is
            // not page 2).
            // Chain starts keep the nearest (a TOC's page column is no page).
            let shortest = |i: usize| best[i].1.map(|p| (lj - cands[i].0).min(cands[i].0 - cands[p].0));
            let longer_pages =
                entry.1.is_some_and(|e| matches!((shortest(i), shortest(e)), (Some(a), Some(b)) if a > b));
            if best[i].0 + 1 > entry.0 || (best[i].0 + 1 == entry.0 && longer_pages) {
                entry = (best[i].0 + 1, Some(i));
            }
        }
        best.push(entry);
    }
    let Some(end) = (0..best.len()).max_by_key(|&j| (best[j].0, std::cmp::Reverse(j))) else {
        return Vec::new();
    };
    let mut chain = vec![end];
    let mut at = end;
    while let Some(p) = best[at].1 {
        chain.push(p);
        at = p;
    }
    chain.reverse();
    chain
}

/// Whether `a` and `b` are neighbours through blank lines and other furniture only.
fn near(lines: &[Line], furniture: &[bool], a: usize, b: usize) -> bool {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    hi - lo <= 4 && (lo + 1..hi).all(|k| lines[k].is_blank() || furniture[k])
}

/// Find the furniture and footnotes of `lines`. `heading_title` reads a heading line (part,
/// chapter, section) and returns its title: the first occurrence of a heading is never a running
/// header, and a line repeating a heading's title at a page break is one even when it is printed
/// only once (a short chapter).
pub fn scan<'l, 'a>(lines: &'l [Line<'a>], heading_title: impl Fn(&str) -> Option<String>) -> Pages<'l, 'a> {
    scan_known(lines, heading_title, &[])
}

/// [`scan`], with the lines already known to be running headers or footers (`known[k]`: line `k`
/// was printed in a page's top or bottom band, as the PDF layout stage sees): they are furniture
/// whatever their text, also the first occurrence of a heading's title. Lines whose furniture is
/// glued to their text (PDFium) are split first; the PDF layout stage never glues, so `known`
/// always refers to the lines as given.
pub fn scan_known<'l, 'a>(
    lines: &'l [Line<'a>],
    heading_title: impl Fn(&str) -> Option<String>,
    known: &[bool],
) -> Pages<'l, 'a> {
    match unglue(lines).filter(|_| known.is_empty()) {
        Some(split) => {
            let pages = scan_lines(&split, heading_title, &[]);
            Pages {
                lines: Cow::Owned(pages.lines.into_owned()),
                breaks: pages.breaks,
                footnotes: pages.footnotes,
                diagnostics: pages.diagnostics,
            }
        }
        None => match unglue_top(lines).filter(|_| known.is_empty()) {
            Some((split, glued)) => {
                let pages = scan_lines(&split, heading_title, &glued);
                Pages {
                    lines: Cow::Owned(pages.lines.into_owned()),
                    breaks: pages.breaks,
                    footnotes: pages.footnotes,
                    diagnostics: pages.diagnostics,
                }
            }
            None => scan_lines(lines, heading_title, known),
        },
    }
}

/// [`scan_known`] on lines whose furniture stands on lines of its own.
fn scan_lines<'l, 'a>(
    lines: &'l [Line<'a>],
    heading_title: impl Fn(&str) -> Option<String>,
    known: &[bool],
) -> Pages<'l, 'a> {
    let n = lines.len();
    let mut furniture: Vec<Option<FurnitureKind>> = vec![None; n];
    // 1. Page numbers: the body's chain, and the Roman numbers of the front-matter pages.
    let numbers = page_numbers(lines, &mut furniture);
    // 2. Anchors: chain lines and form feeds.
    let form_feed = mark_form_feeds(lines, &mut furniture);
    let first_anchor = (0..n).find(|&k| furniture[k].is_some() || form_feed[k]);
    // 3. Running headers: keys that repeat next to anchors.
    if let Some(first_anchor) = first_anchor {
        mark_running_headers(lines, &heading_title, &mut furniture, &form_feed, &numbers, first_anchor);
    }
    // Lines the PDF layout stage saw in a page's top or bottom band: furniture whatever their text.
    for (k, _) in known.iter().enumerate().filter(|&(k, &f)| f && k < n && !lines[k].is_blank()) {
        if furniture[k].is_none() {
            furniture[k] = Some(FurnitureKind::Header);
        }
    }
    // 4. Break regions: runs of furniture with the blank lines around them, and their footnotes.
    let regions = break_regions(lines, &furniture);
    let mut notes = break_footnotes(lines, &regions, &mut furniture);
    // 5. Page numbers per break.
    let mut pages = break_pages(&regions, &form_feed, &furniture, &numbers);
    if closes_a_page_numbered_at_its_top(lines, &regions, &furniture, &numbers, &pages)
        && notes.region_notes.last().is_some_and(Vec::is_empty)
    {
        // The form feed stays in the line sequence as a plain page-break line, with no record.
        if let Some((s, e)) = notes.full_regions.pop() {
            for f in &mut furniture[s..e] {
                if *f == Some(FurnitureKind::FormFeed) {
                    *f = None;
                }
            }
        }
        notes.region_notes.pop();
        pages.pop();
    }
    // 6. Records and the line sequence (at most one line per input line). Footnotes are only
    // found above furniture: without furniture, the sequence is the input's.
    if notes.full_regions.is_empty() {
        return Pages { lines: Cow::Borrowed(lines), ..Pages::default() };
    }
    let folded = headers_between_consecutive_pages(&regions, &form_feed, &furniture, &numbers, &notes);
    without_breaks(lines, &furniture, notes, &pages, &folded)
}

/// Which break regions are running headers only, printed between two breaks whose numbers
/// leave no page between them: the last Roman front-matter number and body page 1, or body
/// pages `p` and `p + 1`. There is one page boundary between two such numbers and the break of
/// the first holds it; the header (with the page's form feed, when that break has none) stands
/// apart from it only because the tool printed something of the ending page after its number
/// (`pdftotext` prints a contents page's column of page numbers after the page's own number).
/// Such a region is no break of its own: its furniture goes to the break before it, whose span
/// then takes in the text printed between them.
fn headers_between_consecutive_pages(
    regions: &[(usize, usize)],
    form_feed: &[bool],
    furniture: &[Option<FurnitureKind>],
    numbers: &Numbering,
    notes: &BreakNotes,
) -> Vec<bool> {
    // What a region's number says: Some(None) for a Roman number, Some(Some(v)) for body page v.
    let number = |&(s, e): &(usize, usize)| -> Option<Option<u32>> {
        (s..e).find_map(|k| if numbers.roman[k] { Some(None) } else { numbers.page_number.get(&k).map(|&v| Some(v)) })
    };
    let headers_only = |&(s, e): &(usize, usize)| {
        (s..e).all(|k| furniture[k].is_none_or(|f| matches!(f, FurnitureKind::Header | FurnitureKind::FormFeed)))
    };
    let fed = |&(s, e): &(usize, usize)| (s..e).any(|k| form_feed[k]);
    (0..regions.len())
        .map(|r| {
            let (Some(prev), Some(next)) = (r.checked_sub(1).map(|p| &regions[p]), regions.get(r + 1)) else {
                return false;
            };
            let adjacent = match (number(prev), number(next)) {
                (Some(None), Some(Some(1))) => true,
                (Some(Some(a)), Some(Some(b))) => b == a + 1,
                _ => false,
            };
            // A form feed is the boundary itself: the region holds it when the break before
            // does not (the number was printed before the end of its page's text).
            let one_boundary = !(fed(prev) && fed(&regions[r]));
            adjacent && one_boundary && headers_only(&regions[r]) && notes.region_notes[r].is_empty()
        })
        .collect()
}

/// What may follow a page number glued to the next page's first line when the whole run of
/// digits is the number: a digit run followed by a unit, a date part or number punctuation is a
/// quantity of the text (`12 月`, `30%`, `4）`), not a page number.
fn quantity_follows(c: char) -> bool {
    c.is_ascii_digit()
        || is_space(c)
        || matches!(
            c,
            '年' | '月'
                | '日'
                | '号'
                | '时'
                | '点'
                | '万'
                | '亿'
                | '千'
                | '百'
                | '个'
                | '余'
                | '多'
                | '岁'
                | '名'
                | '项'
                | '次'
                | '倍'
                | '届'
                | '家'
                | '人'
                | '吨'
                | '米'
                | '度'
                | '期'
                | '条'
                | '天'
                | '周'
                | '%'
                | '％'
                | '.'
                | '．'
                | ','
                | '，'
                | '、'
                | ':'
                | '：'
                | '/'
                | ')'
                | '）'
                | '-'
                | '‑'
                | '–'
                | '—'
                | '~'
                | '～'
        )
}

/// Page numbers glued to the start of a line (PDFium prints no line end between two pages, so a
/// page's number runs into the next page's first line: `17中俄两国…`, `382012 年…` = 38 +
/// `2012 年…`): (line index, number, byte length of the number). Every split of a leading run
/// of up to three digits is a candidate; [`longest_chain`] keeps the ones that make a sequence.
fn glued_number_candidates(lines: &[Line], quantities: bool) -> Vec<(usize, u32, usize)> {
    let mut out = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if !l.first_char().is_ascii_digit() || l.starts_with_space() {
            continue;
        }
        let t = l.text;
        let run = t.bytes().take_while(u8::is_ascii_digit).count();
        let Some(rest_first) = t[run..].chars().next() else {
            continue; // a bare number: an ordinary candidate
        };
        for len in 1..=run.min(3) {
            let follows = if len < run { t[len..].chars().next() } else { Some(rest_first) };
            let quantity = len == run && follows.is_some_and(quantity_follows);
            let value: u32 = t[..len].parse().unwrap_or(0);
            if (quantities || !quantity) && !t.starts_with('0') && value > 0 {
                out.push((k, value, len));
            }
        }
    }
    out
}

/// Roman front-matter numbers glued to the start of a line (`iv概 要`, `ii目 录`): (line index,
/// number, byte length). Only lower-case numerals glued to a CJK character.
fn glued_roman_candidates(lines: &[Line]) -> Vec<(usize, u32, usize)> {
    let mut out = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if !matches!(l.first_char(), 'i' | 'v' | 'x') || l.starts_with_space() {
            continue;
        }
        let t = l.text;
        let len = t.bytes().take_while(|b| matches!(b, b'i' | b'v' | b'x')).count();
        if t[len..].chars().next().is_some_and(is_cjk) {
            if let Some(v) = roman_value(&t[..len]) {
                out.push((k, v, len));
            }
        }
    }
    out
}

/// The longest chain over bare and glued candidates (`len` 0 = a line of its own; `inner`: the
/// number was cut from a longer run of digits, `382012 年` = 38 + `2012 年`), as
/// [`longest_chain`]; of chains as long, the one with the fewest numbers cut from a run (a line
/// that starts `2020 年…` also holds a candidate 20). Returns indexes into `cands`.
fn mixed_chain(cands: &[(usize, u32, usize, bool)]) -> Vec<usize> {
    // (length, cut numbers, predecessor) of the best chain ending at each candidate.
    let mut best: Vec<(usize, usize, Option<usize>)> = Vec::with_capacity(cands.len());
    for (j, &(lj, vj, _, inner)) in cands.iter().enumerate() {
        let mut entry = (1, usize::from(inner), None);
        for i in (j.saturating_sub(64)..j).rev() {
            let (li, vi, _, _) = cands[i];
            if vj <= vi || vj - vi > MAX_PAGE_SKIP {
                continue;
            }
            let per = (lj - li) / (vj - vi) as usize;
            if !(MIN_LINES_PER_PAGE..=MAX_LINES_PER_PAGE).contains(&per) {
                continue;
            }
            let (len, cut) = (best[i].0 + 1, best[i].1 + usize::from(inner));
            if len > entry.0 || (len == entry.0 && cut < entry.1) {
                entry = (len, cut, Some(i));
            }
        }
        best.push(entry);
    }
    let Some(end) = (0..best.len()).max_by_key(|&j| (best[j].0, std::cmp::Reverse(best[j].1), std::cmp::Reverse(j)))
    else {
        return Vec::new();
    };
    let mut chain = vec![end];
    let mut at = end;
    while let Some(p) = best[at].2 {
        chain.push(p);
        at = p;
    }
    chain.reverse();
    chain
}

/// Bare and glued candidates in line order: (line index, number, byte length of a glued number,
/// cut from a longer run of digits).
fn merged(
    bare: &[(usize, u32, Option<&str>)],
    glued: Vec<(usize, u32, usize)>,
    lines: &[Line],
) -> Vec<(usize, u32, usize, bool)> {
    let mut all: Vec<(usize, u32, usize, bool)> = bare
        .iter()
        .filter(|c| c.2.is_none())
        .map(|&(k, v, _)| (k, v, 0, false))
        .chain(glued.into_iter().map(|(k, v, len)| (k, v, len, lines[k].text.as_bytes()[len].is_ascii_digit())))
        .collect();
    all.sort_unstable();
    all
}

/// Fill the gaps of a chain (indexes into `cands`, whose line indexes and numbers come from
/// `at`): where the chain skips from page `v` to `v + s`, a lone candidate numbered in between,
/// in order, joins it however short its page (a page holding one line of text).
fn fill_chain_gaps<T>(cands: &[T], chain: Vec<usize>, at: impl Fn(&T) -> (usize, u32)) -> Vec<usize> {
    let mut out = Vec::with_capacity(chain.len());
    for (m, &c) in chain.iter().enumerate() {
        out.push(c);
        let Some(&next) = chain.get(m + 1) else { break };
        let ((_, v), (_, w)) = (at(&cands[c]), at(&cands[next]));
        let mut last = v;
        for want in v + 1..w {
            let between: Vec<usize> = (c + 1..next)
                .filter(|&i| at(&cands[i]).1 == want && at(&cands[i]).0 > at(&cands[*out.last().unwrap_or(&c)]).0)
                .collect();
            if let [only] = between[..] {
                if at(&cands[only]).0 < at(&cands[next]).0 && want == last + 1 {
                    out.push(only);
                    last = want;
                }
            }
        }
    }
    out
}

/// The front matter's Roman chain (indexes into `cands`) goes on to the body's first number
/// (line index `limit`): the next numbers after its last, each the only candidate of its value
/// before `limit`, however short their page (the last TOC page may hold a single line).
fn extend_roman_chain<T>(
    cands: &[T],
    mut chain: Vec<usize>,
    limit: usize,
    min: usize,
    at: impl Fn(&T) -> (usize, u32),
) -> Vec<usize> {
    if chain.len() < min {
        return chain;
    }
    while let Some(&last) = chain.last() {
        let (line, v) = at(&cands[last]);
        let next: Vec<usize> =
            (last + 1..cands.len()).filter(|&i| at(&cands[i]).1 == v + 1 && at(&cands[i]).0 < limit).collect();
        match next[..] {
            [only] if at(&cands[only]).0 > line => chain.push(only),
            _ => break,
        }
    }
    chain
}

/// Fewest Roman numbers that make the front matter's chain: `MIN_ROMAN_CHAIN` when the body has a
/// chain of its own after them, else `MIN_CHAIN`.
fn min_roman_chain(body_chain: bool) -> usize {
    if body_chain {
        MIN_ROMAN_CHAIN
    } else {
        MIN_CHAIN
    }
}

/// PDFium's page joins, split: where a document's page numbers are mostly glued to the next
/// page's first line (a chain of them, increasing by one at page-like distances, that is longer
/// than the chain of numbers on lines of their own), each glued number becomes a line of its
/// own, and so does a running header glued after a hyphenation point (U+FFFE, decoded as
/// U+2010) to the last line above such a number, when the same text stands as a line of its own
/// next to other page numbers. The parts keep their line's number and point at its bytes.
/// Returns `None` when nothing is glued.
fn unglue<'a>(lines: &[Line<'a>]) -> Option<Vec<Line<'a>>> {
    let bare = number_candidates(lines, false);
    let bare_chain = longest_chain(&bare).len();
    // The chain is made of numbers glued to text that does not read as a quantity; a gap in it
    // is filled by any candidate (`119届…` = 119 + `届…`, between pages 118 and 120).
    let strong = merged(&bare, glued_number_candidates(lines, false), lines);
    let all = merged(&bare, glued_number_candidates(lines, true), lines);
    let chain: Vec<usize> =
        mixed_chain(&strong).into_iter().filter_map(|c| all.binary_search(&strong[c]).ok()).collect();
    let chain = fill_chain_gaps(&all, chain, |c| (c.0, c.1));
    let chain: Vec<(usize, u32, usize, bool)> = chain.into_iter().map(|c| all[c]).collect();
    // Most of the chain glued, and not all of it cut from longer numbers (`2019 年` holds 201).
    let glued = chain.iter().filter(|c| c.2 > 0).count();
    let whole = chain.iter().filter(|c| c.2 > 0 && !c.3).count();
    if whole < MIN_CHAIN || chain.len() <= bare_chain || glued * 2 < chain.len() {
        return None;
    }
    let mut cut: HashMap<usize, usize> = chain.iter().filter(|c| c.2 > 0).map(|&(k, _, len, _)| (k, len)).collect();
    // The Roman numbers of the front matter, before the body's first number.
    let first_body = chain.first().map_or(lines.len(), |c| c.0);
    let romans = merged(&number_candidates(lines, true), glued_roman_candidates(lines), lines);
    let min_roman = min_roman_chain(!chain.is_empty());
    let roman_chain = extend_roman_chain(&romans, mixed_chain(&romans), first_body, min_roman, |c| (c.0, c.1));
    let roman_chain: Vec<(usize, u32, usize, bool)> =
        roman_chain.into_iter().map(|c| romans[c]).filter(|c| c.0 < first_body).collect();
    if roman_chain.len() >= min_roman {
        cut.extend(roman_chain.iter().filter(|c| c.2 > 0).map(|&(k, _, len, _)| (k, len)));
    }
    let numbered: Vec<usize> = chain.iter().chain(&roman_chain).map(|c| c.0).collect();
    let tails = glued_header_tails(lines, &numbered, &cut);
    let mut out = Vec::with_capacity(lines.len() + cut.len() + tails.len());
    for (k, l) in lines.iter().enumerate() {
        let mut rest = *l;
        if let Some(&len) = cut.get(&k) {
            out.push(Line::new(l.no, l.start, &l.text[..len]));
            rest = Line::new(l.no, l.start + len, &l.text[len..]);
        }
        match tails.get(&k) {
            Some(&at) if at > rest.start - l.start => {
                let at = at - (rest.start - l.start);
                out.push(Line::new(l.no, rest.start, &rest.text[..at]));
                out.push(Line::new(l.no, rest.start + at, &rest.text[at..]));
            }
            _ => out.push(rest),
        }
    }
    Some(out)
}

/// The running headers glued to the last line above a page number after a hyphenation point:
/// line index → byte offset (in the line) where the header starts. The header is a text that
/// stands as a line of its own right before or after another page number of `numbered`.
fn glued_header_tails(lines: &[Line], numbered: &[usize], cut: &HashMap<usize, usize>) -> HashMap<usize, usize> {
    // The headers seen as lines of their own beside a page number (after its glued part).
    let mut known: HashMap<String, usize> = HashMap::new();
    for &k in numbered {
        let before = k.checked_sub(1).map(|j| lines[j].text);
        let after = cut.get(&k).map(|&len| &lines[k].text[len..]);
        for t in before.into_iter().chain(after) {
            if header_candidate(t) && !t.contains(['\u{2010}', '\u{FFFE}']) {
                *known.entry(header_key(t)).or_default() += 1;
            }
        }
    }
    let mut tails = HashMap::new();
    for &k in numbered {
        let Some(j) = k.checked_sub(1) else { continue };
        let t = lines[j].text;
        let Some(at) = t.rfind(['\u{2010}', '\u{FFFE}']).filter(|&at| at > 0) else { continue };
        let at = at + t[at..].chars().next().map_or(0, char::len_utf8);
        let tail = &t[at..];
        if !tail.is_empty() && known.get(&header_key(tail)).is_some_and(|&n| n >= 2) {
            tails.insert(j, at);
        }
    }
    tails
}

/// Fewest characters of a running header glued to the end of a page's last line that repeats
/// the text printed right after the next page's number (`概要`, `建议`: the page's heading).
const GLUED_TOP_HEADER_MIN_CHARS: usize = 2;
/// Fewest characters of a glued running header that repeats a line printed elsewhere only (the
/// report's title on its cover, a chapter heading on another page) and is glued above two page
/// numbers; a shorter one (`建议`, a part's header) must also open a page (follow its number).
const GLUED_HEADER_MIN_CHARS: usize = 4;

/// PDFium's joins on a PDF whose furniture is painted before the page body (Chromium's margin
/// boxes): the next page's running header is glued to the end of the page's last line, and its
/// number stands on a line of its own below (`…增长点。中俄对话：2018模式` / `2` / `序言`); a
/// front-matter page with no header gets its Roman number glued there instead (`2018 年 6 月i`).
/// Each such tail becomes a line of its own, keeping its line's number and pointing at its bytes.
/// Returns the split lines and which of them are glued headers (furniture whatever their text),
/// or `None` when nothing is glued.
fn unglue_top<'a>(lines: &[Line<'a>]) -> Option<(Vec<Line<'a>>, Vec<bool>)> {
    let cands = number_candidates(lines, false);
    let chain = fill_chain_gaps(&cands, longest_chain(&cands), |c| (c.0, c.1));
    if chain.len() < MIN_CHAIN {
        return None;
    }
    let numbered: Vec<usize> = chain.iter().map(|&c| cands[c].0).collect();
    let tails = glued_top_headers(lines, &numbered);
    let romans = trailing_roman_numbers(lines, numbered[0]);
    if tails.is_empty() && romans.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(lines.len() + tails.len() + romans.len());
    let mut header = Vec::with_capacity(out.capacity());
    for (k, l) in lines.iter().enumerate() {
        match tails.get(&k).map(|&at| (at, true)).or_else(|| romans.get(&k).map(|&at| (at, false))) {
            Some((at, is_header)) => {
                out.push(Line::new(l.no, l.start, &l.text[..at]));
                out.push(Line::new(l.no, l.start + at, &l.text[at..]));
                header.extend([false, is_header]);
            }
            None => {
                out.push(*l);
                header.push(false);
            }
        }
    }
    Some((out, header))
}

/// How many lines of the document print each short text (by header key).
fn line_key_counts(lines: &[Line]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in lines.iter().filter(|l| !l.is_blank() && header_candidate(l.text)) {
        *counts.entry(header_key(l.text)).or_default() += 1;
    }
    counts
}

/// Whether a short line is printed whole on another line too (`第六章 中俄人文合作` above several
/// page numbers, and as the chapter's heading): such a line is a header or heading of its own,
/// not body text with a header glued to its end, even when a tail of it (`中俄人文合作`) repeats
/// a line printed elsewhere.
fn repeated_line(counts: &HashMap<String, usize>, text: &str) -> bool {
    header_candidate(text) && counts.get(&header_key(text)).is_some_and(|&n| n >= 2)
}

/// The texts a running header may repeat, by key: every short line of its own, and every two
/// consecutive non-blank lines joined (a heading wrapped over two lines).
fn standalone_keys(lines: &[Line]) -> std::collections::HashSet<String> {
    let texts: Vec<&str> = lines.iter().filter(|l| !l.is_blank()).map(|l| l.text).collect();
    let mut keys = std::collections::HashSet::new();
    for (m, t) in texts.iter().enumerate() {
        if header_candidate(t) {
            keys.insert(header_key(t));
        }
        if let Some(next) = texts.get(m + 1) {
            let joined = format!("{t}{next}");
            if header_candidate(&joined) {
                keys.insert(header_key(&joined));
                // A heading on two lines (`附录` / `中俄…`) is repeated by a header joining them
                // with a colon (`附录：中俄…`): its key without punctuation counts too.
                keys.insert(loose_key(&joined));
            }
        }
    }
    keys
}

/// Whether a glued tail's key repeats one of the [`standalone_keys`]: as printed, or without
/// punctuation when it joins the two lines of a wrapped heading.
fn repeats_standalone(keys: &std::collections::HashSet<String>, key: &str) -> bool {
    keys.contains(key) || keys.contains(&loose_key(key))
}

/// The last line above a page number (its index), the keys of the text after that number (one
/// line, and two joined, without punctuation), and the tails of the line (see [`header_tails`]).
type LastLineAbove = (usize, Vec<String>, Vec<(usize, String)>);

/// The running headers glued to the end of the last line above a page number (line index →
/// byte offset where the header starts): the longest tail, starting with a letter, that repeats
/// the text printed right after that number (one line, or two joined: the page's heading), or a
/// short line of its own elsewhere in the document (the title on the cover, a chapter heading)
/// glued so above two page numbers or more (when it is shorter than `GLUED_HEADER_MIN_CHARS`,
/// it must also be the text right after some page number: a part's heading). A line that is all
/// header stays whole.
fn glued_top_headers(lines: &[Line], numbered: &[usize]) -> HashMap<usize, usize> {
    let keys = standalone_keys(lines);
    let line_counts = line_key_counts(lines);
    // The last line above each number, the texts after it, and the tails that repeat a line.
    let mut above: Vec<LastLineAbove> = Vec::new();
    for &k in numbered {
        let Some(j) = nearest_text(lines, k, -1) else { continue };
        if numbered.contains(&j) || above.iter().any(|a| a.0 == j) || repeated_line(&line_counts, lines[j].text) {
            continue;
        }
        let first = nearest_text(lines, k, 1);
        let second = first.and_then(|f| nearest_text(lines, f, 1));
        let one = first.map(|f| loose_key(lines[f].text));
        let two = first.zip(second).map(|(f, s)| loose_key(&format!("{}{}", lines[f].text, lines[s].text)));
        let after: Vec<String> = one.into_iter().chain(two).collect();
        above.push((j, after, header_tails(lines[j].text)));
    }
    let mut glued: HashMap<&str, usize> = HashMap::new();
    for (_, _, tails) in &above {
        for (_, key) in tails.iter().filter(|(_, key)| repeats_standalone(&keys, key)) {
            *glued.entry(key.as_str()).or_default() += 1;
        }
    }
    // The texts that open a page (right after its number), by key.
    let opening: std::collections::HashSet<&String> = above.iter().filter_map(|a| a.1.first()).collect();
    let mut out = HashMap::new();
    for (m, (j, after, tails)) in above.iter().enumerate() {
        let header = tails.iter().find(|(_, key)| {
            let n = key.chars().count();
            (n >= GLUED_TOP_HEADER_MIN_CHARS && after.contains(&loose_key(key)))
                || (glued.get(key.as_str()).is_some_and(|&c| c >= 2)
                    && (n >= GLUED_HEADER_MIN_CHARS || (n >= GLUED_TOP_HEADER_MIN_CHARS && opening.contains(key))))
                || (n >= GLUED_HEADER_MIN_CHARS
                    && repeats_standalone(&keys, key)
                    && opens_earlier_page(&above[..m], key))
        });
        if let Some((at, _)) = header {
            out.insert(*j, *at);
        }
    }
    out
}

/// Whether a glued tail (its key) repeats, whole, the heading that opens an earlier page (the
/// text right after that page's number, one line or two joined): the running header of a part
/// or chapter repeats the heading it opened with, so it is a header even glued above one page
/// number only (a part's last page: `…协定》附录：…大事记` / `11`, the part heading `附录` /
/// `…大事记` opening page 10).
fn opens_earlier_page(earlier: &[LastLineAbove], key: &str) -> bool {
    let loose = loose_key(key);
    earlier.iter().any(|(_, after, _)| after.contains(&loose))
}

/// A header's key without punctuation: a heading printed on two lines (`附录` / `中俄…`) repeats
/// a header that joins them with a colon (`附录：中俄…`).
fn loose_key(text: &str) -> String {
    header_key(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The tails of `text` a glued header may be, longest first: (byte offset, key) of each tail of
/// at most `HEADER_MAX_CHARS` characters that starts with a letter and leaves text before it.
fn header_tails(text: &str) -> Vec<(usize, String)> {
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).filter(|&i| i > 0).collect();
    starts[starts.len().saturating_sub(HEADER_MAX_CHARS)..]
        .iter()
        .filter(|&&at| text[at..].starts_with(char::is_alphabetic) && !text[..at].trim().is_empty())
        .map(|&at| (at, header_key(&text[at..])))
        .collect()
}

/// Roman front-matter numbers glued to the end of a line before line `limit` (the body's first
/// page number): line index → byte offset of the numeral. A lower-case numeral after anything
/// but a Latin letter (`2018 年 6 月i`, `建议 42iv`), the values increasing by one in line order,
/// at least `MIN_ROMAN_CHAIN` of them.
fn trailing_roman_numbers(lines: &[Line], limit: usize) -> HashMap<usize, usize> {
    let mut found: Vec<(usize, u32, usize)> = Vec::new();
    for (k, l) in lines.iter().enumerate().take(limit) {
        let t = l.text.trim_end();
        let len = t.bytes().rev().take_while(|b| matches!(b, b'i' | b'v' | b'x')).count();
        let at = t.len() - len;
        let before = t[..at].chars().next_back();
        if len == 0 || before.is_none_or(|c| c.is_ascii_alphabetic() || c.is_whitespace()) {
            continue;
        }
        if let Some(v) = roman_value(&t[at..]) {
            found.push((k, v, at));
        }
    }
    // The longest run of values increasing by one.
    let mut best: &[(usize, u32, usize)] = &[];
    let mut from = 0;
    for m in 0..found.len() {
        if m > from && found[m].1 != found[m - 1].1 + 1 {
            from = m;
        }
        if m + 1 - from > best.len() {
            best = &found[from..=m];
        }
    }
    if best.len() < MIN_ROMAN_CHAIN {
        return HashMap::new();
    }
    best.iter().map(|&(k, _, at)| (k, at)).collect()
}

/// The page numbers of a document (step 1 of [`scan`]).
struct Numbering<'a> {
    /// The page-number candidates of the body.
    cands: Vec<(usize, u32, Option<&'a str>)>,
    /// The body's chain: indexes into `cands` (shorter than `MIN_CHAIN`: no page numbers).
    chain: Vec<usize>,
    /// The page numbers of the chain's lines (few: not a table of every line).
    page_number: HashMap<usize, u32>,
    /// The first page-number line, body or Roman (the line count when there is none).
    first_number: usize,
    /// Whether each line is a Roman front-matter page number.
    roman: Vec<bool>,
}

/// Step 1 of [`scan`]: the body's chain of page numbers, and the Roman numbers of the
/// front-matter pages before it (a numbering of their own: those pages have no number in the
/// body's sequence). Marks their lines as furniture.
fn page_numbers<'a>(lines: &[Line<'a>], furniture: &mut [Option<FurnitureKind>]) -> Numbering<'a> {
    let n = lines.len();
    let mut page_number: HashMap<usize, u32> = HashMap::new();
    let cands = number_candidates(lines, false);
    let chain = fill_chain_gaps(&cands, longest_chain(&cands), |c| (c.0, c.1));
    let mut first_number = n;
    if chain.len() >= MIN_CHAIN {
        for &c in &chain {
            let (k, v, header) = cands[c];
            furniture[k] = Some(if header.is_some() { FurnitureKind::Header } else { FurnitureKind::PageNumber });
            page_number.insert(k, v);
            first_number = first_number.min(k);
        }
    }
    let romans = number_candidates(lines, true);
    let min_roman = min_roman_chain(chain.len() >= MIN_CHAIN);
    let roman_chain =
        extend_roman_chain(&romans, longest_roman_chain(lines, &romans), first_number, min_roman, |c| (c.0, c.1));
    let roman_chain: Vec<usize> =
        roman_chain.into_iter().map(|c| romans[c].0).take_while(|&k| k < first_number).collect();
    let mut roman = vec![false; n];
    if roman_chain.len() >= min_roman {
        for &k in &roman_chain {
            furniture[k] = Some(FurnitureKind::PageNumber);
            roman[k] = true;
            first_number = first_number.min(k);
        }
    }
    Numbering { cands, chain, page_number, first_number, roman }
}

/// The longest chain of Roman candidates (indexes into `romans`), a page's length counted in the
/// lines that hold a letter or digit: `pdftotext -raw` prints a contents page's leader dots a dot a
/// line (two thousand lines of `.` for one page), which is no page length.
fn longest_roman_chain(lines: &[Line], romans: &[(usize, u32, Option<&str>)]) -> Vec<usize> {
    let Some(last) = romans.last().map(|c| c.0) else {
        return Vec::new();
    };
    // content[k]: the lines before line k that hold a letter or digit.
    let mut content = Vec::with_capacity(last + 2);
    content.push(0);
    for l in &lines[..=last.min(lines.len().saturating_sub(1))] {
        let c = content.last().copied().unwrap_or(0);
        content.push(c + usize::from(l.text.chars().any(char::is_alphanumeric)));
    }
    longest_chain_by(romans, |a, b| content.get(b).zip(content.get(a)).map_or(b - a, |(y, x)| y - x))
}

/// Step 2 of [`scan`]: which lines begin with a form feed; a blank one is furniture.
fn mark_form_feeds(lines: &[Line], furniture: &mut [Option<FurnitureKind>]) -> Vec<bool> {
    let form_feed: Vec<bool> = lines.iter().map(|l| l.starts_with_space() && l.text.starts_with('\u{c}')).collect();
    for k in 0..lines.len() {
        if form_feed[k] && lines[k].is_blank() {
            furniture[k] = Some(FurnitureKind::FormFeed);
        }
    }
    form_feed
}

/// What step 3 of [`scan`] learns of the short lines of a document before it marks headers.
struct HeaderStats {
    /// The lines of each key that stand next to an anchor.
    by_key: HashMap<String, Vec<usize>>,
    /// The lines of each key that stand alone (blank lines around) after the first page number,
    /// with no anchor next to them.
    loose: HashMap<String, Vec<usize>>,
    /// First occurrence and number of occurrences of each key in the whole text.
    seen: HashMap<String, (usize, usize)>,
    /// Lines of the headings, by title key.
    heading_at: HashMap<String, Vec<usize>>,
    /// The typical page length, in lines.
    page_len: usize,
    /// The lines of the chain's page numbers.
    numbered: Vec<usize>,
    /// The first anchor line.
    first_anchor: usize,
    /// The first page-number line (the line count when there is none).
    first_number: usize,
    /// Whether the document prints its running headers above its page numbers (at the end of
    /// the page, after the body: PyMuPDF, PDFium and `pdftotext -raw` on margin boxes painted
    /// last), not below them (at the top of the next page).
    headers_above: bool,
}

impl HeaderStats {
    /// Whether two occurrences `a < b` are a few pages apart: within four typical pages of
    /// lines, or, for a line printed at three breaks or more, with at most
    /// `HEADER_MAX_PAGES_APART` numbered pages between them (short pages, and pages that open a
    /// chapter and print no header, come in runs).
    fn close(&self, a: usize, b: usize, at_breaks: usize) -> bool {
        b - a <= 4 * self.page_len
            || (at_breaks >= 3
                && self.numbered.partition_point(|&x| x < b) - self.numbered.partition_point(|&x| x <= a)
                    <= HEADER_MAX_PAGES_APART)
    }
}

/// Step 3 of [`scan`]: mark the running headers, keys that repeat next to anchors.
fn mark_running_headers(
    lines: &[Line],
    heading_title: &impl Fn(&str) -> Option<String>,
    furniture: &mut [Option<FurnitureKind>],
    form_feed: &[bool],
    numbers: &Numbering,
    first_anchor: usize,
) {
    let n = lines.len();
    let flags: Vec<bool> = (0..n).map(|k| furniture[k].is_some() || form_feed[k]).collect();
    let (by_key, loose) = header_occurrences(lines, furniture, form_feed, &flags, first_anchor, numbers.first_number);
    let stats = HeaderStats {
        by_key,
        loose,
        seen: key_occurrences(lines),
        heading_at: heading_lines(lines, heading_title),
        page_len: typical_page_len(numbers, &flags),
        numbered: numbers.chain.iter().map(|&c| numbers.cands[c].0).collect(),
        first_anchor,
        first_number: numbers.first_number,
        headers_above: false,
    };
    let stats = HeaderStats { headers_above: headers_above_numbers(lines, &stats.numbered), ..stats };
    let keys = header_keys(&stats);
    for (key, occ) in keys {
        mark_header_occurrences(lines, heading_title, furniture, &stats, key, &occ);
    }
    mark_doubled_headings(lines, heading_title, furniture, form_feed);
    mark_doubled_labels(lines, heading_title, furniture, form_feed);
    mark_split_header_titles(lines, heading_title, furniture, form_feed);
    mark_header_title_lines(lines, heading_title, furniture, &stats);
    mark_current_chapter_headers(lines, heading_title, furniture, form_feed);
}

/// A chapter's label and title each printed twice, interleaved, right after a page number or
/// form feed (`12` / `第二章` / `第二章` / `标题` / `标题`): XeLaTeX sets the running header as
/// a label and a title, and `pdftotext` prints each beside the heading's own label and title on
/// the page that opens the chapter. The first label and the first title are the header; the
/// second label and title, the heading, are text (the label's key repeating next to anchors
/// may have made both labels headers).
fn mark_doubled_labels(
    lines: &[Line],
    heading_title: &impl Fn(&str) -> Option<String>,
    furniture: &mut [Option<FurnitureKind>],
    form_feed: &[bool],
) {
    for k in 0..lines.len() {
        if !(furniture[k] == Some(FurnitureKind::PageNumber) || form_feed[k]) {
            continue;
        }
        let first = if form_feed[k] && !lines[k].is_blank() { Some(k) } else { nearest_text(lines, k, 1) };
        let Some(j1) = first else {
            continue;
        };
        let mut four = [j1; 4];
        let mut found = true;
        for at in 1..4 {
            match nearest_text(lines, four[at - 1], 1) {
                Some(j) => four[at] = j,
                None => found = false,
            }
        }
        let [l1, l2, t1, t2] = four;
        let free = |j: usize| furniture[j].is_none_or(|f| f == FurnitureKind::Header);
        let key = |j: usize| header_key(lines[j].text);
        let doubled = found
            && four.iter().all(|&j| free(j))
            && heading_title(lines[l1].text).is_some_and(|t| t.is_empty())
            && key(l1) == key(l2)
            && !key(t1).is_empty()
            && key(t1) == key(t2)
            && header_candidate(lines[t1].text)
            && heading_title(lines[t1].text).is_none();
        if doubled {
            furniture[l1] = Some(FurnitureKind::Header);
            furniture[l2] = None;
            furniture[t1] = Some(FurnitureKind::Header);
            furniture[t2] = None;
        }
    }
}

/// A running header printed on two lines, a chapter's label and then its title (`34` / `第四章` /
/// `标题`: PyMuPDF on XeLaTeX's header): the label, a bare heading label, is learned as a header,
/// but the title stands two lines from the page number and is not. The line right after a header
/// label is the header's title when it reads as a header, is no heading, and the document gives
/// evidence: the same label and title follow one another at two breaks or more, or the label and
/// title together are a heading's (its label and wrapped title) a few pages away.
fn mark_header_title_lines(
    lines: &[Line],
    heading_title: &impl Fn(&str) -> Option<String>,
    furniture: &mut [Option<FurnitureKind>],
    stats: &HeaderStats,
) {
    let key = |j: usize| header_key(lines[j].text);
    let pairs: Vec<(usize, usize)> = (0..lines.len())
        .filter(|&l| furniture[l] == Some(FurnitureKind::Header))
        .filter(|&l| heading_title(lines[l].text).is_some_and(|t| trim(&t).is_empty()))
        .filter_map(|l| nearest_text(lines, l, 1).map(|t| (l, t)))
        .filter(|&(_, t)| {
            furniture[t].is_none()
                && !key(t).is_empty()
                && header_candidate(lines[t].text)
                && heading_title(lines[t].text).is_none()
        })
        .collect();
    let mut count: HashMap<(String, String), usize> = HashMap::new();
    for &(l, t) in &pairs {
        *count.entry((key(l), key(t))).or_default() += 1;
    }
    for &(l, t) in &pairs {
        let repeated = count.get(&(key(l), key(t))).is_some_and(|&c| c >= 2);
        let whole = format!("{}{}", key(l), key(t));
        let a_heading = stats
            .heading_at
            .get(&whole)
            .is_some_and(|hs| hs.iter().any(|&h| h != l && h.abs_diff(t) <= 8 * stats.page_len));
        if repeated || a_heading {
            furniture[t] = Some(FurnitureKind::Header);
        }
    }
}

/// The label of a heading line (`第四章 标题` → `第四章`, `第四章` → `第四章`), as a header key;
/// `None` for a line that is no numbered heading (a part's heading is its own title: no label).
fn heading_label(text: &str, heading_title: &impl Fn(&str) -> Option<String>) -> Option<String> {
    let title = header_key(&heading_title(text)?);
    let whole = header_key(text);
    let label = whole.strip_suffix(title.as_str())?;
    Some(label.to_string()).filter(|l| !l.is_empty())
}

/// The kind of a heading label, its last character (`第四章` → `章`, `第一节` → `节`): labels of
/// one kind number the headings of one level.
fn label_kind(label: &str) -> Option<char> {
    label.chars().next_back()
}

/// The line of the heading that the label line `l` and title line `t` repeat, when it is the
/// last heading of its level above them: the nearest line above `l` that prints the same label
/// with the same title (on one line, or the title on the next line), with no label of the same
/// kind (another chapter's) between it and `l`. A TOC entry is never such a heading: the
/// chapters after it and the body's first chapters stand between.
fn current_heading_above(
    lines: &[Line],
    heading_title: &impl Fn(&str) -> Option<String>,
    l: usize,
    t: usize,
) -> Option<usize> {
    let label = heading_label(lines[l].text, heading_title)?;
    let kind = label_kind(&label)?;
    let whole = format!("{label}{}", header_key(lines[t].text));
    for j in (0..l).rev() {
        let Some(other) = heading_label(lines[j].text, heading_title) else {
            continue;
        };
        if label_kind(&other) != Some(kind) {
            continue;
        }
        if other != label {
            return None;
        }
        let one_line = header_key(lines[j].text) == whole;
        let two_lines = header_key(lines[j].text) == label
            && nearest_text(lines, j, 1).is_some_and(|n| format!("{label}{}", header_key(lines[n].text)) == whole);
        if one_line || two_lines {
            return Some(j);
        }
    }
    None
}

/// A running header printed on two lines, the current chapter's label and then its title, at a
/// break where neither repeats elsewhere (`6` / `第四章` / `标题`: PyMuPDF on XeLaTeX's header,
/// printed on the even pages only; `pdftotext` printing the title, learned from other breaks, but
/// not the label). The two lines right after a page number or form feed are the header when the
/// first is a bare heading label, the second reads as a header and is no heading, and together
/// they repeat the last heading of that level above ([`current_heading_above`]): a chapter does
/// not open twice, so the second print is furniture.
fn mark_current_chapter_headers(
    lines: &[Line],
    heading_title: &impl Fn(&str) -> Option<String>,
    furniture: &mut [Option<FurnitureKind>],
    form_feed: &[bool],
) {
    for k in 0..lines.len() {
        if !(furniture[k] == Some(FurnitureKind::PageNumber) || form_feed[k]) {
            continue;
        }
        let first = if form_feed[k] && !lines[k].is_blank() { Some(k) } else { nearest_text(lines, k, 1) };
        let free = |j: usize| furniture[j].is_none_or(|f| f == FurnitureKind::Header);
        let Some(l) = first.filter(|&l| free(l)) else {
            continue;
        };
        if !heading_title(lines[l].text).is_some_and(|t| trim(&t).is_empty()) {
            continue;
        }
        let Some(t) = nearest_text(lines, l, 1).filter(|&t| free(t)) else {
            continue;
        };
        let reads_as_header = !header_key(lines[t].text).is_empty()
            && header_candidate(lines[t].text)
            && heading_title(lines[t].text).is_none();
        if reads_as_header && current_heading_above(lines, heading_title, l, t).is_some() {
            furniture[l] = Some(FurnitureKind::Header);
            furniture[t] = Some(FurnitureKind::Header);
        }
    }
}

/// A running header's title printed one line late (`8` / `第三章` / `图 1.` / `标题`): XeLaTeX
/// sets the header as a label and a title, and `pdftotext` may print the page's first body line
/// (a caption's label) between them. When the label right after a page number or form feed is a
/// header, the line after the next one is the header's title if it is a header elsewhere in the
/// document (same key), reads as a header, is no heading, and is not printed again right after
/// (a heading's own title under a header label).
fn mark_split_header_titles(
    lines: &[Line],
    heading_title: &impl Fn(&str) -> Option<String>,
    furniture: &mut [Option<FurnitureKind>],
    form_feed: &[bool],
) {
    let key = |j: usize| header_key(lines[j].text);
    for k in 0..lines.len() {
        if !(furniture[k] == Some(FurnitureKind::PageNumber) || form_feed[k]) {
            continue;
        }
        let first = if form_feed[k] && !lines[k].is_blank() { Some(k) } else { nearest_text(lines, k, 1) };
        let Some(l) = first.filter(|&l| furniture[l] == Some(FurnitureKind::Header)) else {
            continue;
        };
        if !heading_title(lines[l].text).is_some_and(|t| t.is_empty()) {
            continue;
        }
        let Some(x) = nearest_text(lines, l, 1).filter(|&x| furniture[x].is_none() && key(x) != key(l)) else {
            continue;
        };
        let Some(t) = nearest_text(lines, x, 1).filter(|&t| furniture[t].is_none()) else {
            continue;
        };
        let title = key(t);
        let after = nearest_text(lines, t, 1).map(key);
        let header_elsewhere =
            (0..lines.len()).any(|j| j != t && furniture[j] == Some(FurnitureKind::Header) && key(j) == title);
        if !title.is_empty()
            && header_elsewhere
            && after.as_ref() != Some(&title)
            && header_candidate(lines[t].text)
            && heading_title(lines[t].text).is_none()
        {
            furniture[t] = Some(FurnitureKind::Header);
        }
    }
}

/// A heading printed twice in a row right after a page number or form feed (`12` / `建议` /
/// `建议`): XeLaTeX prints the running header on the page that opens a part or chapter, above the
/// heading itself. The first of the two is the header, even where the text is printed at no
/// other break.
fn mark_doubled_headings(
    lines: &[Line],
    heading_title: &impl Fn(&str) -> Option<String>,
    furniture: &mut [Option<FurnitureKind>],
    form_feed: &[bool],
) {
    for k in 0..lines.len() {
        let anchor = furniture[k] == Some(FurnitureKind::PageNumber) || form_feed[k];
        if !anchor {
            continue;
        }
        let first = if form_feed[k] && !lines[k].is_blank() { Some(k) } else { nearest_text(lines, k, 1) };
        let Some(j) = first.filter(|&j| furniture[j].is_none()) else {
            continue;
        };
        let Some(j2) = nearest_text(lines, j, 1).filter(|&j2| furniture[j2].is_none()) else {
            continue;
        };
        let key = header_key(lines[j].text);
        if !key.is_empty()
            && key == header_key(lines[j2].text)
            && heading_title(lines[j].text).is_some()
            && heading_title(lines[j2].text).is_some()
        {
            furniture[j] = Some(FurnitureKind::Header);
        }
    }
}

/// The nearest non-blank line before (`step` -1) or after (`step` 1) line `k`.
fn nearest_text(lines: &[Line], k: usize, step: isize) -> Option<usize> {
    let mut j = k as isize + step;
    while j >= 0 && (j as usize) < lines.len() {
        if !lines[j as usize].is_blank() {
            return Some(j as usize);
        }
        j += step;
    }
    None
}

/// Whether the running headers of a document stand above its page numbers: lines that recur
/// right above a page number (three times or more) outnumber by two to one those that recur
/// right below one.
fn headers_above_numbers(lines: &[Line], numbered: &[usize]) -> bool {
    let side = |step: isize| -> Vec<String> {
        numbered
            .iter()
            .filter_map(|&k| nearest_text(lines, k, step))
            .filter(|&j| header_candidate(lines[j].text))
            .map(|j| header_key(lines[j].text))
            .collect()
    };
    let recurring = |keys: &[String]| -> usize {
        let mut count: HashMap<&str, usize> = HashMap::new();
        keys.iter().for_each(|k| *count.entry(k).or_default() += 1);
        count.values().filter(|&&c| c >= 3).sum()
    };
    let (above, below) = (recurring(&side(-1)), recurring(&side(1)));
    above >= MIN_CHAIN && above > 2 * below
}

/// The candidate header lines from a few lines above the first anchor on, by key: those next to
/// an anchor, and the loose ones (lines of their own after the first page number that no anchor
/// stands next to: the running header of a page that prints no number, and no form feed, when
/// the same header is learned at numbered breaks).
#[allow(clippy::type_complexity)]
fn header_occurrences(
    lines: &[Line],
    furniture: &[Option<FurnitureKind>],
    form_feed: &[bool],
    flags: &[bool],
    first_anchor: usize,
    first_number: usize,
) -> (HashMap<String, Vec<usize>>, HashMap<String, Vec<usize>>) {
    let n = lines.len();
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    let mut loose: HashMap<String, Vec<usize>> = HashMap::new();
    for k in first_anchor.saturating_sub(4)..n {
        let l = &lines[k];
        if furniture[k].is_some() || l.is_blank() || !header_candidate(l.text) {
            continue;
        }
        let anchored = form_feed[k]
            || (k.saturating_sub(4)..(k + 5).min(n)).any(|a| a != k && flags[a] && near(lines, flags, a, k));
        if anchored {
            by_key.entry(header_key(l.text)).or_default().push(k);
        } else if k > first_number && lines[k - 1].is_blank() && lines.get(k + 1).is_none_or(Line::is_blank) {
            loose.entry(header_key(l.text)).or_default().push(k);
        }
    }
    (by_key, loose)
}

/// First occurrence and number of occurrences of each header key in the whole text.
fn key_occurrences(lines: &[Line]) -> HashMap<String, (usize, usize)> {
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    for (k, l) in lines.iter().enumerate() {
        if !l.is_blank() && header_candidate(l.text) {
            seen.entry(header_key(l.text)).or_insert((k, 0)).1 += 1;
        }
    }
    seen
}

/// The lines of the headings, by the header key of their title.
fn heading_lines(lines: &[Line], heading_title: &impl Fn(&str) -> Option<String>) -> HashMap<String, Vec<usize>> {
    let mut heading_at: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, l) in lines.iter().enumerate() {
        if let Some(t) = heading_title(l.text) {
            let key = header_key(&t);
            if !key.is_empty() {
                // A title wrapped under its heading line (`第六章 中俄在北极、远东及东北地区` /
                // `合作的新机遇`) is repeated whole by the running header: key it whole too. A
                // heading under it (the next TOC title, `序言` / `第一章 …`) is no such wrap.
                let wrap = |n: &&Line| !n.is_blank() && header_candidate(n.text) && heading_title(n.text).is_none();
                if let Some(next) = lines.get(k + 1).filter(wrap) {
                    heading_at.entry(format!("{key}{}", header_key(next.text))).or_default().push(k);
                }
                // A part's label over its title (`附录` / `2022 年…大事记`, a blank line between
                // or not) is repeated by the running header with a colon between (`附录：2022 年…`).
                let label_alone = header_key(&t) == header_key(l.text);
                let below = lines.iter().skip(k + 1).take(3).find(|n| !n.is_blank()).filter(wrap);
                if let Some(next) = below.filter(|_| label_alone) {
                    heading_at.entry(format!("{key}:{}", header_key(next.text))).or_default().push(k);
                }
                heading_at.entry(key).or_default().push(k);
            }
        }
    }
    heading_at
}

/// The typical page length: the median distance between consecutive page numbers of the chain
/// (per page), else between consecutive anchors (short front-matter pages and a form feed
/// printed a few lines from its page number make anchor gaps misleading).
fn typical_page_len(numbers: &Numbering, flags: &[bool]) -> usize {
    let anchors: Vec<usize> = if numbers.chain.len() >= MIN_CHAIN {
        numbers.chain.iter().map(|&c| numbers.cands[c].0).collect()
    } else {
        (0..flags.len()).filter(|&k| flags[k]).collect()
    };
    let mut gaps: Vec<usize> = anchors.windows(2).map(|w| w[1] - w[0]).filter(|&g| g >= MIN_LINES_PER_PAGE).collect();
    gaps.sort_unstable();
    gaps.get(gaps.len() / 2).copied().unwrap_or(50).max(MIN_LINES_PER_PAGE)
}

/// The keys that may be running headers, in key order, with their occurrences. A running header
/// repeats at page breaks and (but for its first, title or heading, occurrence) nowhere else; a
/// line that merely recurs in the text (a chronology title such as a monthly trade report) sits
/// at a break only now and then. A header learned at two breaks or more also counts its loose
/// occurrences.
fn header_keys(stats: &HeaderStats) -> Vec<(&String, Vec<usize>)> {
    let mut keys: Vec<(&String, Vec<usize>)> = stats
        .by_key
        .iter()
        .filter_map(|(key, v)| {
            let mut occ = v.clone();
            if v.len() >= 2 {
                occ.extend(stats.loose.get(key).into_iter().flatten());
                occ.sort_unstable();
            }
            let total = stats.seen.get(key).map_or(0, |s| s.1);
            (occ.len() * 4 >= total.saturating_sub(1) * 3 && !is_day_date(key)).then_some((key, occ))
        })
        .collect();
    keys.sort();
    keys
}

/// Whether a line (a header key) is a date to the day and nothing else (`2019年6月5日`,
/// `2019年6月5-7日`): a chronology's date line, content however often it repeats at page breaks
/// (pdfminer prints an entry's date apart from its title, and a day with several entries repeats
/// its date), never a running header.
fn is_day_date(text: &str) -> bool {
    crate::parse::dates::scan_date_line(text)
        .is_ok_and(|(_, (expr, _, rest))| expr.form == crate::parse::dates::DateForm::Day && trim(rest).is_empty())
}

/// Mark the occurrences `occ` of header `key` that are furniture: those paired with another a
/// few pages away, or under the heading they repeat.
fn mark_header_occurrences(
    lines: &[Line],
    heading_title: &impl Fn(&str) -> Option<String>,
    furniture: &mut [Option<FurnitureKind>],
    stats: &HeaderStats,
    key: &str,
    occ: &[usize],
) {
    let (n, first_anchor, first_number) = (lines.len(), stats.first_anchor, stats.first_number);
    for (m, &k) in occ.iter().enumerate() {
        // The first occurrence of a heading is the heading; before the first page number (the
        // title page, a front-matter page that starts with a form feed) it is text. Without page
        // numbers only what stands before the first anchor is.
        let first = stats.seen.get(key).map(|s| s.0) == Some(k);
        let heading = heading_title(lines[k].text);
        let title_page = first_number < n && k < first_number;
        // A heading-like line that repeats a heading printed just before (below it on its
        // page, or above it a few pages back: `附录：2019…大事记` on the pages after `附录`) is
        // the running header even where it is printed first.
        let doubled = heading.is_some()
            && (heads_its_heading(lines, furniture, heading_title, k)
                || repeats_a_heading_above(stats, key, k)
                || heading.as_deref().is_some_and(|t| repeats_a_wrapped_heading_above(lines, stats, t, k)));
        // Where headers stand above the page numbers, a heading right below a number opens the
        // next page (`41` / `建议`): it is the heading, not a header.
        let opens_page = heading.is_some()
            && stats.headers_above
            && nearest_text(lines, k, -1).is_some_and(|j| furniture[j] == Some(FurnitureKind::PageNumber));
        // Where headers stand above the page numbers, a heading-like line right above a number
        // stands at its page's foot, where no heading is typeset (it keeps the text after it):
        // it is the running header, even where the TOC printed its title only with leaders and
        // a page number (`附录：…大事记 .`), so this is its first line of its own.
        let foots_page = heading.is_some()
            && stats.headers_above
            && nearest_text(lines, k, 1).is_some_and(|j| furniture[j] == Some(FurnitureKind::PageNumber));
        if k < first_anchor || opens_page || (first && ((heading.is_some() && !doubled && !foots_page) || title_page)) {
            continue;
        }
        // A page prints one running header: a heading right under another recurring header
        // that opens the page (`37` / `中俄对话：2020模式` / `第六章 …`, a chapter opening on an
        // even page) is the heading, wherever else its title recurs as a header.
        if heading.is_some() && !doubled && under_another_header(lines, furniture, stats, key, k) {
            continue;
        }
        // The heading printed right under the running header that repeats it (`第二章 …` over
        // `第二章 …` on a chapter's first page): the header is the one above, this is the heading.
        // A label alone (`第四章` / `第四章`, interleaved with the title lines) is left as it was.
        if heading.as_deref().is_some_and(|t| !trim(t).is_empty())
            && m > 0
            && heads_its_heading(lines, furniture, heading_title, occ[m - 1])
            && text_below_header(lines, furniture, occ[m - 1]) == Some(k)
        {
            continue;
        }
        // Another occurrence a few pages away, or the heading it repeats not far above (a
        // chapter title, with or without its label, printed over the pages of its chapter).
        let at_breaks = stats.by_key.get(key).map_or(0, Vec::len);
        let paired = (m > 0 && stats.close(occ[m - 1], k, at_breaks))
            || occ.get(m + 1).is_some_and(|&x| stats.close(k, x, at_breaks));
        let repeats = |key: &str| {
            stats.heading_at.get(key).is_some_and(|hs| hs.iter().any(|&h| h < k && k - h <= 8 * stats.page_len))
        };
        // Printed once, at the top of the page that opens its part or chapter, right over the
        // heading it repeats (a chapter shorter than two pages has no other occurrence).
        let tops_its_heading = heading.is_some()
            && heads_its_heading(lines, furniture, heading_title, k)
            && opens_a_page(lines, furniture, k);
        let under_heading = repeats(key) || heading.is_some_and(|t| repeats(&header_key(&t)));
        if paired || under_heading || tops_its_heading || foots_page {
            furniture[k] = Some(FurnitureKind::Header);
        }
    }
}

/// Whether the text right above line `k` (blank lines between only) is a line that opens a page
/// ([`opens_a_page`]) and recurs at breaks as a header of another text than `key`'s.
fn under_another_header(
    lines: &[Line],
    furniture: &[Option<FurnitureKind>],
    stats: &HeaderStats,
    key: &str,
    k: usize,
) -> bool {
    let Some(j) = nearest_text(lines, k, -1) else { return false };
    let above = header_key(lines[j].text);
    above != key && opens_a_page(lines, furniture, j) && stats.by_key.get(&above).is_some_and(|occ| occ.len() >= 2)
}

/// Whether line `k` is the first text of a page: it starts with a form feed, or the text before it
/// is a page number.
fn opens_a_page(lines: &[Line], furniture: &[Option<FurnitureKind>], k: usize) -> bool {
    lines[k].text.starts_with('\u{c}')
        || nearest_text(lines, k, -1).is_some_and(|j| furniture[j] == Some(FurnitureKind::PageNumber))
}

/// How far below a running header the heading it repeats may stand, in lines.
const HEADER_OVER_HEADING_LINES: usize = 8;

/// The first line of text below line `k`, at most `HEADER_OVER_HEADING_LINES` lines down,
/// through blank lines and page numbers (`概要` / `1` / `概要`: a header and number printed at
/// the page top before its text, as `pdftotext -raw` reads Chromium's margin boxes).
fn text_below_header(lines: &[Line], furniture: &[Option<FurnitureKind>], k: usize) -> Option<usize> {
    let end = (k + 1 + HEADER_OVER_HEADING_LINES).min(lines.len());
    (k + 1..end).find(|&j| !lines[j].is_blank() && furniture[j] != Some(FurnitureKind::PageNumber))
}

/// Whether the heading-like line `k` is followed, through blank lines (and page numbers) only, by a heading that it
/// repeats (the same text, or one of the two the start of the other): the running header printed
/// on the page that opens a part or chapter, above the heading itself (`概要` over `概要`,
/// `附录：2019…大事记` over `附录`). Such a first occurrence is the header, not the heading.
fn heads_its_heading(
    lines: &[Line],
    furniture: &[Option<FurnitureKind>],
    heading_title: &impl Fn(&str) -> Option<String>,
    k: usize,
) -> bool {
    let Some(next) = text_below_header(lines, furniture, k).map(|j| &lines[j]) else {
        return false;
    };
    if heading_title(next.text).is_none() {
        return false;
    }
    let (this, that) = (header_key(lines[k].text), header_key(next.text));
    !that.is_empty() && (this.starts_with(&that) || that.starts_with(&this))
}

/// Whether the heading-like line `k`, whose title is `title`, repeats on one line a heading
/// printed wrapped over two lines a few pages above (`第一章 中国和…对世界形` / `势的评估`, then
/// the running header `第一章 中国和…对世界形势的评估`).
fn repeats_a_wrapped_heading_above(lines: &[Line], stats: &HeaderStats, title: &str, k: usize) -> bool {
    let own = header_key(lines[k].text);
    stats.heading_at.get(&header_key(title)).is_some_and(|hs| {
        hs.iter().any(|&h| h < k && k - h <= 8 * stats.page_len && !own.ends_with(&header_key(lines[h].text)))
    })
}

/// Whether a heading whose text is `key`, or the start of it, or starts with it, stands on a line
/// a few pages above line `k` (another line than `k`'s own heading).
fn repeats_a_heading_above(stats: &HeaderStats, key: &str, k: usize) -> bool {
    stats.heading_at.iter().any(|(h_key, hs)| {
        h_key != key
            && !h_key.is_empty()
            && (key.starts_with(h_key.as_str()) || h_key.starts_with(key))
            && hs.iter().any(|&h| h < k && k - h <= 8 * stats.page_len)
    })
}

/// Step 4 of [`scan`]: the break regions, runs of furniture with the blank lines between them,
/// as (first line, end) index ranges.
fn break_regions(lines: &[Line], furniture: &[Option<FurnitureKind>]) -> Vec<(usize, usize)> {
    let n = lines.len();
    let mut regions: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < n {
        if furniture[k].is_none() {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        loop {
            let mut j = end;
            while j < n && lines[j].is_blank() && furniture[j].is_none() {
                j += 1;
            }
            if j < n && furniture[j].is_some() {
                end = j + 1;
            } else {
                break;
            }
        }
        regions.push((k, end));
        k = end;
    }
    regions
}

/// The footnotes of the breaks, and each break's whole extent.
struct BreakNotes {
    /// Whether each line is a line of a footnote.
    note_lines: Vec<bool>,
    /// The footnotes of each break: (number, text, span).
    region_notes: Vec<Vec<(u32, String, Span)>>,
    /// Each break with its footnotes, their rule and the blank lines around them.
    full_regions: Vec<(usize, usize)>,
}

/// Step 4 of [`scan`], continued: the footnotes right above each break's furniture (a rule
/// printed above them is furniture), and the extent of each break with them.
fn break_footnotes(lines: &[Line], regions: &[(usize, usize)], furniture: &mut [Option<FurnitureKind>]) -> BreakNotes {
    let n = lines.len();
    let mut note_lines: Vec<bool> = vec![false; n];
    let mut region_notes: Vec<Vec<(u32, String, Span)>> = Vec::new();
    let mut full_regions: Vec<(usize, usize)> = Vec::new();
    // First the candidates above each break (the break's top, the notes).
    let mut cands: Vec<(usize, Option<Candidate>)> = Vec::new();
    let mut prev_end = 0;
    for &(start, end) in regions {
        let mut top = start;
        while top > prev_end && lines[top - 1].is_blank() {
            top -= 1;
        }
        cands.push((top, footnotes_above(lines, prev_end, top)));
        let mut e = end;
        while e < n && lines[e].is_blank() {
            e += 1;
        }
        prev_end = e;
    }
    // A note without evidence on its page is kept when the notes of the breaks before or after
    // number it in sequence (notes numbered through the document).
    let numbers: Vec<Option<(u32, u32)>> =
        cands.iter().map(|c| c.1.as_ref().and_then(|x| Some((x.1.first()?.0, x.1.last()?.0)))).collect();
    let in_sequence = |r: usize| -> bool {
        let Some((lo, hi)) = numbers[r] else { return false };
        let before = numbers[..r].iter().rev().flatten().next().is_some_and(|p| p.1 + 1 == lo);
        let after = numbers[r + 1..].iter().flatten().next().is_some_and(|x| x.0 == hi + 1);
        before || after
    };
    let accepted: Vec<bool> =
        (0..cands.len()).map(|r| cands[r].1.as_ref().is_some_and(|c| c.2 || in_sequence(r))).collect();
    let mut prev_end = 0;
    for (r, ((top, cand), &(_, end))) in cands.into_iter().zip(regions).enumerate() {
        let mut notes_start = top;
        let mut found = Vec::new();
        if let Some((first, notes, _)) = cand.filter(|_| accepted[r]) {
            notes_start = first;
            note_lines[first..top].iter_mut().for_each(|x| *x = true);
            found = notes;
            if first > prev_end && is_rule(lines[first - 1].text) {
                notes_start = first - 1;
                furniture[first - 1] = Some(FurnitureKind::Rule);
            }
        }
        let mut s = notes_start;
        while s > prev_end && lines[s - 1].is_blank() {
            s -= 1;
        }
        let mut e = end;
        while e < n && lines[e].is_blank() {
            e += 1;
        }
        full_regions.push((s, e));
        region_notes.push(found);
        prev_end = e;
    }
    BreakNotes { note_lines, region_notes, full_regions }
}

/// The footnotes found above a break: (first line index, notes, whether their page gives
/// evidence for them).
type Candidate = (usize, Vec<(u32, String, Span)>, bool);

/// Step 5 of [`scan`]: the page number of each break, the page that ends at the break. The page
/// boundary inside a break is its form feed, else its first running header (a page starts with
/// its header); a number printed before the boundary is the ending page's, after it the next
/// page's. Breaks up to the last Roman-numbered one belong to the front matter: no body page.
fn break_pages(
    regions: &[(usize, usize)],
    form_feed: &[bool],
    furniture: &[Option<FurnitureKind>],
    numbers: &Numbering,
) -> Vec<Option<u32>> {
    // `header_ends_page`: a header printed above the number (no form feed between) closes the
    // page the number ends, rather than opening the next one.
    let ends_with = |header_ends_page: bool| -> Vec<Option<u32>> {
        regions
            .iter()
            .map(|&(s, e)| {
                let boundary = (s..e)
                    .find(|&k| form_feed[k])
                    .or_else(|| {
                        (s..e).find(|&k| furniture[k] == Some(FurnitureKind::Header)).filter(|_| !header_ends_page)
                    })
                    .unwrap_or(e);
                (s..e).find_map(|k| {
                    numbers.page_number.get(&k).map(|&v| if k < boundary { v } else { v.saturating_sub(1) })
                })
            })
            .collect()
    };
    // The reading under which consecutive breaks end consecutive pages more often wins: pages
    // that print no header (a chapter's first page) say which page their number ends.
    let consecutive = |ends: &[Option<u32>]| {
        ends.windows(2).filter(|w| matches!((w[0], w[1]), (Some(a), Some(b)) if b == a + 1)).count()
    };
    let (opening, closing) = (ends_with(false), ends_with(true));
    let ends = if consecutive(&closing) > consecutive(&opening) { closing } else { opening };
    let mut pages = infer_missing(&ends);
    if let Some(last) = regions.iter().rposition(|&(s, e)| (s..e).any(|k| numbers.roman[k])) {
        pages[..=last].iter_mut().for_each(|p| *p = None);
    }
    pages
}

/// Whether the last break region is a bare form feed at the end of the text that closes a page
/// whose number was printed at its top: the form feeds alone (no number, no header, nothing but
/// blank lines after them), and the break before it carries the number of the page after it
/// (`pdftotext -raw` on Chromium's margin boxes prints each page's header and number first).
/// That page's break is already recorded at its top; the end of the text is no page break.
fn closes_a_page_numbered_at_its_top(
    lines: &[Line],
    regions: &[(usize, usize)],
    furniture: &[Option<FurnitureKind>],
    numbers: &Numbering,
    pages: &[Option<u32>],
) -> bool {
    let [.., (ps, pe), (s, e)] = regions else {
        return false;
    };
    let bare = (*s..*e).all(|k| furniture[k].is_none_or(|f| f == FurnitureKind::FormFeed));
    if !bare || lines[*e..].iter().any(|l| !l.is_blank()) {
        return false;
    }
    let printed = (*ps..*pe).find_map(|k| numbers.page_number.get(&k).copied());
    let ended = pages.get(regions.len() - 2).copied().flatten();
    matches!((printed, ended), (Some(v), Some(p)) if p + 1 == v)
}

/// Step 6 of [`scan`]: the break and footnote records, and the line sequence with each break
/// replaced by one blank line (at most one line per input line).
fn without_breaks<'l, 'a>(
    lines: &'l [Line<'a>],
    furniture: &[Option<FurnitureKind>],
    mut notes: BreakNotes,
    pages: &[Option<u32>],
    folded: &[bool],
) -> Pages<'l, 'a> {
    let n = lines.len();
    let mut out = Pages::default();
    let full_regions = &notes.full_regions;
    let mut kept = Vec::with_capacity(n);
    let mut r = 0;
    let mut k = 0;
    while k < n {
        if r < full_regions.len() && k == full_regions[r].0 {
            let (s, e) = full_regions[r];
            let mut furn = Vec::new();
            for j in s..e {
                if let Some(kind) = furniture[j] {
                    furn.push(FurnitureLine { kind, text: trim(lines[j].text).to_string(), span: lines[j].span() });
                }
            }
            let span = (s..e)
                .filter(|&j| !lines[j].is_blank() || furniture[j].is_some())
                .map(|j| lines[j].span())
                .reduce(Span::join)
                .unwrap_or(lines[s].span());
            let page = pages[r];
            for (number, text, span) in notes.region_notes[r].drain(..) {
                out.footnotes.push(Footnote { id: String::new(), number, text, page, marker: None, span });
            }
            match out.breaks.last_mut().filter(|_| folded.get(r) == Some(&true)) {
                Some(before) => {
                    before.lines.extend(furn);
                    before.span = before.span.join(span);
                }
                None => out.breaks.push(PageBreak { id: String::new(), page, span, lines: furn }),
            }
            // One blank line in place of the break: a real blank line when there is one.
            let blank = (s..e).find(|&j| lines[j].is_blank() && furniture[j].is_none());
            let at = blank.unwrap_or(s);
            kept.push(Line::new(lines[at].no, lines[at].start, PAGE_BREAK));
            k = e;
            r += 1;
            continue;
        }
        if !notes.note_lines[k] && furniture[k].is_none() {
            kept.push(lines[k]);
        }
        k += 1;
    }
    out.lines = Cow::Owned(kept);
    link_footnotes(&mut out, lines);
    out
}

/// Fill the page numbers of breaks that print none from their neighbours (one page per break).
fn infer_missing(ends: &[Option<u32>]) -> Vec<Option<u32>> {
    let Some(anchor) = ends.iter().position(Option::is_some) else {
        return vec![None; ends.len()];
    };
    let base = ends[anchor].unwrap_or(0) as i64 - anchor as i64;
    let mut out = Vec::with_capacity(ends.len());
    let mut last: Option<(usize, u32)> = None;
    for (k, e) in ends.iter().enumerate() {
        let v = match (e, last) {
            (Some(v), _) => Some(*v),
            (None, Some((j, v))) => Some(v + (k - j) as u32),
            (None, None) => u32::try_from(base + k as i64).ok().filter(|&v| v > 0),
        };
        if let Some(v) = e {
            last = Some((k, *v));
        }
        out.push(v);
    }
    out
}

/// A footnote number glued to its text, as XeLaTeX dumps print it (`1参见：…`, `2Совместное …`):
/// one to three digits, then a letter (CJK, Cyrillic, Latin) that does not read as a unit or date
/// part (`2021年`, `12月`, `3个`). Only taken with evidence (see [`footnotes_above`]).
fn scan_glued_footnote(text: &str) -> Option<(u32, &str)> {
    if text.contains('\t') {
        return None;
    }
    let t = trim(text);
    let end = t.find(|c: char| digit_value(c).is_none())?;
    let (digits, rest) = t.split_at(end);
    let first = rest.chars().next()?;
    if digits.is_empty()
        || digits.chars().count() > 3
        || !first.is_alphabetic()
        || matches!(
            first,
            '年' | '月' | '日' | '个' | '种' | '号' | '届' | '次' | '位' | '名' | '亿' | '万' | '千' | '百'
        )
        || rest.chars().count() < 4
    {
        return None;
    }
    let n = digits.chars().try_fold(0u32, |a, c| Some(a * 10 + digit_value(c)?))?;
    (n > 0).then_some((n, rest))
}

/// A footnote number printed on a line of its own (`pdftotext`, `-layout`, `-raw` print the
/// numbers of XeLaTeX footnotes apart from their text): one to three digits, nothing else.
fn bare_note_number(text: &str) -> Option<u32> {
    let t = trim(text);
    if t.is_empty() || t.chars().count() > 3 || !t.chars().all(|c| digit_value(c).is_some()) {
        return None;
    }
    let n = t.chars().try_fold(0u32, |a, c| Some(a * 10 + digit_value(c)?))?;
    (n > 0).then_some(n)
}

/// What a line above a break can be for the footnotes.
#[derive(Debug, Clone, PartialEq)]
enum NoteLine<'a> {
    /// A numbered note's first line (`1 参见：…`, `¹ …`, `1参见：…`): number and text.
    Marked(u32, &'a str),
    /// A note number alone on its line; its text follows.
    Bare(u32),
    /// Any other line: a continuation.
    Text,
}

fn note_line(text: &str) -> NoteLine<'_> {
    if let Some((n, rest)) = scan_footnote(text).or_else(|| scan_glued_footnote(text)) {
        return NoteLine::Marked(n, rest);
    }
    bare_note_number(text).map_or(NoteLine::Text, NoteLine::Bare)
}

/// Whether a note's text so far ends a note: closing punctuation (a stacked number's text ends
/// where the next one's begins).
fn ends_note(text: &str) -> bool {
    trim(text).ends_with(['。', '.', '．', '！', '？', '!', '?'])
}

/// The footnotes right above line `top` (exclusive), no higher than `floor`: the topmost of a
/// run of numbered notes with consecutive numbers, each followed by its continuation lines (at
/// most `FOOTNOTE_MAX_LINES - 1`, or more when they are short: a dump printing one word a line).
/// The number may be glued to the text or stand on a line of its own, right above its text or
/// with the other numbers of the page stacked above all the texts (then each text but the last
/// ends with closing punctuation). A footnote needs evidence: a run of two notes or more, or its
/// marker in the body text of its page (else [`break_footnotes`] asks the notes of the other
/// breaks). Returns (first line index, notes).
#[allow(clippy::type_complexity)]
fn footnotes_above(lines: &[Line], floor: usize, top: usize) -> Option<Candidate> {
    // Walk up to the topmost marker line.
    let mut markers: Vec<(usize, u32)> = Vec::new();
    let mut k = top;
    let (mut since_marker, mut chars_since) = (0, 0);
    while k > floor {
        let l = &lines[k - 1];
        if l.is_blank() {
            k -= 1;
            continue;
        }
        match note_line(l.text) {
            NoteLine::Marked(num, _) | NoteLine::Bare(num) => {
                if let Some(&(_, next)) = markers.last() {
                    if next != num + 1 {
                        break;
                    }
                }
                markers.push((k - 1, num));
                (since_marker, chars_since) = (0, 0);
            }
            NoteLine::Text => {
                since_marker += 1;
                chars_since += trim(l.text).chars().count();
                if since_marker >= FOOTNOTE_MAX_LINES && chars_since > FOOTNOTE_MAX_CHARS {
                    break;
                }
            }
        }
        k -= 1;
    }
    let &(first, _) = markers.last()?;
    let (first, notes) = match read_notes(lines, first, top) {
        Some(notes) => (first, notes),
        None => texts_above_numbers(lines, floor, first, top)?,
    };
    let body = &lines[floor..first];
    let evidenced = notes.len() >= 2 || notes.iter().all(|n| body.iter().any(|l| marker_count(l.text, n.0) > 0));
    Some((first, notes, evidenced))
}

/// The notes of a page whose footnote numbers, on lines of their own from `first` to `top`, are
/// printed below all the texts (`pdftotext` on Typst: texts, then `1` / `2`, then the page
/// number): the block of lines right above the numbers (up to a blank line, no higher than
/// `floor`) cut after each line that ends a note ([`ends_note`]) into as many texts as there are
/// numbers, in order. `None` unless the numbers alone fill `first..top` and the texts match them.
#[allow(clippy::type_complexity)]
fn texts_above_numbers(
    lines: &[Line],
    floor: usize,
    first: usize,
    top: usize,
) -> Option<(usize, Vec<(u32, String, Span)>)> {
    let numbers: Vec<u32> = (first..top)
        .filter(|&j| !lines[j].is_blank())
        .map(|j| bare_note_number(lines[j].text))
        .collect::<Option<_>>()?;
    let mut start = first;
    while start > floor && !lines[start - 1].is_blank() {
        start -= 1;
    }
    let mut notes: Vec<(u32, String, Span)> = Vec::new();
    let mut open = false;
    for l in &lines[start..first] {
        if open {
            let last = notes.last_mut()?;
            crate::parse::lex::join_wrapped(&mut last.1, l.text);
            last.2 = last.2.join(l.span());
        } else {
            let n = *numbers.get(notes.len())?;
            notes.push((n, trim(l.text).to_string(), l.span()));
        }
        open = !ends_note(l.text);
    }
    (!open && notes.len() == numbers.len() && numbers.windows(2).all(|w| w[1] == w[0] + 1)).then_some((start, notes))
}

/// The notes of lines `first..top`, which start with a marker line: `None` when a stacked
/// number gets no text.
#[allow(clippy::type_complexity)]
fn read_notes(lines: &[Line], first: usize, top: usize) -> Option<Vec<(u32, String, Span)>> {
    let mut notes: Vec<(u32, String, Span)> = Vec::new();
    let mut pending: Vec<(usize, u32)> = Vec::new();
    let rows: Vec<usize> = (first..top).filter(|&j| !lines[j].is_blank()).collect();
    for (r, &j) in rows.iter().enumerate() {
        let l = &lines[j];
        let kind = match note_line(l.text) {
            // A number inside a note's text after its own number (a page or volume) is text.
            NoteLine::Bare(n) if notes.last().is_some_and(|x| x.0 + 1 != n) && pending.is_empty() => NoteLine::Text,
            k => k,
        };
        match kind {
            NoteLine::Marked(n, rest) => {
                if !pending.is_empty() {
                    return None;
                }
                notes.push((n, rest.to_string(), l.span()));
            }
            NoteLine::Bare(n) => pending.push((j, n)),
            NoteLine::Text => {
                let right_below = pending.first().is_some_and(|p| rows.get(r.wrapping_sub(1)) == Some(&p.0));
                if !pending.is_empty() && (right_below || notes.last().is_none_or(|x| ends_note(&x.1))) {
                    let (at, n) = pending.remove(0);
                    // A number right above its text opens the note; a stacked one does not.
                    let next_is_text = rows.get(r.wrapping_sub(1)) == Some(&at) && pending.is_empty();
                    let span = if next_is_text { lines[at].span().join(l.span()) } else { l.span() };
                    notes.push((n, trim(l.text).to_string(), span));
                } else if let Some(last) = notes.last_mut() {
                    crate::parse::lex::join_wrapped(&mut last.1, l.text);
                    last.2 = last.2.join(l.span());
                }
            }
        }
    }
    (pending.is_empty() && !notes.is_empty()).then_some(notes)
}

/// The marker of footnote `n` in a body line: `¹`, or the digits glued to the text before
/// punctuation or the line end (`机制1，`, `机制 1。`). Returns how many times it occurs.
fn marker_count(text: &str, n: u32) -> usize {
    let sup: String = n.to_string().chars().filter_map(|d| d.to_digit(10)).map(|d| SUPERSCRIPTS[d as usize]).collect();
    let mut count = text.matches(sup.as_str()).count() + text.matches(&format!("[{n}]")).count();
    let digits = n.to_string();
    let chars: Vec<char> = text.chars().collect();
    let want: Vec<char> = digits.chars().collect();
    let mut i = 0;
    while i + want.len() <= chars.len() {
        if chars[i..i + want.len()] == want[..] {
            let before = i.checked_sub(1).map(|b| chars[b]);
            let before = match before {
                Some(' ') => i.checked_sub(2).map(|b| chars[b]),
                b => b,
            };
            // `机制1 。`: pdftotext prints a space between the marker and the punctuation.
            let after = match chars.get(i + want.len()).copied() {
                Some(' ') => chars.get(i + want.len() + 1).copied(),
                a => a,
            };
            let glued_before = before.is_some_and(|c| is_cjk(c) && !matches!(c, '第' | '约' | '近' | '达' | '至'));
            let punct_after =
                after.is_none_or(|c| matches!(c, '，' | '。' | '；' | '：' | '、' | '）' | '”' | ',' | '.'));
            let digit_before = i.checked_sub(1).map(|b| chars[b]).is_some_and(|c| c.is_ascii_digit());
            if glued_before && punct_after && !digit_before {
                count += 1;
            }
            i += want.len();
        } else {
            i += 1;
        }
    }
    count
}

/// Link each footnote to the one body line of its page that carries its marker; report the
/// footnotes whose marker is missing or ambiguous.
fn link_footnotes(out: &mut Pages, all: &[Line]) {
    let _ = all;
    let mut b = 0;
    let mut page_start_line = 0u32;
    for f in &mut out.footnotes {
        while b < out.breaks.len() && out.breaks[b].span.line_end < f.span.line_start {
            page_start_line = out.breaks[b].span.line_end;
            b += 1;
        }
        // The body lines of the footnote's page (`out.lines` is in line order).
        let from = out.lines.partition_point(|l| l.no <= page_start_line);
        let to = out.lines.partition_point(|l| l.no < f.span.line_start).max(from);
        let body: Vec<&Line> = out.lines[from..to].iter().filter(|l| !l.is_blank()).collect();
        let hits: Vec<&&Line> = body.iter().filter(|l| marker_count(l.text, f.number) > 0).collect();
        let total: usize = hits.iter().map(|l| marker_count(l.text, f.number)).sum();
        if total == 1 {
            f.marker = Some(hits[0].span());
        } else {
            out.diagnostics.push(Diagnostic::new(
                DiagnosticCode::FootnoteUnlinked,
                format!(
                    "footnote {} has {} marker(s) on its page; it is not linked to the text",
                    f.number,
                    if total == 0 { "no".to_string() } else { total.to_string() }
                ),
                Some(f.span),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lex::split_lines;

    #[test]
    fn page_numbers_as_printed() {
        for (s, v) in [("12", 12), ("   12   ", 12), ("- 12 -", 12), ("— 7 —", 7), ("第 12 页", 12), ("１２", 12)]
        {
            assert_eq!(scan_page_number(s), Some(v), "{s}");
        }
        for s in ["0", "12345", "12 年", "表 2", "-", ""] {
            assert_eq!(scan_page_number(s), None, "{s}");
        }
        assert_eq!(
            split_numbered_header(&Line::new(1, 0, "中俄对话：2023 模式        13")),
            Some((13, "中俄对话：2023 模式"))
        );
        assert_eq!(split_numbered_header(&Line::new(1, 0, "12      第一章 标题")), Some((12, "第一章 标题")));
        assert_eq!(split_numbered_header(&Line::new(1, 0, "第一章 标题\t12")), None);
        assert_eq!(split_numbered_header(&Line::new(1, 0, "2022  1 520,4")), None);
        assert_eq!(split_numbered_header(&Line::new(1, 0, "中俄对话：2023 模式")), None);
    }

    #[test]
    fn roman_page_numbers() {
        for (s, v) in [("i", 1), ("iv", 4), ("  xii  ", 12), ("XIV", 14), ("- ii -", 2), ("Ⅲ", 3), ("ⅳ", 4)] {
            assert_eq!(scan_roman_page(s), Some(v), "{s}");
        }
        for s in ["iiii", "vx", "Iv", "ic", "", "i.", "I 国", "ii 2"] {
            assert_eq!(scan_roman_page(s), None, "{s}");
        }
    }

    /// Front-matter pages numbered i, ii, iii (a numbering of their own, page null), body pages
    /// `- N -` with a form feed and header, then pages printing only the running header: the
    /// header learned at the numbered breaks is furniture there too, and the title page line
    /// (the first occurrence of the same key, before any page number) stays text.
    #[test]
    fn roman_front_matter_and_pages_with_a_header_only() {
        let mut text = String::from("封面\n\u{c}中俄对话：2018模式\n\n2018 年 6 月\n");
        for numeral in ["i", "ii", "iii"] {
            text.push_str(&format!("{}\n\n{numeral}\n\u{c}", body(8, numeral)));
        }
        for p in 1..=3 {
            text.push_str(&format!("{}\n\n- {p} -\n\u{c}中俄对话： 2018 模式\n\n", body(30, &format!("页{p}"))));
        }
        for p in 4..=5 {
            text.push_str(&format!("{}\n\n中 俄 对 话 ： 2018 模 式\n\n", body(30, &format!("页{p}"))));
        }
        text.push_str(&body(10, "末页"));
        let lines = split_lines(&text);
        let pages = scan(&lines, |_| None);
        let got: Vec<(Option<u32>, Vec<FurnitureKind>)> =
            pages.breaks.iter().map(|b| (b.page, b.lines.iter().map(|l| l.kind).collect())).collect();
        use FurnitureKind::{Header, PageNumber};
        assert_eq!(
            got,
            [
                (None, vec![PageNumber]),
                (None, vec![PageNumber]),
                (None, vec![PageNumber]),
                (Some(1), vec![PageNumber, Header]),
                (Some(2), vec![PageNumber, Header]),
                (Some(3), vec![PageNumber, Header]),
                (Some(4), vec![Header]),
                (Some(5), vec![Header]),
            ]
        );
        assert!(pages.lines.iter().any(|l| l.text == "\u{c}中俄对话：2018模式"), "the title page stays text");
    }

    /// Two Roman front-matter numbers (`i`, `ii`) before the body's chain are a chain of their
    /// own; one `.` a line (`pdftotext -raw` leader dots) does not make a page too long.
    #[test]
    fn two_roman_numbers_before_the_body_chain() {
        let mut text = String::from("封面\n\n");
        text.push_str(&format!("{}\n\ni\n\n", body(8, "前言")));
        text.push_str(&format!("目录\n{}\n11\nii\n\n", ".\n".repeat(900)));
        for p in 1..=3 {
            text.push_str(&format!("{}\n\n{p}\n\n", body(30, &format!("页{p}"))));
        }
        text.push_str(&body(10, "末页"));
        let lines = split_lines(&text);
        let pages = scan(&lines, |_| None);
        let got: Vec<Option<u32>> = pages.breaks.iter().map(|b| b.page).collect();
        assert_eq!(got, [None, None, Some(1), Some(2), Some(3)]);
        // Without a body chain, two Roman numbers are no chain.
        let lines = split_lines("甲\n\ni\n\n乙乙乙乙乙\n丙\n丁\n戊\n己\n\nii\n\n庚");
        assert!(scan(&lines, |_| None).breaks.is_empty());
    }

    /// `pdftotext` on Chromium prints a contents page's column of page numbers after the page's
    /// own number (`ii`), then the next page's form feed and running header: that header is no
    /// break of its own (no page lies between `ii` and body page 1), and the column stays text.
    #[test]
    fn a_header_between_consecutive_page_numbers_joins_the_break_before_it() {
        let mut text = String::from("封面\n\n");
        text.push_str(&format!("{}\n\ni\n\n", body(8, "前言")));
        text.push_str("概要\n序言\n第一章 标题\n\n目录\n\nii\n\n1\n2\n3\n\n\u{c}\u{c}概要\n\n概要\n");
        for p in 1..=3 {
            text.push_str(&format!("{}\n\n{p}\n\n\u{c}中俄对话\n\n", body(30, &format!("页{p}"))));
        }
        text.push_str(&body(10, "末页"));
        let lines = split_lines(&text);
        let pages = scan(&lines, |t| (t == "概要").then(|| t.to_string()));
        let got: Vec<(Option<u32>, Vec<&str>)> =
            pages.breaks.iter().map(|b| (b.page, b.lines.iter().map(|l| trim(&l.text)).collect())).collect();
        assert_eq!(got[1], (None, vec!["ii", "概要"]), "{got:?}");
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), [None, None, Some(1), Some(2), Some(3)]);
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).collect();
        assert!(kept.windows(3).any(|w| w == ["1", "2", "3"]), "the contents page's column stays text");
        assert_eq!(kept.iter().filter(|t| **t == "概要").count(), 2, "the heading and the contents entry stay");
    }

    /// XeLaTeX's running header on a chapter's first page, label and title, printed by
    /// `pdftotext` interleaved with the heading's own (`第二章` / `第二章` / `标题` / `标题`):
    /// the first of each pair is the header, the second the heading's text.
    #[test]
    fn a_label_and_title_printed_twice_are_header_then_heading() {
        let mut text = String::new();
        for p in 1..=4 {
            text.push_str(&format!("{}\n\n{p}\n\n中俄对话\n\n", body(30, &format!("页{p}"))));
        }
        text.push_str(&format!("{}\n\n5\n\n第二章\n\n第二章\n\n合作的新阶段\n\n合作的新阶段\n\n", body(30, "页5")));
        text.push_str(&format!("{}\n\n6\n\n中俄对话\n\n{}", body(30, "页6"), body(10, "末页")));
        let lines = split_lines(&text);
        let title = |t: &str| {
            crate::parse::lex::matches(crate::parse::lex::scan_chapter_heading, t).map(|(_, _, t)| t.to_string())
        };
        let pages = scan(&lines, title);
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).filter(|t| !t.trim().is_empty()).collect();
        let at = kept.iter().position(|t| *t == "第二章").expect("the heading's label stays text");
        assert_eq!(kept[at + 1], "合作的新阶段", "{kept:?}");
        assert_eq!(kept.iter().filter(|t| **t == "第二章" || **t == "合作的新阶段").count(), 2);
        let fifth = pages.breaks.iter().find(|b| b.page == Some(5)).expect("page 5");
        let texts: Vec<&str> = fifth.lines.iter().map(|l| trim(&l.text)).collect();
        assert_eq!(texts, ["5", "第二章", "合作的新阶段"]);
        assert_eq!(pages.breaks.iter().map(|b| b.page).collect::<Vec<_>>(), (1..=6).map(Some).collect::<Vec<_>>());
        // The heading's label lies on page 6, after the break whose span takes in the header's title.
        let label = pages.lines.iter().find(|l| l.text == "第二章").map(Line::span);
        assert_eq!(label.and_then(|s| pages.page_of(s)), Some(6));
    }

    /// A part printed as a label line over its title line (`附录` / `2022 年…大事记`) and repeated by
    /// the running header as one line with a colon (`附录：2022 年…大事记`), printed once, on the
    /// page after the heading: the header is furniture, the label and title stay text.
    #[test]
    fn a_part_label_and_title_repeated_with_a_colon_is_a_header() {
        // The label right over its title (PyMuPDF), or a blank line between (pdftotext).
        for gap in ["\n", "\n\n"] {
            let mut text = String::new();
            for p in 1..=4 {
                text.push_str(&format!("{}\n\n{p}\n\n中俄对话\n\n", body(30, &format!("页{p}"))));
            }
            text.push_str(&format!("{}\n\n5\n\n中俄对话\n\n附录{gap}2022 年中俄关系大事记\n\n", body(10, "页5")));
            text.push_str(&format!("{}\n\n6\n\n附录：2022 年中俄关系大事记\n\n", body(30, "页6")));
            text.push_str(&format!("{}\n\n7\n\n中俄对话\n\n{}", body(30, "页7"), body(10, "末页")));
            let lines = split_lines(&text);
            let title =
                |t: &str| crate::parse::lex::matches(crate::parse::lex::scan_part_heading, t).map(|_| t.to_string());
            let pages = scan(&lines, title);
            let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).filter(|t| !t.trim().is_empty()).collect();
            assert!(!kept.iter().any(|t| t.starts_with("附录：")), "{gap:?}: {kept:?}");
            let at = kept.iter().position(|t| *t == "附录").expect("the heading's label stays text");
            assert_eq!(kept[at + 1], "2022 年中俄关系大事记");
            let sixth = pages.breaks.iter().find(|b| b.page == Some(6)).expect("page 6");
            let texts: Vec<&str> = sixth.lines.iter().map(|l| trim(&l.text)).collect();
            assert_eq!(texts, ["6", "附录：2022 年中俄关系大事记"]);
        }
    }

    /// A running header's title printed after the page's first body line (`8` / `第三章` /
    /// `图 1.` / `标题`, `pdftotext`): the title, a header elsewhere, is a header there too.
    #[test]
    fn a_header_title_printed_one_line_late_is_a_header() {
        let mut text = String::new();
        for p in 1..=4 {
            text.push_str(&format!("{}\n\n{p}\n\n中俄对话\n\n", body(30, &format!("页{p}"))));
        }
        text.push_str(&format!("{}\n\n5\n\n第二章\n\n第二章\n\n合作的新阶段\n\n合作的新阶段\n\n", body(30, "页5")));
        text.push_str(&format!("{}\n\n6\n\n第二章\n\n图 1.\n\n合作的新阶段\n\n", body(30, "页6")));
        text.push_str(&format!("{}\n\n7\n\n中俄对话\n\n{}", body(30, "页7"), body(10, "末页")));
        let lines = split_lines(&text);
        let title = |t: &str| {
            crate::parse::lex::matches(crate::parse::lex::scan_chapter_heading, t).map(|(_, _, t)| t.to_string())
        };
        let pages = scan(&lines, title);
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).filter(|t| !t.trim().is_empty()).collect();
        assert_eq!(kept.iter().filter(|t| **t == "合作的新阶段").count(), 1, "{kept:?}");
        assert!(kept.contains(&"图 1."), "the caption label stays text");
        let seventh = pages.breaks.iter().find(|b| b.page == Some(6)).expect("page 6");
        let texts: Vec<&str> = seventh.lines.iter().map(|l| trim(&l.text)).collect();
        assert_eq!(texts, ["6", "第二章", "合作的新阶段"]);
    }

    /// A running header printed on two lines, label then title (`34` / `第二章` / `标题`, PyMuPDF
    /// on XeLaTeX): the title under the header label is a header too, at every break; the
    /// chapter's own heading (label and title) stays text.
    #[test]
    fn a_header_title_under_its_label_is_a_header() {
        // The contents page lists the chapter first (as the 2020 dumps do).
        let mut text = String::from("目录\n第二章\n合作的新阶段........ 4\n\n");
        for p in 1..=3 {
            text.push_str(&format!("{}\n{p}\n中俄对话\n", body(30, &format!("页{p}"))));
        }
        text.push_str(&format!("{}\n4\n第二章\n合作的新阶段\n第二章\n合作的新阶段\n", body(30, "页4")));
        for p in 5..=8 {
            let header = if p % 2 == 1 { "中俄对话" } else { "第二章\n合作的新阶段" };
            text.push_str(&format!("{}\n{p}\n{header}\n", body(30, &format!("页{p}"))));
        }
        text.push_str(&body(10, "末页"));
        let lines = split_lines(&text);
        let title = |t: &str| {
            crate::parse::lex::matches(crate::parse::lex::scan_chapter_heading, t).map(|(_, _, t)| t.to_string())
        };
        let pages = scan(&lines, title);
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).filter(|t| !t.trim().is_empty()).collect();
        assert_eq!(kept.iter().filter(|t| **t == "合作的新阶段").count(), 1, "{kept:?}");
        let at = kept.iter().rposition(|t| *t == "第二章").expect("the heading stays");
        assert_eq!(kept[at + 1], "合作的新阶段");
        for p in [4, 6, 8] {
            let b = pages.breaks.iter().find(|b| b.page == Some(p)).expect("break");
            let texts: Vec<&str> = b.lines.iter().map(|l| trim(&l.text)).collect();
            assert_eq!(texts, [p.to_string().as_str(), "第二章", "合作的新阶段"], "page {p}");
        }
    }

    /// A heading that starts on the line carrying the page number glued before it (`2第一章 …`,
    /// PDFium) lies on the page after that break.
    #[test]
    fn page_of_a_heading_after_a_glued_number() {
        let mut text = String::new();
        for p in 1..=4u32 {
            text.push_str(&body(8, &format!("页{p}")));
            text.push_str(&format!("\n{p}第{p}章 标题\n"));
        }
        let lines = split_lines(&text);
        let pages = scan(&lines, |_| None);
        assert_eq!(pages.breaks.iter().map(|b| b.page).collect::<Vec<_>>(), [1, 2, 3, 4].map(Some));
        let heading = pages.lines.iter().find(|l| l.text == "第2章 标题").map(Line::span);
        assert_eq!(heading.and_then(|s| pages.page_of(s)), Some(3));
    }

    /// A chapter's running header printed with its label (`第二章  标题`) once, right after its
    /// heading's pages began: furniture, not a second chapter heading.
    #[test]
    fn a_labelled_chapter_header_printed_once_is_furniture() {
        let mut text = String::from("第二章 中俄经贸合作\n\n");
        for p in 1..=3 {
            let header = if p == 2 { "第二章  中俄经贸合作" } else { "中俄对话：2018模式" };
            text.push_str(&format!("{}\n\n- {p} -\n\u{c}{header}\n\n", body(30, &format!("页{p}"))));
        }
        let lines = split_lines(&text);
        let title = |t: &str| {
            crate::parse::lex::matches(crate::parse::lex::scan_chapter_heading, t).map(|(_, _, t)| t.to_string())
        };
        let pages = scan(&lines, title);
        assert_eq!(
            pages.breaks[1].lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["- 2 -", "第二章  中俄经贸合作"]
        );
        assert_eq!(pages.lines[0].text, "第二章 中俄经贸合作", "the heading itself stays");
    }

    /// Furniture printed at the top of each page, header then number (`pdftotext -raw` on
    /// Chromium's margin boxes): a chapter's header printed once, over the number and then the
    /// heading it repeats (`第一章 标题` / `3` / `第一章 标题`), is furniture; number 1 ends no
    /// page (page null once cleared, not 0); the form feed ending the text, after the last page's header and
    /// number were printed at its top, records no break of its own.
    #[test]
    fn furniture_at_page_tops_header_over_number_over_heading() {
        let mut text = format!("报告标题\n{}\ni\n{}\nii\n{}\n", body(20, "前言"), body(20, "说明"), body(12, "目录"));
        let tops = ["第一章 中俄经贸合作\n1\n第一章 中俄经贸合作", "中俄对话：2018模式\n2", "第一章 中俄经贸合作\n3"];
        for (p, top) in tops.iter().enumerate() {
            text.push_str(&format!("{top}\n{}\n", body(30, &format!("页{p}"))));
        }
        text.push_str("中俄对话：2018模式\n4\n末页内容\n\u{c}");
        let lines = split_lines(&text);
        let title = |t: &str| {
            crate::parse::lex::matches(crate::parse::lex::scan_chapter_heading, t).map(|(_, _, t)| t.to_string())
        };
        let mut pages = scan(&lines, title);
        assert_eq!(pages.breaks.get(2).and_then(|b| b.page), Some(0));
        pages.clear_page_zero();
        let got: Vec<(Option<u32>, Vec<&str>)> =
            pages.breaks.iter().map(|b| (b.page, b.lines.iter().map(|l| l.text.as_str()).collect())).collect();
        assert_eq!(
            got,
            [
                (None, vec!["i"]),
                (None, vec!["ii"]),
                (None, vec!["第一章 中俄经贸合作", "1"]),
                (Some(1), vec!["中俄对话：2018模式", "2"]),
                (Some(2), vec!["第一章 中俄经贸合作", "3"]),
                (Some(3), vec!["中俄对话：2018模式", "4"]),
            ]
        );
        assert_eq!(pages.lines.iter().filter(|l| l.text == "第一章 中俄经贸合作").count(), 1, "the heading stays");
        assert_eq!(pages.lines.last().map(|l| l.text), Some(PAGE_BREAK), "the last form feed is kept as a line");
    }

    /// Headers printed above the page numbers (the page foot, as `pdftotext -raw` and PDFium read
    /// WeasyPrint's footers): a chapter's header printed once, right above a number, is furniture
    /// even where the TOC printed its title only with leaders and a page (`第三章 标题 .`), so that
    /// this is the title's first line of its own; a heading is never typeset at a page's foot.
    #[test]
    fn a_heading_like_line_right_above_a_number_at_page_feet_is_furniture() {
        let mut text = String::from("报告标题\n第三章 人文合作 .\n");
        for p in 1..=5 {
            let foot = if p == 3 { "第三章 人文合作" } else { "中俄对话：2018模式" };
            text.push_str(&format!("{}\n{foot}\n{p}\n", body(30, &format!("页{p}"))));
        }
        let lines = split_lines(&text);
        let title = |t: &str| {
            crate::parse::lex::matches(crate::parse::lex::scan_chapter_heading, t).map(|(_, _, t)| t.to_string())
        };
        let pages = scan(&lines, title);
        let texts: Vec<Vec<&str>> =
            pages.breaks.iter().map(|b| b.lines.iter().map(|l| l.text.as_str()).collect()).collect();
        assert_eq!(texts.get(2), Some(&vec!["第三章 人文合作", "3"]));
        assert!(!pages.lines.iter().any(|l| l.text == "第三章 人文合作"), "no heading left at a page foot");
    }

    /// A chapter opening on an odd page (pdftotext of Chromium's print, 2020): that page's header is
    /// the report title, the chapter's heading stands right under it with its first section glued
    /// below, and the chapter's title recurs as the header of the even pages after it. The line
    /// under the report title is the heading, not the first of those headers (the title's first
    /// occurrence is the TOC's line).
    #[test]
    fn a_heading_under_another_header_at_a_page_top_is_the_heading() {
        // The table of contents prints the chapter's title first.
        let mut text = String::from("目录\n第一章 全面伙伴关系\n第二章 中俄人文合作\n\n");
        for p in 1..=8u32 {
            let header = match p {
                5 => "中俄对话：2020模式\n\n第二章 中俄人文合作\n第一节 合作背景",
                _ if p % 2 == 1 => "中俄对话：2020模式",
                _ if p < 5 => "第一章 全面伙伴关系",
                _ => "第二章 中俄人文合作",
            };
            text.push_str(&format!("\u{c}{header}\n\n{}\n{p}\n\n", body(30, &format!("页{p}"))));
        }
        let lines = split_lines(&text);
        let title = |t: &str| {
            crate::parse::lex::matches(crate::parse::lex::scan_chapter_heading, t).map(|(_, _, t)| t.to_string())
        };
        let pages = scan(&lines, title);
        let kept = pages.lines.iter().filter(|l| l.text == "第二章 中俄人文合作").count();
        assert_eq!(kept, 2, "the TOC's line and the heading stay in the text, the header copies do not");
        let texts = |b: usize| pages.breaks[b].lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>();
        assert_eq!(texts(3), ["4", "中俄对话：2020模式"]);
        assert_eq!(texts(4), ["5", "第二章 中俄人文合作"]);
    }

    /// A heading's key is also joined with a wrapped title line under it, never with another
    /// heading under it (TOC titles one under the other: `序言` / `第一章 …`), whose joined key
    /// would make the later `序言` heading look like a header repeating a heading above.
    #[test]
    fn a_heading_is_keyed_with_a_wrapped_line_under_it_not_with_the_next_heading() {
        let text = "序言\n第一章 全球秩序\n第二章 中俄在北极、远东\n合作的新机遇\n";
        let lines = split_lines(text);
        let title = |t: &str| {
            let t = trim(t);
            (t == "序言" || t.starts_with("第")).then(|| t.to_string())
        };
        let at = heading_lines(&lines, &title);
        assert!(at.keys().all(|k| !k.starts_with("序言第一章")), "{at:?}");
        assert_eq!(at.get("第二章中俄在北极、远东合作的新机遇"), Some(&vec![2]));
    }

    /// A short chapter's running header, printed once at the top of the page that opens the
    /// chapter, right over the heading it repeats (`第一章 标题` / `第一章 标题`): furniture, so the
    /// chapter has one heading and no paragraph holding its title.
    #[test]
    fn a_header_over_its_heading_on_the_chapter_page_is_furniture() {
        let mut text = String::new();
        for p in 1..=4 {
            text.push_str(&body(30, &format!("页{p}")));
            text.push_str(&format!("\n\n{p}\n"));
            let header = if p == 2 {
                "第一章 变化中的格局\n\n第一章 变化中的格局"
            } else {
                "中俄对话：2022模式"
            };
            text.push_str(&format!("\u{c}{header}\n\n"));
        }
        let lines = split_lines(&text);
        let title = |t: &str| {
            crate::parse::lex::matches(crate::parse::lex::scan_chapter_heading, t).map(|(_, _, t)| t.to_string())
        };
        let pages = scan(&lines, title);
        assert_eq!(
            pages.breaks[1].lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["2", "第一章 变化中的格局"]
        );
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).filter(|t| t.contains("第一章")).collect();
        assert_eq!(kept, ["第一章 变化中的格局"], "the heading itself stays, once");
    }

    /// A chapter title wrapped under its heading line is printed whole, once, as the running
    /// header of a later page: furniture, not text glued into the paragraph it interrupts.
    #[test]
    fn a_header_repeating_a_wrapped_chapter_title_is_furniture() {
        let mut text = String::from("第六章 中俄在北极、远东及东北地区\n合作的新机遇\n\n");
        for p in 1..=3 {
            let header = if p == 2 {
                "中俄在北极、远东及东北地区合作的新机遇"
            } else {
                "中俄对话：2022模式"
            };
            text.push_str(&format!("{}\n- {p} -\n{header}\n", body(30, &format!("页{p}"))));
        }
        let lines = split_lines(&text);
        let title = |t: &str| {
            crate::parse::lex::matches(crate::parse::lex::scan_chapter_heading, t).map(|(_, _, t)| t.to_string())
        };
        let pages = scan(&lines, title);
        assert_eq!(
            pages.breaks[1].lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["- 2 -", "中俄在北极、远东及东北地区合作的新机遇"]
        );
        assert_eq!(pages.lines[1].text, "合作的新机遇", "the heading's own second line stays");
    }

    #[test]
    fn footnote_lines() {
        assert_eq!(scan_footnote("1 参见：《中俄联合声明》"), Some((1, "参见：《中俄联合声明》")));
        assert_eq!(scan_footnote("¹ Лузянин С.Г. Россия"), Some((1, "Лузянин С.Г. Россия")));
        assert_eq!(scan_footnote("[2] See: RIAC report"), Some((2, "See: RIAC report")));
        for s in ["1. 发展相互投资", "2 月 3 日，会谈", "12", "2019\t12\t13", "3 个方面的合作", "1 2 3 4"]
        {
            assert_eq!(scan_footnote(s), None, "{s}");
        }
    }

    #[test]
    fn glued_and_bare_note_numbers() {
        assert_eq!(scan_glued_footnote("1参见：《中俄联合声明》"), Some((1, "参见：《中俄联合声明》")));
        assert_eq!(scan_glued_footnote("2Совместное заявление"), Some((2, "Совместное заявление")));
        for s in ["2021年6月", "12月3日会谈", "3个方面的合作", "1 参见", "30%"] {
            assert_eq!(scan_glued_footnote(s), None, "{s}");
        }
        assert_eq!(bare_note_number("  2"), Some(2));
        assert_eq!(bare_note_number("2021"), None);
    }

    #[test]
    fn footnotes_need_evidence_and_numbers_may_stand_apart() {
        // Numbers stacked above their texts (pdftotext): each text but the last ends a sentence.
        let l = split_lines("正文基础1 。又一句2 。\n1\n2\n\n参见：赵明远，\n第 12 页。\nСовместное\nзаявление.\n");
        let (first, notes, _) = footnotes_above(&l, 0, l.len()).unwrap();
        assert_eq!(first, 1);
        assert_eq!(notes.iter().map(|n| (n.0, n.2.line_start)).collect::<Vec<_>>(), vec![(1, 5), (2, 7)]);
        // A number right above its text opens its note.
        let l = split_lines("正文扩大3 。\n3\n\nNew Development Bank.\n");
        let (_, notes, _) = footnotes_above(&l, 0, l.len()).unwrap();
        assert_eq!((notes[0].0, notes[0].2.line_start), (3, 2));
        // A wrapped line starting with a number, with no marker on its page: no footnote.
        let l = split_lines("中国向俄方交付了\n2 艘潜艇和若干舰船。\n");
        assert!(footnotes_above(&l, 0, l.len()).is_none_or(|c| !c.2));
    }

    #[test]
    fn a_date_to_the_day_is_no_running_header() {
        assert!(is_day_date("2019年6月5日"));
        assert!(is_day_date("2019 年 6 月 5-7 日"));
        assert!(!is_day_date("2019年6月"));
        assert!(!is_day_date("中俄对话：2020模式"));
        assert!(!is_day_date("2019年6月5日 中俄领导人会晤"));
    }

    #[test]
    fn footnote_numbers_printed_below_all_their_texts() {
        // pdftotext on Typst: the texts, then the numbers 1 and 2, then the page number 3.
        let l = split_lines("正文基础1 。又一句2 。\n\n参见：赵明远\n，\n第 12 页。\nСовместное\nзаявление.\n1\n\n2\n");
        let (first, notes, evidenced) = footnotes_above(&l, 0, l.len()).unwrap();
        assert_eq!(first, 2);
        assert!(evidenced);
        assert_eq!(
            notes.iter().map(|n| (n.0, n.1.as_str(), n.2.line_start)).collect::<Vec<_>>(),
            vec![(1, "参见：赵明远，第 12 页。", 3), (2, "Совместное заявление.", 6)]
        );
        // Texts that do not cut into as many notes as there are numbers: none.
        let l = split_lines("正文\n\n参见：赵明远，第 12 页\nСовместное заявление.\n1\n2\n");
        assert!(footnotes_above(&l, 0, l.len()).is_none());
        // The page number under the stacked numbers is a page-number candidate; a column of
        // figures that does not count up by one is not.
        let text = format!("{}\n1\n\n2\n\n3\n{}\n", body(3, "甲"), body(3, "乙"));
        let l = split_lines(&text);
        assert_eq!(number_candidates(&l, false).iter().map(|c| c.0).collect::<Vec<_>>(), vec![7]);
        let text = format!("{}\n12\n\n5\n\n31\n{}\n", body(3, "甲"), body(3, "乙"));
        let l = split_lines(&text);
        assert!(number_candidates(&l, false).is_empty());
    }

    #[test]
    fn a_heading_printed_twice_after_a_page_number_is_header_then_heading() {
        let text = format!("{}\n12\n建议\n建议\n正文第一行。\n", body(20, "甲"));
        let lines = split_lines(&text);
        let title = |s: &str| (trim(s) == "建议").then(|| "建议".to_string());
        let mut furniture = vec![None; lines.len()];
        furniture[20] = Some(FurnitureKind::PageNumber);
        mark_doubled_headings(&lines, &title, &mut furniture, &vec![false; lines.len()]);
        assert_eq!(furniture[21], Some(FurnitureKind::Header));
        assert_eq!(furniture[22], None);
    }

    #[test]
    fn markers() {
        assert_eq!(marker_count("合作机制1，已经建立", 1), 1);
        assert_eq!(marker_count("合作机制 1。", 1), 1);
        assert_eq!(marker_count("合作机制¹已经", 1), 1);
        assert_eq!(marker_count("进一步加强[1]。", 1), 1);
        assert_eq!(marker_count("第 1，", 1), 0);
        assert_eq!(marker_count("增长 11。", 1), 0);
        assert_eq!(marker_count("2021 年", 1), 0);
        assert_eq!(marker_count("法律基础2 。", 2), 1);
    }

    fn body(n: usize, tag: &str) -> String {
        (0..n).map(|i| format!("{tag}第{i}行内容，继续写下去")).collect::<Vec<_>>().join("\n")
    }

    fn chapter_title(t: &str) -> Option<String> {
        crate::parse::lex::matches(crate::parse::lex::scan_chapter_heading, t)
            .or_else(|| crate::parse::lex::matches(crate::parse::lex::scan_section_heading, t))
            .map(|(_, _, t)| t.to_string())
    }

    /// A TOC (both chapters), then pages with `中俄对话` headers; chapter 2 opens with its label
    /// and title on two lines under page 3's number and header, and page 5 prints the chapter's
    /// label and title once more, on two lines, as its only header.
    fn chapter_reprinted_after_a_number() -> String {
        let mut text = String::from("目录\n\n第一章\n\n起点\n\n第二章\n\n合作的新阶段\n\n");
        text.push_str(&format!("{}\n\n第一章\n\n起点\n\n", body(3, "序")));
        for p in 1..=2 {
            text.push_str(&format!("{}\n\n{p}\n\n中俄对话\n\n", body(30, &format!("页{p}"))));
        }
        text.push_str(&format!("{}\n\n3\n\n中俄对话\n\n第二章\n\n合作的新阶段\n\n", body(30, "页3")));
        text.push_str(&format!("{}\n\n第一节 贸易\n\n{}\n\n4\n\n中俄对话\n\n", body(5, "页4"), body(25, "页4")));
        text.push_str(&format!("{}\n\n5\n\n第二章\n\n合作的新阶段\n\n", body(30, "页5")));
        text.push_str(&format!("{}\n\n6\n\n中俄对话\n\n{}", body(30, "页6"), body(10, "末页")));
        text
    }

    #[test]
    fn a_chapter_label_and_title_reprinted_after_a_number_are_a_header() {
        let text = chapter_reprinted_after_a_number();
        let lines = split_lines(&text);
        let pages = scan(&lines, chapter_title);
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).filter(|t| !t.trim().is_empty()).collect();
        // The TOC's entries and the heading that opens chapter 2 stay text; the reprint is furniture.
        assert_eq!(kept.iter().filter(|t| **t == "第二章").count(), 2, "{kept:?}");
        assert_eq!(kept.iter().filter(|t| **t == "合作的新阶段").count(), 2, "{kept:?}");
        let fifth = pages.breaks.iter().find(|b| b.page == Some(5)).expect("page 5");
        let texts: Vec<&str> = fifth.lines.iter().map(|l| trim(&l.text)).collect();
        assert_eq!(texts, ["5", "第二章", "合作的新阶段"]);
    }

    #[test]
    fn the_current_heading_above_skips_a_toc_entry() {
        let text = chapter_reprinted_after_a_number();
        let lines = split_lines(&text);
        let at = |t: &str| -> Vec<usize> { (0..lines.len()).filter(|&k| lines[k].text == t).collect() };
        let labels = at("第二章");
        let (toc, opener, reprint) = (labels[0], labels[1], labels[2]);
        let title_after = |l: usize| nearest_text(&lines, l, 1).expect("title");
        // The opener's only earlier print is the TOC's, with chapter 1's label between: none.
        assert_eq!(current_heading_above(&lines, &chapter_title, opener, title_after(opener)), None);
        // The reprint repeats the opener (a section label of another kind between).
        assert_eq!(current_heading_above(&lines, &chapter_title, reprint, title_after(reprint)), Some(opener));
        assert_eq!(current_heading_above(&lines, &chapter_title, toc, title_after(toc)), None);
        assert_eq!(heading_label("第一节 贸易", &chapter_title).as_deref(), Some("第一节"));
        assert_eq!(heading_label("正文", &chapter_title), None);
        assert_eq!(label_kind("第二章"), Some('章'));
    }

    #[test]
    fn a_line_printed_whole_elsewhere_is_no_glued_header() {
        let lines = split_lines("第六章 人文合作\n\n39\n\n第六章 人文合作\n\n正文一行。人文合作\n\n人文合作\n");
        let counts = line_key_counts(&lines);
        assert!(repeated_line(&counts, "第六章 人文合作"));
        assert!(!repeated_line(&counts, "正文一行。人文合作"));
        assert!(!repeated_line(&counts, "39 页以后的一行很长的正文，句号结尾。"));
    }

    #[test]
    fn furniture_is_learned_and_breaks_rejoin() {
        let mut text = String::from("中俄对话：2023 模式\n\n");
        for p in 1..=4 {
            text.push_str(&body(30, &format!("页{p}")));
            if p == 2 {
                text.push_str("\n俄罗斯专家¹认\n\n1 参见：《报告》，第 3 页。\n");
            } else {
                text.push('\n');
            }
            text.push_str(&format!("\n  - {} -  \n\u{c}中俄对话： 2023  模式\n\n", p + 4));
            if p == 2 {
                text.push_str("为，这些项目…\n");
            }
        }
        let lines = split_lines(&text);
        let pages = scan(&lines, |_| None);
        assert_eq!(pages.breaks.len(), 4, "{:?}", pages.breaks);
        assert_eq!(pages.breaks.iter().map(|b| b.page).collect::<Vec<_>>(), [Some(5), Some(6), Some(7), Some(8)]);
        assert_eq!(pages.footnotes.len(), 1);
        assert_eq!(pages.footnotes[0].number, 1);
        assert!(pages.footnotes[0].marker.is_some(), "{:?}", pages.diagnostics);
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).collect();
        assert_eq!(kept[0], "中俄对话：2023 模式", "the title before the first break is text");
        assert!(!kept.iter().any(|t| t.contains("模式") && t.contains('\u{c}')));
        assert!(!kept.iter().any(|t| t.contains("参见")));
        let at = kept.iter().position(|t| *t == "俄罗斯专家¹认").unwrap_or(0);
        assert_eq!(&kept[at + 1..at + 3], [PAGE_BREAK, "为，这些项目…"]);
        assert_eq!(pages.page_of(lines[at].span()), Some(6));
    }

    /// Form feeds and running headers, no page numbers: every header is furniture, the first one
    /// included.
    #[test]
    fn headers_after_form_feeds_without_page_numbers() {
        let mut text = String::from("《中俄对话：2023 模式》\n\n");
        for p in 1..=4 {
            text.push_str(&format!("{}\n\n\u{c}中俄对话：2023 模式\n\n", body(30, &format!("页{p}"))));
        }
        text.push_str(&body(5, "末页"));
        let lines = split_lines(&text);
        let pages = scan(&lines, |_| None);
        assert_eq!(pages.breaks.len(), 4, "{:?}", pages.breaks);
        assert!(pages.breaks.iter().all(|b| b.page.is_none() && b.lines[0].kind == FurnitureKind::Header));
        assert_eq!(pages.lines[0].text, "《中俄对话：2023 模式》");
    }

    #[test]
    fn no_furniture_in_plain_text() {
        let text = "第一章 标题\n\n12\n\n正文。\n\n13\n\n正文。";
        let lines = split_lines(text);
        let pages = scan(&lines, |_| None);
        assert!(pages.breaks.is_empty());
        assert_eq!(pages.lines.len(), lines.len());
    }

    #[test]
    fn pdfium_glued_numbers_and_headers_are_split() {
        // Header glued after a hyphenation point to the last line, number glued to the next
        // page's first line; `2019 年` is a year, not page 20 + `19 年`.
        let mut text = String::new();
        for p in 1..=5u32 {
            text.push_str(&body(8, &format!("页{p}")));
            if p % 2 == 0 {
                text.push_str("\n报告标题");
            } else {
                text.push_str("\u{2010}报告标题");
            }
            text.push_str(&format!("\n{p}"));
        }
        text.push_str("2019 年最后一页。");
        let lines = split_lines(&text);
        let pages = scan(&lines, |_| None);
        assert_eq!(pages.breaks.len(), 5);
        assert_eq!(pages.breaks.iter().map(|b| b.page).collect::<Vec<_>>(), [1, 2, 3, 4, 5].map(Some));
        // The first occurrence, before the first page number, stays text (a title page).
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).skip_while(|t| *t != PAGE_BREAK).collect();
        assert!(
            kept.iter().all(|t| !t.contains("报告标题") && (!t.starts_with(char::is_numeric) || t.starts_with("2019"))),
            "{kept:?}"
        );
        assert!(pages.lines.iter().any(|l| l.text == "2019 年最后一页。"));
    }

    #[test]
    fn chromium_pdfium_headers_glued_before_the_number_are_split() {
        // Chromium paints the header and number first: PDFium glues the next page's header to
        // the page's last line, the number stands below it, then the page's text.
        let mut text = String::from("报告标题\n");
        for p in 1..=5u32 {
            text.push_str(&body(8, &format!("页{p}")));
            let header = if p == 3 { "第三章 某个标题" } else { "报告标题" };
            text.push_str(&format!("{header}\n{p}\n"));
            if p == 3 {
                text.push_str("第三章 某个标题\n");
            }
        }
        text.push_str("最后一页。");
        let lines = split_lines(&text);
        let pages = scan(&lines, |t| t.starts_with("第三章").then(|| t.to_string()));
        assert_eq!(pages.breaks.len(), 5);
        // Each break starts at the line that carries the glued header.
        for b in &pages.breaks {
            let at = lines.iter().position(|l| l.no == b.span.line_start).unwrap();
            assert!(lines[at].text.ends_with("报告标题") || lines[at].text.ends_with("某个标题"), "{b:?}");
        }
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).collect();
        assert!(kept.iter().skip(1).all(|t| !t.contains("报告标题")), "{kept:?}");
        assert!(kept.contains(&"第三章 某个标题"), "the heading stays text: {kept:?}");
        assert!(kept.iter().any(|t| t.ends_with("页3 第 8 行。") || t.starts_with("页3")), "{kept:?}");
    }

    #[test]
    fn glued_header_joining_a_two_line_heading_is_split() {
        // The appendix's heading is printed on two lines, its running header on one with a colon
        // between them, and the header is only ever glued to a page's last line.
        let mut text = String::from("附录\n中俄关系大事记\n");
        for p in 1..=5u32 {
            text.push_str(&body(6, &format!("页{p}")));
            text.push_str(&format!("\n页{p}的最后一行。附录：中俄关系大事记\n{p}\n"));
        }
        text.push_str("最后一页。");
        let lines = split_lines(&text);
        let pages = scan(&lines, |_| None);
        assert_eq!(pages.breaks.len(), 5);
        for b in &pages.breaks {
            let at = lines.iter().position(|l| l.no == b.span.line_start).unwrap();
            assert!(lines[at].text.ends_with("附录：中俄关系大事记"), "{b:?}");
        }
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).collect();
        assert!(kept.iter().all(|t| !t.contains("附录：")), "{kept:?}");
        assert!(kept.contains(&"页3的最后一行。"), "{kept:?}");
        assert!(repeats_standalone(&standalone_keys(&lines), &header_key("附录：中俄关系大事记")));
    }

    #[test]
    fn header_glued_once_repeating_a_page_opening_heading_is_split() {
        // The appendix opens page 3 with its two-line heading; its running header is glued only
        // once, to the last line of page 4 (the part's last page), above a page number.
        let mut text = String::new();
        for p in 1..=6u32 {
            if p == 3 {
                text.push_str("附录\n中俄关系大事记\n");
            }
            text.push_str(&body(6, &format!("页{p}")));
            let tail = if p == 4 { "附录：中俄关系大事记" } else { "" };
            text.push_str(&format!("\n页{p}的最后一行。{tail}\n{p}\n"));
        }
        text.push_str("最后一页。");
        let lines = split_lines(&text);
        let pages = scan(&lines, |_| None);
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).collect();
        assert!(kept.contains(&"页4的最后一行。"), "{kept:?}");
        assert!(kept.iter().all(|t| !t.contains("附录：")), "{kept:?}");
        // A heading that opens no page is no evidence: the tail stays text.
        let plain = text.replace("附录\n中俄关系大事记\n", "");
        let plain = format!("附录\n中俄关系大事记\n{plain}");
        let lines = split_lines(&plain);
        let pages = scan(&lines, |_| None);
        let kept: Vec<&str> = pages.lines.iter().map(|l| l.text).collect();
        assert!(kept.iter().any(|t| t.ends_with("附录：中俄关系大事记")), "{kept:?}");
    }

    #[test]
    fn glued_top_header_tails() {
        let keys: std::collections::HashSet<String> = ["报告标题".to_string()].into();
        let tails = header_tails("增长点。报告标题");
        assert_eq!(tails.first().map(|t| t.1.as_str()), Some("长点。报告标题"));
        assert!(tails.iter().any(|(at, k)| k == "报告标题" && *at == "增长点。".len()));
        assert!(tails.iter().all(|(_, k)| !k.starts_with('。')));
        assert!(keys.contains(&header_key("报告 标题")));
        assert_eq!(loose_key("附录：中俄 大事记"), loose_key("附录中俄大事记"));
        // A line that is all header is no tail of itself.
        assert!(header_tails("报告标题").iter().all(|(_, k)| k != "报告标题"));
    }

    #[test]
    fn trailing_roman_numbers_make_a_chain() {
        let lines = split_lines("封面\n2018 年 6 月i\n作者\n说明。ii\n目录\n建议 6iii\n1\nTaxi\n");
        let found = trailing_roman_numbers(&lines, 6);
        assert_eq!(found.get(&1), Some(&"2018 年 6 月".len()));
        assert_eq!(found.get(&3), Some(&"说明。".len()));
        assert_eq!(found.get(&5), Some(&"建议 6".len()));
        assert_eq!(found.len(), 3);
        // One alone is no chain; a numeral after a Latin letter is part of a word.
        assert!(trailing_roman_numbers(&split_lines("封面\n说明。ii\nTaxi\nTaxii\n"), 4).is_empty());
    }

    #[test]
    fn glued_candidates_skip_quantities() {
        let lines = split_lines("17中俄\n12 月\n30%\n382012 年\n4）。");
        let c = glued_number_candidates(&lines, false);
        assert!(c.contains(&(0, 17, 2)) && c.contains(&(0, 1, 1)));
        assert!(!c.contains(&(1, 12, 2)) && !c.contains(&(2, 30, 2)) && !c.contains(&(4, 4, 1)));
        assert!(c.contains(&(3, 38, 2)));
        assert!(glued_number_candidates(&lines, true).iter().any(|x| x.0 == 4));
    }
}
