//! Printed lines a dump cut into pieces after their punctuation (`pdftotext -raw` on Typst, whose
//! compressed CJK punctuation ends a text run: `两国专家都认为，` / `中俄关系不是针对第三国的同盟，` /
//! `但两国在维护联合国的核心地` / `位、反对…的利益。`). Such a dump ends a piece after a mark, or
//! before a piece that opens with a mark (`本报告是` / `《中俄对话》` / `系列的…`), and nowhere
//! else but at the end of a printed line. Summing the pieces' widths back to the last piece that
//! ends without a mark rebuilds the printed lines, and the paragraphs are read from those lines
//! as from any dump of whole lines: a sentence that ends short of a full line ends its paragraph,
//! one that ends mid-line does not.

use crate::parse::lex::{is_cjk, is_space, is_terminal_punct, trim};

/// How far, in columns (CJK two wide), a printed line may stop short of the measure or run past
/// it and still be a full line: one CJK character (a typesetter squeezes punctuation, and a
/// line of digits and spaces counts narrower than printed).
const LINE_SLACK: usize = 2;
/// How much shorter than a full line a paragraph's first line is: a two-character indent.
const FIRST_LINE_INDENT: usize = 4;
/// How far short of its line's width, in columns, a printed line ending without a mark may stop
/// and still be a wrapped line (numbers and spaces count narrower than they are printed): a
/// shorter one is left to the usual rules (a heading, a short last line).
const WRAPPED_LINE_SLACK: usize = 8;
/// How far short of the measure a piece stopping after `，` or `、` is at least, to be a piece
/// of a cut line ([`measure`]).
const PIECE_SHORT: usize = 8;
/// One in this many text lines being such a piece marks a dump that cuts its printed lines.
const PIECE_SHARE: usize = 20;
/// Fewest text lines from which the measure is read.
const MEASURE_MIN_LINES: usize = 20;

/// The printed width of a line in columns: CJK characters two, others one; a space between two
/// CJK characters (justification, letter spacing) none.
pub(crate) fn printed_width(text: &str) -> usize {
    let t: Vec<char> = trim(text).chars().collect();
    (0..t.len())
        .map(|i| match t[i] {
            c if is_cjk(c) => 2,
            c if is_space(c) => {
                let cjk_side = (i > 0 && (is_cjk(t[i - 1]) || is_space(t[i - 1])))
                    || t.get(i + 1).is_some_and(|&n| is_cjk(n) || is_space(n));
                usize::from(!cjk_side)
            }
            _ => 1,
        })
        .sum()
}

/// A CJK punctuation mark (not an ideograph).
fn cjk_mark(c: char) -> bool {
    is_cjk(c) && !c.is_alphanumeric()
}

/// Whether a piece ends with a CJK mark: the tool may have cut the printed line after it.
fn ends_with_mark(text: &str) -> bool {
    trim(text).chars().last().is_some_and(cjk_mark)
}

/// Whether a piece opens with a CJK mark (an opening quote or bracket, or a closing mark the
/// tool printed apart from the text before it): the printed line may go on from the piece above.
fn starts_with_mark(text: &str) -> bool {
    trim(text).chars().next().is_some_and(cjk_mark)
}

/// Whether piece `k` of `run` ends a printed line for certain: it ends without a mark and the
/// piece after it (if any) opens without one.
fn ends_line(run: &[&str], k: usize) -> bool {
    !ends_with_mark(run[k]) && run.get(k + 1).is_none_or(|n| !starts_with_mark(n))
}

/// Whether a piece ends a sentence.
fn ends_sentence(text: &str) -> bool {
    trim(text).chars().last().is_some_and(is_terminal_punct)
}

/// The measure of a dump that cuts its printed lines after their punctuation, `None` for any
/// other dump. `runs` are the text lines printed one under another, run by run. The pieces
/// between two pieces that end a printed line for certain ([`ends_line`]), made of CJK characters
/// only, sum to whole printed lines: the measure is the sum most such runs of pieces share
/// (the wider on a tie) among those from the width the widest tenth of the lines reach up to a
/// quarter past it (one printed line, not two). The dump cuts its lines when at least one in
/// [`PIECE_SHARE`] of the lines stops after `，` or `、` at least [`PIECE_SHORT`] columns short
/// of that measure (a dump of whole printed lines has none: a sentence goes on to its line's
/// end).
pub(crate) fn measure(runs: &[Vec<&str>]) -> Option<usize> {
    let mut widths: Vec<usize> = runs.iter().flatten().map(|t| printed_width(t)).collect();
    if widths.len() < MEASURE_MIN_LINES {
        return None;
    }
    widths.sort_unstable_by(|a, b| b.cmp(a));
    let low = widths[widths.len() / 10];
    let high = low + low / 4;
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for run in runs {
        let (mut sum, mut wide) = (0, true);
        for (k, t) in run.iter().enumerate() {
            sum += printed_width(t);
            wide &= trim(t).chars().all(is_cjk);
            if ends_line(run, k) {
                if wide && (low..=high).contains(&sum) {
                    *counts.entry(sum).or_default() += 1;
                }
                (sum, wide) = (0, true);
            }
        }
    }
    let full = counts.iter().max_by_key(|&(&w, &n)| (n, w)).map(|(&w, _)| w)?;
    let pieces = runs
        .iter()
        .flatten()
        .filter(|t| trim(t).ends_with(['，', '、']) && printed_width(t) + PIECE_SHORT <= full)
        .count();
    (pieces * PIECE_SHARE >= widths.len()).then_some(full)
}

/// The width of a piece in half columns (a CJK character four, a digit or Latin letter two): as
/// [`printed_width`], but a space between a CJK character and a digit or letter (the quarter
/// of a character a typesetter puts there) one.
fn half_width(text: &str) -> usize {
    let t: Vec<char> = trim(text).chars().collect();
    (0..t.len())
        .map(|i| match t[i] {
            c if is_cjk(c) => 4,
            c if is_space(c) => {
                let side = |c: Option<&char>| c.map(|&c| is_cjk(c) || is_space(c));
                match (i.checked_sub(1).and_then(|p| side(t.get(p))), side(t.get(i + 1))) {
                    (Some(true), Some(true)) => 0,
                    (Some(true), _) | (_, Some(true)) => 1,
                    _ => 2,
                }
            }
            _ => 2,
        })
        .sum()
}

/// Whether a printed line may end after piece `k` of `run`: the piece ends with a mark, or the
/// next piece opens with an opening quote or bracket (the tool cuts before one, and a line
/// breaker may end a line there). A closing mark never starts a line.
fn may_end(run: &[&str], k: usize) -> bool {
    ends_with_mark(run[k]) || run.get(k + 1).is_some_and(|n| trim(n).starts_with(OPENING_MARKS))
}

/// Opening quotes and brackets.
const OPENING_MARKS: [char; 7] = ['“', '‘', '《', '（', '「', '『', '〈'];

/// The pieces of a run, measured, as [`paragraph_joins`] sums them into printed lines (in half
/// columns).
struct Pieces<'p, 'a> {
    run: &'p [&'a str],
    widths: Vec<usize>,
    /// The measure.
    full: usize,
}

impl Pieces<'_, '_> {
    /// The width of a paragraph's first line.
    fn first(&self) -> usize {
        self.full.saturating_sub(2 * FIRST_LINE_INDENT)
    }

    /// The width of the printed line that goes on from piece `from` with `sum` before it, in a
    /// line `width` wide: the pieces up to the first that ends a line for certain, or that may
    /// end one once the sum comes near `width` (or to the run's end).
    fn line_from(&self, from: usize, sum: usize, width: usize) -> usize {
        self.line_end(from, sum, width).0
    }

    /// [`Pieces::line_from`], with the index of the line's last piece (`None` at the run's end).
    fn line_end(&self, from: usize, sum: usize, width: usize) -> (usize, Option<usize>) {
        let mut total = sum;
        for j in from..self.run.len() {
            total += self.widths[j];
            if ends_line(self.run, j) || (may_end(self.run, j) && total + 2 * LINE_SLACK >= width) {
                return (total, Some(j));
            }
        }
        (total, None)
    }

    /// Whether the line after a printed line that ends at piece `end` may be a line: it does not
    /// end for certain (without a mark) far short of a full line, as only a wrapped line does.
    fn followed_by_a_line(&self, end: Option<usize>) -> bool {
        let Some(end) = end.filter(|&j| !ends_line(self.run, j)) else { return true };
        match self.line_end(end + 1, 0, self.full) {
            (total, Some(j)) if ends_line(self.run, j) => total + 2 * WRAPPED_LINE_SLACK >= self.full,
            _ => true,
        }
    }

    /// Whether the printed line that starts at piece `from` reads as a paragraph's first line
    /// rather than a wrapped full line: it ends nearer a first line's width than a full one's.
    fn starts_paragraph(&self, from: usize) -> bool {
        let fresh = self.line_from(from, 0, self.first());
        let full = self.line_from(from, 0, self.full);
        fresh.abs_diff(self.first()) < full.abs_diff(self.full)
    }
}

/// For each piece of `run` (text lines printed one under another in a dump that cuts its
/// printed lines, of measure `full` columns) but the last, whether the piece after it goes on
/// with its paragraph: `Some(true)` inside a printed line and after a wrapped one, `Some(false)`
/// after a paragraph's last line, `None` where the pieces do not say (a short line ending
/// without a mark: a heading, or a line the usual rules read). The pieces are summed into
/// printed lines from the run's start, a paragraph's first line an indent short of the measure:
/// - a piece ending without a mark, the next opening without one, ends a printed line, which
///   wraps into the next when it comes near its width;
/// - after a piece where a line may end (after a mark, before an opening quote), the line goes
///   on when the pieces after it, up to where it could end, fit in the measure (one CJK
///   character over it at most: squeezed punctuation); a sentence ended there goes on when that
///   line comes nearer its width than the pieces after it come to a paragraph's first line, and
///   the line after it is no line ending without a mark far short of the measure (only a
///   wrapped line ends so);
/// - else the line ends there: a sentence ended short of its width ends the paragraph, one
///   ended at its width ends it when the next line reads as a first line.
pub(crate) fn paragraph_joins(run: &[&str], full: usize) -> Vec<Option<bool>> {
    printed_lines(run, full).0
}

/// For each piece of `run`, whether it starts a printed line, as [`paragraph_joins`] sums the
/// pieces into lines: a piece a dump cut off the end of a line it started elsewhere starts none.
pub(crate) fn line_starts(run: &[&str], full: usize) -> Vec<bool> {
    printed_lines(run, full).1
}

/// [`paragraph_joins`] and [`line_starts`].
fn printed_lines(run: &[&str], full: usize) -> (Vec<Option<bool>>, Vec<bool>) {
    let pieces = Pieces { run, widths: run.iter().map(|t| half_width(t)).collect(), full: 2 * full };
    let over = 2 * (full + LINE_SLACK);
    let mut joins = vec![None; run.len().saturating_sub(1)];
    let mut starts = vec![false; run.len()];
    let (mut sum, mut first) = (0, true);
    for k in 0..joins.len() {
        starts[k] |= sum == 0;
        sum += pieces.widths[k];
        let width = if first { pieces.first() } else { pieces.full };
        if ends_line(run, k) {
            if sum + 2 * WRAPPED_LINE_SLACK >= width {
                joins[k] = Some(true);
            }
            (sum, first) = (0, false);
            continue;
        }
        if !may_end(run, k) {
            joins[k] = Some(true);
            continue;
        }
        let (on, on_end) = pieces.line_end(k + 1, sum, width);
        // A line that ends without a mark far short of its width is no wrapped line (a heading).
        let short_end = on_end.is_some_and(|j| ends_line(run, j)) && on + 2 * WRAPPED_LINE_SLACK < width;
        let fits = on <= over && !short_end;
        if !ends_sentence(run[k]) {
            // A line ends after the mark only where it is full: one far short of it goes on.
            joins[k] = Some(true);
            if !fits && sum + 2 * LINE_SLACK >= width {
                (sum, first) = (0, false);
            }
            continue;
        }
        let fresh = pieces.line_from(k + 1, 0, pieces.first());
        if fits && on.abs_diff(width) < fresh.abs_diff(pieces.first()) && pieces.followed_by_a_line(on_end) {
            joins[k] = Some(true);
        } else {
            let ends = sum + 2 * LINE_SLACK < width || pieces.starts_paragraph(k + 1);
            joins[k] = Some(!ends);
            (sum, first) = (0, ends);
        }
    }
    if let Some(last) = starts.last_mut() {
        *last |= sum == 0;
    }
    (joins, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of a Typst report as `pdftotext -raw` prints it: 38 CJK characters a line, a
    /// two-character indent.
    const PAGE: &str = "专家们认为，\n中俄在中东的合作还有很大的空间，\n双方可以在反恐、\n难民问题和战\n\
                        后重建方面加强协调。\n两国的相互投资规模不大，\n但结构在改善。\n\
                        中俄投资合作委员会确定的重点项目清\n单涉及能源和农业等领域。\n\
                        本报告是\n《中俄对话》\n系列的第四份年度报告，\n分析两国关系的发展和合作成\n果。";

    #[test]
    fn widths_count_cjk_two_and_spaces_beside_cjk_none_or_a_quarter() {
        assert_eq!(printed_width("中俄 2017 年"), 10);
        assert_eq!(half_width("中俄 2017 年"), 22);
        assert_eq!(printed_width("  两国，"), 6);
    }

    #[test]
    fn pieces_are_summed_into_printed_lines_and_paragraphs() {
        let run: Vec<&str> = PAGE.lines().collect();
        let joins = paragraph_joins(&run, 76);
        let ends: Vec<usize> = joins.iter().enumerate().filter(|(_, j)| **j == Some(false)).map(|(k, _)| k).collect();
        // `…加强协调。` ends a short last line; `但结构在改善。` ends a sentence mid-line (the
        // pieces after it fill that line); `…等领域。` ends a short last line.
        assert_eq!(ends, vec![4, 8]);
        // `本报告是` goes on before `《中俄对话》`, though it ends without a mark.
        assert_eq!(joins[9], Some(true));
    }

    #[test]
    fn a_piece_cut_off_a_line_it_did_not_start_starts_none() {
        // `但结构在改善。` and `中俄投资…清` go on the line `两国的…不大，` starts; `单涉及…` starts
        // the next.
        let run = [
            "两国的相互投资规模不大，",
            "但结构在改善。",
            "中俄投资合作委员会确定的重点项目清",
            "单涉及能源和农业等领域。",
        ];
        assert_eq!(line_starts(&run, 76), vec![true, false, false, true]);
    }

    #[test]
    fn a_dump_of_whole_lines_has_no_measure() {
        let whole = "两国专家都认为，中俄关系不是针对第三国的同盟，但两国在维护联合国的核心地\n";
        let text = whole.repeat(30);
        let runs = vec![text.lines().collect::<Vec<_>>()];
        assert_eq!(measure(&runs), None);
        // Pieces of a first line (72 columns) between whole lines of 76.
        let mut cut: Vec<&str> = Vec::new();
        for _ in 0..10 {
            cut.extend(["两国专家都认为，", "中俄关系不是针对第三国的同盟，", "但两国在维护联合国的核心地"]);
            cut.push("两国专家都认为中俄关系不是针对第三国的同盟但两国在维护联合国的核心地位和利益");
        }
        assert_eq!(measure(&[cut]), Some(76));
    }
}
