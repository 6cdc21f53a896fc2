//! Inputs found by the fuzzer (`fuzz/`, target `convert`), minimized, kept here so the bugs they
//! exposed stay fixed. Each file goes through the same checks as the fuzz target: a refused input
//! (empty, blank, binary) is fine; an accepted one must satisfy every invariant of
//! `crdoc::check` and serialize to JSON.

use std::path::PathBuf;

fn regressions() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn fuzz_regressions_satisfy_the_invariants() {
    let files = regressions();
    assert!(!files.is_empty(), "tests/fuzz_regressions/ holds no input");
    let mut failures = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("readable");
        let name = path.file_name().unwrap().to_string_lossy();
        let doc = match crdoc::convert_bytes(&bytes, &name) {
            Ok(doc) => doc,
            Err(_) => continue,
        };
        let decoded =
            crdoc::parse::decode::decode(&bytes).expect("convert_bytes accepted the input, so decode must too");
        let violations = crdoc::check::check(&doc, &decoded.text);
        if !violations.is_empty() {
            failures.push(format!("{name}:\n  {}", violations.join("\n  ")));
        }
        if let Err(e) = serde_json::to_string(&doc) {
            failures.push(format!("{name}: cannot serialize: {e}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} input(s) fail:\n{}", failures.len(), files.len(), failures.join("\n"));
}

/// `目\n第一节\n<invalid byte>`: a numbered section before any part or chapter was in no region,
/// so its heading and body lines were silently dropped.
#[test]
fn a_section_before_the_first_chapter_is_kept() {
    let doc = crdoc::convert_bytes("标题\n第一节 甲乙\n正文。\n第一章 丙\n正文。\n".as_bytes(), "t").unwrap();
    assert_eq!(doc.chapters.len(), 2);
    assert_eq!(doc.chapters[0].sections[0].title, "甲乙");
    assert_eq!(doc.chapters[0].sections[0].blocks.len(), 1);
    assert!(doc.diagnostics.iter().any(|d| d.code == "section_outside_chapter"));
}

/// `附录\n附录\n0至2。`: the repeated appendix is covered only by its `duplicate_part` diagnostic,
/// whose span is the chronology's; that span left out a title line with no category after it.
#[test]
fn a_repeated_appendix_covers_its_title_line() {
    let doc = crdoc::convert_bytes("附录\n附录\n大事记\n".as_bytes(), "t").unwrap();
    let dup = doc.diagnostics.iter().find(|d| d.code == "duplicate_part").expect("duplicate_part");
    let span = dup.span.expect("span");
    assert_eq!((span.line_start, span.line_end), (2, 3));
}
