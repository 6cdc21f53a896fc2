//! Fuzz target: any bytes through the whole conversion, text or PDF (bytes starting with
//! `%PDF-` go through the PDF reader and its layout stage). A refused input (empty, blank,
//! binary, an unreadable PDF) is fine; an accepted one must satisfy every invariant of
//! `crdoc::check` against the text its spans point into, and serialize.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = match crdoc::convert_bytes(data, "fuzz") {
        Ok(doc) => doc,
        Err(_) => return,
    };
    let text = crdoc::pipeline::derived_text(data).expect("convert_bytes accepted the input but its text cannot be read");
    let violations = crdoc::check::check(&doc, &text);
    if !violations.is_empty() {
        panic!("{} invariant violation(s):\n{}", violations.len(), violations.join("\n"));
    }
    serde_json::to_string(&doc).expect("the document must serialize to JSON");
});
