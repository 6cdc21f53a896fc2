//! Stage 4b: the appendix chronology → categories of dated entries.
//!
//! The appendix mixes layouts line by line, so each non-blank line is classified once
//! ([`classify`]) after stripping list markers, and a small state machine per category builds the
//! entries. Category headings are found by their shape and position (a short line standing
//! alone, followed by a dated line), not from a list of names. Dates are read literally by
//! [`crate::parse::dates`]; this stage then judges them against the period in the title and against
//! their neighbours, correcting only what can be inferred with confidence, and flags every
//! anomaly with a diagnostic.

use crate::model::{
    Category, Chronology, DateRange, Diagnostic, DiagnosticCode, Entry, EntryDate, EntryItem, Flag, Precision, Span,
};
use crate::parse::cut::{self, printed_width};
use crate::parse::dates::{
    comma_separated, find_period, scan_date_line, scan_date_line_styled, year_heading, DateExpr, DateForm, LineStyle,
    Ymd,
};
use crate::parse::lex::{
    at_most_chars, digit_value, is_cjk, is_space, is_terminal_punct, join_wrapped, matches, scan_bullet,
    scan_numbered_item, trim, Line,
};
use rayon::prelude::*;

/// Longest line taken as a category heading.
const CATEGORY_MAX_CHARS: usize = 16;

/// One classified non-blank line of the appendix.
#[derive(Debug, Clone)]
enum Chron<'a> {
    /// A line starting with a date; `rest` is what follows the date (raw, untrimmed).
    Date { expr: DateExpr, text: &'a str, rest: &'a str },
    /// A line ending with `**`: the end of a bold title.
    TitleEnd { text: &'a str },
    /// A numbered sub-list item.
    Item { number: u32, text: &'a str },
    /// Any other text; `marked` when it carried a `- ` marker or a leading TAB.
    Text { text: &'a str, marked: bool },
    /// A line holding only a year, over dates printed without one (`2022 年` / `4 月 5 日 …`).
    Year { year: i32 },
}

/// A line's text without its list marker, and whether it had one (a `- ` or a leading TAB).
fn unmarked(raw: &str) -> (&str, bool) {
    match matches(scan_bullet, raw) {
        Some(b) if !raw.trim_start_matches(is_space).starts_with("**") => (b, true),
        _ => (trim(raw), raw.starts_with('\t')),
    }
}

fn classify<'a>(line: &Line<'a>, style: LineStyle) -> Chron<'a> {
    classify_probing(line, style, None).0
}

/// [`classify`] in `style`; with `probe_year`, a date printed without its year that `style`
/// cannot read (no year) is read in that year instead. Also says whether a date was read with
/// its own year (a date without one depends on the style's year).
fn classify_probing<'a>(line: &Line<'a>, style: LineStyle, probe_year: Option<i32>) -> (Chron<'a>, bool) {
    // A year heading and a date start with a digit, a list marker with one of a few characters,
    // bold text with `*`: the line table rules the other lines (most descriptions) out.
    let first = line.first_char();
    if digit_value(first).is_none() && !crate::parse::lex::BULLET_MARKERS.contains(&first) {
        let marked = line.has_tab() && line.text.starts_with('\t');
        // Nor a numbered item, which starts with a digit.
        return (classify_undated(line.trimmed(), marked, false), true);
    }
    let (body, marked) = unmarked(line.text);
    if let Some(year) = year_heading(body) {
        return (Chron::Year { year }, true);
    }
    if let Some((expr, text, rest)) = matches(|i| scan_date_line_styled(i, style), body) {
        return (Chron::Date { expr, text, rest }, true);
    }
    if let Some(y) = probe_year.filter(|_| style.year.is_none()) {
        let yearless = LineStyle { year: Some(y), ..style };
        if let Some((expr, text, rest)) = matches(|i| scan_date_line_styled(i, yearless), body) {
            return (Chron::Date { expr, text, rest }, false);
        }
    }
    (classify_undated(body, marked, true), true)
}

/// [`classify`] of a line that is neither a year heading nor a date.
/// `numbered` is false when the line cannot be a numbered item (it starts with no digit).
fn classify_undated(body: &str, marked: bool, numbered: bool) -> Chron<'_> {
    if body.ends_with("**") {
        return Chron::TitleEnd { text: body };
    }
    if let Some((number, text)) = numbered.then(|| matches(scan_numbered_item, body)).flatten() {
        return Chron::Item { number, text };
    }
    if let Some(number) = numbered.then(|| bare_item_number(body)).flatten() {
        return Chron::Item { number, text: "" };
    }
    Chron::Text { text: body, marked }
}

/// An item's number printed on a line of its own (`13.`), its text on the next line.
fn bare_item_number(body: &str) -> Option<u32> {
    let digits = trim(body).strip_suffix(['.', '．'])?;
    if digits.is_empty() || digits.chars().count() > 3 {
        return None;
    }
    digits.chars().try_fold(0u32, |n, c| Some(n * 10 + digit_value(c)?))
}

/// Whether a bare item number (`13.`) goes on with the current entry's list: it follows the
/// entry's last item (`12.`), which is the last thing of the entry.
fn next_item(current: Option<&Draft>, number: u32) -> bool {
    current.is_some_and(|d| {
        d.items.last().is_some_and(|it| it.number + 1 == number && it.span.line_end == d.span.line_end)
    })
}

fn is_date_only(c: &Chron) -> bool {
    matches!(c, Chron::Date { rest, .. } if trim(rest).is_empty())
}

fn clean_title(s: &str) -> String {
    if s.contains("**") {
        trim(&s.replace("**", "")).to_string()
    } else {
        trim(s).to_string()
    }
}

/// Split `title description` written on one line after a TAB. The separator is the first white
/// space between two CJK characters; when the date is printed without spaces (`2019年6月8日`),
/// the text has no spaces around digits either, so white space before a digit also separates.
fn split_title_description(rest: &str, spaced_digits: bool) -> (String, String) {
    let rest = trim(rest);
    let chars: Vec<(usize, char)> = rest.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        if is_space(chars[k].1) {
            let mut e = k;
            while e < chars.len() && is_space(chars[e].1) {
                e += 1;
            }
            let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
            let next = chars.get(e).map(|c| c.1);
            if let (Some(p), Some(n)) = (prev, next) {
                // Full-width digits are digits, not CJK text: `至 ２０２１ 年` is `至 2021 年`.
                let word = |c: char| is_cjk(c) && digit_value(c).is_none();
                // A number followed by a space (`至 ２０２３ 年底`) shows that this text spaces its
                // digits whatever the date does: no separator there.
                let spaced_number = || {
                    let after =
                        chars[e..].iter().map(|c| c.1).find(|&c| digit_value(c).is_none() && c != '.' && c != ',');
                    digit_value(n).is_some() && after.is_some_and(is_space)
                };
                let split = word(p) && (word(n) || (!spaced_digits && n.is_alphanumeric() && !spaced_number()));
                if split {
                    let title = &rest[..chars[k].0];
                    let desc = &rest[chars[e].0..];
                    return (clean_title(title), trim(desc).to_string());
                }
            }
            k = e;
        } else {
            k += 1;
        }
    }
    (clean_title(rest), String::new())
}

/// An entry while it is being built.
struct Draft {
    date: Option<(DateExpr, String)>,
    title: String,
    title_open: bool,
    awaiting_title: bool,
    /// The title's last line filled the measure: its next line may be the title's wrapped rest.
    title_full: bool,
    /// The title's last line stopped a little short of the measure ([`nearly_fills_measure`]):
    /// its next line is the title's rest only when very short.
    title_nearly_full: bool,
    description: String,
    items: Vec<EntryItem>,
    span: Span,
}

impl Draft {
    fn new(span: Span) -> Draft {
        Draft {
            date: None,
            title: String::new(),
            title_open: false,
            awaiting_title: false,
            title_full: false,
            title_nearly_full: false,
            description: String::new(),
            items: Vec::new(),
            span,
        }
    }

    fn push_description(&mut self, text: &str) {
        let text = trim(text);
        if text.is_empty() {
            return;
        }
        let open = self.description.chars().last().is_some_and(|c| !is_terminal_punct(c));
        if self.description.is_empty() || open {
            join_line(&mut self.description, text);
        } else {
            self.description.push('\n');
            self.description.push_str(text);
        }
    }
}

/// What the rest of the document says about the period the chronology covers, used when the
/// chronology title names none.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PeriodHint {
    /// A period stated in the report's text (`本报告介绍了 2022 年第二季度至 2023 年第一季度…`)
    /// and the span where it is stated.
    pub stated: Option<((Ymd, Ymd), Span)>,
    /// The year in the report's title (`中俄对话：2023模式` → 2023).
    pub title_year: Option<i32>,
}

/// How many years before the title year a chronology may reach (the 2021 report covers 2020).
const YEARS_BEFORE_TITLE: i32 = 3;

/// Share of the dated entries a year must hold to count as covered when the period is read
/// from the dates themselves (a lone typo year never does).
const ATTESTED_YEAR_SHARE: usize = 10;

/// The period read from the dates themselves: from 1 January of the first to 31 December of the
/// last year that holds at least one entry in [`ATTESTED_YEAR_SHARE`] (and at least two), and,
/// when the title names a year, lies in the [`YEARS_BEFORE_TITLE`] years up to it.
fn period_from_dates(classes: &[Chron], title_year: Option<i32>) -> Option<(Ymd, Ymd)> {
    let mut years: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for c in classes {
        if let Chron::Date { expr, .. } = c {
            if matches!(expr.form, DateForm::Day | DateForm::Month) {
                *years.entry(expr.start.y).or_default() += 1;
            }
        }
    }
    let total: usize = years.values().sum();
    let min = (total / ATTESTED_YEAR_SHARE).max(2);
    let fits = |y: i32| title_year.is_none_or(|t| (t - YEARS_BEFORE_TITLE..=t).contains(&y));
    let attested: Vec<i32> = years.iter().filter(|&(&y, &n)| n >= min && fits(y)).map(|(&y, _)| y).collect();
    Some((Ymd::first_of(*attested.first()?, 1)?, Ymd::last_of(*attested.last()?, 12)?))
}

/// Classify the appendix lines in their [`LineStyle`], read from the lines themselves:
/// - a year heading (`2022 年`) gives its year to the dates printed without one below it; a
///   chronology that never prints a year in a date reads them in the year of its period that
///   holds their month (a period of at most twelve months names each month once);
/// - a comma or colon separates dates from their text (`2022年7月1日，…`) only when more date
///   lines are written so than with a space: elsewhere such a line is a description sentence.
fn classify_all<'a, 'l>(lines: impl Iterator<Item = &'l Line<'a>> + Clone, period: Option<(Ymd, Ymd)>) -> Vec<Chron<'a>>
where
    'a: 'l,
{
    // The text of each line is read once, in the most accepting style (any separator, dates
    // without a year read in a stand-in year): what is not a date then is not a date in any
    // style. The lines whose reading depends on the style are read again below.
    let probe = LineStyle { year: None, comma: true };
    let probed: Vec<(&Line<'a>, Chron<'a>, bool)> = lines
        .map(|l| {
            let (c, own_year) = classify_probing(l, probe, Some(2000));
            (l, c, own_year)
        })
        .collect();
    // Count the two ways of separating a date from its text (dates with or without a year).
    let (mut spaced, mut commas, mut with_year) = (0usize, 0usize, 0usize);
    for (_, c, _) in &probed {
        if let Chron::Date { text, rest, .. } = c {
            if comma_separated(rest) {
                commas += 1;
            } else {
                spaced += 1;
            }
            with_year += usize::from(text.contains('年'));
        }
    }
    let comma = commas > spaced;
    // Without any year in a date and without year headings, the period places each month.
    let from_period = period.filter(|(s, e)| with_year == 0 && e.y - s.y <= 1 && (e.y, e.m) < (s.y + 1, s.m));
    let probed = demote_year_fragments(probed);
    let mut year = None;
    probed
        .into_iter()
        .map(|(l, probed, own_year)| {
            let style = LineStyle { year: year.or(from_period.map(|(s, _)| s.y)), comma };
            // A date read with its own year and allowed separator reads the same in any style.
            let mut c = match probed {
                Chron::Date { rest, .. } if !own_year || (!comma && comma_separated(rest)) => classify(l, style),
                c => c,
            };
            if let Chron::Year { year: y } = c {
                year = Some(y);
            } else if let (None, Some((s, e)), Chron::Date { expr, .. }) = (year, from_period, &c) {
                if expr.start < s {
                    c = classify(l, LineStyle { year: Some(e.y), comma });
                }
            }
            c
        })
        .collect()
}

/// A bare number read as a year heading (`2019`) whose next line goes on with `年` (`年出口中，…`)
/// is a piece of a sentence that the tool cut around the number (pdftotext prints the pieces of a
/// justified line between blank lines): it is text, not a year heading.
fn demote_year_fragments<'a, 'l>(
    mut probed: Vec<(&'l Line<'a>, Chron<'a>, bool)>,
) -> Vec<(&'l Line<'a>, Chron<'a>, bool)> {
    for k in 0..probed.len() {
        let fragment = matches!(probed[k].1, Chron::Year { .. })
            && !probed[k].0.text.contains('年')
            && probed.get(k + 1).is_some_and(|(n, _, _)| n.trimmed().starts_with('年'));
        if fragment {
            probed[k].1 = Chron::Text { text: probed[k].0.trimmed(), marked: false };
        }
    }
    probed
}

/// Parse the appendix region (the lines after the `附录` heading line).
/// `heading` is the `附录` line; `inline_title` the title printed on it after `附录：`, if any.
/// The period is the one named in the chronology title, else the one `hint` says the report
/// states, else the one read from the dates.
pub fn parse_appendix(
    heading: &Line,
    inline_title: &str,
    lines: &[Line],
    hint: &PeriodHint,
) -> (Chronology, Vec<Diagnostic>) {
    let nonblank: Vec<(usize, &Line)> = lines.iter().enumerate().filter(|(_, l)| !l.is_blank()).collect();
    let (title, title_span, first) = appendix_title(heading, inline_title, &nonblank);
    let body = &nonblank[first.min(nonblank.len())..];
    let (period, classes, mut diags) = appendix_period(&title, title_span, body, hint);
    let heads = category_heads(lines, body, &classes);
    let ranges = category_ranges(&heads, body, &mut diags);
    let across = across_page_break(lines, body);
    let under = printed_under(lines, body);
    let categories = parse_categories(&ranges, body, &classes, &across, &under, period, &mut diags);
    // The title may be a line of its own after the heading: the span covers it even when no
    // category follows (a repeated appendix is covered by its span alone, see `set_once`).
    let head = heading.span().join(title_span);
    let span = categories.last().map_or(head, |c| head.join(c.span));
    let chronology = Chronology {
        id: String::new(),
        title,
        title_span,
        period: period.map(|(s, e)| DateRange { start: s.to_string(), end: e.to_string() }),
        heading_span: heading.span(),
        span,
        categories,
    };
    (chronology, diags)
}

/// For each of the body's lines, whether it follows the one before it across a page break only:
/// the lines between them are blank and one of them stands for a break
/// ([`crate::parse::pages::PAGE_BREAK`], where the page furniture was taken out).
fn across_page_break(lines: &[Line], body: &[(usize, &Line)]) -> Vec<bool> {
    let mut across = vec![false; body.len()];
    for k in 1..body.len() {
        let between = lines.get(body[k - 1].0 + 1..body[k].0).unwrap_or_default();
        across[k] =
            between.iter().all(|l| l.is_blank()) && between.iter().any(|l| l.text == crate::parse::pages::PAGE_BREAK);
    }
    across
}

/// For each of the body's lines, whether it is printed directly under the one before it: the
/// next line of the input. In a dump printed one layout box at a time, whose blank lines
/// [`crate::parse::boxes::box_lines`] took out (the line table holds no blank line but page
/// breaks, and most body lines that follow one another there are numbered apart), it is the
/// next line of the table instead.
fn printed_under(lines: &[Line], body: &[(usize, &Line)]) -> Vec<bool> {
    let next_in_table = |k: usize| k > 0 && body[k].0 == body[k - 1].0 + 1;
    let next_in_input = |k: usize| k > 0 && body[k].1.no == body[k - 1].1.no + 1;
    let spaced = (1..body.len()).filter(|&k| next_in_table(k) && !next_in_input(k)).count();
    let boxed =
        spaced * 2 > body.len() && lines.iter().all(|l| !l.is_blank() || l.text == crate::parse::pages::PAGE_BREAK);
    (0..body.len()).map(|k| next_in_input(k) || (boxed && next_in_table(k))).collect()
}

/// The chronology's title: the one printed on the heading line, else the first non-blank line
/// after it. Returns (title, its span, how many of `nonblank` it takes).
fn appendix_title(heading: &Line, inline_title: &str, nonblank: &[(usize, &Line)]) -> (String, Span, usize) {
    if !inline_title.is_empty() {
        (inline_title.to_string(), heading.span(), 0)
    } else if let Some((_, l)) = nonblank.first() {
        (trim(l.text).to_string(), l.span(), 1)
    } else {
        (String::new(), heading.span(), 0)
    }
}

/// The chronology's period, the classes of its lines (read in that period) and the
/// diagnostics that say where the period came from: the title, else the period the report
/// states (`hint`), else the years its dates cover.
#[allow(clippy::type_complexity)]
fn appendix_period<'a>(
    title: &str,
    title_span: Span,
    body: &[(usize, &Line<'a>)],
    hint: &PeriodHint,
) -> (Option<(Ymd, Ymd)>, Vec<Chron<'a>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut period = find_period(title);
    let mut period_note = None;
    if period.is_none() {
        if let Some((p, span)) = hint.stated {
            period = Some(p);
            period_note = Some(Diagnostic::new(
                DiagnosticCode::ChronologyPeriodStated,
                format!(
                    "the chronology title {title:?} names no period; the period {}..{} stated in the report is used",
                    p.0, p.1
                ),
                Some(span),
            ));
        }
    }
    let classes = classify_all(body.iter().map(|(_, l)| *l), period);
    if let Some(d) = period_note {
        diags.push(d);
    } else if period.is_none() {
        if let Some(p) = period_from_dates(&classes, hint.title_year) {
            period = Some(p);
            diags.push(Diagnostic::new(
                DiagnosticCode::ChronologyPeriodFromDates,
                format!(
                    "neither the chronology title {title:?} nor the report states a period; {}..{} is read from the years its dates cover",
                    p.0, p.1
                ),
                Some(title_span),
            ));
        } else {
            diags.push(Diagnostic::new(
                DiagnosticCode::ChronologyPeriodUnknown,
                format!(
                    "no period could be read from the chronology title {title:?}; dates are not checked against it"
                ),
                Some(title_span),
            ));
        }
    }
    (period, classes, diags)
}

/// The category headings among the body's lines (indexes into `body`): a short unmarked text
/// line with blank lines around it, followed by a dated line, and not the title of a date-only
/// line above it.
fn category_heads(lines: &[Line], body: &[(usize, &Line)], classes: &[Chron]) -> Vec<usize> {
    let is_blank_at = |idx: usize| lines.get(idx).is_none_or(|l| l.is_blank());
    let mut heads: Vec<usize> = Vec::new();
    for (k, c) in classes.iter().enumerate() {
        let Chron::Text { text, marked: false } = c else {
            continue;
        };
        let n = text.chars().take(CATEGORY_MAX_CHARS + 1).count();
        // A category's name is a phrase: one holding a sentence end is a piece of a description
        // (`亿美元。在`, where pdftotext cut a justified line into pieces between blank lines).
        let closed = text.ends_with(|ch: char| is_terminal_punct(ch) || matches!(ch, '，' | '、' | '。' | ','))
            || text.contains(['。', '！', '？', '；']);
        let next_is_date = matches!(classes.get(k + 1), Some(Chron::Date { .. } | Chron::Year { .. }));
        let prev_is_date_only = k > 0 && is_date_only(&classes[k - 1]);
        let (idx, _) = body[k];
        let alone = (idx == 0 || is_blank_at(idx - 1)) && is_blank_at(idx + 1);
        // Without blank lines (a dump of wrapped lines): a short line between the end of a
        // sentence, or of a numbered item that closes its title (`3.《…协定》`), and a date line.
        let after_sentence = || k == 0 || ends_sentence(&classes[k - 1]) || closes_item(&classes[k - 1]);
        if n <= CATEGORY_MAX_CHARS && !closed && next_is_date && !prev_is_date_only && (alone || after_sentence()) {
            heads.push(k);
        }
    }
    heads
}

/// Whether a classified line ends a sentence (`。`, `！`, `？`, or a closing quote after one).
fn ends_sentence(c: &Chron) -> bool {
    let text = match c {
        Chron::Text { text, .. } | Chron::Item { text, .. } => *text,
        Chron::Date { rest, .. } => *rest,
        _ => return false,
    };
    let t = trim(text).trim_end_matches(['”', '’', '"', '）', ')', '》']);
    t.ends_with(['。', '！', '？', '!', '?'])
}

/// Whether a classified line is a numbered item that ends with the closing bracket of a title it
/// opened (`3.《中俄两国政府关于加强基础研究合作的协定》`): a list of documents ends so, without a
/// full stop, and a short line after it cannot be the item's wrapped rest.
fn closes_item(c: &Chron) -> bool {
    match c {
        Chron::Item { text, .. } => {
            let t = trim(text);
            t.ends_with(['》', '）', ')']) && !unclosed_bracket(t)
        }
        _ => false,
    }
}

/// The categories' line ranges in `body`: (heading, first line, end). Lines before the first
/// heading belong to no category (a diagnostic says so).
fn category_ranges(
    heads: &[usize],
    body: &[(usize, &Line)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Option<usize>, usize, usize)> {
    let first_head = heads.first().copied().unwrap_or(body.len());
    let mut ranges: Vec<(Option<usize>, usize, usize)> = Vec::new();
    if first_head > 0 {
        ranges.push((None, 0, first_head));
        diags.push(Diagnostic::new(
            DiagnosticCode::ChronologyWithoutCategory,
            "chronology lines before the first category heading; collected in a category with an empty name",
            Some(body[0].1.span().join(body[first_head - 1].1.span())),
        ));
    }
    for (h, &k) in heads.iter().enumerate() {
        let end = heads.get(h + 1).copied().unwrap_or(body.len());
        ranges.push((Some(k), k + 1, end));
    }
    ranges
}

/// Parse each category's lines (in parallel), in order; their diagnostics go to `diags`.
fn parse_categories(
    ranges: &[(Option<usize>, usize, usize)],
    body: &[(usize, &Line)],
    classes: &[Chron],
    across: &[bool],
    under: &[bool],
    period: Option<(Ymd, Ymd)>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Category> {
    let measure = line_measure(body, classes);
    let cut = measure.is_some_and(|m| cuts_after_marks(body, classes, m));
    let (starts, cut_full) = if cut { cut_line_starts(body, classes, under) } else { (vec![true; body.len()], None) };
    // A title wraps at the measure of its printed lines: in a dump cutting them into pieces,
    // the one the pieces sum to (the widest tenth of the pieces falls short of it).
    let measures = (measure, cut_full.or(measure));
    let results: Vec<(Category, Vec<Diagnostic>)> = ranges
        .par_iter()
        .map(|&(head, from, to)| {
            let (name, heading_span) = match head {
                Some(k) => (trim(body[k].1.text).to_string(), body[k].1.span()),
                None => (String::new(), body[from].1.span()),
            };
            let lines: Vec<&Line> = body[from..to].iter().map(|(_, l)| *l).collect();
            let layout = (&under[from..to], &starts[from..to]);
            let (entries, d) =
                parse_category(&lines, &classes[from..to], &across[from..to], layout, period, measures, cut);
            let span = entries.last().map_or(heading_span, |e| heading_span.join(e.span));
            (Category { id: String::new(), name, heading_span, span, entries }, d)
        })
        .collect();
    let mut categories = Vec::with_capacity(results.len());
    for (c, d) in results {
        categories.push(c);
        diags.extend(d);
    }
    categories
}

/// Whether each line of `body` starts a printed line, in a chronology that cuts its printed
/// lines after their punctuation: the text lines printed one under another are summed into
/// printed lines of the measure [`cut::measure`] reads from them ([`cut::line_starts`]). Every
/// line does where that measure is not found.
fn cut_line_starts(body: &[(usize, &Line)], classes: &[Chron], under: &[bool]) -> (Vec<bool>, Option<usize>) {
    let mut starts = vec![true; body.len()];
    let text = |k: usize| matches!(classes[k], Chron::Text { .. });
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut k = 0;
    while k < body.len() {
        let start = k;
        k += 1;
        if text(start) {
            while k < body.len() && text(k) && under[k] {
                k += 1;
            }
            runs.push(start..k);
        }
    }
    let texts: Vec<Vec<&str>> = runs.iter().map(|r| body[r.clone()].iter().map(|(_, l)| l.text).collect()).collect();
    let Some(full) = cut::measure(&texts) else { return (starts, None) };
    for (run, t) in runs.iter().zip(&texts) {
        starts[run.clone()].copy_from_slice(&cut::line_starts(t, full));
    }
    (starts, Some(full))
}

fn parse_category(
    lines: &[&Line],
    classes: &[Chron],
    across: &[bool],
    (under, starts): (&[bool], &[bool]),
    period: Option<(Ymd, Ymd)>,
    (measure, wrap_measure): (Option<usize>, Option<usize>),
    cut: bool,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    // The first line of a category is under its heading, not under the line before it.
    let under: Vec<bool> = (0..lines.len()).map(|k| k > 0 && under[k]).collect();
    let layout = Layout { dense: dense(&under), spaced: spaced(&under), cut };
    for (k, (line, class)) in lines.iter().zip(classes).enumerate() {
        let span = line.span();
        if starts[k] && starts_undated_entry(lines, &under, classes, k, drafts.last(), layout, measure) {
            // A title whose date was lost: a new entry, flagged `date_missing` by `finish`.
            if let Chron::Text { text, .. } = class {
                let mut d = Draft::new(span);
                d.title = clean_title(text);
                drafts.push(d);
                continue;
            }
        }
        match class {
            Chron::Date { expr, text, rest } => drafts.push(dated_draft(span, *expr, text, rest)),
            Chron::Year { year } => diags.push(year_heading_note(classes, k, line, *year)),
            Chron::TitleEnd { text } => title_end(&mut drafts, text, span),
            Chron::Item { number, text } if !text.is_empty() || next_item(drafts.last(), *number) => {
                item_line(drafts.last_mut(), *number, text, line, &mut diags)
            }
            Chron::Item { .. } | Chron::Text { .. } => {
                let text = match class {
                    Chron::Text { text, .. } => text,
                    _ => line.trimmed(),
                };
                let around = Around {
                    measure: wrap_measure,
                    follows: under[k] || (k > 0 && across.get(k).copied().unwrap_or(false)),
                    next: match classes.get(k + 1) {
                        Some(Chron::Text { text, .. }) => Some(*text),
                        _ => None,
                    },
                };
                text_line(drafts.last_mut(), text, line, around, &mut diags)
            }
        }
    }
    let mut entries: Vec<Entry> = drafts.into_iter().map(|d| finish(d, period, &mut diags)).collect();
    correct_years(&mut entries, period, &mut diags);
    flag_order(&mut entries, &mut diags);
    for e in &mut entries {
        e.flags.sort_by_key(|f| f.as_str());
        e.flags.dedup();
    }
    (entries, diags)
}

/// The entry a dated line starts: its date, and the title printed after it (bold, possibly
/// open; tab-separated from a description; or none yet, awaited on the next line).
fn dated_draft(span: Span, expr: DateExpr, text: &str, rest: &str) -> Draft {
    let mut d = Draft::new(span);
    d.date = Some((expr, text.to_string()));
    // `2022年7月1日，…`: the separator is not part of the text.
    let r = trim(rest);
    let r = if comma_separated(r) { trim(r.trim_start_matches(['，', ',', '：', ':'])) } else { r };
    if r.is_empty() {
        d.awaiting_title = true;
    } else if let Some(t) = r.strip_prefix("**") {
        if let Some(t) = t.strip_suffix("**") {
            d.title = clean_title(t);
        } else {
            d.title = clean_title(t);
            d.title_open = true;
        }
    } else if rest.starts_with('\t') {
        let spaced = text.contains(is_space);
        let (title, desc) = split_title_description(rest, spaced);
        d.title = title;
        d.push_description(&desc);
    } else {
        d.title = clean_title(r);
    }
    d
}

/// The note on a year heading (line `k`): the year it gives the dates below it printed without
/// one.
fn year_heading_note(classes: &[Chron], k: usize, line: &Line, year: i32) -> Diagnostic {
    let dated = classes[k + 1..]
        .iter()
        .take_while(|c| !matches!(c, Chron::Year { .. }))
        .filter(|c| matches!(c, Chron::Date { text, .. } if !text.contains('年')))
        .count();
    Diagnostic::new(
        DiagnosticCode::ChronologyYearHeading,
        format!(
            "the year heading {:?} dates the {dated} entries below it printed without a year as {year}",
            trim(line.text)
        ),
        Some(line.span()),
    )
}

/// The end of a bold title (`…**`): it closes the open title or gives the awaited one of the
/// current entry, else it is the title of a new entry.
fn title_end(drafts: &mut Vec<Draft>, text: &str, span: Span) {
    match drafts.last_mut() {
        Some(d) if d.title_open => {
            join_line(&mut d.title, &clean_title(text));
            d.title_open = false;
            d.span = d.span.join(span);
        }
        Some(d) if d.awaiting_title => {
            d.title = clean_title(text);
            d.awaiting_title = false;
            d.span = d.span.join(span);
        }
        _ => {
            let mut d = Draft::new(span);
            d.title = clean_title(text);
            drafts.push(d);
        }
    }
}

/// A numbered sub-list item: an item of the current entry, or its title where one was
/// expected; with no entry, unplaced text.
fn item_line(current: Option<&mut Draft>, number: u32, text: &str, line: &Line, diags: &mut Vec<Diagnostic>) {
    let span = line.span();
    match current {
        Some(d) if !d.awaiting_title && !d.title_open => {
            d.items.push(EntryItem { id: String::new(), number, text: trim(text).to_string(), span });
            d.span = d.span.join(span);
        }
        Some(d) => {
            // A numbered line where a title was expected: it is the title.
            d.title = clean_title(line.text.trim_start_matches(['-', ' ']));
            d.awaiting_title = false;
            d.title_open = false;
            d.span = d.span.join(span);
        }
        None => diags.push(unplaced(span, line.text)),
    }
}

/// What a text line's neighbours say about it (see [`text_line`]).
#[derive(Debug, Clone, Copy)]
struct Around<'x> {
    /// The chronology's measure ([`line_measure`]).
    measure: Option<usize>,
    /// The line follows the category's line before it directly, or across a page break only.
    follows: bool,
    /// The next line of the category, when it is text.
    next: Option<&'x str>,
}

/// Whether a text line goes on with the current entry's last numbered item: the item is the last
/// thing of the entry and its text is still open (`…联合声` / `明》`), the line following it
/// directly or across a page break; or its text is empty (a number printed on a line of its own,
/// `13.`), or a bracket it opened (`《`, `（`) is not closed yet, whatever blank lines or pieces
/// (`-raw` prints `（` / `“智能工厂”` / `）…` on lines of their own) come between.
fn continues_item(d: &Draft, follows: bool) -> bool {
    d.items.last().is_some_and(|it| {
        it.span.line_end == d.span.line_end
            && (trim(&it.text).is_empty() || unclosed_bracket(&it.text) || (follows && item_is_open(&it.text)))
    })
}

/// Whether a text opens a `《` or `（` that it does not close.
fn unclosed_bracket(text: &str) -> bool {
    let count = |c: char| text.matches(c).count();
    count('《') > count('》') || count('（') > count('）')
}

/// Any other text line: the current entry's awaited title, the wrapped rest of its last item,
/// or a line of its description; with no entry, unplaced text.
fn text_line(current: Option<&mut Draft>, text: &str, line: &Line, around: Around, diags: &mut Vec<Diagnostic>) {
    let span = line.span();
    let measure = around.measure;
    match current {
        Some(d) if d.awaiting_title => {
            d.title = clean_title(text);
            d.awaiting_title = false;
            d.title_full = measure.is_some_and(|m| fills_measure(text, m));
            d.title_nearly_full = measure.is_some_and(|m| nearly_fills_measure(text, m));
            d.span = d.span.join(span);
        }
        Some(d) if around.follows && starts_with_closing_mark(text) => {
            // The rest of the line above, cut before its closing mark (`…行政协议》` / `。这些…`,
            // `…我们在一起！` / `”`): it goes on with whatever that line was.
            continue_last_line(d, text, span);
        }
        Some(d)
            if (d.title_full || (d.title_nearly_full && measure.is_some_and(|m| short_title_rest(text, m))))
                && d.description.is_empty()
                && d.items.is_empty() =>
        {
            d.title_full = false;
            d.title_nearly_full = false;
            if measure.is_some_and(|m| rest_of_title(text, around.next, m)) {
                // The title wrapped (`…卡布洛夫和美` / `国阿富汗…磋商`).
                join_line(&mut d.title, &clean_title(text));
            } else {
                d.push_description(text);
            }
            d.span = d.span.join(span);
        }
        Some(d) if continues_item(d, around.follows) => {
            // The wrapped rest of a numbered item (`…联合声` / `明》`).
            if let Some(it) = d.items.last_mut() {
                join_line(&mut it.text, text);
                it.span = it.span.join(span);
            }
            d.span = d.span.join(span);
        }
        Some(d) => {
            if d.title_open {
                d.title_open = false;
                diags.push(Diagnostic::new(
                    DiagnosticCode::UnclosedBoldTitle,
                    "a bold title (`**`) is not closed; the next line is taken as the description",
                    Some(d.span),
                ));
            }
            d.push_description(text);
            d.span = d.span.join(span);
        }
        None => diags.push(unplaced(span, line.text)),
    }
}

/// Whether `text` starts with a full-width closing mark (`。这些…`, `”`, `，螃蟹…`): a line breaker
/// never starts a line so, so the line is the rest of the line above, cut by the tool before
/// the mark (`pdftotext -raw` ends a line after a closing bracket or quote and prints the
/// punctuation after it on the next).
fn starts_with_closing_mark(text: &str) -> bool {
    trim(text).chars().next().is_some_and(|c| {
        matches!(
            c,
            '、' | '。' | '，' | '；' | '：' | '？' | '！' | '）' | '」' | '』' | '》' | '〉' | '】' | '”' | '’'
        )
    })
}

/// Join the rest of a cut line (`text`, starting with a closing mark) to the last thing of the
/// entry, which the line above ended: its last numbered item, else its description, else its
/// title. No line break goes between: the mark ends the same sentence.
fn continue_last_line(d: &mut Draft, text: &str, span: Span) {
    let line_end = d.span.line_end;
    d.span = d.span.join(span);
    if let Some(it) = d.items.last_mut().filter(|it| it.span.line_end == line_end) {
        join_line(&mut it.text, text);
        it.span = it.span.join(span);
    } else if !d.description.is_empty() {
        join_line(&mut d.description, text);
    } else {
        join_line(&mut d.title, &clean_title(text));
        d.title_open = false;
        d.title_full = false;
        d.title_nearly_full = false;
    }
}

/// How far a line may stop short of the measure and still fill it, in columns (CJK two wide):
/// a justified line ends a character early where the next one may not start a line.
const FULL_LINE_SLACK: usize = 2;
/// How much narrower than the measure a title's wrapped rest is at least, in columns: the first
/// line of a description under a title that happened to fill its line is itself full (or, set
/// in from the title, a few characters narrower), while a title's rest is a short line.
const TITLE_REST_MARGIN: usize = 8;
/// Fewest text lines from which a chronology's measure is read.
const MEASURE_MIN_LINES: usize = 20;

/// The measure of a chronology printed with wrapped lines: the width that the widest tenth of
/// its text lines reach (the full lines of a justified text are most of its lines). `None` for a
/// short chronology.
fn line_measure(body: &[(usize, &Line)], classes: &[Chron]) -> Option<usize> {
    let mut widths: Vec<usize> = body
        .iter()
        .zip(classes)
        .filter(|(_, c)| matches!(c, Chron::Text { .. }))
        .map(|((_, l), _)| printed_width(l.text))
        .collect();
    if widths.len() < MEASURE_MIN_LINES {
        return None;
    }
    widths.sort_unstable_by(|a, b| b.cmp(a));
    widths.get(widths.len() / 10).copied()
}

/// Whether a line fills the measure `m` (a title that goes on in the next line).
fn fills_measure(text: &str, m: usize) -> bool {
    printed_width(text) + FULL_LINE_SLACK >= m
}

/// How far, in columns, a title's line may stop short of the measure and still be wrapped when
/// the next line is very short ([`short_title_rest`]): the measure is read from lines with
/// Latin words and digits, a bold title is set a character or two narrower (Typst:
/// `…会议在车里雅宾斯克` / `举行`, 72 columns in a measure of 76).
const NEARLY_FULL_SLACK: usize = 6;

/// Whether a title's line stops at most [`NEARLY_FULL_SLACK`] columns short of the measure `m`.
fn nearly_fills_measure(text: &str, m: usize) -> bool {
    printed_width(text) + NEARLY_FULL_SLACK >= m
}

/// Whether a line under a title that nearly filled the measure `m` is very short (a quarter of
/// the measure at most) and ends no sentence: no description's first line is so short and open
/// (a one-line description ends its sentence), so it is the title's last word or two.
fn short_title_rest(text: &str, m: usize) -> bool {
    let t = trim(text);
    printed_width(t) * 4 <= m
        && t.chars().last().is_some_and(|c| !is_terminal_punct(c) && !matches!(c, '，' | '、' | ','))
}

/// Whether the line after a title that filled the measure `m` is the title's wrapped rest: it
/// ends no sentence and stops well short of the measure; or it stops short of the measure and the
/// `next` line is the set-in first line of a description ([`set_in_line`]). A description's
/// first line is itself full or set in, and the line after it full or the last one (ending its
/// sentence), so a short line followed by a set-in one is no description's first line.
fn rest_of_title(text: &str, next: Option<&str>, m: usize) -> bool {
    let t = trim(text);
    let w = printed_width(t);
    t.chars().last().is_some_and(|c| !is_terminal_punct(c) && !matches!(c, '，' | '、' | ','))
        && (w + TITLE_REST_MARGIN <= m || (!fills_measure(t, m) && next.is_some_and(|n| set_in_line(n, m))))
}

/// Whether a line is a paragraph's set-in first line in the measure `m`: it misses the measure by
/// no more than [`TITLE_REST_MARGIN`] columns and goes on in the next line (it ends no sentence).
fn set_in_line(text: &str, m: usize) -> bool {
    let t = trim(text);
    let w = printed_width(t);
    !fills_measure(t, m)
        && w + TITLE_REST_MARGIN >= m
        && t.chars().last().is_some_and(|c| !is_terminal_punct(c) && !matches!(c, '”' | '’' | '"' | '）' | ')'))
}

/// [`join_wrapped`], but a word broken after its hyphen (`HTR-` / `PM600`, `COVID-` / `19`) is
/// joined without a space: the hyphen is the word's own.
fn join_line(text: &mut String, next: &str) {
    let next = trim(next);
    let mut tail = text.chars().rev();
    let hyphenated = tail.next() == Some('-') && tail.next().is_some_and(|c| c.is_ascii_alphanumeric());
    if hyphenated && next.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        text.push_str(next);
    } else {
        join_wrapped(text, next);
    }
}

/// Fewest characters (spaces aside) of a line taken for the title of an entry whose date was lost.
const UNDATED_TITLE_MIN_CHARS: usize = 4;
/// Longest line taken for the title of an entry whose date was lost.
const UNDATED_TITLE_MAX_CHARS: usize = 40;
/// The same, for a title with no blank line before it (a dump of wrapped lines, whose full lines
/// are longer).
const UNDATED_TITLE_UNSPACED_MAX_CHARS: usize = 30;

/// Whether a category's lines come without blank lines between entries (a dump of wrapped
/// lines): fewer than one gap for every four lines.
/// `under[k]` says whether line `k` is printed directly under line `k - 1` ([`printed_under`]).
fn dense(under: &[bool]) -> bool {
    let gaps = (1..under.len()).filter(|&k| !under[k]).count();
    under.len() >= 8 && gaps * 4 < under.len()
}

/// Whether a category's lines stand mostly apart, a blank line between most of them (a dump
/// printing one layout box at a time whose blank lines stayed in, pdfminer on Typst: the date,
/// the title and each description are boxes of their own): more gaps than half the lines.
fn spaced(under: &[bool]) -> bool {
    let gaps = (1..under.len()).filter(|&k| !under[k]).count();
    under.len() >= 8 && gaps * 2 > under.len()
}

/// Line `k` opens an entry whose date was lost (the block layout `date` / `title` /
/// `description` with the date line gone): it stands after a blank line, the entry before it is
/// complete (its text ends a sentence), it is short and reads as a title (no sentence
/// punctuation), and a description line follows directly under it.
fn starts_undated_entry(
    lines: &[&Line],
    under: &[bool],
    classes: &[Chron],
    k: usize,
    previous: Option<&Draft>,
    layout: Layout,
    measure: Option<usize>,
) -> bool {
    let Layout { dense, spaced, cut } = layout;
    let Some(Chron::Text { text, marked: false }) = classes.get(k) else { return false };
    let Some(prev) = previous else { return false };
    // The cheap conditions first: most lines fail one of them before their text is read.
    let after_gap = k > 0 && !under[k];
    // Without blank lines (wrapped dumps) a shorter line after the end of a sentence: the bold
    // that marked the title is lost, and a title is kept as an entry rather than glued into the
    // description before it.
    let max_chars = if after_gap { UNDATED_TITLE_MAX_CHARS } else { UNDATED_TITLE_UNSPACED_MAX_CHARS };
    // In a spaced layout ([`spaced`]) the description is a box of its own, after a blank line.
    let described = || {
        matches!(classes.get(k + 1), Some(Chron::Text { marked: false, .. }))
            && (under.get(k + 1).copied().unwrap_or(false) || (spaced && after_gap && k + 1 < under.len()))
    };
    let prev_text = if prev.description.is_empty() { &prev.title } else { &prev.description };
    let prev_complete = || {
        !prev.awaiting_title
            && !prev.title_open
            && prev.items.is_empty()
            && !prev.description.is_empty()
            && prev_text.chars().last().is_some_and(|c| matches!(c, '。' | '！' | '？' | '!' | '?'))
    };
    // A quoted name in a title without blank lines (`…被授予“友谊勋章”`): its quotes closed on the
    // line, and a description line under it that fills the measure (`pdftotext -raw` cuts
    // description lines into short pieces such as `“长江—伏尔加河”地区`, each over a short line).
    // The description line may itself be cut after a closing quote, its punctuation opening the
    // next piece (`…授予“友谊勋章”` / `。中国外交家…`): the two pieces together fill the measure.
    let quoted_ok = || {
        quotes_closed(trim(text))
            && measure.is_some_and(|m| description_width(lines, under, k + 1) + TITLE_REST_MARGIN >= m)
    };
    let title_like = || {
        let t = trim(text);
        at_most_chars(t, max_chars)
            && !t.contains(['。', '；', '：', ':', '，'])
            && (after_gap || (!t.contains(['、', ',', '（', '(']) && (!t.contains('“') || quoted_ok())))
            && (t.chars().last().is_some_and(|c| !is_terminal_punct(c)) || ends_with_quoted_name(t))
            && matches(scan_date_line, t).is_none()
            // A title names an event: a character or two is a piece of a cut sentence (`中` / `方表示，…`).
            && t.chars().filter(|&c| !is_space(c)).count() >= UNDATED_TITLE_MIN_CHARS
            // A bare number is a piece of a sentence cut around it (`2018` / `年秋季…`), not a title.
            && t.chars().any(|c| digit_value(c).is_none() && !is_space(c))
    };
    let gap_or_dense = after_gap || (dense && under[k]);
    gap_or_dense
        && described()
        && prev_complete()
        && title_like()
        && !last_piece_of_cut_line(lines, under, k, measure)
        && !(cut
            && measure
                .is_some_and(|m| completes_cut_line(lines, under, classes, k, m) || opens_cut_line(lines, under, k, m)))
}

/// How a category's lines are printed, as [`starts_undated_entry`] reads them.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// No blank lines between entries ([`dense`]).
    dense: bool,
    /// A blank line between most lines ([`spaced`]).
    spaced: bool,
    /// Printed lines cut after their punctuation ([`cuts_after_marks`]).
    cut: bool,
}

/// One in this many text lines of a chronology being a short piece that stops after `，` or `、`
/// ([`cuts_after_marks`]) marks a dump that cuts its printed lines there.
const CUT_PIECE_SHARE: usize = 20;

/// Whether a dump cuts printed lines into pieces after their punctuation (`pdftotext -raw` on
/// Typst's compressed punctuation: `官员、` / `驻华使节、` / `媒体代表等 100 余人与会。` / `专家`):
/// at least one in [`CUT_PIECE_SHARE`] of the text lines stops after `，` or `、` at least
/// [`TITLE_REST_MARGIN`] columns short of the measure `m`. A dump of whole printed lines has no
/// such line (a sentence goes on to the end of its line).
fn cuts_after_marks(body: &[(usize, &Line)], classes: &[Chron], m: usize) -> bool {
    let texts: Vec<&str> = body
        .iter()
        .zip(classes)
        .filter(|(_, c)| matches!(c, Chron::Text { .. }))
        .map(|((_, l), _)| trim(l.text))
        .collect();
    let pieces =
        texts.iter().filter(|t| t.ends_with(['，', '、']) && printed_width(t) + TITLE_REST_MARGIN <= m).count();
    !texts.is_empty() && pieces * CUT_PIECE_SHARE >= texts.len()
}

/// Whether line `k` is the last piece of a printed line that a dump cutting lines after their
/// punctuation ([`cuts_after_marks`]) cut (`…100 余人与会。` / `专家`, the sentence going on in
/// `学者讨论了…`): some of the pieces above it, directly above, no further back than the last line
/// that ends without a mark (where a printed line ended: the tool cuts only after a mark, or
/// before an opening quote or bracket, `…塔斯社是` / `“一带一路”` / `倡议…之一。` / `在`; the printed
/// line may start after any of the marks between), make up with it one full
/// printed line of the measure `m`, at least the measure less [`FULL_LINE_SLACK`] and at most
/// [`NEARLY_FULL_SLACK`] over it (the measure is read from lines with Latin words and digits, a
/// line of CJK characters only is set wider). A title after a description's short last line
/// makes a longer sum.
fn completes_cut_line(lines: &[&Line], under: &[bool], classes: &[Chron], k: usize, m: usize) -> bool {
    let mut first = k;
    while first > 0
        && under[first]
        && matches!(classes[first - 1], Chron::Text { .. })
        && (trim(lines[first - 1].text).chars().last().is_some_and(cjk_mark)
            || trim(lines[first].text).starts_with(['“', '《', '（']))
    {
        first -= 1;
    }
    let mut full = printed_width(lines[k].text);
    for j in (first..k).rev() {
        full += printed_width(lines[j].text);
        if full + FULL_LINE_SLACK >= m && full <= m + NEARLY_FULL_SLACK {
            return true;
        }
    }
    false
}

/// Whether line `k` starts a printed line that a dump cutting lines after their punctuation
/// ([`cuts_after_marks`]) cut before an opening quote or bracket (`各方肯定了…对于根据` /
/// `“引渡或审判”` / `原则对…提出诉讼` / `的重要性。`): the line under it opens with one, and the pieces
/// from `k` on, directly under one another, up to the first that ends without a mark before a
/// piece that opens without one, make one full printed line of the measure `m` (as in
/// [`completes_cut_line`]), or fit in one where the page ends after them (the line goes on on
/// the next page). A title is a printed line of its own: with a description's quoted opening
/// words it makes a line that stops short of the measure, or runs past it.
fn opens_cut_line(lines: &[&Line], under: &[bool], k: usize, m: usize) -> bool {
    let directly_under = |j: usize| j < lines.len() && under[j];
    if !directly_under(k + 1) || !trim(lines[k + 1].text).starts_with(OPENING_MARKS) {
        return false;
    }
    let mut full = printed_width(lines[k].text);
    let mut j = k + 1;
    loop {
        full += printed_width(lines[j].text);
        if full > m + NEARLY_FULL_SLACK {
            return false;
        }
        let ends_with_mark = trim(lines[j].text).chars().last().is_some_and(cjk_mark);
        let next_with_mark = directly_under(j + 1) && trim(lines[j + 1].text).chars().next().is_some_and(cjk_mark);
        if !ends_with_mark && !next_with_mark {
            break;
        }
        if !directly_under(j + 1) {
            break;
        }
        j += 1;
    }
    full + FULL_LINE_SLACK >= m || !directly_under(j + 1)
}

/// Opening quotes and brackets: `pdftotext -raw` cuts a printed line before one.
const OPENING_MARKS: [char; 7] = ['“', '‘', '《', '（', '「', '『', '〈'];

/// Whether line `k` is the last piece of a printed line the tool cut in pieces (`话剧《…》` /
/// `。演出在…举行。` / `《…》上演`): the line above it, directly above, is a piece (it starts with
/// a closing mark, [`starts_with_closing_mark`]), and the pieces from the one that starts the
/// printed line through `k` make up one full line of the measure `m`: at full width at least
/// the measure less [`FULL_LINE_SLACK`], with every CJK mark set half wide (a typesetter squeezes
/// adjacent marks) at most the measure plus it. A title of its own after the short last line of
/// a description makes a longer sum, or one that falls short of the measure.
fn last_piece_of_cut_line(lines: &[&Line], under: &[bool], k: usize, measure: Option<usize>) -> bool {
    let Some(m) = measure else { return false };
    let directly_under = |j: usize| j > 0 && under[j];
    if !directly_under(k) || !starts_with_closing_mark(lines[k - 1].text) {
        return false;
    }
    let mut first = k - 1;
    while directly_under(first) && starts_with_closing_mark(lines[first].text) {
        first -= 1;
    }
    let full: usize = lines[first..=k].iter().map(|l| printed_width(l.text)).sum();
    let marks = lines[first..=k].iter().flat_map(|l| trim(l.text).chars()).filter(|&c| cjk_mark(c)).count();
    full + FULL_LINE_SLACK >= m && full.saturating_sub(marks) <= m + FULL_LINE_SLACK
}

/// A CJK punctuation mark (not an ideograph): a glyph a typesetter may set half wide.
fn cjk_mark(c: char) -> bool {
    is_cjk(c) && !c.is_alphanumeric()
}

/// The printed width of line `k`, with the piece after it when `pdftotext -raw` cut the line
/// before its punctuation (the next line, directly under it, opens with `。`, `，`, `、` or `；`).
fn description_width(lines: &[&Line], under: &[bool], k: usize) -> usize {
    let Some(line) = lines.get(k) else { return 0 };
    let width = printed_width(line.text);
    match lines.get(k + 1) {
        Some(n) if under.get(k + 1).copied().unwrap_or(false) && trim(n.text).starts_with(['。', '，', '、', '；']) => {
            width + printed_width(n.text)
        }
        _ => width,
    }
}

/// Whether every `“` of a line is closed by a `”` after it on the line (a quoted name in a title,
/// `…被授予“友谊勋章”`), as opposed to a quotation wrapped from or to another line.
fn quotes_closed(t: &str) -> bool {
    let mut open = false;
    for c in t.chars() {
        match c {
            '“' if open => return false,
            '“' => open = true,
            '”' if !open => return false,
            '”' => open = false,
            _ => {}
        }
    }
    !open
}

/// Whether a line ends with a quoted name (`…授予“友谊勋章”`): a closing quote after no sentence
/// punctuation, its quotes closed on the line.
fn ends_with_quoted_name(t: &str) -> bool {
    let mut rev = t.chars().rev();
    rev.next() == Some('”') && rev.next().is_some_and(|c| !is_terminal_punct(c)) && quotes_closed(t)
}

/// An item whose text stops where no item ends (not after `》`, `。`, `；`…): its line was wrapped.
fn item_is_open(text: &str) -> bool {
    text.chars()
        .last()
        .is_some_and(|c| !is_terminal_punct(c) && !matches!(c, '》' | '）' | ')' | '”' | '；' | ';' | '，' | '、'))
}

fn unplaced(span: Span, text: &str) -> Diagnostic {
    let shown: String = trim(text).chars().take(40).collect();
    Diagnostic::new(
        DiagnosticCode::UnplacedText,
        format!("chronology text that belongs to no entry: {shown:?}"),
        Some(span),
    )
}

fn finish(d: Draft, period: Option<(Ymd, Ymd)>, diags: &mut Vec<Diagnostic>) -> Entry {
    let mut flags = Vec::new();
    let span = d.span;
    if d.awaiting_title || d.title.is_empty() {
        diags.push(Diagnostic::new(DiagnosticCode::EntryWithoutTitle, "a chronology entry has no title", Some(span)));
    }
    let date = match d.date {
        None => {
            flags.push(Flag::DateMissing);
            diags.push(Diagnostic::new(
                DiagnosticCode::DateMissing,
                format!("the date of entry {:?} was lost; start and end are null", d.title),
                Some(span),
            ));
            EntryDate { text: None, start: None, end: None, precision: None, literal: None }
        }
        Some((expr, text)) => {
            let literal = DateRange { start: expr.start.to_string(), end: expr.end.to_string() };
            match expr.form {
                DateForm::Day => as_printed(text, literal, Precision::Day),
                DateForm::Month => as_printed(text, literal, Precision::Month),
                DateForm::Garbled => {
                    flags.push(Flag::DateGarbled);
                    diags.push(Diagnostic::new(
                        DiagnosticCode::DateGarbled,
                        format!("the date {text:?} cannot be read as a valid date; only its month is kept"),
                        Some(span),
                    ));
                    as_printed(text, literal, Precision::Month)
                }
                DateForm::MonthForDay => {
                    let day = expr.day_as_printed.and_then(|dd| Ymd::new(expr.start.y, expr.start.m, dd));
                    match day {
                        Some(day) => {
                            flags.push(Flag::MonthForDay);
                            flags.push(Flag::DateCorrected);
                            diags.push(Diagnostic::new(DiagnosticCode::DateMonthForDay, format!(
                                    "{text:?} has 月 where 日 was meant; read as {day} (the literal reading is the months {} to {})",
                                    literal.start, literal.end
                                ),
                                Some(span),
                            ));
                            EntryDate {
                                text: Some(text),
                                start: Some(day.to_string()),
                                end: Some(day.to_string()),
                                precision: Some(Precision::Day),
                                literal: Some(literal),
                            }
                        }
                        None => {
                            flags.push(Flag::DateGarbled);
                            diags.push(Diagnostic::new(
                                DiagnosticCode::DateGarbled,
                                format!(
                                    "the date {text:?} cannot be read as a valid date; kept as the months it names"
                                ),
                                Some(span),
                            ));
                            as_printed(text, literal, Precision::Month)
                        }
                    }
                }
            }
        }
    };
    let _ = period;
    Entry {
        id: String::new(),
        date,
        title: d.title,
        description: d.description,
        items: d.items,
        flags,
        page: None,
        span,
    }
}

/// A date read as printed (no correction).
fn as_printed(text: String, literal: DateRange, precision: Precision) -> EntryDate {
    EntryDate {
        text: Some(text),
        start: Some(literal.start),
        end: Some(literal.end),
        precision: Some(precision),
        literal: None,
    }
}

fn start_of(e: &Entry) -> Option<Ymd> {
    e.date.start.as_deref().and_then(Ymd::parse_iso)
}

/// Flag dates whose start lies outside the period; correct the year when exactly one year of
/// the period fits the month and day and the entry's neighbours.
fn correct_years(entries: &mut [Entry], period: Option<(Ymd, Ymd)>, diags: &mut Vec<Diagnostic>) {
    let Some((p0, p1)) = period else { return };
    let inside = |d: Ymd| d >= p0 && d <= p1;
    let starts: Vec<Option<Ymd>> = entries.iter().map(start_of).collect();
    for k in 0..entries.len() {
        let Some(s) = starts[k] else { continue };
        if inside(s) {
            continue;
        }
        let e = &mut entries[k];
        e.flags.push(Flag::OutOfPeriod);
        let prev = starts[..k].iter().rev().flatten().copied().find(|d| inside(*d));
        let next = starts[k + 1..].iter().flatten().copied().find(|d| inside(*d));
        let candidates: Vec<i32> = (p0.y..=p1.y)
            .filter(|&y| Ymd::new(y, s.m, s.d).is_some_and(inside))
            .filter(|&y| {
                let c = Ymd { y, m: s.m, d: s.d };
                prev.is_none_or(|p| p <= c) && next.is_none_or(|n| c <= n)
            })
            .collect();
        let text = e.date.text.clone().unwrap_or_default();
        if let ([y], Some(end)) = (candidates.as_slice(), e.date.end.as_deref().and_then(Ymd::parse_iso)) {
            let shift = y - s.y;
            let new_start = Ymd { y: *y, ..s };
            let new_end = Ymd::new(end.y + shift, end.m, end.d).unwrap_or(new_start);
            e.date.literal = Some(DateRange { start: s.to_string(), end: end.to_string() });
            e.date.start = Some(new_start.to_string());
            e.date.end = Some(new_end.to_string());
            e.flags.push(Flag::DateCorrected);
            diags.push(Diagnostic::new(DiagnosticCode::DateYearCorrected, format!(
                    "{text:?} lies outside the period {p0}..{p1}; the year is read as {y}, the only year of the period that fits its neighbours"
                ),
                Some(e.span),
            ));
        } else {
            diags.push(Diagnostic::new(
                DiagnosticCode::DateOutOfPeriod,
                format!("{text:?} lies outside the period {p0}..{p1}; kept as printed"),
                Some(e.span),
            ));
        }
    }
}

/// A date as an order key at its own precision.
#[derive(Debug, Clone, Copy)]
struct OrderKey {
    start: Ymd,
    month_only: bool,
}

/// `a` comes strictly before `b`, compared at the coarser precision of the two: a month-only
/// date is neither before nor after a day of its own month.
fn before(a: OrderKey, b: OrderKey) -> bool {
    if a.month_only || b.month_only {
        (a.start.y, a.start.m) < (b.start.y, b.start.m)
    } else {
        a.start < b.start
    }
}

/// Flag the entry that breaks the order of a category: at each descent `d[i] < d[i-1]`, the
/// previous entry when the one before it is not later than `d[i]`, else the entry itself.
/// Dates are the corrected starts (a corrected typo never makes its neighbours out of order;
/// an uncorrectable one is left out)
/// compared at the coarser precision of the two (a month-only or unreadable-day date is in order
/// with every day of its month).
fn flag_order(entries: &mut [Entry], diags: &mut Vec<Diagnostic>) {
    // A date outside the period that could not be corrected is not evidence of order (it has
    // its own flag): it is left out of the walk.
    let judged = |e: &Entry| !e.flags.contains(&Flag::OutOfPeriod) || e.flags.contains(&Flag::DateCorrected);
    let dated: Vec<(usize, OrderKey)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| judged(e))
        .filter_map(|(k, e)| {
            let month_only = e.date.precision == Some(Precision::Month);
            start_of(e).map(|start| (k, OrderKey { start, month_only }))
        })
        .collect();
    let mut flagged: Vec<usize> = Vec::new();
    for i in 1..dated.len() {
        if before(dated[i].1, dated[i - 1].1) {
            // The entry before the previous one decides; a month-only date of `d[i]`'s own month
            // says nothing about the day, so the nearest earlier date that does decides.
            let same_month = |a: OrderKey, b: OrderKey| (a.start.y, a.start.m) == (b.start.y, b.start.m);
            let witness = (0..i.saturating_sub(1))
                .rev()
                .map(|j| dated[j].1)
                .find(|&w| !(w.month_only && same_month(w, dated[i].1)));
            let odd = if witness.is_some_and(|w| !before(dated[i].1, w)) { i - 1 } else { i };
            flagged.push(dated[odd].0);
        }
    }
    flagged.dedup();
    for k in flagged {
        let e = &mut entries[k];
        if !e.flags.contains(&Flag::OutOfOrder) {
            e.flags.push(Flag::OutOfOrder);
            diags.push(Diagnostic::new(
                DiagnosticCode::DateOutOfOrder,
                format!(
                    "{:?} breaks the chronological order of its category; kept as printed",
                    e.date.text.clone().unwrap_or_default()
                ),
                Some(e.span),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lex::split_lines;

    fn parse(text: &str) -> (Chronology, Vec<Diagnostic>) {
        let lines = split_lines(text);
        parse_appendix(&lines[0], "", &lines[1..], &PeriodHint::default())
    }

    /// A dump printed box by box (a blank line after every line, taken out of the table by
    /// `box_lines`) reads as the same dump printed line by line: an entry whose date was lost is
    /// found under the end of the entry before it.
    #[test]
    fn a_box_printed_chronology_reads_as_its_lines() {
        let mut dense = String::from("附录\n2021年中俄关系大事记\n政治对话\n");
        for d in 1..=4 {
            dense.push_str(&format!("2021年3月{d}日\n两国外长举行会谈\n双方就共同关心的问题交换了意见。\n"));
        }
        dense.push_str("议会合作委员会会议举行\n双方表示将加强交流。\n2021年5月1日\n两国元首通话\n双方通话。\n");
        let boxed = dense.replace('\n', "\n\n");
        let lines = split_lines(&boxed);
        let table: Vec<Line> = lines.iter().filter(|l| !l.is_blank()).copied().collect();
        let (c, _) = parse_appendix(&table[0], "", &table[1..], &PeriodHint::default());
        let (want, _) = parse(&dense);
        let titles =
            |c: &Chronology| -> Vec<String> { c.categories[0].entries.iter().map(|e| e.title.clone()).collect() };
        assert_eq!(titles(&c), titles(&want));
        assert_eq!(c.categories[0].entries[4].title, "议会合作委员会会议举行");
        assert_eq!(c.categories[0].entries[4].description, "双方表示将加强交流。");
    }

    /// A title that fills the measure of a wrapped dump goes on in the next line when that line
    /// is short and ends no sentence; a full-width title over a one-line description keeps it.
    #[test]
    fn a_title_wrapped_at_the_measure() {
        let full = "双方在会谈中就共同关心的国际和地区问题深入交换了意见并达成广泛共识";
        let mut text = String::from("附录\n2019年中俄关系大事记\n政治对话\n");
        for d in 1..=6 {
            text.push_str(&format!("2019年3月{d}日\n两国外长举行会谈\n{full}\n{full}\n会谈取得成果。\n"));
        }
        text.push_str(&format!("2019年4月1日\n{full}\n在莫斯科举行会谈\n{full}\n会谈取得成果。\n"));
        text.push_str(&format!("2019年4月2日\n{full}\n会谈取得成果。\n"));
        let (c, _) = parse(&text);
        let entries = &c.categories[0].entries;
        assert_eq!(entries[6].title, format!("{full}在莫斯科举行会谈"));
        assert!(entries[6].description.starts_with(full));
        assert_eq!(entries[7].title, full);
        assert_eq!(entries[7].description, "会谈取得成果。");
        assert_eq!(entries[0].title, "两国外长举行会谈");
        assert_eq!(printed_width("中 俄 两 国 AB C"), 12);
    }

    /// A title a character or two short of the measure (a bold title set narrower) goes on in a
    /// very short open line; a line of some length under it is the description.
    #[test]
    fn a_title_nearly_at_the_measure_over_its_last_word() {
        let full = "双方在会谈中就共同关心的国际和地区问题深入交换了意见并达成广泛共识";
        let near = "第七次上海合作组织成员国边境地区紧急情况管理机构负责人会议在车";
        assert!(!fills_measure(near, printed_width(full)) && nearly_fills_measure(near, printed_width(full)));
        let mut text = String::from("附录\n2019年中俄关系大事记\n政治对话\n");
        for d in 1..=6 {
            text.push_str(&format!("2019年3月{d}日\n两国外长举行会谈\n{full}\n{full}\n会谈取得成果。\n"));
        }
        text.push_str(&format!("2019年4月1日\n{near}\n举行\n{full}\n会谈取得成果。\n"));
        text.push_str(&format!("2019年4月2日\n{near}\n会谈在莫斯科举行并取得成果\n{full}。\n"));
        let (c, _) = parse(&text);
        let entries = &c.categories[0].entries;
        assert_eq!(entries[6].title, format!("{near}举行"));
        assert!(entries[6].description.starts_with(full));
        assert_eq!(entries[7].title, near);
        assert!(entries[7].description.starts_with("会谈在莫斯科"));
    }

    /// A line starting with a closing mark is the rest of the line above, cut by the tool before
    /// the mark: it goes on with the title, the last item or the description that line ended,
    /// without a line break.
    #[test]
    fn a_line_starting_with_a_closing_mark_goes_on_from_the_line_above() {
        let text = "附录\n2019年中俄关系大事记\n政治对话\n\n\
                    2019年5月20日\n中俄互动活动“我们在一起！\n”\n活动成为独特项目。\n\n\
                    2019年5月21日\n运送大豆\n集团运送了首批大豆（4400吨）\n，合作将继续进行。\n\n\
                    2019年5月22日\n签署文件\n签署的文件如下：\n1.《纪要》\n2.《行政协议》\n。这些设施与协议有关。\n";
        let (c, _) = parse(text);
        let e = &c.categories[0].entries;
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].title, "中俄互动活动“我们在一起！”");
        assert_eq!(e[0].description, "活动成为独特项目。");
        assert_eq!(e[1].description, "集团运送了首批大豆（4400吨），合作将继续进行。");
        assert_eq!(e[2].description, "签署的文件如下：");
        assert_eq!(e[2].items[1].text, "《行政协议》。这些设施与协议有关。");
        assert_eq!(e[2].items[1].span.line_end, e[2].span.line_end);
        assert!(
            starts_with_closing_mark("。这些") && starts_with_closing_mark(" ”") && !starts_with_closing_mark("“我们”")
        );
    }

    /// A short line after a piece of a cut line (`。演出…举行。`) is the printed line's last piece,
    /// not an undated title, when the pieces together make up one full line of the measure; a
    /// title after a cut last line whose pieces with it run far past the measure stays a title.
    #[test]
    fn the_last_piece_of_a_cut_line_is_no_undated_title() {
        let full = "双方在会谈中就共同关心的国际和地区问题深入交换了意见并达成广泛共识";
        let mut text = String::from("附录\n2019年中俄关系大事记\n政治对话\n");
        for d in 1..=6 {
            text.push_str(&format!("2019年3月{d}日\n两国外长举行会谈\n{full}\n{full}\n会谈取得成果。\n"));
        }
        // The measure is 66 columns; the pieces make 66 at full width, 58 with their 8 marks half
        // wide. A title after a cut last line makes 50: it falls short, and stays a title.
        let (a, b, t) = ("话剧《叶甫盖尼奥涅金》", "。演出在广州、上海和北京举行。", "《奥涅金》上演");
        text.push_str(&format!("2019年4月1日\n剧院开始巡演\n{full}\n{a}\n{b}\n{t}\n{full}\n了十一次。\n"));
        text.push_str(&format!("2019年4月2日\n剧院结束巡演\n{full}\n话剧《奥涅金》\n。演出在广州举行。\n新的话剧在北京上演\n{full}\n演出十一次。\n"));
        let (c, _) = parse(&text);
        let entries = &c.categories[0].entries;
        assert_eq!(entries.len(), 9, "{entries:#?}");
        assert!(entries[6].description.contains("举行。\n《奥涅金》上演双方"), "{:?}", entries[6].description);
        assert_eq!(entries[8].title, "新的话剧在北京上演");
        let pieces = [a, b, t, full];
        let lines: Vec<Line> = pieces.iter().enumerate().map(|(i, t)| Line::new(i as u32 + 1, 0, t)).collect();
        let refs: Vec<&Line> = lines.iter().collect();
        let under = [false, true, true, true];
        assert!(last_piece_of_cut_line(&refs, &under, 2, Some(66)));
        assert!(
            !last_piece_of_cut_line(&refs, &under, 2, Some(80)) && !last_piece_of_cut_line(&refs, &under, 2, Some(50))
        );
        assert!(!last_piece_of_cut_line(&refs, &under, 3, Some(66)));
    }

    /// In a wrapped dump without blank lines, a short line after a finished description that
    /// ends with a quoted name is an undated title when a full description line follows it; a
    /// short piece of a description cut by the tool (`“长江—伏尔加河”地区`) is not.
    /// `pdftotext -raw` on Typst cuts printed lines after their punctuation: the last piece of a
    /// cut line after a sentence's end (`…与会。` / `专家` / `学者讨论了…`) is no undated title when
    /// the pieces since the last line ending without a mark make up one printed line; a title after
    /// a description's short last line makes a longer sum and stays a title.
    #[test]
    fn the_last_piece_after_a_cut_is_no_undated_title() {
        let full = "双方在会谈中就共同关心的国际和地区问题深入交换了意见并达成广泛共识";
        let (p1, p2) = ("双方在会谈中指出，", "两国关系处于历史最好阶段。");
        let mut text = String::from("附录\n2019年中俄关系大事记\n政治对话\n");
        for d in 1..=6 {
            text.push_str(&format!(
                "2019年3月{d}日\n两国外长举行会谈\n{full}\n{p1}\n{p2}\n双方还就国际问题交换\n{full}\n"
            ));
            text.push_str("会谈取得成果。\n");
        }
        text.push_str(&format!("2019年4月1日\n剧院开始巡演\n{full}\n{p1}\n{p2}\n新的话剧在北京首次上演并获得好评\n"));
        text.push_str(&format!("{full}\n演出十一次。\n"));
        let (c, _) = parse(&text);
        let entries = &c.categories[0].entries;
        assert_eq!(entries.len(), 8, "{entries:#?}");
        assert!(entries[0].description.contains("阶段。\n双方还就国际问题交换"), "{:?}", entries[0].description);
        assert_eq!(entries[7].title, "新的话剧在北京首次上演并获得好评");
        let pieces = [full, p1, p2, "双方还就国际问题交换", "新的话剧在北京首次上演并获得好评"];
        let lines: Vec<Line> = pieces.iter().enumerate().map(|(i, t)| Line::new(i as u32 + 1, 0, t)).collect();
        let refs: Vec<&Line> = lines.iter().collect();
        let under = [false, true, true, true, true];
        let classes: Vec<Chron> = pieces.iter().map(|t| Chron::Text { text: t, marked: false }).collect();
        assert!(completes_cut_line(&refs, &under, &classes, 3, 66));
        assert!(!completes_cut_line(&refs, &under, &classes, 3, 80));
        assert!(!completes_cut_line(&refs[..2], &under, &classes, 1, 66), "a line after a whole line");
        let quoted = ["俄罗斯通讯社塔斯社是", "“一带一路”", "倡议国家的信息合作协会的创始机构之一。", "在"];
        let q: Vec<Line> = quoted.iter().enumerate().map(|(i, t)| Line::new(i as u32 + 1, 0, t)).collect();
        let qrefs: Vec<&Line> = q.iter().collect();
        let qclasses: Vec<Chron> = quoted.iter().map(|t| Chron::Text { text: t, marked: false }).collect();
        assert!(completes_cut_line(&qrefs, &[false, true, true, true], &qclasses, 3, 70), "cut before a quote");
        let (refs, under, classes) = (
            [refs[0], refs[1], refs[2], refs[4]],
            [false, true, true, true],
            [classes[0].clone(), classes[1].clone(), classes[2].clone(), classes[4].clone()],
        );
        assert!(!completes_cut_line(&refs, &under, &classes, 3, 66));
    }

    /// A dump printing a blank line after every layout box, the blank lines kept (pdfminer on
    /// Typst: the date, the title and each description are boxes of their own, a description's
    /// lines one box or several): a title after a finished description, its description a box
    /// below it, opens an entry whose date was lost.
    #[test]
    fn an_undated_title_in_a_spaced_layout() {
        let mut text = String::from("附录\n2021年中俄关系大事记\n政治对话\n\n");
        for d in 1..=4 {
            text.push_str(&format!(
                "2021年6月{d}日\n\n两国元首举行视频会晤\n\n双方宣布条约延期五年，并发表联\n\n合声明。\n\n"
            ));
        }
        text.push_str("中俄议会合作委员会会议以视频方式举行\n\n双方表示将加强立法机构的交流。\n\n");
        text.push_str("2021年9月28日\n\n代表团访华\n\n代表团举行会谈，讨论两国议会在应对外部干涉方面的\n\n合作。\n");
        let (c, _) = parse(&text);
        let entries = &c.categories[0].entries;
        assert_eq!(entries.len(), 6, "{entries:#?}");
        assert_eq!(entries[4].title, "中俄议会合作委员会会议以视频方式举行");
        assert_eq!(entries[4].flags, vec![Flag::DateMissing]);
        assert_eq!(entries[4].description, "双方表示将加强立法机构的交流。");
        assert!(entries[3].description.ends_with("合声明。"), "{:?}", entries[3].description);
        assert!(spaced(&[false, false, true, false, false, true, false, false]));
        assert!(!spaced(&[false, true, true, true, false, true, true, true]));
    }

    /// `pdftotext -raw` on Typst cuts a printed line before an opening quote: the piece before
    /// the quote starts a printed line that goes on through the quoted piece (`…对于根据` /
    /// `“引渡或审判”` / `原则对…诉讼`), no title; a title with a description that opens with
    /// quoted words makes a line short of the measure. A character or two is no title either.
    #[test]
    fn a_piece_before_a_quote_is_no_undated_title() {
        let pieces =
            ["各方肯定了相关机构交换信息对于根据", "“引渡或审判”", "原则对恐怖活动参与者提出诉讼", "的重要性。"];
        let lines: Vec<Line> = pieces.iter().enumerate().map(|(i, t)| Line::new(i as u32 + 1, 0, t)).collect();
        let refs: Vec<&Line> = lines.iter().collect();
        assert!(opens_cut_line(&refs, &[false, true, true, true], 0, 70));
        assert!(!opens_cut_line(&refs, &[false, true, true, true], 0, 90), "short of the measure");
        assert!(!opens_cut_line(&refs, &[false, true, true, true], 2, 70), "no quote under it");
        let titled = ["新的话剧在北京上演", "“一带一路”", "国际合作高峰论坛在北京举行", "双方签署合作文件。"];
        let lines: Vec<Line> = titled.iter().enumerate().map(|(i, t)| Line::new(i as u32 + 1, 0, t)).collect();
        let refs: Vec<&Line> = lines.iter().collect();
        assert!(!opens_cut_line(&refs, &[false, true, true, true], 0, 70));
        // The page ends after the quoted pieces: the line goes on on the next page.
        let paged = ["在活动框架内举行了", "“中俄关系的历史和当下：", "纪念中俄建交 70 周年”", "论文集推"];
        let lines: Vec<Line> = paged.iter().enumerate().map(|(i, t)| Line::new(i as u32 + 1, 0, t)).collect();
        let refs: Vec<&Line> = lines.iter().collect();
        assert!(opens_cut_line(&refs, &[false, true, true, true], 0, 70));
    }

    #[test]
    fn an_undated_title_ending_with_a_quoted_name() {
        let full = "双方在会谈中就共同关心的国际和地区问题深入交换了意见并达成广泛共识";
        let mut text = String::from("附录\n2019年中俄关系大事记\n政治对话\n");
        for d in 1..=6 {
            text.push_str(&format!("2019年3月{d}日\n两国外长举行会谈\n{full}\n{full}\n会谈取得成果。\n"));
        }
        text.push_str(&format!("中国大使被授予“友谊勋章”\n{full}\n会谈取得成果。\n"));
        text.push_str("“长江—伏尔加河”地区\n合作取得成果。\n");
        // `-raw` cut the description line under it after a closing quote.
        text.push_str("中国专家被授予“友谊勋章”\n俄罗斯总统向中国专家授予“友谊勋章”\n。专家因其对加强两国友谊与合\n作作出贡献而获此奖。\n");
        let (c, _) = parse(&text);
        let entries = &c.categories[0].entries;
        assert_eq!(entries.len(), 8);
        assert_eq!(entries[7].title, "中国专家被授予“友谊勋章”");
        assert_eq!(entries[6].title, "中国大使被授予“友谊勋章”");
        assert!(entries[6].description.ends_with("“长江—伏尔加河”地区合作取得成果。"));
        assert!(ends_with_quoted_name("被授予“友谊勋章”") && !ends_with_quoted_name("他说：“好。”"));
    }

    #[test]
    fn tab_layout_splits_title_and_description() {
        assert_eq!(
            split_title_description("\t峰会在杜尚别举行 27个成员国出席。", false),
            ("峰会在杜尚别举行".to_string(), "27个成员国出席。".to_string())
        );
        assert_eq!(
            split_title_description("\t制裁措施至 2021 年 2 月投弃权票。 安理会赞成。", true),
            ("制裁措施至 2021 年 2 月投弃权票。".to_string(), "安理会赞成。".to_string())
        );
    }

    #[test]
    fn full_width_digits_in_a_one_line_entry_do_not_split_the_title() {
        let wide = split_title_description("\t延长也门制裁措施至 ２０２１ 年 ２ 月投弃权票。 安理会赞成。", true);
        let ascii = split_title_description("\t延长也门制裁措施至 2021 年 2 月投弃权票。 安理会赞成。", true);
        assert_eq!(wide.0, "延长也门制裁措施至 ２０２１ 年 ２ 月投弃权票。");
        assert_eq!(wide.1, ascii.1);
        assert_eq!(split_title_description("\t峰会举行 ２７个成员国出席。", false).0, "峰会举行");
        // An unspaced date, but a text that spaces its digits: the number is part of the title.
        let (title, desc) = split_title_description("\t中俄航空运输协定延长至 ２０２３ 年底 两国民航部门同意。", false);
        assert_eq!((title.as_str(), desc.as_str()), ("中俄航空运输协定延长至 ２０２３ 年底", "两国民航部门同意。"));
    }

    fn dated(c: &Chronology) -> Vec<(String, Option<String>, Option<String>, String)> {
        c.categories
            .iter()
            .flat_map(|cat| cat.entries.iter().map(move |e| (cat, e)))
            .map(|(cat, e)| (cat.name.clone(), e.date.start.clone(), e.date.end.clone(), e.title.clone()))
            .collect()
    }

    #[test]
    fn year_headings_date_the_entries_printed_without_a_year() {
        let (c, d) = parse(
            "附录\n大事记\n\n政治对话\n\n2022 年\n\n4 月 5 日 外长通电话。\n5 月 12 日至 13 日 战略安全磋商。\n\n**2023年**\n\n1 月 9 日 总理会晤。\n\n经贸合作\n\n2023 年\n\n2 月 1 日 贸易统计发布。\n",
        );
        assert!(d.iter().all(|d| d.severity == crate::model::Severity::Info), "{d:?}");
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            dated(&c),
            [
                ("政治对话".into(), s("2022-04-05"), s("2022-04-05"), "外长通电话。".into()),
                ("政治对话".into(), s("2022-05-12"), s("2022-05-13"), "战略安全磋商。".into()),
                ("政治对话".into(), s("2023-01-09"), s("2023-01-09"), "总理会晤。".into()),
                ("经贸合作".into(), s("2023-02-01"), s("2023-02-01"), "贸易统计发布。".into()),
            ]
        );
        assert_eq!(c.categories[0].entries[0].date.text.as_deref(), Some("4 月 5 日"));
    }

    #[test]
    fn a_period_of_twelve_months_places_months_printed_without_a_year() {
        let (c, d) = parse("附录\n2022 年第二季度至 2023 年第一季度大事记\n\n政治对话\n\n4 月 5 日 通电话。\n12 月 30 日 视频会晤。\n2 月 21 日 访问莫斯科。\n");
        assert!(d.iter().all(|d| d.severity == crate::model::Severity::Info), "{d:?}");
        let starts: Vec<_> = dated(&c).into_iter().map(|e| e.1.unwrap_or_default()).collect();
        assert_eq!(starts, ["2022-04-05", "2022-12-30", "2023-02-21"]);
        // Without a period, a date without a year is not a date: the text is reported, not guessed.
        let (c, d) = parse("附录\n大事记\n\n政治对话\n\n4 月 5 日 通电话。\n");
        assert!(c.categories.iter().all(|c| c.entries.is_empty()), "{c:?}");
        assert!(d.iter().any(|d| d.code == DiagnosticCode::UnplacedText), "{d:?}");
    }

    #[test]
    fn a_comma_after_the_date_separates_it_only_where_the_chronology_writes_dates_so() {
        let (c, d) = parse("附录\n大事记\n\n经贸合作\n\n2022年7月1日，贸易统计发布。\n2022年8月：能源委员会会议召开。\n2019年，贸易额首次突破1000亿美元。\n");
        assert!(d.iter().all(|d| d.severity == crate::model::Severity::Info), "{d:?}");
        let titles: Vec<_> = dated(&c).into_iter().map(|e| e.3).collect();
        assert_eq!(titles, ["贸易统计发布。", "能源委员会会议召开。"]);
        assert_eq!(c.categories[0].entries[1].description, "2019年，贸易额首次突破1000亿美元。");
        // Where dates are followed by a space, `date，…` is a description sentence.
        let (c, _) = parse(
            "附录\n大事记\n\n经贸合作\n\n2020 年 2 月 11 日\n铁路运输统计\n2020 年 1 月，外贝加尔铁路运量增长。\n\n2020 年 2 月 12 日 会谈\n",
        );
        let e = &c.categories[0].entries;
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].description, "2020 年 1 月，外贝加尔铁路运量增长。");
    }

    #[test]
    fn every_year_heading_is_reported_with_the_entries_it_dates() {
        let (_, d) = parse("附录\n大事记\n\n政治对话\n\n2022 年\n\n4 月 5 日 通电话。\n5 月 1 日 会谈。\n\n2023 年\n");
        let years: Vec<&str> =
            d.iter().filter(|d| d.code == DiagnosticCode::ChronologyYearHeading).map(|d| d.message.as_str()).collect();
        assert_eq!(
            years,
            [
                "the year heading \"2022 年\" dates the 2 entries below it printed without a year as 2022",
                "the year heading \"2023 年\" dates the 0 entries below it printed without a year as 2023"
            ]
        );
    }

    fn flags_of(c: &Chronology) -> Vec<(String, Vec<&'static str>)> {
        c.categories
            .iter()
            .flat_map(|c| &c.entries)
            .map(|e| (e.title.clone(), e.flags.iter().map(|f| f.as_str()).collect()))
            .collect()
    }

    #[test]
    fn order_is_judged_at_the_coarser_precision() {
        let text = "附录\n\n2022 年第二季度至 2023 年第一季度大事记\n\n经贸合作\n\n2022年11月3日\t甲\n2022年11月28日\t乙\n2022年11月\t丙\n2022年11月31日\t丁\n2022年12月2日\t戊\n2022年11月20日\t己\n2022年12月9日\t庚\n";
        let (c, _) = parse(text);
        let f = flags_of(&c);
        let flagged: Vec<&str> =
            f.iter().filter(|(_, fl)| fl.contains(&"out_of_order")).map(|(t, _)| t.as_str()).collect();
        // 丙 (month only) and 丁 (no 31 November: month precision) are in order; 己 is a real inversion.
        assert_eq!(flagged, ["己"]);
        assert_eq!(f[3].1, ["date_garbled"]);
    }

    #[test]
    fn a_corrected_year_does_not_make_neighbours_out_of_order() {
        let text = "附录\n\n2022 年第二季度至 2023 年第一季度大事记\n\n政治对话\n\n2022年12月20日\t甲\n2013年1月10日\t乙\n2023年1月25日\t丙\n2023年2月1日\t丁\n";
        let (c, _) = parse(text);
        let f = flags_of(&c);
        assert_eq!(f[1].1, ["date_corrected", "out_of_period"]);
        assert!(f.iter().all(|(_, fl)| !fl.contains(&"out_of_order")), "{f:?}");
        assert_eq!(c.categories[0].entries[1].date.start.as_deref(), Some("2023-01-10"));
    }

    #[test]
    fn an_uncorrectable_date_does_not_make_its_neighbours_out_of_order() {
        // 2030-06-01 fits no year of the period before its neighbours: flagged out of period only.
        let text = "附录\n\n2022 年第二季度至 2023 年第一季度大事记\n\n政治对话\n\n2030年6月1日\t甲\n2022年5月1日\t乙\n2022年5月5日\t丙\n";
        let (c, _) = parse(text);
        let f = flags_of(&c);
        assert_eq!(f[0].1, ["out_of_period"]);
        assert!(f[1].1.is_empty() && f[2].1.is_empty(), "{f:?}");
    }

    #[test]
    fn the_period_comes_from_the_report_or_the_dates() {
        let text = "附录\n\n中俄关系大事记\n\n政治对话\n\n2020年3月2日\t甲\n2020年5月2日\t乙\n2002年6月2日\t丙\n2020年8月2日\t丁\n2021年1月2日\t戊\n2021年2月2日\t己\n";
        let lines = split_lines(text);
        // Read from the dates: 2020 and 2021 are covered, 2002 is a typo.
        let (c, d) = parse_appendix(&lines[0], "", &lines[1..], &PeriodHint { stated: None, title_year: Some(2021) });
        assert_eq!(c.period.as_ref().map(|p| (p.start.as_str(), p.end.as_str())), Some(("2020-01-01", "2021-12-31")));
        assert!(d.iter().any(|d| d.code == "chronology_period_from_dates"));
        assert_eq!(c.categories[0].entries[2].date.start.as_deref(), Some("2020-06-02"));
        // Stated in the report.
        let stated = Some(((Ymd { y: 2020, m: 1, d: 1 }, Ymd { y: 2021, m: 3, d: 31 }), lines[0].span()));
        let (c, d) = parse_appendix(&lines[0], "", &lines[1..], &PeriodHint { stated, title_year: Some(2021) });
        assert_eq!(c.period.as_ref().map(|p| p.end.as_str()), Some("2021-03-31"));
        assert!(d.iter().any(|d| d.code == "chronology_period_stated"));
        // The title wins over both.
        let text = text.replace("中俄关系大事记", "中俄关系大事记（2020 年 4 月至 2021 年 3 月）");
        let lines = split_lines(&text);
        let (c, _) = parse_appendix(&lines[0], "", &lines[1..], &PeriodHint { stated, title_year: Some(2021) });
        assert_eq!(c.period.as_ref().map(|p| p.start.as_str()), Some("2020-04-01"));
    }

    #[test]
    fn categories_are_found_by_shape() {
        let text = "附录\n\n2019 第二季度至 2020 年第一季度大事记\n\n政治对话\n\n2019 年 4 月 3 日\n\n俄罗斯的立场\n\n描述。\n\n军事合作\n\n- 2019 年 4 月 16 日 **演习**\n 描述二。\n";
        let (c, d) = parse(text);
        assert_eq!(c.categories.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["政治对话", "军事合作"]);
        assert_eq!(c.categories[0].entries[0].title, "俄罗斯的立场");
        assert_eq!(c.categories[1].entries[0].description, "描述二。");
        assert!(d.is_empty(), "{d:?}");
    }

    /// A title that fills the measure goes on in a line only a few characters short of it when
    /// the line after that is the set-in first line of the description (XeLaTeX indents it).
    #[test]
    fn a_title_wrapped_over_a_set_in_description() {
        let full = "双方在会谈中就共同关心的国际和地区问题深入交换了意见并达成广泛共识";
        let rest = "在莫斯科举行会谈在莫斯科举行会谈在莫斯科举行会谈在莫斯科举行"; // 30 chars
        let set_in = "两国外长举行会谈两国外长举行会谈两国外长举行会谈两国外长举行会"; // 31 chars
        let mut text = String::from("附录\n2019年中俄关系大事记\n政治对话\n");
        for d in 1..=6 {
            text.push_str(&format!("2019年3月{d}日\n两国外长举行会谈\n{full}\n{full}\n会谈取得成果。\n"));
        }
        text.push_str(&format!("2019年4月1日\n{full}\n{rest}\n{set_in}\n{full}\n会谈取得成果。\n"));
        // A description's set-in first line under a full title is no title: the line after it is full.
        text.push_str(&format!("2019年4月2日\n{full}\n{set_in}\n{full}\n会谈取得成果。\n"));
        let (c, _) = parse(&text);
        let entries = &c.categories[0].entries;
        assert_eq!(entries[6].title, format!("{full}{rest}"));
        assert!(entries[6].description.starts_with(set_in));
        assert_eq!(entries[7].title, full);
        assert!(entries[7].description.starts_with(set_in));
    }

    /// A numbered item goes on after a page break, after its number printed on a line of its own
    /// (`13.`), and over the pieces `-raw` cuts a bracketed name into; an open item after a blank
    /// line that is no page break is not continued.
    #[test]
    fn numbered_items_continued_over_breaks_and_pieces() {
        let text = "附录\n2019年中俄关系大事记\n政治对话\n2019年6月5日\n签署的文件\n1.《甲协定》\n2.《乙关于\n\u{c}\n丙的协定》\n3.\n\n《丁协定》\n4.《戊市\n（\n“智能工厂”\n）的协定》\n5. 己关于\n\n庚的说明。\n";
        let (c, _) = parse(text);
        let e = &c.categories[0].entries[0];
        let items: Vec<(u32, &str)> = e.items.iter().map(|i| (i.number, i.text.as_str())).collect();
        assert_eq!(
            items,
            [
                (1, "《甲协定》"),
                (2, "《乙关于丙的协定》"),
                (3, "《丁协定》"),
                (4, "《戊市（“智能工厂”）的协定》"),
                (5, "己关于")
            ]
        );
        assert_eq!(e.description, "庚的说明。");
        assert_eq!(bare_item_number("13."), Some(13));
        assert_eq!(bare_item_number("１３．"), Some(13));
        assert_eq!(bare_item_number("2.35"), None);
        assert_eq!(bare_item_number("."), None);
    }

    #[test]
    fn a_word_broken_after_its_hyphen_is_joined_without_a_space() {
        let mut t = String::from("高温气冷反应器HTR-");
        join_line(&mut t, "PM600中运行");
        assert_eq!(t, "高温气冷反应器HTR-PM600中运行");
        let mut t = String::from("Anex");
        join_line(&mut t, "Tour");
        assert_eq!(t, "Anex Tour");
        let mut t = String::from("价格 -");
        join_line(&mut t, "5");
        assert_eq!(t, "价格 - 5");
    }

    /// A bare number cut out of a sentence (`2018` / `年秋季…`) is text: neither a year heading nor
    /// the title of an entry whose date was lost.
    #[test]
    fn a_number_cut_out_of_a_sentence_is_text() {
        let full = "双方在会谈中就共同关心的国际和地区问题深入交换了意见并达成广泛共识";
        let mut text = String::from("附录\n2019年中俄关系大事记\n政治对话\n");
        for d in 1..=6 {
            text.push_str(&format!("2019年3月{d}日\n两国外长举行会谈\n{full}\n{full}\n会谈取得成果。\n"));
        }
        text.push_str("2019年4月1日\n专家赴哈尔滨考察\n专家浏览了文件。\n2018\n年秋季双方达成协议。\n");
        let (c, _) = parse(&text);
        let entries = &c.categories[0].entries;
        assert_eq!(entries.len(), 7);
        assert_eq!(entries[6].description, "专家浏览了文件。\n2018年秋季双方达成协议。");
    }

    /// A justified description line cut into pieces between blank lines (pdftotext): the short
    /// piece before a bare year holds a sentence end, so it is no category heading.
    #[test]
    fn a_piece_of_a_description_is_no_category() {
        let text = "附录\n\n2019 第二季度至 2020 年第一季度大事记\n\n经贸合作\n\n2019 年 11 月 15 日\n\n中俄贸易额统计\n\n供应量增长，达\n\n26\n\n亿美元。在\n\n2019\n\n年出口中，明太鱼居首位。\n";
        let (c, _) = parse(text);
        assert_eq!(c.categories.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["经贸合作"]);
        // The bare year is the sentence's own, not a year heading.
        assert_eq!(c.categories[0].entries[0].description, "供应量增长，达26亿美元。在2019年出口中，明太鱼居首位。");
    }

    /// A wrapped dump without blank lines: a category heading right after an entry's list of
    /// documents, whose last item closes its title (`3.《…协定》`) without a full stop, is a heading,
    /// not a line of the entry; an open item's short rest (`联合声明》`) still goes on with the item.
    #[test]
    fn a_category_after_a_closed_list_item() {
        let text = "附录\n2023年中俄关系大事记\n政治对话\n2023年3月20日\n国事访问\n签署的主要文件如下：\n\
                    1.《关于深化全面战略协作伙伴关系的\n联合声明》\n2.《两国政府关于加强基础研究合作的协定》\n\
                    经贸合作\n2023年4月28日\n投资合作委员会召开会议\n会议讨论了投资项目。\n";
        let (c, _) = parse(text);
        assert_eq!(c.categories.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["政治对话", "经贸合作"]);
        let e = &c.categories[0].entries[0];
        assert_eq!(e.description, "签署的主要文件如下：");
        assert_eq!(e.items.len(), 2);
        assert_eq!(e.items[0].text, "《关于深化全面战略协作伙伴关系的联合声明》");
        assert!(closes_item(&Chron::Item { number: 3, text: "《协定》" }));
        assert!(!closes_item(&Chron::Item { number: 3, text: "《协定》和《声明" }));
        assert!(!closes_item(&Chron::Text { text: "《协定》", marked: false }));
    }
}
