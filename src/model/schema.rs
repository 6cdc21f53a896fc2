//! The JSON Schema of the contract: generated from the [`crate::model`] types with schemars
//! (draft 2020-12), checked in as `schemas/document.schema.json`, and used to validate every
//! converted document with the jsonschema crate.

use crate::model::Document;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use std::fmt;
use std::sync::OnceLock;

/// The schema of [`Document`], as generated from the Rust types and made strict: every
/// property of every object is `required` (an unknown value is `null`, never an absent key), but
/// for the few marked `x-pdf-only` that only PDF inputs write (`source.format`, `source.pdf`,
/// `boxes`), and
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
                // A property marked `x-pdf-only` (`source.pdf`, `source.format`, `boxes`: written
                // for PDF inputs only) may be absent; every other one is required.
                let names: Vec<Value> = props
                    .iter()
                    .filter(|(_, p)| p.get("x-pdf-only").is_none())
                    .map(|(k, _)| Value::String(k.clone()))
                    .collect();
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

/// The schema compiled for [`crate::model::conform`]; `None` when it uses a keyword that module does
/// not understand (then every document takes the full validation).
fn compiled() -> Option<&'static crate::model::conform::Compiled> {
    static C: OnceLock<Option<crate::model::conform::Compiled>> = OnceLock::new();
    C.get_or_init(|| crate::model::conform::Compiled::new(&schema_value()).ok()).as_ref()
}

/// Validate a document against the schema without building its JSON tree: the typed document is
/// checked while it serializes ([`crate::model::conform`]). Only a document that fails that check (or
/// one it cannot judge) is converted to a `serde_json::Value` and given to [`validate`], which
/// then lists every violation; the two agree on every verdict (`tests/it/conform.rs`).
pub fn validate_document(doc: &Document) -> Result<(), Vec<Violation>> {
    if compiled().and_then(|c| c.conforms(doc)) == Some(true) {
        return Ok(());
    }
    let value = serde_json::to_value(doc).map_err(|e| {
        vec![Violation {
            pointer: String::new(),
            keyword: "serialize".into(),
            reason: format!("cannot convert to a JSON value: {e}"),
            schema_path: String::new(),
        }]
    })?;
    validate(&value)
}

/// How many characters of a value a violation quotes before cutting it with `…`.
const QUOTE_CHARS: usize = 40;
/// Longest violation line (pointer, keyword and reason) before it is cut with `…`.
const MAX_LINE_CHARS: usize = 240;

/// One schema violation, reduced to what a reader needs: where (a JSON pointer into the
/// instance), which keyword failed, and a short reason that quotes at most a few dozen
/// characters of the value (never the whole instance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer of the failing value (`""` is the document itself).
    pub pointer: String,
    /// The JSON Schema keyword that failed (`required`, `enum`, `type`, `additionalProperties`…).
    pub keyword: String,
    /// A short reason, e.g. `"week" is not one of "day", "month"`.
    pub reason: String,
    /// Where in the schema the keyword sits (shown with `-v`).
    pub schema_path: String,
}

impl Violation {
    /// `pointer: keyword: reason` (the document root is shown as `(root)`), at most
    /// [`MAX_LINE_CHARS`] characters; `verbose` adds the schema location.
    pub fn line(&self, verbose: bool) -> String {
        let pointer = if self.pointer.is_empty() { "(root)" } else { self.pointer.as_str() };
        let mut s = format!("{pointer}: {}: {}", self.keyword, self.reason);
        if verbose {
            s.push_str(&format!(" (schema: {})", self.schema_path));
        }
        cut(&s, MAX_LINE_CHARS)
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line(false))
    }
}

/// Validate a JSON value against the document schema. Returns every violation (one per error
/// the validator reports; an `anyOf`/`oneOf` failure is replaced by its most specific
/// sub-errors, see [`best_matches`]).
pub fn validate(value: &Value) -> Result<(), Vec<Violation>> {
    let v = validator().map_err(|e| {
        vec![Violation { pointer: String::new(), keyword: "$schema".into(), reason: e, schema_path: String::new() }]
    })?;
    violations(v, value)
}

/// Every violation of `value` against `validator`, in the validator's order, de-duplicated.
pub fn violations(validator: &jsonschema::Validator, value: &Value) -> Result<(), Vec<Violation>> {
    if validator.is_valid(value) {
        return Ok(());
    }
    let mut out: Vec<Violation> = Vec::new();
    for e in validator.iter_errors(value) {
        for m in best_matches(&e) {
            let v = describe(m, value);
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}

type VError = jsonschema::ValidationError<'static>;

fn depth(e: &jsonschema::ValidationError<'_>) -> usize {
    e.instance_path().iter().count()
}

fn branches<'e>(e: &'e jsonschema::ValidationError<'_>) -> Option<&'e Vec<Vec<VError>>> {
    match e.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => Some(context),
        _ => None,
    }
}

/// How well a branch of an `anyOf`/`oneOf` at depth `at` fits the value's shape: 2 when
/// nothing failed at the value itself nor a `const` on a direct member (the tag of an
/// internally tagged union, such as a block's `type`); 1 when the value has the branch's type
/// but not its `const`/`enum` value (or tag), or fails a nested `anyOf`/`oneOf` of its own;
/// 0 when the value's type is not the branch's.
fn branch_fit(branch: &[VError], at: usize) -> u8 {
    let mut fit = 2;
    for e in branch {
        let d = depth(e);
        match e.kind() {
            ValidationErrorKind::Type { .. } if d == at => return 0,
            ValidationErrorKind::Enum { .. }
            | ValidationErrorKind::Constant { .. }
            | ValidationErrorKind::AnyOf { .. }
            | ValidationErrorKind::OneOfNotValid { .. }
                if d == at =>
            {
                fit = 1
            }
            ValidationErrorKind::Constant { .. } if d == at + 1 => fit = 1,
            _ => {}
        }
    }
    fit
}

/// The most specific errors behind an `anyOf`/`oneOf` failure, in the spirit of Python
/// jsonschema's `best_match`. The branch that fits the value (see [`branch_fit`]: fully, or
/// else the single branch whose type fits but whose value or tag does not) is the one the
/// writer meant: each of its errors is reported, itself searched the same way. When several
/// branches fit fully, the error with the deepest instance path among them is the best guess
/// (a concrete keyword before a nested `anyOf`/`oneOf` at the same depth). When no branch or
/// several half-fitting ones remain (an unknown tag), the combinator error itself is kept: its
/// reason then lists what would fit.
pub fn best_matches<'a>(e: &'a jsonschema::ValidationError<'a>) -> Vec<&'a jsonschema::ValidationError<'a>> {
    let Some(context) = branches(e) else {
        return vec![e];
    };
    let at = depth(e);
    let fits: Vec<u8> = context.iter().map(|b| branch_fit(b, at)).collect();
    let of_fit = |f: u8| -> Vec<&'a Vec<VError>> {
        context.iter().zip(&fits).filter(|(_, x)| **x == f).map(|(b, _)| b).collect()
    };
    let (full, half) = (of_fit(2), of_fit(1));
    let chosen = match (full.len(), half.len()) {
        (1, _) => full[0],
        (0, 1) => half[0],
        (0, _) => return vec![e],
        _ => {
            let deepest = full.iter().flat_map(|b| b.iter()).max_by_key(|x| (depth(x), branches(x).is_none()));
            // Each step goes one schema level down; the schema is finite, so this ends.
            return deepest.map_or_else(|| vec![e], best_matches);
        }
    };
    let found: Vec<&jsonschema::ValidationError<'_>> = chosen.iter().flat_map(best_matches).collect();
    if found.is_empty() {
        vec![e]
    } else {
        found
    }
}

/// Turn one validator error into a [`Violation`] with a short reason.
fn describe(e: &jsonschema::ValidationError<'_>, root: &Value) -> Violation {
    let pointer = e.instance_path().as_str().to_string();
    let here = root.pointer(&pointer).unwrap_or(e.instance().as_ref());
    let reason = match e.kind() {
        ValidationErrorKind::Required { property } => {
            format!("missing required key {}", quote(property))
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let keys: Vec<String> = unexpected.iter().map(|k| quote(&Value::String(k.clone()))).collect();
            format!("unknown key{} {}", if keys.len() == 1 { "" } else { "s" }, keys.join(", "))
        }
        ValidationErrorKind::Type { kind } => format!("{} is not of type {}", preview(here), type_names(kind)),
        ValidationErrorKind::Enum { options } => format!("{} is not one of {}", preview(here), list(options)),
        ValidationErrorKind::Constant { expected_value } => {
            format!("{} is not {}", preview(here), quote(expected_value))
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            no_branch_fits(here, context, depth(e))
        }
        _ => e.masked_with(preview(here)).to_string(),
    };
    Violation {
        pointer,
        keyword: e.kind().keyword().to_string(),
        reason: cut(&reason, MAX_LINE_CHARS),
        schema_path: e.schema_path().as_str().to_string(),
    }
}

/// The reason of an `anyOf`/`oneOf` that no branch fits: what the branches would accept, at
/// depth `at` (constants, else types) or at its tag member (constants one level down).
fn no_branch_fits(here: &Value, context: &[Vec<VError>], at: usize) -> String {
    let (mut values, mut types, mut tags): (Vec<String>, Vec<String>, Vec<String>) = Default::default();
    let mut member: Option<String> = None;
    let push = |list: &mut Vec<String>, w: String| {
        if !list.contains(&w) {
            list.push(w);
        }
    };
    for e in context.iter().flatten() {
        let d = depth(e);
        match e.kind() {
            ValidationErrorKind::Type { kind } if d == at => push(&mut types, type_names(kind)),
            ValidationErrorKind::Constant { expected_value } if d == at => push(&mut values, quote(expected_value)),
            ValidationErrorKind::Enum { options } if d == at => push(&mut values, list(options)),
            ValidationErrorKind::Constant { expected_value } if d == at + 1 => {
                member = e.instance_path().iter().last().map(|s| s.to_string());
                push(&mut tags, quote(expected_value));
            }
            _ => {}
        }
    }
    match member {
        Some(m) if !tags.is_empty() && values.is_empty() && types.is_empty() => {
            let got = here.get(&m).map_or_else(|| "absent".to_string(), preview);
            format!("member {} is {got}, expected one of {}", quote(&Value::String(m)), cut(&tags.join(", "), 160))
        }
        _ if !values.is_empty() => format!("{} is not one of {}", preview(here), cut(&values.join(", "), 160)),
        _ if !types.is_empty() => format!("{} is not of type {}", preview(here), types.join(" or ")),
        _ => format!("{} matches none of the {} alternatives", preview(here), context.len()),
    }
}

fn type_names(kind: &jsonschema::error::TypeKind) -> String {
    match kind {
        jsonschema::error::TypeKind::Single(t) => t.to_string(),
        jsonschema::error::TypeKind::Multiple(set) => {
            set.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(" or ")
        }
    }
}

fn list(options: &Value) -> String {
    match options {
        Value::Array(a) => cut(&a.iter().map(quote).collect::<Vec<_>>().join(", "), 120),
        other => quote(other),
    }
}

/// A JSON scalar as JSON text, cut to [`QUOTE_CHARS`].
fn quote(v: &Value) -> String {
    cut(&v.to_string(), QUOTE_CHARS)
}

/// A value as it may be shown: scalars quoted (cut), containers by their size only.
fn preview(v: &Value) -> String {
    match v {
        Value::Object(o) => format!("an object with {} key(s)", o.len()),
        Value::Array(a) => format!("an array of {} item(s)", a.len()),
        scalar => quote(scalar),
    }
}

/// `s` cut to at most `max` characters, ending with `…` when cut.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        let bytes = include_bytes!("../../input/china-russia-dialogue-2020.zh.txt");
        let doc = crate::convert_bytes(bytes, "sample.txt").expect("the sample converts");
        serde_json::to_value(&doc).expect("json")
    }

    fn only(value: &Value) -> Violation {
        let errs = validate(value).expect_err("invalid");
        assert_eq!(errs.len(), 1, "{errs:#?}");
        errs.into_iter().next().expect("one")
    }

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
        v["chapters"][0]["blocks"][0]["rows"][0]["cells"][0].as_object_mut().expect("a cell").remove("span");
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
        assert!(validate(&json!({"schema_version": 1})).is_err());
        assert!(validate(&sample()).is_ok());
    }

    #[test]
    fn a_bad_enum_deep_inside_optional_values_is_named_by_its_pointer() {
        let mut v = sample();
        v["chronology"]["categories"][0]["entries"][0]["date"]["precision"] = json!("week");
        let e = only(&v);
        assert_eq!(e.pointer, "/chronology/categories/0/entries/0/date/precision");
        // `Precision` is a `oneOf` of documented constants.
        assert_eq!(e.keyword, "oneOf");
        assert_eq!(e.reason, r#""week" is not one of "day", "month""#);
        assert!(e.line(true).contains("(schema: "), "{}", e.line(true));
    }

    #[test]
    fn a_bad_field_of_a_tagged_block_is_found_in_the_branch_of_its_tag() {
        let mut v = sample();
        v["chapters"][0]["sections"][0]["blocks"][0]["span"]["line_start"] = json!("seven");
        let e = only(&v);
        assert_eq!(e.pointer, "/chapters/0/sections/0/blocks/0/span/line_start");
        assert_eq!((e.keyword.as_str(), e.reason.as_str()), ("type", r#""seven" is not of type integer"#));
    }

    #[test]
    fn an_unknown_tag_lists_the_tags_that_would_fit() {
        let mut v = sample();
        v["chapters"][0]["sections"][0]["blocks"][0]["type"] = json!("paragrahp");
        let e = only(&v);
        assert_eq!(e.pointer, "/chapters/0/sections/0/blocks/0");
        assert_eq!(e.keyword, "oneOf");
        assert!(
            e.reason.starts_with(r#"member "type" is "paragrahp", expected one of "paragraph", "subheading""#),
            "{}",
            e.reason
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_says_what_would_fit() {
        let mut v = sample();
        v["chronology"] = json!("none");
        let e = only(&v);
        assert_eq!((e.pointer.as_str(), e.keyword.as_str()), ("/chronology", "anyOf"));
        assert_eq!(e.reason, r#""none" is not of type object or null"#);
    }

    #[test]
    fn missing_and_unknown_keys_are_named() {
        let mut v = sample();
        if let Some(o) = v.as_object_mut() {
            o.remove("source");
        }
        let e = only(&v);
        assert_eq!(e.line(false), r#"(root): required: missing required key "source""#);
        // Several violations inside one branch of a union are all reported: the unknown key of
        // a table block and the one of its cell, a deleted date.start and a bad flag.
        let mut v = sample();
        let (c, s, b) = (0..6)
            .flat_map(|c| (0..4).flat_map(move |s| (0..40).map(move |b| (c, s, b))))
            .find(|&(c, s, b)| v["chapters"][c]["sections"][s]["blocks"][b]["type"] == "table")
            .expect("a table");
        let table = &mut v["chapters"][c]["sections"][s]["blocks"][b];
        table["captoin"] = json!("x");
        table["rows"][0]["cells"][0]["valeu"] = json!(1);
        let entry = &mut v["chronology"]["categories"][0]["entries"][0];
        entry["date"].as_object_mut().map(|d| d.remove("start"));
        entry["flags"] = json!(["date_corected"]);
        let lines: Vec<String> = validate(&v).expect_err("invalid").iter().map(|e| e.line(false)).collect();
        let at = format!("/chapters/{c}/sections/{s}/blocks/{b}");
        for expected in [
            format!(r#"{at}: additionalProperties: unknown key "captoin""#),
            format!(r#"{at}/rows/0/cells/0: additionalProperties: unknown key "valeu""#),
            r#"/chronology/categories/0/entries/0/date: required: missing required key "start""#.to_string(),
            r#"/chronology/categories/0/entries/0/flags/0: oneOf: "date_corected" is not one of "date_missing", "date_corrected", "out_of_period", "month_for_day", "date_garbled", "out_of_order""#.to_string(),
        ] {
            assert!(lines.contains(&expected), "{expected}\nnot in {lines:#?}");
        }
        assert_eq!(lines.len(), 4, "{lines:#?}");
    }

    #[test]
    fn long_values_are_cut_and_lines_stay_short() {
        let mut v = sample();
        let long = "中".repeat(5000);
        v["chronology"]["categories"][0]["entries"][0]["date"]["precision"] = json!(long);
        v["metadata"]["authors"] = json!(long);
        let errs = validate(&v).expect_err("invalid");
        assert_eq!(errs.len(), 2, "{errs:#?}");
        for e in &errs {
            let line = e.line(true);
            assert!(line.chars().count() < 300, "{line}");
            assert!(line.contains('…'), "{line}");
        }
        assert!(errs.iter().any(|e| e.pointer == "/metadata/authors"), "{errs:#?}");
    }
}
