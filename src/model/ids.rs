//! Element ids: a post-pass over a finished [`Document`] that gives every element a string id
//! derived from its structural position, and links each diagnostic to the element it concerns.
//!
//! Ids depend only on the document's structure (the order of parts, chapters, sections, blocks,
//! items, categories and entries), never on bytes or line numbers, so the same report re-encoded
//! (GB18030, UTF-16), with CRLF line ends or trailing spaces gets the same ids. The grammar:
//!
//! ```text
//! meta.a<n>                 author record n (1-based, in printed order)
//! toc.<n>                   TOC line n
//! fm.b<n>                   front-matter block n
//! summary, preface          the parts; their blocks summary.b<n>, preface.b<n>
//! ch<k>                     the k-th chapter in document order; its blocks ch<k>.b<n>
//! ch<k>.s<j>                the j-th section of chapter k; its blocks ch<k>.s<j>.b<n>
//! <block>.i<n>              item n of a list block
//! rec, rec.g<n>, rec.g<n>.i<m>       recommendations, group n, item m of group n
//! chron, chron.c<n>, chron.c<n>.e<m> chronology, category n, entry m of category n
//! chron.c<n>.e<m>.i<k>      item k of an entry's numbered sub-list
//! page.<n>, fn.<n>          page break n, footnote n, in input order
//! diag.<n>                  diagnostic n, in the document's (line) order
//! ```
//!
//! Table cells are addressed by their table's id with row and column (`<table>.r<row>.c<col>`,
//! 1-based, rows after the header) in the flat records; they carry no id in the JSON.

use crate::model::{Block, Document, Span};

/// Give every element of `doc` its id and fill `Diagnostic::element`.
pub fn assign_ids(doc: &mut Document) {
    for (k, a) in doc.metadata.authors.iter_mut().enumerate() {
        a.id = format!("meta.a{}", k + 1);
    }
    for (k, t) in doc.toc.iter_mut().enumerate() {
        t.id = format!("toc.{}", k + 1);
    }
    number_blocks("fm", &mut doc.front_matter);
    for (name, part) in [("summary", &mut doc.summary), ("preface", &mut doc.preface)] {
        if let Some(p) = part {
            p.id = name.to_string();
            number_blocks(name, &mut p.blocks);
        }
    }
    for (k, ch) in doc.chapters.iter_mut().enumerate() {
        ch.id = format!("ch{}", k + 1);
        number_blocks(&ch.id, &mut ch.blocks);
        for (j, s) in ch.sections.iter_mut().enumerate() {
            s.id = format!("{}.s{}", ch.id, j + 1);
            number_blocks(&s.id, &mut s.blocks);
        }
    }
    if let Some(rec) = &mut doc.recommendations {
        rec.id = "rec".to_string();
        for (g, group) in rec.groups.iter_mut().enumerate() {
            group.id = format!("rec.g{}", g + 1);
            for (i, item) in group.items.iter_mut().enumerate() {
                item.id = format!("{}.i{}", group.id, i + 1);
            }
        }
    }
    if let Some(chron) = &mut doc.chronology {
        chron.id = "chron".to_string();
        for (c, cat) in chron.categories.iter_mut().enumerate() {
            cat.id = format!("chron.c{}", c + 1);
            for (e, entry) in cat.entries.iter_mut().enumerate() {
                entry.id = format!("{}.e{}", cat.id, e + 1);
                for (i, item) in entry.items.iter_mut().enumerate() {
                    item.id = format!("{}.i{}", entry.id, i + 1);
                }
            }
        }
    }
    for (k, b) in doc.page_breaks.iter_mut().enumerate() {
        b.id = format!("page.{}", k + 1);
    }
    for (k, f) in doc.footnotes.iter_mut().enumerate() {
        f.id = format!("fn.{}", k + 1);
    }
    for (k, d) in doc.diagnostics.iter_mut().enumerate() {
        d.id = format!("diag.{}", k + 1);
    }
    link_diagnostics(doc);
}

fn number_blocks(container: &str, blocks: &mut [Block]) {
    for (n, b) in blocks.iter_mut().enumerate() {
        // `{container}.b{n}`, without the formatting machinery: a document has a block id for
        // every paragraph.
        let id = numbered(container, ".b", n + 1);
        if let Block::List { items, .. } = b {
            for (i, item) in items.iter_mut().enumerate() {
                item.id = numbered(&id, ".i", i + 1);
            }
        }
        *b.id_mut() = id;
    }
}

/// `{prefix}{tag}{n}`.
fn numbered(prefix: &str, tag: &str, n: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    let mut id = String::with_capacity(prefix.len() + tag.len() + digits.len());
    id.push_str(prefix);
    id.push_str(tag);
    id.push_str(digits);
    id
}

/// Every element's (span, id), parents before their children.
pub fn element_spans(doc: &Document) -> Vec<(Span, &str)> {
    let mut out: Vec<(Span, &str)> = Vec::new();
    fn blocks<'d>(out: &mut Vec<(Span, &'d str)>, bs: &'d [Block]) {
        for b in bs {
            out.push((b.span(), b.id()));
            if let Block::List { items, .. } = b {
                out.extend(items.iter().map(|i| (i.span, i.id.as_str())));
            }
        }
    }
    out.extend(doc.metadata.authors.iter().map(|a| (a.span, a.id.as_str())));
    out.extend(doc.page_breaks.iter().map(|b| (b.span, b.id.as_str())));
    out.extend(doc.footnotes.iter().map(|f| (f.span, f.id.as_str())));
    out.extend(doc.toc.iter().map(|t| (t.span, t.id.as_str())));
    blocks(&mut out, &doc.front_matter);
    for p in doc.summary.iter().chain(doc.preface.iter()) {
        out.push((p.span, p.id.as_str()));
        blocks(&mut out, &p.blocks);
    }
    for ch in &doc.chapters {
        out.push((ch.span, ch.id.as_str()));
        blocks(&mut out, &ch.blocks);
        for s in &ch.sections {
            out.push((s.span, s.id.as_str()));
            blocks(&mut out, &s.blocks);
        }
    }
    if let Some(rec) = &doc.recommendations {
        out.push((rec.span, rec.id.as_str()));
        for g in &rec.groups {
            if let Some(h) = g.heading_span {
                out.push((h, g.id.as_str()));
            }
            out.extend(g.items.iter().map(|i| (i.span, i.id.as_str())));
        }
    }
    if let Some(chron) = &doc.chronology {
        out.push((chron.span, chron.id.as_str()));
        for c in &chron.categories {
            out.push((c.span, c.id.as_str()));
            for e in &c.entries {
                out.push((e.span, e.id.as_str()));
                out.extend(e.items.iter().map(|i| (i.span, i.id.as_str())));
            }
        }
    }
    out
}

/// Set `element` of every diagnostic with a span to the innermost element whose lines cover
/// it. A sweep over elements sorted by start line with a stack of open elements: linear after
/// sorting, whatever the number of diagnostics.
fn link_diagnostics(doc: &mut Document) {
    let mut elements = element_spans(doc);
    // Outer before inner at the same start: longer first; the stable sort keeps parents first
    // among equal spans.
    elements.sort_by_key(|(s, _)| (s.line_start, std::cmp::Reverse(s.line_end)));
    let mut order: Vec<usize> = (0..doc.diagnostics.len()).filter(|&k| doc.diagnostics[k].span.is_some()).collect();
    order.sort_by_key(|&k| doc.diagnostics[k].span.map(|s| s.line_start));
    let mut links: Vec<(usize, String)> = Vec::with_capacity(order.len());
    let mut stack: Vec<(Span, &str)> = Vec::new();
    let mut next = 0;
    for k in order {
        let Some(d) = doc.diagnostics[k].span else { continue };
        while next < elements.len() && elements[next].0.line_start <= d.line_start {
            let e = elements[next];
            while stack.last().is_some_and(|(s, _)| s.line_end < e.0.line_start) {
                stack.pop();
            }
            stack.push(e);
            next += 1;
        }
        if let Some((_, id)) =
            stack.iter().rev().find(|(s, _)| s.line_start <= d.line_start && s.line_end >= d.line_end)
        {
            links.push((k, id.to_string()));
        }
    }
    for (k, id) in links {
        doc.diagnostics[k].element = Some(id);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbered_ids_are_the_formatted_ones() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(super::numbered("ch1.s2", ".b", n), format!("ch1.s2.b{n}"));
        }
    }

    use super::*;
    use crate::convert_bytes;
    use std::collections::HashSet;

    const DOC: &str = "中俄对话：2020模式\n\n目录\n第一章 甲乙\t1\n第一节 丙丁\t2\n\n第一章 甲乙\n第一节 丙丁\n正文第一段。\n\n- 项目一\n- 项目二\n\n第二节 戊己\n正文。\n";

    #[test]
    fn ids_follow_the_structure() {
        let doc = convert_bytes(DOC.as_bytes(), "t.txt").expect("converts");
        assert_eq!(doc.toc[0].id, "toc.1");
        assert_eq!(doc.toc[1].id, "toc.2");
        let ch = &doc.chapters[0];
        assert_eq!(ch.id, "ch1");
        assert_eq!(ch.sections[0].id, "ch1.s1");
        assert_eq!(ch.sections[1].id, "ch1.s2");
        assert_eq!(ch.sections[0].blocks[0].id(), "ch1.s1.b1");
        let Block::List { id, items, .. } = &ch.sections[0].blocks[1] else { panic!("a list") };
        assert_eq!(id, "ch1.s1.b2");
        assert_eq!(items[1].id, "ch1.s1.b2.i2");
    }

    #[test]
    fn ids_are_unique_and_diagnostics_point_at_their_element() {
        let text = format!("{DOC}第三节 庚辛\n");
        let doc = convert_bytes(text.as_bytes(), "t.txt").expect("converts");
        let ids: Vec<&str> = element_spans(&doc).into_iter().map(|(_, id)| id).collect();
        let unique: HashSet<&str> = ids.iter().copied().collect();
        // Recommendation groups appear once per heading; every other id once.
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        assert!(doc.diagnostics.iter().enumerate().all(|(k, d)| d.id == format!("diag.{}", k + 1)));
    }

    #[test]
    fn the_innermost_covering_element_is_linked() {
        let mut doc = convert_bytes(DOC.as_bytes(), "t.txt").expect("converts");
        let para = doc.chapters[0].sections[0].blocks[0].span();
        doc.diagnostics.push(crate::model::Diagnostic::new(
            crate::model::DiagnosticCode::UnplacedText,
            "test",
            Some(para),
        ));
        link_diagnostics(&mut doc);
        assert_eq!(doc.diagnostics.last().and_then(|d| d.element.as_deref()), Some("ch1.s1.b1"));
    }
}
