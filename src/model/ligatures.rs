//! Latin ligature characters in the text fields.
//!
//! pdfminer (pdfplumber, MarkItDown) and pypdf print the ligature glyphs of a PDF as the
//! characters of the Alphabetic Presentation Forms block (`Bilﬁnger`, `Sovcomﬂot`), where
//! every other tool prints the letters. Decoding keeps them (a ligature is three UTF-8 bytes,
//! its letters two or three, so replacing them there would move every byte offset and span):
//! they are expanded here, after parsing, in the document's text fields only (their NFKC
//! forms, `ﬁ` → `fi`). Spans and the furniture lines (the input as printed) are left alone.

use super::{Block, Document};

/// The letters a Latin ligature of U+FB00–U+FB06 stands for (its NFKC form), or None.
fn ligature_letters(c: char) -> Option<&'static str> {
    match c {
        '\u{FB00}' => Some("ff"),
        '\u{FB01}' => Some("fi"),
        '\u{FB02}' => Some("fl"),
        '\u{FB03}' => Some("ffi"),
        '\u{FB04}' => Some("ffl"),
        '\u{FB05}' | '\u{FB06}' => Some("st"),
        _ => None,
    }
}

/// `s` with every Latin ligature character expanded to its letters (unchanged when it has none).
fn expand(s: &mut String) {
    if !s.chars().any(|c| ligature_letters(c).is_some()) {
        return;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match ligature_letters(c) {
            Some(letters) => out.push_str(letters),
            None => out.push(c),
        }
    }
    *s = out;
}

/// Expand the Latin ligature characters of every text field of `doc` (titles, names, paragraph
/// and cell text, captions, notes, entries, footnotes); `source_text` is the decoded input, read
/// first so that a document without a ligature is not walked at all.
pub fn expand_ligatures(doc: &mut Document, source_text: &str) {
    if !source_text.chars().any(|c| ligature_letters(c).is_some()) {
        return;
    }
    let m = &mut doc.metadata;
    m.title.iter_mut().chain(m.institutions.iter_mut()).for_each(expand);
    for a in &mut m.authors {
        expand(&mut a.name);
        a.affiliation.iter_mut().for_each(expand);
    }
    doc.toc.iter_mut().for_each(|e| expand(&mut e.title));
    blocks(&mut doc.front_matter);
    for p in doc.summary.iter_mut().chain(doc.preface.iter_mut()) {
        expand(&mut p.title);
        blocks(&mut p.blocks);
    }
    for c in &mut doc.chapters {
        expand(&mut c.title);
        blocks(&mut c.blocks);
        for s in &mut c.sections {
            expand(&mut s.title);
            blocks(&mut s.blocks);
        }
    }
    if let Some(r) = &mut doc.recommendations {
        expand(&mut r.title);
        for g in &mut r.groups {
            g.title.iter_mut().for_each(expand);
            g.items.iter_mut().for_each(|i| expand(&mut i.text));
        }
    }
    if let Some(c) = &mut doc.chronology {
        expand(&mut c.title);
        for cat in &mut c.categories {
            expand(&mut cat.name);
            for e in &mut cat.entries {
                expand(&mut e.title);
                expand(&mut e.description);
                e.items.iter_mut().for_each(|i| expand(&mut i.text));
            }
        }
    }
    doc.footnotes.iter_mut().for_each(|f| expand(&mut f.text));
}

/// Expand the ligatures of a list of body blocks.
fn blocks(bs: &mut [Block]) {
    for b in bs {
        match b {
            Block::Paragraph { text, .. } | Block::Subheading { text, .. } => expand(text),
            Block::List { items, .. } => items.iter_mut().for_each(|i| expand(&mut i.text)),
            Block::Table(t) => {
                expand(&mut t.caption);
                t.unit.iter_mut().chain(t.source_note.iter_mut()).chain(t.columns.iter_mut()).for_each(expand);
                t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()).for_each(|c| expand(&mut c.text));
            }
            Block::Figure(f) => {
                expand(&mut f.caption);
                f.unit.iter_mut().chain(f.source_note.iter_mut()).for_each(expand);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_latin_ligature_is_its_nfkc_letters() {
        let mut s = "Bil\u{FB01}nger Sovcom\u{FB02}ot \u{FB00} \u{FB03} \u{FB04} \u{FB05} \u{FB06}".to_string();
        expand(&mut s);
        assert_eq!(s, "Bilfinger Sovcomflot ff ffi ffl st st");
    }

    #[test]
    fn text_without_a_ligature_and_other_presentation_forms_are_kept() {
        // U+FB13 (Armenian) and U+FB1D (Hebrew) are presentation forms outside U+FB00–FB06.
        let mut s = "中俄 \u{FB13} \u{FB1D} fi".to_string();
        expand(&mut s);
        assert_eq!(s, "中俄 \u{FB13} \u{FB1D} fi");
    }

    #[test]
    fn a_converted_document_prints_the_letters() {
        let text = "第一章 合作\n\nBil\u{FB01}nger公司在莫斯科建成工厂。\n";
        let doc = crate::pipeline::convert_bytes(text.as_bytes(), "x.txt");
        let json = doc.map(|d| serde_json::to_string(&d).unwrap_or_default()).unwrap_or_default();
        assert!(json.contains("Bilfinger公司"), "{json}");
        assert!(!json.contains('\u{FB01}'), "{json}");
    }
}
