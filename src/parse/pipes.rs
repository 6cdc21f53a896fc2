//! Between `lex` and `pages`: Markdown pipe "tables" that are text.
//!
//! markitdown prints a PDF's tables as Markdown pipe tables, a header row, a rule (`| --- |`) and
//! the body rows. It also prints some lines of prose, a heading or a footnote as such a table
//! when its layout engine sees columns in them (a line whose words stand far apart): a header
//! row and its rule with no body row (`| 第三章 … |     |` / `| --- | --- |`), or a table of a
//! single column. Neither is a table: no table has no rows, and a column alone is a run of
//! lines. [`unmark_text_tables`] turns the pipes of such rows into spaces (same bytes, so every
//! offset is the input's) and [`without_rules`] leaves the rules (markup, no text) out of the line
//! table, so a heading reads as a heading and a paragraph flows through the row as
//! through any wrapped line. Real pipe tables (a header, a rule and body rows, two columns or
//! more) are left to [`crate::parse::blocks`].

use crate::parse::lex::{split_lines, trim, Line};

/// The cells of a pipe row (`| a |  | b |`), trimmed, empty ones included; `None` when the
/// line is not a pipe row.
fn pipe_row(text: &str) -> Option<Vec<&str>> {
    let t = trim(text);
    if t.contains('\u{c}') {
        return None;
    }
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    Some(inner.split('|').map(trim).collect())
}

/// Whether the cells are a header rule: every cell dashes (and alignment colons).
fn is_rule(cells: &[&str]) -> bool {
    cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | '—')))
}

/// Whether `text` is a pipe table's rule (`| --- | :-: |`): markup, no text of the document.
pub fn is_rule_line(text: &str) -> bool {
    pipe_row(text).is_some_and(|cells| is_rule(&cells))
}

/// The text with each pipe table that is text (see the module comment) unmarked: the pipes of
/// its rows become spaces (same bytes, so every offset is the input's) and its rule lines are
/// listed (by line number) to be left out of the line table. `None` when there is none.
pub fn unmark_text_tables(text: &str) -> Option<Unmarked> {
    let lines = split_lines(text);
    let mut bytes = text.as_bytes().to_vec();
    let (mut rules, mut rows_at) = (Vec::new(), Vec::new());
    let mut k = 0;
    while k < lines.len() {
        let run = (k..lines.len()).take_while(|&j| pipe_row(lines[j].text).is_some()).count();
        if run == 0 {
            k += 1;
            continue;
        }
        let rows: Vec<Vec<&str>> = lines[k..k + run].iter().filter_map(|l| pipe_row(l.text)).collect();
        if is_text_table(&rows) {
            for (l, cells) in lines[k..k + run].iter().zip(&rows) {
                if is_rule(cells) {
                    rules.push(l.no);
                    continue;
                }
                rows_at.push(l.no);
                for (i, b) in l.text.bytes().enumerate() {
                    if b == b'|' {
                        bytes[l.start + i] = b' ';
                    }
                }
            }
        }
        k += run;
    }
    if rules.is_empty() {
        return None;
    }
    // Only ASCII `|` bytes were replaced by ASCII spaces: still UTF-8.
    String::from_utf8(bytes).ok().map(|text| Unmarked { text, rules, rows: rows_at })
}

/// A text whose pipe tables that are text are unmarked ([`unmark_text_tables`]).
#[derive(Debug)]
pub struct Unmarked {
    /// The text, the pipes of those tables' rows replaced by spaces.
    pub text: String,
    /// The line numbers of their rules, in order.
    pub rules: Vec<u32>,
    /// The line numbers of their rows, in order.
    pub rows: Vec<u32>,
}

/// The line table of an unmarked text ([`unmark_text_tables`]) without its rule lines, each
/// unmarked row trimmed (its line starts at its first cell's text).
pub fn without_rules<'a>(lines: Vec<Line<'a>>, unmarked: &Unmarked) -> Vec<Line<'a>> {
    lines
        .into_iter()
        .filter(|l| unmarked.rules.binary_search(&l.no).is_err())
        .map(|l| {
            // The line under a rule is printed under the row above the rule.
            let l =
                if l.no > 1 && unmarked.rules.binary_search(&(l.no - 1)).is_ok() { l.marked_after_rule() } else { l };
            let t = l.trimmed();
            if unmarked.rows.binary_search(&l.no).is_err() || t.len() == l.text.len() {
                return l;
            }
            let offset = t.as_ptr() as usize - l.text.as_ptr() as usize;
            let row = Line::new(l.no, l.start + offset, t);
            if l.after_rule() {
                row.marked_after_rule()
            } else {
                row
            }
        })
        .collect()
}

/// Whether a run of pipe rows is text: a header row over its rule with no body row, or a
/// table of one column (header, rule and body rows each of one cell).
fn is_text_table(rows: &[Vec<&str>]) -> bool {
    let [header, rule, body @ ..] = rows else {
        return false;
    };
    if is_rule(header) || !is_rule(rule) || header.iter().all(|c| c.is_empty()) {
        return false;
    }
    body.is_empty() || (rule.len() == 1 && body.iter().all(|r| r.len() == 1 && !is_rule(r)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lex::split_lines;

    fn texts(text: &str) -> Option<Vec<(u32, String)>> {
        let unmarked = unmark_text_tables(text)?;
        let lines = without_rules(split_lines(&unmarked.text), &unmarked);
        Some(lines.iter().map(|l| (l.no, l.text.split_whitespace().collect::<Vec<_>>().join(" "))).collect())
    }

    /// A header row and its rule with no body row: its cells become lines (keeping their line
    /// number and bytes), the rule goes.
    #[test]
    fn a_header_row_without_body_rows_is_text() {
        let text = "前文\n| 第三章 合作的新阶段 |     |     |\n| ------ | --- | --- |\n第一节 双边贸易\n\
                    | 运量在 |     | 2021 年继续增长。 |\n| --- | --- | --- |\n后文";
        let got = texts(text).expect("unwrapped");
        let want = [
            (1, "前文"),
            (2, "第三章 合作的新阶段"),
            (4, "第一节 双边贸易"),
            (5, "运量在 2021 年继续增长。"),
            (7, "后文"),
        ];
        assert_eq!(got, want.map(|(n, t)| (n, t.to_string())));
        let unmarked = unmark_text_tables(text).expect("unmarked");
        assert_eq!(unmarked.text.len(), text.len(), "same bytes");
        let lines = without_rules(split_lines(&unmarked.text), &unmarked);
        let row = lines.iter().find(|l| l.no == 5).expect("row");
        assert!(text[row.start..row.end()].starts_with("运量在 |"), "the row points at its bytes");
        assert!(text[row.start..row.end()].ends_with("继续增长。"));
        assert!(is_rule_line("| ------ | --- | :-: |") && !is_rule_line("| 甲 | --- |"));
        let after: Vec<u32> = lines.iter().filter(|l| l.after_rule()).map(|l| l.no).collect();
        assert_eq!(after, [4, 7], "the lines under a rule know it");
    }

    /// A table of one column is a run of lines.
    #[test]
    fn a_one_column_table_is_text() {
        let got = texts("| 甲 |\n| --- |\n| 乙 |\n| 丙 |\n").expect("unwrapped");
        assert_eq!(got, [(1, "甲"), (3, "乙"), (4, "丙")].map(|(n, t)| (n, t.to_string())));
    }

    /// A table with body rows and two columns or more is left to the table reader.
    #[test]
    fn a_real_table_is_left_alone() {
        assert_eq!(texts("| 年份 | 金额 |\n| --- | --- |\n| 2021 | 12,5 |\n"), None);
        assert_eq!(texts("| --- | --- |\n| 2021 | 12,5 |\n"), None);
        assert_eq!(texts("| a | b |\n| c | d |\n"), None);
        assert_eq!(texts("正文 | 不是表\n"), None);
    }
}
