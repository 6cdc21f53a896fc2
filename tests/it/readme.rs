//! The README and the docs must stay true and navigable:
//! - the diagnostic code table of `docs/contract.md` is compared with `DiagnosticCode::ALL`
//!   (code, severity, meaning), between the markers `<!-- diagnostic-codes -->` and
//!   `<!-- /diagnostic-codes -->` (the record kinds table of the README is checked by a unit test
//!   of the records module);
//! - the eval table of the sample in `docs/accuracy.md` (markers `<!-- eval-sample -->`) is the
//!   one `eval` prints today, every field included, and that page names every gold document;
//! - every relative link in `README.md` and `docs/*.md` resolves to an existing file, and a
//!   `#anchor` into a Markdown file (the same one or another) names one of its headings, by
//!   GitHub's slug rules;
//! - every file of `docs/` is linked from the README, and the README stays within 400 lines, with
//!   the quick start as its first code block.

use crate::common::{root, sample_doc, GOLD, SAMPLE};
use crdoc::model::DiagnosticCode;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The longest the README may grow: the rest belongs in `docs/`.
const README_MAX_LINES: usize = 400;

fn expected_table() -> String {
    let mut s = String::from("| code | severity | meaning |\n|---|---|---|\n");
    for c in DiagnosticCode::ALL {
        let sev = serde_json::to_value(c.severity()).ok().and_then(|v| v.as_str().map(str::to_string));
        s.push_str(&format!("| `{}` | {} | {} |\n", c.as_str(), sev.unwrap_or_default(), c.description()));
    }
    s
}

fn section<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<!-- {name} -->\n");
    let close = format!("<!-- /{name} -->");
    let start = text.find(&open)? + open.len();
    let end = start + text[start..].find(&close)?;
    Some(&text[start..end])
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_contract_lists_every_diagnostic_code() {
    let contract = read(&root().join("docs/contract.md"));
    let got = section(&contract, "diagnostic-codes").expect("docs/contract.md has the diagnostic-codes markers");
    let want = expected_table();
    assert_eq!(got, want, "docs/contract.md's diagnostic code table is stale; replace it with:\n{want}");
}

#[test]
fn every_code_has_a_distinct_json_name_and_a_description() {
    let mut names: Vec<&str> = DiagnosticCode::ALL.iter().map(|c| c.as_str()).collect();
    for c in DiagnosticCode::ALL {
        assert_eq!(serde_json::to_value(c).expect("json"), serde_json::Value::from(c.as_str()));
        assert!(!c.description().is_empty(), "{c} has no description");
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), DiagnosticCode::ALL.len());
}

#[test]
fn the_accuracy_page_shows_the_eval_table_of_the_sample() {
    let accuracy = read(&root().join("docs/accuracy.md"));
    let got = section(&accuracy, "eval-sample").expect("docs/accuracy.md has the eval-sample markers");
    let gold = crdoc::eval::load_gold(&root().join(GOLD)).expect("gold");
    let want = format!("```\n{}```\n", crdoc::eval::evaluate(&gold, &sample_doc(), SAMPLE).table(0));
    assert_eq!(got, want, "docs/accuracy.md's eval table of the sample is stale; replace it with:\n{want}");
}

#[test]
fn the_accuracy_page_names_every_gold_document() {
    let accuracy = read(&root().join("docs/accuracy.md"));
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/gold")).expect("tests/gold exists") {
        let name = entry.expect("directory entry").file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".gold.json") {
            if !accuracy.contains(&format!("`{stem}`")) {
                missing.push(stem.to_string());
            }
        }
    }
    missing.sort();
    assert!(missing.is_empty(), "docs/accuracy.md does not describe these gold documents: {missing:?}");
}

/// `README.md` and every `docs/*.md`, sorted.
fn documents() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/ exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The lines of a Markdown text outside fenced code blocks (the lines inside are blanked, so that
/// line numbers stay those of the file).
fn prose_lines(text: &str) -> Vec<&str> {
    let mut fence: Option<(char, usize)> = None;
    text.lines()
        .map(|line| {
            let t = line.trim_start();
            let run = |c: char| t.chars().take_while(|&x| x == c).count();
            match fence {
                Some((c, n)) => {
                    if run(c) >= n && t.trim_end().chars().all(|x| x == c) {
                        fence = None;
                    }
                    ""
                }
                None => {
                    for c in ['`', '~'] {
                        if run(c) >= 3 {
                            fence = Some((c, run(c)));
                            return "";
                        }
                    }
                    line
                }
            }
        })
        .collect()
}

/// The text with its code spans (`` `…` ``, any run of backticks, across line breaks as Markdown
/// allows) replaced by a space: links inside code are not links.
fn without_code_spans(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let n = chars[i..].iter().take_while(|&&c| c == '`').count();
        // The closing run: exactly n backticks.
        let mut j = i + n;
        let mut close = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let m = chars[j..].iter().take_while(|&&c| c == '`').count();
                if m == n {
                    close = Some(j + m);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => {
                // Keep the line breaks, so that positions still count lines.
                out.extend(chars[i..end].iter().filter(|&&c| c == '\n'));
                out.push(' ');
                i = end;
            }
            None => {
                out.extend(&chars[i..i + n]);
                i += n;
            }
        }
    }
    out
}

/// Every link target of a Markdown text with the line it is on: inline links and images
/// (`[text](target)`, `![alt](target "title")`) and reference definitions (`[label]: target`).
fn link_targets(text: &str) -> Vec<(usize, String)> {
    let prose = without_code_spans(&prose_lines(text).join("\n"));
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = prose[from..].find("](") {
        let start = from + k + 2;
        let rest = &prose[start..];
        let end = rest.find(|c: char| c == ')' || c.is_whitespace()).unwrap_or(rest.len());
        let target = rest[..end].trim_start_matches('<').trim_end_matches('>');
        let line = prose[..start].matches('\n').count() + 1;
        out.push((line, target.to_string()));
        from = start;
    }
    for (n, line) in prose.lines().enumerate() {
        let t = line.trim_start();
        if let Some(close) = t.strip_prefix('[').and_then(|r| r.find("]:")) {
            let target = t[1 + close + 2..].split_whitespace().next().unwrap_or("");
            out.push((n + 1, target.to_string()));
        }
    }
    out
}

/// GitHub's anchor for a heading: the rendered text lower-cased, every character that is not a
/// letter, mark, number, connector (`_`), hyphen or space removed, spaces turned into hyphens.
/// Inline markup is reduced to its text first (code spans keep their content, links their text).
fn slug(heading: &str) -> String {
    let mut text = String::new();
    let mut rest = heading;
    // `[text](target)` → text.
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find("](").and_then(|c| after[c..].find(')').map(|e| (c, c + e))) {
            Some((close, end)) => {
                text.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            None => {
                text.push('[');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text.chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The anchors of a Markdown text's headings (ATX `#` headings outside code), with GitHub's
/// `-1`, `-2`… suffixes for repeated ones.
fn anchors(text: &str) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for line in prose_lines(text) {
        let t = line.trim_start();
        let level = t.chars().take_while(|&c| c == '#').count();
        if !(1..=6).contains(&level) || !(t[level..].is_empty() || t[level..].starts_with(' ')) {
            continue;
        }
        let title = t[level..].trim().trim_end_matches('#').trim();
        let base = slug(title);
        let n = seen.entry(base.clone()).or_insert(0);
        out.push(if *n == 0 { base.clone() } else { format!("{base}-{n}") });
        *n += 1;
    }
    out
}

fn is_external(target: &str) -> bool {
    target.contains("://") || target.starts_with("mailto:")
}

#[test]
fn the_slug_rules_are_githubs() {
    assert_eq!(slug("A tour of the JSON"), "a-tour-of-the-json");
    assert_eq!(slug("Text laid out with spaces (`pdftotext -layout`)"), "text-laid-out-with-spaces-pdftotext--layout");
    assert_eq!(
        slug("Other editions: front matter, credit lines, report period"),
        "other-editions-front-matter-credit-lines-report-period"
    );
    assert_eq!(slug("Spark: `examples/spark/convert_corpus.py`"), "spark-examplessparkconvert_corpuspy");
    assert_eq!(slug("convert --ndjson"), "convert---ndjson");
    assert_eq!(slug("See [the contract](contract.md)"), "see-the-contract");
    assert_eq!(slug("中俄对话 2020"), "中俄对话-2020");
    assert_eq!(anchors("# A\n## A\n```\n# not a heading\n```\n## A ##\n#hashtag\n"), ["a", "a-1", "a-2"]);
    let text = "[a](x.md) `[b](y.md)` ``[c](`z`)``\n[d\ne](w.md#h) ![i](p.png \"t\")\n```\n[f](v.md)\n```\n[r]: u.md\n";
    let got: Vec<(usize, String)> = link_targets(text);
    let want: Vec<(usize, String)> =
        vec![(1, "x.md".into()), (3, "w.md#h".into()), (3, "p.png".into()), (7, "u.md".into())];
    assert_eq!(got, want);
}

#[test]
fn every_relative_link_in_the_readme_and_docs_resolves() {
    let root = root();
    let mut broken = Vec::new();
    let mut cache: HashMap<PathBuf, Vec<String>> = HashMap::new();
    for file in documents() {
        let text = read(&file);
        let dir = file.parent().expect("a file has a directory").to_path_buf();
        let shown = file.strip_prefix(&root).unwrap_or(&file).display().to_string();
        for (line, target) in link_targets(&text) {
            if target.is_empty() {
                broken.push(format!("{shown}:{line}: an empty link"));
                continue;
            }
            if is_external(&target) {
                continue;
            }
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (target.as_str(), None),
            };
            let resolved = if path.is_empty() { file.clone() } else { dir.join(path) };
            if !resolved.exists() {
                broken.push(format!("{shown}:{line}: {target}: no such file"));
                continue;
            }
            let Some(anchor) = anchor else { continue };
            if resolved.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let key = resolved.canonicalize().unwrap_or(resolved.clone());
            let known = cache.entry(key).or_insert_with(|| anchors(&read(&resolved)));
            if !known.iter().any(|a| a == anchor) {
                broken.push(format!("{shown}:{line}: {target}: no heading with the anchor #{anchor}"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_docs_file_is_linked_from_the_readme() {
    let readme = read(&root().join("README.md"));
    let linked: Vec<String> = link_targets(&readme)
        .into_iter()
        .map(|(_, t)| t.split('#').next().unwrap_or_default().trim_start_matches("./").to_string())
        .collect();
    let missing: Vec<String> = documents()
        .iter()
        .skip(1)
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(|n| format!("docs/{n}")))
        .filter(|d| !linked.contains(d))
        .collect();
    assert!(missing.is_empty(), "docs not linked from README.md: {missing:?}");
}

#[test]
fn the_readme_is_short_and_starts_with_the_quick_start() {
    let readme = read(&root().join("README.md"));
    let lines = readme.lines().count();
    assert!(
        lines <= README_MAX_LINES,
        "README.md has {lines} lines (at most {README_MAX_LINES}); move detail to docs/"
    );
    let first_block = readme.split("```").nth(1).expect("README has a code block");
    assert!(
        first_block.lines().nth(1).is_some_and(|l| l == "cargo run --release -- convert input -o output"),
        "the README's first code block must start with the quick start's convert command:\n{first_block}"
    );
}
