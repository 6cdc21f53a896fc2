//! The review page (`crdoc report`): a snapshot of a small fixture's page, the source view's
//! tints, what the sample's page must hold, JSON inputs, and a render in headless Chromium.
#![cfg(feature = "report")]

use crdoc::output::report::{self, Loaded, SourceText};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The tints a covered line may have (`src/report/elements.rs`, `Kind::class`).
const COVERED_TINTS: [&str; 8] =
    ["front", "heading", "paragraph", "table", "figure", "recommendation", "entry", "furniture"];

fn sample_page() -> (Loaded, String) {
    // Relative to the package root (the tests' working directory), so the page shows the path
    // as a user would type it.
    let loaded = report::load(Path::new(crate::common::SAMPLE)).expect("the sample loads");
    let html = report::render(&loaded);
    (loaded, html)
}

/// HTML escaping as maud does it.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The source lines of a page: (line number, tint class, the line's markup).
fn source_lines(html: &str) -> Vec<(u32, String, &str)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<div id=\"L") {
        rest = &rest[at + "<div id=\"L".len()..];
        let end = rest.find("</div>").unwrap_or(rest.len());
        let line = &rest[..end];
        let no: u32 = line[..line.find('"').expect("id closes")].parse().expect("line number");
        let class_at = line.find("class=\"l t-").expect("a line has a tint class") + "class=\"l t-".len();
        let tint = line[class_at..].split([' ', '"']).next().unwrap_or("").to_string();
        out.push((no, tint, line));
    }
    out
}

/// The page without its CSS and script (they have their own files), one tag and one element of
/// the elements' JSON per line.
fn readable(html: &str) -> String {
    let strip = |s: &str, open: &str, close: &str| -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(a) = rest.find(open) {
            let body = a + open.len();
            let Some(b) = rest[body..].find(close) else { break };
            out.push_str(&rest[..body]);
            out.push('…');
            rest = &rest[body + b..];
        }
        out.push_str(rest);
        out
    };
    let s = strip(html, "<style>", "</style>");
    let s = strip(&s, "<script>", "</script>");
    s.replace("><", ">\n<").replace("},{\"id\":", "},\n{\"id\":")
}

#[test]
fn fixture_page_snapshot() {
    let path = crate::common::root().join("tests/fixtures/review_page.txt");
    let bytes = std::fs::read(&path).expect("fixture");
    let doc = crdoc::convert_bytes(&bytes, "tests/fixtures/review_page.txt").expect("converts");
    let text = crdoc::parse::decode::decode(&bytes).expect("decodes").text;
    let html = report::page(&doc, &SourceText::Text(&text));
    insta::assert_snapshot!(readable(&html));
}

#[test]
fn every_nonblank_source_line_has_a_covering_tint() {
    let (loaded, html) = sample_page();
    let text = loaded.text.as_ref().expect("the sample's text");
    let lines = crdoc::parse::lex::split_lines(text);
    let shown = source_lines(&html);
    assert_eq!(shown.len(), lines.len(), "every source line is shown once");
    for (l, (no, tint, markup)) in lines.iter().zip(&shown) {
        assert_eq!(l.no, *no);
        assert!(markup.contains(&format!("<span class=\"x\">{}</span>", escape(l.text))), "line {no} shows its text");
        if !l.is_blank() {
            assert!(COVERED_TINTS.contains(&tint.as_str()), "line {no} is tinted {tint:?}, not by a covering element");
        }
    }
}

#[test]
fn a_dropped_element_shows_as_uncovered() {
    let (mut loaded, _) = sample_page();
    let section = &mut loaded.doc.chapters[0].sections[0];
    let dropped = section.blocks.remove(0).span();
    let html = report::render(&loaded);
    let shown = source_lines(&html);
    let text = loaded.text.as_ref().expect("text");
    let lines = crdoc::parse::lex::split_lines(text);
    let mut uncovered = 0;
    for (no, tint, _) in &shown {
        let blank = lines[*no as usize - 1].is_blank();
        let inside = (dropped.line_start..=dropped.line_end).contains(no);
        if inside && !blank {
            assert_eq!(tint, "uncovered", "line {no} of the dropped paragraph");
            uncovered += 1;
        } else if !blank {
            assert_ne!(tint, "uncovered", "line {no}");
        }
    }
    assert!(uncovered > 0);
    assert!(html.contains(&format!("count bad\"><b>{uncovered}</b> uncovered lines")), "the header counts them");
}

#[test]
fn sample_page_holds_lanes_entries_tables_diagnostics_and_source() {
    let (loaded, html) = sample_page();
    let doc = &loaded.doc;
    // Nine lanes, one per category, each named.
    let chronology = doc.chronology.as_ref().expect("chronology");
    assert_eq!(chronology.categories.len(), 9);
    assert_eq!(html.matches("<rect class=\"lane ").count(), 9);
    for c in &chronology.categories {
        assert!(html.contains(&format!(">{}<tspan class=\"lanecount\">", escape(&c.name))), "lane {}", c.name);
    }
    // Every entry is a mark, flagged ones in the flagged colour.
    let entries: usize = chronology.categories.iter().map(|c| c.entries.len()).sum();
    assert_eq!(entries, 656);
    assert_eq!(html.matches("class=\"ev\"").count() + html.matches("class=\"ev flagged\"").count(), 656 + 3);
    let flagged = chronology.categories.iter().flat_map(|c| &c.entries).filter(|e| !e.flags.is_empty()).count();
    assert_eq!(html.matches("class=\"ev flagged\"").count(), flagged + 1, "marks plus the legend's key");
    // Four tables with their captions, numeric cells right-aligned, null values marked.
    assert_eq!(html.matches("<figure class=\"tbl\">").count(), 4);
    for caption in ["中国与俄罗斯相互投资额", "2019 年俄罗斯对中国出口商品结构"] {
        assert!(html.contains(caption), "caption {caption}");
    }
    assert!(html.contains("<td class=\"num\" title=\"value 42619.3\">42619,3</td>"));
    assert!(html.contains("<td class=\"nv\" title=\"value: null\">矿物燃料、石油、石油产品</td>"));
    // Every diagnostic code, and a link to each diagnostic's line.
    for d in &doc.diagnostics {
        assert!(html.contains(&format!("<code>{}</code>", d.code)), "code {}", d.code);
        if let Some(s) = d.span {
            assert!(html.contains(&format!("href=\"#L{}\"", s.line_start)));
        }
    }
    // The source view: every line, and the TOC mismatches highlighted.
    assert_eq!(source_lines(&html).len(), doc.source.lines as usize);
    assert_eq!(html.matches("class=\"chk mismatch\"").count(), 3);
    // Self-contained: nothing is loaded from elsewhere.
    for external in ["src=\"http", "href=\"http", "@import", "url(", "<link"] {
        assert!(!html.contains(external), "the page loads nothing: found {external}");
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crdoc"))
}

#[test]
fn json_inputs_find_their_source_and_failures_are_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json_dir = dir.path().join("json");
    let root = crate::common::root();
    let status = bin()
        .current_dir(&root)
        .args(["convert", "tests/fixtures/review_page.txt", "-o"])
        .arg(&json_dir)
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    assert!(status.success());
    let good = json_dir.join("review_page.json");
    // The same document, claiming a source that does not exist.
    let orphan = json_dir.join("orphan.json");
    let text = std::fs::read_to_string(&good).expect("json").replace("tests/fixtures/review_page.txt", "nowhere/x.txt");
    // Another source hash: not a copy of the same document (copies are reported once).
    let sha = |t: &str| t.split("\"sha256\":\"").nth(1).and_then(|r| r.get(..64)).map(str::to_string);
    let old_sha = sha(&text).expect("the document has a source hash");
    let text = text.replace(&old_sha, &"0".repeat(64));
    std::fs::write(&orphan, text).expect("write");
    let broken = json_dir.join("broken.json");
    std::fs::write(&broken, "{\"not\": \"a document\"}").expect("write");

    let pages = dir.path().join("pages");
    let out = bin().current_dir(&root).arg("report").arg(&json_dir).arg("-o").arg(&pages).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "one input failed: {stderr}");
    assert!(stderr.contains("broken.json: not a crdoc document"), "{stderr}");
    assert!(stderr.contains("reported 2 of 3 document(s), 1 failed"), "{stderr}");

    let page = std::fs::read_to_string(pages.join("review_page.html")).expect("page");
    assert!(page.contains("<div id=\"L1\" class=\"l t-front\""), "the source was found through source.path");
    let orphan_page = std::fs::read_to_string(pages.join("orphan.html")).expect("page");
    assert!(orphan_page.contains("The source view is omitted: the source file nowhere/x.txt was not found"));
    assert!(!pages.join("broken.html").exists());
    let index = std::fs::read_to_string(pages.join("index.html")).expect("index");
    assert!(index.contains("href=\"review_page.html\"") && index.contains("href=\"orphan.html\""));
    assert!(index.contains("broken.json") && index.contains("not a crdoc document"));
    assert!(index.matches("<code>toc_mismatch</code> ×1").count() == 2, "the index lists diagnostics by code");
}

#[test]
fn two_inputs_with_one_page_name_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = crate::common::root();
    let a = dir.path().join("a");
    std::fs::create_dir_all(&a).expect("mkdir");
    std::fs::copy(root.join("tests/fixtures/review_page.txt"), a.join("same.txt")).expect("copy");
    let b = dir.path().join("b");
    std::fs::create_dir_all(&b).expect("mkdir");
    // Another document (one more line) under the same name: copies of one document are
    // reported once, different documents may not share a page.
    let mut other = std::fs::read(root.join("tests/fixtures/review_page.txt")).expect("read");
    other.extend_from_slice("\n另一份。\n".as_bytes());
    std::fs::write(b.join("same.txt"), other).expect("write");
    let pages = dir.path().join("pages");
    let out = bin()
        .arg("report")
        .arg(a.join("same.txt"))
        .arg(b.join("same.txt"))
        .arg("-o")
        .arg(&pages)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("would overwrite the page of"), "{stderr}");
    assert!(pages.join("same.html").exists());
}

/// Run headless Chromium on `page`, writing a screenshot to `png`. Returns its stderr (console
/// messages included), or None when Chromium is not installed.
fn chromium(page: &Path, png: &Path) -> Option<String> {
    let profile = tempfile::tempdir().expect("tempdir");
    let url = format!("file://{}", page.display());
    let child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1400,3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("cannot start chromium: {e}"),
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().expect("output");
    Some(String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Console messages in Chromium's log (`…:INFO:CONSOLE(12)] "Uncaught …", source: …`).
fn console_messages(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

/// (distinct colours, share of pixels that are not the page background) of a PNG.
fn colours(png: &Path) -> (usize, f64) {
    let bytes = std::fs::read(png).expect("the screenshot was written");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let mut seen = std::collections::HashSet::new();
    let mut background = 0usize;
    let total = pixels.len() / channels;
    for px in pixels.chunks_exact(channels) {
        let rgb = (px[0], px.get(1).copied().unwrap_or(px[0]), px.get(2).copied().unwrap_or(px[0]));
        if rgb == (0xf6, 0xf7, 0xf9) || rgb == (0xff, 0xff, 0xff) {
            background += 1;
        }
        seen.insert(rgb);
    }
    (seen.len(), 1.0 - background as f64 / total.max(1) as f64)
}

#[test]
fn sample_page_renders_in_headless_chromium() {
    let root = crate::common::root();
    let dir = root.join("output/report");
    std::fs::create_dir_all(&dir).expect("output/report");
    let (_, html) = sample_page();
    let page = dir.join("china-russia-dialogue-2020.zh.html");
    std::fs::write(&page, html).expect("write the page");
    let png = dir.join("china-russia-dialogue-2020.zh.png");
    let _ = std::fs::remove_file(&png);
    let Some(log) = chromium(&page, &png) else {
        println!("SKIPPED: chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk; .ci/run does)");
        return;
    };
    assert_eq!(console_messages(&log), Vec::<&str>::new(), "the page logged to the console");
    let (distinct, ink) = colours(&png);
    assert!(distinct > 200, "the screenshot looks blank: {distinct} distinct colours");
    assert!(ink > 0.2, "the screenshot is mostly background: {:.1}% ink", ink * 100.0);

    // The console check can fail: a page whose script throws is caught.
    let bad_dir = tempfile::tempdir().expect("tempdir");
    let bad = bad_dir.path().join("bad.html");
    std::fs::write(&bad, "<!DOCTYPE html><p>x</p><script>null.f();</script>").expect("write");
    let log = chromium(&bad, &bad_dir.path().join("bad.png")).expect("chromium ran once already");
    assert!(!console_messages(&log).is_empty(), "a script error must show in the log:\n{log}");
}

/// Every fixture and a few degenerate inputs render, and every non-blank line is tinted by an
/// element or, where the converter kept it only in a diagnostic, as `noted`; none is uncovered.
#[test]
fn every_fixture_and_degenerate_input_renders_with_covered_lines() {
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    let dir = crate::common::root().join("tests/fixtures");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("fixtures").filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for f in files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
        inputs.push((f.display().to_string(), std::fs::read(&f).expect("fixture")));
    }
    inputs.push(("one line".into(), "只有一行".as_bytes().to_vec()));
    inputs.push(("no chronology".into(), "第一章 标题\n\n正文。\n".as_bytes().to_vec()));
    inputs.push((
        "appendix without entries".into(),
        "附录\n\n2019 第二季度至 2020 年第一季度中俄关系大事记\n".as_bytes().to_vec(),
    ));
    for (name, bytes) in inputs {
        let doc = crdoc::convert_bytes(&bytes, &name).expect("converts");
        let text = crdoc::parse::decode::decode(&bytes).expect("decodes").text;
        let html = report::page(&doc, &SourceText::Text(&text));
        let lines = crdoc::parse::lex::split_lines(&text);
        let shown = source_lines(&html);
        assert_eq!(shown.len(), lines.len(), "{name}: every line shown");
        for (l, (_, tint, _)) in lines.iter().zip(&shown) {
            if !l.is_blank() {
                assert!(COVERED_TINTS.contains(&tint.as_str()) || tint == "noted", "{name}: line {} is {tint}", l.no);
            }
        }
        let missing = report::page(&doc, &SourceText::Missing("not here".into()));
        assert!(missing.contains("The source view is omitted: not here"), "{name}");
    }
}
