//! `crdoc diff` and `convert --ndjson` as users run them: exit codes, the ids named, a
//! re-encoded input comparing equal, failures as JSON lines on standard error.

use crate::common::*;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn crdoc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crdoc")).args(args).output().expect("runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The sample converted, written as JSON, with an edit applied.
fn write_doc(path: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut v = serde_json::to_value(sample_doc()).expect("json");
    edit(&mut v);
    std::fs::write(path, serde_json::to_string(&v).expect("json")).expect("write");
}

#[test]
fn a_file_equals_itself_and_a_changed_title_is_named_by_id() {
    let tmp = tempfile::tempdir().expect("tmp");
    let a = tmp.path().join("a.json");
    write_doc(&a, |_| {});
    let o = crdoc(&["diff", s(&a), s(&a)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");

    let b = tmp.path().join("b.json");
    write_doc(&b, |v| v["chronology"]["categories"][1]["entries"][4]["title"] = "改过的标题".into());
    let o = crdoc(&["diff", s(&a), s(&b)]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("~ chron.c2.e5 (entry) title: "), "{out}");
    assert!(out.contains("→ \"改过的标题\""), "{out}");
    assert!(out.contains("entry: 0 added, 0 removed, 1 changed"), "{out}");

    let o = crdoc(&["diff", "--json", s(&a), s(&b)]);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(report["equal"], false);
    let changes = report["files"][0]["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["op"], "changed");
    assert_eq!(changes[0]["id"], "chron.c2.e5");
    assert_eq!(changes[0]["field"], "title");
    assert_eq!(changes[0]["new"], "改过的标题");
    assert_eq!(report["files"][0]["counts"]["entry"]["changed"], 1);
}

#[test]
fn a_removed_entry_is_named_and_counted() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (a, b) = (tmp.path().join("a.json"), tmp.path().join("b.json"));
    write_doc(&a, |_| {});
    let doc = sample_doc();
    let last_cat = doc.chronology.as_ref().map_or(0, |c| c.categories.len()) - 1;
    let last = doc.chronology.as_ref().and_then(|c| c.categories[last_cat].entries.last()).expect("entry").id.clone();
    write_doc(&b, |v| {
        v["chronology"]["categories"][last_cat]["entries"].as_array_mut().expect("entries").pop();
    });
    let o = crdoc(&["diff", "--json", s(&a), s(&b)]);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let changes = report["files"][0]["changes"].as_array().expect("changes");
    assert!(changes.iter().any(|c| c["op"] == "removed" && c["id"] == last.as_str()), "{changes:?}");
    assert_eq!(report["files"][0]["counts"]["entry"]["removed"], 1);
    // Only the entry (and the items of its sub-list, if any) is reported.
    assert!(changes.iter().all(|c| c["id"].as_str().is_some_and(|id| id.starts_with(last.as_str()))), "{changes:?}");
}

#[test]
fn a_re_encoded_input_compares_equal_unless_spans_are_asked_for() {
    let tmp = tempfile::tempdir().expect("tmp");
    let utf8 = tmp.path().join("a.txt");
    std::fs::write(&utf8, sample_bytes()).expect("write");
    let text = sample_text().replace('\n', "\r\n");
    let gb = tmp.path().join("b.txt");
    std::fs::write(&gb, encoding_rs::GB18030.encode(&text).0).expect("write");
    let o = crdoc(&["diff", s(&utf8), s(&gb)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = crdoc(&["diff", "--spans", s(&utf8), s(&gb)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("byte_"), "{}", stdout(&o));
}

#[test]
fn directories_pair_files_by_relative_path() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for d in [&a, &b] {
        std::fs::create_dir_all(d.join("sub")).expect("mkdir");
        write_doc(&d.join("sub/x.json"), |_| {});
    }
    assert_eq!(crdoc(&["diff", s(&a), s(&b)]).status.code(), Some(0));
    write_doc(&b.join("y.json"), |_| {});
    let o = crdoc(&["diff", s(&a), s(&b)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("only in B: y.json"), "{}", stdout(&o));
}

#[test]
fn trouble_exits_2() {
    let tmp = tempfile::tempdir().expect("tmp");
    let a = tmp.path().join("a.json");
    write_doc(&a, |_| {});
    let o = crdoc(&["diff", s(&a), s(&tmp.path().join("missing.json"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.json"));
    assert_eq!(crdoc(&["diff", s(&a)]).status.code(), Some(2));
    assert_eq!(crdoc(&["diff", s(&a), s(tmp.path())]).status.code(), Some(2));
}

#[test]
fn convert_ndjson_writes_documents_as_lines_and_failures_as_json_on_stderr() {
    let tmp = tempfile::tempdir().expect("tmp");
    let good = tmp.path().join("good.txt");
    std::fs::write(&good, sample_bytes()).expect("write");
    let missing = tmp.path().join("missing.txt");
    let list = format!("{}\n\n{}\r\n{}\n", s(&good), s(&missing), s(&good));
    let mut child = Command::new(env!("CARGO_BIN_EXE_crdoc"))
        .args(["convert", "--ndjson", "--paths-from", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(list.as_bytes()).expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    for l in &lines {
        let doc: crdoc::model::Document = serde_json::from_str(l).expect("a whole document per line");
        assert_eq!(doc.entries().count(), 656);
    }
    let err = String::from_utf8_lossy(&o.stderr);
    let errs: Vec<serde_json::Value> = err.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(errs.len(), 1, "{err}");
    assert_eq!(errs[0]["path"], s(&missing));

    // --paths-from FILE, plus a path on the command line; all good: exit 0.
    let listfile = tmp.path().join("list.txt");
    std::fs::write(&listfile, format!("{}\n", s(&good))).expect("write");
    let o = crdoc(&["convert", "--ndjson", "--paths-from", s(&listfile), s(&good)]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stdout(&o).lines().count(), 2);
    assert!(o.stderr.is_empty());
}

/// The sample's text with a copy of one chronology entry (a new title) inserted after it, in
/// the middle of its category; returns the text and the id the new entry gets.
fn sample_with_an_inserted_entry() -> (String, String) {
    let text = sample_text();
    let doc = sample_doc();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let chron = doc.chronology.as_ref().expect("chronology");
    let (c, cat) = chron.categories.iter().enumerate().max_by_key(|(_, c)| c.entries.len()).expect("a category");
    let middle = cat.entries.len() / 2;
    // An unflagged entry whose title is printed whole on one line, without sub-items.
    let (k, e) = cat.entries[middle..]
        .iter()
        .enumerate()
        .find(|(_, e)| {
            e.flags.is_empty()
                && e.items.is_empty()
                && lines[e.span.line_start as usize - 1..e.span.line_end as usize]
                    .iter()
                    .filter(|l| l.contains(e.title.as_str()))
                    .count()
                    == 1
        })
        .expect("an entry to copy");
    let span = (e.span.line_start as usize - 1)..(e.span.line_end as usize);
    let copy: String = lines[span.clone()].concat().replacen(e.title.as_str(), "新插入的一条大事记标题", 1);
    let mut out = lines[..span.end].concat();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&copy);
    out.push_str(&lines[span.end..].concat());
    (out, format!("chron.c{}.e{}", c + 1, middle + k + 2))
}

#[test]
fn an_entry_inserted_in_the_middle_of_a_category_is_one_added_entry_and_nothing_else() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (text, new_id) = sample_with_an_inserted_entry();
    let (a, b) = (tmp.path().join("a.txt"), tmp.path().join("b.txt"));
    std::fs::write(&a, sample_text()).expect("write");
    std::fs::write(&b, &text).expect("write");
    let doc = crdoc::convert_bytes(text.as_bytes(), "b.txt").expect("converts");
    assert_eq!(doc.entries().count(), sample_doc().entries().count() + 1);
    assert_eq!(doc.diagnostics.len(), sample_doc().diagnostics.len(), "the copy adds no diagnostic");

    let o = crdoc(&["diff", "--json", s(&a), s(&b)]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let changes = report["files"][0]["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["op"], "added");
    assert_eq!(changes[0]["id"], new_id.as_str());
    let counts = report["files"][0]["counts"].as_object().expect("counts");
    assert_eq!(counts.len(), 1, "{counts:?}");
    assert_eq!(counts["entry"], serde_json::json!({"added": 1, "removed": 0, "changed": 0}));

    // As text, one `+` line and the counts; the other way round, one removed entry.
    let o = crdoc(&["diff", s(&a), s(&b)]);
    let out = stdout(&o);
    assert!(out.contains(&format!("+ {new_id} (entry)\n")), "{out}");
    assert!(out.ends_with("entry: 1 added, 0 removed, 0 changed\n"), "{out}");
    let o = crdoc(&["diff", s(&b), s(&a)]);
    assert!(stdout(&o).ends_with("entry: 0 added, 1 removed, 0 changed\n"), "{}", stdout(&o));
    // With --spans the lines after the insertion have moved: changes, but still one added entry.
    let o = crdoc(&["diff", "--json", "--spans", s(&a), s(&b)]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(report["files"][0]["counts"]["entry"]["added"], 1);
    assert_eq!(report["files"][0]["counts"]["entry"]["removed"], 0);
}

#[test]
fn diagnostics_are_matched_by_code_and_element_not_by_number() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (text, _) = sample_with_an_inserted_entry();
    // Remove the first diagnostic's cause? Simpler: compare B against itself shifted: the
    // diagnostics after the insertion have new element ids, and none is reported.
    let (a, b) = (tmp.path().join("a.txt"), tmp.path().join("b.txt"));
    std::fs::write(&a, sample_text()).expect("write");
    std::fs::write(&b, &text).expect("write");
    let o = crdoc(&["diff", "--json", s(&a), s(&b)]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(report["files"][0]["counts"].get("diagnostic").is_none(), "{report}");
    // The diagnostics of the entries after the insertion did move to other element ids.
    let (da, db) = (sample_doc(), crdoc::convert_bytes(text.as_bytes(), "b.txt").expect("converts"));
    let moved = da.diagnostics.iter().zip(&db.diagnostics).filter(|(x, y)| x.element != y.element).count();
    assert!(moved > 0, "no diagnostic moved: the test proves nothing");
}
