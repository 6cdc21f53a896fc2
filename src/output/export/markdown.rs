//! Markdown: a directory with one `<name>.md` per document (the input's file name, `.md` for
//! `.txt`/`.json`), CommonMark with GFM pipe tables, read from the flat records like every other
//! format: the elements of every kind put back in printed order by their first line.
//!
//! - YAML front matter: title, date, institutions, authors, the document id and the source path;
//! - the title as a `#` heading, then the headings at their record levels (`#` parts, chapters,
//!   the recommendations and the chronology; `##` sections, groups and categories; `###`
//!   subheadings);
//! - paragraphs; list items as `-` or numbered items; tables as pipe tables under a bold
//!   caption line with the unit, the source note under them; figures as an italic caption;
//!   recommendations as numbered items; the chronology as a list per category, each entry
//!   `**date** title` with its description and sub-items under it;
//! - every element's id as an HTML comment (`<!-- ch1.s2.b4 -->`), at the end of its line
//!   (on its own line before a table), so a reader can trace any text back to the JSON.

use super::{output_dir, Flat, Sink, Staged};
use crate::model::chunks::md_row;
use crate::model::records::{RecordKind, Row, Value};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

pub struct MarkdownSink {
    dir: PathBuf,
    staged: Staged,
    names: HashSet<String>,
}

impl MarkdownSink {
    pub fn open(dir: &Path) -> Result<Self, String> {
        output_dir(dir)?;
        Ok(MarkdownSink { dir: dir.to_path_buf(), staged: Staged::default(), names: HashSet::new() })
    }
}

/// The value of column `name` of a record of `kind`.
fn get<'a>(kind: RecordKind, row: &'a Row, name: &str) -> &'a Value {
    kind.column_index(name).and_then(|k| row.get(k)).unwrap_or(&Value::Null)
}

fn text<'a>(kind: RecordKind, row: &'a Row, name: &str) -> &'a str {
    get(kind, row, name).as_text().unwrap_or_default()
}

fn int(kind: RecordKind, row: &Row, name: &str) -> Option<i64> {
    match get(kind, row, name) {
        Value::Int(n) => Some(*n),
        _ => None,
    }
}

fn list<'a>(kind: RecordKind, row: &'a Row, name: &str) -> &'a [String] {
    match get(kind, row, name) {
        Value::TextList(v) => v,
        _ => &[],
    }
}

/// Inline text: Markdown's punctuation escaped, so the parser gives the text back as it is.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '|' | '#' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    // A line that would open a block (`1. `, `- `, `+ `, `=`) is kept a paragraph.
    let starts_block = out.starts_with(['-', '+', '='])
        || out.find(['.', ')']).is_some_and(|k| k > 0 && k < 10 && out[..k].bytes().all(|b| b.is_ascii_digit()));
    if starts_block {
        if let Some(k) = out.find(['-', '+', '=', '.', ')']) {
            out.insert(k, '\\');
        }
    }
    out
}

fn comment(id: &str) -> String {
    format!("<!-- {} -->", id.replace("--", "- -"))
}

fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The document's Markdown text.
pub fn render(doc: &Flat) -> String {
    let mut out = String::new();
    front_matter(doc, &mut out);
    // Every element, placed by its first line (a heading before what starts on its line).
    let mut pieces: Vec<(i64, usize, RecordKind, &Row)> = Vec::new();
    let kinds = [
        RecordKind::Headings,
        RecordKind::Paragraphs,
        RecordKind::Tables,
        RecordKind::Figures,
        RecordKind::Recommendations,
        RecordKind::Entries,
    ];
    for (rank, kind) in kinds.into_iter().enumerate() {
        for r in doc.rows(kind) {
            pieces.push((int(kind, r, "line_start").unwrap_or(0), rank.min(1), kind, r));
        }
    }
    pieces.sort_by_key(|(line, rank, _, _)| (*line, *rank));
    let cells = cells_by_table(doc);
    // The list the previous line belongs to, so that its items stay one tight list.
    let mut previous_list: Option<String> = None;
    for &(_, _, kind, r) in &pieces {
        let list = match kind {
            RecordKind::Paragraphs => get(kind, r, "list_id").as_text().map(str::to_string),
            RecordKind::Recommendations => Some(text(kind, r, "group_id").to_string()),
            _ => None,
        };
        if list.is_none() || list != previous_list {
            out.push('\n');
        }
        previous_list = list;
        match kind {
            RecordKind::Headings => heading(r, &mut out),
            RecordKind::Paragraphs => paragraph(r, &mut out),
            RecordKind::Tables => table(r, cells.get(text(kind, r, "id")), &mut out),
            RecordKind::Figures => figure(r, &mut out),
            RecordKind::Recommendations => recommendation(r, &mut out),
            _ => entry(r, &mut out),
        }
    }
    out
}

fn front_matter(doc: &Flat, out: &mut String) {
    let k = RecordKind::Documents;
    let Some(d) = doc.rows(k).first() else { return };
    out.push_str("---\n");
    out.push_str(&format!("title: {}\n", yaml(text(k, d, "title"))));
    if let Some(date) = get(k, d, "date").as_text() {
        out.push_str(&format!("date: {}\n", yaml(date)));
    }
    out.push_str("institutions:\n");
    for i in list(k, d, "institutions") {
        out.push_str(&format!("  - {}\n", yaml(i)));
    }
    out.push_str("authors:\n");
    let a = RecordKind::Authors;
    for r in doc.rows(a) {
        out.push_str(&format!(
            "  - {{name: {}, team: {}, role: {}, id: {}}}\n",
            yaml(text(a, r, "name")),
            text(a, r, "team"),
            text(a, r, "role"),
            yaml(text(a, r, "id"))
        ));
    }
    out.push_str(&format!("document_id: {}\n", yaml(&doc.document_id)));
    out.push_str(&format!("source: {}\n", yaml(text(k, d, "path"))));
    out.push_str("---\n\n");
    let title = get(k, d, "title").as_text().unwrap_or(text(k, d, "path"));
    out.push_str(&format!("# {} {}\n", inline(title), comment("doc")));
}

fn heading(r: &Row, out: &mut String) {
    let k = RecordKind::Headings;
    let level = int(k, r, "level").unwrap_or(1).clamp(1, 6) as usize;
    let title = match get(k, r, "label").as_text() {
        Some(label) => format!("{label} {}", text(k, r, "title")),
        None => text(k, r, "title").to_string(),
    };
    out.push_str(&format!("{} {} {}\n", "#".repeat(level), inline(&title), comment(text(k, r, "id"))));
}

fn paragraph(r: &Row, out: &mut String) {
    let k = RecordKind::Paragraphs;
    let body = format!("{} {}", inline(text(k, r, "text")), comment(text(k, r, "id")));
    match (text(k, r, "type"), int(k, r, "number")) {
        ("list_item", Some(n)) => out.push_str(&format!("{n}. {body}\n")),
        ("list_item", None) => out.push_str(&format!("- {body}\n")),
        _ => out.push_str(&format!("{body}\n")),
    }
}

type Cells<'a> = BTreeMap<&'a str, BTreeMap<i64, Vec<(i64, &'a str)>>>;

fn cells_by_table(doc: &Flat) -> Cells<'_> {
    let k = RecordKind::TableCells;
    let mut m: Cells<'_> = BTreeMap::new();
    for r in doc.rows(k) {
        let (Some(row), Some(col)) = (int(k, r, "row"), int(k, r, "column")) else { continue };
        m.entry(text(k, r, "table_id")).or_default().entry(row).or_default().push((col, text(k, r, "text")));
    }
    m
}

fn table(r: &Row, rows: Option<&BTreeMap<i64, Vec<(i64, &str)>>>, out: &mut String) {
    let k = RecordKind::Tables;
    let mut caption = format!("{} {}", text(k, r, "label"), text(k, r, "caption"));
    if let Some(unit) = get(k, r, "unit").as_text() {
        caption.push_str(&format!("（单位：{unit}）"));
    }
    out.push_str(&format!("**{}** {}\n\n", inline(&caption), comment(text(k, r, "id"))));
    let columns = list(k, r, "columns");
    let width = rows
        .into_iter()
        .flat_map(|m| m.values())
        .flat_map(|cells| cells.iter().map(|(c, _)| *c as usize))
        .chain([columns.len(), 1])
        .max()
        .unwrap_or(1);
    out.push_str(&md_row((0..width).map(|c| columns.get(c).map_or("", String::as_str))));
    out.push_str(&format!("\n|{}\n", "---|".repeat(width)));
    for cells in rows.into_iter().flat_map(|m| m.values()) {
        let mut line = vec![""; width];
        for (c, t) in cells {
            if let Some(slot) = usize::try_from(*c - 1).ok().and_then(|c| line.get_mut(c)) {
                *slot = t;
            }
        }
        out.push_str(&md_row(line));
        out.push('\n');
    }
    if let Some(note) = get(k, r, "source_note").as_text() {
        out.push_str(&format!("\n资料来源：{}\n", inline(note)));
    }
}

fn figure(r: &Row, out: &mut String) {
    let k = RecordKind::Figures;
    let mut caption = format!("{} {}", text(k, r, "label"), text(k, r, "caption"));
    if let Some(unit) = get(k, r, "unit").as_text() {
        caption.push_str(&format!("（单位：{unit}）"));
    }
    out.push_str(&format!("*{}* {}\n", inline(&caption), comment(text(k, r, "id"))));
    if let Some(note) = get(k, r, "source_note").as_text() {
        out.push_str(&format!("\n资料来源：{}\n", inline(note)));
    }
}

fn recommendation(r: &Row, out: &mut String) {
    let k = RecordKind::Recommendations;
    let n = int(k, r, "number").unwrap_or(1);
    let mut paragraphs = text(k, r, "text").split('\n');
    let first = paragraphs.next().unwrap_or_default();
    out.push_str(&format!("{n}. {} {}\n", inline(first), comment(text(k, r, "id"))));
    let indent = " ".repeat(n.to_string().len() + 2);
    for p in paragraphs.filter(|p| !p.trim().is_empty()) {
        out.push_str(&format!("\n{indent}{}\n", inline(p)));
    }
}

fn entry(r: &Row, out: &mut String) {
    let k = RecordKind::Entries;
    let date = get(k, r, "date_text").as_text().unwrap_or("（日期缺失）");
    out.push_str(&format!("- **{}** {} {}\n", inline(date), inline(text(k, r, "title")), comment(text(k, r, "id"))));
    for p in text(k, r, "description").split('\n').filter(|p| !p.trim().is_empty()) {
        out.push_str(&format!("\n  {}\n", inline(p)));
    }
    for (n, item) in list(k, r, "items").iter().enumerate() {
        out.push_str(&format!("\n  {}. {}\n", n + 1, inline(item)));
    }
}

impl Sink for MarkdownSink {
    fn write(&mut self, doc: &Flat) -> Result<(), String> {
        let path = doc.rows(RecordKind::Documents).first().map(|d| text(RecordKind::Documents, d, "path"));
        let stem = path
            .map(Path::new)
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().trim_end_matches(".json").trim_end_matches(".txt").to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| doc.document_id.clone());
        let mut name = format!("{stem}.md");
        if !self.names.insert(name.clone()) {
            name = format!("{stem}.{}.md", doc.document_id.get(..12).unwrap_or(&doc.document_id));
            self.names.insert(name.clone());
        }
        let tmp = self.staged.add(&self.dir.join(&name));
        std::fs::write(&tmp, render(doc)).map_err(|e| format!("cannot write {name}: {e}"))
    }

    fn finish(self: Box<Self>) -> Result<(), String> {
        self.staged.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn inline_text_cannot_open_a_block_or_markup() {
        assert_eq!(inline("1. 第一"), "1\\. 第一");
        assert_eq!(inline("- 甲"), "\\- 甲");
        assert_eq!(inline("a*b*_c_ <x> [l](u)"), "a\\*b\\*\\_c\\_ \\<x\\> \\[l\\](u)");
        assert_eq!(inline("2020 年 1 月"), "2020 年 1 月");
    }
}
