//! Stage 3: the outline: front matter (metadata and authors), table of contents, and the
//! heading tree of the body (parts, chapters, sections), with the line range of each region.
//! The regions are then filled by [`crate::blocks`] and [`crate::chronology`] (in parallel, see
//! [`crate::pipeline`]).

use crate::lex::{
    matches, normalize, scan_chapter_heading, scan_part_heading, scan_section_heading, scan_toc_line,
    squeeze_cjk_spaces, trim, Line, PartKind,
};
use crate::model::{Author, Block, Diagnostic, DiagnosticCode, Metadata, Role, Span, Team, TocEntry};

/// Longest line taken as a chapter or section heading.
const HEADING_MAX_CHARS: usize = 80;

/// A heading found in the body.
#[derive(Debug, Clone, PartialEq)]
pub enum HeadingKind<'a> {
    /// A part; for the appendix, the title printed after `附录：` (or empty).
    Part(PartKind, &'a str),
    Chapter {
        number: u32,
        label: &'a str,
        title: String,
    },
    Section {
        number: u32,
        label: &'a str,
        title: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading<'a> {
    /// Index of the heading's first line in the line array.
    pub index: usize,
    /// Index after the heading's last line (a wrapped heading spans two lines).
    pub end: usize,
    pub kind: HeadingKind<'a>,
    pub span: Span,
}

/// The skeleton of a document: where each part is.
#[derive(Debug, Default)]
pub struct Outline<'a> {
    /// Lines of the front matter: `0..front_end`.
    pub front_end: usize,
    pub toc_heading: Option<Span>,
    pub toc: Vec<TocEntry>,
    /// First line after the TOC.
    pub body_start: usize,
    pub headings: Vec<Heading<'a>>,
}

fn toc_title_is_heading(title: &str) -> bool {
    matches(scan_chapter_heading, title).is_some()
        || matches(scan_section_heading, title).is_some()
        || matches(scan_part_heading, title).is_some()
        || title.starts_with("附录")
}

/// Find the front matter, the TOC and the body headings.
pub fn scan<'a>(lines: &[Line<'a>], diags: &mut Vec<Diagnostic>) -> Outline<'a> {
    let mut out = Outline::default();
    // 1. The TOC: after a `目录` heading, or the first run of TOC lines naming headings.
    let contents =
        lines.iter().position(|l| matches!(matches(scan_part_heading, l.text), Some((PartKind::Contents, _))));
    let toc_first = match contents {
        Some(c) => Some(c + 1),
        None => lines.iter().position(|l| matches(scan_toc_line, l.text).is_some_and(|(t, _)| toc_title_is_heading(t))),
    };
    let mut body_start = 0;
    if let Some(first) = toc_first {
        let mut k = first;
        let mut last_toc = None;
        while k < lines.len() {
            let l = &lines[k];
            if l.is_blank() {
                k += 1;
                continue;
            }
            match matches(scan_toc_line, l.text) {
                Some((title, page)) => {
                    out.toc.push(toc_entry(title, page, l.span()));
                    last_toc = Some(k);
                    k += 1;
                }
                None => break,
            }
        }
        body_start = last_toc.map_or(first, |t| t + 1);
        out.toc_heading = contents.map(|c| lines[c].span());
    }
    // 2. Body headings.
    let toc_titles: std::collections::HashSet<String> = out.toc.iter().map(|e| normalize(&e.title)).collect();
    out.body_start = body_start;
    let mut k = body_start;
    while k < lines.len() {
        let l = &lines[k];
        let t = l.text;
        // A TOC line outside the TOC (e.g. a second report concatenated) is not a heading.
        let short = t.chars().count() <= HEADING_MAX_CHARS
            && !trim(t).ends_with('。')
            && matches(scan_toc_line, t).is_none_or(|_| !t.contains('\t'));
        if let Some((kind, rest)) = matches(scan_part_heading, t) {
            if kind != PartKind::Contents && kind != PartKind::AuthorsIntro {
                out.headings.push(Heading {
                    index: k,
                    end: k + 1,
                    kind: HeadingKind::Part(kind, rest),
                    span: l.span(),
                });
            }
            k += 1;
            continue;
        }
        let numbered = if short {
            matches(scan_chapter_heading, t)
                .map(|h| (true, h))
                .or_else(|| matches(scan_section_heading, t).map(|h| (false, h)))
        } else {
            None
        };
        if let Some((is_chapter, (number, label, title))) = numbered {
            let mut title = squeeze_cjk_spaces(title);
            let mut end = k + 1;
            let mut span = l.span();
            // A heading wrapped over two lines: the continuation is a short line without closing
            // punctuation, and the TOC (when there is one) names the joined title.
            if let Some(j) = (k + 1..lines.len().min(k + 4)).find(|&j| !lines[j].is_blank()) {
                let next = trim(lines[j].text);
                let joined = format!("{title}{}", squeeze_cjk_spaces(next));
                let is_heading = matches(scan_chapter_heading, next).is_some()
                    || matches(scan_section_heading, next).is_some()
                    || matches(scan_part_heading, next).is_some();
                let toc_has = |s: &str| toc_titles.contains(&normalize(s));
                let candidate = !is_heading && next.chars().count() <= 30 && !next.ends_with(['。', '；', '，']);
                if candidate && (title.is_empty() || (toc_has(&joined) && !toc_has(&title))) {
                    title = joined;
                    end = j + 1;
                    span = span.join(lines[j].span());
                }
            }
            let kind = if is_chapter {
                HeadingKind::Chapter { number, label, title }
            } else {
                HeadingKind::Section { number, label, title }
            };
            out.headings.push(Heading { index: k, end, kind, span });
            k = end;
            continue;
        }
        k += 1;
    }
    out.front_end = [contents, toc_first.map(|f| f.saturating_sub(0)), out.headings.first().map(|h| h.index)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(lines.len());
    if contents.is_none() {
        if let Some(f) = toc_first {
            out.front_end = out.front_end.min(f);
        }
    }
    cross_check_toc(&out, diags);
    out
}

fn toc_entry(title: &str, page: u32, span: Span) -> TocEntry {
    if let Some((_, label, rest)) = matches(scan_chapter_heading, title) {
        TocEntry {
            id: String::new(),
            label: Some(label.to_string()),
            title: rest.to_string(),
            page: Some(page),
            level: 1,
            span,
        }
    } else if let Some((_, label, rest)) = matches(scan_section_heading, title) {
        TocEntry {
            id: String::new(),
            label: Some(label.to_string()),
            title: rest.to_string(),
            page: Some(page),
            level: 2,
            span,
        }
    } else {
        TocEntry { id: String::new(), label: None, title: title.to_string(), page: Some(page), level: 1, span }
    }
}

/// Compare the TOC with the body headings; report every difference.
fn cross_check_toc(out: &Outline, diags: &mut Vec<Diagnostic>) {
    if out.toc.is_empty() {
        return;
    }
    // Body headings as (chapter, section) keys with titles.
    let mut chapter = 0;
    let mut body: std::collections::HashMap<(u32, u32), &String> = std::collections::HashMap::new();
    let mut parts: Vec<PartKind> = Vec::new();
    for h in &out.headings {
        match &h.kind {
            HeadingKind::Part(kind, _) => {
                parts.push(*kind);
            }
            HeadingKind::Chapter { number, title, .. } => {
                chapter = *number;
                body.entry((*number, 0)).or_insert(title);
            }
            HeadingKind::Section { number, title, .. } => {
                body.entry((chapter, *number)).or_insert(title);
            }
        }
    }
    let mut toc_chapter = 0;
    for e in &out.toc {
        let key = match (&e.label, e.level) {
            (Some(label), 1) => {
                toc_chapter = matches(scan_chapter_heading, label).map_or(0, |h| h.0);
                Some((toc_chapter, 0))
            }
            (Some(label), _) => Some((toc_chapter, matches(scan_section_heading, label).map_or(0, |h| h.0))),
            (None, _) => None,
        };
        match key {
            Some(key) => match body.get(&key) {
                Some(title) if normalize(title) != normalize(&e.title) => diags.push(Diagnostic::new(DiagnosticCode::TocMismatch, format!("the TOC names {} {:?}, the body heading reads {:?}", e.label.as_deref().unwrap_or(""), e.title, title),
                    Some(e.span),
                )),
                Some(_) => {}
                None => diags.push(Diagnostic::new(DiagnosticCode::TocMissingHeading, format!(
                        "the TOC lists {} {:?} (page {}) but the body has no such heading; the document may be truncated",
                        e.label.as_deref().unwrap_or(""),
                        e.title,
                        e.page.unwrap_or(0)
                    ),
                    Some(e.span),
                )),
            },
            None => {
                let kind = matches(scan_part_heading, &e.title).map(|p| p.0).or_else(|| e.title.starts_with("附录").then_some(PartKind::Appendix));
                if let Some(kind) = kind {
                    if !parts.contains(&kind) {
                        diags.push(Diagnostic::new(DiagnosticCode::TocMissingHeading, format!(
                                "the TOC lists {:?} (page {}) but the body has no such part; the document may be truncated",
                                e.title,
                                e.page.unwrap_or(0)
                            ),
                            Some(e.span),
                        ));
                    }
                }
            }
        }
    }
}

/// Read the front matter: title, institutions, date, authors. Lines that are not metadata
/// become blocks, so no text is lost.
pub fn parse_front_matter(lines: &[Line]) -> (Metadata, Vec<Block>) {
    let mut meta = Metadata::default();
    let mut leftover: Vec<Line> = Vec::new();
    let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    let date_at = nonblank.iter().take(12).position(|l| scan_pub_date(l.text).is_some());
    let mut context: Option<(Team, Role)> = None;
    let mut pending: Option<usize> = None; // author waiting for an affiliation line
    for (k, l) in nonblank.iter().enumerate() {
        let t = trim(l.text);
        if k == 0 {
            meta.title = Some(squeeze_cjk_spaces(t));
            meta.spans.push(l.span());
            continue;
        }
        if Some(k) == date_at {
            meta.date = scan_pub_date(t);
            meta.spans.push(l.span());
            continue;
        }
        if date_at.is_some_and(|d| k < d) && t.chars().count() <= 40 && !t.ends_with(['。', '，']) {
            meta.institutions.push(squeeze_cjk_spaces(t));
            meta.spans.push(l.span());
            continue;
        }
        if matches!(matches(scan_part_heading, t), Some((PartKind::AuthorsIntro, _))) {
            meta.spans.push(l.span());
            continue;
        }
        if let Some(ctx) = team_header(t) {
            context = Some(ctx);
            pending = None;
            meta.spans.push(l.span());
            continue;
        }
        if let Some((role, names)) = credit_line(t) {
            for name in names {
                meta.authors.push(Author {
                    id: String::new(),
                    name,
                    team: Team::Cn,
                    role,
                    affiliation: None,
                    span: l.span(),
                });
            }
            context = None;
            pending = None;
            continue;
        }
        let Some((team, role)) = context else {
            leftover.push(**l);
            continue;
        };
        if let Some(p) = pending.take() {
            let a = &mut meta.authors[p];
            a.affiliation = Some(t.to_string());
            a.span = a.span.join(l.span());
            continue;
        }
        let (name, affiliation) = split_name(t);
        meta.authors.push(Author {
            id: String::new(),
            name,
            team,
            role,
            affiliation: affiliation.clone(),
            span: l.span(),
        });
        if affiliation.is_none() {
            pending = Some(meta.authors.len() - 1);
        }
    }
    let (blocks, _) = crate::blocks::parse_blocks(&leftover);
    (meta, blocks)
}

/// `2020年7月` → `2020-07`.
fn scan_pub_date(t: &str) -> Option<String> {
    let (rest, expr) = crate::dates::scan_date(t).ok()?;
    (expr.form == crate::dates::DateForm::Month && trim(rest).is_empty())
        .then(|| format!("{:04}-{:02}", expr.start.y, expr.start.m))
}

/// `中方团队负责人：`, `俄方成员：` → (team, role).
fn team_header(t: &str) -> Option<(Team, Role)> {
    let t: String = t.chars().filter(|c| !crate::lex::is_space(*c)).collect();
    let body = t.strip_suffix('：').or_else(|| t.strip_suffix(':'))?;
    let (team, rest) = if let Some(r) = body.strip_prefix("中方") {
        (Team::Cn, r)
    } else if let Some(r) = body.strip_prefix("俄方") {
        (Team::Ru, r)
    } else {
        return None;
    };
    let rest = rest.strip_prefix("团队").unwrap_or(rest);
    match rest {
        "负责人" | "团队负责人" | "主编" => Some((team, Role::Lead)),
        "成员" | "作者" => Some((team, Role::Member)),
        _ => None,
    }
}

/// `俄译中翻译：盛世良 赵世锋`, `校对：赵华胜` → (role, names).
fn credit_line(t: &str) -> Option<(Role, Vec<String>)> {
    let (head, names) = t.split_once('：').or_else(|| t.split_once(':'))?;
    let role = if head.ends_with("翻译") || head.ends_with("译者") {
        Role::Translator
    } else if head.ends_with("校对") || head.ends_with("审校") {
        Role::Proofreader
    } else {
        return None;
    };
    let names = names
        .split(|c: char| crate::lex::is_space(c) || matches!(c, '、' | '，' | ','))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>();
    (!names.is_empty()).then_some((role, names))
}

/// `赵华胜 复旦大学…` → ("赵华胜", Some("复旦大学…")); `石 泽 中国…` → ("石泽", …);
/// `谢·卢加宁` → ("谢·卢加宁", None).
fn split_name(t: &str) -> (String, Option<String>) {
    let tokens: Vec<&str> = t.split(crate::lex::is_space).filter(|s| !s.is_empty()).collect();
    let single = |s: &str| s.chars().count() == 1 && s.chars().all(crate::lex::is_cjk);
    let (name, used) = if tokens.len() >= 2 && single(tokens[0]) && single(tokens[1]) {
        (format!("{}{}", tokens[0], tokens[1]), 2)
    } else {
        (tokens.first().map_or(String::new(), |s| s.to_string()), 1)
    };
    // The affiliation is the rest of the line as printed.
    let mut rest = t;
    for tok in tokens.iter().take(used) {
        rest = rest.trim_start_matches(crate::lex::is_space);
        rest = &rest[tok.len().min(rest.len())..];
    }
    let rest = trim(rest);
    (name, (!rest.is_empty()).then(|| rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::split_lines;

    #[test]
    fn names_and_affiliations() {
        assert_eq!(
            split_name("石 泽 中国外交部国际问题研究院教授"),
            ("石泽".into(), Some("中国外交部国际问题研究院教授".into()))
        );
        assert_eq!(
            split_name("赵华胜 复旦大学国际问题研究院 教授"),
            ("赵华胜".into(), Some("复旦大学国际问题研究院 教授".into()))
        );
        assert_eq!(split_name("谢·卢加宁"), ("谢·卢加宁".into(), None));
    }

    #[test]
    fn headers_and_credits() {
        assert_eq!(team_header("中方团队负责人："), Some((Team::Cn, Role::Lead)));
        assert_eq!(team_header("俄方成员："), Some((Team::Ru, Role::Member)));
        assert_eq!(team_header("中方观点："), None);
        assert_eq!(credit_line("俄译中翻译：盛世良 赵世锋").map(|c| c.1.len()), Some(2));
        assert_eq!(credit_line("校对：赵华胜").map(|c| c.0), Some(Role::Proofreader));
    }

    #[test]
    fn front_matter() {
        let text = "\n标题：2020模式\n\n甲研究院\n\n乙委员会\n\n2020年7月\n\n介绍。\n\n作者简介\n\n中方团队负责人：\n\n赵华胜 复旦大学 教授\n\n俄方成员：\n\n伊·达尼林\n\n研究所主任\n\n校对：赵华胜\n";
        let lines = split_lines(text);
        let (m, blocks) = parse_front_matter(&lines);
        assert_eq!(m.title.as_deref(), Some("标题：2020模式"));
        assert_eq!(m.date.as_deref(), Some("2020-07"));
        assert_eq!(m.institutions, ["甲研究院", "乙委员会"]);
        assert_eq!(m.authors.len(), 3);
        assert_eq!(m.authors[1].affiliation.as_deref(), Some("研究所主任"));
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn wrapped_heading_is_joined_when_the_toc_says_so() {
        let text = "目 录\n第一章 甲乙\t7\n第一章 甲乙丙丁\t8\n\n第一章 甲乙\n丙丁\n\n第一节 节\n";
        // The second TOC line names the joined title; the first names the short one, so no join.
        let lines = split_lines(text);
        let mut d = Vec::new();
        let o = scan(&lines, &mut d);
        assert_eq!(o.toc.len(), 2);
        assert!(matches!(&o.headings[0].kind, HeadingKind::Chapter { title, .. } if title == "甲乙"));
        let text = "目 录\n第一章 甲乙丙丁\t8\n\n第一章 甲乙\n丙丁\n\n第一节 节\n";
        let lines = split_lines(text);
        let o = scan(&lines, &mut d);
        assert!(matches!(&o.headings[0].kind, HeadingKind::Chapter { title, .. } if title == "甲乙丙丁"));
        assert_eq!(o.headings[0].span.line_end, 5);
    }
}
