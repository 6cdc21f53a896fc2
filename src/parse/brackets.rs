//! Inside `blocks`: table header names whose bracketed unit wrapped inside its bracket.
//!
//! A narrow header cell wraps wherever the line is full, inside its unit too: XeLaTeX sets
//! `贸易额 (百万美元)` as `贸易额 (百万` over `美元)`. Tools that print a table without its
//! layout then print the pieces apart: the first lines of all the header cells before all
//! their second lines (`pdftotext`: `贸易额 (百万` / `中国出口 (百` / … / `美元)` / `万美元)`),
//! a header row a line (pdfplumber: `年份 贸易额(百万 中国出口(百 …` / `美元) 万美元) …`), or
//! each cell's lines together (`pdftotext -raw`, PyMuPDF, PDFium). In every order the cells'
//! first lines come in the same order as their second lines, so the pieces pair up by bracket
//! balance: the n-th word left with an open bracket goes on with the n-th word that closes one
//! on a later line. [`mend_split_brackets`] joins them; the caller counts the names left
//! against the data rows' cells.

use crate::parse::lex::join_wrapped;

/// Opening brackets minus closing ones in `word` (ASCII and full-width round brackets).
fn bracket_depth(word: &str) -> i32 {
    word.chars()
        .map(|c| match c {
            '(' | '（' => 1,
            ')' | '）' => -1,
            _ => 0,
        })
        .sum()
}

/// The header lines `units` (the words of each line) with every word left with one open
/// bracket joined to the word that closes it on a later line, paired first to first (see the
/// module comment); the closing words are taken out of their lines, so a line of them alone is
/// left empty (kept, so the lines stay in step with the caller's). `None` when no word is left
/// open, or the open and closing words do not pair up one to one (nothing is changed then).
pub fn mend_split_brackets(units: &[Vec<&str>]) -> Option<Vec<Vec<String>>> {
    let mut out: Vec<Vec<String>> = units.iter().map(|u| u.iter().map(|w| w.to_string()).collect()).collect();
    let mut keep: Vec<Vec<bool>> = units.iter().map(|u| vec![true; u.len()]).collect();
    let mut open: std::collections::VecDeque<(usize, usize)> = std::collections::VecDeque::new();
    let mut pairs = 0;
    for (u, unit) in units.iter().enumerate() {
        for (k, word) in unit.iter().enumerate() {
            match bracket_depth(word) {
                0 => {}
                1 => open.push_back((u, k)),
                -1 => {
                    let (ou, ok) = open.pop_front()?;
                    if ou == u {
                        return None;
                    }
                    join_wrapped(&mut out[ou][ok], word);
                    keep[u][k] = false;
                    pairs += 1;
                }
                _ => return None,
            }
        }
    }
    if pairs == 0 || !open.is_empty() {
        return None;
    }
    Some(
        out.into_iter()
            .zip(keep)
            .map(|(unit, keep)| unit.into_iter().zip(keep).filter(|(_, k)| *k).map(|(w, _)| w).collect())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::mend_split_brackets;

    #[test]
    fn first_lines_before_second_lines() {
        let units = vec![
            vec!["年份"],
            vec!["贸易额", "(百万"],
            vec!["中国出口", "(百"],
            vec!["增速", "(%)"],
            vec!["美元)"],
            vec!["万美元)"],
        ];
        let mended = mend_split_brackets(&units).expect("mended");
        assert_eq!(
            mended,
            vec![
                vec!["年份".to_string()],
                vec!["贸易额".to_string(), "(百万美元)".to_string()],
                vec!["中国出口".to_string(), "(百万美元)".to_string()],
                vec!["增速".to_string(), "(%)".to_string()],
                vec![],
                vec![],
            ]
        );
    }

    #[test]
    fn a_header_row_a_line() {
        let units = vec![vec!["年份", "贸易额(百万", "中国出口(百", "增速(%)"], vec!["美元)", "万美元)"]];
        let mended = mend_split_brackets(&units).expect("mended");
        assert_eq!(mended[0], ["年份", "贸易额(百万美元)", "中国出口(百万美元)", "增速(%)"]);
        assert!(mended[1].is_empty());
    }

    #[test]
    fn each_cell_its_lines_together() {
        let units = vec![vec!["年份", "贸易额", "(百万"], vec!["美元)"], vec!["中国出口", "(百"], vec!["万美元)"]];
        let mended = mend_split_brackets(&units).expect("mended");
        assert_eq!(mended[0], ["年份", "贸易额", "(百万美元)"]);
        assert_eq!(mended[2], ["中国出口", "(百万美元)"]);
    }

    #[test]
    fn nothing_to_mend_or_unpaired() {
        assert_eq!(mend_split_brackets(&[vec!["出口量", "(百万美元)"], vec!["(%)"]]), None);
        // A bracket left open with nothing closing it, a closing word with nothing open.
        assert_eq!(mend_split_brackets(&[vec!["贸易额", "(百万"], vec!["增速"]]), None);
        assert_eq!(mend_split_brackets(&[vec!["美元)"], vec!["贸易额", "(百万"]]), None);
        // Both pieces on one line are not a wrapped cell.
        assert_eq!(mend_split_brackets(&[vec!["(百万", "美元)"]]), None);
    }
}
