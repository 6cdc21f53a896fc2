//! The command line as users run it: batches with good and bad files, exit codes, mirrored
//! output directories, atomic writes, refusals, standard input, validate, schema and eval.

use crate::common::*;
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
    let expected = crdoc::output::json::to_json(&sample_doc(), true).expect("json");
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

/// A usage error: exit 2, one line on stderr, which names `arg`; after it only clap's indented
/// hints (a tip, the possible values, the usage line), when clap found the error.
fn assert_usage_error(args: &[&str], arg: &str) {
    let o = crdoc(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    let first = err.lines().next().unwrap_or("");
    assert!(first.starts_with("crdoc: ") && first.contains(arg), "{args:?} should name {arg}: {err}");
    assert!(err.lines().skip(1).all(|l| l.starts_with("  ")), "{args:?}: {err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn usage_errors_exit_two_with_one_line_naming_the_argument() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_str().unwrap_or("");
    let file = tmp.path().join("a-file.json");
    std::fs::write(&file, b"{}").expect("write");
    let file = file.to_str().unwrap_or("");
    assert_usage_error(&["convert"], "<INPUTS>");
    assert_usage_error(&["convert", SAMPLE, "--no-such-flag"], "--no-such-flag");
    assert_usage_error(&["convert", SAMPLE, "-o", file], &format!("-o {file}: is an existing file"));
    assert_usage_error(&["convert", "-", SAMPLE, "-o", dir], "-: standard input cannot be mixed with paths");
    assert_usage_error(&["convert", SAMPLE, "-", "-o", dir], "-: standard input cannot be mixed with paths");
    assert_usage_error(&["convert", "-", "-o", dir], &format!("-o {dir}: not allowed with -"));
    assert_usage_error(&["convert", SAMPLE, "-o", dir, "--max-bytes", "10X"], "--max-bytes");
    assert_usage_error(&["convert", SAMPLE, "-o", dir, "--max-bytes=-5"], "--max-bytes");
    assert_usage_error(&["convert", SAMPLE, "-o", dir, "-j", "many"], "--jobs");
    assert_usage_error(&["convert", SAMPLE, "-o", dir, "--fail-on", "info"], "--fail-on");
    let missing = tmp.path().join("no-such-gold.json");
    let missing = missing.to_str().unwrap_or("");
    assert_usage_error(&["eval", "--gold", missing, dir], &format!("--gold {missing}: cannot read"));
    // The refused -o file is untouched.
    assert_eq!(std::fs::read(file).expect("kept"), b"{}");
}

#[test]
fn jobs_zero_means_one_per_core_and_max_bytes_takes_units() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_str().unwrap_or("");
    let o = crdoc(&["convert", SAMPLE, "-o", dir, "-j", "0", "--max-bytes", "1M"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(files_under(tmp.path()), ["china-russia-dialogue-2020.zh.json"]);
    let o = crdoc(&["convert", SAMPLE, "-o", dir, "--max-bytes", "512K"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = crdoc(&["convert", SAMPLE, "-o", dir, "--max-bytes", "1K"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("larger than --max-bytes (427913 > 1024 bytes)"), "{}", stderr(&o));
}

#[test]
fn fail_on_gates_on_the_severity_of_diagnostics() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().to_str().unwrap_or("");
    let doc = sample_doc();
    let warnings = doc.diagnostics.iter().filter(|d| d.severity == crdoc::model::Severity::Warning).count();
    let errors = doc.diagnostics.iter().filter(|d| d.severity == crdoc::model::Severity::Error).count();
    assert!(warnings > 0 && errors == 0, "{warnings} warning(s), {errors} error(s)");
    // Default: diagnostics do not change the status.
    assert_eq!(crdoc(&["convert", SAMPLE, "-o", dir]).status.code(), Some(0));
    let o = crdoc(&["convert", SAMPLE, "-o", dir, "--fail-on", "warning"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("--fail-on warning: 1 document(s)"), "{}", stderr(&o));
    // The document is still written.
    assert_eq!(files_under(tmp.path()), ["china-russia-dialogue-2020.zh.json"]);
    assert_eq!(crdoc(&["convert", SAMPLE, "-o", dir, "--fail-on", "error"]).status.code(), Some(0));
}

/// Run `crdoc convert -` on the sample, with standard output closed before it writes when
/// `close_stdout`.
fn convert_stdin(extra: &[&str], close_stdout: bool) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crdoc"))
        .args(["convert", "-"])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    if close_stdout {
        // The reading end goes away before crdoc has read its input, so its write fails.
        drop(child.stdout.take());
    }
    let bytes = sample_bytes();
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(&bytes).expect("write stdin");
    });
    let o = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    o
}

#[test]
fn a_closed_standard_output_ends_quietly() {
    let o = convert_stdin(&[], true);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn batch_and_stdin_summaries_break_diagnostics_down_by_code() {
    let doc = sample_doc();
    let mut by_code: std::collections::BTreeMap<String, usize> = Default::default();
    for d in &doc.diagnostics {
        *by_code.entry(d.code.as_str().to_string()).or_default() += 1;
    }
    let (top, n) = by_code.iter().max_by_key(|(c, n)| (**n, std::cmp::Reverse(c.to_string()))).expect("a code");
    let expected = format!("{} diagnostic(s): {n} {top}, ", doc.diagnostics.len());
    let tmp = tempfile::tempdir().expect("tmp");
    let o = crdoc(&["convert", SAMPLE, "-o", tmp.path().to_str().unwrap_or("")]);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("converted 1 of 1 file(s), 0 failed, ") && err.contains(&expected), "{expected}\n{err}");
    let o = convert_stdin(&[], false);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), err, "standard input prints the same summary on stderr");
    assert!(o.stdout.starts_with(b"{"));
    let o = convert_stdin(&["--fail-on", "warning"], false);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

/// The sample's JSON with `edit` applied, written to `dir/name`.
fn edited_sample(dir: &Path, name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v = serde_json::to_value(sample_doc()).expect("json");
    edit(&mut v);
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec(&v).expect("json")).expect("write");
    path.to_str().unwrap_or("").to_string()
}

/// `validate` on one invalid file: exit 1, one line per violation, each naming the file,
/// under 300 characters. Returns the lines.
fn violations(file: &str) -> Vec<String> {
    let o = crdoc(&["validate", file]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<String> = err.lines().map(str::to_string).collect();
    for l in &lines {
        assert!(l.starts_with(&format!("{file}: ")), "{l}");
        assert!(l.chars().count() < 300, "{} chars: {l}", l.chars().count());
    }
    lines
}

#[test]
fn validate_names_each_violation_by_its_json_pointer() {
    let tmp = tempfile::tempdir().expect("tmp");
    let bad_enum = edited_sample(tmp.path(), "bad-enum.json", |v| {
        v["chronology"]["categories"][0]["entries"][0]["date"]["precision"] = "week".into();
    });
    assert_eq!(
        violations(&bad_enum),
        [format!(
            r#"{bad_enum}: /chronology/categories/0/entries/0/date/precision: oneOf: "week" is not one of "day", "month""#
        )]
    );
    let missing = edited_sample(tmp.path(), "missing.json", |v| {
        if let Some(o) = v["source"].as_object_mut() {
            o.remove("sha256");
        }
    });
    assert_eq!(violations(&missing), [format!(r#"{missing}: /source: required: missing required key "sha256""#)]);
    let unknown = edited_sample(tmp.path(), "unknown.json", |v| {
        v["chapters"][0]["titel"] = "x".into();
    });
    assert_eq!(violations(&unknown), [format!(r#"{unknown}: /chapters/0: additionalProperties: unknown key "titel""#)]);
    let bad_tag = edited_sample(tmp.path(), "bad-tag.json", |v| {
        v["chapters"][0]["sections"][0]["blocks"][0]["type"] = "paragrahp".into();
    });
    let lines = violations(&bad_tag);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains(r#"/chapters/0/sections/0/blocks/0: oneOf: member "type" is "paragrahp""#), "{lines:?}");
    // A huge wrong value is quoted in part only.
    let huge = edited_sample(tmp.path(), "huge.json", |v| {
        v["metadata"]["title"] = serde_json::json!({ "text": "中".repeat(100_000) });
    });
    let lines = violations(&huge);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with(&format!("{huge}: /metadata/title: type: an object with 1 key(s) is not of type ")));
    // -v names the schema location too.
    let o = crdoc(&["validate", "-v", &bad_enum]);
    assert!(stderr(&o).contains("(schema: "), "{}", stderr(&o));
}

#[test]
fn validate_lists_every_violation_of_a_broken_document() {
    let tmp = tempfile::tempdir().expect("tmp");
    let f = tmp.path().join("bad.json");
    std::fs::write(&f, br#"{"schema_version": 3}"#).expect("write");
    let f = f.to_str().unwrap_or("");
    let lines = violations(f);
    assert!(
        lines.iter().any(|l| l == &format!(r#"{f}: (root): required: missing required key "source""#)),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.starts_with(&format!("{f}: /schema_version: "))), "{lines:?}");
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
    std::fs::write(&out, crdoc::output::json::to_json(&sample_doc(), false).expect("json")).expect("write");
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
    std::fs::write(&out, crdoc::output::json::to_json(&doc, false).expect("json")).expect("write");
    let o = crdoc(&["eval", "--gold", GOLD, out.to_str().unwrap_or(""), "--min-f1", "0.99"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("below --min-f1"), "{}", stderr(&o));
}

#[test]
fn eval_converts_a_text_dump_on_the_fly() {
    let o = crdoc(&["eval", "--gold", GOLD, "input/china-russia-dialogue-2020.zh.txt", "--min-f1", "1.0"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A gold directory paired with a directory of dumps: `<stem>.txt` stands in for `<stem>.json`.
    let gold_dir = tempfile::tempdir().expect("tmp");
    std::fs::copy(root().join(GOLD), gold_dir.path().join("china-russia-dialogue-2020.zh.gold.json")).expect("copy");
    let o = crdoc(&["eval", "--gold", gold_dir.path().to_str().unwrap_or(""), "input", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let missing = gold_dir.path().join("nothing-here.gold.json");
    std::fs::write(&missing, "{}").expect("write");
    let o = crdoc(&["eval", "--gold", gold_dir.path().to_str().unwrap_or(""), "input"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no output nothing-here.json or nothing-here.txt"), "{}", stderr(&o));
}

#[test]
fn the_checked_in_schema_is_the_generated_one() {
    let checked_in = std::fs::read_to_string(root().join("schemas/document.schema.json")).expect("schema");
    assert!(
        checked_in == crdoc::schema::schema_text(),
        "schemas/document.schema.json is stale: run `cargo run -- schema > schemas/document.schema.json`"
    );
}
