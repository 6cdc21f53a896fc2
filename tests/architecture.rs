//! The layout of `src/` is the architecture (docs/architecture.md): folders are layers, and a
//! module imports only from its own layer or the layers below it. These tests read the source
//! and fail on an upward import (which is how an import cycle between layers starts), on library
//! code that reaches the command line, and on a module outside the known layers.

mod common;
use common::root;
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
