//! Metamorphic tests: the sample re-encoded or reformatted in ways that do not change its
//! content must yield the same structure. Variants are generated here from the sample (no
//! copies are checked in); documents are compared with `source` and every span removed and
//! strings normalized (`crdoc::lex::normalize`, which folds full-width digits).

mod common;
use common::*;
use serde_json::Value;

/// The document as a comparable value: no source, no spans, normalized strings.
fn structure(bytes: &[u8], drop_toc: bool) -> Value {
    let doc = convert(bytes);
    assert_invariants(bytes, &doc);
    let mut v = serde_json::to_value(&doc).expect("json");
    strip(&mut v);
    let o = v.as_object_mut().expect("object");
    o.remove("source");
    if drop_toc {
        o.remove("toc");
        if let Some(Value::Array(d)) = o.get_mut("diagnostics") {
            d.retain(|x| !x["code"].as_str().unwrap_or("").starts_with("toc_"));
            // Diagnostic ids count the diagnostics, so they shift when the TOC's go.
            d.iter_mut().filter_map(Value::as_object_mut).for_each(|x| {
                x.remove("id");
            });
        }
    }
    v
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.retain(|k, _| k != "span" && !k.ends_with("_span") && k != "spans");
            o.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        Value::String(s) => *s = crdoc::lex::normalize(s),
        _ => {}
    }
}

/// Every `id` in the document, in order.
fn ids(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if let Some(Value::String(id)) = o.get("id") {
                out.push(id.clone());
            }
            o.values().for_each(|x| ids(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| ids(x, out)),
        _ => {}
    }
}

/// Ids are unique in the document.
fn assert_unique_ids(variant: &str, v: &Value) {
    let mut all = Vec::new();
    ids(v, &mut all);
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n, "{variant}: duplicate element ids");
    assert!(n > 700, "{variant}: only {n} ids");
}

fn assert_same(variant: &str, bytes: &[u8], drop_toc: bool) {
    let original = structure(&sample_bytes(), drop_toc);
    let got = structure(bytes, drop_toc);
    // Ids are part of the structure compared below: the variant must get the very same ones.
    assert_unique_ids(variant, &got);
    if original != got {
        let (a, b) = (
            serde_json::to_string_pretty(&original).unwrap_or_default(),
            serde_json::to_string_pretty(&got).unwrap_or_default(),
        );
        let first = a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y);
        panic!("{variant}: structure differs, first difference: {first:?}");
    }
}

#[test]
fn gb18030() {
    let text = sample_text();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let doc = convert(&bytes);
    assert_eq!(doc.source.encoding, "GB18030");
    assert_same("GB18030", &bytes, false);
}

#[test]
fn utf16le_with_bom() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(sample_text().encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(convert(&bytes).source.encoding, "UTF-16LE");
    assert_same("UTF-16LE", &bytes, false);
}

#[test]
fn utf8_with_bom() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(sample_bytes());
    assert_same("UTF-8 BOM", &bytes, false);
}

#[test]
fn crlf_line_endings() {
    let text = sample_text().replace('\n', "\r\n");
    assert_eq!(convert(text.as_bytes()).source.line_endings, "crlf");
    assert_same("CRLF", text.as_bytes(), false);
}

#[test]
fn trailing_spaces_and_ideographic_spaces() {
    let text: Vec<String> = sample_text()
        .split('\n')
        .enumerate()
        .map(|(i, l)| if i % 2 == 0 { format!("{l}  ") } else { format!("{l}\u{3000}") })
        .collect();
    assert_same("trailing white space", text.join("\n").as_bytes(), false);
}

#[test]
fn full_width_digits_in_chronology_dates() {
    let text = sample_text();
    let appendix = text.find("\n附录\n").expect("appendix");
    let mut out = String::with_capacity(text.len() * 2);
    out.push_str(&text[..appendix]);
    let mut changed = 0;
    for line in text[appendix..].split_inclusive('\n') {
        // Widen the digits of a leading date expression (up to its last 日/月).
        let body = line.trim_start_matches(['-', ' ', '\t']);
        let prefix = &line[..line.len() - body.len()];
        let is_date = body.chars().take(4).all(|c| c.is_ascii_digit())
            && body.chars().nth(4).is_some_and(|c| c == '年' || c == ' ');
        match (is_date, body.find('日').or_else(|| body.find('月'))) {
            (true, Some(end)) => {
                let end = end + '日'.len_utf8();
                let wide: String = body[..end]
                    .chars()
                    .map(|c| {
                        if c.is_ascii_digit() {
                            char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
                        } else {
                            c
                        }
                    })
                    .collect();
                out.push_str(prefix);
                out.push_str(&wide);
                out.push_str(&body[end..]);
                changed += 1;
            }
            _ => out.push_str(line),
        }
    }
    assert!(changed > 600, "only {changed} date lines widened");
    assert_same("full-width digits", out.as_bytes(), false);
}

#[test]
fn toc_removed() {
    let text = sample_text();
    let lines: Vec<&str> = text.split('\n').collect();
    let start = lines.iter().position(|l| l.trim() == "目 录").expect("TOC heading");
    let end = lines.iter().position(|l| l.starts_with("附录：")).expect("last TOC line");
    let kept: Vec<&str> = lines[..start].iter().chain(lines[end + 1..].iter()).copied().collect();
    let bytes = kept.join("\n");
    let doc = convert(bytes.as_bytes());
    assert!(doc.toc.is_empty());
    assert_same("TOC removed", bytes.as_bytes(), true);
}

#[test]
fn utf16le_and_utf16be_without_bom() {
    for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let bytes: Vec<u8> =
            sample_text().encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }).collect();
        let doc = convert(&bytes);
        assert_eq!((doc.source.encoding.as_str(), doc.source.encoding_source.as_str()), (name, "detected"));
        assert_same(name, &bytes, false);
    }
}
