//! The document model: the single source of the JSON contract.
//!
//! Every type here derives `Serialize` (the JSON output), `Deserialize` (so `eval` and downstream
//! Rust code can read documents back) and `JsonSchema` (so `schemas/document.schema.json` is
//! generated from these very types). Field names and meanings are the public contract; see
//! `README.md` for the tour and `SCHEMA_VERSION` for its version.
//!
//! Around the types: [`ids`] gives every element its id, [`schema`] generates and validates the
//! JSON Schema (with [`conform`], the fast checker), and [`records`] defines the flat record
//! kinds (one definition of each, from which every export format is written).

pub mod chunks;
pub mod conform;
pub mod ids;
pub mod ligatures;
pub mod records;
pub mod schema;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the JSON contract. Bump the minor version when adding fields, the major version
/// when renaming or removing one.
pub const SCHEMA_VERSION: &str = "2.3.0";

/// Where an element comes from in the decoded input text.
///
/// Lines are 1-based and inclusive. Bytes are offsets into the decoded UTF-8 text (for a UTF-8
/// input without BOM, the offsets into the file itself), `byte_end` exclusive and excluding the
/// line terminator of the last line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// First line (1-based).
    pub line_start: u32,
    /// Last line (1-based, inclusive).
    pub line_end: u32,
    /// Byte offset of the first character in the decoded UTF-8 text.
    pub byte_start: u64,
    /// Byte offset just past the last character (exclusive, line terminator excluded).
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
#[serde(deny_unknown_fields)]
pub struct PageBreak {
    /// Element id: `page.<n>`, the n-th page break of the document.
    pub id: String,
    /// The number of the page that ends here (printed, or counted from the neighbouring breaks).
    pub page: Option<u32>,
    /// The furniture lines, in order.
    pub lines: Vec<FurnitureLine>,
    /// Where the break is printed: from its first to its last furniture or footnote line.
    pub span: Span,
}

/// What a furniture line is.
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

/// One line of page furniture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FurnitureLine {
    /// What the line is.
    pub kind: FurnitureKind,
    /// The line as printed, trimmed (form feed removed).
    pub text: String,
    /// The line.
    pub span: Span,
}

/// A footnote at a page bottom. Its marker stays in the body text as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    /// Element id: `fn.<n>`, the n-th footnote of the document.
    pub id: String,
    /// The printed number (`1`, `¹`, `[1]`).
    pub number: u32,
    /// The note, wrapped lines joined.
    pub text: String,
    /// The page the footnote is printed on.
    pub page: Option<u32>,
    /// The body line that carries its marker, when exactly one line of its page does.
    pub marker: Option<Span>,
    /// Where the footnote is printed: all of its lines.
    pub span: Span,
}

/// One converted document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "crdoc document")]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Version of this contract (`SCHEMA_VERSION`).
    pub schema_version: String,
    /// The program that wrote the document.
    pub generator: Generator,
    /// The input file.
    pub source: Source,
    /// Title-page metadata: title, date, institutions, authors.
    pub metadata: Metadata,
    /// Front-matter text that is not a metadata field (e.g. the introductory paragraph).
    pub front_matter: Vec<Block>,
    /// The `目录` heading line, when there is one.
    pub toc_heading_span: Option<Span>,
    /// The table of contents, one entry per printed line.
    pub toc: Vec<TocEntry>,
    /// The summary part (概要), when there is one.
    pub summary: Option<Part>,
    /// The preface part (序言), when there is one.
    pub preface: Option<Part>,
    /// The numbered chapters, in printed order.
    pub chapters: Vec<Chapter>,
    /// The recommendations part (建议), when there is one.
    pub recommendations: Option<Recommendations>,
    /// The chronology appendix (大事记), null when the document has none.
    pub chronology: Option<Chronology>,
    /// Page furniture (running headers, page numbers, form feeds) removed from the text, one
    /// record per page break, in input order.
    pub page_breaks: Vec<PageBreak>,
    /// Footnotes printed at page bottoms, in input order.
    pub footnotes: Vec<Footnote>,
    /// Everything the converter noticed: anomalies, mismatches, text it could not place.
    pub diagnostics: Vec<Diagnostic>,
    /// PDF inputs only (absent for text): where each element was drawn, one record per element
    /// id, in the order of the elements. Spans still point into the derived text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("x-pdf-only" = true))]
    pub boxes: Vec<ElementBox>,
}

/// Where an element of a PDF input was drawn: the page of the file it starts on and the box of
/// its lines on that page, in PDF points (origin at the bottom-left of the page, y up).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElementBox {
    /// The id of the element drawn there (a reference, named like a diagnostic's `element`:
    /// a box is not an element and has no id of its own).
    pub element: String,
    /// 1-based index of the page in the file (not its printed number: see the element's `page`).
    pub page: u32,
    /// Left edge.
    pub x0: f32,
    /// Bottom edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top edge.
    pub y1: f32,
}

/// What a PDF input was (`source.pdf`; absent for text inputs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PdfSource {
    /// Number of pages of the file.
    pub pages: u32,
    /// The document information's `/Producer` (the program that wrote the PDF), when present.
    pub producer: Option<String>,
}

/// The program that produced the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    /// Program name (`crdoc`).
    pub name: String,
    /// Program version.
    pub version: String,
}

/// The input file: path, hash, size and how it was decoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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
    /// The input format: `text` (a dump) or `pdf`. Absent means `text` (documents written before
    /// contract 2.2).
    #[serde(default = "text_format", skip_serializing_if = "is_text_format")]
    #[schemars(extend("x-pdf-only" = true))]
    pub format: String,
    /// PDF inputs only: the file's page count and producer. `encoding`, `lines` and spans then
    /// describe the derived text (what `crdoc text` prints), `bytes` and `sha256` the PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("x-pdf-only" = true))]
    pub pdf: Option<PdfSource>,
}

fn text_format() -> String {
    "text".to_string()
}

fn is_text_format(f: &str) -> bool {
    f == "text"
}

/// Title-page metadata.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// The report title, e.g. `中俄对话：2020模式`.
    pub title: Option<String>,
    /// Publication date as `YYYY-MM`.
    pub date: Option<String>,
    /// The publishing institutions, as named on the title page.
    pub institutions: Vec<String>,
    /// Authors, team leads, translators and proofreaders, one record per person and role.
    pub authors: Vec<Author>,
    /// The lines the metadata fields were read from (title, institutions, date).
    pub spans: Vec<Span>,
}

/// The team an author belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Team {
    /// The Chinese team (also used for translators and proofreaders).
    Cn,
    /// The Russian team.
    Ru,
}

/// An author's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Team lead (负责人).
    Lead,
    /// Team member.
    Member,
    /// Translator.
    Translator,
    /// Proofreader.
    Proofreader,
}

/// One person and role from the author list or the credit lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// Element id, unique in the document and derived from structural position: `meta.a3`: the third author record.
    pub id: String,
    /// The person's name as printed.
    pub name: String,
    /// The team the person belongs to.
    pub team: Team,
    /// The person's role.
    pub role: Role,
    /// Institution and position as printed after the name; null when none is given.
    pub affiliation: Option<String>,
    /// Where the element is printed: all of its lines.
    pub span: Span,
}

/// One line of the table of contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TocEntry {
    /// Element id, unique in the document and derived from structural position: `toc.5`: the fifth TOC line.
    pub id: String,
    /// `第一章`, `第一节`; null for parts (概要, 序言, 建议, 附录…).
    pub label: Option<String>,
    /// The title without label and page number.
    pub title: String,
    /// The page number printed at the end of the line.
    pub page: Option<u32>,
    /// 1 for parts and chapters, 2 for sections.
    pub level: u8,
    /// Where the element is printed: all of its lines.
    pub span: Span,
}

/// An unnumbered part of the report: 概要, 序言.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Element id, unique in the document and derived from structural position: `summary` or `preface`.
    pub id: String,
    /// The part's heading (`概要`, `序言`).
    pub title: String,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    /// The heading line(s).
    pub heading_span: Span,
    /// Where the element is printed: all of its lines.
    pub span: Span,
    /// The body blocks, in printed order.
    pub blocks: Vec<Block>,
}

/// A numbered chapter (`第三章`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// Element id, unique in the document and derived from structural position: `ch3`: the third chapter in document order.
    pub id: String,
    /// The chapter number read from the label.
    pub number: u32,
    /// The printed label, e.g. `第一章`.
    pub label: String,
    /// The heading after the label (joined when wrapped).
    pub title: String,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    /// The heading line(s).
    pub heading_span: Span,
    /// Where the element is printed: all of its lines.
    pub span: Span,
    /// Blocks between the chapter heading and its first section.
    pub blocks: Vec<Block>,
    /// The numbered sections.
    pub sections: Vec<Section>,
}

/// A numbered section of a chapter (`第二节`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Element id, unique in the document and derived from structural position: `ch3.s2`: the second section of its chapter.
    pub id: String,
    /// The section number read from the label.
    pub number: u32,
    /// The printed label, e.g. `第一节`.
    pub label: String,
    /// The heading after the label (joined when wrapped).
    pub title: String,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    /// The heading line(s).
    pub heading_span: Span,
    /// Where the element is printed: all of its lines.
    pub span: Span,
    /// The body blocks, in printed order.
    pub blocks: Vec<Block>,
}

/// A block of body text, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph, re-flowed: lines broken by wrapping or page breaks are joined.
    Paragraph {
        /// Element id: `<container id>.b<n>`, the n-th block of its container.
        id: String,
        /// The text as printed, lines re-flowed.
        text: String,
        /// The page on which the paragraph starts (null when the dump prints no page numbers).
        page: Option<u32>,
        /// Where the element is printed: all of its lines.
        span: Span,
    },
    /// An unnumbered heading inside a section (a short line without closing punctuation).
    Subheading {
        /// Element id: `<container id>.b<n>`, the n-th block of its container.
        id: String,
        /// The text as printed, lines re-flowed.
        text: String,
        /// The page the element is printed on, when known.
        page: Option<u32>,
        /// Where the element is printed: all of its lines.
        span: Span,
    },
    /// A bulleted or numbered list.
    List {
        /// Element id: `<container id>.b<n>`, the n-th block of its container.
        id: String,
        /// The items, in printed order.
        items: Vec<ListItem>,
        /// The page the element is printed on, when known.
        page: Option<u32>,
        /// Where the element is printed: all of its lines.
        span: Span,
    },
    /// A table with its caption, columns, rows and source note.
    Table(Table),
    /// A figure: its caption and source note (the picture itself is not in a text dump).
    Figure(Figure),
}

impl Block {
    /// Where the block is printed.
    pub fn span(&self) -> Span {
        match self {
            Block::Paragraph { span, .. } | Block::Subheading { span, .. } => *span,
            Block::List { span, .. } => *span,
            Block::Table(t) => t.span,
            Block::Figure(f) => f.span,
        }
    }

    /// The block's element id.
    pub fn id(&self) -> &str {
        match self {
            Block::Paragraph { id, .. } | Block::Subheading { id, .. } | Block::List { id, .. } => id,
            Block::Table(t) => &t.id,
            Block::Figure(f) => &f.id,
        }
    }

    /// The block's element id, to be set.
    pub fn id_mut(&mut self) -> &mut String {
        match self {
            Block::Paragraph { id, .. } | Block::Subheading { id, .. } | Block::List { id, .. } => id,
            Block::Table(t) => &mut t.id,
            Block::Figure(f) => &mut f.id,
        }
    }

    /// The value of the block's `type` tag (`paragraph`, `table`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Block::Paragraph { .. } => "paragraph",
            Block::Subheading { .. } => "subheading",
            Block::List { .. } => "list",
            Block::Table(_) => "table",
            Block::Figure(_) => "figure",
        }
    }
}

/// Where a block sits: the front matter, a part, a chapter (before its first section) or a
/// section of a chapter.
#[derive(Debug, Clone, Copy)]
pub enum Container<'a> {
    /// The front matter (`fm`).
    FrontMatter,
    /// The summary or the preface.
    Part(&'a Part),
    /// A chapter's own blocks, before its first section.
    Chapter(&'a Chapter),
    /// A section, with the chapter it belongs to.
    Section(&'a Chapter, &'a Section),
}

impl<'a> Container<'a> {
    /// The container's element id (`fm`, `summary`, `ch3`, `ch3.s2`).
    pub fn id(&self) -> &'a str {
        match self {
            Container::FrontMatter => "fm",
            Container::Part(p) => &p.id,
            Container::Chapter(c) => &c.id,
            Container::Section(_, s) => &s.id,
        }
    }

    /// The chapter the block belongs to, if any.
    pub fn chapter(&self) -> Option<&'a Chapter> {
        match self {
            Container::Chapter(c) | Container::Section(c, _) => Some(c),
            _ => None,
        }
    }

    /// The section the block belongs to, if any.
    pub fn section(&self) -> Option<&'a Section> {
        match self {
            Container::Section(_, s) => Some(s),
            _ => None,
        }
    }
}

impl Document {
    /// Every body block in document order (front matter, summary, preface, then each chapter's
    /// own blocks followed by its sections' blocks), with the container it sits in.
    pub fn blocks(&self) -> impl Iterator<Item = (Container<'_>, &Block)> + '_ {
        let front = self.front_matter.iter().map(|b| (Container::FrontMatter, b));
        let parts = self
            .summary
            .iter()
            .chain(self.preface.iter())
            .flat_map(|p| p.blocks.iter().map(move |b| (Container::Part(p), b)));
        let chapters = self.chapters.iter().flat_map(|c| {
            c.blocks
                .iter()
                .map(move |b| (Container::Chapter(c), b))
                .chain(c.sections.iter().flat_map(move |s| s.blocks.iter().map(move |b| (Container::Section(c, s), b))))
        });
        front.chain(parts).chain(chapters)
    }

    /// Every table in document order, with the container (chapter, section…) it sits in.
    pub fn tables(&self) -> impl Iterator<Item = (Container<'_>, &Table)> + '_ {
        self.blocks().filter_map(|(c, b)| match b {
            Block::Table(t) => Some((c, t)),
            _ => None,
        })
    }

    /// Every figure in document order, with the container it sits in.
    pub fn figures(&self) -> impl Iterator<Item = (Container<'_>, &Figure)> + '_ {
        self.blocks().filter_map(|(c, b)| match b {
            Block::Figure(f) => Some((c, f)),
            _ => None,
        })
    }

    /// Every recommendation with its group, in printed order.
    pub fn recommendations(&self) -> impl Iterator<Item = (&RecommendationGroup, &Recommendation)> + '_ {
        self.recommendations.iter().flat_map(|r| r.groups.iter()).flat_map(|g| g.items.iter().map(move |i| (g, i)))
    }

    /// Every chronology entry with its category, in printed order.
    pub fn entries(&self) -> impl Iterator<Item = (&Category, &Entry)> + '_ {
        self.chronology.iter().flat_map(|c| c.categories.iter()).flat_map(|c| c.entries.iter().map(move |e| (c, e)))
    }
}

/// One item of a list block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    /// Element id, unique in the document and derived from structural position: `<list id>.i2`: the second item of its list.
    pub id: String,
    /// The printed number for numbered lists.
    pub number: Option<u32>,
    /// The item text without its bullet or number.
    pub text: String,
    /// Where the element is printed: all of its lines.
    pub span: Span,
}

/// A table: caption, columns and rows of cells read from tab-separated lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Element id, unique in the document and derived from structural position: `<container id>.b7`: the seventh block of its part, chapter, section or the front matter (`fm`).
    pub id: String,
    /// The printed label without a trailing dot: `表一`, `表 2`.
    pub label: String,
    /// The number read from the label.
    pub number: u32,
    /// The caption after the label, without the unit.
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
    /// Where the element is printed: all of its lines.
    pub span: Span,
}

/// One table row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The cells, in column order.
    pub cells: Vec<Cell>,
    /// A total row (`合计`, `总计`, `Итого`, `Total`).
    pub total: bool,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// The cell as printed (stray wrapping spaces between CJK characters removed).
    pub text: String,
    /// The cell read as a number (`42619,3` → 42619.3, `1,070.6`, `28 734,6`, `−95.1`, `+12,3%`,
    /// full-width digits), null for text and for `—`, `-`, `…`, `暂无数据`.
    pub value: Option<f64>,
    /// Where the cell's text is printed (one line; the bytes of the cell between its tabs).
    pub span: Span,
}

/// A figure caption with its unit and source note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Element id, unique in the document and derived from structural position: `<container id>.b7`: the seventh block of its part, chapter, section or the front matter (`fm`).
    pub id: String,
    /// The printed label without a trailing dot: `图 1`.
    pub label: String,
    /// The number read from the label.
    pub number: u32,
    /// The caption after the label, without the unit.
    pub caption: String,
    /// Unit from the `（单位：…）` parenthetical.
    pub unit: Option<String>,
    /// The source note under the figure, without its `(信息来源)` marker.
    pub source_note: Option<String>,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    /// Where the element is printed: all of its lines.
    pub span: Span,
}

/// The recommendations part: numbered items in topic groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendations {
    /// Element id, unique in the document and derived from structural position: `rec`.
    pub id: String,
    /// The part's heading (`建议`).
    pub title: String,
    /// The heading line(s).
    pub heading_span: Span,
    /// Where the element is printed: all of its lines.
    pub span: Span,
    /// The topic groups, in printed order.
    pub groups: Vec<RecommendationGroup>,
}

/// A topic group of recommendations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationGroup {
    /// Element id, unique in the document and derived from structural position: `rec.g2`: the second group.
    pub id: String,
    /// The topic heading; null for items before any heading.
    pub title: Option<String>,
    /// The topic heading line; null for items before any heading.
    pub heading_span: Option<Span>,
    /// The numbered recommendations of the group.
    pub items: Vec<Recommendation>,
}

/// One numbered recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// Element id, unique in the document and derived from structural position: `rec.g2.i3`: the third item of the second group.
    pub id: String,
    /// The printed item number.
    pub number: u32,
    /// The whole item: its first paragraph without the number, then its following paragraphs,
    /// joined with `\n`.
    pub text: String,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    /// Where the element is printed: all of its lines.
    pub span: Span,
}

/// The chronology appendix: dated events in categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chronology {
    /// Element id, unique in the document and derived from structural position: `chron`.
    pub id: String,
    /// The chronology's title, e.g. `2019 第二季度至 2020 年第一季度中俄关系大事记`.
    pub title: String,
    /// The title line(s).
    pub title_span: Span,
    /// The period named in the title, when it can be read.
    pub period: Option<DateRange>,
    /// The appendix heading line (`附录…`).
    pub heading_span: Span,
    /// Where the element is printed: all of its lines.
    pub span: Span,
    /// The categories (topics), in printed order.
    pub categories: Vec<Category>,
}

/// A closed range of ISO dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// ISO `YYYY-MM-DD`.
    pub start: String,
    /// ISO `YYYY-MM-DD`.
    pub end: String,
}

/// A chronology category (topic).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Element id, unique in the document and derived from structural position: `chron.c4`: the fourth category.
    pub id: String,
    /// The category heading as printed.
    pub name: String,
    /// The heading line(s).
    pub heading_span: Span,
    /// Where the element is printed: all of its lines.
    pub span: Span,
    /// The dated events of the category, in printed order.
    pub entries: Vec<Entry>,
}

/// One dated event of the chronology.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Element id, unique in the document and derived from structural position: `chron.c4.e17`: the seventeenth entry of the fourth category.
    pub id: String,
    /// The event's date: as printed, as read, and how precise.
    pub date: EntryDate,
    /// The event title, joined when wrapped, `**` markup removed.
    pub title: String,
    /// Every paragraph after the title, in order, joined with `\n`.
    pub description: String,
    /// A numbered sub-list (e.g. documents signed during a visit).
    pub items: Vec<EntryItem>,
    /// Anomalies found in the entry (each with a diagnostic).
    pub flags: Vec<Flag>,
    /// The page on which the element starts (null when the dump prints no page numbers).
    pub page: Option<u32>,
    /// Where the element is printed: all of its lines.
    pub span: Span,
}

/// How precise a chronology date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// The date names a day (or a range of days).
    Day,
    /// The date names a month only.
    Month,
}

/// A chronology entry's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryDate {
    /// The date as printed; null when the date was lost.
    pub text: Option<String>,
    /// First day (ISO); the corrected date when `date_corrected` is flagged; null when unknown.
    pub start: Option<String>,
    /// Last day (ISO, equal to `start` for one day); null when unknown.
    pub end: Option<String>,
    /// Whether the date names days or only a month; null when unknown.
    pub precision: Option<Precision>,
    /// The literal reading of `text` when it differs from `start`/`end` (`date_corrected`).
    pub literal: Option<DateRange>,
}

/// One item of an entry's numbered sub-list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryItem {
    /// Element id, unique in the document and derived from structural position: `chron.c4.e17.i2`: the second item of its entry.
    pub id: String,
    /// The printed item number.
    pub number: u32,
    /// The item text without its number.
    pub text: String,
    /// Where the element is printed: all of its lines.
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
    /// The flag as it appears in JSON.
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

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The output is wrong or incomplete here.
    Error,
    /// Something is odd in the input; the converter read it as documented in the message.
    Warning,
    /// A note on how an unusual layout was read.
    Info,
}

/// Something the converter noticed: an anomaly, a mismatch, text it could not place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// Element id, unique in the document and derived from structural position: `diag.12`: the twelfth diagnostic in document order.
    pub id: String,
    /// How serious it is; always the default severity of `code`.
    pub severity: Severity,
    /// Stable machine-readable code from a closed set (see [`DiagnosticCode`]).
    pub code: DiagnosticCode,
    /// A one-line explanation naming what was found and what the converter did about it.
    pub message: String,
    /// The lines concerned; null for a finding about the whole input.
    pub span: Option<Span>,
    /// The id of the innermost element whose span covers `span` (null when none does).
    pub element: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the default severity of `code`; `id` and `element` are filled in when
    /// the document is finished ([`crate::model::ids::assign_ids`]).
    pub fn new(code: DiagnosticCode, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic { id: String::new(), severity: code.severity(), code, message: message.into(), span, element: None }
    }
}

macro_rules! diagnostic_codes {
    ($($(#[doc = $doc:literal])+ $variant:ident = ($code:literal, $sev:ident),)+) => {
        /// Every diagnostic code the converter emits: a closed set. The README's table of codes
        /// is checked against this enum by a test.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum DiagnosticCode {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl DiagnosticCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [DiagnosticCode] = &[$(DiagnosticCode::$variant,)+];

            /// The code as it appears in JSON (`toc_mismatch`).
            pub fn as_str(self) -> &'static str {
                match self { $(DiagnosticCode::$variant => $code,)+ }
            }

            /// The severity every diagnostic with this code has.
            pub fn severity(self) -> Severity {
                match self { $(DiagnosticCode::$variant => Severity::$sev,)+ }
            }

            /// The one-line meaning of the code (its doc comment).
            pub fn description(self) -> &'static str {
                match self { $(DiagnosticCode::$variant => concat!($($doc),+).trim_ascii(),)+ }
            }
        }
    };
}

diagnostic_codes! {
    /// The input held byte sequences invalid in its encoding; they were replaced by U+FFFD.
    InvalidBytes = ("invalid_bytes", Warning),
    /// The input ends inside a multi-byte character (a cut file).
    TruncatedInput = ("truncated_input", Warning),
    /// The input holds NUL bytes; they are kept in the text.
    NulBytes = ("nul_bytes", Warning),
    /// No heading, TOC or chronology was found: the whole text is one part.
    NoStructure = ("no_structure", Warning),
    /// The text ends in the middle of a sentence (a truncated dump).
    EndsMidSentence = ("ends_mid_sentence", Warning),
    /// A TOC title differs from the title of the body heading it points to.
    TocMismatch = ("toc_mismatch", Warning),
    /// A TOC entry has no heading in the body.
    TocMissingHeading = ("toc_missing_heading", Warning),
    /// A part of the report (summary, preface, chapter, appendix…) appears a second time; the repeat is not structured.
    DuplicatePart = ("duplicate_part", Warning),
    /// A chapter's running header printed right above the chapter heading it repeats (label and title on lines of their own); its lines are covered by this diagnostic and are no text.
    RunningHeaderOverHeading = ("running_header_over_heading", Info),
    /// A numbered section stands outside any chapter.
    SectionOutsideChapter = ("section_outside_chapter", Warning),
    /// Body text stands before the first heading; it is kept as blocks of a chapter-less region.
    TextBeforeFirstHeading = ("text_before_first_heading", Info),
    /// Text that could not be placed in any element; its lines are covered by this diagnostic.
    UnplacedText = ("unplaced_text", Warning),
    /// A table's header is printed again after a page break; the repeat is not a row.
    TableHeaderRepeated = ("table_header_repeated", Info),
    /// A table's first column is printed above its caption (a dump printing a layout box at a time); its cells are the table's, its lines covered by this diagnostic.
    TableColumnAboveCaption = ("table_column_above_caption", Info),
    /// A footnote's marker is missing from the text of its page, or printed more than once; the footnote is not linked.
    FootnoteUnlinked = ("footnote_unlinked", Info),
    /// A table row has a different number of cells than the header.
    TableRaggedRow = ("table_ragged_row", Warning),
    /// A table caption is followed by no data rows.
    TableWithoutRows = ("table_without_rows", Warning),
    /// A tab-separated line outside any table; kept as a paragraph.
    StrayTabRow = ("stray_tab_row", Info),
    /// A source note with no table or figure above it; kept as a paragraph.
    OrphanSourceNote = ("orphan_source_note", Info),
    /// Recommendation numbers skip or repeat.
    RecommendationNumbering = ("recommendation_numbering", Warning),
    /// The chronology's period could not be read from the document; dates are not checked against it.
    ChronologyPeriodUnknown = ("chronology_period_unknown", Info),
    /// The chronology title names no period; the period stated in the report's text (summary, preface, front matter) is used.
    ChronologyPeriodStated = ("chronology_period_stated", Info),
    /// Neither the chronology title nor the report states a period; it is read from the years the dates cover.
    ChronologyPeriodFromDates = ("chronology_period_from_dates", Info),
    /// A line holding only a year (`2022 年`) gives its year to the chronology dates printed without one below it.
    ChronologyYearHeading = ("chronology_year_heading", Info),
    /// Text before the title page (cover art, another report's title); kept as front-matter blocks, never read as title or institutions.
    FrontMatterNoise = ("front_matter_noise", Info),
    /// Dated entries stand before the first chronology category heading.
    ChronologyWithoutCategory = ("chronology_without_category", Warning),
    /// A chronology entry has a date but no title.
    EntryWithoutTitle = ("entry_without_title", Warning),
    /// A bold (`**`) entry title is never closed.
    UnclosedBoldTitle = ("unclosed_bold_title", Warning),
    /// A chronology entry lost its date in extraction (`date_missing` flag).
    DateMissing = ("date_missing", Warning),
    /// A chronology date cannot be read as a valid date; the readable part is kept (`date_garbled` flag).
    DateGarbled = ("date_garbled", Warning),
    /// `月` printed where `日` was meant; the date is corrected (`month_for_day` flag).
    DateMonthForDay = ("date_month_for_day", Warning),
    /// A printed year outside the report period was corrected from its neighbours (`date_corrected` flag).
    DateYearCorrected = ("date_year_corrected", Warning),
    /// A printed date lies outside the report period and could not be corrected (`out_of_period` flag).
    DateOutOfPeriod = ("date_out_of_period", Warning),
    /// An entry breaks the chronological order of its category (`out_of_order` flag).
    DateOutOfOrder = ("date_out_of_order", Warning),
}

impl PartialEq<&str> for DiagnosticCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
