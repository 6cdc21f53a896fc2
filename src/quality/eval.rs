//! Accuracy measurement against hand-verified gold annotations (`tests/gold/FORMAT.md`).
//!
//! Elements are aligned first (headings, tables, figures and TOC entries by line; authors by name
//! and role; recommendations by number; chronology entries one-to-one by start line, then by the
//! largest line overlap), so a missed element counts once, not as a cascade. Each field of each
//! aligned pair is then a true positive when equal, or a false positive *and* a false negative
//! when different; an unmatched gold element is a false negative for each of its fields, an
//! unmatched output element a false positive. Strict matching compares normalized text
//! ([`crate::parse::lex::normalize`]); relaxed matching accepts a character-level similarity ≥ 0.9.

use crate::model::{Block, Document};
use crate::parse::lex::normalize;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Similarity at or above which relaxed matching accepts two texts.
pub const RELAXED_SIMILARITY: f64 = 0.9;

// ---------------------------------------------------------------- gold format

/// A gold annotation of one input text (format: `tests/gold/FORMAT.md`).
#[derive(Debug, Deserialize)]
pub struct Gold {
    /// SHA-256 of the source the gold was annotated on, when recorded (checked by [`mismatch`]).
    #[serde(default)]
    pub source_sha256: Option<String>,
    /// The path of the source the gold was annotated on (its file name is checked by
    /// [`mismatch`]).
    #[serde(default)]
    pub source: Option<String>,
    /// The expected metadata.
    pub metadata: GoldMetadata,
    /// The expected TOC lines.
    #[serde(default)]
    pub toc: Vec<GoldToc>,
    /// The expected body headings, in order.
    #[serde(default)]
    pub headings: Vec<GoldHeading>,
    /// The expected tables.
    #[serde(default)]
    pub tables: Vec<GoldTable>,
    /// The expected figures.
    #[serde(default)]
    pub figures: Vec<GoldFigure>,
    /// The expected recommendations.
    #[serde(default)]
    pub recommendations: Vec<GoldRecommendation>,
    /// The expected chronology, null when the document has none.
    pub chronology: Option<GoldChronology>,
    /// Body paragraphs (parts, chapters, sections), when annotated.
    #[serde(default)]
    pub paragraphs: Option<Vec<GoldParagraph>>,
    /// Footnotes, when annotated.
    #[serde(default)]
    pub footnotes: Option<Vec<GoldFootnote>>,
    /// Page breaks, when annotated.
    #[serde(default)]
    pub page_breaks: Option<Vec<GoldPageBreak>>,
}

/// An expected body paragraph.
#[derive(Debug, Deserialize)]
pub struct GoldParagraph {
    /// 1-based line of the element in the source text.
    pub line: u32,
    /// The expected text (compared after normalization).
    pub text: String,
}

/// An expected footnote.
#[derive(Debug, Deserialize)]
pub struct GoldFootnote {
    /// The expected number.
    pub number: u32,
    /// The expected text (compared after normalization).
    pub text: String,
    /// 1-based line of the element in the source text.
    pub line: u32,
    /// The body line carrying the marker, null when it cannot be linked.
    pub marker_line: Option<u32>,
}

/// An expected page break (page furniture).
#[derive(Debug, Deserialize)]
pub struct GoldPageBreak {
    /// The first furniture line of the break.
    pub line: u32,
    /// The expected page number.
    pub page: Option<u32>,
}

/// Expected title-page metadata.
#[derive(Debug, Deserialize)]
pub struct GoldMetadata {
    /// The expected title.
    pub title: Option<String>,
    /// The expected date.
    pub date: Option<String>,
    /// The expected institutions, in printed order.
    #[serde(default)]
    pub institutions: Vec<String>,
    /// The expected author records.
    #[serde(default)]
    pub authors: Vec<GoldAuthor>,
}

/// An expected author, translator or proofreader record.
#[derive(Debug, Deserialize)]
pub struct GoldAuthor {
    /// The expected name.
    pub name: String,
    /// The expected team (`cn` or `ru`).
    pub team: String,
    /// The expected role (`lead`, `member`, `translator`, `proofreader`).
    pub role: String,
    /// The expected affiliation, null when none.
    pub affiliation: Option<String>,
    /// 1-based line of the element in the source text.
    pub line: u32,
}

/// An expected TOC line.
#[derive(Debug, Deserialize)]
pub struct GoldToc {
    /// The expected printed label.
    pub label: Option<String>,
    /// The expected title.
    pub title: String,
    /// The expected page number.
    pub page: Option<u32>,
    /// The expected level (1 parts and chapters, 2 sections).
    pub level: u8,
    /// 1-based line of the element in the source text.
    pub line: u32,
}

/// An expected body heading (part, chapter or section).
#[derive(Debug, Deserialize)]
pub struct GoldHeading {
    /// The expected kind (`part`, `chapter`, `section`).
    pub kind: String,
    /// The expected chapter number of a section, null otherwise.
    pub chapter: Option<u32>,
    /// The expected number.
    pub number: Option<u32>,
    /// The expected printed label.
    pub label: Option<String>,
    /// The expected title.
    pub title: String,
    /// 1-based line of the element in the source text.
    pub line: u32,
}

/// An expected table cell.
#[derive(Debug, Deserialize)]
pub struct GoldCell {
    /// The expected text (compared after normalization).
    pub text: String,
    /// The expected numeric value, null for a text cell.
    pub value: Option<f64>,
}

/// An expected table.
#[derive(Debug, Deserialize)]
pub struct GoldTable {
    /// The expected printed label.
    pub label: String,
    /// The expected number.
    pub number: u32,
    /// The expected caption without label and unit.
    pub caption: String,
    /// The expected unit, null when none.
    pub unit: Option<String>,
    /// The expected header cells.
    pub columns: Vec<String>,
    /// The expected data rows.
    pub rows: Vec<Vec<GoldCell>>,
    /// Indexes (0-based) of the total rows.
    #[serde(default)]
    pub total_rows: Vec<usize>,
    /// The expected source note, null when none.
    pub source_note: Option<String>,
    /// 1-based line of the element in the source text.
    pub line: u32,
}

/// An expected figure caption.
#[derive(Debug, Deserialize)]
pub struct GoldFigure {
    /// The expected printed label.
    pub label: String,
    /// The expected number.
    pub number: u32,
    /// The expected caption without label and unit.
    pub caption: String,
    /// The expected unit, null when none.
    pub unit: Option<String>,
    /// The expected source note, null when none.
    pub source_note: Option<String>,
    /// 1-based line of the element in the source text.
    pub line: u32,
}

/// An expected recommendation.
#[derive(Debug, Deserialize)]
pub struct GoldRecommendation {
    /// The expected number.
    pub number: u32,
    /// The expected group heading.
    pub group: String,
    /// The expected text (compared after normalization).
    pub text: String,
    /// 1-based line of the element in the source text.
    pub line: u32,
}

/// The expected chronology appendix.
#[derive(Debug, Deserialize)]
pub struct GoldChronology {
    /// The expected title.
    pub title: String,
    /// The expected categories.
    pub categories: Vec<GoldCategory>,
    /// The expected entries, in printed order.
    pub entries: Vec<GoldEntry>,
}

/// An expected chronology category.
#[derive(Debug, Deserialize)]
pub struct GoldCategory {
    /// The expected name.
    pub name: String,
    /// 1-based line of the element in the source text.
    pub line: u32,
}

/// The expected date of a chronology entry.
#[derive(Debug, Deserialize)]
pub struct GoldDate {
    /// The expected text (compared after normalization).
    pub text: Option<String>,
    /// The expected first day (ISO), null when unknown.
    pub start: Option<String>,
    /// The expected last day (ISO), null when unknown.
    pub end: Option<String>,
    /// The expected precision (`day` or `month`), null when unknown.
    pub precision: Option<String>,
}

/// An expected item of an entry's numbered sub-list.
#[derive(Debug, Deserialize)]
pub struct GoldItem {
    /// The expected number.
    pub number: u32,
    /// The expected text (compared after normalization).
    pub text: String,
}

/// An expected chronology entry.
#[derive(Debug, Deserialize)]
pub struct GoldEntry {
    /// The expected category name.
    pub category: String,
    /// 1-based line of the element in the source text.
    pub line: u32,
    /// 1-based last line of the element.
    pub line_end: u32,
    /// The expected date.
    pub date: GoldDate,
    /// The expected title.
    pub title: String,
    /// The expected description.
    pub description: String,
    /// The expected sub-list items.
    #[serde(default)]
    pub items: Vec<GoldItem>,
    /// The expected anomaly flags.
    #[serde(default)]
    pub flags: Vec<String>,
}

// ---------------------------------------------------------------- scores

/// True positives, false positives and false negatives of one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// True positives.
    pub tp: u64,
    /// False positives.
    pub fp: u64,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: u64,
}

impl Counts {
    /// Precision: tp / (tp + fp), 1 when nothing was output.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall: tp / (tp + fn), 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1 of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// One gold value the output did not match.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mismatch {
    /// The field scored (`entries.title`…).
    pub field: String,
    /// 1-based line of the element in the source text.
    pub line: u32,
    /// The gold value.
    pub gold: String,
    /// The output's value (empty when the element is missing).
    pub output: String,
    /// Character similarity of the two values (0 to 1).
    pub similarity: f64,
}

/// Scores of one or more documents: strict and relaxed counts per field, and mismatches.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Report {
    /// The files that were scored.
    pub files: Vec<String>,
    /// Counts per field with exact comparison after normalization.
    pub strict: BTreeMap<String, Counts>,
    /// Counts per field with character similarity at least 0.9.
    pub relaxed: BTreeMap<String, Counts>,
    /// Every mismatch, in field and line order.
    pub mismatches: Vec<Mismatch>,
}

impl Report {
    /// Add the counts and mismatches of another report (of another file) to this one.
    pub fn merge(&mut self, other: Report) {
        self.files.extend(other.files);
        for (k, v) in other.strict {
            self.strict.entry(k).or_default().add(v);
        }
        for (k, v) in other.relaxed {
            self.relaxed.entry(k).or_default().add(v);
        }
        self.mismatches.extend(other.mismatches);
    }

    /// Strict F1 of a field, if it was scored.
    pub fn f1(&self, field: &str) -> Option<f64> {
        self.strict.get(field).map(Counts::f1)
    }

    /// The worst mismatches first (lowest similarity, then by field and line).
    pub fn worst(&self, n: usize) -> Vec<&Mismatch> {
        let mut v: Vec<&Mismatch> = self.mismatches.iter().collect();
        v.sort_by(|a, b| {
            a.similarity
                .partial_cmp(&b.similarity)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.field.cmp(&b.field))
                .then(a.line.cmp(&b.line))
        });
        v.truncate(n);
        v
    }

    /// The table printed by `eval`.
    pub fn table(&self, worst: usize) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "{:<34} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7} | {:>10}\n",
            "field (strict)", "tp", "fp", "fn", "precision", "recall", "f1", "relaxed f1"
        ));
        for (field, c) in &self.strict {
            let relaxed = self.relaxed.get(field).map_or(c.f1(), Counts::f1);
            s.push_str(&format!(
                "{:<34} {:>6} {:>6} {:>6} {:>9.4} {:>7.4} {:>7.4} | {:>10.4}\n",
                field,
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1(),
                relaxed
            ));
        }
        let w = self.worst(worst);
        if !w.is_empty() {
            s.push_str(&format!("\nworst mismatches ({} of {}):\n", w.len(), self.mismatches.len()));
            for m in w {
                s.push_str(&format!(
                    "  line {:>5} {:<28} sim {:.2}  gold: {}  output: {}\n",
                    m.line,
                    m.field,
                    m.similarity,
                    clip(&m.gold),
                    clip(&m.output)
                ));
            }
        }
        s
    }
}

fn clip(s: &str) -> String {
    let c: Vec<char> = s.chars().collect();
    if c.len() > 40 {
        format!("{:?}…", c[..40].iter().collect::<String>())
    } else {
        format!("{s:?}")
    }
}

/// Character-level similarity of two normalized strings: 1 − edit distance / longer length.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / longest as f64
}

/// Scores fields as pairs are compared.
struct Scorer {
    report: Report,
}

impl Scorer {
    fn count(&mut self, field: &str, strict: Counts, relaxed: Counts) {
        self.report.strict.entry(field.to_string()).or_default().add(strict);
        self.report.relaxed.entry(field.to_string()).or_default().add(relaxed);
    }

    /// Compare one field of an aligned pair. `text` fields get relaxed matching.
    fn pair(&mut self, field: &str, line: u32, gold: &str, out: &str, text: bool) {
        let (g, o) = (normalize(gold), normalize(out));
        if g == o {
            let one = Counts { tp: 1, fp: 0, fn_: 0 };
            self.count(field, one, one);
            return;
        }
        let sim = similarity(&g, &o);
        let wrong = Counts { tp: 0, fp: 1, fn_: 1 };
        let relaxed = if text && sim >= RELAXED_SIMILARITY { Counts { tp: 1, fp: 0, fn_: 0 } } else { wrong };
        self.count(field, wrong, relaxed);
        self.report.mismatches.push(Mismatch {
            field: field.to_string(),
            line,
            gold: gold.to_string(),
            output: out.to_string(),
            similarity: sim,
        });
    }

    fn missing(&mut self, field: &str, line: u32, gold: &str) {
        let c = Counts { tp: 0, fp: 0, fn_: 1 };
        self.count(field, c, c);
        self.report.mismatches.push(Mismatch {
            field: field.to_string(),
            line,
            gold: gold.to_string(),
            output: String::new(),
            similarity: 0.0,
        });
    }

    fn extra(&mut self, field: &str, line: u32, out: &str) {
        let c = Counts { tp: 0, fp: 1, fn_: 0 };
        self.count(field, c, c);
        self.report.mismatches.push(Mismatch {
            field: field.to_string(),
            line,
            gold: String::new(),
            output: out.to_string(),
            similarity: 0.0,
        });
    }

    /// Element-level alignment counts (`<element>` field).
    fn elements(&mut self, element: &str, matched: usize, gold_only: usize, out_only: usize) {
        let c = Counts { tp: matched as u64, fp: out_only as u64, fn_: gold_only as u64 };
        self.count(element, c, c);
    }
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

fn num(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v}"))
}

/// One record to compare: its line, and field name → (value, is free text).
type Record = (u32, Vec<(&'static str, String, bool)>);

/// The record of a table or figure, keyed by its caption line.
fn captioned(
    line: u32,
    label: &str,
    number: u32,
    caption: &str,
    unit: &Option<String>,
    columns: Option<(&[String], String)>,
    note: &Option<String>,
) -> (u32, Record) {
    let mut fields = vec![
        ("label", label.to_string(), false),
        ("number", number.to_string(), false),
        ("caption", caption.to_string(), true),
        ("unit", opt(unit).to_string(), false),
    ];
    if let Some((c, totals)) = columns {
        fields.push(("columns", c.join(" | "), false));
        fields.push(("total_rows", totals, false));
    }
    fields.push(("source_note", opt(note).to_string(), true));
    (line, (line, fields))
}

/// The records of a table's cells, keyed by (caption line, row, column).
fn cells<'a>(line: u32, rows: impl Iterator<Item = Vec<(&'a str, Option<f64>)>>) -> Vec<((u32, usize, usize), Record)> {
    rows.enumerate()
        .flat_map(|(r, row)| {
            row.into_iter().enumerate().map(move |(c, (text, value))| {
                ((line, r, c), (line, vec![("text", text.to_string(), false), ("value", num(value), false)]))
            })
        })
        .collect()
}

/// Align records by key and score their fields.
fn score_keyed<K: std::hash::Hash + Eq + Clone>(
    s: &mut Scorer,
    element: &str,
    gold: Vec<(K, Record)>,
    out: Vec<(K, Record)>,
) {
    let mut out_map: HashMap<K, Record> = HashMap::new();
    let mut out_order: Vec<K> = Vec::new();
    for (k, r) in out {
        if let std::collections::hash_map::Entry::Vacant(v) = out_map.entry(k.clone()) {
            out_order.push(k);
            v.insert(r);
        }
    }
    let mut matched = 0;
    let mut gold_only = 0;
    let mut seen = HashSet::new();
    for (k, (line, fields)) in gold {
        match out_map.get(&k) {
            Some((_, ofields)) => {
                matched += 1;
                seen.insert(k.clone());
                for (name, g, text) in &fields {
                    let o = ofields.iter().find(|f| f.0 == *name).map_or("", |f| f.1.as_str());
                    s.pair(&format!("{element}.{name}"), line, g, o, *text);
                }
            }
            None => {
                gold_only += 1;
                for (name, g, _) in &fields {
                    s.missing(&format!("{element}.{name}"), line, g);
                }
            }
        }
    }
    let mut out_only = 0;
    for k in out_order {
        if seen.contains(&k) {
            continue;
        }
        out_only += 1;
        if let Some((line, fields)) = out_map.get(&k) {
            for (name, o, _) in fields {
                s.extra(&format!("{element}.{name}"), *line, o);
            }
        }
    }
    s.elements(element, matched, gold_only, out_only);
}

/// Score one converted document against its gold annotation.
pub fn evaluate(gold: &Gold, doc: &Document, name: &str) -> Report {
    let mut s = Scorer { report: Report { files: vec![name.to_string()], ..Report::default() } };
    score_metadata(&mut s, gold, doc);
    score_toc(&mut s, gold, doc);
    score_headings(&mut s, gold, doc);
    let blocks = all_blocks(doc);
    score_tables(&mut s, gold, &blocks);
    // Paragraphs, footnotes and page breaks, when the gold annotates them.
    score_paragraphs(&mut s, gold, doc);
    score_footnotes(&mut s, gold, doc);
    score_page_breaks(&mut s, gold, doc);
    score_figures(&mut s, gold, &blocks);
    score_recommendations(&mut s, gold, doc);
    score_chronology(&mut s, gold, doc);
    s.report
}

/// The metadata: title, date, institutions and authors.
fn score_metadata(s: &mut Scorer, gold: &Gold, doc: &Document) {
    s.pair("metadata.title", 1, opt(&gold.metadata.title), opt(&doc.metadata.title), true);
    s.pair("metadata.date", 1, opt(&gold.metadata.date), opt(&doc.metadata.date), false);
    let gi: Vec<(String, Record)> = gold.metadata.institutions.iter().map(|i| (normalize(i), (1, vec![]))).collect();
    let oi: Vec<(String, Record)> = doc.metadata.institutions.iter().map(|i| (normalize(i), (1, vec![]))).collect();
    score_keyed(s, "metadata.institutions", gi, oi);
    let ga = gold
        .metadata
        .authors
        .iter()
        .map(|a| {
            (
                (normalize(&a.name), a.role.clone()),
                (a.line, vec![("team", a.team.clone(), false), ("affiliation", opt(&a.affiliation).to_string(), true)]),
            )
        })
        .collect();
    let oa = doc
        .metadata
        .authors
        .iter()
        .map(|a| {
            let role =
                serde_json::to_value(a.role).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            let team =
                serde_json::to_value(a.team).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            (
                (normalize(&a.name), role),
                (
                    a.span.line_start,
                    vec![("team", team, false), ("affiliation", opt(&a.affiliation).to_string(), true)],
                ),
            )
        })
        .collect();
    score_keyed(s, "authors", ga, oa);
}

/// The table of contents.
fn score_toc(s: &mut Scorer, gold: &Gold, doc: &Document) {
    let toc = |line: u32, label: &Option<String>, title: &str, page: Option<u32>, level: u8| {
        let fields = vec![
            ("label", opt(label).to_string(), false),
            ("title", title.to_string(), true),
            ("page", num(page.map(f64::from)), false),
            ("level", level.to_string(), false),
        ];
        (line, (line, fields))
    };
    let gt = gold.toc.iter().map(|t| toc(t.line, &t.label, &t.title, t.page, t.level)).collect();
    let ot = doc.toc.iter().map(|t| toc(t.span.line_start, &t.label, &t.title, t.page, t.level)).collect();
    score_keyed(s, "toc", gt, ot);
}

/// The headings of parts, chapters and sections.
fn score_headings(s: &mut Scorer, gold: &Gold, doc: &Document) {
    let gh = gold
        .headings
        .iter()
        .map(|h| {
            let n = h.number.map_or(String::new(), |n| n.to_string());
            let c =
                if h.kind == "section" { h.chapter.map_or(String::new(), |n| n.to_string()) } else { String::new() };
            (
                h.line,
                (
                    h.line,
                    vec![
                        ("kind", h.kind.clone(), false),
                        ("number", format!("{c}.{n}"), false),
                        ("label", opt(&h.label).to_string(), false),
                        ("title", h.title.clone(), true),
                    ],
                ),
            )
        })
        .collect();
    score_keyed(s, "headings", gh, output_headings(doc));
}

/// The tables (caption, unit, columns, total rows, source note) and their cells; `blocks` are the document's.
fn score_tables(s: &mut Scorer, gold: &Gold, blocks: &[&Block]) {
    let tables: Vec<&crate::model::Table> =
        blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect();
    let gtab = gold
        .tables
        .iter()
        .map(|t| {
            let totals = t.total_rows.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
            captioned(t.line, &t.label, t.number, &t.caption, &t.unit, Some((&t.columns, totals)), &t.source_note)
        })
        .collect();
    let otab = tables
        .iter()
        .map(|t| {
            let totals = t
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.total)
                .map(|(k, _)| k.to_string())
                .collect::<Vec<_>>()
                .join(",");
            let line = t.span.line_start;
            captioned(line, &t.label, t.number, &t.caption, &t.unit, Some((&t.columns, totals)), &t.source_note)
        })
        .collect();
    score_keyed(s, "tables", gtab, otab);
    let gcells = gold
        .tables
        .iter()
        .flat_map(|t| cells(t.line, t.rows.iter().map(|r| r.iter().map(|c| (c.text.as_str(), c.value)).collect())))
        .collect();
    let ocells = tables
        .iter()
        .flat_map(|t| {
            cells(
                t.span.line_start,
                t.rows.iter().map(|r| r.cells.iter().map(|c| (c.text.as_str(), c.value)).collect()),
            )
        })
        .collect();
    score_keyed(s, "table_cells", gcells, ocells);
}

/// The body paragraphs, when the gold annotates them.
fn score_paragraphs(s: &mut Scorer, gold: &Gold, doc: &Document) {
    if let Some(gp) = &gold.paragraphs {
        let gold_rec = gp.iter().map(|p| (p.line, (p.line, vec![("text", p.text.clone(), true)]))).collect();
        let out_rec = body_paragraphs(doc)
            .into_iter()
            .map(|(line, text)| (line, (line, vec![("text", text.to_string(), true)])))
            .collect();
        score_keyed(s, "paragraphs", gold_rec, out_rec);
    }
}

/// The footnotes, when the gold annotates them.
fn score_footnotes(s: &mut Scorer, gold: &Gold, doc: &Document) {
    if let Some(gf) = &gold.footnotes {
        let marker = |m: Option<u32>| m.map_or(String::new(), |l| l.to_string());
        let gold_rec = gf
            .iter()
            .map(|f| {
                let fields = vec![
                    ("number", f.number.to_string(), false),
                    ("text", f.text.clone(), true),
                    ("marker_line", marker(f.marker_line), false),
                ];
                (f.line, (f.line, fields))
            })
            .collect();
        let out_rec = doc
            .footnotes
            .iter()
            .map(|f| {
                let fields = vec![
                    ("number", f.number.to_string(), false),
                    ("text", f.text.clone(), true),
                    ("marker_line", marker(f.marker.map(|m| m.line_start)), false),
                ];
                (f.span.line_start, (f.span.line_start, fields))
            })
            .collect();
        score_keyed(s, "footnotes", gold_rec, out_rec);
    }
}

/// The page breaks, when the gold annotates them.
fn score_page_breaks(s: &mut Scorer, gold: &Gold, doc: &Document) {
    if let Some(gb) = &gold.page_breaks {
        let page = |p: Option<u32>| p.map_or(String::new(), |p| p.to_string());
        let gold_rec = gb.iter().map(|b| (b.line, (b.line, vec![("page", page(b.page), false)]))).collect();
        let out_rec = doc
            .page_breaks
            .iter()
            .map(|b| {
                let line = b.lines.first().map_or(b.span.line_start, |l| l.span.line_start);
                (line, (line, vec![("page", page(b.page), false)]))
            })
            .collect();
        score_keyed(s, "page_breaks", gold_rec, out_rec);
    }
}

/// The figures; `blocks` are the document's.
fn score_figures(s: &mut Scorer, gold: &Gold, blocks: &[&Block]) {
    let gfig = gold
        .figures
        .iter()
        .map(|f| captioned(f.line, &f.label, f.number, &f.caption, &f.unit, None, &f.source_note))
        .collect();
    let ofig = blocks
        .iter()
        .filter_map(|b| if let Block::Figure(f) = b { Some(f) } else { None })
        .map(|f| captioned(f.span.line_start, &f.label, f.number, &f.caption, &f.unit, None, &f.source_note))
        .collect();
    score_keyed(s, "figures", gfig, ofig);
}

/// The recommendations, with their groups.
fn score_recommendations(s: &mut Scorer, gold: &Gold, doc: &Document) {
    let grec = gold
        .recommendations
        .iter()
        .map(|r| (r.number, (r.line, vec![("group", r.group.clone(), true), ("text", r.text.clone(), true)])))
        .collect();
    let orec = doc
        .recommendations
        .iter()
        .flat_map(|r| r.groups.iter())
        .flat_map(|g| {
            g.items.iter().map(move |i| {
                (
                    i.number,
                    (
                        i.span.line_start,
                        vec![("group", opt(&g.title).to_string(), true), ("text", i.text.clone(), true)],
                    ),
                )
            })
        })
        .collect();
    score_keyed(s, "recommendations", grec, orec);
}

/// The chronology: title, categories and entries, when the gold has one.
fn score_chronology(s: &mut Scorer, gold: &Gold, doc: &Document) {
    if let Some(gc) = &gold.chronology {
        let chron = doc.chronology.as_ref();
        s.pair("chronology.title", 1, &gc.title, chron.map_or("", |c| c.title.as_str()), true);
        let gcat = gc.categories.iter().map(|c| (c.line, (c.line, vec![("name", c.name.clone(), true)]))).collect();
        let ocat = chron
            .iter()
            .flat_map(|c| c.categories.iter())
            .map(|c| (c.heading_span.line_start, (c.heading_span.line_start, vec![("name", c.name.clone(), true)])))
            .collect();
        score_keyed(s, "chronology.categories", gcat, ocat);
        score_entries(s, &gc.entries, doc);
    }
}

#[allow(clippy::too_many_arguments)]
fn entry_fields(
    category: &str,
    date_text: &str,
    start: &str,
    end: &str,
    precision: &str,
    title: &str,
    description: &str,
    items: String,
    flags: String,
) -> Vec<(&'static str, String, bool)> {
    vec![
        ("category", category.to_string(), true),
        ("date.text", date_text.to_string(), false),
        ("date", format!("{start}..{end}"), false),
        ("date.precision", precision.to_string(), false),
        ("title", title.to_string(), true),
        ("description", description.to_string(), true),
        ("items", items, true),
        ("flags", flags, false),
    ]
}

/// Chronology entries: align one-to-one by start line, then by the largest overlap of line ranges.
fn score_entries(s: &mut Scorer, gold: &[GoldEntry], doc: &Document) {
    struct Out<'a> {
        category: &'a str,
        e: &'a crate::model::Entry,
    }
    let outs: Vec<Out> = doc
        .chronology
        .iter()
        .flat_map(|c| c.categories.iter())
        .flat_map(|c| c.entries.iter().map(move |e| Out { category: &c.name, e }))
        .collect();
    let by_start: HashMap<u32, usize> = outs.iter().enumerate().map(|(k, o)| (o.e.span.line_start, k)).collect();
    let mut taken = vec![false; outs.len()];
    let mut assign: Vec<Option<usize>> = vec![None; gold.len()];
    for (g, ge) in gold.iter().enumerate() {
        if let Some(&k) = by_start.get(&ge.line) {
            if !taken[k] {
                taken[k] = true;
                assign[g] = Some(k);
            }
        }
    }
    // Overlap pass for the rest: outputs sorted by start, found by binary search.
    let mut order: Vec<usize> = (0..outs.len()).collect();
    order.sort_by_key(|&k| outs[k].e.span.line_start);
    for (g, ge) in gold.iter().enumerate() {
        if assign[g].is_some() {
            continue;
        }
        let lo = order.partition_point(|&k| outs[k].e.span.line_end < ge.line);
        let mut best: Option<(u32, usize)> = None;
        for &k in order[lo..].iter().take_while(|&&k| outs[k].e.span.line_start <= ge.line_end) {
            if taken[k] {
                continue;
            }
            let sp = outs[k].e.span;
            let overlap = ge.line_end.min(sp.line_end) + 1 - ge.line.max(sp.line_start);
            if best.is_none_or(|(b, _)| overlap > b) {
                best = Some((overlap, k));
            }
        }
        if let Some((_, k)) = best {
            taken[k] = true;
            assign[g] = Some(k);
        }
    }
    let items = |v: Vec<(u32, &str)>| v.iter().map(|(n, t)| format!("{n}. {t}")).collect::<Vec<_>>().join("\n");
    let mut gold_rec: Vec<(usize, Record)> = Vec::new();
    let mut out_rec: Vec<(usize, Record)> = Vec::new();
    for (g, ge) in gold.iter().enumerate() {
        let mut flags = ge.flags.clone();
        flags.sort();
        let fields = entry_fields(
            &ge.category,
            opt(&ge.date.text),
            opt(&ge.date.start),
            opt(&ge.date.end),
            opt(&ge.date.precision),
            &ge.title,
            &ge.description,
            items(ge.items.iter().map(|i| (i.number, i.text.as_str())).collect()),
            flags.join(","),
        );
        // Key: the output index when aligned, else a key no output has.
        let key = assign[g].unwrap_or(usize::MAX - g);
        gold_rec.push((key, (ge.line, fields)));
    }
    for (k, o) in outs.iter().enumerate() {
        let e = o.e;
        let mut flags: Vec<&str> = e.flags.iter().map(|f| f.as_str()).collect();
        flags.sort();
        let precision =
            e.date.precision.map(|p| if p == crate::model::Precision::Day { "day" } else { "month" }).unwrap_or("");
        let fields = entry_fields(
            o.category,
            opt(&e.date.text),
            opt(&e.date.start),
            opt(&e.date.end),
            precision,
            &e.title,
            &e.description,
            items(e.items.iter().map(|i| (i.number, i.text.as_str())).collect()),
            flags.join(","),
        );
        out_rec.push((k, (e.span.line_start, fields)));
    }
    score_keyed(s, "entries", gold_rec, out_rec);
}

/// The paragraphs of the body (parts, chapters, sections): (first line, text).
fn body_paragraphs(doc: &Document) -> Vec<(u32, &str)> {
    let mut v: Vec<&Block> = Vec::new();
    for p in doc.summary.iter().chain(doc.preface.iter()) {
        v.extend(p.blocks.iter());
    }
    for c in &doc.chapters {
        v.extend(c.blocks.iter());
        for s in &c.sections {
            v.extend(s.blocks.iter());
        }
    }
    v.into_iter()
        .filter_map(|b| match b {
            Block::Paragraph { text, span, .. } => Some((span.line_start, text.as_str())),
            _ => None,
        })
        .collect()
}

fn all_blocks(doc: &Document) -> Vec<&Block> {
    let mut v: Vec<&Block> = doc.front_matter.iter().collect();
    for p in doc.summary.iter().chain(doc.preface.iter()) {
        v.extend(p.blocks.iter());
    }
    for c in &doc.chapters {
        v.extend(c.blocks.iter());
        for s in &c.sections {
            v.extend(s.blocks.iter());
        }
    }
    v
}

fn output_headings(doc: &Document) -> Vec<(u32, Record)> {
    let mut v = Vec::new();
    let part = |line: u32, title: &str| {
        (
            line,
            (
                line,
                vec![
                    ("kind", "part".to_string(), false),
                    ("number", ".".to_string(), false),
                    ("label", String::new(), false),
                    ("title", title.to_string(), true),
                ],
            ),
        )
    };
    for p in doc.summary.iter().chain(doc.preface.iter()) {
        v.push(part(p.heading_span.line_start, &p.title));
    }
    if let Some(r) = &doc.recommendations {
        v.push(part(r.heading_span.line_start, &r.title));
    }
    if let Some(c) = &doc.chronology {
        v.push(part(c.heading_span.line_start, "附录"));
    }
    for c in &doc.chapters {
        let l = c.heading_span.line_start;
        v.push((
            l,
            (
                l,
                vec![
                    ("kind", "chapter".to_string(), false),
                    ("number", format!(".{}", c.number), false),
                    ("label", c.label.clone(), false),
                    ("title", c.title.clone(), true),
                ],
            ),
        ));
        for s in &c.sections {
            let l = s.heading_span.line_start;
            v.push((
                l,
                (
                    l,
                    vec![
                        ("kind", "section".to_string(), false),
                        ("number", format!("{}.{}", c.number, s.number), false),
                        ("label", s.label.clone(), false),
                        ("title", s.title.clone(), true),
                    ],
                ),
            ));
        }
    }
    v
}

// ---------------------------------------------------------------- command

/// Load a gold file.
pub fn load_gold(path: &Path) -> Result<Gold, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: not a gold file: {e}", path.display()))
}

/// A warning when a gold file seems to be about another report than the document scored
/// against it: its recorded source hash (`source_sha256`, when it has one) or its title differs
/// from the document's.
pub fn mismatch(gold_path: &Path, gold: &Gold, doc: &Document, doc_path: &Path) -> Option<String> {
    if let Some(h) = gold.source_sha256.as_deref().filter(|h| *h != doc.source.sha256) {
        return Some(format!(
            "{}: the gold was annotated on a source with sha256 {}…, but {} comes from {}…; is it the gold of another report?",
            gold_path.display(),
            h.get(..12).unwrap_or(h),
            doc_path.display(),
            doc.source.sha256.get(..12).unwrap_or(&doc.source.sha256)
        ));
    }
    // A title read differently is what eval scores; with another file name too, it is likely
    // another report.
    let file_name = |p: &str| Path::new(p).file_name().map(|n| n.to_string_lossy().into_owned());
    let same_name = gold.source.as_deref().is_some_and(|g| file_name(g) == file_name(&doc.source.path));
    let title = |t: &Option<String>| t.as_deref().map(normalize);
    match (title(&gold.metadata.title), title(&doc.metadata.title)) {
        (Some(g), Some(d)) if g != d && !same_name => Some(format!(
            "{}: the gold's title {g:?} is not the title {d:?} of {}; is it the gold of another report?",
            gold_path.display(),
            doc_path.display()
        )),
        _ => None,
    }
}

/// Load the document to score: a converted `.json` document, or a text dump converted on the
/// fly (so `crdoc eval --gold g.gold.json dump.txt` needs no separate `convert`).
pub fn load_document(path: &Path) -> Result<Document, String> {
    crate::pipeline::inputs::load(path, crate::pipeline::inputs::DEFAULT_MAX_BYTES).map_err(|e| e.to_string())
}

/// Pair gold files with outputs: a file with a file, or `<stem>.gold.json` in a directory with
/// `<stem>.json` in the other (searched recursively), else with the text dump `<stem>.txt`.
pub fn pairs(gold: &Path, output: &Path) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    if !gold.is_dir() {
        let out = if output.is_dir() {
            let stem =
                gold.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".gold.json")).unwrap_or("");
            find_output(output, stem)
                .ok_or_else(|| format!("{}: no {stem}.json or {stem}.txt in it", output.display()))?
        } else {
            output.to_path_buf()
        };
        return Ok(vec![(gold.to_path_buf(), out)]);
    }
    let mut v = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(gold)
        .map_err(|e| format!("{}: {e}", gold.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for g in entries {
        let Some(stem) = g.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".gold.json")) else {
            continue;
        };
        match find_output(output, stem) {
            Some(o) => v.push((g.clone(), o)),
            None => {
                return Err(format!("{}: no output {stem}.json or {stem}.txt under {}", g.display(), output.display()))
            }
        }
    }
    if v.is_empty() {
        return Err(format!("{}: no *.gold.json files", gold.display()));
    }
    Ok(v)
}

/// The converted `<stem>.json` under `dir`, or else the dump `<stem>.txt`.
fn find_output(dir: &Path, stem: &str) -> Option<PathBuf> {
    find(dir, &format!("{stem}.json")).or_else(|| find(dir, &format!("{stem}.txt")))
}

fn find(dir: &Path, name: &str) -> Option<PathBuf> {
    let direct = dir.join(name);
    if direct.is_file() {
        return Some(direct);
    }
    let mut subdirs: Vec<PathBuf> =
        std::fs::read_dir(dir).ok()?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    subdirs.sort();
    subdirs.iter().find_map(|d| find(d, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_is_normalized_edit_distance() {
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert!((similarity("abcd", "abce") - 0.75).abs() < 1e-9);
        assert_eq!(similarity("", "x"), 0.0);
    }

    #[test]
    fn counts() {
        let c = Counts { tp: 8, fp: 2, fn_: 0 };
        assert!((c.precision() - 0.8).abs() < 1e-9);
        assert_eq!(c.recall(), 1.0);
        assert!((c.f1() - 2.0 * 0.8 / 1.8).abs() < 1e-9);
    }
}
