//! The date grammar of the chronology: `2019年4月4日`, `2019 年 4 月 9-10 日`,
//! `2019年8月30日-9月20日`, `2019年12月19日-2020年1月12日`, month-only `2019年5月`, and the
//! damaged forms `2020年1月9月` (月 for 日) and `2019年5月-174日` (unreadable day).
//!
//! [`scan_date`] is a nom parser that reads the printed expression as it is (the *literal*
//! reading); judging it against its neighbours is the chronology stage's job.

use crate::parse::lex::{number, ws0};
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, satisfy};
use nom::combinator::opt;
use nom::{IResult, Parser};
use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    /// Year.
    pub y: i32,
    /// Month, 1–12.
    pub m: u32,
    /// Day of the month, 1-based.
    pub d: u32,
}

impl Ymd {
    /// The date, or `None` when it does not exist in the calendar.
    pub fn new(y: i32, m: u32, d: u32) -> Option<Ymd> {
        ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some(Ymd { y, m, d })
    }
    /// The first day of month `m` of year `y`, or `None` for an invalid month.
    pub fn first_of(y: i32, m: u32) -> Option<Ymd> {
        Ymd::new(y, m, 1)
    }
    /// The last day of month `m` of year `y`, or `None` for an invalid month.
    pub fn last_of(y: i32, m: u32) -> Option<Ymd> {
        if (1..=12).contains(&m) {
            Ymd::new(y, m, days_in_month(y, m))
        } else {
            None
        }
    }
    /// Parse `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Ymd> {
        // The form this crate writes (`2019-04-01`), read from its bytes; any other by parts.
        if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *s.as_bytes() {
            let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
            if digits.iter().all(u8::is_ascii_digit) {
                let n = |ds: &[u8]| ds.iter().fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'));
                return Ymd::new(n(&digits[..4]) as i32, n(&digits[4..6]), n(&digits[6..]));
            }
        }
        let mut it = s.splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Ymd::new(y, m, d)
    }
}

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // By hand for the common case (a four-digit year): `write!` with padding is a large
        // share of building a chronology entry, whose dates are all written this way.
        if (0..=9999).contains(&self.y) && self.m <= 99 && self.d <= 99 {
            let (y, m, d) = (self.y as u32, self.m, self.d);
            let digit = |n: u32| b'0' + (n % 10) as u8;
            let text = [
                digit(y / 1000),
                digit(y / 100),
                digit(y / 10),
                digit(y),
                b'-',
                digit(m / 10),
                digit(m),
                b'-',
                digit(d / 10),
                digit(d),
            ];
            return f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?);
        }
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// True when `y` is a Gregorian leap year.
pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Number of days in month `m` of year `y`.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// How a printed date expression reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// A day or a range of days.
    Day,
    /// A month (or range of months) without a day.
    Month,
    /// `Y年A月B月`: a day number followed by 月 instead of 日.
    MonthForDay,
    /// The month can be read, the day cannot (`2019年5月-174日`, `2019年2月30日`).
    Garbled,
}

/// The literal reading of a printed date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateExpr {
    /// Which printed form the expression takes.
    pub form: DateForm,
    /// First day (for `Month`/`Garbled`: the first of the month).
    pub start: Ymd,
    /// Last day (for `Month`/`Garbled`: the last of the month).
    pub end: Ymd,
    /// For `MonthForDay`: the day number printed before the second 月.
    pub day_as_printed: Option<u32>,
}

fn dash(i: &str) -> IResult<&str, char> {
    let (i, _) = ws0(i)?;
    let (i, c) = satisfy(|c| matches!(c, '-' | '–' | '—' | '－' | '~' | '～' | '至' | '‐' | '‑' | '−')).parse(i)?;
    let (i, _) = ws0(i)?;
    Ok((i, c))
}

fn unit<'a>(c: char) -> impl Parser<&'a str, Output = char, Error = nom::error::Error<&'a str>> {
    (ws0, char(c), ws0).map(|(_, c, _)| c)
}

/// `2019 年` → 2019.
pub fn year(i: &str) -> IResult<&str, i32> {
    let (i, y) = number(4)(i)?;
    if y < 1000 {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)));
    }
    let (i, _) = unit('年').parse(i)?;
    Ok((i, y as i32))
}

fn month(i: &str) -> IResult<&str, u32> {
    let (i, m) = number(2)(i)?;
    let (i, _) = unit('月').parse(i)?;
    Ok((i, m))
}

/// The part after `Y年M月`.
enum Tail {
    /// `D日` optionally followed by `-[Y年][M月]D日`.
    Day { d: u32, to: Option<(Option<i32>, Option<u32>, u32)> },
    /// `D1-D2日`.
    DayRange { d1: u32, d2: u32 },
    /// `D月`.
    MonthForDay { d: u32 },
    /// `-[Y年]M月`.
    MonthRange { to: (Option<i32>, u32) },
    /// `-NNN日` or anything unreadable after a dash.
    Garbled,
    /// Nothing: a month-only date.
    None,
}

fn tail(i: &str) -> IResult<&str, Tail> {
    let day_then = |i| -> IResult<&str, Tail> {
        let (i, d) = number(3)(i)?;
        alt((
            |i| {
                let (i, _) = unit('日').parse(i)?;
                let (i, to) = opt(|i| {
                    let (i, _) = dash(i)?;
                    let (i, y2) = opt(year).parse(i)?;
                    let (i, m2) = opt(month).parse(i)?;
                    let (i, d2) = number(3)(i)?;
                    let (i, _) = unit('日').parse(i)?;
                    Ok((i, (y2, m2, d2)))
                })
                .parse(i)?;
                Ok((i, Tail::Day { d, to }))
            },
            |i| {
                let (i, _) = dash(i)?;
                let (i, d2) = number(3)(i)?;
                let (i, _) = unit('日').parse(i)?;
                Ok((i, Tail::DayRange { d1: d, d2 }))
            },
            |i| {
                let (i, _) = unit('月').parse(i)?;
                Ok((i, Tail::MonthForDay { d }))
            },
        ))
        .parse(i)
    };
    alt((
        day_then,
        |i| {
            let (i, _) = dash(i)?;
            let (i, y2) = opt(year).parse(i)?;
            let (i, m2) = month(i)?;
            Ok((i, Tail::MonthRange { to: (y2, m2) }))
        },
        |i| {
            let (i, _) = dash(i)?;
            let (i, _) = number(6)(i)?;
            let (i, _) = unit('日').parse(i)?;
            Ok((i, Tail::Garbled))
        },
        |i| Ok((i, Tail::None)),
    ))
    .parse(i)
}

/// Read a printed date expression at the start of `i`. The expression must be followed by the
/// end of input, white space, `*` or a TAB (so a sentence like `2019年，…` is not a date line)
/// — this check is the caller's: see [`scan_date_line`].
pub fn scan_date(i: &str) -> IResult<&str, DateExpr> {
    let (i, _) = ws0(i)?;
    let (i, y) = year(i)?;
    scan_month_date(i, y)
}

/// Read a date printed without its year (`4 月 5 日`, `5 月 12 日至 13 日`, `12 月`) at the start
/// of `i`, in year `y` (given by a year heading above it, or by the chronology's period).
pub fn scan_month_date(i: &str, y: i32) -> IResult<&str, DateExpr> {
    let (i, _) = ws0(i)?;
    let (i, m) = month(i)?;
    if !(1..=12).contains(&m) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    let month_only = |form| -> Option<DateExpr> {
        Some(DateExpr { form, start: Ymd::first_of(y, m)?, end: Ymd::last_of(y, m)?, day_as_printed: None })
    };
    let (rest, t) = tail(i)?;
    let garbled = month_only(DateForm::Garbled);
    let expr = match t {
        Tail::None => month_only(DateForm::Month),
        Tail::Garbled => garbled,
        Tail::MonthRange { to: (y2, m2) } => {
            let y2 = y2.unwrap_or(y);
            match (Ymd::first_of(y, m), Ymd::last_of(y2, m2)) {
                (Some(s), Some(e)) if s <= e => {
                    Some(DateExpr { form: DateForm::Month, start: s, end: e, day_as_printed: None })
                }
                _ => garbled,
            }
        }
        Tail::MonthForDay { d } => match (Ymd::first_of(y, m), Ymd::last_of(y, d)) {
            (Some(s), Some(e)) if s <= e => {
                Some(DateExpr { form: DateForm::MonthForDay, start: s, end: e, day_as_printed: Some(d) })
            }
            _ => match Ymd::new(y, m, d) {
                Some(s) => Some(DateExpr { form: DateForm::MonthForDay, start: s, end: s, day_as_printed: Some(d) }),
                None => garbled,
            },
        },
        Tail::DayRange { d1, d2 } => match (Ymd::new(y, m, d1), Ymd::new(y, m, d2)) {
            (Some(s), Some(e)) if s <= e => {
                Some(DateExpr { form: DateForm::Day, start: s, end: e, day_as_printed: None })
            }
            _ => garbled,
        },
        Tail::Day { d, to } => {
            let start = Ymd::new(y, m, d);
            let end = match to {
                None => start,
                Some((y2, m2, d2)) => {
                    let m2v = m2.unwrap_or(m);
                    // `12月19日-2020年1月12日` names the year; `12月30日-1月5日` implies the next.
                    let y2v = y2.unwrap_or(if m2v < m { y + 1 } else { y });
                    Ymd::new(y2v, m2v, d2)
                }
            };
            match (start, end) {
                (Some(s), Some(e)) if s <= e => {
                    Some(DateExpr { form: DateForm::Day, start: s, end: e, day_as_printed: None })
                }
                _ => garbled,
            }
        }
    };
    match expr {
        Some(e) => Ok((rest, e)),
        None => Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))),
    }
}

/// How a chronology writes the text after a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineStyle {
    /// The year of dates printed without one (`4 月 5 日 …` under a `2022 年` heading).
    pub year: Option<i32>,
    /// A comma or colon may separate the date from its text (`2022年7月1日，…`). Off by default:
    /// in most chronologies such a line is a description sentence that mentions a date.
    pub comma: bool,
}

/// A line that *starts* with a date: returns the date, the printed date text (trimmed) and the
/// rest of the line. The date must be followed by the end, white space, `*` or a TAB.
pub fn scan_date_line(i: &str) -> IResult<&str, (DateExpr, &str, &str)> {
    scan_date_line_styled(i, LineStyle::default())
}

/// [`scan_date_line`] in a chronology of the given [`LineStyle`]: a date without its year is read
/// in `style.year`, and with `style.comma` the date may be followed by `，`, `,`, `：` or `:`
/// (returned as part of `rest`). A line with a year always reads it.
pub fn scan_date_line_styled(i: &str, style: LineStyle) -> IResult<&str, (DateExpr, &str, &str)> {
    let (start, _) = ws0(i)?;
    let (rest, expr) = match (scan_date(start), style.year) {
        (Ok(r), _) => r,
        (Err(_), Some(y)) => scan_month_date(start, y)?,
        (Err(e), None) => return Err(e),
    };
    let consumed = &start[..start.len() - rest.len()];
    let text = crate::parse::lex::trim(consumed);
    // `rest` starts right after the date text, white space included (a TAB matters).
    let rest = &start[text.len()..];
    match rest.chars().next() {
        None => {}
        Some(c) if crate::parse::lex::is_space(c) || c == '*' => {}
        Some('，' | ',' | '：' | ':') if style.comma => {}
        Some(_) => return Err(nom::Err::Error(nom::error::Error::new(rest, nom::error::ErrorKind::Verify))),
    }
    Ok(("", (expr, text, rest)))
}

/// Whether a date line's text is separated from its date by a comma or colon (`2022年7月1日，…`).
pub fn comma_separated(rest: &str) -> bool {
    rest.starts_with(['，', ',', '：', ':'])
}

/// A line holding only a year (`2022 年`, `2022年`, `**2022 年**`, `2022`): a year heading in a
/// chronology that prints its dates without years below it. Only years 1900–2100: a bare page
/// number is not a year.
pub fn year_heading(line: &str) -> Option<i32> {
    let t = crate::parse::lex::trim(line);
    let t = t.strip_prefix("**").and_then(|t| t.strip_suffix("**")).unwrap_or(t);
    let t = crate::parse::lex::trim(t);
    let (rest, y) = alt((year, |i| {
        let (i, y) = number(4)(i)?;
        Ok((i, y as i32))
    }))
    .parse(t)
    .ok()?;
    (crate::parse::lex::trim(rest).is_empty() && (1900..=2100).contains(&y)).then_some(y)
}

/// The period named in a chronology title: `2019 第二季度至 2020 年第一季度…`,
/// `2019 年 4 月至 2020 年 3 月…`, `2019 年第二至 2020 年第一季度`, `2020 年至 2021 年第一季度`,
/// at the start of `i`.
pub fn scan_period(i: &str) -> Option<(Ymd, Ymd)> {
    period_at(i).map(|(s, e, _)| (s, e))
}

/// A period written anywhere in `text` (`中俄关系大事记（2022 年第二季度至 2023 年第一季度）`).
pub fn find_period(text: &str) -> Option<(Ymd, Ymd)> {
    find_period_where(text, |_| true)
}

/// Longest period accepted from running text (a report covers about a year, at most two).
const STATED_PERIOD_MAX_DAYS: i64 = 2 * 366;

/// A period stated in running text: like [`find_period`], but at least one end names a quarter
/// or a month (so `1992–2017 年` is not taken) and the period is at most two years long.
pub fn stated_period(text: &str) -> Option<(Ymd, Ymd)> {
    find_period_where(text, |(s, e, qualified)| qualified && days_between(s, e) <= STATED_PERIOD_MAX_DAYS)
}

fn find_period_where(text: &str, accept: impl Fn((Ymd, Ymd, bool)) -> bool) -> Option<(Ymd, Ymd)> {
    let mut prev_digit = false;
    for (p, c) in text.char_indices() {
        let digit = crate::parse::lex::digit_value(c).is_some();
        if digit && !prev_digit {
            if let Some(found) = period_at(&text[p..]).filter(|x| accept(*x)) {
                return Some((found.0, found.1));
            }
        }
        prev_digit = digit;
    }
    None
}

/// Days from `a` to `b` (approximate: 31-day months are enough for a bound).
fn days_between(a: Ymd, b: Ymd) -> i64 {
    let n = |d: Ymd| i64::from(d.y) * 372 + i64::from(d.m) * 31 + i64::from(d.d);
    n(b) - n(a)
}

/// A period at the start of `i`: (start, end, whether an end names a quarter or a month).
fn period_at(i: &str) -> Option<(Ymd, Ymd, bool)> {
    // `第二季度`, `第二` (before `至`), `二季度`.
    fn quarter(i: &str) -> IResult<&str, u32> {
        alt((
            |i| {
                let (i, _) = (ws0, tag("第"), ws0).parse(i)?;
                let (i, q) = crate::parse::lex::chinese_number(i)?;
                let (i, _) = (ws0, opt(tag("季度"))).parse(i)?;
                Ok((i, q))
            },
            |i| {
                let (i, _) = ws0(i)?;
                let (i, q) = crate::parse::lex::chinese_number(i)?;
                let (i, _) = (ws0, tag("季度")).parse(i)?;
                Ok((i, q))
            },
        ))
        .parse(i)
    }
    fn point(i: &str) -> IResult<&str, (i32, Option<u32>, Option<u32>)> {
        let (i, _) = ws0(i)?;
        let (i, y) = number(4)(i)?;
        if y < 1000 {
            return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)));
        }
        let (i, _) = ws0(i)?;
        let (i, _) = opt(tag("年")).parse(i)?;
        let (i, _) = ws0(i)?;
        let (i, q) = opt(quarter).parse(i)?;
        let (i, m) = if q.is_none() { opt(month).parse(i)? } else { (i, None) };
        Ok((i, (y as i32, q, m)))
    }
    let separator =
        alt((tag("至"), tag("到"), tag("及"), tag("和"), tag("-"), tag("–"), tag("—"), tag("－"), tag("~"), tag("～")));
    let (_, ((y1, q1, m1), _, (y2, q2, m2))) = (point, (ws0, separator, ws0), point).parse(i).ok()?;
    let start = match (q1, m1) {
        (Some(q), _) if (1..=4).contains(&q) => Ymd::first_of(y1, q * 3 - 2)?,
        (_, Some(m)) => Ymd::first_of(y1, m)?,
        _ => Ymd::first_of(y1, 1)?,
    };
    let end = match (q2, m2) {
        (Some(q), _) if (1..=4).contains(&q) => Ymd::last_of(y2, q * 3)?,
        (_, Some(m)) => Ymd::last_of(y2, m)?,
        _ => Ymd::last_of(y2, 12)?,
    };
    let qualified = q1.is_some() || m1.is_some() || q2.is_some() || m2.is_some();
    (start <= end).then_some((start, end, qualified))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_read_back_as_written() {
        let by_parts = |s: &str| {
            let mut it = s.splitn(3, '-');
            Ymd::new(it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?)
        };
        for s in [
            "2019-04-01",
            "2020-02-29",
            "2019-02-29",
            "2019-13-01",
            "2019-00-10",
            "0999-12-31",
            "2019-4-1",
            "2019-04-1x",
            "201a-04-01",
            "+019-04-01",
            "2019-04-01 ",
            "",
            "2019/04/01",
            "9999-12-31",
        ] {
            assert_eq!(Ymd::parse_iso(s), by_parts(s), "{s}");
        }
        for d in [Ymd { y: 2019, m: 4, d: 1 }, Ymd { y: 2024, m: 12, d: 31 }] {
            assert_eq!(Ymd::parse_iso(&d.to_string()), Some(d));
        }
    }

    #[test]
    fn dates_without_a_year_read_in_the_given_year() {
        let style = LineStyle { year: Some(2022), comma: false };
        let (_, (e, text, rest)) = scan_date_line_styled("4 月 5 日 外长通电话", style).expect("date");
        assert_eq!(
            (e.start, e.end, text, rest),
            (Ymd { y: 2022, m: 4, d: 5 }, Ymd { y: 2022, m: 4, d: 5 }, "4 月 5 日", " 外长通电话")
        );
        let (_, (e, _, _)) = scan_date_line_styled("12 月 30 日-1 月 2 日 x", style).expect("range");
        assert_eq!(e.end, Ymd { y: 2023, m: 1, d: 2 });
        // A printed year wins over the style's.
        let (_, (e, _, _)) = scan_date_line_styled("2021年3月1日 x", style).expect("date");
        assert_eq!(e.start.y, 2021);
        assert!(scan_date_line("4 月 5 日 外长通电话").is_err());
        assert!(scan_date_line_styled("13 月 5 日 x", style).is_err());
    }

    #[test]
    fn a_comma_after_the_date_is_accepted_only_in_comma_style() {
        assert!(scan_date_line("2022年7月1日，贸易统计发布。").is_err());
        let style = LineStyle { year: None, comma: true };
        for line in ["2022年7月1日，x", "2022 年 7 月 1 日：x", "2022年7月,x", "2022年7月1日: x"] {
            let (_, (_, _, rest)) = scan_date_line_styled(line, style).expect(line);
            assert!(comma_separated(rest), "{line}");
        }
        // A year alone is never a date.
        assert!(scan_date_line_styled("2019年，贸易额突破", style).is_err());
    }

    #[test]
    fn year_headings_are_lines_holding_only_a_year() {
        for (line, y) in [
            ("2022 年", Some(2022)),
            ("2022年", Some(2022)),
            ("**2023 年**", Some(2023)),
            (" 2024 ", Some(2024)),
            ("２０２２ 年", Some(2022)),
        ] {
            assert_eq!(year_heading(line), y, "{line}");
        }
        for line in ["2022 年 4 月", "2022 年度报告", "12", "1024", "20221", "第 2022 年", ""] {
            assert_eq!(year_heading(line), None, "{line}");
        }
    }

    fn read(s: &str) -> (DateForm, String, String) {
        let (_, (e, _, _)) = scan_date_line(s).unwrap_or_else(|_| panic!("no date in {s:?}"));
        (e.form, e.start.to_string(), e.end.to_string())
    }

    #[test]
    fn single_days() {
        assert_eq!(read("2019年4月4日"), (DateForm::Day, "2019-04-04".into(), "2019-04-04".into()));
        assert_eq!(read("2019 年 4 月 4 日 **标题**"), (DateForm::Day, "2019-04-04".into(), "2019-04-04".into()));
        assert_eq!(read("２０２０年３月５日"), (DateForm::Day, "2020-03-05".into(), "2020-03-05".into()));
    }

    #[test]
    fn ranges() {
        assert_eq!(read("2019年4月25-27日").2, "2019-04-27");
        assert_eq!(read("2019 年 4 月 9-10 日").1, "2019-04-09");
        assert_eq!(read("2019年8月30日-9月20日").2, "2019-09-20");
        assert_eq!(read("2020 年 2 月 20 日-6 月 30 日").2, "2020-06-30");
        assert_eq!(read("2019年12月19日-2020年1月12日").2, "2020-01-12");
        assert_eq!(read("2019年10月31日-11月1日").2, "2019-11-01");
    }

    #[test]
    fn month_only_and_damage() {
        assert_eq!(read("2019年5月"), (DateForm::Month, "2019-05-01".into(), "2019-05-31".into()));
        assert_eq!(read("2020年1月9月").0, DateForm::MonthForDay);
        assert_eq!(read("2019年5月-174日"), (DateForm::Garbled, "2019-05-01".into(), "2019-05-31".into()));
        assert_eq!(read("2019年2月30日").0, DateForm::Garbled);
    }

    #[test]
    fn sentences_are_not_date_lines() {
        assert!(scan_date_line("1954年12月24日，北京电台").is_err());
        assert!(scan_date_line("2020 年 1 月，中俄").is_err());
        assert!(scan_date_line("根据2019年").is_err());
        assert!(scan_date_line("2019年13月1日").is_err());
        assert!(scan_date_line("2019年6月8日是").is_err());
    }

    #[test]
    fn the_rest_keeps_its_separator() {
        let (_, (_, text, rest)) = scan_date_line("2019年6月8日\t二十国集团").unwrap();
        assert_eq!((text, rest), ("2019年6月8日", "\t二十国集团"));
        let (_, (_, text, rest)) = scan_date_line("- 2019 年 4 月 4 日 **标题**".trim_start_matches("- ")).unwrap();
        assert_eq!((text, rest), ("2019 年 4 月 4 日", " **标题**"));
    }

    #[test]
    fn periods() {
        let p = |s| scan_period(s).map(|(a, b)| (a.to_string(), b.to_string()));
        assert_eq!(
            p("2019 第二季度至 2020 年第一季度中俄关系大事记"),
            Some(("2019-04-01".into(), "2020-03-31".into()))
        );
        assert_eq!(p("2019 年 4 月至 2020 年 3 月大事记"), Some(("2019-04-01".into(), "2020-03-31".into())));
        assert_eq!(p("大事记"), None);
        assert_eq!(p("2020 年至 2021 年第一季度"), Some(("2020-01-01".into(), "2021-03-31".into())));
        assert_eq!(p("2022年第二至2023年第一季度"), Some(("2022-04-01".into(), "2023-03-31".into())));
        assert_eq!(p("２０２２年４月－２０２３年３月"), Some(("2022-04-01".into(), "2023-03-31".into())));
        assert_eq!(p("2022年二季度至2023年一季度"), Some(("2022-04-01".into(), "2023-03-31".into())));
    }

    #[test]
    fn periods_found_in_running_text() {
        let f = |s| find_period(s).map(|(a, b)| (a.to_string(), b.to_string()));
        assert_eq!(
            f("附录：中俄关系大事记（2022 年第二季度至 2023 年第一季度）"),
            Some(("2022-04-01".into(), "2023-03-31".into()))
        );
        let st = |s| stated_period(s).map(|(a, b)| (a.to_string(), b.to_string()));
        assert_eq!(
            st("本报告介绍了 2019 年第二至 2020 年第一季度两国合作的成果。"),
            Some(("2019-04-01".into(), "2020-03-31".into()))
        );
        assert_eq!(st("1992–2017 年中俄在科技创新领域的关系"), None);
        assert_eq!(st("2010 年 1 月至 2020 年 3 月的十年间"), None);
    }
}
