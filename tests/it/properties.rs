//! Property tests: the date grammar reads back any valid day or range written in any of the
//! printed styles, the line scanners read back what they are given, and no scanner panics on
//! arbitrary text.

use crdoc::parse::dates::{days_in_month, scan_date_line, DateForm, Ymd};
use crdoc::parse::lex;
use proptest::prelude::*;

fn ymd() -> impl Strategy<Value = Ymd> {
    (1990i32..2040, 1u32..=12)
        .prop_flat_map(|(y, m)| (Just(y), Just(m), 1..=days_in_month(y, m)))
        .prop_map(|(y, m, d)| Ymd { y, m, d })
}

/// How a date is printed: spaces around the numbers or not, ASCII or full-width digits.
#[derive(Debug, Clone, Copy)]
struct Style {
    spaced: bool,
    wide: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), any::<bool>()).prop_map(|(spaced, wide)| Style { spaced, wide })
}

fn n(v: impl ToString, s: Style) -> String {
    let t = v.to_string();
    if s.wide {
        t.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)).collect()
    } else {
        t
    }
}

fn unit(u: &str, s: Style) -> String {
    if s.spaced {
        format!(" {u} ")
    } else {
        u.to_string()
    }
}

fn ym(d: Ymd, s: Style) -> String {
    format!("{}{}{}{}", n(d.y, s), unit("年", s), n(d.m, s), unit("月", s))
}

fn read(text: &str) -> (DateForm, Ymd, Ymd) {
    let (_, (e, _, _)) = scan_date_line(text).unwrap_or_else(|_| panic!("not read: {text:?}"));
    (e.form, e.start, e.end)
}

proptest! {
    #[test]
    fn single_days(d in ymd(), s in style(), tail in prop_oneof![Just(""), Just(" **标题**"), Just("\t标题 描述")]) {
        let text = format!("{}{}{}{tail}", ym(d, s), n(d.d, s), unit("日", s).trim_end());
        prop_assert_eq!(read(&text), (DateForm::Day, d, d));
    }

    #[test]
    fn ranges_within_a_month(d in ymd(), extra in 1u32..10, s in style()) {
        let last = (d.d + extra).min(days_in_month(d.y, d.m));
        prop_assume!(last > d.d);
        let text = format!("{}{}-{}{}", ym(d, s), n(d.d, s), n(last, s), unit("日", s).trim_end());
        prop_assert_eq!(read(&text), (DateForm::Day, d, Ymd { d: last, ..d }));
    }

    #[test]
    fn ranges_across_months_and_years(a in ymd(), days in 1u32..330, s in style(), name_year in any::<bool>()) {
        // Less than 335 days later: without a year, the end month alone tells the year.
        let b = add_days(a, days);
        let end = if name_year || b.y != a.y && b.m >= a.m { format!("{}{}", n(b.y, s), unit("年", s)) } else { String::new() };
        let text = format!("{}{}{}-{end}{}{}{}{}", ym(a, s), n(a.d, s), unit("日", s), n(b.m, s), unit("月", s), n(b.d, s), unit("日", s).trim_end());
        prop_assert_eq!(read(&text), (DateForm::Day, a, b));
    }

    #[test]
    fn month_only(d in ymd(), s in style()) {
        let text = ym(d, s);
        let first = Ymd { d: 1, ..d };
        let last = Ymd { d: days_in_month(d.y, d.m), ..d };
        prop_assert_eq!(read(text.trim_end()), (DateForm::Month, first, last));
    }

    #[test]
    fn a_date_followed_by_a_comma_is_a_sentence(d in ymd(), s in style()) {
        let text = format!("{}{}日，会议举行。", ym(d, s), n(d.d, s));
        prop_assert!(scan_date_line(&text).is_err());
    }

    #[test]
    fn numbered_headings(k in 1u32..100, title in "[中俄合作发展]{1,12}") {
        let cn = chinese(k);
        let (line, label) = (format!("第{cn}章 {title}"), format!("第{cn}章"));
        prop_assert_eq!(lex::matches(lex::scan_chapter_heading, &line), Some((k, label.as_str(), title.as_str())));
        let line = format!("第{cn}节 {title}");
        prop_assert_eq!(lex::matches(lex::scan_section_heading, &line).map(|h| h.0), Some(k));
    }

    #[test]
    fn numbered_items_and_toc_lines(k in 1u32..1000, page in 1u32..1000, text in "[中俄合作发展《》]{1,20}") {
        let item = format!("{k}. {text}");
        prop_assert_eq!(lex::matches(lex::scan_numbered_item, &item), Some((k, text.as_str())));
        let toc = format!("{text}\t{page}");
        prop_assert_eq!(lex::matches(lex::scan_toc_line, &toc), Some((text.as_str(), page)));
    }

    #[test]
    fn comma_decimals(int in 0u32..100_000, frac in 0u32..10, neg in any::<bool>()) {
        let sign = if neg { "-" } else { "" };
        let v = crdoc::parse::blocks::parse_number(&format!("{sign}{int},{frac}"));
        let expected = (int as f64 + frac as f64 / 10.0) * if neg { -1.0 } else { 1.0 };
        prop_assert!(v.is_some_and(|v| (v - expected).abs() < 1e-9));
    }

    #[test]
    fn scanners_never_panic(s in "\\PC{0,80}") {
        let _ = scan_date_line(&s);
        let _ = crdoc::parse::dates::scan_period(&s);
        let _ = lex::scan_chapter_heading(&s);
        let _ = lex::scan_section_heading(&s);
        let _ = lex::scan_part_heading(&s);
        let _ = lex::scan_toc_line(&s);
        let _ = lex::scan_table_caption(&s);
        let _ = lex::scan_figure_caption(&s);
        let _ = lex::scan_source_note(&s);
        let _ = lex::scan_numbered_item(&s);
        let _ = lex::scan_bullet(&s);
        let _ = lex::split_unit(&s);
        let _ = crdoc::parse::blocks::parse_number(&s);
        let _ = lex::normalize(&s);
    }

    #[test]
    fn scanners_never_panic_on_date_like_text(s in "[0-9０-９ 年月日\\-–至第季度章节表图.、:：（）()*\\t]{0,40}") {
        let _ = scan_date_line(&s);
        let _ = crdoc::parse::dates::scan_period(&s);
        let _ = lex::scan_chapter_heading(&s);
        let _ = lex::scan_table_caption(&s);
        let _ = lex::scan_toc_line(&s);
        let _ = lex::scan_numbered_item(&s);
    }
}

/// 1..=99 as a Chinese numeral: 一, 十, 十一, 二十, 二十三.
fn chinese(k: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match (k / 10, k % 10) {
        (0, o) => D[o as usize].to_string(),
        (1, o) => format!("十{}", D[o as usize]),
        (t, o) => format!("{}十{}", D[t as usize], D[o as usize]),
    }
}

fn add_days(mut d: Ymd, mut days: u32) -> Ymd {
    while days > 0 {
        if d.d < days_in_month(d.y, d.m) {
            d.d += 1;
        } else if d.m < 12 {
            d = Ymd { y: d.y, m: d.m + 1, d: 1 };
        } else {
            d = Ymd { y: d.y + 1, m: 1, d: 1 };
        }
        days -= 1;
    }
    d
}
