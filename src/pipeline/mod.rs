//! The whole conversion: bytes → [`Document`]. Decoding is the only stage that can refuse an
//! input; every later stage reports what it could not place as a diagnostic instead of failing.
//!
//! [`inputs`] finds and loads the inputs of a command (dumps or converted documents, files or
//! directories).

pub mod inputs;

use crate::model::*;
use crate::parse::blocks::{parse_blocks, parse_blocks_in, Prose};
use crate::parse::chronology::{parse_appendix, PeriodHint};
use crate::parse::decode::{decode, is_pdf, line_endings, DecodeError};
use crate::parse::lex::{split_lines, trim, Line, PartKind};
use crate::parse::outline::{self, Heading, HeadingKind};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// Convert the bytes of one input: a text dump, or a PDF (recognised by its `%PDF-` signature,
/// whatever the file is called; read through the `pdf` layout stage when the feature is on).
/// `path` is recorded in `source.path`.
pub fn convert_bytes(bytes: &[u8], path: &str) -> Result<Document, DecodeError> {
    if is_pdf(bytes) {
        return convert_pdf(bytes, path);
    }
    let decoded = decode(bytes)?;
    let source = source_of(bytes, path, &decoded.text, decoded.encoding.clone(), decoded.encoding_source);
    Ok(convert_text(&decoded.text, source, decoded.diagnostics, &[]))
}

fn source_of(bytes: &[u8], path: &str, text: &str, encoding: String, encoding_source: &str) -> Source {
    Source {
        path: path.to_string(),
        sha256: hex(&Sha256::digest(bytes)),
        bytes: bytes.len() as u64,
        encoding,
        encoding_source: encoding_source.to_string(),
        lines: split_lines(text).len() as u32,
        line_endings: line_endings(text).to_string(),
        format: "text".to_string(),
        pdf: None,
    }
}

/// The text a PDF's document is made from (its spans point into it): the layout stage's derived
/// text. A text input's is its decoded text.
pub fn derived_text(bytes: &[u8]) -> Result<String, DecodeError> {
    if is_pdf(bytes) {
        return read_pdf_layout(bytes).map(|(_, l)| l.text);
    }
    decode(bytes).map(|d| d.text.into_owned())
}

#[cfg(feature = "pdf")]
fn read_pdf_layout(
    bytes: &[u8],
) -> Result<(crate::parse::pdf::spans::PdfPages, crate::parse::pdf::layout::Layout), DecodeError> {
    use crate::parse::pdf::{layout::layout, spans::read_pdf};
    let pages = read_pdf(bytes).map_err(|e| DecodeError::Pdf(e.0))?;
    if pages.pages.is_empty() {
        return Err(DecodeError::Pdf("the PDF has no pages".into()));
    }
    let lay = layout(&pages.pages);
    if lay.chars == 0 {
        return Err(DecodeError::Pdf(format!(
            "no text layer: its {} page(s) hold no text, only images (a scan?); run OCR on it first (e.g. `ocrmypdf in.pdf out.pdf`) and convert the result",
            pages.pages.len()
        )));
    }
    let unmapped: usize = lay.text.chars().filter(|&c| crate::parse::pdf::layout::is_unmapped(c)).count();
    if unmapped * 3 > lay.chars {
        return Err(DecodeError::Pdf(format!(
            "its fonts have no Unicode map: {unmapped} of {} characters are private-use or U+FFFD (pages {}); the text cannot be read (try OCR)",
            lay.chars,
            page_list(&lay.unmapped_pages)
        )));
    }
    Ok((pages, lay))
}

#[cfg(not(feature = "pdf"))]
fn read_pdf_layout(_: &[u8]) -> Result<((), Layoutless), DecodeError> {
    Err(DecodeError::PdfUnsupported)
}

#[cfg(not(feature = "pdf"))]
struct Layoutless {
    text: String,
}

/// `1-3, 7` for pages 1, 2, 3, 7.
#[cfg(feature = "pdf")]
fn page_list(pages: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < pages.len() {
        let mut j = k;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        out.push(if j > k { format!("{}-{}", pages[k], pages[j]) } else { pages[k].to_string() });
        k = j + 1;
    }
    out.join(", ")
}

#[cfg(feature = "pdf")]
fn convert_pdf(bytes: &[u8], path: &str) -> Result<Document, DecodeError> {
    let (pages, lay) = read_pdf_layout(bytes)?;
    let mut diagnostics = Vec::new();
    if !lay.unmapped_pages.is_empty() {
        diagnostics.push(Diagnostic::new(
            DiagnosticCode::InvalidBytes,
            format!(
                "the PDF's fonts map some characters to no Unicode text (private-use or U+FFFD) on page(s) {}; they are kept as read",
                page_list(&lay.unmapped_pages)
            ),
            None,
        ));
    }
    if !lay.empty_pages.is_empty() {
        diagnostics.push(Diagnostic::new(
            DiagnosticCode::InvalidBytes,
            format!(
                "page(s) {} of the PDF hold no text (images only?); their content is missing",
                page_list(&lay.empty_pages)
            ),
            None,
        ));
    }
    let mut source = source_of(bytes, path, &lay.text, "UTF-8".to_string(), "pdf");
    source.format = "pdf".to_string();
    source.pdf = Some(PdfSource { pages: pages.pages.len() as u32, producer: pages.producer.clone() });
    let mut doc = convert_text(&lay.text, source, diagnostics, &lay.furniture);
    doc.boxes = element_boxes(&doc, &lay.boxes);
    Ok(doc)
}

/// Each element's box: the union of the boxes of its lines on the page of its first drawn line.
#[cfg(feature = "pdf")]
fn element_boxes(doc: &Document, lines: &[Option<crate::parse::pdf::layout::LineBox>]) -> Vec<ElementBox> {
    let round = |v: f32| (v * 10.0).round() / 10.0;
    crate::model::ids::element_spans(doc)
        .into_iter()
        .filter(|(_, id)| !id.is_empty())
        .filter_map(|(span, id)| {
            let range =
                lines.get(span.line_start.saturating_sub(1) as usize..(span.line_end as usize).min(lines.len()))?;
            let mut it = range.iter().flatten();
            let first = *it.next()?;
            let b = it.filter(|b| b.page == first.page).fold(first, |a, b| a.union(*b));
            Some(ElementBox {
                element: id.to_string(),
                page: b.page,
                x0: round(b.x0),
                y0: round(b.y0),
                x1: round(b.x1),
                y1: round(b.y1),
            })
        })
        .collect()
}

#[cfg(not(feature = "pdf"))]
fn convert_pdf(_: &[u8], _: &str) -> Result<Document, DecodeError> {
    Err(DecodeError::PdfUnsupported)
}

/// Convert decoded text; `known_furniture[k]` marks lines known to be page furniture (PDF input).
fn convert_text(text: &str, source: Source, mut diagnostics: Vec<Diagnostic>, known_furniture: &[bool]) -> Document {
    // markitdown's pipe "tables" that are text (a header row with no body, one column): their
    // pipes become spaces (same bytes), their rules leave the line table.
    let unmarked = if known_furniture.is_empty() { crate::parse::pipes::unmark_text_tables(text) } else { None };
    let mut lines = match &unmarked {
        Some(u) => crate::parse::pipes::without_rules(split_lines(&u.text), u),
        None => split_lines(text),
    };
    // A dump printed one layout box at a time (pdfminer) is read without its blank lines; the
    // PDF path's `known_furniture` indexes the full line table, so it is left as it is.
    if known_furniture.is_empty() {
        if let Some(boxed) = crate::parse::boxes::box_lines(&lines) {
            lines = boxed;
        }
    }
    let mut pages = crate::parse::pages::scan_known(&lines, heading_title, known_furniture);
    let mut doc = build(&pages.lines, &mut diagnostics);
    doc.source = source;
    assign_pages(&mut doc, &mut pages);
    diagnostics.extend(pages.diagnostics);
    doc.page_breaks = pages.breaks;
    doc.footnotes = pages.footnotes;
    diagnostics.sort_by_key(|d| d.span.map_or((0, 0), |s| (s.line_start, s.line_end)));
    doc.diagnostics = diagnostics;
    crate::model::ligatures::expand_ligatures(&mut doc, text);
    crate::model::ids::assign_ids(&mut doc);
    doc
}

/// The title of a part, chapter or section heading line (for running headers, see `pages`).
fn heading_title(text: &str) -> Option<String> {
    use crate::parse::lex::{matches, scan_chapter_heading, scan_part_heading, scan_section_heading};
    if !crate::parse::lex::at_most_chars(text, 80) {
        return None;
    }
    matches(scan_chapter_heading, text)
        .or_else(|| matches(scan_section_heading, text))
        .map(|(_, _, title)| title.to_string())
        .or_else(|| matches(scan_part_heading, text).map(|_| text.to_string()))
}

/// Record on every element the page on which it starts (a post-pass over the built document).
fn assign_pages(doc: &mut Document, pages: &mut crate::parse::pages::Pages) {
    if pages.breaks.iter().all(|b| b.page.is_none()) {
        return;
    }
    // Agreement with the TOC: when the chapters' pages all differ from the TOC's by the same
    // one page (a number printed in a footer read as the next page's header, or the reverse),
    // the printed numbers are read the other way.
    let deltas: Vec<i64> = doc
        .chapters
        .iter()
        .filter_map(|c| {
            let toc = doc.toc.iter().find(|t| t.level == 1 && t.label.as_deref() == Some(c.label.as_str()))?;
            Some(i64::from(toc.page?) - i64::from(pages.page_of(c.heading_span)?))
        })
        .collect();
    if deltas.len() >= 2 && deltas.iter().all(|&d| d == deltas[0]) && deltas[0].abs() == 1 {
        for b in &mut pages.breaks {
            b.page = b.page.and_then(|p| u32::try_from(i64::from(p) + deltas[0]).ok()).filter(|&p| p > 0);
        }
        for f in &mut pages.footnotes {
            f.page = f.page.and_then(|p| u32::try_from(i64::from(p) + deltas[0]).ok()).filter(|&p| p > 0);
        }
    }
    pages.clear_page_zero();
    let pages = &*pages;
    let at = |s: Span| pages.page_of(s);
    let blocks = |bs: &mut [Block]| {
        for b in bs {
            let s = b.span();
            match b {
                Block::Paragraph { page, .. } | Block::Subheading { page, .. } | Block::List { page, .. } => {
                    *page = at(s)
                }
                Block::Table(t) => t.page = at(s),
                Block::Figure(f) => f.page = at(s),
            }
        }
    };
    blocks(&mut doc.front_matter);
    for p in doc.summary.iter_mut().chain(doc.preface.iter_mut()) {
        p.page = at(p.heading_span);
        blocks(&mut p.blocks);
    }
    for c in &mut doc.chapters {
        c.page = at(c.heading_span);
        blocks(&mut c.blocks);
        for s in &mut c.sections {
            s.page = at(s.heading_span);
            blocks(&mut s.blocks);
        }
    }
    if let Some(r) = &mut doc.recommendations {
        for i in r.groups.iter_mut().flat_map(|g| g.items.iter_mut()) {
            i.page = at(i.span);
        }
    }
    if let Some(c) = &mut doc.chronology {
        for e in c.categories.iter_mut().flat_map(|c| c.entries.iter_mut()) {
            e.page = at(e.span);
        }
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

struct SectionRegion<'a, 'h> {
    number: u32,
    label: &'a str,
    title: &'h str,
    span: Span,
    body: (usize, usize),
}

/// A top-level region: a part or a chapter, with its sections.
struct Region<'a, 'h> {
    heading: &'h Heading<'a>,
    /// Line index range of the region's body (after its heading).
    body: (usize, usize),
    /// Sections of a chapter: (number, label, title, heading span, body range).
    sections: Vec<SectionRegion<'a, 'h>>,
}

/// Build the document structure from lines (the `source` field is left for the caller).
pub fn build(lines: &[Line], diags: &mut Vec<Diagnostic>) -> Document {
    let outline = outline::scan(lines, diags);
    let (mut metadata, mut front_matter, front_diags) =
        outline::parse_front_matter(&lines[..outline.front_end.min(lines.len())]);
    diags.extend(front_diags);
    text_before_first_heading(lines, &outline, &mut metadata, &mut front_matter, diags);
    let regions = regions_of(&outline.headings, lines.len(), diags);
    // Fill the regions: chapters (and their sections) in parallel, the appendix alongside. A
    // part that appears a second time (several reports concatenated) is parsed for its
    // diagnostics and its span, then dropped in the worker, so that a hundred repeats never
    // hold a hundred parsed chronologies at once.
    let hint = period_hint(&metadata, lines, outline.front_end, &regions);
    let results = fill_regions(&regions, lines, &hint);
    let mut doc = new_document(metadata, front_matter, outline.toc_heading, outline.toc);
    for (filled, d) in results {
        diags.extend(d);
        match filled {
            Filled::Summary(p) => set_once(&mut doc.summary, p, diags),
            Filled::Preface(p) => set_once(&mut doc.preface, p, diags),
            Filled::Chapter(c) => doc.chapters.push(c),
            Filled::Recommendations(r) => set_once(&mut doc.recommendations, r, diags),
            Filled::Chronology(c) => set_once(&mut doc.chronology, c, diags),
            Filled::Repeat(span) => diags.push(duplicate_part(span)),
        }
    }
    check_last_line(lines, diags);
    if doc.chapters.is_empty() && doc.chronology.is_none() && doc.summary.is_none() {
        diags.push(Diagnostic::new(
            DiagnosticCode::NoStructure,
            "no part, chapter or chronology heading was found; the text is kept in front_matter",
            None,
        ));
    }
    doc
}

/// The text between the table of contents (or the front matter) and the first heading: its
/// credit lines are authors, the rest front-matter blocks (reported).
fn text_before_first_heading(
    lines: &[Line],
    outline: &outline::Outline,
    metadata: &mut Metadata,
    front_matter: &mut Vec<Block>,
    diags: &mut Vec<Diagnostic>,
) {
    let first_heading = outline.headings.first().map_or(lines.len(), |h| h.index);
    let pre_start = outline.body_start.max(outline.front_end);
    if pre_start < first_heading {
        let (credits, pre) = outline::take_credit_lines(&lines[pre_start..first_heading]);
        metadata.authors.extend(credits);
        if !pre.is_empty() {
            let (blocks, d) = parse_blocks(&pre);
            diags.extend(d);
            if let (Some(f), Some(l)) = (blocks.first(), blocks.last()) {
                diags.push(Diagnostic::new(
                    DiagnosticCode::TextBeforeFirstHeading,
                    "text between the table of contents and the first heading; kept in front_matter",
                    Some(f.span().join(l.span())),
                ));
            }
            front_matter.extend(blocks);
        }
    }
}

/// The top-level regions: parts and chapters, and each numbered section that comes before the
/// first of them (it has no chapter to belong to; `fill` keeps it as a chapter-less section).
/// `text_end` is the line count.
fn regions_of<'a, 'h>(
    headings: &'h [Heading<'a>],
    text_end: usize,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Region<'a, 'h>> {
    let is_section = |h: &Heading| matches!(h.kind, HeadingKind::Section { .. });
    let first_top = headings.iter().position(|h| !is_section(h)).unwrap_or(headings.len());
    let top: Vec<usize> =
        headings.iter().enumerate().filter(|&(k, h)| !is_section(h) || k < first_top).map(|(k, _)| k).collect();
    let mut regions: Vec<Region> = Vec::new();
    for (n, &k) in top.iter().enumerate() {
        let h = &headings[k];
        let end = top.get(n + 1).map_or(text_end, |&j| headings[j].index);
        if is_section(h) {
            diags.push(Diagnostic::new(
                DiagnosticCode::SectionOutsideChapter,
                "a numbered section before the first part or chapter; kept as a section of a chapter without number",
                Some(h.span),
            ));
            regions.push(Region { heading: h, body: (h.end, end), sections: Vec::new() });
            continue;
        }
        regions.push(part_region(headings, k, end, diags));
    }
    regions
}

/// The region of the part or chapter at heading `k`, which ends at line `end`, with the
/// numbered sections under it (a part that is not a chapter keeps their text, reported).
fn part_region<'a, 'h>(
    headings: &'h [Heading<'a>],
    k: usize,
    end: usize,
    diags: &mut Vec<Diagnostic>,
) -> Region<'a, 'h> {
    let h = &headings[k];
    let sec: Vec<usize> =
        (k + 1..headings.len()).take_while(|&j| matches!(headings[j].kind, HeadingKind::Section { .. })).collect();
    let mut sections = Vec::new();
    let body_end = sec.first().map_or(end, |&j| headings[j].index);
    for (m, &j) in sec.iter().enumerate() {
        let s_end = sec.get(m + 1).map_or(end, |&x| headings[x].index);
        let sh = &headings[j];
        if let HeadingKind::Section { number, label, title } = &sh.kind {
            sections.push(SectionRegion { number: *number, label, title, span: sh.span, body: (sh.end, s_end) });
        }
    }
    if !sections.is_empty() && !matches!(h.kind, HeadingKind::Chapter { .. }) {
        diags.push(Diagnostic::new(
            DiagnosticCode::SectionOutsideChapter,
            "numbered sections under a part that is not a chapter; their text is kept in that part",
            Some(sections[0].span),
        ));
        sections.clear();
        return Region { heading: h, body: (h.end, end), sections };
    }
    Region { heading: h, body: (h.end, body_end), sections }
}

/// Fill the regions in parallel, in order; a part seen before is kept as its span only.
fn fill_regions(regions: &[Region], lines: &[Line], hint: &PeriodHint) -> Vec<(Filled, Vec<Diagnostic>)> {
    // The chapters' prose, measured once: its right margin is for regions too short to show
    // their own.
    let prose = crate::parse::blocks::document_prose(
        regions.iter().filter(|r| matches!(r.heading.kind, HeadingKind::Chapter { .. })).flat_map(|r| {
            let end = r.sections.last().map_or(r.body.1, |s| s.body.1);
            &lines[r.body.0.min(end)..end]
        }),
    )
    .with_blank_after_most(crate::parse::boxes::blank_after_most(&lines.iter().collect::<Vec<_>>()));
    let mut seen = [false; 4];
    let repeat: Vec<bool> = regions
        .iter()
        .map(|r| slot_of(&r.heading.kind).is_some_and(|k| std::mem::replace(&mut seen[k], true)))
        .collect();
    regions
        .par_iter()
        .zip(repeat.par_iter())
        .map(|(r, &repeat)| {
            let (filled, d) = fill(r, lines, hint, &prose);
            (if repeat { Filled::Repeat(filled.span()) } else { filled }, d)
        })
        .collect()
}

/// A document with its metadata, front matter and table of contents, the parts yet to fill
/// (the `source` field is left for the caller).
fn new_document(
    metadata: Metadata,
    front_matter: Vec<Block>,
    toc_heading_span: Option<Span>,
    toc: Vec<TocEntry>,
) -> Document {
    Document {
        schema_version: SCHEMA_VERSION.to_string(),
        generator: Generator {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        },
        source: Source {
            path: String::new(),
            sha256: String::new(),
            bytes: 0,
            encoding: String::new(),
            encoding_source: String::new(),
            lines: 0,
            line_endings: String::new(),
            format: "text".to_string(),
            pdf: None,
        },
        metadata,
        front_matter,
        toc_heading_span,
        toc,
        summary: None,
        preface: None,
        chapters: Vec::new(),
        recommendations: None,
        chronology: None,
        page_breaks: Vec::new(),
        footnotes: Vec::new(),
        diagnostics: Vec::new(),
        boxes: Vec::new(),
    }
}

/// Report a last line that ends in the middle of a sentence (a truncated document).
fn check_last_line(lines: &[Line], diags: &mut Vec<Diagnostic>) {
    if let Some(last) = lines.iter().rev().find(|l| !l.is_blank()) {
        let t = trim(last.text);
        let closed = |c: char| crate::parse::lex::is_terminal_punct(c) || matches!(c, '*' | '》' | '"' | '\'' | '】');
        if t.chars().last().is_some_and(|c| !closed(c)) {
            diags.push(Diagnostic::new(
                DiagnosticCode::EndsMidSentence,
                "the last line ends in the middle of a sentence; the document may be truncated",
                Some(last.span()),
            ));
        }
    }
}

trait HasSpan {
    fn span(&self) -> Span;
}
impl HasSpan for Part {
    fn span(&self) -> Span {
        self.span
    }
}
impl HasSpan for Recommendations {
    fn span(&self) -> Span {
        self.span
    }
}
impl HasSpan for Chronology {
    fn span(&self) -> Span {
        self.span
    }
}

/// Keep the first of a part that should appear once; a repeat (e.g. two reports concatenated)
/// is reported by a diagnostic whose span covers all of its lines, so none of them is silently
/// dropped.
fn set_once<T: HasSpan>(slot: &mut Option<T>, value: T, diags: &mut Vec<Diagnostic>) {
    if slot.is_some() {
        diags.push(duplicate_part(value.span()));
    } else {
        *slot = Some(value);
    }
}

fn duplicate_part(span: Span) -> Diagnostic {
    Diagnostic::new(
        DiagnosticCode::DuplicatePart,
        "this part appears a second time; its structure is not extracted (its lines are covered by this diagnostic)",
        Some(span),
    )
}

/// The document field a region fills once (see [`fill`]): 0 summary, 1 preface, 2
/// recommendations, 3 chronology; `None` for chapters, which repeat.
fn slot_of(kind: &HeadingKind) -> Option<usize> {
    match kind {
        HeadingKind::Part(PartKind::Appendix, _) => Some(3),
        HeadingKind::Part(PartKind::Recommendations, _) => Some(2),
        HeadingKind::Part(PartKind::Summary, _) => Some(0),
        HeadingKind::Part(..) => Some(1),
        HeadingKind::Chapter { .. } | HeadingKind::Section { .. } => None,
    }
}

enum Filled {
    Summary(Part),
    Preface(Part),
    Chapter(Chapter),
    Recommendations(Recommendations),
    Chronology(Chronology),
    /// A part filled a second time: only its span is kept, for its `duplicate_part` diagnostic.
    Repeat(Span),
}

impl Filled {
    fn span(&self) -> Span {
        match self {
            Filled::Summary(p) | Filled::Preface(p) => p.span,
            Filled::Chapter(c) => c.span,
            Filled::Recommendations(r) => r.span,
            Filled::Chronology(c) => c.span,
            Filled::Repeat(s) => *s,
        }
    }
}

fn blocks_span(heading: Span, blocks: &[Block]) -> Span {
    blocks.last().map_or(heading, |b| heading.join(b.span()))
}

/// What the report says about the period its chronology covers: the year in its title, and the
/// first period stated in the front matter, the summary or the preface.
fn period_hint(metadata: &Metadata, lines: &[Line], front_end: usize, regions: &[Region]) -> PeriodHint {
    let title_year = metadata.title.as_deref().and_then(|t| {
        let digits: String =
            t.chars().filter_map(crate::parse::lex::digit_value).map(|d| char::from(b'0' + d as u8)).collect();
        (digits.len() == 4).then(|| digits.parse().ok()).flatten()
    });
    let intro = regions
        .iter()
        .filter(|r| matches!(r.heading.kind, HeadingKind::Part(PartKind::Summary | PartKind::Preface, _)))
        .map(|r| r.body);
    let stated = std::iter::once((0, front_end.min(lines.len())))
        .chain(intro)
        .flat_map(|(a, b)| paragraphs(&lines[a.min(b)..b]))
        .find_map(|para| {
            // On one line, or wrapped over two (`…2017 年 1 月至` / `2018 年 3 月…`).
            para.iter().find_map(|l| crate::parse::dates::stated_period(l.text).map(|p| (p, l.span()))).or_else(|| {
                let mut text = String::new();
                para.iter().for_each(|l| crate::parse::lex::join_wrapped(&mut text, l.text));
                let span = para.first()?.span().join(para.last()?.span());
                crate::parse::dates::stated_period(&text).map(|p| (p, span))
            })
        });
    PeriodHint { stated, title_year }
}

/// The runs of non-blank lines of `lines` (paragraphs, wrapped lines together).
fn paragraphs<'l, 'a>(lines: &'l [Line<'a>]) -> impl Iterator<Item = &'l [Line<'a>]> {
    lines.split(Line::is_blank).filter(|p| !p.is_empty())
}

fn fill(r: &Region, lines: &[Line], hint: &PeriodHint, prose: &Prose) -> (Filled, Vec<Diagnostic>) {
    let body = &lines[r.body.0.min(r.body.1)..r.body.1];
    let h = r.heading;
    match &h.kind {
        HeadingKind::Part(PartKind::Appendix, inline) => {
            let (c, d) = parse_appendix(&lines[h.index], inline, body, hint);
            (Filled::Chronology(c), d)
        }
        HeadingKind::Part(PartKind::Recommendations, _) => {
            let (rec, d) = crate::parse::blocks::parse_recommendations(
                trim(outline::heading_text(lines[h.index].text)),
                h.span,
                body,
            );
            (Filled::Recommendations(rec), d)
        }
        HeadingKind::Part(kind, _) => {
            let (blocks, d) = parse_blocks_in(body, Some(prose));
            let part = Part {
                id: String::new(),
                title: crate::parse::lex::squeeze_cjk_spaces(outline::heading_text(lines[h.index].text))
                    .replace(' ', ""),
                page: None,
                heading_span: h.span,
                span: blocks_span(h.span, &blocks),
                blocks,
            };
            match kind {
                PartKind::Summary => (Filled::Summary(part), d),
                _ => (Filled::Preface(part), d),
            }
        }
        HeadingKind::Chapter { number, label, title } => {
            let (blocks, mut d) = parse_blocks_in(body, Some(prose));
            let sections: Vec<(Section, Vec<Diagnostic>)> = r
                .sections
                .par_iter()
                .map(|sr| {
                    let (a, b) = sr.body;
                    let (blocks, d) = parse_blocks_in(&lines[a.min(b)..b], Some(prose));
                    let s = Section {
                        id: String::new(),
                        number: sr.number,
                        label: sr.label.to_string(),
                        title: sr.title.to_string(),
                        page: None,
                        heading_span: sr.span,
                        span: blocks_span(sr.span, &blocks),
                        blocks,
                    };
                    (s, d)
                })
                .collect();
            let mut secs = Vec::with_capacity(sections.len());
            for (s, sd) in sections {
                secs.push(s);
                d.extend(sd);
            }
            let mut span = blocks_span(h.span, &blocks);
            if let Some(s) = secs.last() {
                span = span.join(s.span);
            }
            let chapter = Chapter {
                id: String::new(),
                number: *number,
                label: label.to_string(),
                title: title.clone(),
                page: None,
                heading_span: h.span,
                span,
                blocks,
                sections: secs,
            };
            (Filled::Chapter(chapter), d)
        }
        HeadingKind::Section { number, label, title } => {
            // Regions are built from parts and chapters; a section here is kept as a chapter-less
            // section's blocks rather than lost.
            let (blocks, d) = parse_blocks_in(body, Some(prose));
            let chapter = Chapter {
                id: String::new(),
                number: 0,
                label: String::new(),
                title: String::new(),
                page: None,
                heading_span: h.span,
                span: blocks_span(h.span, &blocks),
                blocks: Vec::new(),
                sections: vec![Section {
                    id: String::new(),
                    number: *number,
                    label: label.to_string(),
                    title: title.clone(),
                    page: None,
                    heading_span: h.span,
                    span: blocks_span(h.span, &blocks),
                    blocks,
                }],
            };
            (Filled::Chapter(chapter), d)
        }
    }
}

/// Line numbers of non-blank lines that lie in no element span and no diagnostic span.
/// Container spans (chapters, sections, categories) do not count: only the leaves that hold text.
pub fn uncovered_lines(doc: &Document, lines: &[Line]) -> Vec<u32> {
    let mut spans: Vec<Span> = Vec::new();
    spans.extend(doc.metadata.spans.iter().copied());
    spans.extend(doc.metadata.authors.iter().map(|a| a.span));
    spans.extend(doc.toc_heading_span);
    spans.extend(doc.toc.iter().map(|t| t.span));
    let blocks = |spans: &mut Vec<Span>, bs: &[Block]| spans.extend(bs.iter().map(Block::span));
    blocks(&mut spans, &doc.front_matter);
    for p in doc.summary.iter().chain(doc.preface.iter()) {
        spans.push(p.heading_span);
        blocks(&mut spans, &p.blocks);
    }
    for c in &doc.chapters {
        spans.push(c.heading_span);
        blocks(&mut spans, &c.blocks);
        for s in &c.sections {
            spans.push(s.heading_span);
            blocks(&mut spans, &s.blocks);
        }
    }
    if let Some(r) = &doc.recommendations {
        spans.push(r.heading_span);
        for g in &r.groups {
            spans.extend(g.heading_span);
            spans.extend(g.items.iter().map(|i| i.span));
        }
    }
    if let Some(c) = &doc.chronology {
        spans.push(c.heading_span);
        spans.push(c.title_span);
        for cat in &c.categories {
            spans.push(cat.heading_span);
            spans.extend(cat.entries.iter().map(|e| e.span));
        }
    }
    spans.extend(doc.page_breaks.iter().map(|b| b.span));
    spans.extend(doc.footnotes.iter().map(|f| f.span));
    spans.extend(doc.diagnostics.iter().filter_map(|d| d.span));
    let n = lines.len() + 2;
    let mut covered = vec![0i32; n + 1];
    for s in spans {
        let a = (s.line_start as usize).min(n);
        let b = (s.line_end as usize + 1).min(n);
        if a < b {
            covered[a] += 1;
            covered[b] -= 1;
        }
    }
    let mut acc = 0;
    let mut depth = vec![0i32; n];
    for (k, d) in depth.iter_mut().enumerate() {
        acc += covered[k];
        *d = acc;
    }
    // A pipe table's rule (`| --- |`) is markup: left out with the row over it when that row is
    // text (`parse::pipes`), it holds nothing to cover.
    lines
        .iter()
        .filter(|l| !l.is_blank() && depth.get(l.no as usize).is_none_or(|d| *d <= 0))
        .filter(|l| !crate::parse::pipes::is_rule_line(l.text))
        .map(|l| l.no)
        .collect()
}

#[cfg(test)]
mod tests {
    /// A period stated in the summary and wrapped over two lines (`…2017 年 1 月至 2018 年 3` /
    /// `月…`) is the chronology's period when its title names none.
    #[test]
    fn a_stated_period_wrapped_over_two_lines() {
        let text = "中俄对话：2018模式\n\n概要\n\n本报告分析 2017 年 1 月至 2018 年 3\n月中俄关系的发展。\n\n\
                    附录\n中俄关系大事记\n\n政治合作\n\n2017 年 5 月 14 日\n两国外长会晤\n双方交换了意见。\n";
        let doc = super::convert_bytes(text.as_bytes(), "t.txt").expect("converts");
        let period = doc.chronology.and_then(|c| c.period).map(|p| (p.start, p.end));
        assert_eq!(period, Some(("2017-01-01".to_string(), "2018-03-31".to_string())));
        let stated = doc.diagnostics.iter().find(|d| d.code == "chronology_period_stated").and_then(|d| d.span);
        assert_eq!(stated.map(|s| (s.line_start, s.line_end)), Some((5, 6)));
    }
}
