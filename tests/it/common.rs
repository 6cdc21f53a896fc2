//! Helpers shared by the integration tests.
#![allow(dead_code)]

use crdoc::model::{Block, Document};
use std::fmt::Write;
use std::path::PathBuf;

pub const SAMPLE: &str = "input/china-russia-dialogue-2020.zh.txt";
pub const GOLD: &str = "tests/gold/china-russia-dialogue-2020.zh.gold.json";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_bytes() -> Vec<u8> {
    std::fs::read(root().join(SAMPLE)).expect("the sample is in input/")
}

pub fn sample_text() -> String {
    String::from_utf8(sample_bytes()).expect("the sample is UTF-8")
}

pub fn convert(bytes: &[u8]) -> Document {
    crdoc::convert_bytes(bytes, SAMPLE).expect("the input converts")
}

pub fn sample_doc() -> Document {
    convert(&sample_bytes())
}

/// Every invariant of `crdoc::check`, asserted.
pub fn assert_invariants(bytes: &[u8], doc: &Document) {
    let decoded = crdoc::parse::decode::decode(bytes).expect("decodes");
    let errors = crdoc::check::check(doc, &decoded.text);
    assert!(errors.is_empty(), "invariants violated:\n{}", errors.join("\n"));
}

fn block_line(b: &Block) -> String {
    let s = b.span();
    let lines = format!("{}-{}", s.line_start, s.line_end);
    match b {
        Block::Paragraph { text, .. } => format!("paragraph {lines} ({} chars)", text.chars().count()),
        Block::Subheading { text, .. } => format!("subheading {lines} {text}"),
        Block::List { items, .. } => format!("list {lines} ({} items)", items.len()),
        Block::Table(t) => format!(
            "table {lines} {} [{}] unit={:?} {} columns × {} rows, note: {}",
            t.label,
            t.caption,
            t.unit,
            t.columns.len(),
            t.rows.len(),
            t.source_note.is_some()
        ),
        Block::Figure(f) => {
            format!("figure {lines} {} [{}] unit={:?} note: {}", f.label, f.caption, f.unit, f.source_note.is_some())
        }
    }
}

/// A short, readable outline of a document for snapshots a reviewer can read at a glance.
pub fn outline(doc: &Document) -> String {
    let mut s = String::new();
    let m = &doc.metadata;
    let _ = writeln!(s, "title: {:?}", m.title);
    let _ = writeln!(s, "date: {:?}", m.date);
    let _ = writeln!(s, "institutions: {:?}", m.institutions);
    for a in &m.authors {
        let _ = writeln!(s, "author {:?} {:?} {:?} | {:?}", a.team, a.role, a.name, a.affiliation);
    }
    for b in &doc.front_matter {
        let _ = writeln!(s, "front matter: {}", block_line(b));
    }
    for t in &doc.toc {
        let _ = writeln!(s, "toc L{} {} {:?} p.{:?}", t.level, t.label.as_deref().unwrap_or("-"), t.title, t.page);
    }
    for p in doc.summary.iter().chain(doc.preface.iter()) {
        let _ = writeln!(s, "part {} (line {})", p.title, p.heading_span.line_start);
        for b in &p.blocks {
            let _ = writeln!(s, "  {}", block_line(b));
        }
    }
    for c in &doc.chapters {
        let _ = writeln!(s, "chapter {} {} {:?} (line {})", c.number, c.label, c.title, c.heading_span.line_start);
        for b in &c.blocks {
            let _ = writeln!(s, "  {}", block_line(b));
        }
        for sec in &c.sections {
            let _ = writeln!(
                s,
                "  section {} {} {:?} (line {})",
                sec.number, sec.label, sec.title, sec.heading_span.line_start
            );
            for b in &sec.blocks {
                let _ = writeln!(s, "    {}", block_line(b));
            }
        }
    }
    if let Some(r) = &doc.recommendations {
        let _ = writeln!(s, "recommendations {:?}", r.title);
        for g in &r.groups {
            let nums: Vec<String> = g.items.iter().map(|i| i.number.to_string()).collect();
            let _ = writeln!(s, "  group {:?}: {}", g.title, nums.join(" "));
        }
    }
    if let Some(c) = &doc.chronology {
        let _ = writeln!(s, "chronology {:?} period {:?}", c.title, c.period);
        for cat in &c.categories {
            let _ = writeln!(
                s,
                "  category {:?} (line {}): {} entries",
                cat.name,
                cat.heading_span.line_start,
                cat.entries.len()
            );
            for e in cat.entries.iter().filter(|e| !e.flags.is_empty()) {
                let flags: Vec<&str> = e.flags.iter().map(|f| f.as_str()).collect();
                let _ = writeln!(
                    s,
                    "    line {} {:?} → {:?}..{:?} [{}] {}",
                    e.span.line_start,
                    e.date.text,
                    e.date.start,
                    e.date.end,
                    flags.join(", "),
                    e.title
                );
            }
        }
    }
    for d in &doc.diagnostics {
        let line = d.span.map_or("-".to_string(), |s| s.line_start.to_string());
        let _ = writeln!(s, "diagnostic {:?} {} line {}: {}", d.severity, d.code, line, d.message);
    }
    s
}
