//! The HTML of one review page and of the batch index (maud templates, checked at compile time).
//!
//! A page is self-contained: inline CSS, inline SVG, the elements' JSON in an inline
//! `application/json` block and one small inline script (click an element to see its JSON). It
//! loads nothing, so it works from `file://`.

use super::elements::{self, clip, Element, Kind};
use super::timeline;
use crate::model::{Block, Diagnostic, DiagnosticCode, Document, Figure, Severity, Span, Table};
use crate::parse::lex::{matches, scan_part_heading, split_lines, PartKind};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::collections::BTreeMap;

const CSS: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// The tint class of a line that no element covers but a diagnostic does (e.g. `duplicate_part`).
pub const NOTED: &str = "noted";
/// The tint class of a non-blank line covered by nothing: text the converter dropped.
pub const UNCOVERED: &str = "uncovered";
/// The tint class of a blank line.
pub const BLANK: &str = "blank";

/// What the page knows about the source text.
pub enum SourceText<'a> {
    /// The decoded text the document was converted from.
    Text(&'a str),
    /// The text could not be found or did not match `source.sha256`; the reason is shown.
    Missing(String),
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn lines_label(s: Span) -> String {
    if s.line_start == s.line_end {
        format!("L{}", s.line_start)
    } else {
        format!("L{}–{}", s.line_start, s.line_end)
    }
}

/// A link to the source line where `s` starts.
fn line_link(s: Span) -> Markup {
    html! { a.lnk href=(format!("#L{}", s.line_start)) { (lines_label(s)) } }
}

/// Every table and figure of the document, in document order.
fn tables_and_figures(doc: &Document) -> (Vec<&Table>, Vec<&Figure>) {
    let mut all: Vec<&[Block]> = vec![&doc.front_matter];
    all.extend(doc.summary.iter().map(|p| p.blocks.as_slice()));
    all.extend(doc.preface.iter().map(|p| p.blocks.as_slice()));
    for c in &doc.chapters {
        all.push(&c.blocks);
        all.extend(c.sections.iter().map(|s| s.blocks.as_slice()));
    }
    let mut tables = Vec::new();
    let mut figures = Vec::new();
    for b in all.into_iter().flatten() {
        match b {
            Block::Table(t) => tables.push(t),
            Block::Figure(f) => figures.push(f),
            _ => {}
        }
    }
    (tables, figures)
}

/// Counts per element kind, for the header and the index.
pub fn counts(doc: &Document) -> Vec<(&'static str, usize)> {
    let mut n: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut blocks = |bs: &[Block]| {
        for b in bs {
            let k = match b {
                Block::Paragraph { .. } => "paragraphs",
                Block::Subheading { .. } => "subheadings",
                Block::List { .. } => "lists",
                Block::Table(_) => "tables",
                Block::Figure(_) => "figures",
            };
            *n.entry(k).or_default() += 1;
        }
    };
    blocks(&doc.front_matter);
    for p in doc.summary.iter().chain(doc.preface.iter()) {
        blocks(&p.blocks);
    }
    for c in &doc.chapters {
        blocks(&c.blocks);
        for s in &c.sections {
            blocks(&s.blocks);
        }
    }
    let parts = [doc.summary.is_some(), doc.preface.is_some(), doc.recommendations.is_some(), doc.chronology.is_some()];
    let sections: usize = doc.chapters.iter().map(|c| c.sections.len()).sum();
    let recs: usize = doc.recommendations.iter().flat_map(|r| &r.groups).map(|g| g.items.len()).sum();
    let cats = doc.chronology.as_ref().map_or(0, |c| c.categories.len());
    let entries: usize = doc.chronology.iter().flat_map(|c| &c.categories).map(|k| k.entries.len()).sum();
    let get = |n: &BTreeMap<&str, usize>, k: &str| n.get(k).copied().unwrap_or(0);
    vec![
        ("authors", doc.metadata.authors.len()),
        ("TOC entries", doc.toc.len()),
        ("parts", parts.iter().filter(|p| **p).count()),
        ("chapters", doc.chapters.len()),
        ("sections", sections),
        ("paragraphs", get(&n, "paragraphs")),
        ("subheadings", get(&n, "subheadings")),
        ("lists", get(&n, "lists")),
        ("tables", get(&n, "tables")),
        ("figures", get(&n, "figures")),
        ("recommendations", recs),
        ("categories", cats),
        ("entries", entries),
    ]
}

/// Diagnostics grouped by (severity, code), in severity then code order.
/// Diagnostics are grouped by severity, then code name (alphabetical); the code itself rides along.
type GroupKey = (Severity, &'static str, DiagnosticCode);

fn grouped(diags: &[Diagnostic]) -> Vec<(GroupKey, Vec<&Diagnostic>)> {
    let mut g: BTreeMap<GroupKey, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags {
        g.entry((d.severity, d.code.as_str(), d.code)).or_default().push(d);
    }
    g.into_iter().collect()
}

/// Status of one TOC entry in the cross-check.
struct TocRow {
    body: Option<Span>,
    status: &'static str,
    note: Option<String>,
}

fn toc_rows(doc: &Document) -> Vec<TocRow> {
    let mut rows = Vec::with_capacity(doc.toc.len());
    let mut chapter: Option<usize> = None;
    let mut last_page = 0;
    for t in &doc.toc {
        let at_line = |code: DiagnosticCode| {
            doc.diagnostics.iter().find(|d| d.code == code && d.span.is_some_and(|s| s.line_start == t.span.line_start))
        };
        let body = match (&t.label, t.level) {
            (Some(label), 1) => {
                chapter = doc.chapters.iter().position(|c| &c.label == label);
                chapter.map(|k| doc.chapters[k].heading_span)
            }
            (Some(label), _) => chapter
                .and_then(|k| doc.chapters[k].sections.iter().find(|s| &s.label == label))
                .map(|s| s.heading_span),
            (None, _) => {
                chapter = None;
                match matches(scan_part_heading, &t.title).map(|(k, _)| k).or_else(|| {
                    // `附录：title` in the TOC.
                    t.title.starts_with("附录").then_some(PartKind::Appendix)
                }) {
                    Some(PartKind::Summary) => doc.summary.as_ref().map(|p| p.heading_span),
                    Some(PartKind::Preface) => doc.preface.as_ref().map(|p| p.heading_span),
                    Some(PartKind::Recommendations) => doc.recommendations.as_ref().map(|r| r.heading_span),
                    Some(PartKind::Appendix) => doc.chronology.as_ref().map(|c| c.heading_span),
                    _ => None,
                }
            }
        };
        let page = t.page.unwrap_or(0);
        let (status, note) = if let Some(d) = at_line(DiagnosticCode::TocMismatch) {
            ("mismatch", Some(d.message.clone()))
        } else if let Some(d) = at_line(DiagnosticCode::TocMissingHeading) {
            ("missing", Some(d.message.clone()))
        } else if body.is_none() {
            ("missing", Some("no body heading found for this entry".to_string()))
        } else if t.page.is_some() && page < last_page {
            ("page order", Some(format!("page {page} comes after page {last_page}")))
        } else {
            ("ok", None)
        };
        last_page = last_page.max(page);
        rows.push(TocRow { body, status, note });
    }
    rows
}

fn header(doc: &Document, uncovered: Option<usize>) -> Markup {
    let m = &doc.metadata;
    let s = &doc.source;
    let title = m.title.as_deref().unwrap_or("(untitled document)");
    let sev = |v: Severity| doc.diagnostics.iter().filter(|d| d.severity == v).count();
    html! {
        header.top {
            div.eyebrow { "crdoc review page" }
            h1 { (title) }
            p.sub {
                @if let Some(d) = &m.date { span.date { (d) } }
                @for i in &m.institutions { span.inst { (i) } }
            }
            dl.facts {
                dt { "source" } dd { code { (s.path) } }
                dt { "encoding" } dd { (s.encoding) " (" (s.encoding_source) "), line endings " (s.line_endings) }
                dt { "size" } dd { (s.bytes) " bytes, " (s.lines) " lines" }
                dt { "sha256" } dd { code.hash { (s.sha256) } }
                dt { "generator" } dd { (doc.generator.name) " " (doc.generator.version) ", schema " (doc.schema_version) }
            }
            div.counts {
                @for (k, n) in counts(doc) {
                    span.count { b { (n) } " " (k) }
                }
                span class=(if sev(Severity::Error) > 0 { "count bad" } else { "count" }) { b { (sev(Severity::Error)) } " errors" }
                span class=(if sev(Severity::Warning) > 0 { "count warn" } else { "count" }) { b { (sev(Severity::Warning)) } " warnings" }
                span.count { b { (sev(Severity::Info)) } " infos" }
                @if let Some(u) = uncovered {
                    span class=(if u > 0 { "count bad" } else { "count good" }) { b { (u) } " uncovered lines" }
                }
            }
        }
    }
}

fn diagnostics(doc: &Document) -> Markup {
    let groups = grouped(&doc.diagnostics);
    html! {
        section #diagnostics {
            h2 { "Diagnostics " span.n { (doc.diagnostics.len()) } }
            @if groups.is_empty() {
                p.empty { "No diagnostics." }
            } @else {
                table.diag {
                    thead { tr { th { "severity" } th { "code" } th.r { "count" } th { "where (click to open the source line; expand for messages)" } } }
                    tbody {
                        @for ((sev, code, c), ds) in &groups {
                            tr {
                                td { span class=(format!("sev {}", severity_name(*sev))) { (severity_name(*sev)) } }
                                td { code { (code) } br; span.note { (c.description()) } }
                                td.r { (ds.len()) }
                                td {
                                    details {
                                        summary {
                                            @for d in ds.iter().take(12) {
                                                @if let Some(s) = d.span { (line_link(s)) " " } @else { span.muted { "(no line) " } }
                                            }
                                            @if ds.len() > 12 { span.muted { "+" (ds.len() - 12) " more" } }
                                        }
                                        ul.msgs {
                                            @for d in ds {
                                                li {
                                                    @if let Some(s) = d.span { (line_link(s)) " " }
                                                    (d.message)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn outline(doc: &Document) -> Markup {
    let rows = toc_rows(doc);
    let bad = rows.iter().filter(|r| r.status != "ok").count();
    html! {
        section #outline {
            h2 { "Outline and TOC cross-check " span.n { (doc.toc.len()) " entries, " (bad) " flagged" } }
            @if doc.toc.is_empty() {
                p.empty { "The document has no table of contents; body headings:" }
                ul.plain {
                    @for c in &doc.chapters {
                        li { (line_link(c.heading_span)) " " (c.label) " " (c.title)
                            ul { @for s in &c.sections { li { (line_link(s.heading_span)) " " (s.label) " " (s.title) } } }
                        }
                    }
                }
            } @else {
                table.toc {
                    thead { tr { th { "TOC line" } th { "entry" } th.r { "page" } th { "body heading" } th { "check" } } }
                    tbody {
                        @for (t, r) in doc.toc.iter().zip(&rows) {
                            tr class=(format!("lvl{} st-{}", t.level, r.status.replace(' ', "-"))) {
                                td { (line_link(t.span)) }
                                td.entry {
                                    @if let Some(l) = &t.label { span.lbl { (l) } " " }
                                    @match r.body {
                                        Some(b) => a href=(format!("#L{}", b.line_start)) { (t.title) },
                                        None => span { (t.title) },
                                    }
                                }
                                td.r { @if let Some(p) = t.page { (p) } }
                                td { @if let Some(b) = r.body { (line_link(b)) } @else { span.muted { "—" } } }
                                td {
                                    span class=(format!("chk {}", r.status.replace(' ', "-"))) { (r.status) }
                                    @if let Some(n) = &r.note { " " span.note { (n) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn table_html(t: &Table) -> Markup {
    html! {
        figure.tbl {
            figcaption {
                span.lbl { (t.label) } " " (t.caption)
                @if let Some(u) = &t.unit { span.unit { " (单位：" (u) ")" } }
                " " (line_link(t.span))
            }
            table.data {
                thead { tr { @for c in &t.columns { th { (c) } } } }
                tbody {
                    @for row in &t.rows {
                        tr class=[row.total.then_some("total")] {
                            @for cell in &row.cells {
                                @match cell.value {
                                    Some(v) => td.num title=(format!("value {v}")) { (cell.text) },
                                    None => td.nv title="value: null" { (cell.text) },
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(n) = &t.source_note { p.srcnote { "Source: " (n) } }
        }
    }
}

fn tables(doc: &Document) -> Markup {
    let (tables, figures) = tables_and_figures(doc);
    html! {
        section #tables {
            h2 { "Tables " span.n { (tables.len()) } " and figures " span.n { (figures.len()) } }
            p.legend {
                span.demo.num { "12.5" } " numeric cell (value read), right-aligned · "
                span.demo.nv { "text" } " cell whose value is null"
            }
            @for t in &tables { (table_html(t)) }
            @if !figures.is_empty() {
                table.figs {
                    thead { tr { th { "figure" } th { "caption" } th { "unit" } th { "source" } th { "lines" } } }
                    tbody {
                        @for f in &figures {
                            tr {
                                td { (f.label) } td { (f.caption) } td { (f.unit.as_deref().unwrap_or("")) }
                                td.note { (f.source_note.as_deref().map(|n| clip(n, 80)).unwrap_or_default()) }
                                td { (line_link(f.span)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn timeline_section(doc: &Document, elements: &[Element]) -> Markup {
    let Some(c) = &doc.chronology else {
        return html! {
            section #timeline { h2 { "Chronology" } p.empty { "The document has no chronology." } }
        };
    };
    let index: std::collections::HashMap<&str, usize> =
        elements.iter().enumerate().map(|(k, e)| (e.pointer.as_str(), k)).collect();
    let element_of =
        |ci: usize, ei: usize| index.get(format!("/chronology/categories/{ci}/entries/{ei}").as_str()).copied();
    let entries: usize = c.categories.iter().map(|k| k.entries.len()).sum();
    let flagged = c.categories.iter().flat_map(|k| &k.entries).filter(|e| !e.flags.is_empty()).count();
    html! {
        section #timeline {
            h2 { "Chronology " span.n { (entries) " entries in " (c.categories.len()) " categories, " (flagged) " flagged" } }
            p.ctitle {
                (c.title)
                @if let Some(p) = &c.period { span.muted { " · period " (p.start) " – " (p.end) } }
                " " (line_link(c.title_span))
            }
            p.legend {
                svg.key width="14" height="14" { circle.ev cx="7" cy="7" r="4" {} } " day "
                svg.key width="26" height="14" { rect.ev x="1" y="3.5" width="24" height="7" rx="3.5" {} } " range or month "
                svg.key width="14" height="14" { circle.ev.flagged cx="7" cy="7" r="5" {} } " flagged (corrected, missing date, out of order…) · hover a mark for its date and title, click to open it"
            }
            @if let Some(svg) = timeline::timeline(c, &element_of) { div.tlwrap { (svg) } }
        }
    }
}

/// The source view: every line with its number, its tint and, on the first line of each
/// element, the element's kind and summary.
fn source_view(doc: &Document, text: &SourceText, elements: &[Element]) -> (Markup, Option<usize>) {
    let text = match text {
        SourceText::Text(t) => *t,
        SourceText::Missing(why) => {
            return (
                html! { section #source { h2 { "Source" } p.empty { "The source view is omitted: " (why) } } },
                None,
            )
        }
    };
    let lines = split_lines(text);
    let owner = elements::owners(elements, lines.len());
    // Lines covered by a diagnostic, and the diagnostics starting on each line.
    let mut noted = vec![false; lines.len() + 2];
    let mut starts: BTreeMap<u32, Vec<&Diagnostic>> = BTreeMap::new();
    for d in &doc.diagnostics {
        if let Some(s) = d.span {
            for n in s.line_start..=s.line_end.min(lines.len() as u32) {
                if let Some(x) = noted.get_mut(n as usize) {
                    *x = true;
                }
            }
            starts.entry(s.line_start).or_default().push(d);
        }
    }
    let tint = |no: u32, blank: bool| -> &'static str {
        match owner.get(no as usize).copied().flatten() {
            Some(k) => elements[k].kind.class(),
            None if blank => BLANK,
            None if noted.get(no as usize).copied().unwrap_or(false) => NOTED,
            None => UNCOVERED,
        }
    };
    let uncovered = lines.iter().filter(|l| !l.is_blank() && tint(l.no, false) == UNCOVERED).count();
    let markup = html! {
        section #source {
            h2 { "Source and structure " span.n { (lines.len()) " lines" } }
            p.legend {
                @for k in Kind::ALL { span class=(format!("sw t-{}", k.class())) { (k.legend()) } }
                span class=(format!("sw t-{NOTED}")) { "covered by a diagnostic only" }
                span class=(format!("sw t-{UNCOVERED}")) { "covered by nothing" }
                span.sw.dgk { "in a diagnostic's span" }
            }
            p.hint { "Click a line to see the element that covers it: its JSON pointer, id and JSON." }
            div.srcgrid {
                div #src.src {
                    @for l in &lines {
                        @let e = owner.get(l.no as usize).copied().flatten();
                        @let first = e.is_some_and(|k| elements[k].span.line_start == l.no);
                        @let dg = noted.get(l.no as usize).copied().unwrap_or(false);
                        div id=(format!("L{}", l.no)) class=(format!("l t-{}{}", tint(l.no, l.is_blank()), if dg { " dg" } else { "" }))
                            data-e=[e] {
                            a.n href=(format!("#L{}", l.no)) { (l.no) }
                            span.x { (l.text) }
                            span.s {
                                @if let (true, Some(k)) = (first, e) {
                                    span.what { (elements[k].what) } " "
                                    @if let Some(id) = elements[k].id() { span.eid { (id) } " " }
                                    (elements[k].summary)
                                }
                                @if let Some(ds) = starts.get(&l.no) {
                                    @for d in ds {
                                        span class=(format!("dmark {}", severity_name(d.severity))) title=(d.message) { "⚠ " (d.code) }
                                    }
                                }
                            }
                        }
                    }
                }
                aside #panel.panel {
                    h3 { "Element" }
                    dl {
                        dt { "kind" } dd.p-kind { "—" }
                        dt { "id" } dd.p-id { "—" }
                        dt { "pointer" } dd { code.p-ptr { "—" } }
                        dt { "lines" } dd.p-lines { "—" }
                    }
                    pre.p-json { "Click a line of the source." }
                }
            }
        }
    };
    (markup, Some(uncovered))
}

/// The elements as the script reads them: `[{what, pointer, id, span, json}]`, with `<` escaped
/// so the block cannot close its `<script>` element.
fn elements_json(elements: &[Element]) -> String {
    let v: Vec<serde_json::Value> = elements
        .iter()
        .map(|e| {
            serde_json::json!({ "what": e.what, "pointer": e.pointer, "id": e.id(), "span": e.span_json(), "json": e.json })
        })
        .collect();
    serde_json::to_string(&v).unwrap_or_else(|_| "[]".to_string()).replace('<', "\\u003c")
}

impl Element {
    fn span_json(&self) -> serde_json::Value {
        serde_json::json!([self.span.line_start, self.span.line_end])
    }
}

/// The whole page of one document.
pub fn page(doc: &Document, text: &SourceText) -> String {
    let elements = elements::collect(doc);
    let (source, uncovered) = source_view(doc, text, &elements);
    let title = doc.metadata.title.as_deref().unwrap_or("(untitled document)");
    html! {
        (DOCTYPE)
        html lang="zh-Hans" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(format!("{} {}", doc.generator.name, doc.generator.version));
                title { (title) " — crdoc review" }
                style { (PreEscaped(CSS)) }
            }
            body {
                (header(doc, uncovered))
                nav.jump {
                    a href="#diagnostics" { "Diagnostics" }
                    a href="#timeline" { "Chronology" }
                    a href="#outline" { "Outline" }
                    a href="#tables" { "Tables" }
                    a href="#source" { "Source" }
                }
                main {
                    (diagnostics(doc))
                    (timeline_section(doc, &elements))
                    (outline(doc))
                    (tables(doc))
                    (source)
                }
                script #elements type="application/json" { (PreEscaped(elements_json(&elements))) }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
    .into_string()
}

/// One row of the batch index.
pub struct IndexRow {
    /// The input as given.
    pub input: String,
    /// The page, relative to the index; none when the document failed.
    pub href: Option<String>,
    /// The document title, if any.
    pub title: Option<String>,
    /// The document date, if any.
    pub date: Option<String>,
    /// Element counts, by kind name.
    pub counts: Vec<(&'static str, usize)>,
    /// (errors, warnings, infos).
    pub severities: (usize, usize, usize),
    /// Diagnostics per code, by code name.
    pub codes: Vec<(&'static str, usize)>,
    /// Why the page could not be written.
    pub error: Option<String>,
}

impl IndexRow {
    /// The index row of a converted document, linked to its page at `href`.
    pub fn of(doc: &Document, input: String, href: String) -> IndexRow {
        let sev = |v: Severity| doc.diagnostics.iter().filter(|d| d.severity == v).count();
        IndexRow {
            input,
            href: Some(href),
            title: doc.metadata.title.clone(),
            date: doc.metadata.date.clone(),
            counts: counts(doc),
            severities: (sev(Severity::Error), sev(Severity::Warning), sev(Severity::Info)),
            codes: doc
                .diagnostics
                .iter()
                .fold(BTreeMap::new(), |mut m: BTreeMap<&'static str, usize>, d| {
                    *m.entry(d.code.as_str()).or_default() += 1;
                    m
                })
                .into_iter()
                .collect(),
            error: None,
        }
    }
}

/// The batch index: every document with its counts, diagnostics and a link.
pub fn index(rows: &[IndexRow]) -> String {
    const SHOWN: [&str; 6] = ["chapters", "sections", "tables", "figures", "recommendations", "entries"];
    html! {
        (DOCTYPE)
        html lang="zh-Hans" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "crdoc review — " (rows.len()) " document(s)" }
                style { (PreEscaped(CSS)) }
            }
            body {
                header.top {
                    div.eyebrow { "crdoc review pages" }
                    h1 { (rows.len()) " document(s)" }
                }
                main {
                    section {
                        table.index {
                            thead {
                                tr {
                                    th { "document" } th { "date" }
                                    @for k in SHOWN { th.r { (k) } }
                                    th.r { "errors" } th.r { "warnings" } th.r { "infos" } th { "diagnostic codes" }
                                }
                            }
                            tbody {
                                @for r in rows {
                                    tr {
                                        td {
                                            @match &r.href {
                                                Some(h) => a href=(h) { (r.title.as_deref().unwrap_or("(untitled)")) },
                                                None => span.muted { "(no page)" },
                                            }
                                            br; code.muted { (r.input) }
                                            @if let Some(e) = &r.error { br; span.bad { (e) } }
                                        }
                                        td { (r.date.as_deref().unwrap_or("")) }
                                        @for k in SHOWN {
                                            td.r { (r.counts.iter().find(|(n, _)| *n == k).map_or(String::new(), |(_, v)| v.to_string())) }
                                        }
                                        td.r { @if r.error.is_none() { (r.severities.0) } }
                                        td.r { @if r.error.is_none() { (r.severities.1) } }
                                        td.r { @if r.error.is_none() { (r.severities.2) } }
                                        td.note {
                                            @for (c, n) in &r.codes { code { (c) } " ×" (n) br; }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}
