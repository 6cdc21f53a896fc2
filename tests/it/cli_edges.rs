//! The command line under a newcomer's mistakes, interruptions and large batches (issue 22):
//! bounded `-j`, non-dumps refused, Ctrl-C, closed pipes, nothing to do, help, two exports into
//! one database, consistency of the commands, and up-to-date skipping.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn crdoc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crdoc")).args(args).output().expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap_or("")
}

/// Every file under `dir` (relative paths, sorted), hidden ones included.
fn files_under(dir: &Path) -> Vec<String> {
    let mut v = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
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

/// A directory of `n` copies of the sample (`r000.txt`, …).
fn copies(dir: &Path, n: usize) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let bytes = sample_bytes();
    for k in 0..n {
        std::fs::write(input.join(format!("r{k:03}.txt")), &bytes).expect("write");
    }
    input
}

/// `n` distinct documents of the sample's content: each ends with a blank line of another
/// number of spaces, so no two share a source hash (copies of one document are exported once).
fn distinct_copies(dir: &Path, n: usize) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let bytes = sample_bytes();
    for k in 0..n {
        let mut doc = bytes.clone();
        doc.extend(std::iter::repeat_n(b' ', k + 1));
        doc.push(b'\n');
        std::fs::write(input.join(format!("r{k:03}.txt")), &doc).expect("write");
    }
    input
}

// 1. -j

#[test]
fn absurd_jobs_are_refused_and_large_ones_capped() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    for j in ["99999999999", "100000", "1025"] {
        let o = crdoc(&["convert", SAMPLE, "-o", s(&out), "-j", j]);
        assert_eq!(o.status.code(), Some(2), "-j {j}: {}", stderr(&o));
        assert!(stderr(&o).lines().next().unwrap_or("").contains("--jobs"), "{}", stderr(&o));
    }
    let o = crdoc(&["convert", SAMPLE, "-o", s(&out), "-j", "1000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("crdoc: -j 1000: using 1 worker thread(s)"), "{}", stderr(&o));
    let o = crdoc(&["convert", "--ndjson", SAMPLE, "-j", "1000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("using 1 worker thread(s)"), "{}", stderr(&o));
}

// 2. Non-dumps

#[test]
fn a_converted_document_is_not_converted_again_and_pdf_and_html_are_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    assert_eq!(crdoc(&["convert", SAMPLE, "-o", s(&out)]).status.code(), Some(0));
    let json = out.join("china-russia-dialogue-2020.zh.json");
    let again = tmp.path().join("again");
    let o = crdoc(&["convert", s(&json), "-o", s(&again)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("skipped: already converted"), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 skipped (1 already converted)"), "{}", stderr(&o));
    assert!(files_under(&again).is_empty(), "{:?}", files_under(&again));
    // A broken document is an error, still not converted as text.
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).expect("read")).expect("json");
    v["chronology"] = "none".into();
    let broken = tmp.path().join("broken.json");
    std::fs::write(&broken, serde_json::to_vec(&v).expect("json")).expect("write");
    let o = crdoc(&["convert", s(&broken), "-o", s(&again)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("already converted, but not a valid crdoc document"), "{}", stderr(&o));
    assert!(files_under(&again).is_empty());
    // PDF (whatever the name) and HTML.
    let pdf = tmp.path().join("report.txt");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").expect("write");
    let html = tmp.path().join("page.txt");
    std::fs::write(&html, b"\n<!DOCTYPE html>\n<html><body>x</body></html>").expect("write");
    let o = crdoc(&["convert", s(&pdf), s(&html), "-o", s(&again)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    // With the `pdf` feature a PDF is read as a PDF whatever its name (this one is cut short);
    // without it, it is refused, never decoded as text.
    if cfg!(feature = "pdf") {
        assert!(err.contains("report.txt: not a readable PDF"), "{err}");
    } else {
        assert!(err.contains("report.txt: a PDF file, but this crdoc was built without PDF support"), "{err}");
    }
    assert!(err.contains("page.txt: an HTML page, not a text dump"), "{err}");
    assert!(files_under(&again).is_empty());
    // The library refuses them too (so do the Python package, export, report and diff).
    assert!(crdoc::convert_bytes(&std::fs::read(&json).expect("read"), "x").is_err());
    assert!(crdoc::convert_bytes(b"%PDF-1.4", "x").is_err());
}

// 3. Ctrl-C

#[cfg(target_os = "linux")]
fn interrupt_after(mut cmd: Command, wait: std::time::Duration, signal: i32) -> Output {
    interrupt_when(cmd.stdout(Stdio::piped()).stderr(Stdio::piped()), signal, || {
        std::thread::sleep(wait);
        true
    })
}

/// Start `cmd`, wait (polling, at most 20 s) until `ready` says the run is under way, then send
/// `signal`: a fixed delay makes the test depend on the machine's speed.
#[cfg(target_os = "linux")]
fn interrupt_when(cmd: &mut Command, signal: i32, mut ready: impl FnMut() -> bool) -> Output {
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let start = std::time::Instant::now();
    while !ready() && start.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    // SAFETY: sending a signal to our own child process.
    unsafe {
        libc::kill(child.id() as i32, signal);
    }
    child.wait_with_output().expect("wait")
}

#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_convert_stops_says_so_and_leaves_no_temporary_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = copies(tmp.path(), 300);
    for (signal, name) in [(libc::SIGINT, "int"), (libc::SIGTERM, "term")] {
        let out = tmp.path().join(name);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_crdoc"));
        cmd.args(["convert", s(&input), "-o", s(&out), "-j", "2"]);
        // As soon as the first document is written: most of the 300 are still to come.
        let o = interrupt_when(&mut cmd, signal, || !files_under(&out).is_empty());
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(130), "{err}");
        let last = err.lines().last().unwrap_or("");
        assert!(last.starts_with("interrupted: converted ") && last.contains(" of 300 file(s)"), "{err}");
        let files = files_under(&out);
        assert!(files.iter().all(|f| !f.ends_with(".tmp")), "{files:?}");
        assert!(files.len() < 300, "{}", files.len());
        for f in &files {
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(out.join(f)).expect("read")).expect("complete JSON");
            assert!(v["source"]["sha256"].is_string());
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_export_leaves_no_temporary_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    // Distinct documents: identical copies are exported once, which ends the run before the signal.
    let input = distinct_copies(tmp.path(), 300);
    for format in ["csv", "parquet", "ndjson"] {
        let out = tmp.path().join("exports").join(format!("out-{format}"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_crdoc"));
        cmd.args(["export", "--format", format, "-o", s(&out), s(&input)]);
        let o = interrupt_after(cmd, std::time::Duration::from_millis(500), libc::SIGINT);
        assert_eq!(o.status.code(), Some(130), "{format}: {}", stderr(&o));
        assert!(stderr(&o).contains("interrupted: exported "), "{}", stderr(&o));
        let left = files_under(&tmp.path().join("exports"));
        assert!(left.iter().all(|f| !f.ends_with(".tmp")), "{format}: {left:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn stale_temporary_files_of_killed_runs_are_removed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).expect("mkdir");
    // A process id that is not running (beyond the kernel's pid_max), and one that is (ours).
    let dead = out.join(".r10.json.99999999.3.tmp");
    let dead_export = out.join(".documents.csv.99999999.tmp");
    let live = out.join(format!(".r11.json.{}.0.tmp", std::process::id()));
    let other = out.join(".notes.tmp");
    for f in [&dead, &dead_export, &live, &other] {
        std::fs::write(f, b"{\"trunc").expect("write");
    }
    let o = crdoc(&["convert", SAMPLE, "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!dead.exists() && !dead_export.exists());
    assert!(live.exists() && other.exists());
}

// 4. Closed pipes

/// Run with standard output closed before anything is written: the write fails with EPIPE.
fn with_closed_stdout(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crdoc"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait")
}

#[test]
fn every_writer_ends_quietly_on_a_closed_pipe() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    assert_eq!(crdoc(&["convert", SAMPLE, "-o", s(&out)]).status.code(), Some(0));
    let json = out.join("china-russia-dialogue-2020.zh.json");
    let other = "tests/corpus/heldout-2018.zh.txt";
    let cases: Vec<Vec<&str>> = vec![
        vec!["convert", "--ndjson", SAMPLE],
        vec!["export", "--format", "ndjson", "-o", "-", SAMPLE],
        vec!["diff", "--json", s(&json), other],
        vec!["diff", s(&json), other],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["validate", s(&json)],
    ];
    for args in cases {
        let o = with_closed_stdout(&args);
        let err = stderr(&o);
        assert!(!err.contains("Broken pipe") && !err.contains("panicked"), "{args:?}: {err}");
        let expected = if args[0] == "diff" { [0, 1] } else { [0, 0] };
        assert!(o.status.code().is_some_and(|c| expected.contains(&c)), "{args:?}: {:?} {err}", o.status);
    }
}

#[test]
fn no_print_macro_is_left_in_the_sources() {
    let mut stack = vec![root().join("src")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("read");
                for (n, line) in text.lines().enumerate() {
                    let code = line.trim_start();
                    if code.starts_with("//") {
                        continue;
                    }
                    let bare = |m: &str| {
                        code.match_indices(m).any(|(i, _)| !code[..i].ends_with('e') && !code[..i].ends_with("::e"))
                    };
                    assert!(!bare("println!(") && !bare("print!("), "{}:{}: {line}", p.display(), n + 1);
                }
            }
        }
    }
}

// 5. Nothing to do

#[test]
fn a_directory_without_dumps_is_an_error_and_v_lists_what_was_skipped() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("docs");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("notes.md"), b"x").expect("write");
    std::fs::write(dir.join("report.docx"), b"PK\x03\x04").expect("write");
    let out = tmp.path().join("out");
    let o = crdoc(&["convert", s(&dir), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).lines().collect::<Vec<_>>(),
        [format!("crdoc: no .txt files under {} (2 other file(s) skipped; -v lists them)", dir.display())]
    );
    let o = crdoc(&["-v", "convert", s(&dir), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("notes.md: skipped: not a .txt file") && err.contains("report.docx: skipped"), "{err}");
    assert!(!out.exists());
}

// 6. Help

#[test]
fn help_shows_usage_suggestions_possible_values_and_examples() {
    let o = crdoc(&[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("Usage: crdoc") && err.contains("convert") && err.contains("Examples:"), "{err}");
    let o = crdoc(&["conver"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().next(), Some("crdoc: unrecognized subcommand 'conver'"), "{err}");
    assert!(err.contains("tip: a similar subcommand exists: 'convert'") && err.contains("Usage: crdoc"), "{err}");
    let o = crdoc(&["convert", SAMPLE, "--prety"]);
    assert!(stderr(&o).contains("tip: a similar argument exists: '--pretty'"), "{}", stderr(&o));
    let o = crdoc(&["export", "--format", "xlsx", "-o", "x", SAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("[possible values: sqlite, parquet, csv, ndjson, markdown]"), "{}", stderr(&o));
    for cmd in ["convert", "validate", "schema", "export", "report", "eval", "diff", "completions", "man"] {
        let o = crdoc(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{cmd}");
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("Examples:\n  crdoc "), "{cmd}: {out}");
    }
}

#[test]
fn quiet_silences_the_summary() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = crdoc(&["-q", "convert", SAMPLE, "-o", s(tmp.path())]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
    let o = crdoc(&["convert", "-q", SAMPLE, "-o", s(tmp.path()), "--force"]);
    assert_eq!(stderr(&o), "");
    // Failures are still said.
    let empty = tmp.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let o = crdoc(&["-q", "convert", s(&empty), "-o", s(tmp.path())]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("empty.txt: the file is empty"));
}

#[test]
fn completions_and_the_manual_page_come_from_the_definitions() {
    for (shell, marker) in [("bash", "_crdoc()"), ("zsh", "#compdef crdoc"), ("fish", "complete -c crdoc")] {
        let o = crdoc(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains(marker) && text.contains("convert") && text.contains("max-bytes"), "{shell}");
    }
    let o = crdoc(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains(".TH crdoc 1") && text.contains("convert") && text.contains("export"), "{text}");
}

// 7. Two exports into one database

#[test]
fn two_exports_into_one_database_at_once_both_succeed() {
    if Command::new("sqlite3").arg("--version").output().is_err() {
        panic!("the sqlite3 CLI is missing: .ci/run installs it (apt-get install sqlite3)");
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let db = tmp.path().join("crdoc.sqlite");
    let corpus = root().join("tests/corpus");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    names.push(root().join(SAMPLE));
    let (a, b) = names.split_at(names.len() / 2);
    let spawn = |inputs: &[PathBuf]| {
        Command::new(env!("CARGO_BIN_EXE_crdoc"))
            .args(["export", "--format", "sqlite", "-o", s(&db)])
            .args(inputs)
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let (ca, cb) = (spawn(a), spawn(b));
    for c in [ca, cb] {
        let o = c.wait_with_output().expect("wait");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let hashes: std::collections::BTreeSet<String> = names
        .iter()
        .map(|p| crdoc::convert_bytes(&std::fs::read(p).expect("read"), "x").expect("converts").source.sha256)
        .collect();
    let o =
        Command::new("sqlite3").arg(&db).arg("SELECT document_id FROM documents ORDER BY 1").output().expect("sqlite3");
    let got: std::collections::BTreeSet<String> =
        String::from_utf8_lossy(&o.stdout).lines().map(str::to_string).collect();
    assert_eq!(got, hashes);
}

// 8. Consistency

#[test]
fn validate_walks_directories() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("sub")).expect("mkdir");
    assert_eq!(crdoc(&["convert", SAMPLE, "-o", s(&out.join("sub"))]).status.code(), Some(0));
    std::fs::write(out.join("notes.md"), b"x").expect("write");
    let o = crdoc(&["validate", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("{}: valid\n", out.join("sub/china-russia-dialogue-2020.zh.json").display())
    );
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let o = crdoc(&["validate", s(&empty)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no .json files under"), "{}", stderr(&o));
}

#[test]
fn output_arguments_of_the_wrong_kind_are_one_usage_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("a-file");
    std::fs::write(&file, b"x").expect("write");
    let result = tmp.path().join("result.json");
    let cases: Vec<(Vec<&str>, String)> = vec![
        (vec!["convert", SAMPLE, "-o", s(&result)], format!("-o {}: -o names the output directory", result.display())),
        (vec!["report", SAMPLE, "-o", s(&file)], format!("-o {}: is an existing file", file.display())),
        (
            vec!["export", "--format", "sqlite", "-o", s(tmp.path()), SAMPLE],
            format!("-o {}: is a directory; --format sqlite writes one file", tmp.path().display()),
        ),
        (
            vec!["export", "--format", "csv", "-o", s(&file), SAMPLE],
            format!("-o {}: is an existing file", file.display()),
        ),
    ];
    for (args, line) in cases {
        let o = crdoc(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with(&format!("crdoc: {line}")), "{args:?}: {err}");
    }
    assert!(!result.exists());
}

#[test]
fn copies_of_a_document_are_said_once_with_a_count() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = copies(tmp.path(), 4);
    let out = tmp.path().join("json");
    assert_eq!(crdoc(&["convert", s(&input), "-o", s(&out)]).status.code(), Some(0));
    // report: the dumps and their JSON, each document once.
    let rep = tmp.path().join("rep");
    let o = crdoc(&["report", s(&input), s(&out), "-o", s(&rep)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().filter(|l| l.contains("skipped")).count(), 1, "{err}");
    assert!(err.contains("7 input(s) skipped: the same document"), "{err}");
    assert!(err.contains("reported 1 of 1 document(s)"), "{err}");
    // export: the copies said once, listed with -v.
    let db = tmp.path().join("db.ndjson");
    let o = crdoc(&["export", "--format", "ndjson", "-o", s(&db), s(&input)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.contains("3 input(s) skipped: the same document"), "{err}");
    let o = crdoc(&["-v", "export", "--format", "ndjson", "-o", s(&db), s(&input)]);
    assert_eq!(stderr(&o).lines().filter(|l| l.contains(": skipped: the same document as")).count(), 3);
}

#[test]
fn diff_pairs_a_json_folder_with_its_text_folder_by_stem() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = copies(tmp.path(), 2);
    let out = tmp.path().join("json");
    assert_eq!(crdoc(&["convert", s(&input), "-o", s(&out)]).status.code(), Some(0));
    let o = crdoc(&["diff", s(&out), s(&input)]);
    assert_eq!(o.status.code(), Some(0), "{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(!String::from_utf8_lossy(&o.stdout).contains("only in"));
    std::fs::remove_file(input.join("r001.txt")).expect("rm");
    let o = crdoc(&["diff", s(&out), s(&input)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("only in A: r001.json"));
}

#[test]
fn eval_warns_when_the_gold_is_of_another_report() {
    let o = crdoc(&["eval", "--gold", "tests/gold/heldout-2018.zh.gold.json", SAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("is it the gold of another report?"), "{}", stderr(&o));
    let o = crdoc(&["eval", "--gold", GOLD, SAMPLE]);
    assert_eq!(stderr(&o), "");
}

#[test]
fn the_progress_rate_is_rounded() {
    let source = std::fs::read_to_string(root().join("src/cli/convert.rs")).expect("read");
    assert!(!source.contains("{per_sec}"), "the bar shows the rate unrounded (242.9251/s)");
    assert!(source.contains("{rate}") && source.contains("with_key(\"rate\""));
}

// 9. Large batches

#[test]
fn up_to_date_outputs_are_skipped_unless_forced() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = copies(tmp.path(), 3);
    let out = tmp.path().join("out");
    let o = crdoc(&["convert", s(&input), "-o", s(&out)]);
    assert!(stderr(&o).starts_with("converted 3 of 3 file(s), 0 failed"), "{}", stderr(&o));
    let first = std::fs::metadata(out.join("r000.json")).and_then(|m| m.modified()).expect("mtime");
    let o = crdoc(&["convert", s(&input), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).starts_with("converted 0 of 3 file(s), 3 skipped (3 up to date), 0 failed"), "{}", stderr(&o));
    assert_eq!(std::fs::metadata(out.join("r000.json")).and_then(|m| m.modified()).expect("mtime"), first);
    // A changed input, a changed layout, an output of another version: converted again.
    std::fs::write(input.join("r001.txt"), sample_text().replacen("中俄", "中俄 ", 1)).expect("write");
    let o = crdoc(&["convert", s(&input), "-o", s(&out)]);
    assert!(stderr(&o).starts_with("converted 1 of 3 file(s), 2 skipped (2 up to date)"), "{}", stderr(&o));
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("r002.json")).expect("read")).expect("json");
    v["generator"]["version"] = "0.0.1".into();
    std::fs::write(out.join("r002.json"), serde_json::to_vec(&v).expect("json")).expect("write");
    let o = crdoc(&["convert", s(&input), "-o", s(&out)]);
    assert!(stderr(&o).starts_with("converted 1 of 3 file(s), 2 skipped"), "{}", stderr(&o));
    let o = crdoc(&["convert", s(&input), "-o", s(&out), "--pretty"]);
    assert!(stderr(&o).starts_with("converted 3 of 3 file(s)"), "{}", stderr(&o));
    let o = crdoc(&["convert", s(&input), "-o", s(&out), "--pretty", "--force"]);
    assert!(stderr(&o).starts_with("converted 3 of 3 file(s), 0 failed"), "{}", stderr(&o));
    let o = crdoc(&["-v", "convert", s(&input), "-o", s(&out), "--pretty"]);
    assert_eq!(stderr(&o).lines().filter(|l| l.contains("is up to date (--force converts it again)")).count(), 3);
    // The diagnostics recorded in up-to-date outputs still trip --fail-on.
    let o = crdoc(&["convert", s(&input), "-o", s(&out), "--pretty", "--fail-on", "warning"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("--fail-on warning: 3 document(s)"), "{}", stderr(&o));
}

#[test]
fn glob_and_exclude_select_the_inputs() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(input.join("2020")).expect("mkdir");
    std::fs::create_dir_all(input.join("drafts")).expect("mkdir");
    for f in ["2020/a.zh.txt", "2020/a.en.txt", "drafts/b.zh.txt", "c.zh.txt"] {
        std::fs::write(input.join(f), sample_bytes()).expect("write");
    }
    let out = tmp.path().join("out");
    let o = crdoc(&["convert", s(&input), "-o", s(&out), "--glob", "*.zh.txt", "--exclude", "drafts/**"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut got = files_under(&out);
    got.sort();
    assert_eq!(got, ["2020/a.zh.json", "c.zh.json"]);
    let o = crdoc(&["convert", s(&input), "-o", s(&out), "--glob", "**/2020/*", "--force"]);
    assert!(stderr(&o).starts_with("converted 2 of 2 file(s)"), "{}", stderr(&o));
    let o = crdoc(&["convert", s(&input), "-o", s(&out), "--glob", "*.fr.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no .txt files matching --glob/--exclude under"), "{}", stderr(&o));
    let o = crdoc(&["convert", s(&input), "-o", s(&out), "--glob", "a[.txt"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("crdoc: --glob a[.txt: not a glob pattern"), "{}", stderr(&o));
}
