//! One small hand-written fixture per layout the parsers must handle (`tests/fixtures/*.txt`),
//! each with its own snapshot of the whole JSON document, and the invariants checked on each.

#[test]
fn fixtures() {
    insta::glob!("../fixtures", "*.txt", |path| {
        let bytes = std::fs::read(path).expect("fixture");
        let name = format!("tests/fixtures/{}", path.file_name().and_then(|n| n.to_str()).unwrap_or(""));
        let doc = crdoc::convert_bytes(&bytes, &name).expect("fixture converts");
        crate::common::assert_invariants(&bytes, &doc);
        insta::assert_snapshot!(crdoc::output::json::to_json(&doc, true).expect("json"));
    });
}
