//! `crdoc diff A B`: what changed between two runs of the converter, element by element.
//!
//! Both documents are taken apart into elements (see [`crate::model::ids`]; table cells get
//! `<table>.r<row>.c<col>`, the document itself `doc`), each with the container it sits in. An
//! element's fields are its JSON fields, nested objects flattened into dotted names
//! (`date.start`), without the elements nested in it (which are compared on their own).
//!
//! Ids are positional, so elements are matched by content, not by id ([`align`]): the children
//! of two matched containers are aligned by a longest common subsequence of their content keys
//! (kind plus label, number, title, name, text, caption, date as printed, whichever the element
//! has), and the elements left between two aligned ones are paired in order when of the same
//! kind (an element whose text was edited). Diagnostics are matched last, by code and the
//! element they concern (through the matching). Elements only in A are *removed*, only in B
//! *added*, and a field of a matched pair whose value differs is *changed* (old → new): one
//! entry inserted in the middle of a category is one added entry, not a cascade of changes.
//!
//! By default the comparison is about content: spans (every `…span`/`spans` field), the
//! `source` block (path, hash, size, encoding, line ends) and the `generator` are left out, so
//! the same report re-encoded (GB18030, CRLF) compares equal. `--spans` includes them.

use crate::error::FileError;
use crate::pipeline::inputs;
use serde_json::{Map, Value as Json};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// One element: its kind and its own fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// The element's kind (`chapter`, `paragraph`, `entry`…).
    pub kind: String,
    /// Its own fields by (dotted) name, without the elements nested in it.
    pub fields: BTreeMap<String, Json>,
    /// The id of the element holding it (`None` for the document).
    pub parent: Option<String>,
}

/// The elements of a document in document order, keyed by id.
#[derive(Debug, Default)]
pub struct Elements {
    /// Element ids in document order.
    pub order: Vec<String>,
    /// The elements by id.
    pub by_id: HashMap<String, Element>,
    /// The ids of each element's children, in document order.
    pub children: HashMap<String, Vec<String>>,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Change {
    /// An element only in B.
    Added {
        /// The element id.
        id: String,
        /// The element kind.
        kind: String,
    },
    /// An element only in A.
    Removed {
        /// The element id.
        id: String,
        /// The element kind.
        kind: String,
    },
    /// A field whose value differs between A and B.
    Changed {
        /// The element id (in A).
        id: String,
        /// The id of the matched element in B, when it differs from the id in A.
        #[serde(skip_serializing_if = "Option::is_none")]
        new_id: Option<String>,
        /// The element kind.
        kind: String,
        /// The (dotted) field name.
        field: String,
        /// The value in A.
        old: Json,
        /// The value in B.
        new: Json,
    },
}

impl Change {
    /// The kind of the element the change is about.
    pub fn kind(&self) -> &str {
        match self {
            Change::Added { kind, .. } | Change::Removed { kind, .. } | Change::Changed { kind, .. } => kind,
        }
    }
}

/// Added, removed and changed elements of one kind (an element with several changed fields
/// counts once).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Elements only in B.
    pub added: usize,
    /// Elements only in A.
    pub removed: usize,
    /// Elements in both with at least one changed field.
    pub changed: usize,
}

fn is_span_key(k: &str) -> bool {
    k == "span" || k == "spans" || k.ends_with("_span")
}

fn is_element(v: &Json) -> bool {
    v.as_object().is_some_and(|o| o.get("id").is_some_and(Json::is_string))
}

/// A field holding elements: an element, a non-empty array of elements, or table rows.
fn holds_elements(key: &str, v: &Json) -> bool {
    match v {
        Json::Object(_) => is_element(v),
        Json::Array(a) => {
            a.first().is_some_and(is_element)
                || (key == "rows" && a.first().is_some_and(|r| r.is_array() || r.get("cells").is_some()))
        }
        _ => false,
    }
}

/// The kind of an element: its `type` tag for blocks, else from its id's last segment.
fn kind_of(id: &str, obj: &Map<String, Json>, parent_kind: &str) -> String {
    if let Some(t) = obj.get("type").and_then(Json::as_str) {
        return t.to_string();
    }
    let last = id.rsplit('.').next().unwrap_or(id);
    let letter = last.trim_end_matches(|c: char| c.is_ascii_digit());
    let kind = match (id, letter) {
        ("summary" | "preface", _) => "part",
        ("rec", _) => "recommendations",
        ("chron", _) => "chronology",
        _ if id.starts_with("toc.") => "toc_entry",
        _ if id.starts_with("diag.") => "diagnostic",
        _ if id.starts_with("page.") => "page_break",
        _ if id.starts_with("fn.") => "footnote",
        (_, "a") => "author",
        (_, "ch") => "chapter",
        (_, "s") => "section",
        (_, "g") => "recommendation_group",
        (_, "c") => "category",
        (_, "e") => "entry",
        (_, "i") => match parent_kind {
            "recommendation_group" => "recommendation",
            "entry" => "entry_item",
            _ => "list_item",
        },
        _ => "element",
    };
    kind.to_string()
}

struct Walker {
    spans: bool,
    out: Elements,
}

impl Walker {
    /// Add the element `id` made of `obj`'s own fields, then the elements nested in it.
    fn element(&mut self, id: &str, kind: &str, obj: &Map<String, Json>, parent: Option<&str>) {
        let mut fields = BTreeMap::new();
        let mut nested: Vec<(&str, &Json)> = Vec::new();
        self.fields("", obj, &mut fields, &mut nested);
        self.add(id.to_string(), Element { kind: kind.to_string(), fields, parent: parent.map(str::to_string) });
        for (key, v) in nested {
            match v {
                Json::Object(o) => self.child(o, kind, id),
                Json::Array(items) if key == "rows" => {
                    for (r, row) in items.iter().enumerate() {
                        // A row's own fields (`total`) are compared on its first cell's record.
                        let cells = row.get("cells").unwrap_or(row);
                        let total = row.get("total").cloned();
                        for (c, cell) in cells.as_array().into_iter().flatten().enumerate() {
                            if let Some(o) = cell.as_object() {
                                let mut f = BTreeMap::new();
                                let mut none = Vec::new();
                                self.fields("", o, &mut f, &mut none);
                                if let (0, Some(t)) = (c, &total) {
                                    f.insert("row.total".to_string(), t.clone());
                                }
                                let cid = format!("{id}.r{}.c{}", r + 1, c + 1);
                                let parent = Some(id.to_string());
                                self.add(cid, Element { kind: "table_cell".to_string(), fields: f, parent });
                            }
                        }
                    }
                }
                Json::Array(items) => items.iter().filter_map(Json::as_object).for_each(|o| self.child(o, kind, id)),
                _ => {}
            }
        }
    }

    fn add(&mut self, id: String, e: Element) {
        if let Some(p) = &e.parent {
            self.out.children.entry(p.clone()).or_default().push(id.clone());
        }
        self.out.order.push(id.clone());
        self.out.by_id.insert(id, e);
    }

    fn child(&mut self, o: &Map<String, Json>, parent_kind: &str, parent: &str) {
        if let Some(id) = o.get("id").and_then(Json::as_str) {
            let kind = kind_of(id, o, parent_kind);
            self.element(id, &kind, o, Some(parent));
        }
    }

    /// `obj`'s own fields into `fields` (nested plain objects flattened with dotted names), the
    /// element-holding ones into `nested`.
    fn fields<'a>(
        &self,
        prefix: &str,
        obj: &'a Map<String, Json>,
        fields: &mut BTreeMap<String, Json>,
        nested: &mut Vec<(&'a str, &'a Json)>,
    ) {
        for (k, v) in obj {
            if k == "id" && prefix.is_empty() {
                continue;
            }
            if !self.spans && is_span_key(k) {
                continue;
            }
            if holds_elements(k, v) {
                nested.push((k, v));
                continue;
            }
            let name = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
            match v {
                Json::Object(o) => self.fields(&name, o, fields, nested),
                _ => {
                    fields.insert(name, v.clone());
                }
            }
        }
    }
}

/// Take a document (as JSON) apart into its elements.
pub fn elements(doc: &Json, spans: bool) -> Elements {
    let mut w = Walker { spans, out: Elements::default() };
    if let Some(obj) = doc.as_object() {
        let mut root = obj.clone();
        if !spans {
            root.remove("source");
            root.remove("generator");
        }
        w.element("doc", "document", &root, None);
    }
    w.out
}

/// The fields whose values make an element's content key, when it has them.
const KEY_FIELDS: &[&str] = &["label", "number", "title", "name", "text", "caption", "date.text", "code"];

/// The content key of an element: its kind and its key fields (all its fields when it has none
/// of them). A diagnostic's `element` is read through `map` (A's ids to B's).
fn content_key(e: &Element, map: Option<&HashMap<String, String>>) -> String {
    let mut key = e.kind.clone();
    let mut any = false;
    for f in KEY_FIELDS {
        if let Some(v) = e.fields.get(*f) {
            key.push('\u{1}');
            key.push_str(&v.to_string());
            any = true;
        }
    }
    if e.kind == "diagnostic" {
        let element = e.fields.get("element").and_then(Json::as_str).unwrap_or_default();
        key.push('\u{1}');
        key.push_str(map.and_then(|m| m.get(element)).map_or(element, String::as_str));
    } else if !any {
        key.push_str(&serde_json::to_string(&e.fields).unwrap_or_default());
    }
    key
}

/// The longest common subsequence of two key sequences: the pairs of positions.
fn lcs(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (mut lo, mut hi_a, mut hi_b) = (0, a.len(), b.len());
    while lo < hi_a && lo < hi_b && a[lo] == b[lo] {
        lo += 1;
    }
    while hi_a > lo && hi_b > lo && a[hi_a - 1] == b[hi_b - 1] {
        hi_a -= 1;
        hi_b -= 1;
    }
    let mut pairs: Vec<(usize, usize)> = (0..lo).map(|k| (k, k)).collect();
    let (ma, mb) = (&a[lo..hi_a], &b[lo..hi_b]);
    let (n, m) = (ma.len(), mb.len());
    if n > 0 && m > 0 && n.saturating_mul(m) <= 25_000_000 {
        // table[i][j]: the LCS length of ma[i..] and mb[j..].
        let w = m + 1;
        let mut t = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                t[i * w + j] =
                    if ma[i] == mb[j] { t[(i + 1) * w + j + 1] + 1 } else { t[(i + 1) * w + j].max(t[i * w + j + 1]) };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if ma[i] == mb[j] {
                pairs.push((lo + i, lo + j));
                i += 1;
                j += 1;
            } else if t[(i + 1) * w + j] >= t[i * w + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    pairs.extend((0..a.len() - hi_a).map(|k| (hi_a + k, hi_b + k)));
    pairs
}

/// Align two sibling sequences: the LCS of their keys, then the elements left between two
/// aligned ones paired in order when of the same kind.
/// Each sibling is (id, content key, kind).
fn align_children(a: &[(String, String, String)], b: &[(String, String, String)]) -> Vec<(usize, usize)> {
    let ka: Vec<String> = a.iter().map(|x| x.1.clone()).collect();
    let kb: Vec<String> = b.iter().map(|x| x.1.clone()).collect();
    let anchors = lcs(&ka, &kb);
    let mut pairs = Vec::new();
    let (mut pa, mut pb) = (0, 0);
    for &(i, j) in anchors.iter().chain([(a.len(), b.len())].iter()) {
        // The gap a[pa..i], b[pb..j]: same-kind elements paired in order.
        let mut next_b = pb;
        for (x, ax) in a.iter().enumerate().take(i).skip(pa) {
            if let Some(y) = (next_b..j).find(|&y| b[y].2 == ax.2) {
                pairs.push((x, y));
                next_b = y + 1;
            }
        }
        if i < a.len() {
            pairs.push((i, j));
        }
        (pa, pb) = (i + 1, j + 1);
    }
    pairs
}

/// The elements of A matched to elements of B (A's id → B's id), container by container from
/// the document down, diagnostics last.
pub fn align(a: &Elements, b: &Elements) -> HashMap<String, String> {
    let mut map: HashMap<String, String> = HashMap::new();
    if !(a.by_id.contains_key("doc") && b.by_id.contains_key("doc")) {
        return map;
    }
    map.insert("doc".into(), "doc".into());
    let siblings = |e: &Elements, parent: &str, diagnostics: bool, map: Option<&HashMap<String, String>>| {
        let mut out: Vec<(String, String, String)> = Vec::new();
        for id in e.children.get(parent).into_iter().flatten() {
            if let Some(el) = e.by_id.get(id) {
                if (el.kind == "diagnostic") == diagnostics {
                    out.push((id.clone(), content_key(el, map), el.kind.clone()));
                }
            }
        }
        out
    };
    let mut queue = vec![("doc".to_string(), "doc".to_string())];
    while let Some((pa, pb)) = queue.pop() {
        let (sa, sb) = (siblings(a, &pa, false, None), siblings(b, &pb, false, None));
        for (i, j) in align_children(&sa, &sb) {
            map.insert(sa[i].0.clone(), sb[j].0.clone());
            queue.push((sa[i].0.clone(), sb[j].0.clone()));
        }
    }
    let (da, db) = (siblings(a, "doc", true, Some(&map)), siblings(b, "doc", true, None));
    for (i, j) in align_children(&da, &db) {
        map.insert(da[i].0.clone(), db[j].0.clone());
    }
    map
}

/// The changed fields of a matched pair. A diagnostic's `element` is compared through `map`.
fn field_changes(id: &str, new_id: &str, ea: &Element, eb: &Element, map: &HashMap<String, String>) -> Vec<Change> {
    let mut changes = Vec::new();
    let new_id = (new_id != id).then(|| new_id.to_string());
    if ea.kind != eb.kind {
        changes.push(Change::Changed {
            id: id.to_string(),
            new_id: new_id.clone(),
            kind: eb.kind.clone(),
            field: "(kind)".to_string(),
            old: Json::String(ea.kind.clone()),
            new: Json::String(eb.kind.clone()),
        });
    }
    let mut keys: Vec<&String> = ea.fields.keys().chain(eb.fields.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let (old, new) = (ea.fields.get(k), eb.fields.get(k));
        let same = match (k.as_str(), old) {
            ("element", Some(Json::String(o))) if ea.kind == "diagnostic" => {
                new.and_then(Json::as_str) == Some(map.get(o).map_or(o.as_str(), String::as_str))
            }
            _ => old == new,
        };
        if !same {
            changes.push(Change::Changed {
                id: id.to_string(),
                new_id: new_id.clone(),
                kind: eb.kind.clone(),
                field: k.clone(),
                old: old.cloned().unwrap_or(Json::Null),
                new: new.cloned().unwrap_or(Json::Null),
            });
        }
    }
    changes
}

/// The changes from `a` to `b`, elements matched by content ([`align`]): removed and changed
/// elements in A's order, then added ones in B's order.
pub fn compare(a: &Elements, b: &Elements) -> Vec<Change> {
    let map = align(a, b);
    let matched_b: std::collections::HashSet<&str> = map.values().map(String::as_str).collect();
    let mut changes = Vec::new();
    for id in &a.order {
        let Some(ea) = a.by_id.get(id) else { continue };
        match map.get(id).and_then(|bid| b.by_id.get(bid).map(|eb| (bid, eb))) {
            None => changes.push(Change::Removed { id: id.clone(), kind: ea.kind.clone() }),
            Some((bid, eb)) => changes.extend(field_changes(id, bid, ea, eb, &map)),
        }
    }
    for id in &b.order {
        if !matched_b.contains(id.as_str()) {
            if let Some(eb) = b.by_id.get(id) {
                changes.push(Change::Added { id: id.clone(), kind: eb.kind.clone() });
            }
        }
    }
    changes
}

/// Counts per element kind.
pub fn counts(changes: &[Change]) -> BTreeMap<String, Counts> {
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    let mut last_changed: Option<&str> = None;
    for c in changes {
        let n = out.entry(c.kind().to_string()).or_default();
        match c {
            Change::Added { .. } => n.added += 1,
            Change::Removed { .. } => n.removed += 1,
            Change::Changed { id, .. } => {
                if last_changed != Some(id.as_str()) {
                    n.changed += 1;
                }
                last_changed = Some(id);
                continue;
            }
        }
        last_changed = None;
    }
    out
}

/// The comparison of one pair of files.
#[derive(Debug, serde::Serialize)]
pub struct FileDiff {
    /// Path of the A file.
    pub a: String,
    /// Path of the B file.
    pub b: String,
    /// Counts by element kind.
    pub counts: BTreeMap<String, Counts>,
    /// Every difference.
    pub changes: Vec<Change>,
}

fn load_json(path: &Path, max_bytes: u64) -> Result<Json, FileError> {
    let doc = inputs::load(path, max_bytes)?;
    serde_json::to_value(&doc).map_err(|e| FileError::msg(path, format!("cannot convert to JSON: {e}")))
}

/// Compare two documents (`.json` converted documents or `.txt` dumps, converted first).
pub fn diff_files(a: &Path, b: &Path, spans: bool, max_bytes: u64) -> Result<FileDiff, FileError> {
    let (ja, jb) = (load_json(a, max_bytes)?, load_json(b, max_bytes)?);
    let changes = compare(&elements(&ja, spans), &elements(&jb, spans));
    Ok(FileDiff { a: a.display().to_string(), b: b.display().to_string(), counts: counts(&changes), changes })
}

/// The whole comparison: file pairs, and files found on one side only.
#[derive(Debug, Default, serde::Serialize)]
pub struct Report {
    /// True when nothing differs.
    pub equal: bool,
    /// The comparisons of file pairs.
    pub files: Vec<FileDiff>,
    /// Files found only on the A side.
    pub only_in_a: Vec<String>,
    /// Files found only on the B side.
    pub only_in_b: Vec<String>,
}

/// Compare two files, or two directories with files paired by relative path.
pub fn diff_paths(a: &Path, b: &Path, spans: bool, max_bytes: u64) -> Result<Report, FileError> {
    let mut report = Report::default();
    match (a.is_dir(), b.is_dir()) {
        (false, false) => report.files.push(diff_files(a, b, spans, max_bytes)?),
        (true, true) => {
            // Files are paired by relative path without the extension, so that a folder of
            // JSON compares with the folder of dumps it was converted from; where one side holds
            // both `x.json` and `x.txt`, the converted `x.json` is taken.
            let side = |p: &Path| -> Result<BTreeMap<PathBuf, (PathBuf, PathBuf)>, FileError> {
                let (found, mut errors) = inputs::expand(&[p.to_path_buf()]);
                if let Some(e) = errors.pop() {
                    return Err(e);
                }
                let mut by_stem: BTreeMap<PathBuf, (PathBuf, PathBuf)> = BTreeMap::new();
                for i in found {
                    let is_json = i.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
                    let stem = i.relative.with_extension("");
                    if is_json || !by_stem.contains_key(&stem) {
                        by_stem.insert(stem, (i.relative, i.path));
                    }
                }
                Ok(by_stem)
            };
            let (sa, sb) = (side(a)?, side(b)?);
            for (stem, (rel, pa)) in &sa {
                match sb.get(stem) {
                    Some((_, pb)) => report.files.push(diff_files(pa, pb, spans, max_bytes)?),
                    None => report.only_in_a.push(rel.display().to_string()),
                }
            }
            report.only_in_b = sb
                .iter()
                .filter(|(stem, _)| !sa.contains_key(*stem))
                .map(|(_, (rel, _))| rel.display().to_string())
                .collect();
        }
        _ => {
            return Err(FileError::msg(
                a,
                format!("cannot compare a file with a directory ({} and {})", a.display(), b.display()),
            ))
        }
    }
    report.equal =
        report.files.iter().all(|f| f.changes.is_empty()) && report.only_in_a.is_empty() && report.only_in_b.is_empty();
    Ok(report)
}

fn short(v: &Json) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}

/// The report as text, diff(1) style: one line per change, then the counts.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for rel in &report.only_in_a {
        out.push_str(&format!("only in A: {rel}\n"));
    }
    for rel in &report.only_in_b {
        out.push_str(&format!("only in B: {rel}\n"));
    }
    for f in report.files.iter().filter(|f| !f.changes.is_empty()) {
        out.push_str(&format!("--- {}\n+++ {}\n", f.a, f.b));
        for c in &f.changes {
            match c {
                Change::Removed { id, kind } => out.push_str(&format!("- {id} ({kind})\n")),
                Change::Added { id, kind } => out.push_str(&format!("+ {id} ({kind})\n")),
                Change::Changed { id, new_id, kind, field, old, new } => {
                    let id = match new_id {
                        Some(n) => format!("{id} → {n}"),
                        None => id.clone(),
                    };
                    out.push_str(&format!("~ {id} ({kind}) {field}: {} → {}\n", short(old), short(new)))
                }
            }
        }
        let per_kind: Vec<String> = f
            .counts
            .iter()
            .map(|(k, n)| format!("{k}: {} added, {} removed, {} changed", n.added, n.removed, n.changed))
            .collect();
        out.push_str(&format!("{}\n", per_kind.join("; ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "中俄对话：2020模式\n\n目录\n第一章 甲乙\t1\n\n第一章 甲乙\n第一节 丙丁\n正文第一段。\n\n表 1 数字\n年份\t数值\n2019\t12\n\n附录\n\n2019 第二季度至 2020 年第一季度中俄关系大事记\n\n全球治理\n\n- 2019 年 4 月 4 日 **会谈**\n 描述。\n- 2019 年 4 月 5 日 **访问**\n";

    fn doc_json(text: &str) -> Json {
        let doc = crate::convert_bytes(text.as_bytes(), "t.txt").expect("converts");
        serde_json::to_value(&doc).expect("json")
    }

    #[test]
    fn elements_are_keyed_by_id_with_kinds_and_cells() {
        let e = elements(&doc_json(DOC), false);
        let kind = |id: &str| e.by_id.get(id).map(|x| x.kind.as_str());
        assert_eq!(kind("doc"), Some("document"));
        assert_eq!(kind("ch1"), Some("chapter"));
        assert_eq!(kind("ch1.s1"), Some("section"));
        assert_eq!(kind("ch1.s1.b1"), Some("paragraph"));
        assert_eq!(kind("ch1.s1.b2"), Some("table"));
        assert_eq!(kind("ch1.s1.b2.r1.c2"), Some("table_cell"));
        assert_eq!(kind("chron.c1.e2"), Some("entry"));
        assert_eq!(kind("toc.1"), Some("toc_entry"));
        let entry = e.by_id.get("chron.c1.e1").expect("entry");
        assert_eq!(entry.fields.get("date.start"), Some(&Json::from("2019-04-04")));
        assert!(!entry.fields.contains_key("span"));
        assert!(!e.by_id["doc"].fields.keys().any(|k| k.starts_with("source") || k.starts_with("generator")));
    }

    #[test]
    fn a_changed_title_and_a_removed_entry_are_named() {
        let a = doc_json(DOC);
        let mut b = a.clone();
        b["chronology"]["categories"][0]["entries"][0]["title"] = Json::from("新标题");
        if let Some(entries) = b["chronology"]["categories"][0]["entries"].as_array_mut() {
            entries.pop();
        }
        let changes = compare(&elements(&a, false), &elements(&b, false));
        assert_eq!(
            changes,
            [
                Change::Changed {
                    id: "chron.c1.e1".into(),
                    new_id: None,
                    kind: "entry".into(),
                    field: "title".into(),
                    old: Json::from("会谈"),
                    new: Json::from("新标题"),
                },
                Change::Removed { id: "chron.c1.e2".into(), kind: "entry".into() },
            ]
        );
        let n = counts(&changes);
        assert_eq!(n["entry"], Counts { added: 0, removed: 1, changed: 1 });
        let back = compare(&elements(&b, false), &elements(&a, false));
        assert!(back.contains(&Change::Added { id: "chron.c1.e2".into(), kind: "entry".into() }));
    }

    #[test]
    fn spans_count_only_when_asked() {
        let a = doc_json(DOC);
        let b = doc_json(&DOC.replace('\n', "\r\n").replacen("正文第一段。", "正文第一段。\r\n", 1));
        assert!(compare(&elements(&a, false), &elements(&b, false)).is_empty());
        let with_spans = compare(&elements(&a, true), &elements(&b, true));
        assert!(with_spans.iter().any(
            |c| matches!(c, Change::Changed { field, .. } if field.ends_with("line_end") || field.ends_with("byte_end"))
        ));
    }
}
