//! Between `lex` and `pages`: text printed one layout box at a time.
//!
//! pdfminer's own command line (`pdf2txt.py`, `extract_text`) prints a blank line after every
//! text box, and its boxes are often single lines: a paragraph wrapped at the page measure comes
//! out as its lines with a blank line after each, so blank lines no longer mean block ends.
//! [`box_lines`] recognises that shape from the document's own evidence and then hands the later
//! stages the line table without those blank lines, as pdfplumber (the same layout engine, one
//! line a line, no blank lines) prints it. Lines keep their numbers and byte ranges, so every
//! span stays valid; a line holding a form feed is kept.

use crate::parse::lex::{is_cjk, is_terminal_punct, Line};

/// Fewest non-blank lines for the shape to be judged at all.
const MIN_LINES: usize = 100;
/// Share (per thousand) of non-blank lines that must have a blank line right after them.
const MIN_BLANK_AFTER: usize = 950;
/// Share (per thousand) of non-blank lines that must be wrapped lines of a paragraph: lines as
/// wide as the page measure, not ending a sentence, with a blank line and then text after them.
const MIN_WRAPPED: usize = 50;
/// Narrowest width (display columns) taken for a page measure.
const MIN_MEASURE: usize = 40;
/// How far (display columns) under the measure a wrapped line may end.
const MEASURE_SLACK: usize = 3;

/// The lines without the blank lines a box-per-box dump prints after every box, when the
/// document has that shape (see the module comment); `None` otherwise.
pub fn box_lines<'a>(lines: &[Line<'a>]) -> Option<Vec<Line<'a>>> {
    is_box_printed(lines).then(|| lines.iter().filter(|l| !l.is_blank() || l.text.contains('\u{c}')).copied().collect())
}

/// Whether nearly every non-blank line has a blank line after it and enough of them are the
/// wrapped lines of paragraphs (a text with one paragraph a line and blank lines between has
/// the first but not the second: its lines end sentences and have no common width).
fn is_box_printed(lines: &[Line]) -> bool {
    let text: Vec<usize> = (0..lines.len()).filter(|&k| !lines[k].is_blank()).collect();
    if text.len() < MIN_LINES {
        return false;
    }
    let blank_after = |k: usize| lines.get(k + 1).is_none_or(|l| l.is_blank());
    if text.iter().filter(|&&k| blank_after(k)).count() * 1000 < text.len() * MIN_BLANK_AFTER {
        return false;
    }
    let widths: Vec<usize> = text.iter().map(|&k| display_width(lines[k].trimmed())).collect();
    let Some(measure) = page_measure(&widths) else {
        return false;
    };
    let wrapped = text
        .iter()
        .zip(&widths)
        .filter(|&(&k, &w)| {
            w + MEASURE_SLACK >= measure
                && w <= measure
                && blank_after(k)
                && lines.get(k + 2).is_some_and(|l| !l.is_blank())
                && lines[k].trimmed().chars().next_back().is_some_and(|c| !is_terminal_punct(c))
        })
        .count();
    wrapped * 1000 >= text.len() * MIN_WRAPPED
}

/// Whether more than half of the non-blank `lines` have a blank line after them (or a gap in
/// the line numbers, where [`box_lines`] dropped it): a dump printing a blank line after every
/// layout box whose boxes are mostly single lines (pdfminer on a layout that sets paragraphs as
/// boxes of several lines and everything else a line a box: Typst). A tool printing blank lines
/// between blocks of text only (`pdftotext`) has them after a paragraph's last line, not after
/// most lines.
pub fn blank_after_most(lines: &[&Line]) -> bool {
    let text: Vec<&&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    let apart = text.windows(2).filter(|w| w[1].no > w[0].no + 1).count();
    text.len() > 1 && apart * 2 > text.len() - 1
}

/// The page measure: the width (at least [`MIN_MEASURE`] columns) that the most lines reach
/// within [`MEASURE_SLACK`] columns under it.
fn page_measure(widths: &[usize]) -> Option<usize> {
    let max = widths.iter().copied().max().filter(|&m| m >= MIN_MEASURE)?;
    let mut count = vec![0usize; max + 1];
    widths.iter().for_each(|&w| count[w] += 1);
    (MIN_MEASURE..=max)
        .map(|m| (count[m.saturating_sub(MEASURE_SLACK)..=m].iter().sum::<usize>(), m))
        .filter(|&(n, _)| n > 0)
        .max_by_key(|&(n, m)| (n, std::cmp::Reverse(m)))
        .map(|(_, m)| m)
}

/// The display width of `t`: two columns for a CJK character, one for any other.
fn display_width(t: &str) -> usize {
    t.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lex::split_lines;

    /// A paragraph wrapped at 24 ideographs, printed box by box (a blank line after each line).
    fn boxed(paragraphs: usize) -> String {
        let full = "中俄关系处于有史以来的最高水平依然存在着在广泛领域合作";
        (0..paragraphs).map(|_| format!("{full}\n\n{full}\n\n短的一行结束。\n\n")).collect()
    }

    #[test]
    fn a_box_per_box_dump_loses_its_blank_lines() {
        let text = format!("{}\u{c}第一章 标题\n\n{}", boxed(20), boxed(20));
        let lines = split_lines(&text);
        let kept = box_lines(&lines).expect("box-printed");
        assert!(kept.iter().all(|l| !l.is_blank()));
        assert_eq!(kept.len(), lines.iter().filter(|l| !l.is_blank()).count());
        // Numbers and byte ranges are the input's.
        assert!(kept.iter().all(|l| lines[l.no as usize - 1] == *l));
        assert!(kept.iter().any(|l| l.text.starts_with('\u{c}')));
    }

    #[test]
    fn one_paragraph_a_line_with_blank_lines_between_is_left_alone() {
        let text: String =
            (0..120).map(|k| format!("第{k}段。中俄关系处于有史以来的最高水平{}。\n\n", "很".repeat(k % 30))).collect();
        assert!(box_lines(&split_lines(&text)).is_none());
    }

    #[test]
    fn wrapped_lines_without_blank_lines_are_left_alone() {
        let text = boxed(40).replace("\n\n", "\n");
        assert!(box_lines(&split_lines(&text)).is_none());
    }

    #[test]
    fn a_short_text_is_left_alone() {
        assert!(box_lines(&split_lines(&boxed(5))).is_none());
    }

    #[test]
    fn most_lines_with_a_blank_line_after_them() {
        let refs = |t: &'static str| split_lines(t);
        let boxed = refs("甲\n\n乙\n\n丙\n丁\n\n戊\n");
        assert!(blank_after_most(&boxed.iter().collect::<Vec<_>>()));
        let blocks = refs("甲\n乙\n丙\n\n丁\n戊\n");
        assert!(!blank_after_most(&blocks.iter().collect::<Vec<_>>()));
    }

    #[test]
    fn the_measure_is_the_width_most_lines_reach() {
        assert_eq!(page_measure(&[80, 79, 86, 86, 85, 10, 12]), Some(86));
        assert_eq!(page_measure(&[10, 20]), None);
    }
}
