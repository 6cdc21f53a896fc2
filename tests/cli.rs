//! The command line as users run it: batches with good and bad files, exit codes, mirrored
//! output directories, atomic writes, refusals, standard input, validate, schema and eval.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn crdoc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crdoc")).args(args).output().expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut v = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                v.push(p.strip_prefix(dir).expect("prefix").display().to_string());
            }
        }
    }
    v.sort();
    v
}

#[test]
fn a_batch_converts_every_good_file_and_names_every_bad_one() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(input.join("sub")).expect("mkdir");
    std::fs::write(input.join("report.txt"), sample_bytes()).expect("write");
    std::fs::write(input.join("sub/report.txt"), sample_bytes()).expect("write");
    std::fs::write(input.join("empty.txt"), b"").expect("write");
    std::fs::write(input.join("binary.txt"), [0u8, 1, 2, 3, 255, 0, 0, 7].repeat(100)).expect("write");
    std::fs::write(input.join("notes.md"), b"ignored: not *.txt").expect("write");
    let out = tmp.path().join("out");
    let o = crdoc(&["convert", input.to_str().unwrap_or(""), "-o", out.to_str().unwrap_or(""), "-j", "2"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(files_under(&out), ["report.json", "sub/report.json"]);
    let err = stderr(&o);
    assert!(err.lines().any(|l| l.contains("empty.txt: the file is empty")), "{err}");
    assert!(err.lines().any(|l| l.contains("binary.txt: not a text document")), "{err}");
    let summary = err.lines().last().unwrap_or("");
    assert!(summary.starts_with("converted 2 of 4 file(s), 2 failed"), "{summary}");
    assert!(summary.contains("empty.txt") && summary.contains("binary.txt"), "{summary}");
    // Both outputs are complete, valid documents.
    let v = crdoc(&[
        "validate",
        out.join("report.json").to_str().unwrap_or(""),
        out.join("sub/report.json").to_str().unwrap_or(""),
    ]);
    assert_eq!(v.status.code(), Some(0), "{}", stderr(&v));
}

#[test]
fn all_good_exits_zero_and_pretty_output_is_the_snapshot() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = crdoc(&["convert", SAMPLE, "-o", tmp.path().to_str().unwrap_or(""), "--pretty"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(tmp.path().join("china-russia-dialogue-2020.zh.json")).expect("output");
    let expected = crdoc::cli::to_json(&sample_doc(), true).expect("json");
    assert_eq!(written, expected);
}

#[test]
fn an_output_that_would_replace_an_input_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    std::fs::write(dir.join("a.txt"), sample_bytes()).expect("write");
    std::fs::write(dir.join("a.json"), b"precious").expect("write");
    let o = crdoc(&[
        "convert",
        dir.join("a.txt").to_str().unwrap_or(""),
        dir.join("a.json").to_str().unwrap_or(""),
        "-o",
        dir.to_str().unwrap_or(""),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("it is an input file"), "{}", stderr(&o));
    assert_eq!(std::fs::read(dir.join("a.json")).expect("kept"), b"precious");
}

#[test]
fn same_named_inputs_never_overwrite_each_other() {
    let tmp = tempfile::tempdir().expect("tmp");
    for d in ["x", "y"] {
        std::fs::create_dir_all(tmp.path().join(d)).expect("mkdir");
        std::fs::write(tmp.path().join(d).join("r.txt"), sample_bytes()).expect("write");
    }
    let out = tmp.path().join("out");
    let (x, y) = (tmp.path().join("x/r.txt"), tmp.path().join("y/r.txt"));
    let o = crdoc(&["convert", x.to_str().unwrap_or(""), y.to_str().unwrap_or(""), "-o", out.to_str().unwrap_or("")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("would overwrite the output of"), "{}", stderr(&o));
    assert_eq!(files_under(&out), ["r.json"]);
}

#[test]
fn oversized_inputs_are_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = crdoc(&["convert", SAMPLE, "-o", tmp.path().to_str().unwrap_or(""), "--max-bytes", "1000"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("larger than --max-bytes (427913 > 1000 bytes)"), "{}", stderr(&o));
    assert!(files_under(tmp.path()).is_empty());
}

#[test]
fn no_temporary_files_are_left_behind() {
    let tmp = tempfile::tempdir().expect("tmp");
    crdoc(&["convert", SAMPLE, "-o", tmp.path().to_str().unwrap_or("")]);
    assert_eq!(files_under(tmp.path()), ["china-russia-dialogue-2020.zh.json"]);
}

#[test]
fn standard_input_to_standard_output() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crdoc"))
        .args(["convert", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let bytes = sample_bytes();
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(&bytes).expect("write stdin");
    });
    let o = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v["source"]["path"], "-");
    assert!(crdoc::schema::validate(&v).is_ok());
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(crdoc(&["convert"]).status.code(), Some(2));
    assert_eq!(crdoc(&["convert", SAMPLE, "--no-such-flag"]).status.code(), Some(2));
}

#[test]
fn validate_rejects_a_broken_document_with_one_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let f = tmp.path().join("bad.json");
    std::fs::write(&f, br#"{"schema_version": 3}"#).expect("write");
    let o = crdoc(&["validate", f.to_str().unwrap_or("")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.json: does not validate against the schema"), "{err}");
}

#[test]
fn schema_command_prints_the_checked_in_schema() {
    let o = crdoc(&["schema"]);
    let checked_in = std::fs::read_to_string(root().join("schemas/document.schema.json")).expect("schema");
    assert_eq!(String::from_utf8_lossy(&o.stdout), checked_in);
}

#[test]
fn eval_prints_the_table_and_gates_on_min_f1() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("china-russia-dialogue-2020.zh.json");
    std::fs::write(&out, crdoc::cli::to_json(&sample_doc(), false).expect("json")).expect("write");
    let o = crdoc(&["eval", "--gold", GOLD, out.to_str().unwrap_or(""), "--min-f1", "1.0"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(table.lines().any(|l| l.starts_with("entries.title") && l.contains("1.0000")), "{table}");
    // Directory form pairs files by name (a gold directory holding only the sample's gold: the
    // corpus golds in tests/gold have no output here).
    let gold_dir = tempfile::tempdir().expect("tmp");
    std::fs::copy(root().join(GOLD), gold_dir.path().join("china-russia-dialogue-2020.zh.gold.json")).expect("copy");
    let o =
        crdoc(&["eval", "--gold", gold_dir.path().to_str().unwrap_or(""), tmp.path().to_str().unwrap_or(""), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v["fields"].as_array().is_some_and(|a| a.len() > 40));
    // A damaged output falls below the gate.
    let mut doc = sample_doc();
    doc.chronology.as_mut().expect("chronology").categories[0].entries.truncate(50);
    std::fs::write(&out, crdoc::cli::to_json(&doc, false).expect("json")).expect("write");
    let o = crdoc(&["eval", "--gold", GOLD, out.to_str().unwrap_or(""), "--min-f1", "0.99"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("below --min-f1"), "{}", stderr(&o));
}

#[test]
fn the_checked_in_schema_is_the_generated_one() {
    let checked_in = std::fs::read_to_string(root().join("schemas/document.schema.json")).expect("schema");
    assert!(
        checked_in == crdoc::schema::schema_text(),
        "schemas/document.schema.json is stale: run `cargo run -- schema > schemas/document.schema.json`"
    );
}
