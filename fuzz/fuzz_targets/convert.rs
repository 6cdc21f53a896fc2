//! Fuzz target: any bytes through the whole conversion. A refused input (empty, blank, binary)
//! is fine; an accepted one must satisfy every invariant of `crdoc::check` and serialize.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = match crdoc::convert_bytes(data, "fuzz") {
        Ok(doc) => doc,
        Err(_) => return,
    };
    let decoded = crdoc::parse::decode::decode(data).expect("convert_bytes accepted the input but decode refused it");
    let violations = crdoc::check::check(&doc, &decoded.text);
    if !violations.is_empty() {
        panic!("{} invariant violation(s):\n{}", violations.len(), violations.join("\n"));
    }
    serde_json::to_string(&doc).expect("the document must serialize to JSON");
});
