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
    // Page furniture is recorded apart from the structure; the structure must not change.
    o.remove("page_breaks");
    o.remove("footnotes");
    if let Some(Value::Array(d)) = o.get_mut("diagnostics") {
        d.retain(|x| x["code"] != "footnote_unlinked");
        // Diagnostic ids count the diagnostics of the whole document.
        d.iter_mut().filter_map(Value::as_object_mut).for_each(|x| {
            x.remove("id");
        });
    }
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
            o.retain(|k, _| k != "span" && !k.ends_with("_span") && k != "spans" && k != "page");
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

/// How the simulated page furniture is printed.
#[derive(Clone, Copy)]
enum Furniture {
    /// pdftotext plain: centred page number at the bottom, form feed, running header on top
    /// (the report title on even pages, the chapter title on odd ones), blank lines around.
    FooterAndFormFeed,
    /// `- 12 -` at the bottom, header without form feed, no blank lines.
    DashNumbersNoBlanks,
    /// pdftotext -layout: header and page number on one line at the page top.
    HeaderWithNumber,
    /// As `FooterAndFormFeed`, with a footnote (no marker in the text) at the bottom of every
    /// third page, numbered through the document.
    FootnotesAtPageBottoms,
}

/// The sample with page breaks inserted at simulated page boundaries: between consecutive
/// headings the TOC's pages are spread evenly over the lines, so every heading lies on the page
/// the TOC gives it; after the last TOC entry a page holds 40 lines. Returns the text.
fn with_page_furniture(style: Furniture) -> String {
    let gold = crdoc::eval::load_gold(&root().join(GOLD)).expect("gold");
    let text = sample_text();
    let lines: Vec<&str> = text.split('\n').collect();
    // (line index of the heading, its TOC page, chapter title for the running header).
    let mut anchors: Vec<(usize, u32)> = Vec::new();
    for (h, t) in gold.headings.iter().zip(gold.toc.iter()) {
        anchors.push((h.line as usize - 1, t.page.unwrap_or(0)));
    }
    // Page boundaries: (line index before which a page starts, number of the new page).
    let mut starts: Vec<(usize, u32)> = Vec::new();
    for w in anchors.windows(2) {
        let ((la, pa), (lb, pb)) = (w[0], w[1]);
        for p in pa + 1..=pb {
            let at = la + (lb - la) * (p - pa) as usize / (pb - pa) as usize;
            starts.push((at, p));
        }
    }
    let (last_line, mut last_page) = *anchors.last().expect("anchors");
    let mut at = last_line + 40;
    while at < lines.len() {
        last_page += 1;
        starts.push((at, last_page));
        at += 40;
    }
    // Keep with next, as typesetting does: a page never ends on a heading-like line (short,
    // without closing punctuation); the break moves below the line that follows it.
    let heading_like = |l: &str| {
        let t = l.trim();
        !t.is_empty() && t.chars().count() <= 30 && !t.ends_with(['。', '；', '！', '？', '”', '）', ')', '：'])
    };
    for (at, _) in starts.iter_mut() {
        while let Some(prev) = (0..*at).rev().find(|&j| !lines[j].trim().is_empty()) {
            if !heading_like(lines[prev]) {
                break;
            }
            match (*at..lines.len()).find(|&j| !lines[j].trim().is_empty()) {
                Some(next) => *at = next + 1,
                None => break,
            }
        }
    }
    starts.dedup_by_key(|s| s.0);
    let chapter_at = |line: usize| {
        gold.headings
            .iter()
            .rev()
            .filter(|h| (h.line as usize) <= line + 1)
            .find(|h| h.kind == "chapter" || h.kind == "part")
            .map(|h| h.title.replace(' ', ""))
            .unwrap_or_default()
    };
    let mut out = String::with_capacity(text.len() + starts.len() * 80);
    let mut next = starts.iter().peekable();
    let mut notes = 0;
    for (k, line) in lines.iter().enumerate() {
        if let Some(&&(at, page)) = next.peek() {
            if at == k {
                next.next();
                let ended = page - 1;
                // A page that opens a part or chapter prints no running header.
                let opens = gold.headings.iter().any(|h| h.line as usize == k + 1);
                let header = if opens {
                    String::new()
                } else if page % 2 == 0 {
                    ["中俄对话：2020 模式", "中俄对话：2020模式", "中俄对话： 2020 模式"][page as usize / 2 % 3]
                        .to_string()
                } else {
                    chapter_at(k)
                };
                if matches!(style, Furniture::FootnotesAtPageBottoms) && page % 3 == 0 {
                    notes += 1;
                    out.push_str(&format!("\n{notes} 参见：《中俄关系报告》，第 {page} 页，莫斯科，2020 年。\n"));
                }
                match style {
                    Furniture::FooterAndFormFeed | Furniture::FootnotesAtPageBottoms if opens => {
                        out.push_str(&format!("\n                         {ended}\n\n\u{c}"));
                    }
                    Furniture::FooterAndFormFeed | Furniture::FootnotesAtPageBottoms => {
                        out.push_str(&format!("\n                         {ended}\n\u{c}{header}\n\n"));
                    }
                    Furniture::DashNumbersNoBlanks if opens => out.push_str(&format!("- {ended} -\n")),
                    Furniture::DashNumbersNoBlanks => {
                        out.push_str(&format!("- {ended} -\n{header}\n"));
                    }
                    Furniture::HeaderWithNumber if opens => out.push_str(&format!("\u{c}                {page}\n\n")),
                    Furniture::HeaderWithNumber => {
                        if page % 2 == 0 {
                            out.push_str(&format!("\u{c}{page}                    {header}\n\n"));
                        } else {
                            out.push_str(&format!("\u{c}{header}                    {page}\n\n"));
                        }
                    }
                }
            }
        }
        out.push_str(line);
        if k + 1 < lines.len() {
            out.push('\n');
        }
    }
    out
}

fn assert_furniture_removed(style: Furniture, name: &str) {
    let text = with_page_furniture(style);
    if let Some(dir) = std::env::var_os("CRDOC_DUMP_DIR") {
        let _ = std::fs::write(std::path::Path::new(&dir).join(format!("{name}.txt")), &text);
    }
    let doc = convert(text.as_bytes());
    assert!(doc.page_breaks.len() > 100, "{name}: {} page breaks", doc.page_breaks.len());
    // Every chapter lies on the page its TOC entry gives.
    for c in &doc.chapters {
        let toc = doc.toc.iter().find(|t| t.label.as_deref() == Some(c.label.as_str())).map(|t| t.page);
        assert_eq!(c.page, toc.flatten(), "{name}: page of {}", c.label);
    }
    // Pages increase by one from break to break.
    for w in doc.page_breaks.windows(2) {
        assert_eq!(w[1].page, w[0].page.map(|p| p + 1), "{name}: break at line {}", w[1].span.line_start);
    }
    if matches!(style, Furniture::FootnotesAtPageBottoms) {
        assert!(doc.footnotes.len() > 30, "{name}: {} footnotes", doc.footnotes.len());
        assert!(doc.footnotes.iter().enumerate().all(|(k, f)| f.number as usize == k + 1), "{name}: footnote numbers");
        assert!(doc.footnotes.iter().all(|f| f.text.starts_with("参见：") && f.page.is_some_and(|p| (p + 1) % 3 == 0)));
    }
    assert_same(name, text.as_bytes(), false);
}

#[test]
fn page_furniture_with_footnotes() {
    assert_furniture_removed(Furniture::FootnotesAtPageBottoms, "footnotes at page bottoms");
}

#[test]
fn page_furniture_footer_and_form_feed() {
    assert_furniture_removed(Furniture::FooterAndFormFeed, "footer and form feed");
}

#[test]
fn page_furniture_dash_numbers_without_blank_lines() {
    assert_furniture_removed(Furniture::DashNumbersNoBlanks, "dash numbers, no blank lines");
}

#[test]
fn page_furniture_header_with_number() {
    assert_furniture_removed(Furniture::HeaderWithNumber, "header with number");
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
