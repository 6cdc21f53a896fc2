//! The layout of `src/` is the architecture (docs/architecture.md): folders are layers, and a
//! module imports only from its own layer or the layers below it. These tests read the source
//! and fail on an upward import (which is how an import cycle between layers starts), on library
//! code that reaches the command line, and on a module outside the known layers.

use crate::common::root;
use std::path::{Path, PathBuf};

/// The library's layers, bottom up. `error` is shared by all.
const LAYERS: [&str; 6] = ["error", "model", "parse", "pipeline", "output", "quality"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("readable dir").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The layer a file of `src/` belongs to: its first folder, or its file stem at the top.
fn layer_of(rel: &Path) -> String {
    let first = rel.components().next().expect("a path").as_os_str().to_string_lossy().into_owned();
    first.strip_suffix(".rs").unwrap_or(&first).to_string()
}

/// The code of a file without its unit tests (`#[cfg(test)]` to the end of the file, where
/// every module of this crate keeps them) and without comments.
fn code(text: &str) -> String {
    let body = text.find("#[cfg(test)]").map_or(text, |i| &text[..i]);
    body.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::NAME` a piece of code names.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        out.push(name);
    }
    out
}

#[test]
fn library_modules_import_only_downwards() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    for path in files {
        let rel = path.strip_prefix(&src).expect("under src").to_path_buf();
        let layer = layer_of(&rel);
        // The binary's own modules (the command line, the allocator) sit above the library.
        if ["main", "cli", "allocator", "lib"].contains(&layer.as_str()) {
            continue;
        }
        let Some(rank) = LAYERS.iter().position(|l| *l == layer) else {
            problems.push(format!("src/{}: not in a known layer {LAYERS:?}", rel.display()));
            continue;
        };
        let text = std::fs::read_to_string(&path).expect("readable");
        for target in crate_paths(&code(&text)) {
            // Root re-exports of the model and quality layers (`crate::schema`, `crate::eval`…)
            // and of the pipeline's `convert_bytes` count as those layers.
            let target_layer = match target.as_str() {
                "schema" | "records" => "model",
                "convert_bytes" => "pipeline",
                "eval" | "diff" | "check" => "quality",
                t => t,
            };
            match LAYERS.iter().position(|l| *l == target_layer) {
                Some(t) if t <= rank => {}
                Some(_) => problems
                    .push(format!("src/{}: {layer} imports crate::{target} from a layer above it", rel.display())),
                None => {
                    problems.push(format!("src/{}: imports crate::{target}, which is no library layer", rel.display()))
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_library_does_not_export_the_command_line() {
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).expect("lib.rs");
    assert!(!lib.contains("mod cli"), "src/lib.rs declares the command line; it belongs to the binary (src/main.rs)");
    let main = std::fs::read_to_string(root().join("src/main.rs")).expect("main.rs");
    assert!(main.contains("mod cli;"), "src/main.rs should own the command line");
}

#[test]
fn the_layer_check_sees_an_upward_import() {
    let sample = "use crate::output::json;\n// crate::cli in a comment\n#[cfg(test)]\nmod tests { use crate::cli; }";
    assert_eq!(crate_paths(&code(sample)), vec!["output".to_string()]);
    assert_eq!(layer_of(Path::new("parse/lex.rs")), "parse");
    assert_eq!(layer_of(Path::new("error.rs")), "error");
}

/// Whether a line declares a `fn` item (after its visibility and qualifiers); returns its name.
fn fn_name(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    if let Some(r) = rest.strip_prefix("pub") {
        rest = match r.strip_prefix('(') {
            Some(r) => r.split_once(')')?.1,
            None => r,
        }
        .trim_start();
    }
    loop {
        let word = rest.split_whitespace().next()?;
        match word {
            "const" | "async" | "unsafe" | "default" => rest = rest[word.len()..].trim_start(),
            "extern" => {
                rest = rest["extern".len()..].trim_start();
                if rest.starts_with('"') {
                    rest = rest[1..].split_once('"')?.1.trim_start();
                }
            }
            _ => break,
        }
    }
    let name = rest.strip_prefix("fn ")?.trim_start();
    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(name.len());
    (end > 0).then_some(&name[..end])
}

/// The `fn` items of a source text with a body: (name, first line, length in lines), counted
/// from the line of `fn` to the closing brace at its indentation (a body opened and closed on
/// its `fn` line is one line long). Declarations without a body (`fn f();`) are skipped.
fn fn_lengths(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        // The signature up to its body's `{` (or a `;`: no body).
        let Some(open) = (i..lines.len()).find(|&j| lines[j].contains('{') || lines[j].trim_end().ends_with(';'))
        else {
            continue;
        };
        if !lines[open].contains('{') {
            continue;
        }
        let end = if open == i && line.matches('{').count() == line.matches('}').count() {
            Some(i)
        } else {
            (i + 1..lines.len()).find(|&j| lines[j].trim_start().starts_with('}') && indent(lines[j]) == indent(line))
        };
        if let Some(end) = end {
            out.push((name.to_string(), i + 1, end - i + 1));
        }
    }
    out
}

/// Longest a function may be, in lines (issue 24: split a longer one by the steps it performs).
const MAX_FN_LINES: usize = 120;

#[test]
fn no_function_is_longer_than_120_lines() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let rel = path.strip_prefix(root()).expect("under the root").display().to_string();
        for (name, line, len) in fn_lengths(&text) {
            if len > MAX_FN_LINES {
                problems.push(format!("{rel}:{line}: fn {name} is {len} lines long (at most {MAX_FN_LINES})"));
            }
        }
    }
    assert!(problems.is_empty(), "split these by the steps they perform:\n{}", problems.join("\n"));
}

#[test]
fn the_function_counter_counts_to_the_closing_brace() {
    let sample = "\
pub(crate) fn two() -> u8 {
    2
}
fn one() { 1 }
trait T {
    fn declared(&self);
    async unsafe fn long(
        a: u8,
    ) -> u8 {
        let f = |x: u8| { x };
        f(a)
    }
}
#[cfg(test)]
mod tests {
    #[test]
    fn counted_too() {
        let s = \"fn not_an_item() {\";
    }
}
";
    let found: Vec<(String, usize, usize)> = fn_lengths(sample);
    let expect = [("two", 1, 3), ("one", 4, 1), ("long", 7, 6), ("counted_too", 17, 3)];
    assert_eq!(found, expect.map(|(n, l, c)| (n.to_string(), l, c)).to_vec());
    assert_eq!(fn_name("    pub extern \"C\" fn c_abi() {}"), Some("c_abi"));
    assert_eq!(fn_name("    let f: fn(u8) -> u8 = g;"), None);
}
