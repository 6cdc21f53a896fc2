//! The yardstick of issue 12: a minimal line-to-JSON pass over a text file. Shared by
//! `benches/pipeline.rs` (group `ratio`) and `examples/minimal_pass.rs` (for `benches/process.sh`).

use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// One JSON record per line.
#[derive(Serialize)]
struct LineRecord<'a> {
    kind: &'static str,
    text: &'a str,
    span: crdoc::model::Span,
}

/// The minimal line-to-JSON pass: read the file, check UTF-8, split it into lines, classify each
/// line by its first characters, and write every line back as a JSON record with its span.
pub fn minimal_line_to_json(input: &Path, output: &Path) -> usize {
    let bytes = std::fs::read(input).expect("read");
    let text = simdutf8::basic::from_utf8(&bytes).expect("utf-8");
    let mut w = std::io::BufWriter::with_capacity(256 * 1024, std::fs::File::create(output).expect("create"));
    let mut start = 0;
    let mut no = 0u32;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())) {
        no += 1;
        let line = text.get(start..end).unwrap_or_default();
        let t = line.trim();
        let kind = match t.chars().next() {
            None => "blank",
            Some('第') => "heading",
            Some('表' | '图') => "caption",
            Some('-' | '•' | '·') => "bullet",
            Some(c) if c.is_ascii_digit() => "numbered",
            Some(_) => "text",
        };
        let span = crdoc::model::Span { line_start: no, line_end: no, byte_start: start as u64, byte_end: end as u64 };
        serde_json::to_writer(&mut w, &LineRecord { kind, text: line, span }).expect("json");
        w.write_all(b"\n").expect("write");
        start = end + 1;
    }
    w.flush().expect("flush");
    no as usize
}
