//! The leaves of a document as the review page shows them: each element that holds source text
//! (metadata lines, authors, TOC entries, headings, blocks, recommendations, chronology
//! entries) with its kind, its JSON pointer in the document, its span and its own JSON.
//!
//! Containers (chapters, sections, categories) are not leaves: their text is their heading and
//! their blocks. The per-line tint of the source view is derived from these leaves, the same
//! set `pipeline::uncovered_lines` counts as covering.

use crate::model::{Block, Document, Span};
use serde::Serialize;
use serde_json::json;

/// The tint of a source line: which kind of element covers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The front matter.
    FrontMatter,
    /// A part, chapter or section heading.
    Heading,
    /// A paragraph or list.
    Paragraph,
    /// A table.
    Table,
    /// A figure.
    Figure,
    /// A recommendation.
    Recommendation,
    /// A chronology entry.
    Entry,
    /// Page furniture (running headers, footers, page numbers) and footnotes.
    Furniture,
}

impl Kind {
    /// Every kind, in legend order.
    pub const ALL: [Kind; 8] = [
        Kind::FrontMatter,
        Kind::Heading,
        Kind::Paragraph,
        Kind::Table,
        Kind::Figure,
        Kind::Recommendation,
        Kind::Entry,
        Kind::Furniture,
    ];

    /// The CSS class suffix (`t-<class>`).
    pub fn class(self) -> &'static str {
        match self {
            Kind::FrontMatter => "front",
            Kind::Heading => "heading",
            Kind::Paragraph => "paragraph",
            Kind::Table => "table",
            Kind::Figure => "figure",
            Kind::Recommendation => "recommendation",
            Kind::Entry => "entry",
            Kind::Furniture => "furniture",
        }
    }

    /// The label shown in the legend.
    pub fn legend(self) -> &'static str {
        match self {
            Kind::FrontMatter => "front matter",
            Kind::Heading => "heading",
            Kind::Paragraph => "paragraph / list",
            Kind::Table => "table",
            Kind::Figure => "figure",
            Kind::Recommendation => "recommendation",
            Kind::Entry => "chronology entry",
            Kind::Furniture => "page furniture / footnote",
        }
    }
}

/// One leaf element.
#[derive(Debug, Clone)]
pub struct Element {
    /// The tint the element's lines get.
    pub kind: Kind,
    /// What it is precisely: `paragraph`, `list`, `subheading`, `chapter heading`, `author`…
    pub what: &'static str,
    /// JSON pointer of the element in the document, e.g. `/chapters/2/sections/0/blocks/3`.
    pub pointer: String,
    /// Where the element is printed.
    pub span: Span,
    /// A one-line description for the structure column.
    pub summary: String,
    /// The element's own JSON (for a heading: its label, title and spans, not the whole part).
    pub json: serde_json::Value,
}

fn value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// At most `n` characters of `s`, with an ellipsis when cut.
pub fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().nth(n).is_some() {
        out.push('…');
    }
    out
}

struct Collector {
    out: Vec<Element>,
}

impl Element {
    /// The element's id (`ch3.s2.b4`, `chron.c1.e7`); none for metadata lines and the TOC heading.
    pub fn id(&self) -> Option<&str> {
        self.json.get("id").and_then(serde_json::Value::as_str).filter(|s| !s.is_empty())
    }
}

impl Collector {
    fn push(
        &mut self,
        kind: Kind,
        what: &'static str,
        pointer: String,
        span: Span,
        summary: String,
        json: serde_json::Value,
    ) {
        self.out.push(Element { kind, what, pointer, span, summary, json });
    }

    fn blocks(&mut self, base: &str, blocks: &[Block]) {
        for (i, b) in blocks.iter().enumerate() {
            let pointer = format!("{base}/blocks/{i}");
            let (kind, what, summary) = match b {
                Block::Paragraph { text, .. } => (Kind::Paragraph, "paragraph", clip(text, 24)),
                Block::Subheading { text, .. } => (Kind::Heading, "subheading", clip(text, 24)),
                Block::List { items, .. } => (Kind::Paragraph, "list", format!("{} item(s)", items.len())),
                Block::Table(t) => (Kind::Table, "table", format!("{} {}", t.label, clip(&t.caption, 20))),
                Block::Figure(f) => (Kind::Figure, "figure", format!("{} {}", f.label, clip(&f.caption, 20))),
            };
            self.push(kind, what, pointer, b.span(), summary, value(b));
        }
    }

    /// A heading line. Its JSON is the heading's container reduced to its id, label, title and
    /// heading span (the whole chapter would be the rest of the document).
    fn heading(&mut self, what: &'static str, pointer: String, span: Span, id: Option<&str>, label: &str, title: &str) {
        let summary = format!("{label} {}", clip(title, 22)).trim().to_string();
        let json = json!({ "id": id, "label": label, "title": title, "heading_span": value(&span) });
        self.push(Kind::Heading, what, pointer, span, summary, json);
    }
}

/// Every leaf of `doc`, in document order (front matter first, chronology last).
pub fn collect(doc: &Document) -> Vec<Element> {
    let mut c = Collector { out: Vec::new() };
    let m = &doc.metadata;
    let meta_json = json!({
        "title": m.title, "date": m.date, "institutions": m.institutions, "spans": value(&m.spans)
    });
    for (i, s) in m.spans.iter().enumerate() {
        let summary = format!("metadata line {}", i + 1);
        c.push(Kind::FrontMatter, "metadata", format!("/metadata/spans/{i}"), *s, summary, meta_json.clone());
    }
    for (i, a) in m.authors.iter().enumerate() {
        c.push(Kind::FrontMatter, "author", format!("/metadata/authors/{i}"), a.span, a.name.clone(), value(a));
    }
    c.blocks("/front_matter", &doc.front_matter);
    // `blocks` gives front-matter blocks their body kinds; they are front matter here.
    for e in c.out.iter_mut().filter(|e| e.pointer.starts_with("/front_matter/")) {
        e.kind = Kind::FrontMatter;
    }
    if let Some(s) = doc.toc_heading_span {
        c.heading("TOC heading", "/toc_heading_span".to_string(), s, None, "", "目录");
        if let Some(e) = c.out.last_mut() {
            e.kind = Kind::FrontMatter;
        }
    }
    for (i, t) in doc.toc.iter().enumerate() {
        let summary = match &t.label {
            Some(l) => format!("{l} {}", clip(&t.title, 18)),
            None => clip(&t.title, 20),
        };
        c.push(Kind::FrontMatter, "TOC entry", format!("/toc/{i}"), t.span, summary, value(t));
    }
    for (name, part) in [("summary", &doc.summary), ("preface", &doc.preface)] {
        if let Some(p) = part {
            c.heading("part heading", format!("/{name}"), p.heading_span, Some(&p.id), "", &p.title);
            c.blocks(&format!("/{name}"), &p.blocks);
        }
    }
    for (ci, ch) in doc.chapters.iter().enumerate() {
        let base = format!("/chapters/{ci}");
        c.heading("chapter heading", base.clone(), ch.heading_span, Some(&ch.id), &ch.label, &ch.title);
        c.blocks(&base, &ch.blocks);
        for (si, s) in ch.sections.iter().enumerate() {
            let sb = format!("{base}/sections/{si}");
            c.heading("section heading", sb.clone(), s.heading_span, Some(&s.id), &s.label, &s.title);
            c.blocks(&sb, &s.blocks);
        }
    }
    if let Some(r) = &doc.recommendations {
        c.heading("part heading", "/recommendations".to_string(), r.heading_span, Some(&r.id), "", &r.title);
        for (gi, g) in r.groups.iter().enumerate() {
            let gb = format!("/recommendations/groups/{gi}");
            if let (Some(s), Some(t)) = (g.heading_span, &g.title) {
                c.heading("recommendation group", gb.clone(), s, Some(&g.id), "", t);
            }
            for (ii, item) in g.items.iter().enumerate() {
                let summary = format!("{}. {}", item.number, clip(&item.text, 20));
                c.push(
                    Kind::Recommendation,
                    "recommendation",
                    format!("{gb}/items/{ii}"),
                    item.span,
                    summary,
                    value(item),
                );
            }
        }
    }
    if let Some(ch) = &doc.chronology {
        c.heading("appendix heading", "/chronology".to_string(), ch.heading_span, Some(&ch.id), "", "附录");
        if ch.title_span != ch.heading_span {
            c.heading("chronology title", "/chronology/title".to_string(), ch.title_span, Some(&ch.id), "", &ch.title);
        }
        for (ki, cat) in ch.categories.iter().enumerate() {
            let kb = format!("/chronology/categories/{ki}");
            c.heading("category heading", kb.clone(), cat.heading_span, Some(&cat.id), "", &cat.name);
            for (ei, e) in cat.entries.iter().enumerate() {
                let date = e.date.start.as_deref().unwrap_or("no date");
                let summary = format!("{date} {}", clip(&e.title, 16));
                c.push(Kind::Entry, "chronology entry", format!("{kb}/entries/{ei}"), e.span, summary, value(e));
            }
        }
    }
    for (i, b) in doc.page_breaks.iter().enumerate() {
        let summary = b.page.map_or_else(|| "page break".to_string(), |p| format!("page {p}"));
        c.push(Kind::Furniture, "page break", format!("/page_breaks/{i}"), b.span, summary, value(b));
    }
    for (i, f) in doc.footnotes.iter().enumerate() {
        let summary = format!("{}. {}", f.number, clip(&f.text, 20));
        c.push(Kind::Furniture, "footnote", format!("/footnotes/{i}"), f.span, summary, value(f));
    }
    c.out
}

/// The tint of each line `1..=lines` (index 0 unused): the index of the first leaf covering it.
pub fn owners(elements: &[Element], lines: usize) -> Vec<Option<usize>> {
    let mut owner = vec![None; lines + 1];
    for (k, e) in elements.iter().enumerate() {
        let a = (e.span.line_start as usize).min(lines + 1);
        let b = (e.span.line_end as usize).min(lines);
        for slot in owner.iter_mut().take(b + 1).skip(a) {
            slot.get_or_insert(k);
        }
    }
    owner
}
