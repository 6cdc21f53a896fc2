//! The flat record kinds: one flat schema per kind of element, the single definition every
//! writer (SQLite, Parquet, CSV, NDJSON, the Python package) is driven by.
//!
//! A kind is a list of typed [`Column`]s ([`RecordKind::columns`]) and [`records`] turns a
//! [`Document`] into rows of [`Value`]s in exactly that column order. Every record carries
//! `document_id` (the source's SHA-256), its element `id` (see [`crate::model::ids`]) and its lines
//! (`line_start`/`line_end`); [`RecordKind::primary_key`] and [`RecordKind::foreign_keys`]
//! describe how the kinds join. A writer never looks at the document itself: it maps
//! [`ColumnType`]s to its own types and writes the rows.

pub use crate::model::chunks::{Options, DEFAULT_CHUNK_CHARS};
use crate::model::{Block, Container, Document, Span};
use serde_json::{Map, Value as Json};
use std::fmt;

/// The kinds of flat records, one table / file / `kind` value each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    /// One record per document.
    Documents,
    /// One record per author.
    Authors,
    /// One record per heading (parts, chapters, sections, groups, categories, subheadings).
    Headings,
    /// One record per paragraph.
    Paragraphs,
    /// One record per table.
    Tables,
    /// One record per table cell.
    TableCells,
    /// One record per figure.
    Figures,
    /// One record per recommendation.
    Recommendations,
    /// One record per chronology entry.
    Entries,
    /// One record per diagnostic.
    Diagnostics,
    /// One record per chunk of text for retrieval.
    Chunks,
}

/// The type of a column, mapped by each writer to its own types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// UTF-8 text.
    Text,
    /// A 64-bit signed integer.
    Int,
    /// A 64-bit float.
    Float,
    /// A calendar date (ISO `YYYY-MM-DD` in text formats, days since 1970-01-01 in binary ones).
    Date,
    /// A boolean.
    Bool,
    /// A list of texts (a JSON array in text formats).
    TextList,
}

impl ColumnType {
    /// The type's name as documented in the README (`text`, `date`, `list<text>`…).
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Int => "int",
            ColumnType::Float => "float",
            ColumnType::Date => "date",
            ColumnType::Bool => "bool",
            ColumnType::TextList => "list<text>",
        }
    }
}

/// One column of a record kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The column name.
    pub name: &'static str,
    /// The column type.
    pub ty: ColumnType,
    /// Whether the column may hold `Null`.
    pub nullable: bool,
    /// What the column holds, for the documentation.
    pub doc: &'static str,
}

/// Columns of one kind that refer to the key of another kind (`document_id` included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForeignKey {
    /// The referencing columns.
    pub columns: &'static [&'static str],
    /// The kind referred to.
    pub references: RecordKind,
    /// The referenced key columns of that kind, in the same order.
    pub referenced: &'static [&'static str],
}

const fn col(name: &'static str, ty: ColumnType, nullable: bool, doc: &'static str) -> Column {
    Column { name, ty, nullable, doc }
}

use ColumnType::{Bool, Date as DateType, Float, Int, Text, TextList};

const DOCUMENT_ID: Column = col("document_id", Text, false, "SHA-256 of the source file (lowercase hex)");
const LINE_START: Column = col("line_start", Int, false, "first line of the element (1-based)");
const LINE_END: Column = col("line_end", Int, false, "last line of the element (inclusive)");
const CONTAINER: [Column; 3] = [
    col("container_id", Text, false, "the part, chapter, section or front matter (`fm`) holding the block"),
    col("chapter_id", Text, true, "the chapter the block belongs to"),
    col("section_id", Text, true, "the section the block belongs to"),
];

const DOCUMENTS: &[Column] = &[
    DOCUMENT_ID,
    col("id", Text, false, "always `doc`"),
    col("path", Text, false, "the input path as given at conversion"),
    col("bytes", Int, false, "size of the input in bytes"),
    col("encoding", Text, false, "encoding the input was decoded from"),
    col("schema_version", Text, false, "version of the JSON contract the document was read from"),
    col("title", Text, true, "report title (`中俄对话：2020模式`)"),
    col("date", Text, true, "publication date as printed, `YYYY-MM`"),
    col("edition_year", Int, true, "the year in the title (`2020模式`), else the year of `date`"),
    col("institutions", TextList, false, "publishing institutions"),
    col("chronology_title", Text, true, "title of the chronology appendix"),
    col("period_start", DateType, true, "first day of the period the chronology covers"),
    col("period_end", DateType, true, "last day of the period the chronology covers"),
    col("authors", Int, false, "number of author records"),
    col("chapters", Int, false, "number of chapters"),
    col("sections", Int, false, "number of sections"),
    col("paragraphs", Int, false, "number of paragraph records"),
    col("tables", Int, false, "number of tables"),
    col("table_cells", Int, false, "number of table cells"),
    col("figures", Int, false, "number of figures"),
    col("recommendations", Int, false, "number of recommendations"),
    col("entries", Int, false, "number of chronology entries"),
    col("diagnostics", Int, false, "number of diagnostics"),
    LINE_START,
    col("line_end", Int, false, "number of lines of the input"),
];

const AUTHORS: &[Column] = &[
    DOCUMENT_ID,
    col("id", Text, false, "element id (`meta.a3`)"),
    col("name", Text, false, "the person's name as printed"),
    col("team", Text, false, "`cn` or `ru`"),
    col("role", Text, false, "`lead`, `member`, `translator` or `proofreader`"),
    col("affiliation", Text, true, "institution and position as printed"),
    LINE_START,
    LINE_END,
];

const HEADINGS: &[Column] = &[
    DOCUMENT_ID,
    col("id", Text, false, "element id of the headed element (`ch3.s2`, `chron.c4`, `ch1.s1.b3`)"),
    col(
        "type",
        Text,
        false,
        "`part`, `chapter`, `section`, `recommendations`, `group`, `chronology`, `category` or `subheading`",
    ),
    col("level", Int, false, "1 parts and chapters, 2 sections, groups and categories, 3 subheadings"),
    col("parent_id", Text, true, "the enclosing heading's id"),
    col("label", Text, true, "printed label (`第一章`)"),
    col("number", Int, true, "number read from the label"),
    col("title", Text, false, "heading text without the label"),
    col("line_start", Int, false, "first line of the heading"),
    col("line_end", Int, false, "last line of the heading"),
];

const PARAGRAPHS: &[Column] = &[
    DOCUMENT_ID,
    col("id", Text, false, "element id (`ch1.s2.b4`, list items `ch1.s2.b5.i1`)"),
    CONTAINER[0],
    CONTAINER[1],
    CONTAINER[2],
    col("type", Text, false, "`paragraph` or `list_item`"),
    col("list_id", Text, true, "the list block of a list item"),
    col("number", Int, true, "printed number of a numbered list item"),
    col("text", Text, false, "the text, lines re-flowed"),
    col("key", Text, false, "content key: 16 hex digits of the SHA-256 of `type` and `text`, the same in two runs"),
    LINE_START,
    LINE_END,
];

const TABLES: &[Column] = &[
    DOCUMENT_ID,
    col("id", Text, false, "element id (`ch2.s1.b7`)"),
    CONTAINER[0],
    CONTAINER[1],
    CONTAINER[2],
    col("label", Text, false, "printed label (`表 2`)"),
    col("number", Int, false, "number read from the label"),
    col("caption", Text, false, "caption without label and unit"),
    col("unit", Text, true, "unit from `（单位：…）`"),
    col("columns", TextList, false, "header cells"),
    col("rows", Int, false, "number of data rows"),
    col("source_note", Text, true, "source note under the table"),
    LINE_START,
    LINE_END,
];

const TABLE_CELLS: &[Column] = &[
    DOCUMENT_ID,
    col("id", Text, false, "`<table id>.r<row>.c<column>`"),
    col("table_id", Text, false, "the table"),
    col("row", Int, false, "data row (1-based, header excluded)"),
    col("column", Int, false, "column (1-based)"),
    col("column_name", Text, true, "header cell of the column (null past the header in a ragged row)"),
    col("text", Text, false, "the cell as printed"),
    col("value", Float, true, "the cell read as a number"),
    col("total", Bool, false, "the cell's row is a total row (`合计`, `总计`, `Итого`, `Total`)"),
    LINE_START,
    LINE_END,
];

const FIGURES: &[Column] = &[
    DOCUMENT_ID,
    col("id", Text, false, "element id"),
    CONTAINER[0],
    CONTAINER[1],
    CONTAINER[2],
    col("label", Text, false, "printed label (`图 1`)"),
    col("number", Int, false, "number read from the label"),
    col("caption", Text, false, "caption without label and unit"),
    col("unit", Text, true, "unit from `（单位：…）`"),
    col("source_note", Text, true, "source note under the figure"),
    LINE_START,
    LINE_END,
];

const RECOMMENDATIONS: &[Column] = &[
    DOCUMENT_ID,
    col("id", Text, false, "element id (`rec.g2.i3`)"),
    col("group_id", Text, false, "the topic group (`rec.g2`)"),
    col("group_title", Text, true, "the group's topic heading"),
    col("number", Int, false, "printed item number"),
    col("text", Text, false, "the whole item, paragraphs joined with `\\n`"),
    LINE_START,
    LINE_END,
];

const ENTRIES: &[Column] = &[
    DOCUMENT_ID,
    col("id", Text, false, "element id (`chron.c4.e17`)"),
    col("category_id", Text, false, "the category (`chron.c4`)"),
    col("category", Text, false, "the category heading"),
    col("date_text", Text, true, "the date as printed"),
    col("date_start", DateType, true, "first day (the corrected date when flagged `date_corrected`)"),
    col("date_end", DateType, true, "last day"),
    col("date_precision", Text, true, "`day` or `month`"),
    col("literal_start", DateType, true, "literal reading of a corrected date: first day"),
    col("literal_end", DateType, true, "literal reading of a corrected date: last day"),
    col("title", Text, false, "event title"),
    col("description", Text, false, "paragraphs after the title, joined with `\\n`"),
    col("items", TextList, false, "numbered sub-list, item texts"),
    col("flags", TextList, false, "anomaly flags (`date_missing`, `out_of_order`…)"),
    col("key", Text, false, "content key: 16 hex digits of the SHA-256 of category, `date_text` and title"),
    LINE_START,
    LINE_END,
];

const DIAGNOSTICS: &[Column] = &[
    DOCUMENT_ID,
    col("id", Text, false, "element id (`diag.12`)"),
    col("severity", Text, false, "`error`, `warning` or `info`"),
    col("code", Text, false, "diagnostic code (README table)"),
    col("message", Text, false, "one-line explanation"),
    col("element_id", Text, true, "innermost element covering the lines"),
    col("line_start", Int, true, "first line concerned (null for the whole input)"),
    col("line_end", Int, true, "last line concerned"),
];

const CHUNKS: &[Column] = &[
    DOCUMENT_ID,
    col("id", Text, false, "`chunk.<n>`, in document order"),
    col("type", Text, false, "`text` (paragraphs, list items, figures), `table`, `recommendations` or `entry`"),
    col(
        "container_id",
        Text,
        false,
        "the part, chapter, section, front matter (`fm`), recommendation group or category",
    ),
    col("heading_path", TextList, false, "the headings above the chunk, outermost first (`第四章 …`, `第二节 …`)"),
    col("element_ids", TextList, false, "the elements the chunk holds, in order"),
    col("text", Text, false, "the text (tables as Markdown rows under their caption and header)"),
    col("chars", Int, false, "length of the text in characters"),
    LINE_START,
    LINE_END,
];

const BY_DOCUMENT: ForeignKey =
    ForeignKey { columns: &["document_id"], references: RecordKind::Documents, referenced: &["document_id"] };

impl RecordKind {
    /// Every kind, parents before the kinds referring to them.
    pub const ALL: [RecordKind; 11] = [
        RecordKind::Documents,
        RecordKind::Authors,
        RecordKind::Headings,
        RecordKind::Paragraphs,
        RecordKind::Tables,
        RecordKind::TableCells,
        RecordKind::Figures,
        RecordKind::Recommendations,
        RecordKind::Entries,
        RecordKind::Diagnostics,
        RecordKind::Chunks,
    ];

    /// The kind's name: table, file stem and NDJSON `kind` value (`table_cells`).
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Documents => "documents",
            RecordKind::Authors => "authors",
            RecordKind::Headings => "headings",
            RecordKind::Paragraphs => "paragraphs",
            RecordKind::Tables => "tables",
            RecordKind::TableCells => "table_cells",
            RecordKind::Figures => "figures",
            RecordKind::Recommendations => "recommendations",
            RecordKind::Entries => "entries",
            RecordKind::Diagnostics => "diagnostics",
            RecordKind::Chunks => "chunks",
        }
    }

    /// The kind named `name`, if any.
    pub fn from_name(name: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// One line on what a record of this kind is.
    pub fn doc(self) -> &'static str {
        match self {
            RecordKind::Documents => "one per converted document: source, title page, chronology period, counts",
            RecordKind::Authors => "one per person and role of the author list and credit lines",
            RecordKind::Headings => {
                "parts, chapters, sections, recommendation groups, chronology categories and subheadings"
            }
            RecordKind::Paragraphs => "body paragraphs and list items, with their chapter and section",
            RecordKind::Tables => "one per table: caption, unit, header, source note",
            RecordKind::TableCells => "one per data cell, with its column name and numeric value",
            RecordKind::Figures => "one per figure caption",
            RecordKind::Recommendations => "one per numbered recommendation, with its group",
            RecordKind::Entries => "one per chronology event, with its category, dates and flags",
            RecordKind::Diagnostics => "everything the converter noticed, linked to its element",
            RecordKind::Chunks => {
                "the text in pieces for retrieval: paragraphs of one section up to a size, a table, an entry"
            }
        }
    }

    /// The kind's columns, in row order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            RecordKind::Documents => DOCUMENTS,
            RecordKind::Authors => AUTHORS,
            RecordKind::Headings => HEADINGS,
            RecordKind::Paragraphs => PARAGRAPHS,
            RecordKind::Tables => TABLES,
            RecordKind::TableCells => TABLE_CELLS,
            RecordKind::Figures => FIGURES,
            RecordKind::Recommendations => RECOMMENDATIONS,
            RecordKind::Entries => ENTRIES,
            RecordKind::Diagnostics => DIAGNOSTICS,
            RecordKind::Chunks => CHUNKS,
        }
    }

    /// The position of the column named `name`.
    pub fn column_index(self, name: &str) -> Option<usize> {
        self.columns().iter().position(|c| c.name == name)
    }

    /// The columns that identify a record.
    pub fn primary_key(self) -> &'static [&'static str] {
        match self {
            RecordKind::Documents => &["document_id"],
            _ => &["document_id", "id"],
        }
    }

    /// The references to other kinds. A null in a referring column refers to nothing.
    pub fn foreign_keys(self) -> &'static [ForeignKey] {
        const HEADING: RecordKind = RecordKind::Headings;
        match self {
            RecordKind::Documents => &[],
            RecordKind::Headings => &[
                BY_DOCUMENT,
                ForeignKey {
                    columns: &["document_id", "parent_id"],
                    references: HEADING,
                    referenced: &["document_id", "id"],
                },
            ],
            RecordKind::Paragraphs | RecordKind::Tables | RecordKind::Figures => &[
                BY_DOCUMENT,
                ForeignKey {
                    columns: &["document_id", "chapter_id"],
                    references: HEADING,
                    referenced: &["document_id", "id"],
                },
                ForeignKey {
                    columns: &["document_id", "section_id"],
                    references: HEADING,
                    referenced: &["document_id", "id"],
                },
            ],
            RecordKind::TableCells => &[
                BY_DOCUMENT,
                ForeignKey {
                    columns: &["document_id", "table_id"],
                    references: RecordKind::Tables,
                    referenced: &["document_id", "id"],
                },
            ],
            RecordKind::Entries => &[
                BY_DOCUMENT,
                ForeignKey {
                    columns: &["document_id", "category_id"],
                    references: HEADING,
                    referenced: &["document_id", "id"],
                },
            ],
            RecordKind::Authors | RecordKind::Recommendations | RecordKind::Diagnostics | RecordKind::Chunks => {
                &[BY_DOCUMENT]
            }
        }
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, 1-based.
    pub day: u8,
}

impl Date {
    /// Read an ISO `YYYY-MM-DD` date; `None` when it is not one or names no real day.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let t = s.get(r)?;
            t.bytes().all(|c| c.is_ascii_digit()).then(|| t.parse().ok()).flatten()
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month).contains(&day).then_some(Date { year: year as i32, month: month as u8, day: day as u8 })
    }

    /// Days since 1970-01-01 (negative before), as in Arrow's Date32 and Parquet's DATE.
    pub fn days_since_epoch(self) -> i32 {
        // Howard Hinnant's days_from_civil.
        let y = self.year - i32::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i32::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i32::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// One cell of a record. `Null` is allowed only in nullable columns.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value.
    Null,
    /// A text.
    Text(String),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A calendar date.
    Date(Date),
    /// A boolean.
    Bool(bool),
    /// A list of texts.
    TextList(Vec<String>),
}

impl Value {
    /// The value as JSON: dates as ISO text, lists as arrays.
    pub fn to_json(&self) -> Json {
        match self {
            Value::Null => Json::Null,
            Value::Text(s) => Json::String(s.clone()),
            Value::Int(n) => Json::from(*n),
            Value::Float(x) => serde_json::Number::from_f64(*x).map_or(Json::Null, Json::Number),
            Value::Date(d) => Json::String(d.to_string()),
            Value::Bool(b) => Json::Bool(*b),
            Value::TextList(v) => Json::Array(v.iter().cloned().map(Json::String).collect()),
        }
    }

    /// The text of a `Text` value.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<Option<&str>> for Value {
    fn from(s: Option<&str>) -> Value {
        s.map_or(Value::Null, Value::from)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Int(i64::from(n))
    }
}

impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<Option<u32>> for Value {
    fn from(n: Option<u32>) -> Value {
        n.map_or(Value::Null, Value::from)
    }
}

/// One record: one value per column of its kind, in column order.
pub type Row = Vec<Value>;

/// A document that cannot be flattened: a field that must be a date is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{element}: {field} is not an ISO date: {value:?}")]
pub struct RecordError {
    /// Id of the offending element.
    pub element: String,
    /// Name of the field that is not a date.
    pub field: &'static str,
    /// The value found.
    pub value: String,
}

fn date(element: &str, field: &'static str, s: Option<&str>) -> Result<Value, RecordError> {
    match s {
        None => Ok(Value::Null),
        Some(s) => Date::parse_iso(s).map(Value::Date).ok_or_else(|| RecordError {
            element: element.to_string(),
            field,
            value: s.to_string(),
        }),
    }
}

fn lines(span: Span) -> [Value; 2] {
    [Value::from(span.line_start), Value::from(span.line_end)]
}

fn container(c: Container<'_>) -> [Value; 3] {
    [
        Value::from(c.id()),
        Value::from(c.chapter().map(|c| c.id.as_str())),
        Value::from(c.section().map(|s| s.id.as_str())),
    ]
}

/// `document_id`, `id`, then the rest, then the lines.
fn row(doc_id: &str, id: &str, middle: impl IntoIterator<Item = Value>, span: [Value; 2]) -> Row {
    let mut r = vec![Value::from(doc_id), Value::from(id)];
    r.extend(middle);
    r.extend(span);
    r
}

/// A content key: the first 16 hex digits of the SHA-256 of the parts, each followed by a
/// unit separator (U+001F). It depends on the content only, not on the position, so two runs
/// of the converter or two dumps of one report give an element the same key (two elements with
/// the same content share it).
pub fn content_key(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0x1f]);
    }
    h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The year in `…2020模式`, else the year of a `YYYY-MM` date.
pub fn edition_year(doc: &Document) -> Option<i64> {
    let from_title = doc.metadata.title.as_deref().and_then(|t| {
        let head = t.split("模式").next().filter(|h| h.len() < t.len())?;
        let digits: String = head.chars().rev().take_while(char::is_ascii_digit).collect();
        (digits.len() == 4).then(|| digits.chars().rev().collect::<String>().parse().ok()).flatten()
    });
    from_title.or_else(|| doc.metadata.date.as_deref().and_then(|d| d.get(0..4)).and_then(|y| y.parse().ok()))
}

/// The records of one kind, in document order, each in the order of [`RecordKind::columns`],
/// with the default [`Options`].
pub fn records(doc: &Document, kind: RecordKind) -> Result<Vec<Row>, RecordError> {
    records_with(doc, kind, &Options::default())
}

/// The records of one kind with `options` (the size of chunks).
pub fn records_with(doc: &Document, kind: RecordKind, options: &Options) -> Result<Vec<Row>, RecordError> {
    let mut out = Vec::new();
    match kind {
        RecordKind::Documents => out.push(document_row(doc)?),
        RecordKind::Authors => authors(doc, &mut out),
        RecordKind::Headings => headings(doc, &mut out),
        RecordKind::Paragraphs => paragraphs(doc, &mut out),
        RecordKind::Tables => tables(doc, &mut out),
        RecordKind::TableCells => table_cells(doc, &mut out),
        RecordKind::Figures => figures(doc, &mut out),
        RecordKind::Recommendations => recommendations(doc, &mut out),
        RecordKind::Entries => entries(doc, &mut out)?,
        RecordKind::Diagnostics => diagnostics(doc, &mut out),
        RecordKind::Chunks => chunk_rows(doc, options, &mut out),
    }
    Ok(out)
}

fn document_row(doc: &Document) -> Result<Row, RecordError> {
    let id = doc.source.sha256.as_str();
    let chron = doc.chronology.as_ref();
    let period = chron.and_then(|c| c.period.as_ref());
    let count = |k: RecordKind| records(doc, k).map(|r| Value::from(r.len()));
    let last_line = doc.source.lines.max(1);
    Ok(row(
        id,
        "doc",
        [
            Value::from(doc.source.path.as_str()),
            Value::Int(i64::try_from(doc.source.bytes).unwrap_or(i64::MAX)),
            Value::from(doc.source.encoding.as_str()),
            Value::from(doc.schema_version.as_str()),
            Value::from(doc.metadata.title.as_deref()),
            Value::from(doc.metadata.date.as_deref()),
            edition_year(doc).map_or(Value::Null, Value::Int),
            Value::TextList(doc.metadata.institutions.clone()),
            Value::from(chron.map(|c| c.title.as_str())),
            date("chron", "period.start", period.map(|p| p.start.as_str()))?,
            date("chron", "period.end", period.map(|p| p.end.as_str()))?,
            Value::from(doc.metadata.authors.len()),
            Value::from(doc.chapters.len()),
            Value::from(doc.chapters.iter().map(|c| c.sections.len()).sum::<usize>()),
            count(RecordKind::Paragraphs)?,
            Value::from(doc.tables().count()),
            Value::from(doc.tables().map(|(_, t)| t.rows.iter().map(|r| r.cells.len()).sum::<usize>()).sum::<usize>()),
            Value::from(doc.figures().count()),
            Value::from(doc.recommendations().count()),
            Value::from(doc.entries().count()),
            Value::from(doc.diagnostics.len()),
        ],
        [Value::from(1u32), Value::from(last_line)],
    ))
}

fn authors(doc: &Document, out: &mut Vec<Row>) {
    let id = doc.source.sha256.as_str();
    for a in &doc.metadata.authors {
        let team = match a.team {
            crate::model::Team::Cn => "cn",
            crate::model::Team::Ru => "ru",
        };
        let role = match a.role {
            crate::model::Role::Lead => "lead",
            crate::model::Role::Member => "member",
            crate::model::Role::Translator => "translator",
            crate::model::Role::Proofreader => "proofreader",
        };
        let middle = [Value::from(a.name.as_str()), team.into(), role.into(), a.affiliation.as_deref().into()];
        out.push(row(id, &a.id, middle, lines(a.span)));
    }
}

fn paragraphs(doc: &Document, out: &mut Vec<Row>) {
    let id = doc.source.sha256.as_str();
    for (c, b) in doc.blocks() {
        match b {
            Block::Paragraph { id: pid, text, span, .. } => {
                let mut middle = container(c).to_vec();
                middle.extend([
                    "paragraph".into(),
                    Value::Null,
                    Value::Null,
                    text.as_str().into(),
                    content_key(&["paragraph", text]).into(),
                ]);
                out.push(row(id, pid, middle, lines(*span)));
            }
            Block::List { id: list_id, items, .. } => {
                for item in items {
                    let mut middle = container(c).to_vec();
                    middle.extend([
                        "list_item".into(),
                        list_id.as_str().into(),
                        item.number.into(),
                        item.text.as_str().into(),
                        content_key(&["list_item", &item.text]).into(),
                    ]);
                    out.push(row(id, &item.id, middle, lines(item.span)));
                }
            }
            Block::Subheading { .. } | Block::Table(_) | Block::Figure(_) => {}
        }
    }
}

fn tables(doc: &Document, out: &mut Vec<Row>) {
    let id = doc.source.sha256.as_str();
    for (c, t) in doc.tables() {
        let mut middle = container(c).to_vec();
        middle.extend([
            t.label.as_str().into(),
            t.number.into(),
            t.caption.as_str().into(),
            t.unit.as_deref().into(),
            Value::TextList(t.columns.clone()),
            t.rows.len().into(),
            t.source_note.as_deref().into(),
        ]);
        out.push(row(id, &t.id, middle, lines(t.span)));
    }
}

fn table_cells(doc: &Document, out: &mut Vec<Row>) {
    let id = doc.source.sha256.as_str();
    for (_, t) in doc.tables() {
        for (r, cells) in t.rows.iter().enumerate() {
            for (k, cell) in cells.cells.iter().enumerate() {
                let middle = [
                    t.id.as_str().into(),
                    (r + 1).into(),
                    (k + 1).into(),
                    t.columns.get(k).map(String::as_str).into(),
                    cell.text.as_str().into(),
                    cell.value.map_or(Value::Null, Value::Float),
                    cells.total.into(),
                ];
                out.push(row(id, &format!("{}.r{}.c{}", t.id, r + 1, k + 1), middle, lines(cell.span)));
            }
        }
    }
}

fn figures(doc: &Document, out: &mut Vec<Row>) {
    let id = doc.source.sha256.as_str();
    for (c, f) in doc.figures() {
        let mut middle = container(c).to_vec();
        middle.extend([
            f.label.as_str().into(),
            f.number.into(),
            f.caption.as_str().into(),
            f.unit.as_deref().into(),
            f.source_note.as_deref().into(),
        ]);
        out.push(row(id, &f.id, middle, lines(f.span)));
    }
}

fn recommendations(doc: &Document, out: &mut Vec<Row>) {
    let id = doc.source.sha256.as_str();
    for (g, r) in doc.recommendations() {
        let middle = [g.id.as_str().into(), g.title.as_deref().into(), r.number.into(), r.text.as_str().into()];
        out.push(row(id, &r.id, middle, lines(r.span)));
    }
}

fn entries(doc: &Document, out: &mut Vec<Row>) -> Result<(), RecordError> {
    let id = doc.source.sha256.as_str();
    for (c, e) in doc.entries() {
        let d = &e.date;
        let precision = d.precision.map(|p| match p {
            crate::model::Precision::Day => "day",
            crate::model::Precision::Month => "month",
        });
        let literal = d.literal.as_ref();
        let middle = [
            c.id.as_str().into(),
            c.name.as_str().into(),
            d.text.as_deref().into(),
            date(&e.id, "date.start", d.start.as_deref())?,
            date(&e.id, "date.end", d.end.as_deref())?,
            precision.into(),
            date(&e.id, "date.literal.start", literal.map(|l| l.start.as_str()))?,
            date(&e.id, "date.literal.end", literal.map(|l| l.end.as_str()))?,
            e.title.as_str().into(),
            e.description.as_str().into(),
            Value::TextList(e.items.iter().map(|i| i.text.clone()).collect()),
            Value::TextList(e.flags.iter().map(|f| f.as_str().to_string()).collect()),
            content_key(&[&c.name, d.text.as_deref().unwrap_or_default(), &e.title]).into(),
        ];
        out.push(row(id, &e.id, middle, lines(e.span)));
    }
    Ok(())
}

fn diagnostics(doc: &Document, out: &mut Vec<Row>) {
    let id = doc.source.sha256.as_str();
    for d in &doc.diagnostics {
        let severity = match d.severity {
            crate::model::Severity::Error => "error",
            crate::model::Severity::Warning => "warning",
            crate::model::Severity::Info => "info",
        };
        let middle = [severity.into(), d.code.as_str().into(), d.message.as_str().into(), d.element.as_deref().into()];
        let span = d.span.map_or([Value::Null, Value::Null], lines);
        out.push(row(id, &d.id, middle, span));
    }
}

fn chunk_rows(doc: &Document, options: &Options, out: &mut Vec<Row>) {
    let id = doc.source.sha256.as_str();
    for (k, c) in crate::model::chunks::chunks(doc, options).into_iter().enumerate() {
        let chars = c.text.chars().count();
        let middle = [
            Value::from(c.kind),
            Value::from(c.container_id),
            Value::TextList(c.heading_path),
            Value::TextList(c.element_ids),
            Value::from(c.text),
            Value::from(chars),
        ];
        out.push(row(id, &format!("chunk.{}", k + 1), middle, [c.line_start.into(), c.line_end.into()]));
    }
}

fn headings(doc: &Document, out: &mut Vec<Row>) {
    let id = doc.source.sha256.as_str();
    #[allow(clippy::too_many_arguments)]
    fn heading(
        out: &mut Vec<Row>,
        doc_id: &str,
        eid: &str,
        kind: &str,
        level: u32,
        parent: Option<&str>,
        label: Option<&str>,
        number: Option<u32>,
        title: &str,
        span: Span,
    ) {
        let middle = [kind.into(), level.into(), parent.into(), label.into(), number.into(), title.into()];
        out.push(row(doc_id, eid, middle, lines(span)));
    }
    let subheadings = |out: &mut Vec<Row>, c: Container<'_>, blocks: &[Block]| {
        let parent = match c {
            Container::FrontMatter => None,
            _ => Some(c.id()),
        };
        for b in blocks {
            if let Block::Subheading { id: bid, text, span, .. } = b {
                heading(out, id, bid, "subheading", 3, parent, None, None, text, *span);
            }
        }
    };
    subheadings(out, Container::FrontMatter, &doc.front_matter);
    for p in doc.summary.iter().chain(doc.preface.iter()) {
        heading(out, id, &p.id, "part", 1, None, None, None, &p.title, p.heading_span);
        subheadings(out, Container::Part(p), &p.blocks);
    }
    for ch in &doc.chapters {
        heading(out, id, &ch.id, "chapter", 1, None, Some(&ch.label), Some(ch.number), &ch.title, ch.heading_span);
        subheadings(out, Container::Chapter(ch), &ch.blocks);
        for s in &ch.sections {
            heading(
                out,
                id,
                &s.id,
                "section",
                2,
                Some(&ch.id),
                Some(&s.label),
                Some(s.number),
                &s.title,
                s.heading_span,
            );
            subheadings(out, Container::Section(ch, s), &s.blocks);
        }
    }
    if let Some(rec) = &doc.recommendations {
        heading(out, id, &rec.id, "recommendations", 1, None, None, None, &rec.title, rec.heading_span);
        for g in &rec.groups {
            if let (Some(title), Some(span)) = (&g.title, g.heading_span) {
                heading(out, id, &g.id, "group", 2, Some(&rec.id), None, None, title, span);
            }
        }
    }
    if let Some(chron) = &doc.chronology {
        heading(out, id, &chron.id, "chronology", 1, None, None, None, &chron.title, chron.title_span);
        for c in &chron.categories {
            heading(out, id, &c.id, "category", 2, Some(&chron.id), None, None, &c.name, c.heading_span);
        }
    }
}

/// The README's table of record kinds: kind, what a record is, its columns (`name type`,
/// `?` when nullable), keys. The README is checked against this by a test.
pub fn markdown_table() -> String {
    let mut out = String::from("| kind | one record per… | columns (`?` nullable) | references |\n|---|---|---|---|\n");
    for k in RecordKind::ALL {
        let cols: Vec<String> = k
            .columns()
            .iter()
            .map(|c| format!("`{}` {}{}", c.name, c.ty.name(), if c.nullable { "?" } else { "" }))
            .collect();
        let refs: Vec<String> = k
            .foreign_keys()
            .iter()
            .filter(|f| f.columns != ["document_id"])
            .map(|f| format!("`{}` → {}", f.columns.last().copied().unwrap_or_default(), f.references.name()))
            .collect();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            k.name(),
            k.doc().replace('|', "\\|"),
            cols.join(", ").replace('|', "\\|"),
            if refs.is_empty() { "—".to_string() } else { refs.join(", ") }
        ));
    }
    out
}

/// A record as a JSON object keyed by column name.
pub fn to_json_row(kind: RecordKind, row: &[Value]) -> Map<String, Json> {
    kind.columns().iter().zip(row).map(|(c, v)| (c.name.to_string(), v.to_json())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_columns_start_with_the_keys() {
        for k in RecordKind::ALL {
            assert_eq!(RecordKind::from_name(k.name()), Some(k));
            let cols = k.columns();
            assert_eq!(cols[0].name, "document_id");
            assert_eq!(cols[1].name, "id");
            assert!(cols.iter().any(|c| c.name == "line_start") && cols.iter().any(|c| c.name == "line_end"));
            let mut names: Vec<&str> = cols.iter().map(|c| c.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), cols.len(), "{k}: duplicate column");
            // NDJSON records carry their kind in a `kind` field of their own.
            assert!(!names.contains(&"kind"), "{k}: a column named kind");
            for fk in k.foreign_keys() {
                assert!(fk.columns.iter().all(|c| k.column_index(c).is_some()), "{k}: {fk:?}");
                assert!(fk.referenced.iter().all(|c| fk.references.column_index(c).is_some()), "{k}: {fk:?}");
            }
        }
        assert_eq!(RecordKind::from_name("cells"), None);
    }

    #[test]
    fn dates_count_days_from_the_epoch() {
        let d = |s| Date::parse_iso(s).map(Date::days_since_epoch);
        assert_eq!(d("1970-01-01"), Some(0));
        assert_eq!(d("2000-03-01"), Some(11_017));
        assert_eq!(d("2020-02-29"), Some(18_321));
        assert_eq!(d("1969-12-31"), Some(-1));
        assert_eq!(d("2019-02-29"), None);
        assert_eq!(d("2019-13-01"), None);
        assert_eq!(d("2019-1-01"), None);
        assert_eq!(Date::parse_iso("2020-05-09").map(|d| d.to_string()).as_deref(), Some("2020-05-09"));
    }

    #[test]
    fn rows_match_their_columns_in_length_type_and_nullability() {
        let text = "中俄对话：2020模式\n\n目录\n第一章 甲乙\t1\n\n第一章 甲乙\n第一节 丙丁\n正文第一段。\n\n表 1 数字（单位：%）\n年份\t数值\n2019\t12,5\n2020\t文字\n合计\t12,5\n\n- 项目一\n- 项目二\n";
        let doc = crate::convert_bytes(text.as_bytes(), "t.txt").expect("converts");
        for k in RecordKind::ALL {
            let rows = records(&doc, k).expect("flattens");
            for r in &rows {
                assert_eq!(r.len(), k.columns().len(), "{k}");
                for (c, v) in k.columns().iter().zip(r) {
                    let ok = match (c.ty, v) {
                        (_, Value::Null) => c.nullable,
                        (ColumnType::Text, Value::Text(_))
                        | (ColumnType::Int, Value::Int(_))
                        | (ColumnType::Float, Value::Float(_))
                        | (ColumnType::Date, Value::Date(_))
                        | (ColumnType::Bool, Value::Bool(_))
                        | (ColumnType::TextList, Value::TextList(_)) => true,
                        _ => false,
                    };
                    assert!(ok, "{k}.{}: {v:?}", c.name);
                }
            }
        }
        let cells = records(&doc, RecordKind::TableCells).expect("flattens");
        assert_eq!(cells.len(), 6);
        let json = to_json_row(RecordKind::TableCells, &cells[1]);
        assert_eq!(json["column_name"], "数值");
        assert_eq!(json["value"], 12.5);
        assert_eq!(json["row"], 1);
        assert_eq!(json["total"], false);
        let total = to_json_row(RecordKind::TableCells, &cells[5]);
        assert_eq!((&total["row"], &total["total"]), (&3.into(), &true.into()), "{total:?}");
        let paragraphs = records(&doc, RecordKind::Paragraphs).expect("flattens");
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
        assert_eq!(edition_year(&doc), Some(2020));
    }

    #[test]
    fn content_keys_follow_the_content_not_the_position() {
        let text = "中俄对话：2020模式\n\n附录\n\n2019 第二季度至 2020 年第一季度中俄关系大事记\n\n全球治理\n\n- 2019 年 4 月 4 日 **会谈**\n";
        let inserted = text.replace("- 2019 年 4 月 4 日", "- 2019 年 4 月 3 日 **新的**\n- 2019 年 4 月 4 日");
        let keys = |t: &str| -> Vec<(String, String)> {
            let doc = crate::convert_bytes(t.as_bytes(), "t.txt").expect("converts");
            let k = RecordKind::Entries;
            let (id, key) = (k.column_index("id").expect("id"), k.column_index("key").expect("key"));
            let rows = records(&doc, k).expect("flattens");
            rows.iter()
                .map(|r| (r[id].as_text().unwrap_or_default().into(), r[key].as_text().unwrap_or_default().into()))
                .collect()
        };
        let (a, b) = (keys(text), keys(&inserted));
        assert_eq!(a.len(), 1);
        assert_eq!(b.len(), 2);
        // The entry moved from e1 to e2 and kept its key.
        assert_eq!((b[1].0.as_str(), &b[1].1), ("chron.c1.e2", &a[0].1));
        assert_ne!(b[0].1, a[0].1);
        assert_eq!(a[0].1.len(), 16);
        assert_eq!(content_key(&["a", "b"]), content_key(&["a", "b"]));
        assert_ne!(content_key(&["ab", ""]), content_key(&["a", "b"]));
    }

    #[test]
    fn a_date_that_is_not_iso_is_an_error_naming_the_element() {
        let text = "中俄对话：2020模式\n\n附录\n\n2019 第二季度至 2020 年第一季度中俄关系大事记\n\n全球治理\n\n- 2019 年 4 月 4 日 **会谈**\n";
        let mut doc = crate::convert_bytes(text.as_bytes(), "t.txt").expect("converts");
        let entry = doc.chronology.as_mut().and_then(|c| c.categories.first_mut()).and_then(|c| c.entries.first_mut());
        let Some(entry) = entry else { panic!("one entry") };
        entry.date.start = Some("2019-04-31".into());
        let err = records(&doc, RecordKind::Entries).expect_err("not a date");
        assert_eq!(err.element, "chron.c1.e1");
        assert_eq!(err.field, "date.start");
    }
}

#[cfg(test)]
mod readme {
    #[test]
    fn the_readme_lists_the_record_kinds_as_defined() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
        let table = super::markdown_table();
        assert!(readme.contains(&table), "README.md's record kinds table is out of date; replace it with:\n{table}");
    }
}

#[cfg(test)]
mod sample_counts {
    use super::*;

    #[test]
    fn the_sample_flattens_to_its_element_counts() {
        let bytes = std::fs::read("input/china-russia-dialogue-2020.zh.txt").expect("sample");
        let doc = crate::convert_bytes(&bytes, "sample.txt").expect("converts");
        let n = |k| records(&doc, k).expect("flattens").len();
        assert_eq!(n(RecordKind::Entries), 656);
        assert_eq!(n(RecordKind::TableCells), 146);
        assert_eq!(n(RecordKind::Recommendations), 26);
        assert_eq!(n(RecordKind::Documents), 1);
    }
}
