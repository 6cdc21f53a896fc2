//! The JSON Schema of the contract: generated from the [`crate::model`] types with schemars
//! (draft 2020-12), checked in as `schemas/document.schema.json`, and used to validate every
//! converted document with the jsonschema crate.

use crate::model::Document;
use serde_json::Value;
use std::sync::OnceLock;

/// The schema of [`Document`], as generated from the Rust types and made strict: every
/// property of every object is `required` (an unknown value is `null`, never an absent key) and
/// no object admits properties it does not list.
pub fn schema_value() -> Value {
    let schema = schemars::schema_for!(Document);
    let mut value = serde_json::to_value(&schema).unwrap_or(Value::Null);
    make_strict(&mut value);
    value
}

/// Strictness the derive does not express. An object schema that both lists `properties` and
/// refers to another (`$ref`, as the tagged-enum variants `{"type": "table"} + Table` do) closes
/// itself with `unevaluatedProperties: false`, which sees the referenced properties too, and the
/// definitions referred to that way stay open (a closed `Table` would refuse the `type` tag);
/// every other object schema gets `additionalProperties: false`.
fn make_strict(root: &mut Value) {
    let mut open_defs = std::collections::BTreeSet::new();
    collect_wrapped_refs(root, &mut open_defs);
    close_objects(root, &open_defs, None);
}

fn collect_wrapped_refs(v: &Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(r)), Some(_)) = (m.get("$ref"), m.get("properties")) {
                if let Some(name) = r.strip_prefix("#/$defs/") {
                    out.insert(name.to_string());
                }
            }
            m.values().for_each(|x| collect_wrapped_refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_wrapped_refs(x, out)),
        _ => {}
    }
}

fn close_objects(v: &mut Value, open_defs: &std::collections::BTreeSet<String>, def_name: Option<&str>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Object(props)) = m.get("properties") {
                let names: Vec<Value> = props.keys().map(|k| Value::String(k.clone())).collect();
                m.insert("required".to_string(), Value::Array(names));
                if m.contains_key("$ref") {
                    m.insert("unevaluatedProperties".to_string(), Value::Bool(false));
                } else if !def_name.is_some_and(|d| open_defs.contains(d)) {
                    m.insert("additionalProperties".to_string(), Value::Bool(false));
                }
            }
            for (k, x) in m.iter_mut() {
                if k == "$defs" {
                    if let Value::Object(defs) = x {
                        for (name, d) in defs.iter_mut() {
                            close_objects(d, open_defs, Some(name));
                        }
                    }
                } else {
                    close_objects(x, open_defs, None);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| close_objects(x, open_defs, None)),
        _ => {}
    }
}

/// The schema as pretty JSON text with a final newline (the checked-in file's exact content).
pub fn schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&schema_value()).unwrap_or_default();
    s.push('\n');
    s
}

fn validator() -> Result<&'static jsonschema::Validator, String> {
    static V: OnceLock<Result<jsonschema::Validator, String>> = OnceLock::new();
    V.get_or_init(|| jsonschema::validator_for(&schema_value()).map_err(|e| format!("invalid schema: {e}")))
        .as_ref()
        .map_err(Clone::clone)
}

/// The schema compiled for [`crate::conform`]; `None` when it uses a keyword that module does
/// not understand (then every document takes the full validation).
fn compiled() -> Option<&'static crate::conform::Compiled> {
    static C: OnceLock<Option<crate::conform::Compiled>> = OnceLock::new();
    C.get_or_init(|| crate::conform::Compiled::new(&schema_value()).ok()).as_ref()
}

/// Validate a document against the schema without building its JSON tree: the typed document is
/// checked while it serializes ([`crate::conform`]). Only a document that fails that check (or
/// one it cannot judge) is converted to a `serde_json::Value` and given to [`validate`], which
/// then lists every violation; the two agree on every verdict (`tests/conform.rs`).
pub fn validate_document(doc: &Document) -> Result<(), Vec<String>> {
    if compiled().and_then(|c| c.conforms(doc)) == Some(true) {
        return Ok(());
    }
    let value = serde_json::to_value(doc).map_err(|e| vec![format!("cannot convert to a JSON value: {e}")])?;
    validate(&value)
}

/// Validate a JSON value against the document schema. Returns every violation, one line each
/// (`/json/pointer: message`).
pub fn validate(value: &Value) -> Result<(), Vec<String>> {
    let v = validator().map_err(|e| vec![e])?;
    if v.is_valid(value) {
        return Ok(());
    }
    let errors: Vec<String> = v.iter_errors(value).map(|e| format!("{}: {}", e.instance_path(), e)).collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_like() -> Value {
        let text = "中俄对话：2020模式\n\n目录\n第一章 甲乙\t1\n\n第一章 甲乙\n表 1 贸易\n年份\t数额\n2019\t1,5\n";
        let doc = crate::convert_bytes(text.as_bytes(), "t.txt").expect("converts");
        serde_json::to_value(&doc).expect("serializes")
    }

    #[test]
    fn a_converted_document_validates() {
        assert_eq!(validate(&sample_like()), Ok(()));
    }

    #[test]
    fn unknown_keys_missing_keys_and_bad_enums_are_refused() {
        let mut v = sample_like();
        v["extra"] = Value::Bool(true);
        assert!(validate(&v).is_err(), "unknown top-level key");
        let mut v = sample_like();
        v["chapters"][0]["blocks"][0]["captoin"] = Value::from("x");
        assert!(validate(&v).is_err(), "misspelled key inside a table block");
        let mut v = sample_like();
        v["chapters"][0]["blocks"][0]["rows"][0][0].as_object_mut().expect("a cell").remove("span");
        assert!(validate(&v).is_err(), "missing key");
        let mut v = sample_like();
        v["metadata"].as_object_mut().expect("metadata").remove("date");
        assert!(validate(&v).is_err(), "missing nullable key");
        let mut v = sample_like();
        v["chapters"][0]["blocks"][0]["type"] = Value::from("tabel");
        assert!(validate(&v).is_err(), "bad tag");
    }

    #[test]
    fn every_definition_and_property_is_described() {
        let s = schema_value();
        let mut missing = Vec::new();
        for (name, def) in s["$defs"].as_object().expect("defs") {
            if def.get("description").is_none() {
                missing.push(name.clone());
            }
            for (prop, p) in def.get("properties").and_then(Value::as_object).into_iter().flatten() {
                if p.get("description").is_none() && prop != "type" {
                    missing.push(format!("{name}.{prop}"));
                }
            }
        }
        for (prop, p) in s["properties"].as_object().expect("properties") {
            if p.get("description").is_none() {
                missing.push(format!("Document.{prop}"));
            }
        }
        assert!(missing.is_empty(), "undocumented: {missing:?}");
    }

    #[test]
    fn schema_is_2020_12_and_rejects_garbage() {
        let s = schema_value();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert!(validate(&serde_json::json!({"schema_version": 1})).is_err());
    }
}
