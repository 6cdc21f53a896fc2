//! Invariants every converted document must satisfy, whatever the input. Used by the tests, the
//! fuzz target and the metamorphic checks.
//!
//! 1. The JSON validates against the schema.
//! 2. Every span lies inside the input: lines 1-based and ordered, bytes on character boundaries.
//! 3. Elements in an array come in input order (non-decreasing start lines).
//! 4. Every non-blank line is covered by an element or a diagnostic (nothing silently dropped).
//! 5. Every element id is non-empty and unique in the document; every diagnostic's `element`
//!    names an existing id.

use crate::model::Document;
use crate::parse::lex::split_lines;
use serde_json::Value;

/// Check a document converted from `text` (the decoded input). Returns every violation.
pub fn check(doc: &Document, text: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let value = match serde_json::to_value(doc) {
        Ok(v) => v,
        Err(e) => return vec![format!("cannot serialize: {e}")],
    };
    if let Err(errs) = crate::model::schema::validate(&value) {
        errors.extend(errs.into_iter().map(|e| format!("schema: {e}")));
    }
    check_ids(&value, &mut errors);
    let lines = split_lines(text);
    walk(&value, "", text, lines.len() as u64, &mut errors);
    let uncovered = crate::pipeline::uncovered_lines(doc, &lines);
    if !uncovered.is_empty() {
        let shown: Vec<String> = uncovered.iter().take(10).map(u32::to_string).collect();
        errors.push(format!("{} non-blank line(s) covered by nothing, first: {}", uncovered.len(), shown.join(", ")));
    }
    errors
}

/// Invariant 5: ids unique and non-empty, diagnostic links resolvable.
fn check_ids(value: &Value, errors: &mut Vec<String>) {
    fn collect<'v>(v: &'v Value, ids: &mut Vec<&'v str>, links: &mut Vec<&'v str>) {
        match v {
            Value::Object(o) => {
                if let Some(Value::String(id)) = o.get("id") {
                    ids.push(id);
                }
                if let Some(Value::String(e)) = o.get("element") {
                    links.push(e);
                }
                o.values().for_each(|x| collect(x, ids, links));
            }
            Value::Array(a) => a.iter().for_each(|x| collect(x, ids, links)),
            _ => {}
        }
    }
    let (mut ids, mut links) = (Vec::new(), Vec::new());
    collect(value, &mut ids, &mut links);
    if ids.iter().any(|id| id.is_empty()) {
        errors.push("an element has an empty id".to_string());
    }
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
        errors.push(format!("duplicate element id {:?}", w[0]));
    }
    if let Some(missing) = links.iter().find(|l| sorted.binary_search(l).is_err()) {
        errors.push(format!("a diagnostic names element {missing:?}, which does not exist"));
    }
}

fn span_of(v: &Value) -> Option<(u64, u64, u64, u64)> {
    let o = v.as_object()?;
    Some((
        o.get("line_start")?.as_u64()?,
        o.get("line_end")?.as_u64()?,
        o.get("byte_start")?.as_u64()?,
        o.get("byte_end")?.as_u64()?,
    ))
}

fn walk(v: &Value, path: &str, text: &str, lines: u64, errors: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if let Some((ls, le, bs, be)) = span_of(v) {
                let ok_lines = ls >= 1 && ls <= le && le <= lines.max(1);
                let ok_bytes = bs <= be
                    && be <= text.len() as u64
                    && text.is_char_boundary(bs as usize)
                    && text.is_char_boundary(be as usize);
                if !ok_lines || !ok_bytes {
                    errors.push(format!("{path}: span {ls}-{le} / bytes {bs}-{be} outside the input"));
                }
                return;
            }
            for (k, child) in o {
                walk(child, &format!("{path}/{k}"), text, lines, errors);
            }
        }
        Value::Array(a) => {
            let mut last = 0;
            for (i, child) in a.iter().enumerate() {
                let start = child.get("span").and_then(span_of).map(|s| s.0);
                if let Some(s) = start {
                    if s < last && !path.ends_with("/diagnostics") {
                        errors.push(format!("{path}/{i}: starts at line {s}, before its predecessor (line {last})"));
                    }
                    last = last.max(s);
                }
                walk(child, &format!("{path}/{i}"), text, lines, errors);
            }
        }
        _ => {}
    }
}
