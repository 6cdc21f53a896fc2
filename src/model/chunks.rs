//! The `chunks` record kind's rows: the text of a document cut into pieces for retrieval
//! (embedding, RAG), each with its heading path, the ids of the elements it holds and its lines.
//!
//! - Paragraphs, list items and figure captions of one container (the front matter, a part, a
//!   chapter before its first section, a section) are grouped in order up to a size bound
//!   ([`Options::chunk_chars`] characters); a chunk never crosses a container, nor a
//!   subheading (which goes into the heading path of the chunks after it). An element longer
//!   than the bound is a chunk of its own, never cut.
//! - A table is its own chunk: caption, Markdown rows (the header repeated in every piece when
//!   the rows are split to fit the bound), source note.
//! - Recommendations are grouped like paragraphs within their topic group.
//! - Every chronology entry is one chunk: date, title, description, sub-items.

use crate::model::{Block, Container, Document, Span, Table};

/// Options of the record kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The size bound of a chunk, in characters (a single longer element is not cut).
    pub chunk_chars: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { chunk_chars: DEFAULT_CHUNK_CHARS }
    }
}

/// The default size bound of a chunk, in characters.
pub const DEFAULT_CHUNK_CHARS: usize = 1000;

/// One chunk, before it becomes a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// `text`, `table`, `recommendations` or `entry`.
    pub kind: &'static str,
    /// The element holding the chunk's elements (`ch4.s2`, `fm`, `rec.g1`, `chron.c3`).
    pub container_id: String,
    /// The headings above the chunk, outermost first.
    pub heading_path: Vec<String>,
    /// The ids of the elements in the chunk, in order.
    pub element_ids: Vec<String>,
    /// The text.
    pub text: String,
    /// The first line.
    pub line_start: u32,
    /// The last line.
    pub line_end: u32,
}

/// A cell of a Markdown pipe table: pipes escaped, line breaks as spaces.
pub fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A Markdown pipe-table row.
pub fn md_row<'a>(cells: impl IntoIterator<Item = &'a str>) -> String {
    let cells: Vec<String> = cells.into_iter().map(md_cell).collect();
    format!("| {} |", cells.join(" | "))
}

/// The header and delimiter rows of a table (at least one column).
pub fn md_header(t: &Table) -> String {
    let width = t.columns.len().max(t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)).max(1);
    let names: Vec<&str> = (0..width).map(|k| t.columns.get(k).map_or("", String::as_str)).collect();
    format!("{}\n|{}", md_row(names), "---|".repeat(width))
}

/// A data row of a table, padded to the header's width.
pub fn md_data_row(t: &Table, row: &crate::model::Row) -> String {
    let width = t.columns.len().max(row.cells.len());
    md_row((0..width).map(|k| row.cells.get(k).map_or("", |c| c.text.as_str())))
}

/// The caption line of a table: label, caption, unit.
pub fn table_title(t: &Table) -> String {
    match &t.unit {
        Some(u) => format!("{} {}（单位：{u}）", t.label, t.caption),
        None => format!("{} {}", t.label, t.caption),
    }
}

/// The heading path of a container.
pub fn heading_path(c: Container<'_>) -> Vec<String> {
    match c {
        Container::FrontMatter => vec![],
        Container::Part(p) => vec![p.title.clone()],
        Container::Chapter(ch) => vec![format!("{} {}", ch.label, ch.title)],
        Container::Section(ch, s) => vec![format!("{} {}", ch.label, ch.title), format!("{} {}", s.label, s.title)],
    }
}

/// Groups consecutive pieces of one container up to the bound, in order into `out`.
struct Grouper<'a> {
    out: &'a mut Vec<Chunk>,
    bound: usize,
    kind: &'static str,
    container_id: String,
    path: Vec<String>,
    open: Option<(Chunk, usize)>,
}

impl Grouper<'_> {
    fn add(&mut self, id: &str, text: &str, span: Span) {
        let n = text.chars().count();
        if let Some((c, size)) = &mut self.open {
            if *size + 1 + n <= self.bound {
                c.element_ids.push(id.to_string());
                c.text.push('\n');
                c.text.push_str(text);
                c.line_end = c.line_end.max(span.line_end);
                *size += 1 + n;
                return;
            }
        }
        self.flush();
        let chunk = Chunk {
            kind: self.kind,
            container_id: self.container_id.clone(),
            heading_path: self.path.clone(),
            element_ids: vec![id.to_string()],
            text: text.to_string(),
            line_start: span.line_start,
            line_end: span.line_end,
        };
        self.open = Some((chunk, n));
    }

    fn flush(&mut self) {
        if let Some((c, _)) = self.open.take() {
            self.out.push(c);
        }
    }
}

/// The chunks of a table: caption and header repeated in each piece, rows up to the bound,
/// the source note in the last piece.
fn table_chunks(out: &mut Vec<Chunk>, container_id: &str, path: &[String], t: &Table, bound: usize) {
    let head = format!("{}\n{}", table_title(t), md_header(t));
    let head_len = head.chars().count();
    // (text, first line, last line) of each piece.
    let mut pieces: Vec<(String, u32, u32)> = Vec::new();
    let mut open: Option<(String, usize, u32, u32)> = None;
    for row in &t.rows {
        let line = md_data_row(t, row);
        let n = line.chars().count() + 1;
        let first = row.cells.iter().map(|c| c.span.line_start).min().unwrap_or(t.span.line_start);
        let last = row.cells.iter().map(|c| c.span.line_end).max().unwrap_or(first);
        if let Some((text, size, a, b)) = open.take() {
            if size + n > bound {
                pieces.push((text, a, b));
            } else {
                open = Some((text, size, a, b));
            }
        }
        let (text, size, _, b) = open.get_or_insert_with(|| (head.clone(), head_len, first, last));
        text.push('\n');
        text.push_str(&line);
        *size += n;
        *b = (*b).max(last);
    }
    if let Some((text, _, a, b)) = open {
        pieces.push((text, a, b));
    }
    if pieces.is_empty() {
        pieces.push((head, t.span.line_start, t.span.line_end));
    }
    let count = pieces.len();
    for (k, (mut text, first, last)) in pieces.into_iter().enumerate() {
        let line_start = if k == 0 { t.span.line_start } else { first };
        let line_end = if k + 1 == count { t.span.line_end } else { last };
        if k + 1 == count {
            if let Some(n) = &t.source_note {
                text.push_str("\n资料来源：");
                text.push_str(n);
            }
        }
        out.push(Chunk {
            kind: "table",
            container_id: container_id.to_string(),
            heading_path: path.to_vec(),
            element_ids: vec![t.id.clone()],
            text,
            line_start,
            line_end: line_end.max(line_start),
        });
    }
}

/// The chunks of the blocks of one container.
fn container_chunks(out: &mut Vec<Chunk>, c: Container<'_>, blocks: &[Block], bound: usize) {
    let mut g =
        Grouper { out, bound, kind: "text", container_id: c.id().to_string(), path: heading_path(c), open: None };
    for b in blocks {
        match b {
            Block::Paragraph { id, text, span, .. } => g.add(id, text, *span),
            Block::List { items, .. } => {
                for item in items {
                    let text = match item.number {
                        Some(n) => format!("{n}. {}", item.text),
                        None => format!("- {}", item.text),
                    };
                    g.add(&item.id, &text, item.span);
                }
            }
            Block::Subheading { text, .. } => {
                g.flush();
                g.path = heading_path(c);
                g.path.push(text.clone());
            }
            Block::Figure(f) => g.add(&f.id, &format!("{} {}", f.label, f.caption), f.span),
            Block::Table(t) => {
                g.flush();
                let path = g.path.clone();
                table_chunks(g.out, c.id(), &path, t, bound);
            }
        }
    }
    g.flush();
}

/// The chunks of the body blocks, container by container.
fn block_chunks(doc: &Document, bound: usize, out: &mut Vec<Chunk>) {
    container_chunks(out, Container::FrontMatter, &doc.front_matter, bound);
    for p in doc.summary.iter().chain(doc.preface.iter()) {
        container_chunks(out, Container::Part(p), &p.blocks, bound);
    }
    for ch in &doc.chapters {
        container_chunks(out, Container::Chapter(ch), &ch.blocks, bound);
        for s in &ch.sections {
            container_chunks(out, Container::Section(ch, s), &s.blocks, bound);
        }
    }
}

/// Every chunk of the document, in document order.
pub fn chunks(doc: &Document, options: &Options) -> Vec<Chunk> {
    let bound = options.chunk_chars.max(1);
    let mut out = Vec::new();
    block_chunks(doc, bound, &mut out);
    if let Some(rec) = &doc.recommendations {
        for group in &rec.groups {
            let mut path = vec![rec.title.clone()];
            path.extend(group.title.clone());
            let mut g = Grouper {
                out: &mut out,
                bound,
                kind: "recommendations",
                container_id: group.id.clone(),
                path,
                open: None,
            };
            for r in &group.items {
                g.add(&r.id, &format!("{}. {}", r.number, r.text), r.span);
            }
            g.flush();
        }
    }
    if let Some(chron) = &doc.chronology {
        for cat in &chron.categories {
            for e in &cat.entries {
                let mut text = match &e.date.text {
                    Some(d) => format!("{d} {}", e.title),
                    None => e.title.clone(),
                };
                if !e.description.is_empty() {
                    text.push('\n');
                    text.push_str(&e.description);
                }
                let mut element_ids = vec![e.id.clone()];
                for item in &e.items {
                    text.push_str(&format!("\n{}. {}", item.number, item.text));
                    element_ids.push(item.id.clone());
                }
                out.push(Chunk {
                    kind: "entry",
                    container_id: cat.id.clone(),
                    heading_path: vec![chron.title.clone(), cat.name.clone()],
                    element_ids,
                    text,
                    line_start: e.span.line_start,
                    line_end: e.span.line_end,
                });
            }
        }
    }
    out
}
