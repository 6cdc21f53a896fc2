//! Stage 4: body text → blocks (paragraphs, subheadings, lists, tables, figures).
//!
//! The input is the lines of one region (a part, a chapter before its first section, or a
//! section). Lines holding only white space are skipped; every other line ends up in exactly one
//! block, so no text is lost. Paragraphs are re-flowed: a line that does not end a sentence is
//! joined with the next text line (page breaks and wraps), with no space between CJK characters.

use crate::lex::{
    self, at_most_chars, is_space, is_terminal_punct, join_wrapped, matches, scan_bullet, scan_figure_caption,
    scan_numbered_item, scan_source_note, scan_table_caption, split_unit, squeeze_cjk_spaces, trim, Line,
};
use crate::model::{
    Block, Cell, Diagnostic, DiagnosticCode, Figure, ListItem, Recommendation, RecommendationGroup, Recommendations,
    Row, Span, Table,
};

/// The longest line taken as an unnumbered subheading.
const SUBHEADING_MAX_CHARS: usize = 30;

/// What one non-blank line is, for block building.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    TableCaption,
    FigureCaption,
    SourceNote,
    Bullet,
    Numbered,
    TabRow,
    Text,
}

fn kind(line: &Line) -> Kind {
    let t = line.text;
    if matches(scan_table_caption, t).is_some() && at_most_chars(t, 80) {
        Kind::TableCaption
    } else if matches(scan_figure_caption, t).is_some() && at_most_chars(t, 80) {
        Kind::FigureCaption
    } else if matches(scan_source_note, t).is_some() {
        Kind::SourceNote
    } else if matches(scan_bullet, t).is_some() {
        Kind::Bullet
    } else if matches(scan_numbered_item, t).is_some() {
        Kind::Numbered
    } else if lex::trim(t).contains('\t') {
        Kind::TabRow
    } else {
        Kind::Text
    }
}

/// Verbs that make `表 3 …` / `图 2 …` the subject of a sentence rather than a caption.
const REFERRING_VERBS: [&str; 16] = [
    "列出",
    "列举",
    "展示",
    "显示",
    "表明",
    "说明",
    "反映",
    "描述",
    "给出",
    "汇总",
    "比较",
    "对比",
    "所示",
    "中的",
    "中可以",
    "可以看出",
];

/// A line that starts like a caption but is a sentence of the body (`表 3 列出了…。`,
/// `图 2 展示了…，`): a caption never ends a sentence or a clause, and a table caption is
/// followed (after an optional unit line) by the table's tab-separated header.
fn demote_look_alike_captions(lines: &[&Line], kinds: &mut [Kind]) {
    for k in 0..lines.len() {
        if !matches!(kinds[k], Kind::TableCaption | Kind::FigureCaption) {
            continue;
        }
        let t = trim(lines[k].text);
        let rest = match kinds[k] {
            Kind::TableCaption => matches(scan_table_caption, t).map_or("", |c| c.2),
            _ => matches(scan_figure_caption, t).map_or("", |c| c.2),
        };
        let sentence = t.contains('。')
            || t.ends_with(['，', '、', '；', ',', ';', '！', '？'])
            || REFERRING_VERBS.iter().any(|v| rest.starts_with(v));
        let no_rows = kinds[k] == Kind::TableCaption && {
            let mut j = k + 1;
            if j < lines.len() && lex::scan_unit_line(lines[j].text).is_some() {
                j += 1;
            }
            j < lines.len() && kinds[j] != Kind::TabRow
        };
        if sentence || no_rows {
            kinds[k] = Kind::Text;
        }
    }
}

/// True when the text does not end a sentence, so the next text line continues it.
fn is_open(text: &str) -> bool {
    match trim(text).chars().last() {
        Some(c) => !is_terminal_punct(c),
        None => false,
    }
}

/// The printed width of a line in columns (a CJK character takes two), indentation included.
fn columns(text: &str) -> usize {
    text.trim_end_matches(is_space).chars().map(|c| if lex::is_cjk(c) { 2 } else { 1 }).sum()
}

/// The indentation of a line, in characters.
fn indent(text: &str) -> usize {
    text.chars().take_while(|&c| is_space(c) && c != '\u{c}').count()
}

/// The width at which the region's text is wrapped: the median width of the lines a paragraph
/// goes on after (lines that end in the middle of a sentence, followed by text), when there are
/// two or more. None for text that is not wrapped (a paragraph per line).
fn wrap_width(lines: &[&Line], kinds: &[Kind]) -> Option<usize> {
    let mut widths: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&k| kinds[k] == Kind::Text && kinds[k + 1] == Kind::Text && is_open(lines[k].text))
        .map(|k| columns(lines[k].text))
        .collect();
    widths.sort_unstable();
    (widths.len() >= 2).then(|| widths[widths.len() / 2])
}

/// A line that ends a sentence exactly at the right margin goes on in the next line when no
/// blank line separates them and the next line is not indented further (a paragraph's first
/// line): the sentence end fell at the end of a wrapped line.
fn continues_at_margin(line: &Line, next: &Line, width: Option<usize>) -> bool {
    width.is_some_and(|w| columns(line.text) * 10 >= w * 9)
        && next.no == line.no + 1
        && indent(next.text) <= indent(line.text)
}

/// A short line without closing punctuation that stands alone: an unnumbered heading.
fn looks_like_subheading(text: &str) -> bool {
    let t = trim(text);
    // Counting stops past the limit: body lines are long and most are not headings.
    let n = t.chars().take(SUBHEADING_MAX_CHARS + 1).count();
    n > 0
        && n <= SUBHEADING_MAX_CHARS
        && !t.ends_with(|c: char| is_terminal_punct(c) || matches!(c, '，' | '、' | ',' | '；' | '。'))
        && !t.starts_with(['（', '(', '“', '《'])
}

/// Build the blocks of one region.
pub fn parse_blocks(lines: &[Line]) -> (Vec<Block>, Vec<Diagnostic>) {
    let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    let mut kinds: Vec<Kind> = nonblank.iter().map(|l| kind(l)).collect();
    // Lines that end a page (the next line of the input is past a page break).
    let mut page_end = vec![false; nonblank.len()];
    let mut seen = 0;
    for l in lines {
        if l.is_blank() {
            if l.text == crate::pages::PAGE_BREAK && seen > 0 {
                page_end[seen - 1] = true;
            }
        } else {
            seen += 1;
        }
    }
    demote_look_alike_captions(&nonblank, &mut kinds);
    let width = wrap_width(&nonblank, &kinds);
    let mut blocks = Vec::new();
    let mut diags = Vec::new();
    let mut i = 0;
    while i < nonblank.len() {
        let line = nonblank[i];
        match kinds[i] {
            Kind::TableCaption => {
                let (table, next, d) = parse_table(&nonblank, &kinds, i);
                diags.extend(d);
                blocks.push(Block::Table(table));
                i = next;
            }
            Kind::FigureCaption => {
                let (figure, next) = parse_figure(&nonblank, &kinds, i);
                blocks.push(Block::Figure(figure));
                i = next;
            }
            Kind::Bullet | Kind::Numbered => {
                let list_kind = kinds[i];
                let mut items: Vec<ListItem> = Vec::new();
                let mut span = line.span();
                while i < nonblank.len() && kinds[i] == list_kind {
                    let l = nonblank[i];
                    let (number, text) = match list_kind {
                        Kind::Numbered => {
                            let (n, t) = matches(scan_numbered_item, l.text).unwrap_or((0, l.text));
                            (Some(n), t)
                        }
                        _ => (None, matches(scan_bullet, l.text).unwrap_or(l.text)),
                    };
                    let mut text = text.to_string();
                    let mut item_span = l.span();
                    i += 1;
                    while is_open(&text) && i < nonblank.len() && kinds[i] == Kind::Text {
                        join_wrapped(&mut text, nonblank[i].text);
                        item_span = item_span.join(nonblank[i].span());
                        i += 1;
                    }
                    span = span.join(item_span);
                    items.push(ListItem { id: String::new(), number, text, span: item_span });
                }
                blocks.push(Block::List { id: String::new(), items, page: None, span });
            }
            Kind::SourceNote => {
                // A note with no table or figure before it: keep it as a paragraph.
                let (text, span, next) = note_with_continuations(&nonblank, &kinds, i, line.text);
                diags.push(Diagnostic::new(
                    DiagnosticCode::OrphanSourceNote,
                    "a source note without a table or figure before it; kept as a paragraph",
                    Some(span),
                ));
                blocks.push(Block::Paragraph { id: String::new(), text, page: None, span });
                i = next;
            }
            Kind::TabRow | Kind::Text => {
                if kinds[i] == Kind::TabRow {
                    diags.push(Diagnostic::new(
                        DiagnosticCode::StrayTabRow,
                        "a tab-separated line outside any table; kept as a paragraph",
                        Some(line.span()),
                    ));
                }
                let at_end = i + 1 >= nonblank.len();
                // A heading is never printed alone at the bottom of a page: a short open line
                // there is the start of a paragraph that goes on after the break.
                let continued = page_end[i] && kinds.get(i + 1) == Some(&Kind::Text);
                if looks_like_subheading(line.text) && kinds[i] == Kind::Text && !at_end && !continued {
                    blocks.push(Block::Subheading {
                        id: String::new(),
                        text: squeeze_cjk_spaces(line.text),
                        page: None,
                        span: line.span(),
                    });
                    i += 1;
                    continue;
                }
                let mut text = trim(line.text).to_string();
                let mut span = line.span();
                i += 1;
                while i < nonblank.len()
                    && kinds[i] == Kind::Text
                    && (is_open(&text) || continues_at_margin(nonblank[i - 1], nonblank[i], width))
                {
                    join_wrapped(&mut text, nonblank[i].text);
                    span = span.join(nonblank[i].span());
                    i += 1;
                }
                blocks.push(Block::Paragraph { id: String::new(), text, page: None, span });
            }
        }
    }
    (blocks, diags)
}

/// Interpret the 建议 part: topic headings (subheadings) group numbered recommendations; the
/// paragraphs after an item belong to it.
pub fn parse_recommendations(title: &str, heading: Span, lines: &[Line]) -> (Recommendations, Vec<Diagnostic>) {
    let (blocks, mut diags) = parse_blocks(lines);
    let mut groups: Vec<RecommendationGroup> = Vec::new();
    let mut expected = 1;
    for block in blocks {
        match block {
            Block::Subheading { text, span, .. } => groups.push(RecommendationGroup {
                id: String::new(),
                title: Some(text),
                heading_span: Some(span),
                items: Vec::new(),
            }),
            Block::List { items, .. } if items.iter().all(|i| i.number.is_some()) => {
                if groups.is_empty() {
                    groups.push(RecommendationGroup {
                        id: String::new(),
                        title: None,
                        heading_span: None,
                        items: Vec::new(),
                    });
                }
                for it in items {
                    let number = it.number.unwrap_or(0);
                    if number != expected {
                        diags.push(Diagnostic::new(
                            DiagnosticCode::RecommendationNumbering,
                            format!("recommendation {number} follows {}; expected {expected}", expected - 1),
                            Some(it.span),
                        ));
                    }
                    expected = number + 1;
                    if let Some(g) = groups.last_mut() {
                        g.items.push(Recommendation {
                            id: String::new(),
                            number,
                            text: it.text,
                            page: None,
                            span: it.span,
                        });
                    }
                }
            }
            other => {
                let last = groups.last_mut().and_then(|g| g.items.last_mut());
                let text = match &other {
                    Block::Paragraph { text, .. } => Some(text.clone()),
                    Block::List { items, .. } => {
                        Some(items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>().join("\n"))
                    }
                    _ => None,
                };
                match (last, text) {
                    (Some(item), Some(text)) => {
                        item.text.push('\n');
                        item.text.push_str(&text);
                        item.span = item.span.join(other.span());
                    }
                    _ => diags.push(Diagnostic::new(
                        DiagnosticCode::UnplacedText,
                        "text in the recommendations that belongs to no numbered item",
                        Some(other.span()),
                    )),
                }
            }
        }
    }
    let span = groups
        .iter()
        .flat_map(|g| g.heading_span.into_iter().chain(g.items.iter().map(|i| i.span)))
        .fold(heading, Span::join);
    let rec = Recommendations {
        id: String::new(),
        title: squeeze_cjk_spaces(title).replace(' ', ""),
        heading_span: heading,
        span,
        groups,
    };
    (rec, diags)
}

/// Remove `*` emphasis markers (`*Источник:*`) from a note.
fn strip_emphasis(s: &str) -> String {
    s.replace("**", "").replace('*', "")
}

/// A source note at `i` (marker or not) and its continuation lines (lines without CJK
/// characters, e.g. a wrapped URL). Returns (text, span, next index).
fn note_with_continuations(lines: &[&Line], kinds: &[Kind], i: usize, first: &str) -> (String, Span, usize) {
    let mut text = strip_emphasis(trim(first));
    let mut span = lines[i].span();
    let mut j = i + 1;
    while j < lines.len() && kinds[j] == Kind::Text && !trim(lines[j].text).chars().any(lex::is_cjk) {
        text.push(' ');
        text.push_str(&strip_emphasis(trim(lines[j].text)));
        span = span.join(lines[j].span());
        j += 1;
    }
    (text, span, j)
}

/// A note under a table written without a marker: `根据…统计…编制`, or a line citing a URL.
fn is_unmarked_note(text: &str) -> bool {
    let t = trim(text);
    let cites = t.contains("http") || t.contains("www.") || t.contains("URL");
    (t.starts_with("根据") || t.starts_with("来源") || t.starts_with("资料")) && cites && at_most_chars(t, 299)
}

fn caption_parts(rest: &str, lines: &[&Line], i: usize) -> (String, Option<String>, usize, Span) {
    let (caption, mut unit) = split_unit(rest);
    let mut span = lines[i].span();
    let mut next = i + 1;
    // A unit on its own line under the caption.
    if unit.is_none() && next < lines.len() {
        if let Some(u) = lex::scan_unit_line(lines[next].text) {
            unit = Some(u.to_string());
            span = span.join(lines[next].span());
            next += 1;
        }
    }
    (squeeze_cjk_spaces(&caption), unit, next, span)
}

/// The cells of a tab-separated line, as printed (slices of the line); a leading tab is a
/// leading empty cell.
fn raw_cells(text: &str) -> Vec<&str> {
    let t = text.trim_matches(|c: char| is_space(c) && c != '\t').trim_end_matches('\t');
    t.split('\t').collect()
}

/// The cells of a tab-separated line, stray wrapping spaces removed.
fn tab_cells(text: &str) -> Vec<String> {
    raw_cells(text).into_iter().map(squeeze_cjk_spaces).collect()
}

/// A header line continued under the header: it starts with an empty cell and holds no number.
fn is_header_continuation(cells: &[String]) -> bool {
    cells.len() > 1 && cells[0].is_empty() && cells.iter().all(|c| parse_number(c).is_none())
}

/// A total row: its first cell is `合计`, `总计`, `共计`, `Итого`, `Total`.
fn is_total(first: &str) -> bool {
    let t = first.replace(' ', "");
    ["合计", "总计", "共计", "总额", "Итого", "Всего", "Total"].iter().any(|w| t.starts_with(w))
}

/// The column names from a header line and its continuation: a group line with fewer cells
/// than the sub-column line spreads each group over its sub-columns (`2021 年` over
/// `进口 / 出口` gives `2021 年进口`, `2021 年出口`); a continuation with as many cells as the
/// header wraps the names (`出口量` + `(百万美元)`).
fn header_columns(head: &[String], cont: Option<&[String]>) -> Vec<String> {
    let Some(cont) = cont else { return head.to_vec() };
    let groups = head.len().saturating_sub(1);
    let subs = cont.len().saturating_sub(1);
    if groups > 0 && subs > groups && subs % groups == 0 {
        let per = subs / groups;
        let mut cols = vec![head[0].clone()];
        for (k, sub) in cont[1..].iter().enumerate() {
            let group = &head[1 + k / per];
            cols.push(joined(group, sub));
        }
        return cols;
    }
    (0..head.len().max(cont.len()))
        .map(|k| joined(head.get(k).map_or("", String::as_str), cont.get(k).map_or("", String::as_str)))
        .collect()
}

/// Two pieces of a column name, joined as a wrapped line is.
fn joined(a: &str, b: &str) -> String {
    let mut s = a.to_string();
    join_wrapped(&mut s, b);
    s
}

fn parse_table(lines: &[&Line], kinds: &[Kind], i: usize) -> (Table, usize, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let (label, number, rest) = matches(scan_table_caption, lines[i].text).unwrap_or(("", 0, ""));
    let (caption, unit, mut j, mut span) = caption_parts(rest, lines, i);
    let mut rows: Vec<Row> = Vec::new();
    let mut columns: Vec<String> = Vec::new();
    // The header as printed (one or two lines), to recognize it when printed again.
    let mut header: Vec<Vec<String>> = Vec::new();
    while j < lines.len() && kinds[j] == Kind::TabRow {
        let cells = tab_cells(lines[j].text);
        span = span.join(lines[j].span());
        if header.is_empty() {
            header.push(cells);
            let tabbed = |l: &&&Line| l.text.trim_start_matches(|c: char| is_space(c) && c != '\t').starts_with('\t');
            if let Some(next) = lines.get(j + 1).filter(|l| kinds.get(j + 1) == Some(&Kind::TabRow) || tabbed(l)) {
                let cont = tab_cells(next.text);
                if is_header_continuation(&cont) {
                    span = span.join(next.span());
                    header.push(cont);
                    j += 1;
                }
            }
            columns = header_columns(&header[0], header.get(1).map(Vec::as_slice));
            j += 1;
            continue;
        }
        if cells == header[0] {
            // The header printed again after a page break (with its continuation line).
            let mut repeat = lines[j].span();
            if let (Some(cont), Some(next)) = (header.get(1), lines.get(j + 1)) {
                if kinds.get(j + 1) == Some(&Kind::TabRow) && &tab_cells(next.text) == cont {
                    repeat = repeat.join(next.span());
                    span = span.join(next.span());
                    j += 1;
                }
            }
            diags.push(Diagnostic::new(
                DiagnosticCode::TableHeaderRepeated,
                format!("the header of table {label} is printed again (a page break); it is not a row"),
                Some(repeat),
            ));
            j += 1;
            continue;
        }
        let total = cells.first().is_some_and(|c| is_total(c));
        let cells = raw_cells(lines[j].text)
            .into_iter()
            .map(|raw| {
                let text = squeeze_cjk_spaces(raw);
                let value = parse_number(&text);
                Cell { text, value, span: lines[j].sub_span(raw) }
            })
            .collect();
        rows.push(Row { cells, total });
        j += 1;
    }
    if rows.is_empty() {
        diags.push(Diagnostic::new(
            DiagnosticCode::TableWithoutRows,
            format!("table {label} has no data rows (tab-separated lines) under its caption"),
            Some(span),
        ));
    }
    let width = columns.len();
    for (r, row) in rows.iter().enumerate() {
        if row.cells.len() != width {
            diags.push(Diagnostic::new(
                DiagnosticCode::TableRaggedRow,
                format!("row {} of table {label} has {} cells, the header has {width}", r + 1, row.cells.len()),
                Some(span),
            ));
        }
    }
    let mut source_note = None;
    if j < lines.len() {
        let note_text = match kinds[j] {
            Kind::SourceNote => matches(scan_source_note, lines[j].text),
            Kind::Text if is_unmarked_note(lines[j].text) => Some(trim(lines[j].text)),
            _ => None,
        };
        if let Some(t) = note_text {
            let (text, s, next) = note_with_continuations(lines, kinds, j, t);
            source_note = Some(text);
            span = span.join(s);
            j = next;
        }
    }
    let table = Table {
        id: String::new(),
        label: label.trim_end_matches(['.', '．']).to_string(),
        number,
        caption,
        unit,
        columns,
        rows,
        source_note,
        page: None,
        span,
    };
    (table, j, diags)
}

fn parse_figure(lines: &[&Line], kinds: &[Kind], i: usize) -> (Figure, usize) {
    let (label, number, rest) = matches(scan_figure_caption, lines[i].text).unwrap_or(("", 0, ""));
    let (caption, unit, mut j, mut span) = caption_parts(rest, lines, i);
    let mut source_note = None;
    if j < lines.len() && kinds[j] == Kind::SourceNote {
        let t = matches(scan_source_note, lines[j].text).unwrap_or("");
        let (text, s, next) = note_with_continuations(lines, kinds, j, t);
        source_note = Some(text);
        span = span.join(s);
        j = next;
    }
    let figure = Figure {
        id: String::new(),
        label: label.trim_end_matches(['.', '．']).to_string(),
        number,
        caption,
        unit,
        source_note,
        page: None,
        span,
    };
    (figure, j)
}

/// Read a table cell as a number: `42619,3` → 42619.3 (comma decimal), `1,234,567` (grouped
/// thousands), `-8.8`, `+64.9%`, `−3`. Returns None for text cells.
pub fn parse_number(cell: &str) -> Option<f64> {
    let t: String = trim(cell)
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '−' | '–' | '－' => '-',
            '＋' => '+',
            '，' => ',',
            '．' => '.',
            '％' => '%',
            _ => c,
        })
        .collect();
    let t = t.strip_suffix('%').unwrap_or(&t).trim();
    let (sign, body) = match t.chars().next()? {
        '-' => (-1.0, &t[1..]),
        '+' => (1.0, &t[1..]),
        _ => (1.0, t),
    };
    let body = body.trim();
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == ' ') {
        return None;
    }
    if !body.starts_with(|c: char| c.is_ascii_digit()) || !body.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let normalized: String = if commas == 0 {
        body.replace(' ', "")
    } else if dots == 0 && commas == 1 {
        // Comma decimal, as printed in the Russian-sourced tables (`42619,3`).
        body.replace(' ', "").replace(',', ".")
    } else {
        // Grouped thousands: every group after a comma has three digits.
        let int_part = body.split('.').next().unwrap_or("");
        let groups: Vec<&str> = int_part.split(',').collect();
        if groups.iter().skip(1).all(|g| g.len() == 3) && dots <= 1 {
            body.replace([',', ' '], "")
        } else {
            return None;
        }
    };
    if normalized.matches('.').count() > 1 {
        return None;
    }
    normalized.parse::<f64>().ok().map(|v| sign * v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::split_lines;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("42619,3"), Some(42619.3));
        assert_eq!(parse_number("-8.8"), Some(-8.8));
        assert_eq!(parse_number("+64.9%"), Some(64.9));
        assert_eq!(parse_number("2"), Some(2.0));
        assert_eq!(parse_number("1,234,567"), Some(1234567.0));
        assert_eq!(parse_number("41.893"), Some(41.893));
        assert_eq!(parse_number("机械和设备"), None);
        assert_eq!(parse_number("2019 年"), None);
        assert_eq!(parse_number("1.2.3"), None);
        assert_eq!(parse_number("-"), None);
    }

    #[test]
    fn wrapped_paragraph_is_joined() {
        let text = "中美贸易战加大了俄罗斯增加对中国某些种类农产品供应的可能性，它们建立了完整的\n\n生产链—从生产到向中国供应成品。\n\n人文领域\n\n美国因素对中俄人文合作不会产生重大影响。";
        let lines = split_lines(text);
        let (blocks, _) = parse_blocks(&lines);
        assert_eq!(blocks.len(), 3);
        match &blocks[0] {
            Block::Paragraph { text, span, .. } => {
                assert!(text.contains("完整的生产链"));
                assert_eq!((span.line_start, span.line_end), (1, 3));
            }
            b => panic!("{b:?}"),
        }
        assert!(matches!(&blocks[1], Block::Subheading { text, .. } if text == "人文领域"));
    }

    #[test]
    fn a_sentence_ending_at_the_margin_goes_on_in_the_next_line() {
        let wrapped = "俄罗斯学者认为，美俄关系在 2017 年没有出现许多人预期的改善，反而因为新\n\
                       的制裁法案而进一步恶化。俄罗斯与西方关系的长期对抗已成定局，中国学者更\n\
                       加关注中美关系的走向，他们指出美国的《国家安全战略》把中俄定义为对手。\n\
                       这将对两国的对外环境产生长期的影响，并使中俄关系面临新的外部压力，双\n\
                       方需要认真应对。\n\n第二段。";
        let lines = split_lines(wrapped);
        let (blocks, _) = parse_blocks(&lines);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert!(matches!(&blocks[0], Block::Paragraph { span, .. } if (span.line_start, span.line_end) == (1, 5)));
        // A short line ending a sentence ends its paragraph; so does a blank line.
        let short = "俄罗斯学者认为，美俄关系在 2017 年没有出现许多人预期的改善，反而因为新\n\
                     的制裁法案而进一步恶化。俄罗斯与西方关系的长期对抗已成定局，中国学者更\n\
                     加关注中美关系的走向，他们指出美国的《国家安全战略》把中俄定义为对手\n\
                     这将对两国的对外环境产生长期的影响。\n\
                     第二段，这将对两国的对外环境产生长期的影响，并使中俄关系面临新的外部。\n\n\
                     第三段。";
        let (blocks, _) = parse_blocks(&split_lines(short));
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        // Text that is not wrapped (a paragraph per line) is never joined after a full stop.
        let (blocks, _) = parse_blocks(&split_lines("第一段很长的一句话。\n第二段很长的一句话。\n第三段。"));
        assert_eq!(blocks.len(), 3, "{blocks:?}");
    }

    #[test]
    fn table_with_unit_rows_and_note() {
        let text = "表一 投资额（单位：亿美元）\n\n年度\t2014\t2015\n中国对俄罗斯\t68.72\t54,01\n\n(信息来源) Источник: *x*\nURL: http://a.b\n\n正文。";
        let lines = split_lines(text);
        let (blocks, diags) = parse_blocks(&lines);
        assert!(diags.is_empty(), "{diags:?}");
        let Block::Table(t) = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(
            (t.label.as_str(), t.number, t.caption.as_str(), t.unit.as_deref()),
            ("表一", 1, "投资额", Some("亿美元"))
        );
        assert_eq!(t.columns, ["年度", "2014", "2015"]);
        assert_eq!(t.rows[0].cells[2].value, Some(54.01));
        assert_eq!(t.source_note.as_deref(), Some("Источник: x URL: http://a.b"));
        assert_eq!(t.span.line_end, 7);
        assert!(matches!(&blocks[1], Block::Paragraph { .. }));
    }

    fn table(text: &str) -> (Table, Vec<Diagnostic>) {
        let (blocks, diags) = parse_blocks(&split_lines(text));
        match blocks.into_iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }) {
            Some(t) => (t, diags),
            None => panic!("no table in {text:?}"),
        }
    }

    #[test]
    fn two_level_header_spreads_groups_over_sub_columns() {
        let (t, _) = table("表 2 口岸货运量\n（单位：万吨）\n口岸\t2021 年\t2022 年\n\t进口\t出口\t进口\t出口\n满洲里\t1\t2\t3\t4\n总计\t1\t2\t3\t4");
        assert_eq!(t.unit.as_deref(), Some("万吨"));
        assert_eq!(t.columns, ["口岸", "2021 年进口", "2021 年出口", "2022 年进口", "2022 年出口"]);
        assert_eq!(t.rows.iter().map(|r| r.total).collect::<Vec<_>>(), [false, true]);
    }

    #[test]
    fn wrapped_header_joins_units_and_repeated_header_is_dropped() {
        let text = "表 1 贸易额（亿美元）\n类别\t出口量\t增长\n\t(百万美元)\t(%)\n甲\t1,070.6\t−95.1\n类别\t出口量\t增长\n\t(百万美元)\t(%)\n乙\t28 734,6\t暂无数据";
        let (t, diags) = table(text);
        assert_eq!((t.caption.as_str(), t.unit.as_deref()), ("贸易额", Some("亿美元")));
        assert_eq!(t.columns, ["类别", "出口量(百万美元)", "增长(%)"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[1].value, Some(1070.6));
        assert_eq!(t.rows[0].cells[2].value, Some(-95.1));
        assert_eq!(t.rows[1].cells[1].value, Some(28734.6));
        assert_eq!(t.rows[1].cells[2].value, None);
        let d: Vec<_> = diags.iter().filter(|d| d.code == "table_header_repeated").collect();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.map(|s| (s.line_start, s.line_end)), Some((5, 6)));
    }

    #[test]
    fn look_alike_captions_are_paragraphs() {
        let text = "表 3 列出了主要口岸的货运量，\n可以看出增长很快。\n\n图 2 展示了贸易额的变化趋势。\n\n表 3 口岸货运量\n口岸\t2021\n满洲里\t1";
        let (blocks, _) = parse_blocks(&split_lines(text));
        let kinds: Vec<&str> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { .. } => "p",
                Block::Table(_) => "t",
                Block::Figure(_) => "f",
                _ => "?",
            })
            .collect();
        assert_eq!(kinds, ["p", "p", "t"]);
    }

    #[test]
    fn number_styles() {
        for (s, v) in
            [("1,070.6", 1070.6), ("28 734,6", 28734.6), ("−95.1", -95.1), ("+12,3%", 12.3), ("１４６．９", 146.9)]
        {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
        for s in ["—", "-", "…", "暂无数据"] {
            assert_eq!(parse_number(s), None, "{s}");
        }
    }

    #[test]
    fn a_short_line_ending_a_page_is_not_a_subheading() {
        let text = "中俄两国\n\u{c}\n在多个领域保持合作。\n\n人文领域\n\n合作继续。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        assert!(
            matches!(&blocks[0], Block::Paragraph { text, .. } if text == "中俄两国在多个领域保持合作。"),
            "{blocks:?}"
        );
        assert!(matches!(&blocks[1], Block::Subheading { text, .. } if text == "人文领域"));
    }

    #[test]
    fn bullets_form_one_list() {
        let text = "- 第一点。\n- 第二点，\n继续。\n\n- 第三点。\n\n正文。";
        let (blocks, _) = parse_blocks(&split_lines(text));
        let Block::List { items, .. } = &blocks[0] else { panic!() };
        assert_eq!(items.len(), 3);
        assert_eq!(items[1].text, "第二点，继续。");
    }
}
