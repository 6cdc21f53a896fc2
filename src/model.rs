//! The document model: the single source of the JSON contract.
//!
//! Every type here derives `Serialize` (the JSON output), `Deserialize` (so `eval` and downstream
//! Rust code can read documents back) and `JsonSchema` (so `schemas/document.schema.json` is
//! generated from these very types). Field names and meanings are the public contract; see
//! `README.md` for the tour and `SCHEMA_VERSION` for its version.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the JSON contract. Bump the minor version when adding fields, the major version
/// when renaming or removing one.
pub const SCHEMA_VERSION: &str = "1.1.0";

/// Where an element comes from in the decoded input text.
///
/// Lines are 1-based and inclusive. Bytes are offsets into the decoded UTF-8 text (for a UTF-8
/// input without BOM, the offsets into the file itself), `byte_end` exclusive and excluding the
/// line terminator of the last line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    pub line_start: u32,
    pub line_end: u32,
    pub byte_start: u64,
    pub byte_end: u64,
}

impl Span {
    /// The smallest span that covers both `self` and `other`.
    pub fn join(self, other: Span) -> Span {
        Span {
            line_start: self.line_start.min(other.line_start),
            line_end: self.line_end.max(other.line_end),
            byte_start: self.byte_start.min(other.byte_start),
            byte_end: self.byte_end.max(other.byte_end),
        }
    }
}

/// Where one page ends: the furniture printed around the break. The lines between the last
/// body line of a page and the first body line of the next (headers, page numbers, footnotes,
/// blank lines) lie inside `span`; footnotes are listed in [`Document::footnotes`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PageBreak {
    /// The number of the page that ends here (printed, or counted from the neighbouring breaks).
    pub page: Option<u32>,
    /// The furniture lines, in order.
    pub lines: Vec<FurnitureLine>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    /// A line holding only the page number (`12`, `- 12 -`, `第 12 页`).
    PageNumber,
    /// A running header or footer (report or chapter title), possibly with the page number.
    Header,
    /// A line holding only a form feed.
    FormFeed,
    /// The rule printed above footnotes.
    Rule,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FurnitureLine {
    pub kind: FurnitureKind,
    /// The line as printed, trimmed.
    pub text: String,
    pub span: Span,
}

/// A footnote at a page bottom. Its marker stays in the body text as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Footnote {
    /// The printed number (`1`, `¹`, `[1]`).
    pub number: u32,
    /// The note, wrapped lines joined.
    pub text: String,
    /// The page the footnote is printed on.
    pub page: Option<u32>,
    /// The body line that carries its marker, when exactly one line of its page does.
    pub marker: Option<Span>,
    pub span: Span,
}

/// One converted document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "crdoc document")]
pub struct Document {
    /// Version of this contract (`SCHEMA_VERSION`).
    pub schema_version: String,
    pub generator: Generator,
    pub source: Source,
    pub metadata: Metadata,
    /// Front-matter text that is not a metadata field (e.g. the introductory paragraph).
    pub front_matter: Vec<Block>,
    /// The `目录` heading line, when there is one.
    pub toc_heading_span: Option<Span>,
    pub toc: Vec<TocEntry>,
    pub summary: Option<Part>,
    pub preface: Option<Part>,
    pub chapters: Vec<Chapter>,
    pub recommendations: Option<Recommendations>,
    pub chronology: Option<Chronology>,
    /// Page furniture (running headers, page numbers, form feeds) removed from the text, one
    /// record per page break, in input order.
    pub page_breaks: Vec<PageBreak>,
    /// Footnotes printed at page bottoms, in input order.
    pub footnotes: Vec<Footnote>,
    /// Everything the converter noticed: anomalies, mismatches, text it could not place.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Generator {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The input path as given (`-` for standard input).
    pub path: String,
    /// SHA-256 of the input bytes, lowercase hex.
    pub sha256: String,
    /// Size of the input in bytes.
    pub bytes: u64,
    /// Encoding used to decode the input (`UTF-8`, `UTF-16LE`, `GB18030`, …).
    pub encoding: String,
    /// How the encoding was chosen: `bom`, `utf8` (valid UTF-8) or `detected`.
    pub encoding_source: String,
    /// Number of lines of the decoded text.
    pub lines: u32,
    /// Line terminators found: `lf`, `crlf`, `cr`, `mixed` or `none`.
    pub line_endings: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Metadata {
    pub title: Option<String>,
    /// Publication date as `YYYY-MM`.
    pub date: Option<String>,
    pub institutions: Vec<String>,
    pub authors: Vec<Author>,
    /// The lines the metadata fields were read from (title, institutions, date).
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Team {
    Cn,
    Ru,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Lead,
    Member,
    Translator,
    Proofreader,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Author {
    pub name: String,
    pub team: Team,
    pub role: Role,
    pub affiliation: Option<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TocEntry {
    /// `第一章`, `第一节`; null for parts (概要, 序言, 建议, 附录…).
    pub label: Option<String>,
    pub title: String,
    pub page: Option<u32>,
    /// 1 for parts and chapters, 2 for sections.
    pub level: u8,
    pub span: Span,
}

/// An unnumbered part of the report: 概要, 序言.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Part {
    pub title: String,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    pub heading_span: Span,
    pub span: Span,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Chapter {
    pub number: u32,
    /// The printed label, e.g. `第一章`.
    pub label: String,
    pub title: String,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    pub heading_span: Span,
    pub span: Span,
    /// Blocks between the chapter heading and its first section.
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    pub number: u32,
    /// The printed label, e.g. `第一节`.
    pub label: String,
    pub title: String,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    pub heading_span: Span,
    pub span: Span,
    pub blocks: Vec<Block>,
}

/// A block of body text, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph, re-flowed: lines broken by wrapping or page breaks are joined.
    Paragraph {
        text: String,
        /// The page on which the paragraph starts (null when the dump prints no page numbers).
        page: Option<u32>,
        span: Span,
    },
    /// An unnumbered heading inside a section (a short line without closing punctuation).
    Subheading {
        text: String,
        page: Option<u32>,
        span: Span,
    },
    /// A bulleted or numbered list.
    List {
        items: Vec<ListItem>,
        page: Option<u32>,
        span: Span,
    },
    Table(Table),
    Figure(Figure),
}

impl Block {
    pub fn span(&self) -> Span {
        match self {
            Block::Paragraph { span, .. } | Block::Subheading { span, .. } => *span,
            Block::List { span, .. } => *span,
            Block::Table(t) => t.span,
            Block::Figure(f) => f.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ListItem {
    /// The printed number for numbered lists.
    pub number: Option<u32>,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// The printed label without a trailing dot: `表一`, `表 2`.
    pub label: String,
    pub number: u32,
    pub caption: String,
    /// Unit from the `（单位：…）` parenthetical, a unit in brackets ending the caption
    /// (`…贸易额（亿美元）`) or a unit line between caption and header.
    pub unit: Option<String>,
    /// Header cells (stray wrapping spaces between CJK characters removed).
    pub columns: Vec<String>,
    /// The data rows, in printed order (a header printed again after a page break is not a row).
    pub rows: Vec<Row>,
    /// The source note under the table, without its `(信息来源)` marker.
    pub source_note: Option<String>,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// A total row (`合计`, `总计`, `Итого`, `Total`).
    pub total: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    /// The cell as printed (stray wrapping spaces between CJK characters removed).
    pub text: String,
    /// The cell read as a number (`42619,3` → 42619.3, `1,070.6`, `28 734,6`, `−95.1`, `+12,3%`,
    /// full-width digits), null for text and for `—`, `-`, `…`, `暂无数据`.
    pub value: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Figure {
    pub label: String,
    pub number: u32,
    pub caption: String,
    pub unit: Option<String>,
    pub source_note: Option<String>,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Recommendations {
    pub title: String,
    pub heading_span: Span,
    pub span: Span,
    pub groups: Vec<RecommendationGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecommendationGroup {
    /// The topic heading; null for items before any heading.
    pub title: Option<String>,
    pub heading_span: Option<Span>,
    pub items: Vec<Recommendation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Recommendation {
    pub number: u32,
    /// The whole item: its first paragraph without the number, then its following paragraphs,
    /// joined with `\n`.
    pub text: String,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Chronology {
    /// The chronology's title, e.g. `2019 第二季度至 2020 年第一季度中俄关系大事记`.
    pub title: String,
    pub title_span: Span,
    /// The period named in the title, when it can be read.
    pub period: Option<DateRange>,
    pub heading_span: Span,
    pub span: Span,
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DateRange {
    /// ISO `YYYY-MM-DD`.
    pub start: String,
    /// ISO `YYYY-MM-DD`.
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Category {
    pub name: String,
    pub heading_span: Span,
    pub span: Span,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entry {
    pub date: EntryDate,
    /// The event title, joined when wrapped, `**` markup removed.
    pub title: String,
    /// Every paragraph after the title, in order, joined with `\n`.
    pub description: String,
    /// A numbered sub-list (e.g. documents signed during a visit).
    pub items: Vec<EntryItem>,
    pub flags: Vec<Flag>,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntryDate {
    /// The date as printed; null when the date was lost.
    pub text: Option<String>,
    /// First day (ISO); the corrected date when `date_corrected` is flagged; null when unknown.
    pub start: Option<String>,
    /// Last day (ISO, equal to `start` for one day); null when unknown.
    pub end: Option<String>,
    pub precision: Option<Precision>,
    /// The literal reading of `text` when it differs from `start`/`end` (`date_corrected`).
    pub literal: Option<DateRange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntryItem {
    pub number: u32,
    pub text: String,
    pub span: Span,
}

/// Anomaly flags on a chronology entry. Each flag comes with a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The entry has no date (lost in extraction).
    DateMissing,
    /// `start`/`end` hold a corrected date; `date.literal` holds the printed reading.
    DateCorrected,
    /// The printed start lies outside the period named in the chronology title.
    OutOfPeriod,
    /// `月` printed where `日` was meant.
    MonthForDay,
    /// The printed date cannot be read as a valid date; the readable part is kept.
    DateGarbled,
    /// The entry breaks the chronological order of its category.
    OutOfOrder,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::DateMissing => "date_missing",
            Flag::DateCorrected => "date_corrected",
            Flag::OutOfPeriod => "out_of_period",
            Flag::MonthForDay => "month_for_day",
            Flag::DateGarbled => "date_garbled",
            Flag::OutOfOrder => "out_of_order",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `toc_mismatch`, `date_out_of_order`, `unplaced_text`.
    pub code: String,
    pub message: String,
    pub span: Option<Span>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &str, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic { severity, code: code.to_string(), message: message.into(), span }
    }
}
