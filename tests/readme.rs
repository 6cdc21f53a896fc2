//! The README's reference tables must match the code they describe: the diagnostic code table
//! is compared with `DiagnosticCode::ALL` (code, severity, meaning), between the markers
//! `<!-- diagnostic-codes -->` and `<!-- /diagnostic-codes -->`.

mod common;
use common::root;
use crdoc::model::DiagnosticCode;

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

#[test]
fn the_readme_lists_every_diagnostic_code() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let got = section(&readme, "diagnostic-codes").expect("README has the diagnostic-codes markers");
    let want = expected_table();
    assert_eq!(got, want, "README's diagnostic code table is stale; replace it with:\n{want}");
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
