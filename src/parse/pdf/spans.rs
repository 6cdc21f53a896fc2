//! PDF → pages of positioned text spans and ruling lines, with `pdf_oxide`.
//!
//! Coordinates are PDF points with the origin at the bottom-left of the page's MediaBox and the
//! y axis up (`y0 < y1`). Spans come in drawing order, not reading order: [`super::layout`]
//! sorts them. Every call into the library runs inside `catch_unwind`, so a panic in it is an
//! error for this file, never the end of a batch; every error is one line.

use pdf_oxide::PdfDocument;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// One run of text as the PDF draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text, as the font's Unicode map gives it.
    pub text: String,
    /// Left edge, points.
    pub x0: f32,
    /// Bottom edge, points.
    pub y0: f32,
    /// Right edge, points.
    pub x1: f32,
    /// Top edge, points.
    pub y1: f32,
    /// Effective font size, points.
    pub size: f32,
    /// A bold face (from the font's weight, flags or name; synthetic bold is not seen).
    pub bold: bool,
}

/// A stroked straight line (a table rule): horizontal when `y0 == y1`, vertical when `x0 == x1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Left, points.
    pub x0: f32,
    /// Bottom, points.
    pub y0: f32,
    /// Right, points.
    pub x1: f32,
    /// Top, points.
    pub y1: f32,
}

/// One page: its size and what is drawn on it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// MediaBox width, points.
    pub width: f32,
    /// MediaBox height, points.
    pub height: f32,
    /// The text spans, in drawing order (blank spans dropped).
    pub spans: Vec<Span>,
    /// The straight ruling lines.
    pub rules: Vec<Rule>,
}

/// What was read from a PDF.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PdfPages {
    /// Every page, in order.
    pub pages: Vec<Page>,
    /// The document information's `/Producer`, when present.
    pub producer: Option<String>,
}

/// Why a PDF cannot be read: one line, for `path: reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PdfError {}

/// One line from a library message: its lines joined, at most 200 characters.
fn one_line(what: &str, e: impl std::fmt::Display) -> PdfError {
    let msg = e.to_string();
    let mut s: String = msg.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 200 {
        s = s.chars().take(200).collect::<String>() + "…";
    }
    PdfError(format!("{what}: {s}"))
}

/// Read every page of a PDF.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfPages, PdfError> {
    match catch_unwind(AssertUnwindSafe(|| read_inner(bytes))) {
        Ok(r) => r,
        Err(p) => {
            let what = p
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_string());
            Err(one_line("the PDF reader failed on this file", what))
        }
    }
}

fn read_inner(bytes: &[u8]) -> Result<PdfPages, PdfError> {
    let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| one_line("not a readable PDF", e))?;
    let n = doc.page_count().map_err(|e| {
        let m = e.to_string();
        if m.to_ascii_lowercase().contains("password") || m.to_ascii_lowercase().contains("encrypt") {
            PdfError("the PDF is encrypted and needs a password to open; decrypt it first (qpdf --decrypt)".into())
        } else {
            one_line("not a readable PDF", m)
        }
    })?;
    let producer = doc.document_producer().filter(|p| !p.trim().is_empty());
    let mut pages = Vec::with_capacity(n);
    for i in 0..n {
        let (mx0, my0, mx1, my1) =
            doc.get_page_media_box(i).map_err(|e| one_line(&format!("page {}: no page size", i + 1), e))?;
        let raw = doc.extract_spans(i).map_err(|e| one_line(&format!("page {}: cannot read its text", i + 1), e))?;
        let spans = raw
            .into_iter()
            .filter(|s| !s.text.trim().is_empty() && s.bbox.width.is_finite() && s.bbox.height.is_finite())
            .map(|s| {
                let r = s.bbox;
                Span {
                    x0: r.x - mx0,
                    y0: r.y - my0,
                    x1: r.x + r.width - mx0,
                    y1: r.y + r.height - my0,
                    size: s.font_size,
                    bold: s.font_weight.is_bold(),
                    text: with_gaps(&s.text, &s.char_x_offsets, &s.char_widths, s.font_size),
                }
            })
            .collect();
        // Ruling lines are an aid for tables only: a page whose paths cannot be read has none.
        let rules = doc
            .extract_lines(i)
            .map(|ls| {
                ls.into_iter()
                    .filter(|l| l.stroke_color.is_some())
                    .map(|l| Rule {
                        x0: l.bbox.x - mx0,
                        y0: l.bbox.y - my0,
                        x1: l.bbox.x + l.bbox.width - mx0,
                        y1: l.bbox.y + l.bbox.height - my0,
                    })
                    .collect()
            })
            .unwrap_or_default();
        pages.push(Page { width: mx1 - mx0, height: my1 - my0, spans, rules });
    }
    Ok(PdfPages { pages, producer })
}

/// The span's text with a space where its glyphs leave a gap of half an em or more (a space the
/// PDF draws as a move, not as a glyph: `赵华胜　复旦大学` typeset with glue). Needs the glyph
/// positions; without them the text is as read.
fn with_gaps(text: &str, offsets: &[f32], widths: &[f32], size: f32) -> String {
    let n = text.chars().count();
    if offsets.len() != n || widths.len() != n || n < 2 || size <= 0.0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 4);
    let chars: Vec<char> = text.chars().collect();
    for k in 0..n {
        if k > 0 {
            let gap = offsets[k] - (offsets[k - 1] + widths[k - 1]);
            if gap > 0.5 * size && !chars[k].is_whitespace() && !chars[k - 1].is_whitespace() {
                out.push(' ');
            }
        }
        out.push(chars[k]);
    }
    out
}
