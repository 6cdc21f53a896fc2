//! PDF → pages of positioned text spans and ruling lines, with `pdf_oxide`.
//!
//! Coordinates are PDF points with the origin at the bottom-left of the page's MediaBox and the
//! y axis up (`y0 < y1`). Spans come in drawing order, not reading order: [`super::layout`]
//! sorts them. Every call into the library runs inside `catch_unwind`, so a panic in it is an
//! error for this file, never the end of a batch; every error is one line.

use super::layout::is_cjk;
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
    let read = catch_unwind(AssertUnwindSafe(|| read_inner(bytes)));
    // The document is dropped (also when the reader panicked): nothing it loaded is needed now.
    forget_cached_fonts();
    match read {
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

/// Empty pdf_oxide's process-wide caches once a document is read: its cross-document font cache
/// (up to 1,024 parsed fonts, though it takes no subset font) and its ToUnicode CMap cache (up to
/// 1,024 parsed CMaps, every font's, kept after the document is dropped: 0.2–0.3 MB for each
/// typeset sample PDF, so a batch of distinct PDFs grew the live heap by that much per file, up
/// to the cap). A subset font's CMap serves no other document. Another document being read at
/// the same time keeps the CMaps it has loaded (each font holds its own), so clearing is
/// harmless in a parallel batch: at worst a CMap shared by two fonts is parsed twice.
fn forget_cached_fonts() {
    pdf_oxide::clear_cmap_cache();
    pdf_oxide::clear_global_font_cache();
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
            .filter(|s| !s.text.is_empty() && s.bbox.width.is_finite() && s.bbox.height.is_finite())
            .map(|s| {
                let r = s.bbox;
                let fit = positions_fit(&s.char_x_offsets, &s.char_widths, r.x, r.width, s.font_size);
                let (offsets, widths) =
                    if fit { (&s.char_x_offsets[..], &s.char_widths[..]) } else { (&[][..], &[][..]) };
                let (text, ink) = glyph_text(&s.text, offsets, widths, s.font_size);
                let (x0, x1) = ink.unwrap_or((r.x, r.x + r.width));
                Span {
                    x0: x0 - mx0,
                    y0: r.y - my0,
                    x1: x1 - mx0,
                    y1: r.y + r.height - my0,
                    size: s.font_size,
                    bold: s.font_weight.is_bold(),
                    text,
                }
            })
            .collect();
        let spans = fold_blank_spans(spans);
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

/// Blank spans dropped, each first made a trailing space of the span it directly follows on the
/// same line (Chromium draws the space of `吴景文 复旦大学` as a run of its own): the layout then
/// sees white space at that boundary, as it does when the space is inside a run (WeasyPrint).
fn fold_blank_spans(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if !s.text.trim().is_empty() {
            out.push(s);
            continue;
        }
        if let Some(p) = out.last_mut() {
            let em = p.size.max(s.size).max(1.0);
            let same_line = ((p.y0 + p.y1) - (s.y0 + s.y1)).abs() < 0.5 * em;
            let next_to = s.x0 >= p.x1 - 0.1 * em && s.x0 <= p.x1 + 0.25 * em;
            if same_line && next_to && !p.text.ends_with(char::is_whitespace) {
                p.text.push(' ');
            }
        }
    }
    out
}

/// A space between two CJK glyphs of a span needs a gap this much wider (in em) than the span's
/// common gap between CJK glyphs (the stretch of a justified line, [`cjk_stretch`]).
const CJK_SPACE_OVER_STRETCH_EM: f32 = 0.15;

/// The median gap between consecutive CJK glyphs of a span (0 when it has fewer than three such
/// pairs, `目 录`): what justification puts between every two of them, which is no space.
fn cjk_stretch(glyphs: &[(char, f32, f32, bool)]) -> f32 {
    let mut gaps: Vec<f32> =
        glyphs.windows(2).filter(|w| is_cjk(w[0].0) && is_cjk(w[1].0)).map(|w| w[1].1 - w[0].2).collect();
    if gaps.len() < 3 {
        return 0.0;
    }
    gaps.sort_by(f32::total_cmp);
    gaps[gaps.len() / 2].max(0.0)
}

/// Whether a span's glyph positions lie in its box (`x`, `width`), give or take an em: the reader
/// can hand a span the positions of another span of the same text on the line (Typst's two
/// centred `（%）` of one table row both came with the second's), which would put it in the
/// wrong column; such a span keeps its box instead.
fn positions_fit(offsets: &[f32], widths: &[f32], x: f32, width: f32, size: f32) -> bool {
    let slack = size.max(1.0);
    let inside = |v: f32| v.is_finite() && v >= x - slack && v <= x + width + slack;
    offsets.iter().zip(widths).all(|(&o, &w)| inside(o) && inside(o + w))
}

/// The span's text and the horizontal extent of its glyphs, from the glyph positions.
///
/// - White space at the span's ends is kept in the text (one space: the layout reads it as a
///   word boundary) but not in the extent: a reader's synthesized space may reach over the next
///   span (`h ` `t ` `t ` of a letter-spaced URL), and the layout judges the true gap.
/// - A gap of half an em or more between two glyphs is a space (a space the PDF draws as a move,
///   not as a glyph: `赵华胜　复旦大学` typeset with glue); white space between two glyphs is kept.
///   Between two CJK glyphs neither is a space unless the gap is wider than the span's common CJK
///   gap by [`CJK_SPACE_OVER_STRETCH_EM`] (a justified line stretched `（信 息 来 源）`).
///
/// Without glyph positions (or with an empty span) the text is as read and the extent `None`.
fn glyph_text(text: &str, offsets: &[f32], widths: &[f32], size: f32) -> (String, Option<(f32, f32)>) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    if offsets.len() != n || widths.len() != n || size <= 0.0 || offsets.iter().chain(widths).any(|v| !v.is_finite()) {
        return (text.to_string(), None);
    }
    // (char, left, right, white space before it)
    let mut glyphs: Vec<(char, f32, f32, bool)> = Vec::with_capacity(n);
    let mut ws = false;
    for k in 0..n {
        if chars[k].is_whitespace() {
            ws = true;
        } else {
            glyphs.push((chars[k], offsets[k], offsets[k] + widths[k], ws && !glyphs.is_empty()));
            ws = false;
        }
    }
    let (Some(first), Some(last)) = (glyphs.first(), glyphs.last()) else { return (text.to_string(), None) };
    let extent = (first.1, last.2);
    let stretch = cjk_stretch(&glyphs);
    let mut out = String::with_capacity(text.len() + 4);
    if chars[0].is_whitespace() {
        out.push(' ');
    }
    for (k, g) in glyphs.iter().enumerate() {
        if let Some(p) = k.checked_sub(1).and_then(|j| glyphs.get(j)) {
            let gap = g.1 - p.2;
            let space = if is_cjk(p.0) && is_cjk(g.0) {
                gap > (stretch + CJK_SPACE_OVER_STRETCH_EM * size).max(if g.3 { 0.0 } else { 0.5 * size })
            } else {
                g.3 || gap > 0.5 * size
            };
            if space {
                out.push(' ');
            }
        }
        out.push(g.0);
    }
    if chars[n - 1].is_whitespace() {
        out.push(' ');
    }
    (out, Some(extent))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyph positions of `text` at `size`: every glyph `w` wide, `gap` after each (white space
    /// takes `w` too).
    fn placed(text: &str, w: f32, gaps: &[f32]) -> (Vec<f32>, Vec<f32>) {
        let mut x = 100.0;
        let (mut offs, mut widths) = (Vec::new(), Vec::new());
        for (k, _) in text.chars().enumerate() {
            offs.push(x);
            widths.push(w);
            x += w + gaps.get(k).copied().unwrap_or(0.0);
        }
        (offs, widths)
    }

    #[test]
    fn a_stretched_cjk_line_gets_no_spaces_but_glue_wider_than_the_stretch_does() {
        // （信息来源） with 5 pt of justification between the ideographs, font 9 pt.
        let (o, w) = placed("（信息来源）", 9.0, &[0.0, 5.0, 5.0, 5.0, 0.0]);
        assert_eq!(glyph_text("（信息来源）", &o, &w, 9.0).0, "（信息来源）");
        // A name and an affiliation set apart by a full em of glue.
        let (o, w) = placed("赵华胜复旦大学", 10.0, &[0.0, 0.0, 10.0, 0.0, 0.0, 0.0]);
        assert_eq!(glyph_text("赵华胜复旦大学", &o, &w, 10.0).0, "赵华胜 复旦大学");
        // A space glyph between ideographs where the others touch.
        let (o, w) = placed("赵华胜 复旦", 10.0, &[0.0; 5]);
        assert_eq!(glyph_text("赵华胜 复旦", &o, &w, 10.0).0, "赵华胜 复旦");
        // A title letter-spaced by a space glyph: one pair is no justification stretch.
        let (o, w) = placed("目 录", 14.0, &[0.0; 2]);
        assert_eq!(glyph_text("目 录", &o, &w, 14.0).0, "目 录");
    }

    #[test]
    fn glyph_positions_outside_the_span_box_are_not_its_own() {
        let (o, w) = placed("（%）", 9.5, &[0.0; 2]);
        // Positions from x = 100 in a box from 95.3 (a bracket's side bearing) fit.
        assert!(positions_fit(&o, &w, 95.3, 28.5, 9.5));
        // The same positions handed to a span boxed 80 pt to the left do not.
        assert!(!positions_fit(&o, &w, 15.3, 28.5, 9.5));
        // No positions: nothing contradicts the box.
        assert!(positions_fit(&[], &[], 15.3, 28.5, 9.5));
    }

    fn run(text: &str, x0: f32, x1: f32, y0: f32) -> Span {
        Span { text: text.to_string(), x0, y0, x1, y1: y0 + 10.5, size: 10.5, bold: false }
    }

    #[test]
    fn a_blank_run_becomes_the_trailing_space_of_the_run_it_follows_on_its_line() {
        let spans = vec![
            run("吴景文", 68.2, 99.7, 700.0),
            run(" ", 99.7, 102.4, 700.0),
            run("复旦", 102.4, 123.4, 700.0),
            // A blank run far from the previous one, or on another line, adds nothing.
            run(" ", 300.0, 302.7, 700.0),
            run(" ", 123.4, 126.1, 600.0),
        ];
        let out = fold_blank_spans(spans);
        assert_eq!(out.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(), ["吴景文 ", "复旦"]);
    }

    #[test]
    fn white_space_at_the_ends_stays_in_the_text_but_not_in_the_extent() {
        let (o, w) = placed("h ", 4.7, &[]);
        let (text, ink) = glyph_text("h ", &o, &w, 9.0);
        assert_eq!(text, "h ");
        assert_eq!(ink, Some((100.0, 104.7)));
        let (o, w) = placed("Ларионовым  на", 5.0, &[]);
        assert_eq!(glyph_text("Ларионовым  на", &o, &w, 9.0).0, "Ларионовым на");
        assert_eq!(glyph_text("abc", &[1.0], &[1.0], 9.0), ("abc".to_string(), None));
    }
}
