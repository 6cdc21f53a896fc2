//! Stage 2: lines and line classifiers.
//!
//! [`split_lines`] cuts the decoded text into [`Line`]s that carry their 1-based number and
//! byte range. The `scan_*` functions are small nom parsers that recognize one kind of line
//! each; they never allocate and return borrowed slices of the original line, so the output
//! keeps the text exactly as printed. U+3000, NBSP and TAB count as white space and full-width
//! digits as digits when matching.

use crate::model::Span;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, satisfy};
use nom::combinator::{eof, map_opt, opt, recognize, rest};
use nom::sequence::preceded;
use nom::{IResult, Parser};

/// One line of the decoded text, without its terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number.
    pub no: u32,
    /// What [`Line::new`] saw of the text while it was in the cache (see [`Shape`]).
    shape: Shape,
    /// Byte offset of the first character in the decoded text.
    pub start: usize,
    /// The line's text, without the line terminator.
    pub text: &'a str,
}

/// A line's first character and a few flags, packed in the four bytes the line table would
/// otherwise leave as padding. Stages pass over every line of a document several times, and on
/// a large input each look at a line's ends is a cache miss; with these most lines are ruled
/// out (or their trimmed text found) without reading the text again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape(u32);

impl Shape {
    const CHAR: u32 = 0x1F_FFFF;
    const BLANK: u32 = 1 << 21;
    const LEADING_SPACE: u32 = 1 << 22;
    const TRAILING_SPACE: u32 = 1 << 23;
    const LAST_DIGIT: u32 = 1 << 24;
    const TAB: u32 = 1 << 25;
    const NUMBER_APART_AT_START: u32 = 1 << 26;
    const NUMBER_APART_AT_END: u32 = 1 << 27;
    const AFTER_RULE: u32 = 1 << 28;

    /// The shape of `text`; `tab` says whether it holds a TAB (found while the line was split).
    fn of(text: &str, tab: bool) -> Shape {
        let mut bits = if tab { Shape::TAB } else { 0 };
        let t = trim(text);
        let mut chars = t.chars();
        let Some(first) = chars.next() else {
            return Shape(bits | Shape::BLANK);
        };
        let last = chars.next_back().unwrap_or(first);
        bits |= first as u32;
        if t.as_ptr() != text.as_ptr() {
            bits |= Shape::LEADING_SPACE;
        }
        if t.len() + (t.as_ptr() as usize - text.as_ptr() as usize) < text.len() {
            bits |= Shape::TRAILING_SPACE;
        }
        if digit_value(last).is_some() {
            bits |= Shape::LAST_DIGIT;
            if number_apart_at_end(t) {
                bits |= Shape::NUMBER_APART_AT_END;
            }
        }
        if digit_value(first).is_some() && number_apart_at_start(t) {
            bits |= Shape::NUMBER_APART_AT_START;
        }
        Shape(bits)
    }
}

/// A gap between a number and the text beside it: two or more white-space characters, or a TAB.
fn is_gap(s: &str) -> bool {
    s.chars().filter(|c| is_space(*c)).count() >= 2 || s.contains('\t')
}

/// Whether trimmed text starts with digits set apart by a gap from more text (`12      第一章`).
pub fn number_apart_at_start(t: &str) -> bool {
    let tail = t.trim_start_matches(|c: char| digit_value(c).is_some());
    let rest = tail.trim_start_matches(is_space);
    tail.len() < t.len() && !rest.is_empty() && is_gap(&tail[..tail.len() - rest.len()])
}

/// Whether trimmed text ends with digits set apart by a gap from more text (`中俄对话    13`).
pub fn number_apart_at_end(t: &str) -> bool {
    let head = t.trim_end_matches(|c: char| digit_value(c).is_some());
    let rest = head.trim_end_matches(is_space);
    head.len() < t.len() && !rest.is_empty() && is_gap(&head[rest.len()..])
}

impl<'a> Line<'a> {
    /// The line numbered `no` (1-based) whose text starts at byte `start` of the decoded text.
    pub fn new(no: u32, start: usize, text: &'a str) -> Line<'a> {
        Line::with_tab(no, start, text, text.contains('\t'))
    }

    /// [`Line::new`] when whether `text` holds a TAB is known.
    fn with_tab(no: u32, start: usize, text: &'a str, tab: bool) -> Line<'a> {
        debug_assert_eq!(tab, text.contains('\t'));
        Line { no, shape: Shape::of(text, tab), start, text }
    }
    /// Whether the trimmed text starts with a number set apart from the rest
    /// ([`number_apart_at_start`]), without reading the text.
    pub fn number_apart_at_start(&self) -> bool {
        self.shape.0 & Shape::NUMBER_APART_AT_START != 0
    }
    /// Whether the trimmed text ends with a number set apart from the rest
    /// ([`number_apart_at_end`]), without reading the text.
    pub fn number_apart_at_end(&self) -> bool {
        self.shape.0 & Shape::NUMBER_APART_AT_END != 0
    }
    /// Whether the text starts with white space (a blank line's included), without reading it.
    pub fn starts_with_space(&self) -> bool {
        self.shape.0 & Shape::LEADING_SPACE != 0 || (self.is_blank() && !self.text.is_empty())
    }
    /// Whether the line was printed right after a Markdown rule line that left the line table
    /// ([`crate::parse::pipes::without_rules`]): the line before the rule is the one it is
    /// printed under.
    pub fn after_rule(&self) -> bool {
        self.shape.0 & Shape::AFTER_RULE != 0
    }
    /// The line marked as printed right after a rule line left out of the table
    /// ([`Line::after_rule`]).
    pub fn marked_after_rule(mut self) -> Line<'a> {
        self.shape.0 |= Shape::AFTER_RULE;
        self
    }
    /// Whether the text holds a TAB (table cells, TOC pages), without reading the text.
    pub fn has_tab(&self) -> bool {
        self.shape.0 & Shape::TAB != 0
    }
    /// The first character of the trimmed text (NUL for a blank line), without reading the text.
    pub fn first_char(&self) -> char {
        char::from_u32(self.shape.0 & Shape::CHAR).unwrap_or_default()
    }
    /// Whether the trimmed text ends with an ASCII or full-width digit, without reading the text.
    pub fn ends_with_digit(&self) -> bool {
        self.shape.0 & Shape::LAST_DIGIT != 0
    }
    /// Byte offset just past the last character of the line in the decoded text.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
    /// The span of this single line.
    pub fn span(&self) -> Span {
        Span { line_start: self.no, line_end: self.no, byte_start: self.start as u64, byte_end: self.end() as u64 }
    }
    /// True when the line holds only white space (including U+3000 and NBSP).
    pub fn is_blank(&self) -> bool {
        self.shape.0 & Shape::BLANK != 0
    }
    /// The line without leading and trailing white space (most lines have none: their text is
    /// returned without being read).
    pub fn trimmed(&self) -> &'a str {
        if self.shape.0 & (Shape::BLANK | Shape::LEADING_SPACE | Shape::TRAILING_SPACE) == 0 {
            self.text
        } else {
            trim(self.text)
        }
    }
    /// The span of `part`, a sub-slice of this line's text (trimmed of white space). A `part`
    /// that is not inside the line gives the whole line's span.
    pub fn sub_span(&self, part: &str) -> Span {
        let base = self.text.as_ptr() as usize;
        let at = part.as_ptr() as usize;
        if at < base || at + part.len() > base + self.text.len() {
            return self.span();
        }
        let lead = part.len() - part.trim_start_matches(is_space).len();
        let core = trim(part);
        let start = self.start + (at - base) + lead;
        Span { line_start: self.no, line_end: self.no, byte_start: start as u64, byte_end: (start + core.len()) as u64 }
    }
}

/// The span from the first to the last of `lines` (which must be in order and non-empty).
pub fn span_of(first: &Line, last: &Line) -> Span {
    first.span().join(last.span())
}

/// Split decoded text into lines. `\n`, `\r\n` and a lone `\r` all end a line. A final line
/// without terminator is a line; a text ending in a terminator has no empty last line.
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 40 + 1);
    let mut start = 0usize;
    let mut no: u32 = 1;
    while start < bytes.len() {
        // The search stops at a TAB too, so that each line knows whether it holds one.
        let mut tab = false;
        let mut from = start;
        let (end, next) = loop {
            match memchr::memchr3(b'\n', b'\r', b'\t', &bytes[from..]) {
                Some(off) if bytes[from + off] == b'\t' => {
                    tab = true;
                    from += off + 1;
                }
                Some(off) => {
                    let end = from + off;
                    break if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                        (end, end + 2)
                    } else {
                        (end, end + 1)
                    };
                }
                None => break (bytes.len(), bytes.len()),
            }
        };
        // `end` is at an ASCII byte or the end, so it is a char boundary.
        lines.push(Line::with_tab(no, start, &text[start..end], tab));
        no = no.saturating_add(1);
        start = next;
    }
    lines
}

/// White space for matching: ASCII blanks, TAB, U+3000, NBSP and the form feed a PDF-to-text
/// tool prints at page ends.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}' | '\u{feff}' | '\u{c}')
}

/// Trim [`is_space`] characters from both ends.
pub fn trim(s: &str) -> &str {
    // Most lines neither start nor end with white space: look at the two end characters before
    // scanning (reads [`is_space`] itself, so the two cannot disagree).
    match (s.chars().next(), s.chars().next_back()) {
        (Some(f), Some(l)) if !is_space(f) && !is_space(l) => s,
        _ => s.trim_matches(is_space),
    }
}

/// The value of an ASCII or full-width digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Whether `s` has at most `n` characters; stops counting past `n` (most lines are long).
pub fn at_most_chars(s: &str, n: usize) -> bool {
    // A character takes one to four bytes: the length alone decides most lines.
    s.len() <= n || (s.len() <= n.saturating_mul(4) && s.chars().count() <= n)
}

/// True for CJK ideographs and CJK/full-width punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// True when a line ending with this character ends a sentence (no wrap continuation).
pub fn is_terminal_punct(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | '…' | '”' | '」' | '』' | '）' | ')' | '：' | ':')
}

/// Zero or more white-space characters.
pub fn ws0(i: &str) -> IResult<&str, &str> {
    take_while(is_space)(i)
}

/// One or more white-space characters.
pub fn ws1(i: &str) -> IResult<&str, &str> {
    take_while1(is_space)(i)
}

/// An unsigned decimal number of 1..=`max` ASCII or full-width digits.
pub fn number(max: usize) -> impl Fn(&str) -> IResult<&str, u32> {
    move |i| {
        map_opt(take_while_m_n(1, max, |c| digit_value(c).is_some()), |s: &str| {
            s.chars().try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(digit_value(c)?))
        })
        .parse(i)
    }
}

fn numeral_value(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A Chinese numeral from 1 to 99 (`一`, `十`, `十一`, `二十`, `二十三`) or a decimal number.
pub fn chinese_number(i: &str) -> IResult<&str, u32> {
    alt((number(3), cjk_numeral)).parse(i)
}

fn cjk_numeral(i: &str) -> IResult<&str, u32> {
    map_opt(take_while1(|c| numeral_value(c).is_some() || c == '十'), |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        match chars.iter().position(|&c| c == '十') {
            None if chars.len() == 1 => numeral_value(chars[0]),
            None => None,
            Some(p) => {
                if chars[p + 1..].contains(&'十') || p > 1 || chars.len() - p > 2 {
                    return None;
                }
                let tens = if p == 0 { 1 } else { numeral_value(chars[0])? };
                let ones = match chars.get(p + 1) {
                    Some(&c) => numeral_value(c)?,
                    None => 0,
                };
                if tens == 0 {
                    return None;
                }
                Some(tens * 10 + ones)
            }
        }
    })
    .parse(i)
}

/// A numbered heading `第X章` / `第X节`: returns (number, label, title).
fn numbered_heading(marker: char) -> impl Fn(&str) -> IResult<&str, (u32, &str, &str)> {
    move |i| {
        let (start, _) = ws0(i)?;
        let (after, (_, _, n, _, _)) = (char('第'), ws0, chinese_number, ws0, char(marker)).parse(start)?;
        let label = &start[..start.len() - after.len()];
        if after.chars().next().is_some_and(is_punct_start) {
            return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
        }
        Ok(("", (n, label, trim(after))))
    }
}

fn is_punct_start(c: char) -> bool {
    matches!(c, '，' | '、' | '。' | '的' | '）' | ')')
}

/// `第一章 标题` → (1, "第一章", "标题").
pub fn scan_chapter_heading(i: &str) -> IResult<&str, (u32, &str, &str)> {
    numbered_heading('章')(i)
}

/// `第二节 标题` → (2, "第二节", "标题").
pub fn scan_section_heading(i: &str) -> IResult<&str, (u32, &str, &str)> {
    numbered_heading('节')(i)
}

/// The unnumbered parts of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// The summary part.
    Summary,
    /// The preface.
    Preface,
    /// The recommendations part.
    Recommendations,
    /// The appendix.
    Appendix,
    /// The table of contents.
    Contents,
    /// The introduction of the authors.
    AuthorsIntro,
}

/// The first characters of the part names [`scan_part_heading`] reads.
pub const PART_HEADING_STARTS: [char; 7] = ['概', '序', '前', '建', '附', '目', '作'];

/// Longest title printed after `附录` and a space (a longer line is running text).
const APPENDIX_TITLE_MAX_CHARS: usize = 60;

/// A part heading: the whole line is `概要`/`概 要`, `序言`, `建议`, `目录`, `作者简介`, or
/// `附录` (optionally followed by `：title`). Returns the kind and the rest after `附录：`.
pub fn scan_part_heading(i: &str) -> IResult<&str, (PartKind, &str)> {
    let (i, _) = ws0(i)?;
    // Every part name starts with one of these: other lines fail here, before the parsers run.
    if !i.starts_with(PART_HEADING_STARTS) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)));
    }
    fn spaced<'a>(
        a: &'static str,
        b: &'static str,
    ) -> impl Parser<&'a str, Output = &'a str, Error = nom::error::Error<&'a str>> {
        recognize((tag(a), ws0, tag(b)))
    }
    let (i, kind) = alt((
        spaced("概", "要").map(|_| PartKind::Summary),
        spaced("序", "言").map(|_| PartKind::Preface),
        spaced("前", "言").map(|_| PartKind::Preface),
        spaced("建", "议").map(|_| PartKind::Recommendations),
        spaced("附", "录").map(|_| PartKind::Appendix),
        spaced("目", "录").map(|_| PartKind::Contents),
        recognize((spaced("作", "者"), ws0, tag("简介"))).map(|_| PartKind::AuthorsIntro),
    ))
    .parse(i)?;
    if kind == PartKind::Appendix {
        // `附录：title`, `附录一：title`, or `附录 title` (a short title line after a space).
        let (i, _) = opt(alt((
            take_while_m_n(1, 2, |c| numeral_value(c).is_some()),
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        )))
        .parse(i)?;
        let (i, title) = alt((
            preceded((ws0, alt((tag("："), tag(":"))), ws0), rest).map(Some),
            preceded(ws1, rest).map(|t: &str| {
                let t = trim(t);
                (t.chars().count() <= APPENDIX_TITLE_MAX_CHARS && !t.ends_with(['。', '，'])).then_some(t)
            }),
            ws0.map(|_| Some("")),
        ))
        .parse(i)?;
        let Some(title) = title else {
            return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
        };
        let (i, _) = ws0(i)?;
        let (_, _) = eof(i)?;
        return Ok(("", (kind, trim(title))));
    }
    let (i, _) = ws0(i)?;
    let (i, _) = eof(i)?;
    Ok((i, (kind, "")))
}

/// A table-of-contents line: `title<TAB>page` (or title, two or more spaces / dot leaders, page).
pub fn scan_toc_line(i: &str) -> IResult<&str, (&str, u32)> {
    let t = trim(i);
    let bytes_end = t.len();
    // Page number at the end.
    let digits_start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| digit_value(*c).is_some())
        .last()
        .map(|(p, _)| p)
        .unwrap_or(bytes_end);
    if digits_start == bytes_end || digits_start == 0 {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)));
    }
    let head = &t[..digits_start];
    let title = head.trim_end_matches(|c: char| c == '.' || c == '…' || c == '·' || is_space(c));
    let sep = &head[title.len()..];
    let ok_sep = sep.contains('\t')
        || sep.matches(|c: char| is_space(c)).count() >= 2
        || sep.contains("..")
        || sep.contains('…');
    if !ok_sep || trim(title).is_empty() {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)));
    }
    let (_, page) = number(4)(&t[digits_start..])?;
    Ok(("", (trim(title), page)))
}

/// A TOC line inside a region opened by a `目录` heading, where the page number may also follow
/// the title after a single space (`第一章 变化中的世界秩序 1`, as `pdftotext` prints a TOC
/// without leaders). Falls back on [`scan_toc_line`] first. Returns (title, page).
pub fn scan_contents_line(i: &str) -> IResult<&str, (&str, u32)> {
    if let Ok(r) = scan_toc_line(i) {
        return Ok(r);
    }
    let t = trim(i);
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify));
    let digits_start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| digit_value(*c).is_some())
        .last()
        .map(|(p, _)| p)
        .ok_or_else(fail)?;
    let head = &t[..digits_start];
    // One separating space, and a title that is a heading of the report (part, chapter, section
    // or appendix): prose that ends in a number is not a TOC line.
    // Or a single leader dot (`…的议事日程.17`, a title that leaves room for one dot).
    let title = trim(trim(head).trim_end_matches(['.', '…', '·']));
    if head.len() == title.len() || title.is_empty() || !is_contents_title(title) {
        return Err(fail());
    }
    let (_, page) = number(4)(&t[digits_start..])?;
    Ok(("", (title, page)))
}

fn is_contents_title(title: &str) -> bool {
    scan_chapter_heading(title).is_ok()
        || scan_section_heading(title).is_ok()
        || scan_part_heading(title).is_ok()
        || title.starts_with("附录")
}

/// A table or figure caption: `表一 …`, `表 2. …`, `表3. …`, `图 4.…`.
/// Returns (label without trailing dot, number, rest of the caption).
fn caption(marker: char) -> impl Fn(&str) -> IResult<&str, (&str, u32, &str)> {
    move |i| {
        let (start, _) = ws0(i)?;
        if let Some(glued) = caption_glued_to_year(marker, start) {
            return Ok(("", glued));
        }
        let (after, (_, _, n)) = (char(marker), ws0, chinese_number).parse(start)?;
        let label = &start[..start.len() - after.len()];
        let (after, punct) = opt(alt((tag("."), tag("．"), tag("、"), tag(":"), tag("：")))).parse(after)?;
        let (after, sp) = ws0(after)?;
        let rest = trim(after);
        // `pdftotext -raw` drops the space after a label: a table label in Chinese numerals
        // glued to the ideographs of its caption (`表一中国与…`) is still a label (the table
        // under it is checked later); a digit glued to text is not (`表1中` reads on as a
        // sentence), nor is a figure's (`图二维码`: no rows to check it by).
        let glued_cjk = marker == '表'
            && label.ends_with(|c: char| !c.is_ascii_digit())
            && rest.starts_with(|c: char| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF));
        if (punct.is_none() && sp.is_empty() && !glued_cjk) || rest.is_empty() {
            return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
        }
        Ok(("", (label, n, rest)))
    }
}

/// A caption whose label number is glued to a year opening the caption text
/// (`表12014—2017年中俄贸易额`, as `pdftotext -raw` prints a label set apart by a space it
/// did not keep): a run of five or six digits whose last four are a year (1900–2099) followed
/// by `年` or a range dash is the label's one or two digits, then the year.
fn caption_glued_to_year(marker: char, start: &str) -> Option<(&str, u32, &str)> {
    let after_marker = start.strip_prefix(marker)?;
    let digits = after_marker.chars().take_while(|&c| c.is_ascii_digit()).count();
    if !(5..=6).contains(&digits) {
        return None;
    }
    let label_digits = digits - 4;
    let year: u32 = after_marker[label_digits..digits].parse().ok()?;
    let follows = after_marker[digits..].chars().next()?;
    if !(1900..=2099).contains(&year) || !matches!(follows, '年' | '—' | '–' | '-' | '～' | '~' | '至') {
        return None;
    }
    let n: u32 = after_marker[..label_digits].parse().ok()?;
    let label = &start[..marker.len_utf8() + label_digits];
    (n > 0).then(|| (label, n, trim(&after_marker[label_digits..])))
}

/// `表 2. 2019 年俄罗斯对中国出口商品结构` → ("表 2", 2, "2019 年俄罗斯对中国出口商品结构").
pub fn scan_table_caption(i: &str) -> IResult<&str, (&str, u32, &str)> {
    caption('表')(i)
}

/// `图 1. 2007-2019 年中俄贸易额（单位：十亿美元）` → ("图 1", 1, "2007-2019 年…").
pub fn scan_figure_caption(i: &str) -> IResult<&str, (&str, u32, &str)> {
    caption('图')(i)
}

/// A unit parenthetical `（单位：亿美元）` or `(单位: 千)`: returns the unit.
pub fn scan_unit_paren(i: &str) -> IResult<&str, &str> {
    let (i, _) = (ws0, alt((tag("（"), tag("("))), ws0, tag("单位"), ws0, alt((tag("："), tag(":"))), ws0).parse(i)?;
    let (i, unit) = take_while1(|c| c != '）' && c != ')')(i)?;
    let (i, _) = alt((tag("）"), tag(")"))).parse(i)?;
    Ok((i, trim(unit)))
}

/// Whether a bracketed text is a unit of measure (`亿美元`, `万吨`, `%`, `千人次`, `млн долл.`):
/// short, without digits or years, naming a currency, a count or a measure.
pub fn is_unit(text: &str) -> bool {
    let t = trim(text);
    let n = t.chars().count();
    const MEASURES: [&str; 22] = [
        "元", "卢布", "吨", "人", "次", "%", "％", "个", "米", "瓦", "桶", "项", "家", "件", "公斤", "千克", "公顷",
        "долл", "руб", "тонн", "USD", "dollars",
    ];
    n > 0
        && n <= 12
        && !t.chars().any(|c| digit_value(c).is_some() || c == '年')
        && MEASURES.iter().any(|m| t.contains(m))
}

/// A unit written on a line of its own: `（单位：万吨）`, `单位：万吨`, `(亿美元)`.
pub fn scan_unit_line(i: &str) -> Option<&str> {
    let t = trim(i);
    if let Ok((after, unit)) = scan_unit_paren(t) {
        return trim(after).is_empty().then_some(unit);
    }
    if let Some(rest) = t.strip_prefix("单位") {
        let rest = trim(rest);
        let unit = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))?;
        return (!trim(unit).is_empty()).then(|| trim(unit));
    }
    let inner = t.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    is_unit(inner).then(|| trim(inner))
}

/// Split a caption into (caption without unit, unit) when it holds a unit parenthetical
/// (`（单位：亿美元）`) or ends with a unit in brackets (`…贸易额（亿美元）`).
pub fn split_unit(caption: &str) -> (String, Option<String>) {
    let t = trim(caption);
    if let Some(body) = t.strip_suffix(['）', ')']) {
        if let Some(open) = body.rfind(['（', '(']) {
            let inner = &body[open + body[open..].chars().next().map_or(1, char::len_utf8)..];
            if !inner.contains("单位") && is_unit(inner) && !trim(&body[..open]).is_empty() {
                return (trim(&body[..open]).to_string(), Some(trim(inner).to_string()));
            }
        }
    }
    for (pos, c) in caption.char_indices() {
        if c == '（' || c == '(' {
            if let Ok((after, unit)) = scan_unit_paren(&caption[pos..]) {
                let mut text = String::with_capacity(caption.len());
                text.push_str(trim(&caption[..pos]));
                let tail = trim(after);
                if !tail.is_empty() {
                    text.push_str(tail);
                }
                return (text, Some(unit.to_string()));
            }
        }
    }
    (trim(caption).to_string(), None)
}

/// The first characters of the source notes [`scan_source_note`] reads.
pub const SOURCE_NOTE_STARTS: [char; 5] = ['（', '(', '资', '数', '信'];

/// The word `word`, maybe letter-spaced (`信 息 来 源`, as XeLaTeX's justification comes out
/// of some tools): its characters with white space allowed between them.
fn spaced(word: &'static str) -> impl Fn(&str) -> IResult<&str, &str> {
    move |input: &str| {
        let mut rest = input;
        for (k, c) in word.chars().enumerate() {
            if k > 0 {
                rest = ws0(rest)?.0;
            }
            rest = rest
                .strip_prefix(c)
                .ok_or_else(|| nom::Err::Error(nom::error::Error::new(rest, nom::error::ErrorKind::Tag)))?;
        }
        Ok((rest, &input[..input.len() - rest.len()]))
    }
}

/// A source note: `(信息来源) …`, `（信息来源）…`, `资料来源：…`, `Источник: …`; the marker
/// word may be letter-spaced (`（信 息 来 源）`). Returns the note text after the marker.
pub fn scan_source_note(i: &str) -> IResult<&str, &str> {
    let (i, _) = ws0(i)?;
    let (i, _) = alt((
        recognize((
            alt((tag("（"), tag("("))),
            ws0,
            alt((spaced("信息来源"), spaced("资料来源"), spaced("数据来源"), spaced("来源"))),
            ws0,
            alt((tag("）"), tag(")"))),
        )),
        recognize((alt((spaced("资料来源"), spaced("数据来源"), spaced("信息来源"))), ws0, alt((tag("："), tag(":"))))),
    ))
    .parse(i)?;
    Ok(("", trim(i)))
}

/// A numbered item `12. text` / `12．text` / `12、text`: returns (number, text).
/// `2.35 亿` is not an item: the text may not start with a digit.
pub fn scan_numbered_item(i: &str) -> IResult<&str, (u32, &str)> {
    let (i, _) = ws0(i)?;
    let (i, n) = number(3)(i)?;
    let (i, _) = alt((tag("."), tag("．"), tag("、"))).parse(i)?;
    // `2.35` is a decimal number, `16. 2020–2021 …` an item.
    let (_, _) = satisfy(|c| digit_value(c).is_none()).parse(i)?;
    let (i, _) = ws0(i)?;
    let (_, _) = satisfy(|c| !is_space(c)).parse(i)?;
    Ok(("", (n, trim(i))))
}

/// The characters that mark a bullet item ([`scan_bullet`]).
pub const BULLET_MARKERS: [char; 6] = ['-', '•', '●', '▪', '*', '‧'];

/// A bullet item `- text` (also `•`, `●`, `▪`): returns the text. A typographic bullet (not
/// `-` or `*`, which also start numbers and emphasis) may be glued to a CJK text: XeLaTeX drops
/// the space before a full-width opening mark (`‧《中俄对话》…`).
pub fn scan_bullet(i: &str) -> IResult<&str, &str> {
    let (i, _) = ws0(i)?;
    let (i, marker) = satisfy(|c| BULLET_MARKERS.contains(&c)).parse(i)?;
    let glued = !matches!(marker, '-' | '*') && i.chars().next().is_some_and(is_cjk);
    let (i, _) = if glued { ws0(i)? } else { ws1(i)? };
    Ok(("", trim(i)))
}

/// Whether a nom scanner matches a line.
pub fn matches<'a, O>(f: impl Fn(&'a str) -> IResult<&'a str, O>, s: &'a str) -> Option<O> {
    f(s).ok().map(|(_, o)| o)
}

/// Replace each run of white space in `chars` by one space, or by nothing when `drop(prev, next)`
/// says so for the characters around it; the ends are trimmed.
fn collapse_spaces(chars: impl Iterator<Item = char>, drop: impl Fn(char, char) -> bool) -> String {
    let mut out = String::with_capacity(chars.size_hint().0);
    let mut pending = false;
    for c in chars {
        if is_space(c) || c.is_whitespace() {
            pending = !out.is_empty();
            continue;
        }
        if pending {
            if let Some(p) = out.chars().next_back() {
                if !drop(p, c) {
                    out.push(' ');
                }
            }
            pending = false;
        }
        out.push(c);
    }
    out
}

/// Remove white space between two CJK characters (stray spaces left by line wrapping), keep
/// the rest as printed (runs of white space become one space).
pub fn squeeze_cjk_spaces(s: &str) -> String {
    // Most titles hold no white space: copied whole rather than a character at a time.
    if !s.chars().any(|c| is_space(c) || c.is_whitespace()) {
        return s.to_string();
    }
    collapse_spaces(s.chars(), |p, n| is_cjk(p) && is_cjk(n))
}

/// Append `next` to `text` as the continuation of a wrapped line: no separator between CJK
/// characters or after a line-end hyphen U+2010 or U+2011, one space between other characters.
pub fn join_wrapped(text: &mut String, next: &str) {
    let next = trim(next);
    if next.is_empty() {
        return;
    }
    if let (Some(p), Some(n)) = (text.chars().last(), next.chars().next()) {
        // U+2010 ends a line only where a word was broken at a hyphen (PDFium's U+FFFE); a
        // non-breaking hyphen U+2011 (XeLaTeX's `-`) ends one where a compound broke after its
        // own hyphen (`торгово‑` / `экономического`): the word goes on, hyphen kept.
        let glued = is_cjk(p) || is_cjk(n) || p.is_whitespace() || p == '\u{2010}' || p == '\u{2011}';
        if !(glued || compound_goes_on(text, n)) {
            text.push(' ');
        }
    }
    text.push_str(next);
}

/// Whether `text` ends with an ASCII `-` after a (non-CJK) letter and the next line starts with
/// a lower-case letter: a compound broken after its own hyphen (Typst's `торгово-` /
/// `экономического`, a URL's `rf-i-knr-uvelichili-` / `investicii-…`). Every tool prints the
/// hyphen there (none drops it, as a soft hyphen would be), so it is kept and the word goes on
/// without a space.
fn compound_goes_on(text: &str, n: char) -> bool {
    let mut rev = text.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(|c| c.is_alphabetic() && !is_cjk(c)) && n.is_lowercase()
}

/// Normalize text for comparison (used by the TOC cross-check and by `eval`): U+3000, NBSP,
/// TAB and line breaks are spaces; full-width ASCII is folded to ASCII; white space next to a
/// CJK character (ideograph or CJK punctuation) is removed; other runs of white space become one space; ends trimmed.
/// The hyphen and the non-breaking hyphen (U+2010, U+2011: fonts that share one glyph for `-`
/// make PDF-to-text tools print them for it) count as `-`.
pub fn normalize(s: &str) -> String {
    let folded = s.chars().map(|c| match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2010}' | '\u{2011}' => '-',
        c => c,
    });
    collapse_spaces(folded, |p, n| is_cjk(p) || is_cjk(n))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_letter_spaced_note_marker_is_a_note_marker() {
        assert_eq!(
            super::matches(super::scan_source_note, "（信 息 来 源）Источник: данные"),
            Some("Источник: данные")
        );
        assert_eq!(super::matches(super::scan_source_note, "资 料 来 源：海关"), Some("海关"));
        assert_eq!(super::matches(super::scan_source_note, "信息 的来源"), None);
    }

    #[test]
    fn the_line_table_says_what_the_text_says() {
        use super::*;
        let texts = [
            "",
            " ",
            "\t",
            "\u{3000}\u{c}",
            "中俄关系",
            "  中俄关系。 ",
            "\t- item\t",
            "12",
            "１２",
            " 12 ",
            "2019 年 4 月 1 日",
            "12      第一章 标题",
            "中俄对话：2023 模式        13",
            "第一章 标题\t12",
            "2022  1 520,4",
            "12 标题",
            "标题 12",
            "12\t标题",
            "标题\u{3000}\u{3000}１３",
            "12  ",
            "  ab  12",
            "a\u{a0}\u{a0}7",
            "\u{feff}x",
            "7",
        ];
        for text in texts {
            let split = split_lines(text);
            let tab = text.contains('\t');
            for l in split.iter().chain([Line::new(1, 0, text)].iter()) {
                let t = trim(l.text);
                assert_eq!(l.trimmed(), t, "{text:?}");
                assert_eq!(l.is_blank(), l.text.chars().all(is_space), "{text:?}");
                assert_eq!(l.first_char(), t.chars().next().unwrap_or_default(), "{text:?}");
                assert_eq!(l.ends_with_digit(), t.chars().last().is_some_and(|c| digit_value(c).is_some()), "{text:?}");
                assert_eq!(l.has_tab(), l.text.contains('\t'), "{text:?}");
                assert_eq!(l.starts_with_space(), l.text.starts_with(is_space), "{text:?}");
                assert_eq!(l.number_apart_at_start(), number_apart_at_start(t), "{text:?}");
                assert_eq!(l.number_apart_at_end(), number_apart_at_end(t), "{text:?}");
            }
            assert!(tab || split.iter().all(|l| !l.has_tab()));
        }
        assert!(number_apart_at_start("12      第一章 标题") && !number_apart_at_end("12      第一章 标题"));
        assert!(number_apart_at_end("中俄对话：2023 模式        13"));
        assert!(number_apart_at_start("12\t标题") && number_apart_at_end("标题\u{3000}\u{3000}１３"));
        assert!(!number_apart_at_start("12 标题") && !number_apart_at_end("标题 12") && !number_apart_at_start("12"));
        assert!(!number_apart_at_start("2019 年 4 月 1 日") && !number_apart_at_end("2019 年 4 月 1 日"));
    }

    #[test]
    fn squeezing_text_without_white_space_keeps_it() {
        use super::*;
        for t in ["中俄关系", "第一章 中俄 关系", "a  b", "中俄\u{3000}关系 ", "", "x"] {
            assert_eq!(squeeze_cjk_spaces(t), collapse_spaces(t.chars(), |p, n| is_cjk(p) && is_cjk(n)), "{t:?}");
        }
    }

    #[test]
    fn normalization() {
        assert_eq!(normalize(" 2019 年 4 月\u{3000}4 日 "), "2019年4月4日");
        assert_eq!(normalize("石 泽"), "石泽");
        assert_eq!(normalize("URL:  http://x\n"), "URL: http://x");
        assert_eq!(normalize("２０２０ａ"), "2020a");
        assert_eq!(normalize("Источник:  составлено А.В."), "Источник: составлено А.В.");
    }

    use super::*;

    #[test]
    fn lines_with_all_terminators() {
        let t = "a\r\nb\rc\n\nd";
        let l = split_lines(t);
        let texts: Vec<_> = l.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["a", "b", "c", "", "d"]);
        assert_eq!(l[4].no, 5);
        assert_eq!(&t[l[2].start..l[2].end()], "c");
        assert_eq!(split_lines("x\n").len(), 1);
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn chinese_numerals() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十三", 23),
            ("九十九", 99),
            ("12", 12),
            ("１２", 12),
        ] {
            assert_eq!(chinese_number(s).map(|r| r.1), Ok(n), "{s}");
        }
        assert!(chinese_number("十十").is_err());
        assert!(chinese_number("一二").is_err());
    }

    #[test]
    fn fast_trim_and_length_checks_agree_with_the_plain_ones() {
        let spaces = [" ", "\t", "\u{3000}", "\u{a0}", "\u{feff}", "\u{c}", ""];
        let cores = ["", "甲", "a b", "中俄\u{3000}对话", "\u{a0}", "é", "﻿x"];
        for a in spaces {
            for c in cores {
                for z in spaces {
                    let s = format!("{a}{c}{z}");
                    assert_eq!(trim(&s), s.trim_matches(is_space), "{s:?}");
                    for n in 0..8 {
                        assert_eq!(at_most_chars(&s, n), s.chars().count() <= n, "{s:?} {n}");
                    }
                }
            }
        }
    }

    #[test]
    fn chapter_and_section_headings() {
        assert_eq!(matches(scan_chapter_heading, "第一章 中国和俄罗斯"), Some((1, "第一章", "中国和俄罗斯")));
        assert_eq!(matches(scan_chapter_heading, "第 十一 章\u{3000}标题"), Some((11, "第 十一 章", "标题")));
        assert_eq!(matches(scan_chapter_heading, "第二十章"), Some((20, "第二十章", "")));
        assert_eq!(
            matches(scan_section_heading, "第五节 2019 年中俄旅游合作"),
            Some((5, "第五节", "2019 年中俄旅游合作"))
        );
        assert_eq!(matches(scan_section_heading, "第一章 x"), None);
        assert_eq!(matches(scan_chapter_heading, "第一章的内容"), None);
        assert_eq!(matches(scan_chapter_heading, "这是第一章"), None);
    }

    #[test]
    fn part_headings() {
        assert_eq!(matches(scan_part_heading, "概 要"), Some((PartKind::Summary, "")));
        assert_eq!(matches(scan_part_heading, "概要"), Some((PartKind::Summary, "")));
        assert_eq!(matches(scan_part_heading, "序\u{3000}言 "), Some((PartKind::Preface, "")));
        assert_eq!(matches(scan_part_heading, "建议"), Some((PartKind::Recommendations, "")));
        assert_eq!(matches(scan_part_heading, "附录：大事记"), Some((PartKind::Appendix, "大事记")));
        assert_eq!(
            matches(scan_part_heading, "附录 2022 年第二季度至 2023 年第一季度中俄关系大事记"),
            Some((PartKind::Appendix, "2022 年第二季度至 2023 年第一季度中俄关系大事记"))
        );
        assert_eq!(matches(scan_part_heading, "附录一：中俄关系大事记"), Some((PartKind::Appendix, "中俄关系大事记")));
        assert_eq!(matches(scan_part_heading, "附 录"), Some((PartKind::Appendix, "")));
        assert_eq!(matches(scan_part_heading, "附录\u{3000} "), Some((PartKind::Appendix, "")));
        assert_eq!(matches(scan_part_heading, "附录中列出了两国签署的文件。"), None);
        assert_eq!(matches(scan_part_heading, "附录 中列出了两国签署的全部文件和协议，共计二十项。"), None);
        assert_eq!(matches(scan_part_heading, "目 录"), Some((PartKind::Contents, "")));
        assert_eq!(matches(scan_part_heading, "建议如下"), None);
        assert_eq!(matches(scan_part_heading, "概要\t1"), None);
    }

    #[test]
    fn toc_lines() {
        assert_eq!(matches(scan_toc_line, "概要\t1"), Some(("概要", 1)));
        assert_eq!(matches(scan_toc_line, "第一节 1992–2017 年中俄\t46"), Some(("第一节 1992–2017 年中俄", 46)));
        assert_eq!(matches(scan_toc_line, "序言 ........ 5"), Some(("序言", 5)));
        assert_eq!(matches(scan_toc_line, "增长 3.4"), None);
        assert_eq!(matches(scan_toc_line, "12"), None);
        // Inside a 目录 region a single space may separate a heading's title from its page.
        assert_eq!(matches(scan_contents_line, "第一章 变化中的世界秩序 1"), Some(("第一章 变化中的世界秩序", 1)));
        assert_eq!(matches(scan_contents_line, "概要 1"), Some(("概要", 1)));
        assert_eq!(
            matches(scan_contents_line, "附录：2022 年第二季度至 2023 年第一季度中俄关系大事记 6").map(|m| m.1),
            Some(6)
        );
        assert_eq!(matches(scan_contents_line, "序言\t5"), Some(("序言", 5)));
        assert_eq!(matches(scan_contents_line, "贸易额增长 3"), None);
        assert_eq!(matches(scan_contents_line, "第一章变化12"), None);
    }

    #[test]
    fn captions() {
        assert_eq!(
            matches(scan_table_caption, "表一 中国与俄罗斯相互投资额（单位：亿美元）"),
            Some(("表一", 1, "中国与俄罗斯相互投资额（单位：亿美元）"))
        );
        assert_eq!(matches(scan_table_caption, "表 2. 2019 年俄罗斯"), Some(("表 2", 2, "2019 年俄罗斯")));
        assert_eq!(matches(scan_table_caption, "表3. 2019年中国"), Some(("表3", 3, "2019年中国")));
        assert_eq!(matches(scan_figure_caption, "图 4.在东方经济论坛"), Some(("图 4", 4, "在东方经济论坛")));
        assert_eq!(matches(scan_figure_caption, "图拉下线工厂成为"), None);
        assert_eq!(matches(scan_table_caption, "表明了"), None);
        assert_eq!(matches(scan_table_caption, "表3显示"), None);
        // A label glued to a year that opens the caption.
        assert_eq!(matches(scan_table_caption, "表12014—2017年中俄贸易额"), Some(("表1", 1, "2014—2017年中俄贸易额")));
        assert_eq!(matches(scan_figure_caption, "图122019年出口"), Some(("图12", 12, "2019年出口")));
        assert_eq!(matches(scan_table_caption, "表12345显示"), None);
        assert_eq!(matches(scan_table_caption, "表02019年"), None);
        // A Chinese-numeral table label glued to its caption (`pdftotext -raw`).
        assert_eq!(matches(scan_table_caption, "表一中国与俄罗斯"), Some(("表一", 1, "中国与俄罗斯")));
        assert_eq!(matches(scan_figure_caption, "图二维码扫描"), None);
        assert_eq!(matches(scan_table_caption, "表一，"), None);
    }

    #[test]
    fn units_and_notes() {
        assert_eq!(
            split_unit("中国与俄罗斯相互投资额（单位：亿美元）"),
            ("中国与俄罗斯相互投资额".to_string(), Some("亿美元".to_string()))
        );
        assert_eq!(split_unit("贸易额 (单位: 千)"), ("贸易额".to_string(), Some("千".to_string())));
        assert_eq!(split_unit("协议数量"), ("协议数量".to_string(), None));
        assert_eq!(split_unit("中俄贸易额（亿美元）"), ("中俄贸易额".to_string(), Some("亿美元".to_string())));
        assert_eq!(split_unit("口岸货运量(万吨)"), ("口岸货运量".to_string(), Some("万吨".to_string())));
        assert_eq!(split_unit("投资额（2014–2019）"), ("投资额（2014–2019）".to_string(), None));
        assert_eq!(split_unit("合作项目（初步统计）"), ("合作项目（初步统计）".to_string(), None));
        assert_eq!(scan_unit_line("（单位：万吨）"), Some("万吨"));
        assert_eq!(scan_unit_line("单位：亿美元"), Some("亿美元"));
        assert_eq!(scan_unit_line("(%)"), Some("%"));
        assert_eq!(scan_unit_line("单位制度改革"), None);
        assert_eq!(matches(scan_source_note, "(信息来源) Источник: x"), Some("Источник: x"));
        assert_eq!(matches(scan_source_note, "（信息来源）Источник"), Some("Источник"));
        assert_eq!(matches(scan_source_note, "信息来源显示"), None);
    }

    #[test]
    fn items_and_bullets() {
        assert_eq!(matches(scan_numbered_item, "12. 发展相互投资"), Some((12, "发展相互投资")));
        assert_eq!(matches(scan_numbered_item, "17.《中国石油》"), Some((17, "《中国石油》")));
        assert_eq!(matches(scan_numbered_item, "2.35 亿美元"), None);
        assert_eq!(matches(scan_numbered_item, "16. 2020–2021 中俄"), Some((16, "2020–2021 中俄")));
        assert_eq!(matches(scan_numbered_item, "2019 年"), None);
        assert_eq!(matches(scan_bullet, "- 《中俄对话》"), Some("《中俄对话》"));
        assert_eq!(matches(scan_bullet, "-8.8%"), None);
        assert_eq!(matches(scan_bullet, "‧《中俄对话》年度报告"), Some("《中俄对话》年度报告"));
        assert_eq!(matches(scan_bullet, "•中俄"), Some("中俄"));
        assert_eq!(matches(scan_bullet, "-中俄"), None);
        assert_eq!(matches(scan_bullet, "‧abc"), None);
    }

    #[test]
    fn squeezing_and_joining() {
        assert_eq!(squeeze_cjk_spaces("从中国到俄 罗斯的入境 旅行次数"), "从中国到俄罗斯的入境旅行次数");
        assert_eq!(squeeze_cjk_spaces("与 2018 年比较(%)"), "与 2018 年比较(%)");
        let mut s = "建立了完整的".to_string();
        join_wrapped(&mut s, "生产链");
        assert_eq!(s, "建立了完整的生产链");
        let mut s = "URL:".to_string();
        join_wrapped(&mut s, "http://x");
        assert_eq!(s, "URL: http://x");
        let mut s = "Развитие торгово\u{2011}".to_string();
        join_wrapped(&mut s, "экономического");
        assert_eq!(s, "Развитие торгово\u{2011}экономического");
        let mut s = "Развитие торгово-".to_string();
        join_wrapped(&mut s, "экономического");
        assert_eq!(s, "Развитие торгово-экономического");
        let mut s = "2019 -".to_string();
        join_wrapped(&mut s, "и");
        assert_eq!(s, "2019 - и");
    }
}
