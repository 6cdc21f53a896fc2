//! Bad input gets a clear result, never a panic or a hang. Each case below is documented in the
//! README ("What bad input yields"). Timings are not asserted here (see `cargo bench`); the large
//! cases exist to catch panics and super-linear paths, which show up as tests that never end.

use crate::common::*;
use crdoc::model::Document;
use crdoc::parse::decode::DecodeError;

fn codes(doc: &Document) -> Vec<&str> {
    doc.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn converts(bytes: &[u8]) -> Document {
    let doc = crdoc::convert_bytes(bytes, "case").unwrap_or_else(|e| panic!("refused: {e}"));
    assert_invariants(bytes, &doc);
    doc
}

#[test]
fn empty_file_is_refused() {
    assert_eq!(crdoc::convert_bytes(b"", "x").unwrap_err(), DecodeError::Empty);
}

#[test]
fn whitespace_only_is_refused() {
    let e = crdoc::convert_bytes(" \n\t\r\n\u{3000}\n".as_bytes(), "x").unwrap_err();
    assert_eq!(e, DecodeError::Blank);
}

#[test]
fn a_single_line_is_a_document_without_structure() {
    let doc = converts("中俄对话：2020模式".as_bytes());
    assert_eq!(doc.metadata.title.as_deref(), Some("中俄对话：2020模式"));
    assert!(codes(&doc).contains(&"no_structure"));
}

#[test]
fn binary_files_are_refused_as_not_text() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(std::iter::repeat_n(0u8, 200));
    let e = crdoc::convert_bytes(&png, "x").unwrap_err();
    assert!(matches!(e, DecodeError::NotText(_)), "{e:?}");
    assert!(e.to_string().starts_with("not a text document"));
    let controls: Vec<u8> = (0..5000u32).map(|i| (i % 31) as u8).collect();
    assert!(matches!(crdoc::convert_bytes(&controls, "x"), Err(DecodeError::NotText(_))));
}

#[test]
fn random_bytes_are_refused() {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    assert!(matches!(crdoc::convert_bytes(&bytes, "x"), Err(DecodeError::NotText(_))));
}

#[test]
fn invalid_sequences_are_replaced_and_reported() {
    let mut bytes = sample_bytes();
    let positions = [50_000usize, 120_000, 300_000];
    for &p in positions.iter().rev() {
        // Insert at a character boundary so each insertion is exactly one invalid sequence.
        let p = (p..).find(|&q| bytes[q] < 0x80 || bytes[q] >= 0xC0).unwrap_or(p);
        bytes.insert(p, 0xFF);
    }
    let doc = converts(&bytes);
    let d = doc.diagnostics.iter().find(|d| d.code == "invalid_bytes").expect("reported");
    assert!(d.message.starts_with("3 invalid byte sequence(s)"), "{}", d.message);
    assert!(d.message.contains("first at byte 5000"), "{}", d.message);
    assert_eq!(doc.source.encoding, "UTF-8");
    assert_eq!(doc.chapters.len(), 6);
}

#[test]
fn nul_bytes_inside_text_are_kept_and_reported() {
    let mut bytes = sample_bytes();
    for from in [100_000, 200_000] {
        let at = (from..).find(|&q| bytes[q] == b'\n').unwrap_or(from);
        bytes.insert(at, 0);
    }
    let doc = converts(&bytes);
    assert!(codes(&doc).contains(&"nul_bytes"));
}

/// The original document's entries that start before `line`, for comparing with a cut file.
fn entries_before(doc: &Document, line: u32) -> Vec<(String, Option<String>)> {
    doc.chronology
        .iter()
        .flat_map(|c| c.categories.iter())
        .flat_map(|c| c.entries.iter())
        .filter(|e| e.span.line_end < line)
        .map(|e| (e.title.clone(), e.date.start.clone()))
        .collect()
}

fn offset_of_line(text: &str, line: usize) -> usize {
    text.split_inclusive('\n').take(line - 1).map(str::len).sum()
}

#[test]
fn a_file_cut_in_the_middle_of_a_table_keeps_what_came_before() {
    let text = sample_text();
    let cut = offset_of_line(&text, 595) + "矿石、矿渣、灰分\t22".len();
    let doc = converts(&text.as_bytes()[..cut]);
    assert_eq!(doc.chapters.len(), 4);
    let original = sample_doc();
    assert_eq!(doc.chapters[..3], original.chapters[..3]);
    let table = |d: &Document| {
        d.chapters[3].sections[1]
            .blocks
            .iter()
            .find_map(|b| if let crdoc::model::Block::Table(t) = b { Some(t.clone()) } else { None })
            .expect("table 2")
    };
    let (cut_table, full_table) = (table(&doc), table(&original));
    assert_eq!(cut_table.rows.len(), 5);
    assert_eq!(cut_table.rows[..4], full_table.rows[..4]);
    assert!(codes(&doc).contains(&"toc_missing_heading"));
    assert!(codes(&doc).contains(&"ends_mid_sentence"));
}

#[test]
fn a_file_cut_inside_a_character_in_the_chronology_keeps_what_came_before() {
    let text = sample_text();
    let line = 2500;
    let start = offset_of_line(&text, line);
    // Cut after the first byte of a three-byte character.
    let cut = (start..).find(|&q| text.as_bytes()[q] >= 0xE0).expect("a CJK character") + 1;
    let doc = converts(&text.as_bytes()[..cut]);
    assert!(codes(&doc).contains(&"truncated_input"));
    assert_eq!(entries_before(&doc, line as u32 - 1), entries_before(&sample_doc(), line as u32 - 1));
    assert_eq!(doc.chapters, sample_doc().chapters);
    assert_eq!(doc.recommendations, sample_doc().recommendations);
}

#[test]
fn a_50_mb_single_line() {
    let line = "中俄关系处于有史以来的最高水平，".repeat(50 * 1024 * 1024 / 48);
    let doc = converts(line.as_bytes());
    assert_eq!(doc.front_matter.len() + usize::from(doc.metadata.title.is_some()), 1);
}

#[test]
fn a_hundred_thousand_lines_of_bullet_garbage() {
    let text: String = (0..100_000).map(|i| format!("- {}*{}#{}\n", i, "垃圾".repeat(i % 7), i % 13)).collect();
    let doc = converts(text.as_bytes());
    assert!(!doc.front_matter.is_empty());
}

#[test]
fn two_hundred_thousand_date_only_lines() {
    let text: String = (0..200_000).map(|i| format!("2019年{}月{}日\n", i % 12 + 1, i % 28 + 1)).collect();
    converts(text.as_bytes());
    let mut with_appendix = String::from("附录\n\n2019 第二季度至 2020 年第一季度大事记\n\n政治对话\n\n");
    with_appendix.push_str(&text);
    let doc = converts(with_appendix.as_bytes());
    let entries: usize = doc.chronology.iter().flat_map(|c| c.categories.iter()).map(|c| c.entries.len()).sum();
    assert_eq!(entries, 200_000);
}

#[test]
fn the_sample_concatenated_a_hundred_times() {
    let sample = sample_text();
    let mut text = String::with_capacity(sample.len() * 100 + 100);
    for _ in 0..100 {
        text.push_str(&sample);
        text.push('\n');
    }
    let doc = converts(text.as_bytes());
    assert_eq!(doc.chapters.len(), 600);
    assert!(codes(&doc).contains(&"duplicate_part"));
}

#[test]
fn five_thousand_pages_of_furniture_and_footnotes() {
    // Every page: five body lines, twenty footnotes, a page number and a running header.
    let mut text = String::from("中俄对话：2023 模式\n\n");
    for page in 1..=5_000u32 {
        for _ in 0..5 {
            text.push_str("中俄关系处于有史以来的最高水平，合作机制1，继续发展\n");
        }
        for n in 1..=20 {
            text.push_str(&format!("{n} 参见：《报告》第 {page} 页\n"));
        }
        text.push_str(&format!("{}\n\u{c}中俄对话：2023 模式\n", page % 9000 + 1));
    }
    let started = std::time::Instant::now();
    let doc = converts(text.as_bytes());
    assert!(doc.page_breaks.len() >= 4_000, "{} page breaks", doc.page_breaks.len());
    assert!(!doc.footnotes.is_empty());
    assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());
}
