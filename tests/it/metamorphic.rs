//! Metamorphic tests: the sample re-encoded or reformatted in ways that do not change its
//! content must yield the same structure. Variants are generated here from the sample (no
//! copies are checked in); documents are compared with `source` and every span removed and
//! strings normalized (`crdoc::parse::lex::normalize`, which folds full-width digits).

use crate::common::*;
use crdoc::model::FurnitureKind;
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
        Value::String(s) => *s = crdoc::parse::lex::normalize(s),
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
    /// An older edition's dump: Roman page numbers (`i`, `ii`, …) on the front-matter pages,
    /// `- 12 -` and a form feed in the body with the chapter's label in its running header
    /// (`第三章  中俄在军事…`), and appendix pages that print only the report title (no page
    /// number, no form feed).
    RomanFrontAndHeaderOnlyAppendix,
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
    let older = matches!(style, Furniture::RomanFrontAndHeaderOnlyAppendix);
    let chapter_at = |line: usize| {
        gold.headings
            .iter()
            .rev()
            .filter(|h| (h.line as usize) <= line + 1)
            .find(|h| h.kind == "chapter" || h.kind == "part")
            .map(|h| match &h.label {
                Some(label) if older => format!("{label}  {}", h.title.replace(' ', "")),
                _ => h.title.replace(' ', ""),
            })
            .unwrap_or_default()
    };
    let appendix = gold.headings.iter().find(|h| h.title == "附录").map_or(usize::MAX, |h| h.line as usize);
    // Front-matter pages (older style): a page ends at the first blank line after every 30th
    // line before the body.
    let body = anchors.first().map_or(0, |a| a.0);
    let mut roman: Vec<usize> = Vec::new();
    if older {
        let mut at = 30;
        while at < body {
            match (at..body).find(|&j| lines[j].trim().is_empty()) {
                Some(j) => {
                    roman.push(j);
                    at = j + 30;
                }
                None => break,
            }
        }
    }
    let mut out = String::with_capacity(text.len() + starts.len() * 80);
    let mut next = starts.iter().peekable();
    let mut notes = 0;
    for (k, line) in lines.iter().enumerate() {
        if let Some(r) = roman.iter().position(|&j| j == k) {
            let numeral = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][r % 8];
            out.push_str(&format!("\n          {numeral}\n\u{c}"));
        }
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
                    Furniture::RomanFrontAndHeaderOnlyAppendix if k + 1 > appendix => {
                        let title = if page % 2 == 0 {
                            "中俄对话：2020 模式"
                        } else {
                            "中 俄 对 话 ： 2020 模 式"
                        };
                        out.push_str(&format!("\n{title}\n\n"));
                    }
                    Furniture::FooterAndFormFeed
                    | Furniture::FootnotesAtPageBottoms
                    | Furniture::RomanFrontAndHeaderOnlyAppendix
                        if opens =>
                    {
                        out.push_str(&format!("\n                         {ended}\n\n\u{c}"));
                    }
                    Furniture::FooterAndFormFeed | Furniture::FootnotesAtPageBottoms => {
                        out.push_str(&format!("\n                         {ended}\n\u{c}{header}\n\n"));
                    }
                    Furniture::RomanFrontAndHeaderOnlyAppendix => {
                        out.push_str(&format!("\n                   - {ended} -\n\u{c}{header}\n\n"));
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
    // Pages increase by one from break to break (the Roman-numbered front-matter pages have no
    // number in the body's sequence).
    let front = doc.page_breaks.iter().take_while(|b| b.page.is_none()).count();
    if matches!(style, Furniture::RomanFrontAndHeaderOnlyAppendix) {
        assert!(front >= 3, "{name}: {front} front-matter page breaks");
        for b in &doc.page_breaks[..front] {
            let kinds: Vec<FurnitureKind> = b.lines.iter().map(|l| l.kind).collect();
            assert!(kinds.contains(&FurnitureKind::PageNumber), "{name}: front-matter break {kinds:?}");
            assert!(kinds.iter().all(|k| matches!(k, FurnitureKind::PageNumber | FurnitureKind::FormFeed)));
        }
        let appendix = doc.chronology.as_ref().map_or(u32::MAX, |c| c.span.line_start);
        let header_only = doc.page_breaks.iter().filter(|b| b.span.line_start > appendix).count();
        assert!(header_only > 50, "{name}: {header_only} header-only breaks in the appendix");
        assert!(doc
            .page_breaks
            .iter()
            .filter(|b| b.span.line_start > appendix)
            .all(|b| b.lines.len() == 1 && b.lines[0].kind == FurnitureKind::Header));
    }
    for w in doc.page_breaks[front..].windows(2) {
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
fn page_furniture_of_an_older_edition() {
    assert_furniture_removed(Furniture::RomanFrontAndHeaderOnlyAppendix, "roman front matter, header-only appendix");
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

/// The document as a comparable value, without ids (for variants that add an element, which
/// shifts the ids counted after it).
fn structure_without_ids(doc: crdoc::model::Document) -> Value {
    let mut v = serde_json::to_value(&doc).expect("json");
    strip(&mut v);
    drop_ids(&mut v);
    if let Some(o) = v.as_object_mut() {
        o.remove("source");
    }
    v
}

fn drop_ids(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.remove("id");
            o.remove("element");
            o.values_mut().for_each(drop_ids);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_ids),
        _ => {}
    }
}

fn assert_equal_values(variant: &str, original: &Value, got: &Value) {
    if original != got {
        let (a, b) = (
            serde_json::to_string_pretty(original).unwrap_or_default(),
            serde_json::to_string_pretty(got).unwrap_or_default(),
        );
        let first = a.lines().zip(b.lines()).enumerate().find(|(_, (x, y))| x != y);
        panic!("{variant}: structure differs, first difference: {first:?}");
    }
}

#[test]
fn cover_noise_prepended() {
    use crdoc::model::DiagnosticCode;
    // The cover art of a RIAC report as a PDF-to-text tool prints it, with another report's title.
    let noise = "RUSSIAN INTERNATIONAL AFFAIRS COUNCIL Summer SChoolS xpert CommentarieS\n\
                 Российско-китайский диалог: модель 2020\n\
                 中国-伊朗伙伴关系：回顾与展望\n\
                 ДОКЛАД № 58 / 2020\n\n";
    let noise_lines = noise.lines().count() as u32;
    let text = format!("{noise}{}", sample_text());
    let mut doc = convert(text.as_bytes());
    assert_invariants(text.as_bytes(), &doc);
    assert_eq!(doc.metadata.title.as_deref(), Some("中俄对话：2020模式"));
    assert_eq!(doc.metadata.institutions, sample_doc().metadata.institutions);
    let noisy: Vec<_> = doc.diagnostics.iter().filter(|d| d.code == DiagnosticCode::FrontMatterNoise).collect();
    assert_eq!(noisy.len(), 1);
    assert_eq!(noisy[0].span.map(|s| (s.line_start, s.line_end)), Some((1, 4)));
    // Without the noise block and its diagnostic, the structure is the sample's.
    let before = doc.front_matter.len();
    doc.front_matter.retain(|b| b.span().line_end > noise_lines);
    assert_eq!(before - doc.front_matter.len(), 1, "the noise is one kept block");
    doc.diagnostics.retain(|d| d.code != DiagnosticCode::FrontMatterNoise);
    let original = structure_without_ids(sample_doc());
    assert_equal_values("cover noise", &original, &structure_without_ids(doc));
}

#[test]
fn authors_rewritten_as_prose() {
    use crdoc::model::{Role, Team};
    let sample = sample_doc();
    let text = sample_text();
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.iter().position(|l| l.trim() == "中方团队负责人：").expect("first team header");
    let credit = lines.iter().position(|l| l.starts_with("俄译中翻译")).expect("credit line");
    // One paragraph per team, as in the 2021 edition, wrapped every 40 characters.
    let mut prose = String::new();
    for team in [Team::Cn, Team::Ru] {
        let side = if team == Team::Cn { "中方" } else { "俄方" };
        let mut para = String::new();
        for (role, head) in [(Role::Lead, "团队负责人"), (Role::Member, "成员")] {
            let people: Vec<String> = sample
                .metadata
                .authors
                .iter()
                .filter(|a| a.team == team && a.role == role)
                .map(|a| format!("{}，{}", a.name, a.affiliation.as_deref().unwrap_or("")))
                .collect();
            para.push_str(&format!("{side}{head}：{}。", people.join("；")));
        }
        let chars: Vec<char> = para.chars().collect();
        for chunk in chars.chunks(40) {
            prose.push_str(&chunk.iter().collect::<String>());
            prose.push('\n');
        }
        prose.push('\n');
    }
    let rewritten = format!("{}\n{prose}{}", lines[..first].join("\n"), lines[credit..].join("\n"));
    let doc = convert(rewritten.as_bytes());
    assert_invariants(rewritten.as_bytes(), &doc);
    let people = |d: &crdoc::model::Document| -> Vec<(String, Team, Role, Option<String>)> {
        d.metadata.authors.iter().map(|a| (a.name.clone(), a.team, a.role, a.affiliation.clone())).collect()
    };
    assert_eq!(people(&doc), people(&sample));
    let original = structure_without_ids(sample);
    assert_equal_values("authors as prose", &original, &structure_without_ids(doc));
}

#[test]
fn institute_renamed() {
    let (old, new) = ("俄罗斯科学院远东研究所", "俄罗斯科学院中国与当代亚洲研究所");
    let text = sample_text();
    assert!(text.matches(old).count() >= 2);
    let renamed = text.replace(old, new);
    let doc = convert(renamed.as_bytes());
    assert_eq!(doc.metadata.institutions, ["复旦大学国际问题研究院", "俄罗斯国际事务委员会", new]);
    // The same structure, with the new name wherever the old one stood.
    fn rename(v: &mut Value, old: &str, new: &str) {
        match v {
            Value::Object(o) => o.values_mut().for_each(|x| rename(x, old, new)),
            Value::Array(a) => a.iter_mut().for_each(|x| rename(x, old, new)),
            Value::String(s) => *s = s.replace(old, new),
            _ => {}
        }
    }
    let mut original = structure(&sample_bytes(), false);
    rename(&mut original, old, new);
    assert_equal_values("institute renamed", &original, &structure(renamed.as_bytes(), false));
}

#[test]
fn no_appendix_means_no_chronology_even_with_dated_paragraphs() {
    let text = sample_text();
    let appendix = text.find("\n附录\n").expect("appendix");
    // The appendix cut, and paragraphs starting with a date put into the first chapter.
    let chapter = text.find("\n第一节 全球背景下中俄关系的新趋势和新方向\n").expect("first section");
    let dated = "\n2019年6月5日 两国元首签署关于发展新时代全面战略协作伙伴关系的联合声明。\n\n\
                 2019 年 9 月 17 日\n\n中俄总理举行第二十四次定期会晤，双方签署了联合公报。\n";
    let cut = format!("{}{dated}{}", &text[..chapter], &text[chapter..appendix + 1]);
    let doc = convert(cut.as_bytes());
    assert_invariants(cut.as_bytes(), &doc);
    assert!(doc.chronology.is_none());
    assert_eq!(doc.chapters.len(), sample_doc().chapters.len());
    let first = serde_json::to_string(&doc.chapters[0].blocks).expect("json");
    assert!(first.contains("两国元首签署") && first.contains("第二十四次定期会晤"), "{first}");
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
