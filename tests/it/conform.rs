//! The fast schema check (`crdoc::model::conform`, used by `convert`) and the full jsonschema validation
//! must give the same verdict, so that the two cannot drift apart: on every fixture, corpus
//! document, fuzz regression and the sample (all valid), and on systematic damage to the
//! fixtures' JSON (an unknown key, a missing key, a value of the wrong type or out of range, a
//! wrong tag), most of it invalid.

use crate::common::*;
use crdoc::model::conform::Compiled;
use serde_json::{json, Value};
use std::path::PathBuf;

fn compiled() -> Compiled {
    Compiled::new(&crdoc::schema::schema_value()).expect("the generated schema uses only keywords conform understands")
}

fn files_in(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = root().join(dir);
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == ext));
    files.sort();
    files
}

/// Every input the test suite has: fixtures, the gold corpus, fuzz regressions and the sample.
fn inputs() -> Vec<PathBuf> {
    let mut all = files_in("tests/fixtures", "txt");
    all.extend(files_in("tests/corpus", "txt"));
    all.extend(files_in("tests/fuzz_regressions", "bin"));
    all.push(root().join(SAMPLE));
    all
}

#[test]
fn both_validations_accept_every_converted_document() {
    let c = compiled();
    let mut checked = 0;
    for path in inputs() {
        let bytes = std::fs::read(&path).expect("readable");
        let Ok(doc) = crdoc::convert_bytes(&bytes, &path.display().to_string()) else { continue };
        let value = serde_json::to_value(&doc).expect("serializes");
        assert_eq!(crdoc::schema::validate(&value), Ok(()), "{}: jsonschema", path.display());
        assert_eq!(c.conforms(&doc), Some(true), "{}: fast check on the typed document", path.display());
        assert_eq!(c.conforms(&value), Some(true), "{}: fast check on the JSON value", path.display());
        assert_eq!(crdoc::schema::validate_document(&doc), Ok(()), "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} documents converted");
}

/// JSON pointers of every value in `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| pointers(x, format!("{at}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

/// Damaged copies of the value at `p`: each replaces it, removes a key, or adds one.
fn damage(doc: &Value, p: &str) -> Vec<Value> {
    let Some(target) = doc.pointer(p) else { return Vec::new() };
    let replace = |new: Value| {
        let mut d = doc.clone();
        if let Some(slot) = d.pointer_mut(p) {
            *slot = new;
        }
        d
    };
    let mut out = Vec::new();
    match target {
        Value::Object(m) => {
            let mut extra = m.clone();
            extra.insert("zz_unknown".to_string(), json!(1));
            out.push(replace(Value::Object(extra)));
            for k in m.keys() {
                let mut less = m.clone();
                less.remove(k);
                out.push(replace(Value::Object(less)));
            }
            out.push(replace(json!([])));
        }
        Value::Array(a) => {
            out.push(replace(json!({})));
            out.push(replace(Value::Array(a.iter().cloned().chain([Value::Null]).collect())));
            out.push(replace(Value::Array(a.iter().skip(1).cloned().collect())));
        }
        Value::String(_) => {
            out.extend([replace(json!("zz")), replace(json!(1))]);
        }
        Value::Number(_) => {
            out.extend([replace(json!(-1)), replace(json!(1.5)), replace(json!("1")), replace(Value::Null)]);
        }
        Value::Null => {
            out.extend([replace(json!("zz")), replace(json!(0))]);
        }
        Value::Bool(_) => out.push(replace(json!("zz"))),
    }
    out
}

#[test]
fn both_validations_agree_on_damaged_documents() {
    let c = compiled();
    let (mut valid, mut invalid) = (0, 0);
    for path in files_in("tests/fixtures", "txt") {
        let bytes = std::fs::read(&path).expect("readable");
        let doc = crdoc::convert_bytes(&bytes, "fixture").expect("a fixture converts");
        let value = serde_json::to_value(&doc).expect("serializes");
        let mut ptrs = Vec::new();
        pointers(&value, String::new(), &mut ptrs);
        for p in ptrs {
            for d in damage(&value, &p) {
                let full = crdoc::schema::validate(&d).is_ok();
                assert_eq!(c.conforms(&d), Some(full), "{}: {p}: jsonschema says {full}", path.display());
                if full {
                    valid += 1;
                } else {
                    invalid += 1;
                }
            }
        }
    }
    assert!(valid > 50 && invalid > 500, "too few cases: {valid} valid, {invalid} invalid");
}
