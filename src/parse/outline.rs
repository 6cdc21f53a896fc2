//! Stage 3: the outline: front matter (metadata and authors), table of contents, and the
//! heading tree of the body (parts, chapters, sections), with the line range of each region.
//! The regions are then filled by [`crate::parse::blocks`] and [`crate::parse::chronology`] (in parallel, see
//! [`crate::pipeline`]).

use crate::model::{Author, Block, Diagnostic, DiagnosticCode, Metadata, Role, Span, Team, TocEntry};
use crate::parse::lex::{
    at_most_chars, digit_value, is_cjk, is_space, join_wrapped, matches, normalize, scan_chapter_heading,
    scan_contents_line, scan_part_heading, scan_section_heading, scan_toc_line, squeeze_cjk_spaces, trim, Line,
    PartKind,
};
use crate::parse::pages::scan_roman_page;

/// Longest line taken as a chapter or section heading.
const HEADING_MAX_CHARS: usize = 80;

/// A heading found in the body.
#[derive(Debug, Clone, PartialEq)]
pub enum HeadingKind<'a> {
    /// A part; for the appendix, the title printed after `附录：` (or empty).
    Part(PartKind, &'a str),
    /// A numbered chapter heading.
    Chapter {
        /// The chapter number.
        number: u32,
        /// The chapter label as printed.
        label: &'a str,
        /// The chapter title.
        title: String,
    },
    /// A numbered section heading.
    Section {
        /// The section number.
        number: u32,
        /// The section label as printed.
        label: &'a str,
        /// The section title.
        title: String,
    },
}

/// A heading found in the body, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading<'a> {
    /// Index of the heading's first line in the line array.
    pub index: usize,
    /// Index after the heading's last line (a wrapped heading spans two lines).
    pub end: usize,
    /// What kind of heading it is.
    pub kind: HeadingKind<'a>,
    /// Where the heading is printed.
    pub span: Span,
}

/// The skeleton of a document: where each part is.
#[derive(Debug, Default)]
pub struct Outline<'a> {
    /// Lines of the front matter: `0..front_end`.
    pub front_end: usize,
    /// Where the TOC heading is printed, if there is a TOC.
    pub toc_heading: Option<Span>,
    /// The entries of the table of contents.
    pub toc: Vec<TocEntry>,
    /// First line after the TOC.
    pub body_start: usize,
    /// The headings of the body, in order.
    pub headings: Vec<Heading<'a>>,
}

fn toc_title_is_heading(title: &str) -> bool {
    matches(scan_chapter_heading, title).is_some()
        || matches(scan_section_heading, title).is_some()
        || matches(scan_part_heading, title).is_some()
        || title.starts_with("附录")
}

/// Find the front matter, the TOC and the body headings.
pub fn scan<'a>(lines: &[Line<'a>], diags: &mut Vec<Diagnostic>) -> Outline<'a> {
    let mut out = Outline::default();
    // 1. The TOC: after a `目录` heading, or the first run of TOC lines naming headings.
    let contents =
        lines.iter().position(|l| matches!(matches(scan_part_heading, l.text), Some((PartKind::Contents, _))));
    let toc_first = match contents {
        Some(c) => Some(c + 1),
        None => lines.iter().position(|l| matches(scan_toc_line, l.text).is_some_and(|(t, _)| toc_title_is_heading(t))),
    };
    let (body_start, toc_top) = match toc_first {
        Some(first) => read_toc_at(lines, first, contents, &mut out, diags),
        None => (0, None),
    };
    // 2. Body headings.
    let toc_titles: std::collections::HashSet<String> = out.toc.iter().map(|e| normalize(&e.title)).collect();
    out.body_start = body_start;
    let mut k = body_start;
    while k < lines.len() {
        let l = &lines[k];
        let mut t = l.text;
        // A part name or `第`: most lines are ruled out by their first character, which the
        // line table keeps, before their text is read.
        if !(l.first_char() == '第' || crate::parse::lex::PART_HEADING_STARTS.contains(&l.first_char())) {
            // A heading with the previous page's number glued before it (`3第一章 …`, `iv概 要`,
            // as PDFium prints a page's number after its text), when the TOC names it.
            match after_glued_page_number(l.text).filter(|rest| toc_names_heading(&out.toc, rest)) {
                Some(rest) => t = rest,
                None => {
                    k += 1;
                    continue;
                }
            }
        }
        // A TOC line outside the TOC (e.g. a second report concatenated) is not a heading.
        // Read only for the rare line that parses as a numbered heading (below).
        let short = || {
            at_most_chars(t, HEADING_MAX_CHARS)
                && !trim(t).ends_with('。')
                && matches(scan_toc_line, t).is_none_or(|_| !t.contains('\t'))
        };
        if let Some((kind, rest)) = matches(scan_part_heading, t) {
            if kind != PartKind::Contents && kind != PartKind::AuthorsIntro && !sentence_goes_on(lines, k) {
                out.headings.push(Heading {
                    index: k,
                    end: k + 1,
                    kind: HeadingKind::Part(kind, rest),
                    span: l.span(),
                });
            }
            k += 1;
            continue;
        }
        let numbered = matches(scan_chapter_heading, t)
            .map(|h| (true, h))
            .or_else(|| matches(scan_section_heading, t).map(|h| (false, h)))
            .filter(|_| short());
        if let Some((is_chapter, (number, label, title))) = numbered {
            let mut title = squeeze_cjk_spaces(title);
            let mut end = k + 1;
            let mut span = l.span();
            // A heading wrapped over two lines: the continuation is a short line without closing
            // punctuation, and the TOC (when there is one) names the joined title. A label on a
            // line of its own takes the next line as its title, and that title may wrap too.
            for _ in 0..HEADING_MAX_LINES {
                let Some(j) = (end..lines.len().min(end + 3)).find(|&j| !lines[j].is_blank()) else {
                    break;
                };
                let next = trim(lines[j].text);
                let joined = format!("{title}{}", squeeze_cjk_spaces(next));
                let is_heading = matches(scan_chapter_heading, next).is_some()
                    || matches(scan_section_heading, next).is_some()
                    || matches(scan_part_heading, next).is_some();
                let toc_has = |s: &str| toc_titles.contains(&normalize(s));
                let candidate = !is_heading && at_most_chars(next, 30) && !next.ends_with(['。', '；', '，']);
                if !(candidate && (title.is_empty() || (toc_has(&joined) && !toc_has(&title)))) {
                    break;
                }
                title = joined;
                end = j + 1;
                span = span.join(lines[j].span());
            }
            // A label alone whose title the page stage took for a running header (`第六章`, the
            // title printed alone as the header is): the TOC's title of that chapter.
            if title.is_empty() && is_chapter {
                if let Some(e) =
                    out.toc.iter().find(|e| e.label.as_deref().is_some_and(|x| normalize(x) == normalize(label)))
                {
                    title = e.title.clone();
                }
            }
            let kind = if is_chapter {
                HeadingKind::Chapter { number, label, title }
            } else {
                HeadingKind::Section { number, label, title }
            };
            out.headings.push(Heading { index: k, end, kind, span });
            k = end;
            continue;
        }
        k += 1;
    }
    out.headings = drop_repeated_headings(std::mem::take(&mut out.headings), lines, diags);
    out.front_end = [contents, toc_top, toc_first.map(|f| f.saturating_sub(0)), out.headings.first().map(|h| h.index)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(lines.len());
    if contents.is_none() {
        if let Some(f) = toc_first {
            out.front_end = out.front_end.min(f);
        }
    }
    cross_check_toc(&out, diags);
    out
}

/// Whether the text before line `k` (its last non-blank line) stops in the middle of a sentence,
/// after `，` or `、`: the line is then the sentence's next piece, not a heading, whatever it
/// reads (`pdftotext -raw` on Typst breaks a line after its compressed punctuation, so a part
/// name inside a sentence, `…建议俄罗斯人离开中国，` / `建议` / `在疫情形势稳定前…`, stands alone).
/// A heading follows a finished sentence, a page's furniture or nothing.
fn sentence_goes_on(lines: &[Line], k: usize) -> bool {
    lines[..k].iter().rev().find(|l| !l.is_blank()).is_some_and(|l| l.trimmed().ends_with(['，', '、', ',']))
}

/// Most lines a heading's title is read from after its label: the label's own line's text or
/// the line under a bare label, and one line that title wraps onto.
const HEADING_MAX_LINES: usize = 2;

/// Most digits of a page number glued before a heading.
const GLUED_PAGE_NUMBER_MAX_CHARS: usize = 4;

/// The text after a page number glued before a heading (`3第一章 …` → `第一章 …`, `iv概 要` →
/// `概 要`): Arabic digits or a lower-case Roman numeral, then `第` or a part name's first
/// character. None for any other line.
fn after_glued_page_number(t: &str) -> Option<&str> {
    let t = trim(t);
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let roman = t.len() - t.trim_start_matches(['i', 'v', 'x', 'l', 'c']).len();
    let n = digits.max(roman);
    let rest = &t[n..];
    let starts = |c: char| c == '第' || crate::parse::lex::PART_HEADING_STARTS.contains(&c);
    ((1..=GLUED_PAGE_NUMBER_MAX_CHARS).contains(&n) && rest.starts_with(starts)).then_some(rest)
}

/// Whether the TOC names the heading `t`: a chapter or section whose title is a TOC entry's
/// title, or a part of a kind a TOC entry has (`概 要`, `附录：…`).
fn toc_names_heading(toc: &[TocEntry], t: &str) -> bool {
    let numbered = matches(scan_chapter_heading, t).or_else(|| matches(scan_section_heading, t));
    if let Some((_, _, title)) = numbered {
        let title = normalize(title);
        return !title.is_empty() && toc.iter().any(|e| normalize(&e.title).starts_with(&title));
    }
    let Some((kind, _)) = matches(scan_part_heading, t) else {
        return false;
    };
    let kind_of = |x: &str| matches(scan_part_heading, x).is_some_and(|(k, _)| k == kind);
    toc.iter().any(|e| kind_of(&e.title) || e.label.as_deref().is_some_and(kind_of))
}

/// A heading line's text without the page number a tool glued before it (`iv概 要` → `概 要`).
pub fn heading_text(t: &str) -> &str {
    after_glued_page_number(t).unwrap_or(t)
}

/// The identity of a top-level heading: the part's kind, or the chapter's number.
fn top_key(h: &Heading) -> Option<(Option<PartKind>, u32)> {
    match &h.kind {
        HeadingKind::Part(kind, _) => Some((Some(*kind), 0)),
        HeadingKind::Chapter { number, .. } => Some((None, *number)),
        HeadingKind::Section { .. } => None,
    }
}

/// Drop the repeats of a part or chapter heading, as a running header prints them: a heading
/// the same as the last part or chapter heading (the same part, the chapter of the same
/// number) is a repeat, and its line stays text of the region. Of two printed one right under
/// the other (blank lines between: the running header over the heading on a chapter's first
/// page, `第二章` / `第二章 中俄…`), the one with its title on its line is kept, else the
/// second; but two appendix headings so printed are both kept (a duplicate part, reported).
/// A chapter header so dropped from over the chapter heading (`第一章` / title over `第一章` /
/// title, as PyMuPDF prints a chapter's first page) is no text of the region above: the kept
/// heading's region starts at the header, whose lines a `running_header_over_heading`
/// diagnostic covers.
fn drop_repeated_headings<'a>(
    headings: Vec<Heading<'a>>,
    lines: &[Line],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Heading<'a>> {
    let mut out: Vec<Heading> = Vec::with_capacity(headings.len());
    let mut current: Option<usize> = None; // index in `out` of the last part or chapter
    for h in headings {
        let Some(key) = top_key(&h) else {
            out.push(h);
            continue;
        };
        let Some(c) = current.filter(|&c| top_key(&out[c]) == Some(key)) else {
            current = Some(out.len());
            out.push(h);
            continue;
        };
        let adjacent = c + 1 == out.len() && lines[out[c].end..h.index].iter().all(|l| l.is_blank());
        if adjacent && matches!(h.kind, HeadingKind::Part(PartKind::Appendix, _)) {
            // `附录` / `附录` with nothing between: two appendices, reported as a duplicate part.
            current = Some(out.len());
            out.push(h);
            continue;
        }
        if adjacent && (has_title_on_its_line(&h, lines) || !has_title_on_its_line(&out[c], lines)) {
            let header = std::mem::replace(&mut out[c], h);
            if matches!(out[c].kind, HeadingKind::Chapter { .. }) {
                out[c].index = header.index;
                diags.push(Diagnostic::new(
                    DiagnosticCode::RunningHeaderOverHeading,
                    "a running header printed over the chapter heading it repeats; not text",
                    Some(header.span),
                ));
            }
        }
    }
    out
}

/// Whether a heading's line holds more than its label (`第二章 中俄…`, not `第二章` alone).
fn has_title_on_its_line(h: &Heading, lines: &[Line]) -> bool {
    let t = trim(lines[h.index].text).trim_start_matches('\u{c}');
    match &h.kind {
        HeadingKind::Chapter { label, .. } | HeadingKind::Section { label, .. } => {
            trim(t.strip_prefix(*label).unwrap_or(t)).chars().count() > 0 && !t.ends_with(*label)
        }
        HeadingKind::Part(..) => true,
    }
}

/// Most title lines a TOC entry is printed on before its page number (`第一节` / title / page).
const TOC_ENTRY_MAX_TITLE_LINES: usize = 3;
/// TOC page numbers are below this (a body line ending in a year, `…2020`, is no TOC entry).
const TOC_PAGE_LIMIT: u32 = 1000;
/// Longest TOC title line, in characters.
const TOC_TITLE_MAX_CHARS: usize = 60;

/// A line of TOC leaders only: dots, ellipses or middle dots, with spaces between them
/// (`……`, `. . . .`, a line holding one `.`, as `pdftotext -raw` prints one leader dot a line).
pub fn is_leader_line(t: &str) -> bool {
    let t = trim(t);
    !t.is_empty() && t.chars().all(|c| matches!(c, '.' | '…' | '·' | '．' | '⋯' | '・') || is_space(c))
}

/// The page number that ends a TOC entry on a line of its own: the number alone (`12`), or
/// after leaders (`. 4`, `…… 12`).
fn toc_page_line(t: &str) -> Option<u32> {
    let t = trim(t);
    let digits = t.chars().rev().take_while(|c| digit_value(*c).is_some()).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let at = t.char_indices().rev().nth(digits - 1).map_or(0, |(p, _)| p);
    let (head, number) = t.split_at(at);
    if !head.is_empty() && !is_leader_line(head) {
        return None;
    }
    number.chars().try_fold(0u32, |acc, c| Some(acc * 10 + digit_value(c)?))
}

/// Read the TOC from line `first`: one entry a line (`title<TAB>page`, title and leaders and
/// page), or an entry over several lines as PDF-to-text tools print it: the title, then the
/// leaders and the page (`概要` / `……` / `1`; hundreds of one-dot lines then `. 4`), or a label
/// on a line of its own before its title (`第一节` / `全球背景下… . . . 6`). Leader lines are
/// part of their entry's span. The TOC ends at the first line that no entry can hold (a title
/// line that gets no page number within a few lines). Returns the entries and the index of the
/// last line of the last entry, and the lines skipped between entries (a page number of the
/// TOC's own pages that the page stage left: `iii` before the next entry).
fn read_toc(lines: &[Line], first: usize, in_contents: bool) -> (Vec<TocEntry>, Option<usize>, Vec<usize>) {
    let mut toc = Vec::new();
    let mut last = None;
    let mut skipped = Vec::new();
    // The title lines read so far of the entry being read, and its first line.
    let mut pending: Vec<usize> = Vec::new();
    // Pages go up through a TOC (a wrapped line of the body that ends in a year is no entry).
    let in_order = |toc: &[TocEntry], page: u32| {
        page < TOC_PAGE_LIMIT && toc.last().and_then(|e| e.page).is_none_or(|p| p <= page)
    };
    let finish = |pending: &mut Vec<usize>, title: &str, page: u32, k: usize, toc: &mut Vec<TocEntry>| {
        let mut text = String::new();
        for &j in pending.iter() {
            join_title(&mut text, trim(lines[j].text));
        }
        join_title(&mut text, title);
        let start = pending.first().copied().unwrap_or(k);
        toc.push(toc_entry(&text, page, lines[start].span().join(lines[k].span())));
        pending.clear();
    };
    for (k, l) in lines.iter().enumerate().skip(first) {
        if l.is_blank() {
            continue;
        }
        let t = without_glued_roman(l.text);
        let one_line = if in_contents { matches(scan_contents_line, t) } else { matches(scan_toc_line, t) };
        if let Some((title, page)) = one_line.filter(|(title, p)| !is_leader_line(title) && in_order(&toc, *p)) {
            finish(&mut pending, title, page, k, &mut toc);
            last = Some(k);
            continue;
        }
        if !in_contents {
            break;
        }
        if !pending.is_empty() {
            if is_leader_line(t) {
                continue;
            }
            if let Some(page) = toc_page_line(t).filter(|&p| in_order(&toc, p)) {
                finish(&mut pending, "", page, k, &mut toc);
                last = Some(k);
                continue;
            }
            // The title after a label line, then one leader dot or a space and the page
            // (`第四节` / `在俄罗斯…的议事日程. 17`).
            if let Some((title, page)) = title_then_page(t).filter(|&(_, p)| in_order(&toc, p)) {
                finish(&mut pending, title, page, k, &mut toc);
                last = Some(k);
                continue;
            }
        } else if !toc.is_empty() && (toc_page_line(t).is_some() || scan_roman_page(t).is_some()) {
            skipped.push(k);
            continue;
        }
        let title = trim(t).trim_end_matches(|c: char| matches!(c, '.' | '…' | '·' | '．' | '⋯') || is_space(c));
        let plausible = at_most_chars(title, TOC_TITLE_MAX_CHARS)
            && !title.ends_with(['。', '；', '，'])
            && !title.starts_with(crate::parse::lex::BULLET_MARKERS)
            && (!pending.is_empty() || toc_title_is_heading(title) || !toc.is_empty());
        if !plausible || pending.len() >= TOC_ENTRY_MAX_TITLE_LINES {
            break;
        }
        pending.push(k);
    }
    // Skipped lines after the last entry belong to the body.
    skipped.retain(|&k| last.is_some_and(|l| k < l));
    (toc, last, skipped)
}

/// Most letters of a Roman page number glued to the end of a line.
const GLUED_ROMAN_MAX_CHARS: usize = 6;

/// A line without the Roman page number PDFium glued to its end where the next page's
/// furniture comes first (Chromium paints the margin boxes before the body): `校对：赵华胜iii`,
/// `建议 42iv`. The number is lower-case Roman letters right after an ideograph or a digit
/// (never part of a word) that read as a Roman number; the line is otherwise returned trimmed.
fn without_glued_roman(t: &str) -> &str {
    let t = trim(t);
    let n = t.len() - t.trim_end_matches(['i', 'v', 'x', 'l', 'c']).len();
    if n == 0 || n > GLUED_ROMAN_MAX_CHARS {
        return t;
    }
    let (head, tail) = t.split_at(t.len() - n);
    let glued = head.chars().next_back().is_some_and(|c| is_ideograph(c) || c.is_ascii_digit());
    if glued && scan_roman_page(tail).is_some() {
        head
    } else {
        t
    }
}

/// Read the TOC from line `first` (after the `目录` heading at `contents`, if any) into `out`:
/// (the first line after it, the first TOC title line where it stands above the heading).
fn read_toc_at(
    lines: &[Line],
    first: usize,
    contents: Option<usize>,
    out: &mut Outline,
    diags: &mut Vec<Diagnostic>,
) -> (usize, Option<usize>) {
    let mut toc_top = None;
    let (mut entries, mut last_toc, skipped) = read_toc(lines, first, contents.is_some());
    if let Some(c) = contents.filter(|_| entries.is_empty()) {
        if let Some(cols) = toc_as_columns(lines, c, diags) {
            entries = cols.entries;
            last_toc = Some(cols.last);
            toc_top = cols.top.filter(|&t| t < c);
        }
    }
    out.toc = entries;
    for k in skipped {
        diags.push(Diagnostic::new(
            DiagnosticCode::UnplacedText,
            "a page number between two TOC entries (a page break inside the TOC); not part of an entry",
            Some(lines[k].span()),
        ));
    }
    out.toc_heading = contents.map(|c| lines[c].span());
    (last_toc.map_or(first, |t| t + 1), toc_top)
}

/// The TOC read as columns ([`read_toc_columns`]) when the ordinary reader found no entry after
/// the `目录` heading at `contents`, its number columns and the TOC pages' own numbers reported.
fn toc_as_columns(lines: &[Line], contents: usize, diags: &mut Vec<Diagnostic>) -> Option<TocColumns> {
    let cols = read_toc_columns(lines, contents)?;
    for span in &cols.numbers {
        diags.push(Diagnostic::new(
            DiagnosticCode::UnplacedText,
            "TOC page numbers printed in a column of their own after the titles; read as the pages of the entries above",
            Some(*span),
        ));
    }
    for &k in &cols.skipped {
        diags.push(Diagnostic::new(
            DiagnosticCode::UnplacedText,
            "a page number of the TOC's own pages between its titles and its page numbers; not part of an entry",
            Some(lines[k].span()),
        ));
    }
    Some(cols)
}

/// A TOC read as columns: its entries, the index of its last line, the spans of its number
/// columns, its first title line and the lines of the TOC pages' own numbers.
struct TocColumns {
    entries: Vec<TocEntry>,
    last: usize,
    numbers: Vec<Span>,
    top: Option<usize>,
    skipped: Vec<usize>,
}

/// A TOC printed as columns (Chromium's TOC lines, title and page number at the two ends of a
/// flex line, through `pdftotext`): on each TOC page a run of title lines, then, after the page's
/// own Roman number, the run of its page numbers, one a line, as many as titles
/// (`概要` / `序言` / … / `iii` / `1` / `3` / …). The first run of titles may stand above the
/// `目录` heading (`contents`), which pdftotext can print after them. Read only when the
/// ordinary reader finds no entry; None unless the first title names a heading, every run of
/// numbers matches its titles, and the pages go up.
fn read_toc_columns(lines: &[Line], contents: usize) -> Option<TocColumns> {
    let blank = |k: usize| lines.get(k).is_none_or(|l| trim(l.text).trim_matches('\u{c}').is_empty());
    let number = |k: usize| {
        let t = trim(lines[k].text).trim_matches('\u{c}');
        (!t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let title = |k: usize| {
        let t = trim(lines[k].text).trim_matches('\u{c}');
        !t.is_empty()
            && number(k).is_none()
            && scan_roman_page(t).is_none()
            && at_most_chars(t, TOC_TITLE_MAX_CHARS)
            && !t.ends_with(['。', '；', '，', '：'])
            && !t.starts_with(crate::parse::lex::BULLET_MARKERS)
            && !is_leader_line(t)
    };
    // The titles above the heading: the block of title lines right above it.
    let mut k = contents;
    while k > 0 && blank(k - 1) {
        k -= 1;
    }
    let above_end = k;
    let mut top = k;
    // (MarkItDown sets a blank line between any two lines)
    while top > 0 && (title(top - 1) || (blank(top - 1) && top >= 2 && title(top - 2))) {
        top -= 1;
    }
    // (the block starts at its first heading: a front-matter line above it is not a title)
    while top < above_end && (blank(top) || !toc_title_is_heading(trim(lines[top].text).trim_matches('\u{c}'))) {
        top += 1;
    }
    let above = top < above_end && toc_title_is_heading(trim(lines[top].text).trim_matches('\u{c}'));
    let mut k = if above { top } else { contents + 1 };
    let mut out = TocColumns {
        entries: Vec::new(),
        last: contents,
        numbers: Vec::new(),
        top: above.then_some(top),
        skipped: Vec::new(),
    };
    loop {
        while k < lines.len() && blank(k) {
            k += 1;
        }
        let first = k;
        while k < lines.len() && k != contents && title(k) {
            k += 1;
        }
        let titles: Vec<usize> = (first..k).collect();
        // the `目录` heading printed after the titles, the TOC page's own number, blank lines
        let mut roman = Vec::new();
        while k < lines.len() && (blank(k) || k == contents || scan_roman_page(lines[k].text).is_some()) {
            if !blank(k) && k != contents {
                roman.push(k);
            }
            k += 1;
        }
        let from = k;
        let mut pages = Vec::new();
        while k < lines.len() && pages.len() < titles.len() {
            match number(k) {
                Some(p) => pages.push(p),
                None => break,
            }
            k += 1;
        }
        let last_page = out.entries.last().and_then(|e: &TocEntry| e.page).unwrap_or(0);
        let ok = !titles.is_empty()
            && pages.len() == titles.len()
            && pages.first().is_some_and(|&p| p >= last_page)
            && pages.windows(2).all(|w| w[0] <= w[1])
            && (k >= lines.len() || number(k).is_none());
        if !ok || (out.entries.is_empty() && !toc_title_is_heading(trim(lines[titles[0]].text))) {
            break;
        }
        for (&t, &p) in titles.iter().zip(&pages) {
            out.entries.push(toc_entry(trim(lines[t].text).trim_matches('\u{c}'), p, lines[t].span()));
        }
        out.numbers.push(lines[from].span().join(lines[k - 1].span()));
        out.skipped.extend(roman);
        out.last = k - 1;
    }
    if out.entries.is_empty() && above {
        // the numbers printed before the titles (pdfminer: `1` / `2` / … / `概要` / `序言` / … / `目录`)
        let titles: Vec<usize> = (top..above_end).filter(|&i| !blank(i)).collect();
        let (from, pages) = numbers_above(lines, top, titles.len(), number)?;
        for (&t, &p) in titles.iter().zip(&pages) {
            out.entries.push(toc_entry(trim(lines[t].text).trim_matches('\u{c}'), p, lines[t].span()));
        }
        out.numbers.push(lines[from].span().join(lines[top - 1].span()));
        out.top = Some(from);
    }
    if out.entries.is_empty() && !above {
        numbers_above_heading(lines, contents, title, number, &mut out);
    }
    (!out.entries.is_empty()).then_some(out)
}

/// The numbers printed above the `目录` heading at `contents` and the titles after it (pdfminer
/// on Chromium: `1` / `2` / … / `目录` / `概要` / `序言` / …): the run of title lines after the
/// heading (blank lines between allowed), its first a heading, and as many page numbers going up
/// right above the heading, with no number above them. Fills `out` when they match.
fn numbers_above_heading(
    lines: &[Line],
    contents: usize,
    title: impl Fn(usize) -> bool,
    number: impl Fn(usize) -> Option<u32> + Copy,
    out: &mut TocColumns,
) {
    let blank = |k: usize| trim(lines[k].text).trim_matches('\u{c}').is_empty();
    // (the titles end at the TOC page's end: its own number, or the break the page stage left)
    let page_end = |k: usize| lines[k].text.contains('\u{c}') && blank(k);
    let mut titles = Vec::new();
    let mut k = contents + 1;
    while k < lines.len() && !page_end(k) && (blank(k) || title(k)) {
        if !blank(k) {
            titles.push(k);
        }
        k += 1;
    }
    let Some(&first) = titles.first() else {
        return;
    };
    if !toc_title_is_heading(trim(lines[first].text).trim_matches('\u{c}')) {
        return;
    }
    let Some((from, pages)) = numbers_above(lines, contents, titles.len(), number) else {
        return;
    };
    for (&t, &p) in titles.iter().zip(&pages) {
        out.entries.push(toc_entry(trim(lines[t].text).trim_matches('\u{c}'), p, lines[t].span()));
    }
    let last_number = (from..contents).rev().find(|&j| !blank(j)).unwrap_or(from);
    out.numbers.push(lines[from].span().join(lines[last_number].span()));
    out.top = Some(from);
    out.last = titles[titles.len() - 1];
}

/// The run of `n` page numbers, one a line (blank lines between allowed), that ends right above
/// line `top`, going up, with no number above it: (its first line, the numbers in order).
fn numbers_above(
    lines: &[Line],
    top: usize,
    n: usize,
    number: impl Fn(usize) -> Option<u32>,
) -> Option<(usize, Vec<u32>)> {
    let blank = |k: usize| trim(lines[k].text).trim_matches('\u{c}').is_empty();
    let mut k = top;
    let mut pages = Vec::new();
    while k > 0 && pages.len() < n {
        k -= 1;
        if blank(k) {
            continue;
        }
        pages.push(number(k)?);
    }
    let above = (0..k).rev().find(|&j| !blank(j));
    let ok = n > 0 && pages.len() == n && above.is_none_or(|j| number(j).is_none());
    pages.reverse();
    (ok && pages.windows(2).all(|w| w[0] <= w[1])).then_some((k, pages))
}

/// A title followed by a page number, set apart by leaders or one space: (title, page).
fn title_then_page(t: &str) -> Option<(&str, u32)> {
    let t = trim(t);
    let digits = t.chars().rev().take_while(|c| digit_value(*c).is_some()).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let at = t.char_indices().rev().nth(digits - 1).map_or(0, |(p, _)| p);
    let (head, number) = t.split_at(at);
    let title = head.trim_end_matches(|c: char| matches!(c, '.' | '…' | '·' | '．' | '⋯') || is_space(c));
    if title.len() == head.len() || trim(title).is_empty() {
        return None;
    }
    let page = number.chars().try_fold(0u32, |acc, c| Some(acc * 10 + digit_value(c)?))?;
    Some((trim(title), page))
}

/// Append a piece of a TOC title: a space between a label and its title (`第一节` `全球…`) and
/// between Latin words, nothing between two CJK characters.
fn join_title(text: &mut String, piece: &str) {
    let piece = piece.trim_end_matches(|c: char| matches!(c, '.' | '…' | '·' | '．' | '⋯') || is_space(c));
    if piece.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(piece);
}

fn toc_entry(title: &str, page: u32, span: Span) -> TocEntry {
    if let Some((_, label, rest)) = matches(scan_chapter_heading, title) {
        TocEntry {
            id: String::new(),
            label: Some(label.to_string()),
            title: rest.to_string(),
            page: Some(page),
            level: 1,
            span,
        }
    } else if let Some((_, label, rest)) = matches(scan_section_heading, title) {
        TocEntry {
            id: String::new(),
            label: Some(label.to_string()),
            title: rest.to_string(),
            page: Some(page),
            level: 2,
            span,
        }
    } else {
        TocEntry { id: String::new(), label: None, title: title.to_string(), page: Some(page), level: 1, span }
    }
}

/// Compare the TOC with the body headings; report every difference.
fn cross_check_toc(out: &Outline, diags: &mut Vec<Diagnostic>) {
    if out.toc.is_empty() {
        return;
    }
    // Body headings as (chapter, section) keys with titles.
    let mut chapter = 0;
    let mut body: std::collections::HashMap<(u32, u32), &String> = std::collections::HashMap::new();
    let mut parts: Vec<PartKind> = Vec::new();
    for h in &out.headings {
        match &h.kind {
            HeadingKind::Part(kind, _) => {
                parts.push(*kind);
            }
            HeadingKind::Chapter { number, title, .. } => {
                chapter = *number;
                body.entry((*number, 0)).or_insert(title);
            }
            HeadingKind::Section { number, title, .. } => {
                body.entry((chapter, *number)).or_insert(title);
            }
        }
    }
    let mut toc_chapter = 0;
    for e in &out.toc {
        let key = match (&e.label, e.level) {
            (Some(label), 1) => {
                toc_chapter = matches(scan_chapter_heading, label).map_or(0, |h| h.0);
                Some((toc_chapter, 0))
            }
            (Some(label), _) => Some((toc_chapter, matches(scan_section_heading, label).map_or(0, |h| h.0))),
            (None, _) => None,
        };
        match key {
            Some(key) => match body.get(&key) {
                Some(title) if normalize(title) != normalize(&e.title) => diags.push(Diagnostic::new(DiagnosticCode::TocMismatch, format!("the TOC names {} {:?}, the body heading reads {:?}", e.label.as_deref().unwrap_or(""), e.title, title),
                    Some(e.span),
                )),
                Some(_) => {}
                None => diags.push(Diagnostic::new(DiagnosticCode::TocMissingHeading, format!(
                        "the TOC lists {} {:?} (page {}) but the body has no such heading; the document may be truncated",
                        e.label.as_deref().unwrap_or(""),
                        e.title,
                        e.page.unwrap_or(0)
                    ),
                    Some(e.span),
                )),
            },
            None => {
                let kind = matches(scan_part_heading, &e.title).map(|p| p.0).or_else(|| e.title.starts_with("附录").then_some(PartKind::Appendix));
                if let Some(kind) = kind {
                    if !parts.contains(&kind) {
                        diags.push(Diagnostic::new(DiagnosticCode::TocMissingHeading, format!(
                                "the TOC lists {:?} (page {}) but the body has no such part; the document may be truncated",
                                e.title,
                                e.page.unwrap_or(0)
                            ),
                            Some(e.span),
                        ));
                    }
                }
            }
        }
    }
}

/// How many non-blank lines after the title the publication date may come (institutions between).
const TITLE_PAGE_LINES: usize = 12;

/// Longest continuation line of a credit line's names.
const CREDIT_NAMES_MAX_CHARS: usize = 60;

/// Longest text before a credit line's colon (`翻译（俄译中）`, `俄译中翻译`, `审校`).
const CREDIT_HEAD_MAX_CHARS: usize = 12;

/// Read the front matter: title, institutions, date, authors. Lines that are not metadata
/// become blocks, so no text is lost. Text before the title page (cover noise) is kept as the
/// first blocks and reported.
pub fn parse_front_matter(lines: &[Line]) -> (Metadata, Vec<Block>, Vec<Diagnostic>) {
    let mut meta = Metadata::default();
    let mut leftover: Vec<Line> = Vec::new();
    let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    let (title_at, date_at, institutions_end) = title_page(&nonblank);
    let noise: Vec<Line> = nonblank[..title_at].iter().map(|l| **l).collect();
    let mut context: Option<(Team, Role)> = None;
    let mut pending: Option<usize> = None; // author waiting for an affiliation line
    let mut roster = Roster::of(&nonblank[title_at..]);
    roster.boxed = box_printed(lines, &nonblank[title_at..]);
    let mut last: Option<LastAuthor> = None;
    let mut k = title_at;
    while k < nonblank.len() {
        let l = nonblank[k];
        let t = trim(l.text);
        k += 1;
        if k - 1 == title_at {
            k = read_title(&mut meta, &nonblank, title_at);
            continue;
        }
        if let Some((_, glued)) = date_at.filter(|d| d.0 == k - 1) {
            match glued {
                // The date, and the rest of its line as text of the front matter.
                Some(len) => {
                    meta.date = scan_glued_pub_date(l.text).map(|d| d.0);
                    meta.spans.push(Line::new(l.no, l.start, &l.text[..len]).span());
                    leftover.push(Line::new(l.no, l.start + len, &l.text[len..]));
                }
                None => {
                    meta.date = scan_pub_date(t);
                    meta.spans.push(l.span());
                }
            }
            continue;
        }
        if k - 1 < institutions_end && at_most_chars(t, 40) && !t.ends_with(['。', '，']) {
            meta.institutions.extend(split_institutions(t));
            meta.spans.push(l.span());
            continue;
        }
        if matches!(matches(scan_part_heading, t), Some((PartKind::AuthorsIntro, _))) {
            meta.spans.push(l.span());
            continue;
        }
        if let Some(ctx) = team_header(t) {
            context = Some(ctx);
            pending = None;
            last = None;
            meta.spans.push(l.span());
            continue;
        }
        if let Some((ctx, _)) = team_prefix(t) {
            // Authors written as prose: the paragraph runs until a sentence ends at a blank line.
            let end = prose_paragraph_end(&nonblank, k - 1);
            let para = &nonblank[k - 1..end];
            meta.authors.extend(prose_authors(para));
            meta.spans.push(para[0].span().join(para[para.len() - 1].span()));
            context = Some(ctx);
            pending = None;
            last = None;
            k = end;
            continue;
        }
        if let Some((authors, next)) = read_credit(&nonblank, k - 1) {
            meta.authors.extend(authors);
            k = next;
            context = None;
            pending = None;
            last = None;
            continue;
        }
        let Some(ctx) = context else {
            leftover.push(*l);
            continue;
        };
        team_line(&mut meta, l, ctx, &mut pending, (&roster, &mut last));
    }
    apply_lead_markers(&mut meta.authors);
    let mut diags = Vec::new();
    let blocks = front_matter_blocks(&noise, &leftover, &mut diags);
    (meta, blocks, diags)
}

/// Where the title page's parts are among the non-blank lines: (the title's line, the
/// publication date's line with the byte length of the date where text runs on after it, the
/// end of the institutions). Without a date line, the
/// institutions are the run of name-shaped lines after the title.
fn title_page(nonblank: &[&Line]) -> (usize, Option<(usize, Option<usize>)>, usize) {
    let (title_at, title_lines) = find_title(nonblank);
    let date_at = (title_at + title_lines..nonblank.len().min(title_at + title_lines + TITLE_PAGE_LINES))
        .find(|&k| scan_pub_date(nonblank[k].text).is_some());
    let institutions_end = date_at.unwrap_or_else(|| {
        (title_at + title_lines..nonblank.len())
            .find(|&k| !is_institution_name(trim(nonblank[k].text)))
            .unwrap_or(nonblank.len())
    });
    // Without a date line, the line that ends the institutions may start with the date, the
    // next page's first line run into it (PDFium: `2022 年 9 月复旦大学…`).
    let date_at = match date_at {
        Some(k) => Some((k, None)),
        None if institutions_end > title_at + title_lines => nonblank
            .get(institutions_end)
            .and_then(|l| scan_glued_pub_date(l.text))
            .map(|(_, len)| (institutions_end, Some(len))),
        None => None,
    };
    (title_at, date_at, institutions_end)
}

/// A publication date run into the text after it (`2022 年 9 月复旦大学国际问题研究院、…`): the
/// date and its byte length in `text`. The text must go on with a CJK ideograph directly after
/// the month (a date followed by a space or punctuation is a sentence: `2022 年 9 月，…`).
fn scan_glued_pub_date(text: &str) -> Option<(String, usize)> {
    let (rest, expr) = crate::parse::dates::scan_date(text).ok()?;
    let first = rest.chars().next()?;
    let ideograph = is_cjk(first) && first.is_alphabetic();
    (expr.form == crate::parse::dates::DateForm::Month && ideograph)
        .then(|| (format!("{:04}-{:02}", expr.start.y, expr.start.m), text.len() - rest.len()))
}

/// Read the title at line `title_at` (with the line it wraps onto) into `meta`. Returns the
/// next line.
fn read_title(meta: &mut Metadata, nonblank: &[&Line], title_at: usize) -> usize {
    let l = nonblank[title_at];
    let mut k = title_at + 1;
    let title = title_at_line(nonblank, title_at);
    meta.title = Some(title.as_ref().map_or_else(|| squeeze_cjk_spaces(trim(l.text)), |x| x.0.clone()));
    let mut span = l.span();
    if title.is_some_and(|x| x.1 == 2) {
        span = span.join(nonblank[k].span());
        k += 1;
    }
    meta.spans.push(span);
    k
}

/// The end of a paragraph of authors written as prose that starts at line `start`: it runs
/// until a sentence ends at a blank line, or up to a credit line or a part heading.
fn prose_paragraph_end(nonblank: &[&Line], start: usize) -> usize {
    let mut end = start + 1;
    while end < nonblank.len() {
        let prev = nonblank[end - 1];
        let next = trim(nonblank[end].text);
        let adjacent = nonblank[end].no == prev.no + 1;
        let open = !trim(prev.text).ends_with(['。', '.']);
        let stops = credit_at(nonblank, end).is_some() || matches(scan_part_heading, next).is_some();
        if stops || !(adjacent || open) {
            break;
        }
        end += 1;
    }
    end
}

/// What the lines under a team header are read against: the right margin the front matter's
/// lines are wrapped at (none when no three lines end at one place, as in a dump with a
/// paragraph per line), and the front matter's text (where an affiliation's first words recur).
struct Roster {
    margin: Option<usize>,
    text: String,
    /// How long the glued names split on evidence are: see [`GluedHint`].
    hint: GluedHint,
    /// The lines were printed a layout box at a time, a blank line after each, and the blank
    /// lines taken out ([`box_printed`]): the line printed under another is two lines on.
    boxed: bool,
}

/// Whether `lines` come from a dump printed one layout box at a time whose blank lines
/// [`crate::parse::boxes::box_lines`] took out: the table holds no blank line but page breaks,
/// and most of the non-blank lines are numbered two apart (the blank line after each box).
fn box_printed(lines: &[Line], nonblank: &[&Line]) -> bool {
    let spaced = nonblank.windows(2).filter(|w| w[1].no == w[0].no + 2).count();
    spaced * 2 > nonblank.len() && lines.iter().all(|l| !l.is_blank() || l.text == crate::parse::pages::PAGE_BREAK)
}

impl Roster {
    fn of(nonblank: &[&Line]) -> Roster {
        let mut widths: Vec<usize> = nonblank.iter().map(|l| display_width(trim(l.text))).collect();
        let text = nonblank.iter().map(|l| trim(l.text)).collect::<Vec<_>>().join("\n");
        let hint = GluedHint::of(nonblank.iter().map(|l| trim(l.text)), &text);
        Roster { margin: common_width(&mut widths), text, hint, boxed: false }
    }

    /// True when a line `width` columns wide reaches the margin (it may have been wrapped).
    fn full(&self, width: usize) -> bool {
        self.margin.is_some_and(|m| width + ROSTER_MARGIN_TOLERANCE >= m)
    }
}

/// How far short of the margin an author line may end and still count as wrapped (two CJK
/// characters: the breaker keeps a character with the punctuation after it).
const ROSTER_MARGIN_TOLERANCE: usize = 4;

/// The fewest lines that must end at one width for it to be the margin.
const ROSTER_MARGIN_MIN_LINES: usize = 3;

/// The largest width that at least [`ROSTER_MARGIN_MIN_LINES`] of `widths` reach within the
/// tolerance, when no more than one line in four goes past it.
fn common_width(widths: &mut [usize]) -> Option<usize> {
    widths.sort_unstable_by(|a, b| b.cmp(a));
    let near = |k: usize, w: usize| widths[k..].iter().take_while(|&&f| f + ROSTER_MARGIN_TOLERANCE >= w).count();
    let (longer, w) =
        widths.iter().copied().enumerate().find(|&(k, w)| w > 0 && near(k, w) >= ROSTER_MARGIN_MIN_LINES)?;
    (longer * 4 <= near(longer, w)).then_some(w)
}

/// The display width of `t`: two columns for a CJK character, one for any other.
fn display_width(t: &str) -> usize {
    t.chars().map(|c| if crate::parse::lex::is_cjk(c) { 2 } else { 1 }).sum()
}

/// The author the last line under a team header went to, and how that line looked.
#[derive(Debug, Clone, Copy)]
struct LastAuthor {
    /// Index in the metadata's authors.
    index: usize,
    /// The line's number and display width.
    line: u32,
    width: usize,
    /// The author's name stood alone on its line, its affiliation on the next (the stacked
    /// shape: `谢·卢加宁` / `莫斯科…`), rather than name and affiliation on one line.
    stacked: bool,
    /// The line ends with a position title (`…研究员`, `…教授`): the affiliation is complete.
    ends_title: bool,
}

/// A line under a team header: the affiliation of the author `pending` waits for, the
/// continuation of the last author's affiliation (wrapped at the page measure with no blank
/// line between: see [`continues_affiliation`]), persons written `name，affiliation` on a line
/// of their own, or an author (who waits for an affiliation line when the line gives none).
fn team_line(
    meta: &mut Metadata,
    l: &Line,
    (team, role): (Team, Role),
    pending: &mut Option<usize>,
    (roster, last): (&Roster, &mut Option<LastAuthor>),
) {
    let t = trim(l.text);
    let width = display_width(t);
    if let Some(p) = pending.take() {
        let a = &mut meta.authors[p];
        a.affiliation = Some(without_leading_separator(t).to_string());
        a.span = a.span.join(l.span());
        *last = Some(LastAuthor { index: p, line: l.no, width, stacked: true, ends_title: ends_with_title(t) });
        return;
    }
    let prev_name = last.map(|p| meta.authors[p.index].name.clone());
    if let Some(prev) = last.filter(|p| continues_affiliation(p, prev_name.as_deref().unwrap_or(""), l, roster)) {
        let a = &mut meta.authors[prev.index];
        if let Some(affiliation) = a.affiliation.as_mut() {
            join_wrapped(affiliation, t);
            a.span = a.span.join(l.span());
            *last = Some(LastAuthor { line: l.no, width, ends_title: ends_with_title(t), ..prev });
            return;
        }
    }
    if comma_person(t) {
        // `刘华芹，中国商务部…，教授；` on a line of its own.
        for (name, affiliation) in persons(t) {
            meta.authors.push(Author { id: String::new(), name, team, role, affiliation, span: l.span() });
        }
        *last = None;
        return;
    }
    let (name, affiliation) = match split_name(t) {
        (name, affiliation) if name.chars().count() > CJK_NAME_MAX_CHARS && !is_transliterated(&name) => {
            glued_author(t, roster).map_or((name, affiliation), |(n, a)| (n, Some(a)))
        }
        (name, None) if is_transliterated(&name) && name.chars().count() > NAME_MAX_CHARS => {
            glued_author(t, roster).map_or((name, None), |(n, a)| (n, Some(a)))
        }
        split => split,
    };
    meta.authors.push(Author { id: String::new(), name, team, role, affiliation: affiliation.clone(), span: l.span() });
    let index = meta.authors.len() - 1;
    *last = Some(LastAuthor { index, line: l.no, width, stacked: false, ends_title: ends_with_title(t) });
    if affiliation.is_none() {
        *pending = Some(index);
    }
}

/// An affiliation printed on the line under its name, with the separator that followed the
/// name carried over to it (`冯启明（负责人）` / `，复旦大学…`: a tool broke the line before the
/// comma): the affiliation without that separator. The comma belongs to neither name nor
/// affiliation, as in `name，affiliation` on one line.
fn without_leading_separator(t: &str) -> &str {
    trim(t.trim_start_matches(['，', ',', '；', ';', '：', ':', '、']))
}

/// Whether line `l` continues the affiliation of the author `prev` went to: it follows that
/// line with no blank line between, does not start an author of its own ([`starts_author`]),
/// and either the author is stacked (name alone, affiliation under it: a line too long for a
/// name is more of the affiliation) or the previous line reached the margin and `l` does not
/// start with a name glued to an affiliation ([`glued_name`]).
fn continues_affiliation(prev: &LastAuthor, prev_name: &str, l: &Line, roster: &Roster) -> bool {
    let t = trim(l.text);
    let under = l.no == prev.line + 1 || (roster.boxed && l.no == prev.line + 2);
    if !under || starts_author(t, prev_name) {
        return false;
    }
    if prev.ends_title && glued_author(t, roster).is_some() {
        return false;
    }
    if prev.stacked {
        return !at_most_chars(t, NAME_MAX_CHARS) || roster.full(prev.width);
    }
    roster.full(prev.width) && glued_name(t, &roster.text).is_none()
}

/// Longest name printed alone on a line (`弗·彼得罗夫斯基`).
const NAME_MAX_CHARS: usize = 10;

/// Longest Chinese name written without a separator (`赵华胜`).
const CJK_NAME_MAX_CHARS: usize = 4;

/// A line that plainly starts an author after the author named `prev_name`: a short name then
/// a space and more (`赵华胜 复旦…`, `石 泽 中国…`, `玛·图尔奇娜  莫斯科…`), a transliterated
/// name alone (`谢·卢加宁`), or
/// `name，affiliation` with a transliterated name, or a Chinese name of at most three ideographs
/// when the previous name was not transliterated: a wrapped affiliation's second line may also
/// have a comma after a few characters (`副主任，俄罗斯科学院…`).
fn starts_author(t: &str, prev_name: &str) -> bool {
    let (name, affiliation) = split_name(t);
    let n = name.chars().count();
    let comma_name = |c: &str| {
        let c = squeeze_cjk_spaces(trim(c));
        is_transliterated(&c) || (!is_transliterated(prev_name) && c.chars().count() <= 3)
    };
    let short_name = (n <= CJK_NAME_MAX_CHARS && name.chars().all(is_ideograph))
        || (n <= NAME_MAX_CHARS && is_transliterated(&name));
    (affiliation.is_some() && short_name)
        || (affiliation.is_none() && n <= NAME_MAX_CHARS && is_transliterated(&name))
        || (comma_person(t) && t.split_once(['，', ',']).is_some_and(|(c, _)| comma_name(c)))
}

/// A CJK ideograph (no punctuation).
fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// `谢·卢加宁`: ideographs around a middle dot.
fn is_transliterated(name: &str) -> bool {
    let parts: Vec<&str> = name.split(['·', '•', '・']).collect();
    parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && p.chars().all(is_ideograph))
}

/// Fewest characters of an affiliation's start that must recur elsewhere in the front matter.
const GLUED_EVIDENCE_CHARS: usize = 2;

/// A Chinese name printed with no space before its affiliation (`赵华胜复旦大学…教授`, as
/// XeLaTeX's dumps print a name column): (name, affiliation). The name is the first two or
/// three ideographs, whichever leaves an affiliation whose first words recur most in the front
/// matter's `text` (other authors' institutions: `复旦大学…`, `中国…`); at least
/// [`GLUED_EVIDENCE_CHARS`] characters must recur, and a tie goes to three (the commoner
/// length). None for a line that is not ideographs from the start or holds a transliterated name.
fn glued_name(t: &str, text: &str) -> Option<(String, String)> {
    let chars: Vec<char> = t.chars().collect();
    if chars.len() <= CJK_NAME_MAX_CHARS + 1 || !chars[..4].iter().all(|&c| is_ideograph(c)) || t.contains('·') {
        return None;
    }
    let recurring = |k: usize| -> usize {
        let rest: String = chars[k..].iter().collect();
        let mut n = 0;
        for (i, (p, c)) in rest.char_indices().enumerate().take(GLUED_MAX_PREFIX) {
            if text.matches(&rest[..p + c.len_utf8()]).nth(1).is_none() {
                break;
            }
            n = i + 1;
        }
        n
    };
    let (two, three) = (recurring(2), recurring(3));
    let k = if two > three { 2 } else { 3 };
    (two.max(three) >= GLUED_EVIDENCE_CHARS)
        .then(|| (chars[..k].iter().collect(), chars[k..].iter().collect::<String>().trim().to_string()))
}

/// Most characters of an affiliation's start compared by [`glued_name`].
const GLUED_MAX_PREFIX: usize = 12;

/// How many of the first characters of `rest` recur elsewhere in `text` (up to
/// [`GLUED_MAX_PREFIX`]).
fn recurring_prefix(rest: &str, text: &str) -> usize {
    let mut n = 0;
    for (i, (p, c)) in rest.char_indices().enumerate().take(GLUED_MAX_PREFIX) {
        if text.matches(&rest[..p + c.len_utf8()]).nth(1).is_none() {
            break;
        }
        n = i + 1;
    }
    n
}

/// Fewest recurring characters that split a transliterated name from its affiliation: a
/// surname's last syllables are often a place's first (`…斯` + `科学院` reads as `斯科`, as in
/// `莫斯科`), so two are no evidence.
const TRANSLITERATED_EVIDENCE_CHARS: usize = 4;

/// Shortest and longest surname of a transliterated name (`卢加宁`, `彼得罗夫斯基`).
const SURNAME_CHARS: std::ops::RangeInclusive<usize> = 2..=6;

/// A transliterated name printed with no space before its affiliation
/// (`伊·萨文科夫俄罗斯国际事务委员会…`, as `pdftotext -raw` prints a name column): the char
/// index where the surname starts and the candidate surname lengths, or None for a line
/// that does not open with ideographs, a middle dot and ideographs.
fn transliterated_start(chars: &[char]) -> Option<(usize, Vec<usize>)> {
    let run = chars.iter().take_while(|&&c| is_ideograph(c) || matches!(c, '·' | '•' | '・')).count();
    let dot = chars[..run].iter().rposition(|&c| matches!(c, '·' | '•' | '・'))?;
    if dot == 0 || !chars[..dot].iter().any(|&c| is_ideograph(c)) {
        return None;
    }
    let start = dot + 1;
    let lens: Vec<usize> = SURNAME_CHARS.filter(|&s| start + s + GLUED_EVIDENCE_CHARS <= run).collect();
    (!lens.is_empty()).then_some((start, lens))
}

/// [`glued_name`] for a transliterated name: the surname length that leaves an affiliation
/// whose first words recur most in `text` (at least [`TRANSLITERATED_EVIDENCE_CHARS`]; a tie
/// goes to the shorter surname, whose affiliation holds the other's).
fn glued_transliterated(t: &str, text: &str) -> Option<(String, String)> {
    let chars: Vec<char> = t.chars().collect();
    let (start, lens) = transliterated_start(&chars)?;
    let mut best: Option<(usize, usize)> = None;
    for s in lens {
        let n = recurring_prefix(&chars[start + s..].iter().collect::<String>(), text);
        if n >= TRANSLITERATED_EVIDENCE_CHARS && best.is_none_or(|(_, b)| n > b) {
            best = Some((s, n));
        }
    }
    best.map(|(s, _)| split_at_char(&chars, start + s))
}

fn split_at_char(chars: &[char], k: usize) -> (String, String) {
    (chars[..k].iter().collect(), chars[k..].iter().collect::<String>().trim().to_string())
}

/// The name lengths the glued names with evidence ([`glued_name`], [`glued_transliterated`])
/// have in one front matter: the commonest Chinese name length and the commonest surname
/// length, counted over the lines that read like an author's (an institution, a position
/// title at the end). A glued name with no evidence of its own is split at that length when its
/// affiliation names an institution ([`INSTITUTION_WORDS`]): the document's other author
/// lines show how its names are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct GluedHint {
    cjk: Option<usize>,
    surname: Option<usize>,
}

impl GluedHint {
    fn of<'a>(lines: impl Iterator<Item = &'a str>, text: &str) -> GluedHint {
        let (mut cjk, mut surname) = (Vec::new(), Vec::new());
        let author_like = |t: &str| ends_with_title(t) && INSTITUTION_WORDS.iter().any(|w| t.contains(w));
        for t in lines.filter(|t| author_like(t)) {
            if let Some((name, _)) = glued_transliterated(t, text) {
                surname.push(name.chars().rev().take_while(|&c| is_ideograph(c)).count());
            } else if let Some((name, _)) = glued_name(t, text) {
                cjk.push(name.chars().count());
            }
        }
        GluedHint { cjk: commonest(&cjk), surname: commonest(&surname) }
    }
}

/// The value that occurs most often (the first of a tie).
fn commonest(values: &[usize]) -> Option<usize> {
    let count = |v: usize| values.iter().filter(|&&x| x == v).count();
    values.iter().copied().fold(None, |best: Option<usize>, v| match best {
        Some(b) if count(b) >= count(v) => Some(b),
        _ => Some(v),
    })
}

/// Words that end the name of an institution (`…大学`, `…研究所`, `…委员会`): an affiliation
/// split at a hinted length must name one.
const INSTITUTION_WORDS: [&str; 14] = [
    "大学",
    "学院",
    "研究院",
    "研究所",
    "研究中心",
    "中心",
    "委员会",
    "科学院",
    "协会",
    "学会",
    "基金会",
    "部",
    "局",
    "银行",
];

/// Position titles that end an affiliation (`…研究员`, `…教授`, `…博士`).
const TITLE_WORDS: [&str; 10] = ["教授", "研究员", "博士", "主任", "所长", "院长", "讲师", "学者", "秘书长", "主席"];

/// Whether `t` ends with a position title: an affiliation that is complete.
fn ends_with_title(t: &str) -> bool {
    let t = trim(t).trim_end_matches(['。', '；', ';']);
    TITLE_WORDS.iter().any(|w| t.ends_with(w))
}

/// A name glued to its affiliation (`林夕照华东师范大学…`, `玛·图尔奇娜莫斯科…`): split on the
/// line's own evidence ([`glued_name`], [`glued_transliterated`]), else at the length the
/// front matter's other glued names have ([`GluedHint`]) when the rest names an institution.
fn glued_author(t: &str, roster: &Roster) -> Option<(String, String)> {
    let chars: Vec<char> = t.chars().collect();
    let names_institution = |k: usize| {
        let rest: String = chars[k..].iter().collect();
        INSTITUTION_WORDS.iter().any(|w| rest.contains(w))
    };
    if let Some((start, lens)) = transliterated_start(&chars) {
        return glued_transliterated(t, &roster.text).or_else(|| {
            let s = roster.hint.surname.filter(|s| lens.contains(s))?;
            names_institution(start + s).then(|| split_at_char(&chars, start + s))
        });
    }
    glued_name(t, &roster.text).or_else(|| {
        let k = roster.hint.cjk?;
        let ok = chars.len() > k + GLUED_EVIDENCE_CHARS && chars[..k + 1].iter().all(|&c| is_ideograph(c));
        (ok && names_institution(k)).then(|| split_at_char(&chars, k))
    })
}

/// The front matter's blocks: the cover text before the title page first (reported in
/// `diags`), then the lines that are not metadata.
fn front_matter_blocks(noise: &[Line], leftover: &[Line], diags: &mut Vec<Diagnostic>) -> Vec<Block> {
    let (mut blocks, _) = crate::parse::blocks::parse_blocks(noise);
    if let (Some(first), Some(last)) = (noise.first(), noise.last()) {
        diags.push(Diagnostic::new(
            DiagnosticCode::FrontMatterNoise,
            format!(
                "{} line(s) before the title page (cover text); kept as front-matter blocks, not read as title or institutions",
                noise.len()
            ),
            Some(first.span().join(last.span())),
        ));
    }
    let (rest, _) = crate::parse::blocks::parse_blocks(leftover);
    blocks.extend(rest);
    blocks
}

/// Words that mark a team lead in brackets after the name (`冯启明（负责人），…`), as the
/// Russian editions print `(руководитель)`.
const LEAD_MARKERS: [&str; 4] = ["负责人", "团队负责人", "组长", "主编"];

/// A lead marker in brackets at the end of `name` or the start of `affiliation`
/// (`冯启明（负责人）`, `（负责人），复旦大学…`) makes the author a lead; the marker is neither
/// name nor affiliation.
fn apply_lead_markers(authors: &mut [Author]) {
    let strip_end = |t: &str| -> Option<String> {
        let t = trim(t);
        let inner = t.strip_suffix(['）', ')'])?;
        let open = inner.rfind(['（', '('])?;
        let word = trim(inner[open..].trim_start_matches(['（', '(']));
        LEAD_MARKERS.contains(&word).then(|| trim(&inner[..open]).to_string())
    };
    let strip_start = |t: &str| -> Option<String> {
        let t = trim(t);
        let inner = t.strip_prefix(['（', '('])?;
        let close = inner.find(['）', ')'])?;
        let word = trim(&inner[..close]);
        let rest = inner[close..].trim_start_matches(['）', ')']);
        LEAD_MARKERS.contains(&word).then(|| trim(rest.trim_start_matches(['，', ',', '；', ';'])).to_string())
    };
    for a in authors.iter_mut().filter(|a| matches!(a.role, Role::Lead | Role::Member)) {
        if let Some(name) = strip_end(&a.name).filter(|n| !n.is_empty()) {
            a.name = name;
            a.role = Role::Lead;
        } else if let Some(rest) = a.affiliation.as_deref().and_then(strip_start) {
            a.affiliation = (!rest.is_empty()).then_some(rest);
            a.role = Role::Lead;
        }
    }
}

/// The report's own title line: `中俄对话：2021模式`, `《中俄对话：2021 模式》`,
/// `中俄对话 : 2021 模式` → the title without the book-title marks and spaces.
pub fn report_title(t: &str) -> Option<String> {
    let t = trim(t);
    let inner = t.strip_prefix('《').map_or(t, |r| trim(r.strip_suffix('》').unwrap_or(r)));
    let compact: String = inner.chars().filter(|c| !crate::parse::lex::is_space(*c)).collect();
    let rest = compact.strip_prefix("中俄对话")?;
    let rest = rest.strip_prefix(['：', ':']).unwrap_or(rest);
    let digits = rest.chars().take_while(|c| crate::parse::lex::digit_value(*c).is_some()).count();
    let rest = rest.get(rest.char_indices().nth(digits).map_or(rest.len(), |(p, _)| p)..)?;
    (digits == 4 && rest == "模式").then_some(compact)
}

/// Index (among `nonblank`) of the title line: the line naming the report. When cover noise
/// repeats a title, the last one before the title page's date wins. Without any such line, the
/// first line (as for any other text).
fn find_title(nonblank: &[&Line]) -> (usize, usize) {
    let titles: Vec<(usize, usize)> =
        (0..nonblank.len()).filter_map(|k| title_at_line(nonblank, k).map(|(_, n)| (k, n))).collect();
    let Some(&first) = titles.first() else { return (0, 1) };
    let date = (first.0 + 1..nonblank.len().min(first.0 + 1 + TITLE_PAGE_LINES + titles.len()))
        .find(|&k| scan_pub_date(nonblank[k].text).is_some());
    match date {
        Some(d) => titles.iter().copied().rfind(|&(t, _)| t < d).unwrap_or(first),
        None => first,
    }
}

/// The report title on line `k` of `nonblank`, or printed over two lines (`中俄对话：` / `2021模式`,
/// a cover title in large type): (title, number of lines).
fn title_at_line(nonblank: &[&Line], k: usize) -> Option<(String, usize)> {
    let t = trim(nonblank.get(k)?.text);
    if let Some(title) = report_title(t) {
        return Some((title, 1));
    }
    let head: String = t.chars().filter(|c| !crate::parse::lex::is_space(*c)).collect();
    if !matches!(head.trim_start_matches('《').trim_end_matches(['：', ':']), "中俄对话") {
        return None;
    }
    let next = trim(nonblank.get(k + 1)?.text);
    report_title(&format!("{t}{next}")).map(|title| (title, 2))
}

/// Ending of the name of an institution (`…研究院`, `…委员会`, `…研究所`, `…大学`, `…中心`).
fn is_institution_name(t: &str) -> bool {
    let n = t.chars().count();
    (4..=40).contains(&n)
        && !t.contains(['。', '，', '：', ':'])
        && split_institutions(t).iter().all(|p| p.ends_with(['院', '会', '所', '学', '心', '部', '局', '社']))
}

/// A title-page line may name several institutions, separated by `、` or wide spaces.
fn split_institutions(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in t.split(['、', '\t', '\u{3000}']) {
        for p in part.split("  ") {
            let p = trim(p);
            if !p.is_empty() {
                out.push(squeeze_cjk_spaces(p));
            }
        }
    }
    out
}

/// `2020年7月`, `二〇二〇年七月` → `2020-07`.
fn scan_pub_date(t: &str) -> Option<String> {
    if let Ok((rest, expr)) = crate::parse::dates::scan_date(t) {
        return (expr.form == crate::parse::dates::DateForm::Month && trim(rest).is_empty())
            .then(|| format!("{:04}-{:02}", expr.start.y, expr.start.m));
    }
    // The year digit by digit in Chinese numerals, the month as a number.
    let compact: String = t.chars().filter(|c| !crate::parse::lex::is_space(*c)).collect();
    let (year, rest) = compact.split_once('年')?;
    let month = rest.strip_suffix('月')?;
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c).or_else(|| (c == '零').then_some(0));
    let y = year.chars().map(digit).try_fold(0u32, |acc, d| Some(acc * 10 + d? as u32))?;
    let m =
        crate::parse::lex::matches(crate::parse::lex::chinese_number, month).filter(|_| month.chars().count() <= 2)?;
    (year.chars().count() == 4 && (1..=12).contains(&m) && y >= 1000).then(|| format!("{y:04}-{m:02}"))
}

/// `中方团队负责人：`, `俄方成员：`, `中方成员` (no colon) → (team, role).
fn team_header(t: &str) -> Option<(Team, Role)> {
    let t = trim(t);
    match team_prefix(t) {
        Some((ctx, rest)) => trim(rest).is_empty().then_some(ctx),
        None if !t.contains(['：', ':']) && t.chars().count() <= 10 => team_prefix(&format!("{t}：")).map(|x| x.0),
        None => None,
    }
}

/// A team header at the start of `t` (`中方团队负责人：`, `俄方成员:`) → (team, role) and the
/// text after its colon.
fn team_prefix(t: &str) -> Option<((Team, Role), &str)> {
    let t = trim(t);
    let colon = t.char_indices().take(10).find(|(_, c)| matches!(c, '：' | ':'))?.0;
    let head: String = t[..colon].chars().filter(|c| !crate::parse::lex::is_space(*c)).collect();
    let (team, rest) = if let Some(r) = head.strip_prefix("中方") {
        (Team::Cn, r)
    } else if let Some(r) = head.strip_prefix("俄方") {
        (Team::Ru, r)
    } else {
        return None;
    };
    let rest = rest.strip_prefix("团队").unwrap_or(rest);
    let role = match rest {
        "负责人" | "团队负责人" | "主编" => Role::Lead,
        "成员" | "作者" | "专家" => Role::Member,
        _ => return None,
    };
    let after = t[colon..].char_indices().nth(1).map_or("", |(p, _)| &t[colon + p..]);
    Some(((team, role), after))
}

/// Authors written as prose, one paragraph of `lines`:
/// `中方团队负责人：赵华胜，…教授。中方成员：刘华芹，…；石泽，…。俄方团队负责人：…`.
/// Each person is `name，affiliation`, persons are separated by `；` (or `。`); each author's span
/// runs from the line of the name to the line where the affiliation ends.
fn prose_authors(lines: &[&Line]) -> Vec<Author> {
    // The paragraph re-flowed, with the byte offset where each line's text starts.
    let mut text = String::new();
    let mut starts: Vec<(usize, Span)> = Vec::new();
    for l in lines {
        join_wrapped(&mut text, l.text);
        starts.push((text.len() - trim(l.text).len(), l.span()));
    }
    let line_at = |pos: usize| starts.iter().rev().find(|(s, _)| *s <= pos).map_or(starts[0].1, |x| x.1);
    // Header positions: every `中方…：`/`俄方…：` that [`team_prefix`] accepts.
    let mut heads: Vec<(usize, usize, (Team, Role))> = Vec::new();
    for (p, _) in text.match_indices(['中', '俄']) {
        if let Some((ctx, after)) = team_prefix(&text[p..]) {
            heads.push((p, text.len() - after.len(), ctx));
        }
    }
    let mut out = Vec::new();
    for (h, &(_, from, (team, role))) in heads.iter().enumerate() {
        let to = heads.get(h + 1).map_or(text.len(), |x| x.0);
        let body = &text[from..to.max(from)];
        let mut pos = from;
        for piece in body.split_inclusive(is_person_separator) {
            let start = pos + (piece.len() - piece.trim_start_matches(crate::parse::lex::is_space).len());
            let end = pos + piece.trim_end_matches(|c| is_person_separator(c) || crate::parse::lex::is_space(c)).len();
            pos += piece.len();
            if end <= start {
                continue;
            }
            let span = line_at(start).join(line_at(end - 1));
            for (name, affiliation) in persons(&text[start..end]) {
                out.push(Author { id: String::new(), name, team, role, affiliation, span });
            }
        }
    }
    out
}

fn is_person_separator(c: char) -> bool {
    matches!(c, '；' | ';' | '。')
}

fn is_name_separator(c: char) -> bool {
    crate::parse::lex::is_space(c) || matches!(c, '、' | '，' | ',' | '；' | ';')
}

/// A line of its own that starts with `name，`: a short name (no affiliation after a space)
/// before the first comma.
fn comma_person(t: &str) -> bool {
    t.split_once(['，', ',']).is_some_and(|(name, _)| {
        let (n, rest) = split_name(name);
        let count = n.chars().count();
        let glued = count > CJK_NAME_MAX_CHARS && n.chars().all(is_ideograph);
        (2..=12).contains(&count) && rest.is_none() && !n.contains(['：', ':']) && !glued
    })
}

/// One or more persons: `刘华芹，中国商务部…，教授` → one author with an affiliation; several
/// persons separated by `；`; `赵华胜、冯玉军` (short names only) → two authors.
fn persons(t: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for piece in t.split(is_person_separator) {
        let piece = trim(piece);
        if piece.is_empty() {
            continue;
        }
        if let Some((name, affiliation)) = bracketed(piece) {
            out.push((squeeze_cjk_spaces(name), Some(affiliation.to_string())));
        } else if let Some((name, affiliation)) = piece.split_once(['，', ',']) {
            let affiliation = trim(affiliation);
            out.push((squeeze_cjk_spaces(name), (!affiliation.is_empty()).then(|| affiliation.to_string())));
        } else if piece.contains('、') && piece.split('、').all(|n| (1..=8).contains(&trim(n).chars().count())) {
            out.extend(piece.split('、').map(|n| (squeeze_cjk_spaces(n), None)));
        } else {
            out.push(split_name(piece));
        }
    }
    out
}

/// The credit line at `nonblank[k]` with the lines its names continue on: (one author per name,
/// index after the last line read).
fn read_credit(nonblank: &[&Line], k: usize) -> Option<(Vec<Author>, usize)> {
    let l = nonblank.get(k)?;
    let ((role, mut names), used) = credit_at(nonblank, k)?;
    let mut span = l.span().join(nonblank[k + used - 1].span());
    // A list of names wrapped over lines (the line ends with a separator), or printed under its
    // head (`翻译（俄译中）：` alone).
    let mut last = trim(nonblank[k + used - 1].text);
    let mut k = k + used;
    while (names.is_empty() || last.ends_with(is_name_separator)) && k < nonblank.len() {
        let next = trim(nonblank[k].text);
        if next.contains(['：', ':']) || next.chars().count() > CREDIT_NAMES_MAX_CHARS || next.ends_with('。') {
            break;
        }
        names.extend(split_names(next));
        span = span.join(nonblank[k].span());
        last = next;
        k += 1;
    }
    let authors =
        names.into_iter().map(|name| Author { id: String::new(), name, team: Team::Cn, role, affiliation: None, span });
    Some((authors.collect(), k))
}

/// Credit lines standing elsewhere than the front matter (between the TOC and the first
/// heading): their authors, and the other lines.
pub fn take_credit_lines<'a>(lines: &[Line<'a>]) -> (Vec<Author>, Vec<Line<'a>>) {
    let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    let mut authors = Vec::new();
    let mut taken = std::collections::HashSet::new();
    let mut k = 0;
    while k < nonblank.len() {
        match read_credit(&nonblank, k) {
            Some((a, next)) if !a.is_empty() => {
                authors.extend(a);
                taken.extend(nonblank[k..next].iter().map(|l| l.no));
                k = next;
            }
            _ => k += 1,
        }
    }
    // The other lines as they are, blank lines included (they separate paragraphs).
    (authors, lines.iter().filter(|l| !taken.contains(&l.no)).copied().collect())
}

/// `赵华胜（复旦大学国际问题研究院教授）` → ("赵华胜", "复旦大学国际问题研究院教授").
fn bracketed(piece: &str) -> Option<(&str, &str)> {
    let (name, rest) = piece.split_once(['（', '('])?;
    let affiliation = trim(rest.strip_suffix(['）', ')'])?);
    let n = trim(name).chars().count();
    ((2..=12).contains(&n) && !name.contains(['，', ',']) && !affiliation.is_empty())
        .then_some((trim(name), affiliation))
}

/// The credit line at `nonblank[k]` ([`credit_line`]) and how many lines it takes: one, or two
/// when its head stands alone and the colon starts the line right under it (`翻译（俄译中）` /
/// `：祁晓岚，马若谷`, as `pdftotext -raw` breaks a line before a full-width colon).
fn credit_at(nonblank: &[&Line], k: usize) -> Option<((Role, Vec<String>), usize)> {
    let head = trim(nonblank.get(k)?.text);
    if let Some(c) = credit_line(head) {
        return Some((c, 1));
    }
    let next = nonblank.get(k + 1).filter(|n| n.no == nonblank[k].no + 1)?;
    let rest = trim(next.text);
    let glued = !head.contains(['：', ':']) && rest.starts_with(['：', ':']);
    glued.then(|| credit_line(&format!("{head}{rest}"))).flatten().map(|c| (c, 2))
}

/// Credit lines: `俄译中翻译：盛世良 赵世锋`, `翻译（俄译中）：甲，乙`, `译者：…`, `校对：赵华胜`,
/// `审校：…` → (role, names).
fn credit_line(t: &str) -> Option<(Role, Vec<String>)> {
    let (head, names) = t.split_once('：').or_else(|| t.split_once(':'))?;
    // The head without bracketed qualifiers (`（俄译中）`) and spaces.
    let mut compact = String::new();
    let mut depth = 0;
    for c in head.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            c if depth == 0 && !crate::parse::lex::is_space(c) => compact.push(c),
            _ => {}
        }
    }
    if compact.is_empty() || compact.chars().count() > CREDIT_HEAD_MAX_CHARS {
        return None;
    }
    let role = if ["校对", "审校", "校订", "审订", "译校"].iter().any(|s| compact.ends_with(s)) {
        Role::Proofreader
    } else if compact.ends_with("翻译") || compact.ends_with("译者") || compact == "翻译" || compact.starts_with("翻译")
    {
        Role::Translator
    } else {
        return None;
    };
    // Nothing after the colon: the names follow on the next lines (the caller reads them).
    let listed = split_names(names);
    (!listed.is_empty() || trim(names).is_empty()).then_some((role, listed))
}

/// Names separated by spaces, `、`, `，`, `；` (a final `。` dropped). A run of ideographs too
/// long for one name whose length is a multiple of three is names of three printed with the
/// spaces lost (`盛世良赵世锋孙凌云`, as XeLaTeX's dumps print a list of names).
fn split_names(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in without_glued_roman(t).trim_end_matches(['。', '.']).split(is_name_separator).filter(|s| !s.is_empty())
    {
        let chars: Vec<char> = piece.chars().collect();
        if chars.len() > CJK_NAME_MAX_CHARS && chars.len() % 3 == 0 && chars.iter().all(|&c| is_ideograph(c)) {
            out.extend(chars.chunks(3).map(|c| c.iter().collect::<String>()));
        } else {
            out.push(piece.to_string());
        }
    }
    out
}

/// `赵华胜 复旦大学…` → ("赵华胜", Some("复旦大学…")); `石 泽 中国…` → ("石泽", …);
/// `谢·卢加宁` → ("谢·卢加宁", None).
fn split_name(t: &str) -> (String, Option<String>) {
    let tokens: Vec<&str> = t.split(crate::parse::lex::is_space).filter(|s| !s.is_empty()).collect();
    let single = |s: &str| s.chars().count() == 1 && s.chars().all(crate::parse::lex::is_cjk);
    let (name, used) = if tokens.len() >= 2 && single(tokens[0]) && single(tokens[1]) {
        (format!("{}{}", tokens[0], tokens[1]), 2)
    } else {
        (tokens.first().map_or(String::new(), |s| s.to_string()), 1)
    };
    // The affiliation is the rest of the line as printed.
    let mut rest = t;
    for tok in tokens.iter().take(used) {
        rest = rest.trim_start_matches(crate::parse::lex::is_space);
        rest = &rest[tok.len().min(rest.len())..];
    }
    let rest = trim(rest);
    (name, (!rest.is_empty()).then(|| rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lex::split_lines;

    #[test]
    fn affiliation_under_its_name_drops_the_carried_comma() {
        assert_eq!(without_leading_separator("，复旦大学国际问题研究院教授"), "复旦大学国际问题研究院教授");
        assert_eq!(without_leading_separator(", 历史学博士，教授"), "历史学博士，教授");
        assert_eq!(without_leading_separator("复旦大学，教授"), "复旦大学，教授");
    }

    #[test]
    fn names_and_affiliations() {
        assert_eq!(
            split_name("石 泽 中国外交部国际问题研究院教授"),
            ("石泽".into(), Some("中国外交部国际问题研究院教授".into()))
        );
        assert_eq!(
            split_name("赵华胜 复旦大学国际问题研究院 教授"),
            ("赵华胜".into(), Some("复旦大学国际问题研究院 教授".into()))
        );
        assert_eq!(split_name("谢·卢加宁"), ("谢·卢加宁".into(), None));
    }

    #[test]
    fn authors_printed_at_the_page_measure() {
        // No blank lines; names glued to affiliations (XeLaTeX); affiliations wrapped at the
        // measure (`…经济学` / `博士`); a stacked Russian team whose affiliation's second line
        // starts with a comma after a few characters.
        let text = "中俄对话：2020 模式\n\n复旦大学国际问题研究院\n\n2020 年 7 月\n\n作者简介\n中方成员：\n\
                    刘华芹中国商务部国际贸易经济合作研究院欧洲与欧亚研究所所长，教授，经济学\n博士\n\
                    杨成上海外国语大学教授，上海全球治理与区域国别研究院执行院长，法学博士\n\
                    李勇慧中国社会科学院俄罗斯东欧中亚研究所研究员，俄罗斯外交室副主任，法学\n博士\n\
                    钮松上海外国语大学中东研究所研究员，法学博士\n俄方成员：\n瓦·卡申\n\
                    莫斯科高等经济学校欧洲和国际关系研究综合中心国际军事政治、军事经济研究室\n\
                    副主任，俄罗斯科学院远东研究所东北亚和上海合作组织战略问题研究中心研\n\
                    员，政治学副博士\n安·科尔图诺夫\n俄罗斯国际事务委员会执行主席\n\
                    俄译中翻译：盛世良赵世锋孙凌云\n";
        let (m, _, _) = parse_front_matter(&split_lines(text));
        let got: Vec<(&str, Option<&str>, u32, u32)> = m
            .authors
            .iter()
            .map(|a| (a.name.as_str(), a.affiliation.as_deref(), a.span.line_start, a.span.line_end))
            .collect();
        assert_eq!(
            got,
            [
                ("刘华芹", Some("中国商务部国际贸易经济合作研究院欧洲与欧亚研究所所长，教授，经济学博士"), 9, 10),
                ("杨成", Some("上海外国语大学教授，上海全球治理与区域国别研究院执行院长，法学博士"), 11, 11),
                ("李勇慧", Some("中国社会科学院俄罗斯东欧中亚研究所研究员，俄罗斯外交室副主任，法学博士"), 12, 13),
                ("钮松", Some("上海外国语大学中东研究所研究员，法学博士"), 14, 14),
                (
                    "瓦·卡申",
                    Some(
                        "莫斯科高等经济学校欧洲和国际关系研究综合中心国际军事政治、军事经济研究室副主任，\
                          俄罗斯科学院远东研究所东北亚和上海合作组织战略问题研究中心研员，政治学副博士"
                    ),
                    16,
                    19
                ),
                ("安·科尔图诺夫", Some("俄罗斯国际事务委员会执行主席"), 20, 21),
                ("盛世良", None, 22, 22),
                ("赵世锋", None, 22, 22),
                ("孙凌云", None, 22, 22),
            ]
        );
    }

    /// A roster printed box by box (a blank line after every line, taken out of the table by
    /// `box_lines`): a wrapped affiliation's second line, two lines on, still continues it.
    #[test]
    fn a_box_printed_roster_reads_as_its_lines() {
        let lines = "作者简介\n俄方成员：\n伊·达尼林\n\
                     俄罗斯科学院普里马科夫世界经济与国际关系研究所科学创新研究室、创新政策研究室主任，政治\n\
                     学副博士\n安·卡尔涅耶夫\n莫斯科高等经济学校东方学院院长、历史学副博士\n\
                     弗·彼得罗夫斯基\n俄罗斯科学院远东研究所俄中关系研究与预测中心研究员，政治学博士\n";
        let dense = format!("中俄对话：2020 模式\n\n复旦大学国际问题研究院\n\n2020 年 7 月\n\n{lines}");
        let boxed = dense.replace('\n', "\n\n");
        let all = split_lines(&boxed);
        let table: Vec<Line> = all.iter().filter(|l| !l.is_blank()).copied().collect();
        let (m, _, _) = parse_front_matter(&table);
        let got: Vec<(&str, Option<&str>)> =
            m.authors.iter().map(|a| (a.name.as_str(), a.affiliation.as_deref())).collect();
        let (want, _, _) = parse_front_matter(&split_lines(&dense));
        let want: Vec<(&str, Option<&str>)> =
            want.authors.iter().map(|a| (a.name.as_str(), a.affiliation.as_deref())).collect();
        assert_eq!(got, want);
        // Not four: the affiliation's last piece (`学副博士`) starts no author of its own.
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn glued_names_split_where_the_affiliation_recurs() {
        let text =
            "赵华胜复旦大学国际问题研究院教授\n冯玉军复旦大学国际问题研究院副院长\n石泽中国外交部\n邢广程中国社科院";
        assert_eq!(glued_name("赵华胜复旦大学国际问题研究院教授", text).map(|x| x.0).as_deref(), Some("赵华胜"));
        assert_eq!(glued_name("石泽中国外交部", text).map(|x| x.0).as_deref(), Some("石泽"));
        assert_eq!(glued_name("邢广程中国社科院", text).map(|x| x.0).as_deref(), Some("邢广程"));
        // No evidence, too short, or a transliterated name: not split.
        assert_eq!(glued_name("甲乙丙丁戊己庚", text), None);
        assert_eq!(glued_name("博士", text), None);
        assert_eq!(glued_name("谢·卢加宁莫斯科", text), None);
        assert_eq!(common_width(&mut [74, 74, 72, 40, 8]), Some(74));
    }

    #[test]
    fn glued_transliterated_names_and_hinted_lengths() {
        let text = "甲乙研究院\n俄罗斯国际事务委员会\n伊·萨文科夫俄罗斯国际事务委员会学术主任\n\
                    吴景文甲乙研究院教授\n林夕照华东师范大学教授\n玛·图尔奇娜莫斯科国立大学副教授\n俄罗斯科学院";
        let roster =
            Roster { margin: None, text: text.to_string(), hint: GluedHint::of(text.lines(), text), boxed: false };
        assert_eq!(roster.hint, GluedHint { cjk: Some(3), surname: Some(4) });
        let name = |t: &str| glued_author(t, &roster).map(|x| x.0);
        assert_eq!(name("伊·萨文科夫俄罗斯国际事务委员会学术主任").as_deref(), Some("伊·萨文科夫"));
        // No evidence of their own: the hinted lengths, when the rest names an institution.
        assert_eq!(name("林夕照华东师范大学教授").as_deref(), Some("林夕照"));
        assert_eq!(name("玛·图尔奇娜莫斯科国立大学副教授").as_deref(), Some("玛·图尔奇娜"));
        assert_eq!(name("甲乙丙丁戊己庚"), None);
        assert!(ends_with_title("…研究员") && !ends_with_title("俄罗斯科学院"));
        assert_eq!(commonest(&[2, 3, 3]), Some(3));
        assert_eq!(common_width(&mut [120, 60, 8]), None);
    }

    #[test]
    fn running_headers_and_glued_page_numbers_are_not_headings() {
        let text = "目 录\n概要\t1\n第一章 甲乙\t3\n第二章 丙丁\t9\n第三章 戊己\t12\n\
                    iv概 要\n正文。\n3第一章 甲乙\n正文。\n第一章 甲乙\n正文。\n\
                    第二章\n\n第二章 丙丁\n正文。\n第三章\n正文。\n";
        let mut d = Vec::new();
        let o = scan(&split_lines(text), &mut d);
        let got: Vec<(usize, String)> = o
            .headings
            .iter()
            .map(|h| match &h.kind {
                HeadingKind::Part(k, _) => (h.index, format!("{k:?}")),
                HeadingKind::Chapter { number, title, .. } | HeadingKind::Section { number, title, .. } => {
                    (h.index, format!("{number} {title}"))
                }
            })
            .collect();
        assert_eq!(
            got,
            [
                (5, "Summary".to_string()),
                (7, "1 甲乙".to_string()),
                // The header `第二章` over its heading: the chapter's region starts there, and a
                // diagnostic covers the header's line.
                (11, "2 丙丁".to_string()),
                (15, "3 戊己".to_string()),
            ]
        );
        let header: Vec<u32> = d
            .iter()
            .filter(|x| x.code == DiagnosticCode::RunningHeaderOverHeading)
            .filter_map(|x| x.span.map(|s| s.line_start))
            .collect();
        assert_eq!(header, [12]);
        assert_eq!(after_glued_page_number("18第二章 中俄"), Some("第二章 中俄"));
        assert_eq!(after_glued_page_number("2019 年"), None);
        assert_eq!(after_glued_page_number("第二章"), None);
    }

    #[test]
    fn a_part_name_inside_a_sentence_is_no_heading() {
        let text = "目 录\n概要\t1\n建议\t9\n概 要\n正文。\n俄方建议俄罗斯人离开中国，\n建议\n在疫情稳定前不要前往中国。\n\n建议\n正文。\n";
        let mut d = Vec::new();
        let lines = split_lines(text);
        let o = scan(&lines, &mut d);
        let got: Vec<usize> = o.headings.iter().map(|h| h.index).collect();
        assert_eq!(got, [3, 9]);
        assert!(sentence_goes_on(&lines, 6) && !sentence_goes_on(&lines, 9));
    }

    #[test]
    fn headers_and_credits() {
        assert_eq!(team_header("中方团队负责人："), Some((Team::Cn, Role::Lead)));
        assert_eq!(team_header("俄方成员："), Some((Team::Ru, Role::Member)));
        assert_eq!(team_header("中方观点："), None);
        assert_eq!(credit_line("俄译中翻译：盛世良 赵世锋").map(|c| c.1.len()), Some(2));
        assert_eq!(credit_line("校对：赵华胜").map(|c| c.0), Some(Role::Proofreader));
    }

    #[test]
    fn lead_marked_after_the_name() {
        let text = "中俄对话：2018模式\n\n2018 年 6 月\n\n俄方作者：\n谢·罗曼诺夫（负责人），历史学博士，教授\n\
                    安·别列津(负责人)\n俄罗斯国际事务委员会学术主任\n德·克雷洛夫，经济学博士\n中方作者：\n\
                    冯启明 （负责人），复旦大学教授\n";
        let lines = split_lines(text);
        let (meta, _, _) = parse_front_matter(&lines);
        let got: Vec<(&str, Role, Option<&str>)> =
            meta.authors.iter().map(|a| (a.name.as_str(), a.role, a.affiliation.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("谢·罗曼诺夫", Role::Lead, Some("历史学博士，教授")),
                ("安·别列津", Role::Lead, Some("俄罗斯国际事务委员会学术主任")),
                ("德·克雷洛夫", Role::Member, Some("经济学博士")),
                ("冯启明", Role::Lead, Some("复旦大学教授")),
            ]
        );
    }

    #[test]
    fn front_matter() {
        let text = "\n标题：2020模式\n\n甲研究院\n\n乙委员会\n\n2020年7月\n\n介绍。\n\n作者简介\n\n中方团队负责人：\n\n赵华胜 复旦大学 教授\n\n俄方成员：\n\n伊·达尼林\n\n研究所主任\n\n校对：赵华胜\n";
        let lines = split_lines(text);
        let (m, blocks, _) = parse_front_matter(&lines);
        assert_eq!(m.title.as_deref(), Some("标题：2020模式"));
        assert_eq!(m.date.as_deref(), Some("2020-07"));
        assert_eq!(m.institutions, ["甲研究院", "乙委员会"]);
        assert_eq!(m.authors.len(), 3);
        assert_eq!(m.authors[1].affiliation.as_deref(), Some("研究所主任"));
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn report_titles_in_every_spacing() {
        assert_eq!(report_title("中俄对话：2021模式").as_deref(), Some("中俄对话：2021模式"));
        assert_eq!(report_title(" 《中俄对话：2023 模式》 ").as_deref(), Some("中俄对话：2023模式"));
        assert_eq!(report_title("中俄对话: ２０２２ 模式").as_deref(), Some("中俄对话:２０２２模式"));
        assert_eq!(report_title("《中俄对话：2020 模式》是这一系列报告的第六份。"), None);
        assert_eq!(report_title("中俄对话：20201模式"), None);
        assert_eq!(report_title("中美对话：2020模式"), None);
    }

    #[test]
    fn a_credit_head_with_its_colon_on_the_next_line_is_a_credit_line() {
        let lines = split_lines("翻译（俄译中）\n：祁晓岚，马若谷\n审校：吴景文\n翻译\n\n：某某");
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let (authors, next) = read_credit(&nonblank, 0).expect("a credit line");
        let names: Vec<&str> = authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!((names, next), (vec!["祁晓岚", "马若谷"], 2));
        assert_eq!((authors[0].role, authors[0].span.line_end), (Role::Translator, 2));
        assert_eq!(credit_at(&nonblank, 2).map(|c| c.1), Some(1));
        // The colon's line not printed right under the head: no credit line.
        assert!(credit_at(&nonblank, 3).is_none());
    }

    #[test]
    fn credit_lines_in_every_form() {
        let names = |t: &str| credit_line(t).map(|(r, n)| (r, n.join("|")));
        assert_eq!(names("俄译中翻译：盛世良 赵世锋"), Some((Role::Translator, "盛世良|赵世锋".into())));
        assert_eq!(names("翻译（俄译中）：甲，乙，丙，丁"), Some((Role::Translator, "甲|乙|丙|丁".into())));
        assert_eq!(names("翻译(俄译中): 甲、乙；丙"), Some((Role::Translator, "甲|乙|丙".into())));
        assert_eq!(names("译者：孙凌云、钱宗旗。"), Some((Role::Translator, "孙凌云|钱宗旗".into())));
        assert_eq!(names("审校：赵华胜"), Some((Role::Proofreader, "赵华胜".into())));
        assert_eq!(names("校对： 赵华胜"), Some((Role::Proofreader, "赵华胜".into())));
        assert_eq!(names("中俄对话：2020模式"), None);
        assert_eq!(names("报告的主要结论是由中俄双方专家共同讨论后形成的翻译：无"), None);
    }

    #[test]
    fn team_prefixes_and_persons() {
        assert_eq!(
            team_prefix("中方团队负责人：赵华胜，教授。").map(|(c, r)| (c, r.to_string())),
            Some(((Team::Cn, Role::Lead), "赵华胜，教授。".to_string()))
        );
        assert_eq!(team_prefix("俄方 成员: 伊·达尼林").map(|x| x.0), Some((Team::Ru, Role::Member)));
        assert_eq!(team_prefix("中方认为：合作是主要方向"), None);
        assert_eq!(
            persons("刘华芹，商务部研究院所长，教授；石 泽，外交部研究院教授"),
            [
                ("刘华芹".into(), Some("商务部研究院所长，教授".into())),
                ("石泽".into(), Some("外交部研究院教授".into()))
            ]
        );
        assert_eq!(persons("赵华胜、冯玉军"), [("赵华胜".into(), None), ("冯玉军".into(), None)]);
        assert_eq!(
            persons("赵华胜（复旦大学教授）；石 泽（外交部研究院教授）"),
            [("赵华胜".into(), Some("复旦大学教授".into())), ("石泽".into(), Some("外交部研究院教授".into()))]
        );
        assert_eq!(scan_pub_date("二〇二一年六月").as_deref(), Some("2021-06"));
        assert_eq!(scan_pub_date("2021 年 6 月").as_deref(), Some("2021-06"));
        assert_eq!(scan_pub_date("二〇二一年六月十日"), None);
        assert!(comma_person("刘华芹，商务部研究院所长；"));
        assert!(!comma_person("刘华芹 中国商务部国际贸易经济合作研究院所长，教授"));
        assert!(!comma_person("杨 成 上海外国语大学教授，法学博士"));
    }

    #[test]
    fn prose_authors_give_the_same_records_as_lines() {
        let text = "作者简介\n\n中方团队负责人：赵华胜，复旦大学国际问题研究院教授。中方成员：刘华芹，商务部研究院\n所长，教授；石泽，外交部研究院教授。\n\n俄方团队负责人：安·科尔图诺夫，俄罗斯国际事务委员会学术主任；阿·马斯洛夫，俄罗斯科学院远东研究所所长。俄方成员：伊·达尼林，研究室主任。\n";
        let lines = split_lines(text);
        let (m, blocks, _) = parse_front_matter(&lines);
        let got: Vec<(String, Team, Role, Option<String>, u32, u32)> = m
            .authors
            .iter()
            .map(|a| (a.name.clone(), a.team, a.role, a.affiliation.clone(), a.span.line_start, a.span.line_end))
            .collect();
        let a = |n: &str, t, r, f: &str, s, e| (n.to_string(), t, r, Some(f.to_string()), s, e);
        assert_eq!(
            got,
            [
                a("赵华胜", Team::Cn, Role::Lead, "复旦大学国际问题研究院教授", 3, 3),
                a("刘华芹", Team::Cn, Role::Member, "商务部研究院所长，教授", 3, 4),
                a("石泽", Team::Cn, Role::Member, "外交部研究院教授", 4, 4),
                a("安·科尔图诺夫", Team::Ru, Role::Lead, "俄罗斯国际事务委员会学术主任", 6, 6),
                a("阿·马斯洛夫", Team::Ru, Role::Lead, "俄罗斯科学院远东研究所所长", 6, 6),
                a("伊·达尼林", Team::Ru, Role::Member, "研究室主任", 6, 6),
            ]
        );
        assert!(blocks.is_empty());
    }

    #[test]
    fn cover_noise_is_kept_and_reported_not_taken_as_title() {
        let text = "Summer SChoolS xpert CommentarieS\nРОССИЙСКО-КИТАЙСКИЙ ДИАЛОГ\n中国-伊朗伙伴关系：回顾与展望\n\n《中俄对话：2023 模式》\n\n复旦大学国际问题研究院\n俄罗斯国际事务委员会\n俄罗斯科学院中国与当代亚洲研究所\n\n2023年6月\n\n翻译（俄译中）：甲，乙，\n丙，丁\n";
        let lines = split_lines(text);
        let (m, blocks, d) = parse_front_matter(&lines);
        assert_eq!(m.title.as_deref(), Some("中俄对话：2023模式"));
        assert_eq!(m.date.as_deref(), Some("2023-06"));
        assert_eq!(
            m.institutions,
            ["复旦大学国际问题研究院", "俄罗斯国际事务委员会", "俄罗斯科学院中国与当代亚洲研究所"]
        );
        assert_eq!(m.authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["甲", "乙", "丙", "丁"]);
        assert!(m.authors.iter().all(|a| a.role == Role::Translator && a.span.line_end == 14));
        assert_eq!(blocks.len(), 1);
        assert_eq!((blocks[0].span().line_start, blocks[0].span().line_end), (1, 3));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "front_matter_noise");
    }

    #[test]
    fn title_over_two_lines_names_under_their_head_and_headers_without_colon() {
        let text = "中俄对话：\n2021 模式\n\n复旦大学国际问题研究院\n\n2021年6月\n\n中方团队负责人\n\n赵华胜 复旦大学教授\n\n翻译（俄译中）：\n甲，乙\n\n校对：丙\n";
        let (m, blocks, _) = parse_front_matter(&split_lines(text));
        assert_eq!(m.title.as_deref(), Some("中俄对话：2021模式"));
        assert_eq!(m.spans[0].line_end, 2);
        assert_eq!(m.institutions, ["复旦大学国际问题研究院"]);
        let got: Vec<(&str, Role)> = m.authors.iter().map(|a| (a.name.as_str(), a.role)).collect();
        assert_eq!(
            got,
            [("赵华胜", Role::Lead), ("甲", Role::Translator), ("乙", Role::Translator), ("丙", Role::Proofreader)]
        );
        assert!(blocks.is_empty());
    }

    #[test]
    fn a_roman_page_number_glued_to_a_line_end_is_not_text() {
        assert_eq!(without_glued_roman("校对：赵华胜iii"), "校对：赵华胜");
        assert_eq!(without_glued_roman("建议 42iv "), "建议 42");
        assert_eq!(without_glued_roman("建议 42"), "建议 42");
        assert_eq!(without_glued_roman("Atomic"), "Atomic");
        assert_eq!(without_glued_roman("第二节 附录 ii"), "第二节 附录 ii");
        assert_eq!(without_glued_roman("赵华胜iiv"), "赵华胜iiv");
        assert_eq!(credit_line("校对：赵华胜iii").map(|c| c.1), Some(vec!["赵华胜".to_string()]));
        let toc = "目 录\n概要 1\n建议 42iv\n附录：大事记 46\n";
        let (entries, last, _) = read_toc(&split_lines(toc), 1, true);
        assert_eq!(entries.iter().map(|e| e.page).collect::<Vec<_>>(), [Some(1), Some(42), Some(46)]);
        assert_eq!(last, Some(3));
    }

    #[test]
    fn toc_printed_as_columns_of_titles_and_numbers() {
        // titles after the heading, the TOC page's own number, then the numbers; a second page
        let text =
            "目录\n\n概要\n第一章 甲乙\n第一节 丙丁\niii\n\n1\n3\n3\n\u{c}附录：大事记\n\niv\n\n9\n\n概要\n正文。\n";
        let lines = split_lines(text);
        let cols = read_toc_columns(&lines, 0).expect("columns");
        let got: Vec<(String, Option<u32>)> = cols.entries.iter().map(|e| (e.title.clone(), e.page)).collect();
        assert_eq!(
            got,
            [
                ("概要".into(), Some(1)),
                ("甲乙".into(), Some(3)),
                ("丙丁".into(), Some(3)),
                ("附录：大事记".into(), Some(9))
            ]
        );
        assert_eq!(cols.entries[1].label.as_deref(), Some("第一章"));
        assert_eq!(cols.last, 14);
        assert_eq!((cols.top, cols.skipped.as_slice(), cols.numbers.len()), (None, &[5, 12][..], 2));
        // titles above the heading (pdftotext printed `目录` after them)
        let text = "作者\n\n概要\n第一章 甲乙\n\n目录\n\nii\n\n1\n2\n\n概要\n";
        let lines = split_lines(text);
        let cols = read_toc_columns(&lines, 5).expect("columns above");
        assert_eq!((cols.top, cols.entries.len(), cols.last), (Some(2), 2, 10));
        // the numbers before the titles, blank lines between all lines (pdfminer, MarkItDown)
        let text = "正文。\n\ni\n\n1\n\n3\n\n概要\n\n第一章 甲乙\n\n目录\n\nii\n\n概要\n";
        let lines = split_lines(text);
        let cols = read_toc_columns(&lines, 12).expect("numbers above");
        let got: Vec<Option<u32>> = cols.entries.iter().map(|e| e.page).collect();
        assert_eq!((got, cols.top, cols.last), (vec![Some(1), Some(3)], Some(4), 12));
        // the numbers above the heading, the titles after it (pdfminer on Chromium)
        let text = "校对：某某\ni\n1\n3\n目录\n概要\n第一章 甲乙\nii\n概要\n";
        let lines = split_lines(text);
        let cols = read_toc_columns(&lines, 4).expect("numbers above the heading");
        let got: Vec<Option<u32>> = cols.entries.iter().map(|e| e.page).collect();
        assert_eq!((got, cols.top, cols.last), (vec![Some(1), Some(3)], Some(2), 6));
        let text = "校对：某某\n\u{c}\n1\n3\n目录\n概要\n第一章 甲乙\n\u{c}\n概要\n";
        let cols = read_toc_columns(&split_lines(text), 4).expect("numbers above the heading, a break after");
        assert_eq!((cols.entries.len(), cols.last), (2, 6));
        assert!(read_toc_columns(&split_lines("正文\n1\n2\n3\n目录\n概要\n第一章 甲乙\nii\n"), 4).is_none());
        // no TOC: as many numbers as titles is needed, the first title a heading, pages going up
        for text in ["目录\n概要\n第一章 甲\n1\n", "目录\n正文\n第一章 甲\n1\n2\n", "目录\n概要\n第一章 甲\n5\n2\n"]
        {
            assert!(read_toc_columns(&split_lines(text), 0).is_none(), "{text:?}");
        }
    }

    #[test]
    fn credit_lines_after_the_toc_are_taken() {
        let (authors, rest) =
            take_credit_lines(&split_lines("说明文字。\n\n翻译（俄译中）：甲，乙，丙，丁\n审校：戊\n"));
        assert_eq!(authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["甲", "乙", "丙", "丁", "戊"]);
        assert_eq!(rest.iter().filter(|l| !l.is_blank()).count(), 1);
    }

    #[test]
    fn institutions_without_a_date_line() {
        let text = "中俄对话：2021模式\n复旦大学国际问题研究院、俄罗斯国际事务委员会\n俄罗斯科学院远东研究所\n本报告由三家机构联合发布。\n";
        let (m, _, _) = parse_front_matter(&split_lines(text));
        assert_eq!(m.institutions, ["复旦大学国际问题研究院", "俄罗斯国际事务委员会", "俄罗斯科学院远东研究所"]);
        assert_eq!(m.date, None);
    }

    /// PDFium runs the cover's date into the next page's first line: the date is read, the rest
    /// of the line stays text of the front matter; a date followed by punctuation is a sentence.
    #[test]
    fn a_date_run_into_the_next_page() {
        let text = "中俄对话：2022 模式\n复旦大学国际问题研究院\n俄罗斯国际事务委员会\n2022 年 9 月三家研究机构自 2015 年起每年联合发布中俄关系年度报告，本报告是该系列的第八\n份报告。\n";
        let (m, blocks, _) = parse_front_matter(&split_lines(text));
        assert_eq!(m.institutions, ["复旦大学国际问题研究院", "俄罗斯国际事务委员会"]);
        assert_eq!(m.date.as_deref(), Some("2022-09"));
        assert!(
            matches!(&blocks[..], [Block::Paragraph { text, .. }] if text == "三家研究机构自 2015 年起每年联合发布中俄关系年度报告，本报告是该系列的第八份报告。"),
            "{blocks:?}"
        );
        assert_eq!(scan_glued_pub_date("2022 年 9 月，三家机构"), None);
        assert_eq!(scan_glued_pub_date("2022年9月复旦"), Some(("2022-09".to_string(), 11)));
    }

    #[test]
    fn wrapped_heading_is_joined_when_the_toc_says_so() {
        let text = "目 录\n第一章 甲乙\t7\n第一章 甲乙丙丁\t8\n\n第一章 甲乙\n丙丁\n\n第一节 节\n";
        // The second TOC line names the joined title; the first names the short one, so no join.
        let lines = split_lines(text);
        let mut d = Vec::new();
        let o = scan(&lines, &mut d);
        assert_eq!(o.toc.len(), 2);
        assert!(matches!(&o.headings[0].kind, HeadingKind::Chapter { title, .. } if title == "甲乙"));
        let text = "目 录\n第一章 甲乙丙丁\t8\n\n第一章 甲乙\n丙丁\n\n第一节 节\n";
        let lines = split_lines(text);
        let o = scan(&lines, &mut d);
        assert!(matches!(&o.headings[0].kind, HeadingKind::Chapter { title, .. } if title == "甲乙丙丁"));
        assert_eq!(o.headings[0].span.line_end, 5);
        // A label alone on its line, its title under it wrapped onto a third line (PyMuPDF).
        let text = "目 录\n第一章 甲乙丙丁\t8\n\n第一章\n甲乙\n丙丁\n第一节 节\n";
        let lines = split_lines(text);
        let o = scan(&lines, &mut d);
        assert!(matches!(&o.headings[0].kind, HeadingKind::Chapter { title, .. } if title == "甲乙丙丁"));
        assert_eq!(o.headings[0].span.line_end, 6);
        // Without the TOC's word for it, the title is the line under the label alone.
        let text = "目 录\n第一章 甲乙\t8\n\n第一章\n甲乙\n丙丁\n第一节 节\n";
        let lines = split_lines(text);
        let o = scan(&lines, &mut d);
        assert!(matches!(&o.headings[0].kind, HeadingKind::Chapter { title, .. } if title == "甲乙"));
    }
}
