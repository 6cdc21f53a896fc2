//! Space-aligned tables: column boundaries of a table printed with runs of spaces instead of
//! tabs, as `pdftotext -layout` prints one.
//!
//! Input: the consecutive non-blank lines under a table caption (the caller decides that a
//! caption is there). Output: a [`Layout`], the columns of the block and how many of its lines
//! belong to it, or `None` when the lines are not a table. [`cells`] then cuts one line into one
//! slice per column (empty slices for empty cells), so every cell keeps its place in the line.
//!
//! The columns come from the alignment of the whole block, never from one line: each line is cut
//! into pieces at runs of two or more white-space characters (a single space stays inside a cell,
//! `2023 年`, `1 234,5`), and the pieces of all rows that overlap horizontally form one column.
//! Positions are measured twice, in display columns (CJK characters two wide, as a terminal
//! shows the text and as text laid out for one is written) and in characters (how `pdftotext
//! -layout` places text: one grid cell per glyph, whatever its width); the measure under which
//! the cells line up best (same left edge, right edge or centre) is kept.
//!
//! A block is a table only when it has at least two lines of two or more pieces (a header and a
//! row), at least two columns, no line with two pieces in one column (other than a header line
//! whose group names span sub-columns), and, with two rows or more under the header, cells that
//! line up. Lines of one piece belong to it only as the wrapped continuation of a cell: printed
//! right under the line above, inside one column. Indented prose, a two-space typo or a single
//! line with wide gaps is never a table.

use crate::parse::lex::{is_cjk, is_space, is_terminal_punct, Line};

/// The fewest lines of two or more pieces a table has: a header and one row.
const MIN_ROWS: usize = 2;
/// How far (in columns of the measure) edges may differ and still line up: a dash or an
/// ellipsis is one column wide on some screens and two on others.
const EDGE_TOLERANCE: usize = 1;
/// The share of a column's cells that must share an edge for the block to be a table.
const MIN_ALIGNED_SHARE: f64 = 0.75;
/// The most lines read as one table (a bound on the work for a pathological input; the
/// reports' tables have a few dozen rows).
const MAX_TABLE_LINES: usize = 1000;

/// How positions in a line are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// CJK characters and full-width forms take two columns, everything else one.
    Display,
    /// Every character takes one column.
    Chars,
}

impl Measure {
    fn width(self, c: char) -> usize {
        match self {
            Measure::Display if is_cjk(c) => 2,
            _ => 1,
        }
    }
}

/// One printed piece of a line: text between runs of two or more white-space characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The piece as printed (a slice of the line).
    pub text: &'a str,
    /// Byte offset of the piece in the line.
    pub byte: usize,
    /// First column of the piece.
    pub start: usize,
    /// Column just past the piece.
    pub end: usize,
}

/// The pieces of a line, left to right.
pub fn pieces(text: &str, measure: Measure) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut col = 0;
    // (byte, column) where the current piece starts, and (byte, column) past its last non-space.
    let mut open: Option<(usize, usize)> = None;
    let mut last_end = (0, 0);
    let mut spaces = 0;
    for (b, c) in text.char_indices() {
        let w = measure.width(c);
        if is_space(c) {
            spaces += 1;
        } else {
            if spaces >= 2 {
                if let Some((sb, sc)) = open.take() {
                    out.push(Piece { text: &text[sb..last_end.0], byte: sb, start: sc, end: last_end.1 });
                }
            }
            if open.is_none() {
                open = Some((b, col));
            }
            spaces = 0;
            last_end = (b + c.len_utf8(), col + w);
        }
        col += w;
    }
    if let Some((sb, sc)) = open {
        out.push(Piece { text: &text[sb..last_end.0], byte: sb, start: sc, end: last_end.1 });
    }
    out
}

/// The columns of a space-aligned table and the lines that belong to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The measure under which the cells line up.
    pub measure: Measure,
    /// Each column's extent `[start, end)`, left to right.
    pub columns: Vec<(usize, usize)>,
    /// How many of the given lines belong to the table.
    pub lines: usize,
    /// How well the cells line up (share of cells on their column's edge), 0 to 1.
    pub score: f64,
}

/// The space-aligned table starting at `lines[0]`, if the lines form one (see the module doc).
/// `lines` are consecutive non-blank lines; the table may take only the first of them.
pub fn detect(lines: &[&Line]) -> Option<Layout> {
    let display = detect_with(lines, Measure::Display);
    let chars = detect_with(lines, Measure::Chars);
    match (display, chars) {
        // The measure under which the lines agree on fewer columns (the other one shifts
        // cells of lines with more CJK characters into columns of their own), else the one
        // whose columns hold the header's names one a column (the other one read its columns
        // from the rows alone), else the one under which they line up best.
        (Some(d), Some(c)) => Some(match c.columns.len().cmp(&d.columns.len()) {
            std::cmp::Ordering::Less => c,
            std::cmp::Ordering::Greater => d,
            std::cmp::Ordering::Equal => {
                let rank = |l: &Layout| (header_fits(lines[0].text, l), l.score);
                if rank(&c) > rank(&d) {
                    c
                } else {
                    d
                }
            }
        }),
        (d, c) => d.or(c),
    }
}

/// True when the first line of a table (its header) puts one piece in each column of `layout`
/// at most, and every piece in one column.
fn header_fits(text: &str, layout: &Layout) -> bool {
    one_piece_per_column(&pieces(text, layout.measure), &layout.columns)
}

fn detect_with(lines: &[&Line], measure: Measure) -> Option<Layout> {
    let lines = &lines[..lines.len().min(MAX_TABLE_LINES)];
    let rows: Vec<Vec<Piece>> = lines.iter().map(|l| pieces(l.text, measure)).collect();
    if rows.first().is_none_or(|r| r.len() < 2) || lines.iter().any(|l| l.text.contains('\t')) {
        return None;
    }
    // The run: lines of several pieces, and single pieces printed right under the line above.
    let mut n = 0;
    while n < rows.len() {
        let adjacent = n > 0 && lines[n].no == lines[n - 1].no + 1;
        if rows[n].len() >= 2 || (rows[n].len() == 1 && adjacent) {
            n += 1;
        } else {
            break;
        }
    }
    // Columns from the rows of the run; a single piece that lies outside one column or reads
    // as a sentence ends the table, and the columns are taken again from the shorter run.
    loop {
        let multi: Vec<usize> = (0..n).filter(|&k| rows[k].len() >= 2).collect();
        if multi.len() < MIN_ROWS {
            return None;
        }
        let columns = columns_of(&multi, &rows)?;
        let cut = (1..n).find(|&k| {
            rows[k].len() == 1 && {
                let p = rows[k][0];
                let inside = columns.iter().filter(|c| overlaps(&p, c)).count() == 1;
                let sentence = p.text.ends_with(|c: char| is_terminal_punct(c) || matches!(c, '，' | ','));
                !inside || sentence
            }
        });
        if let Some(k) = cut {
            n = k;
            continue;
        }
        let score = alignment(&multi[1..], &rows, &columns);
        if multi.len() > MIN_ROWS && score < MIN_ALIGNED_SHARE {
            return None;
        }
        return Some(Layout { measure, columns, lines: n, score });
    }
}

/// The columns of the rows `multi` (lines of two pieces or more): the pieces of every row
/// merged; when a header line's group names bridge the gutters of the sub-columns under them,
/// the pieces of the rows under the header. None when a row puts two pieces in one column or
/// there are fewer than two columns.
fn columns_of(multi: &[usize], rows: &[Vec<Piece>]) -> Option<Vec<(usize, usize)>> {
    let columns = merge(multi.iter().flat_map(|&k| rows[k].iter()));
    let (columns, from) = if multi.iter().all(|&k| one_piece_per_column(&rows[k], &columns)) {
        (columns, multi)
    } else {
        let body = &multi[1..];
        let columns = merge(body.iter().flat_map(|&k| rows[k].iter()));
        if body.len() < MIN_ROWS || !body.iter().all(|&k| one_piece_per_column(&rows[k], &columns)) {
            return None;
        }
        (columns, body)
    };
    // A header line whose names bridge the gutters fills every column it spans: it says
    // nothing about which columns are one, so only the rows the columns came from are asked.
    let columns = join_complementary(columns, from, rows);
    (columns.len() >= 2).then_some(columns)
}

/// Adjacent columns that no line fills both of are one column whose cells the lines place
/// differently: numbers of different widths centred in a wide column (`2015` over `54.01`),
/// a header printed again at another offset after a page break.
fn join_complementary(mut columns: Vec<(usize, usize)>, multi: &[usize], rows: &[Vec<Piece>]) -> Vec<(usize, usize)> {
    let mut k = 0;
    while k + 1 < columns.len() {
        let fills = |r: usize, c: usize| rows[r].iter().any(|p| overlaps(p, &columns[c]));
        if multi.iter().any(|&r| fills(r, k) && fills(r, k + 1)) {
            k += 1;
        } else {
            columns[k].1 = columns[k].1.max(columns[k + 1].1);
            columns.remove(k + 1);
        }
    }
    columns
}

/// Merge the extents of pieces that overlap horizontally into columns.
fn merge<'p, 'a: 'p>(pieces: impl Iterator<Item = &'p Piece<'a>>) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = pieces.map(|p| (p.start, p.end)).collect();
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn overlaps(p: &Piece, c: &(usize, usize)) -> bool {
    p.start < c.1 && c.0 < p.end
}

fn one_piece_per_column(row: &[Piece], columns: &[(usize, usize)]) -> bool {
    columns.iter().all(|c| row.iter().filter(|p| overlaps(p, c)).count() <= 1)
        && row.iter().all(|p| columns.iter().filter(|c| overlaps(p, c)).count() == 1)
}

/// The share of cells (in the rows under the header) that lie on their column's most common
/// left edge, right edge or centre, averaged over the columns with two cells or more. 1.0 when
/// no column has two cells (a header and one row).
fn alignment(body: &[usize], rows: &[Vec<Piece>], columns: &[(usize, usize)]) -> f64 {
    let mut shares = Vec::new();
    for c in columns {
        let cells: Vec<&Piece> = body.iter().flat_map(|&k| rows[k].iter().filter(|p| overlaps(p, c))).collect();
        if cells.len() < 2 {
            continue;
        }
        let best = [
            cells.iter().map(|p| 2 * p.start).collect::<Vec<_>>(),
            cells.iter().map(|p| 2 * p.end).collect(),
            cells.iter().map(|p| p.start + p.end).collect(),
        ]
        .iter()
        .map(|edges| {
            edges
                .iter()
                .map(|&e| edges.iter().filter(|&&f| e.abs_diff(f) <= 2 * EDGE_TOLERANCE).count())
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0);
        shares.push(best as f64 / cells.len() as f64);
    }
    if shares.is_empty() {
        1.0
    } else {
        shares.iter().sum::<f64>() / shares.len() as f64
    }
}

/// One slice of `text` per column of `layout`: the pieces that fall in it, joined (an empty
/// slice where the line leaves the column empty, placed after the previous piece). A piece that
/// spans several columns (a group name over sub-columns) goes to the one it overlaps most.
pub fn cells<'a>(text: &'a str, layout: &Layout) -> Vec<&'a str> {
    let ps = pieces(text, layout.measure);
    let mut bounds: Vec<Option<(usize, usize)>> = vec![None; layout.columns.len()];
    for p in &ps {
        let Some(col) = nearest_column(p, &layout.columns) else { continue };
        let (b0, b1) = (p.byte, p.byte + p.text.len());
        bounds[col] = Some(match bounds[col] {
            Some((s, e)) => (s.min(b0), e.max(b1)),
            None => (b0, b1),
        });
    }
    let lead = text.len() - text.trim_start_matches(is_space).len();
    let mut at = lead;
    bounds
        .into_iter()
        .map(|b| match b {
            Some((s, e)) => {
                at = e;
                text.get(s..e).unwrap_or("")
            }
            None => text.get(at..at).unwrap_or(""),
        })
        .collect()
}

/// The pieces of a header line as printed, left to right (group names of a two-level header).
pub fn header_pieces<'a>(text: &'a str, layout: &Layout) -> Vec<&'a str> {
    pieces(text, layout.measure).into_iter().map(|p| p.text).collect()
}

/// True when a piece of the line spans two columns or more (a group name over sub-columns).
pub fn spans_columns(text: &str, layout: &Layout) -> bool {
    pieces(text, layout.measure).iter().any(|p| layout.columns.iter().filter(|c| overlaps(p, c)).count() > 1)
}

/// The column a piece belongs to: the one it overlaps most, else the nearest.
fn nearest_column(p: &Piece, columns: &[(usize, usize)]) -> Option<usize> {
    let overlap = |c: &(usize, usize)| p.end.min(c.1).saturating_sub(p.start.max(c.0));
    let distance = |c: &(usize, usize)| {
        if p.end <= c.0 {
            c.0 - p.end
        } else {
            p.start.saturating_sub(c.1)
        }
    };
    let best = columns.iter().enumerate().max_by_key(|(_, c)| overlap(c)).filter(|(_, c)| overlap(c) > 0);
    best.or_else(|| columns.iter().enumerate().min_by_key(|(_, c)| distance(c))).map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lex::split_lines;

    fn layout(text: &str) -> Option<Layout> {
        let lines = split_lines(text);
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        detect(&nonblank)
    }

    fn table_cells(text: &str) -> Vec<Vec<String>> {
        let lines = split_lines(text);
        let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        let layout = detect(&nonblank).expect("a table");
        nonblank[..layout.lines]
            .iter()
            .map(|l| cells(l.text, &layout).iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn pieces_split_at_two_spaces_only() {
        let p = pieces("  能源产品   1 029,5  +5,6", Measure::Display);
        let texts: Vec<&str> = p.iter().map(|p| p.text).collect();
        assert_eq!(texts, ["能源产品", "1 029,5", "+5,6"]);
        assert_eq!((p[0].start, p[0].end, p[1].start), (2, 10, 13));
        let p = pieces("  能源产品   1 029,5", Measure::Chars);
        assert_eq!((p[0].start, p[0].end, p[1].start), (2, 6, 9));
    }

    /// Laid out for a terminal: CJK two columns wide, numbers right-aligned.
    const DISPLAY: &str = r"          商品类别               2022 年     2023 年   增减（%）
          能源产品               1 029,5     1 087,2        +5,6
          汽车及零部件              98,7       233,4      +136,5
          其他                     240,1       395,7          …
          合计                   1 902,4     2 401,1       +26,2";

    #[test]
    fn display_aligned_table() {
        let l = layout(DISPLAY).expect("a table");
        assert_eq!((l.measure, l.columns.len(), l.lines), (Measure::Display, 4, 5));
        let c = table_cells(DISPLAY);
        assert_eq!(c[0], ["商品类别", "2022 年", "2023 年", "增减（%）"]);
        assert_eq!(c[2], ["汽车及零部件", "98,7", "233,4", "+136,5"]);
        assert_eq!(c[3], ["其他", "240,1", "395,7", "…"]);
    }

    /// As `pdftotext -layout` prints it: one grid cell per character, CJK included.
    const CHARS: &str = "\
商品类别              2022 年      2023 年
能源产品             1 029,5     1 087,2
汽车及零部件              98,7       233,4
其他                 240,1       395,7
木材                              38,1";

    #[test]
    fn character_aligned_table_with_an_empty_cell() {
        let l = layout(CHARS).expect("a table");
        assert_eq!((l.measure, l.columns.len(), l.lines), (Measure::Chars, 3, 5));
        let c = table_cells(CHARS);
        assert_eq!(c[2], ["汽车及零部件", "98,7", "233,4"]);
        assert_eq!(c[4], ["木材", "", "38,1"]);
    }

    #[test]
    fn a_wrapped_header_and_a_wrapped_cell_stay_in_their_columns() {
        let text = "\
类别                  出口量    增长
                  (百万美元)     (%)
矿物燃料、           42619,3    69.8
石油产品
木材                  4279,7       7";
        let c = table_cells(text);
        assert_eq!(c.len(), 5);
        assert_eq!(c[1], ["", "(百万美元)", "(%)"]);
        assert_eq!(c[3], ["石油产品", "", ""]);
    }

    /// `pdftotext -layout` of a header whose letter-spaced names run into one another across
    /// the gutters, over a line of units printed between the columns: the header line bridges
    /// every gutter, so it never keeps a units-only column apart from the numbers beside it.
    #[test]
    fn a_units_line_between_the_columns_is_no_column_of_its_own() {
        let text = concat!(
            "          商品类别                出口量（百万美元） 占 总 出 口 量 份 额 与 2018 年 相 比\n",
            "                                            （%）           （%）\n",
            " 机械和设备                                22614          45.5                2\n",
            " 衣物和鞋                                 5873,6         11.8              -8.7\n",
            " 化学物品                                 4594,4          9.2               6.3\n",
        );
        let c = table_cells(text);
        assert_eq!(c.len(), 5);
        assert!(c.iter().all(|row| row.len() == 4), "{c:?}");
        assert_eq!(c[1].iter().filter(|u| *u == "（%）").count(), 2);
        assert_eq!(c[2], ["机械和设备", "22614", "45.5", "2"]);
    }

    /// `pdftotext -layout`: one grid cell per character; the header's CJK names are wider than
    /// the numbers under them, so read two columns wide each they would bridge the gutters.
    #[test]
    fn a_header_of_cjk_names_over_narrow_numbers_keeps_a_name_a_column() {
        let text = "\
 月份                 中国出口        中国进口     同比（%）
 1—2 月               86,9       103,6    +30,7
 3月                  48,1        59,2    +25,3
 合计                 675,7       793,0    +35,9";
        let l = layout(text).expect("a table");
        assert_eq!((l.measure, l.columns.len()), (Measure::Chars, 4));
        let c = table_cells(text);
        assert_eq!(c[0], ["月份", "中国出口", "中国进口", "同比（%）"]);
        assert_eq!(c[1], ["1—2 月", "86,9", "103,6", "+30,7"]);
    }

    #[test]
    fn the_table_ends_before_prose() {
        let text = "\
年份                    出口    进口
2021                 1,070.6     880
2022                 1 520,4     901
资料来源：海关总署统计数据，经作者整理后得出。";
        assert_eq!(layout(text).map(|l| l.lines), Some(3));
    }

    #[test]
    fn prose_and_typos_are_not_tables() {
        // Indented prose: one piece a line.
        assert_eq!(layout("    中俄两国在多个领域保持合作，\n专家们认为这一趋势将会延续。"), None);
        // A two-space typo in one line.
        assert_eq!(layout("中俄两国在多个领域  保持合作。\n专家们认为这一趋势将会延续。"), None);
        // Two-space typos in consecutive lines that do not line up.
        assert_eq!(
            layout(
                "中俄两国  在多个领域保持合作，专家们认为\n这一趋势将会延续下去，并且还会  进一步加强。\n两国  专家建议继续扩大合作。"
            ),
            None
        );
        // Wide gaps in lines whose pieces do not line up.
        assert_eq!(layout("甲  乙乙乙乙乙乙  丙\n丁丁丁丁丁丁丁丁  戊  己己己己己己己\n庚  辛辛  壬壬壬壬"), None);
    }
}

#[cfg(test)]
mod complementary_tests {
    use super::*;
    use crate::parse::lex::split_lines;

    #[test]
    fn centred_numbers_of_different_widths_share_a_column() {
        let text = "\
  年度          2014      2015
中国对俄罗斯        68.72       54.01
俄罗斯对中国        0.54        0.11";
        let lines = split_lines(text);
        let nonblank: Vec<&Line> = lines.iter().collect();
        let l = detect(&nonblank).expect("a table");
        assert_eq!(l.columns.len(), 3, "{l:?}");
    }
}
