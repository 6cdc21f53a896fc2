//! The JSON Schema of the contract: generated from the [`crate::model`] types with schemars
//! (draft 2020-12), checked in as `schemas/document.schema.json`, and used to validate every
//! converted document with the jsonschema crate.

use crate::model::Document;
use serde_json::Value;
use std::sync::OnceLock;

/// The schema of [`Document`], as generated from the Rust types.
pub fn schema_value() -> Value {
    let schema = schemars::schema_for!(Document);
    serde_json::to_value(&schema).unwrap_or(Value::Null)
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

    #[test]
    fn schema_is_2020_12_and_rejects_garbage() {
        let s = schema_value();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert!(validate(&serde_json::json!({"schema_version": 1})).is_err());
    }
}
