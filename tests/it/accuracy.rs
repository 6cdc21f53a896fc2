//! Accuracy as a regression gate: `eval` of the sample against the hand-verified gold must not
//! drop below `tests/gold/baseline.json` on any field, and the instrument itself must be able to
//! fail: a deliberately damaged output scores lower on exactly the damaged fields.

use crate::common::*;
use crdoc::eval::{evaluate, load_gold, Report};
use std::collections::BTreeMap;

fn baseline() -> BTreeMap<String, f64> {
    let text = std::fs::read_to_string(root().join("tests/gold/baseline.json")).expect("baseline");
    let v: serde_json::Value = serde_json::from_str(&text).expect("baseline is JSON");
    serde_json::from_value(v["min_strict_f1"].clone()).expect("min_strict_f1 is a map of numbers")
}

fn report() -> Report {
    let gold = load_gold(&root().join(GOLD)).expect("gold");
    evaluate(&gold, &sample_doc(), SAMPLE)
}

#[test]
fn no_field_drops_below_the_baseline() {
    let report = report();
    let base = baseline();
    let mut failures = Vec::new();
    for (field, counts) in &report.strict {
        match base.get(field) {
            None => failures.push(format!("{field}: not in tests/gold/baseline.json (add it)")),
            Some(min) if counts.f1() + 1e-9 < *min => {
                failures.push(format!("{field}: strict F1 {:.4} < baseline {min:.4}", counts.f1()))
            }
            Some(_) => {}
        }
    }
    for field in base.keys() {
        if !report.strict.contains_key(field) {
            failures.push(format!("{field}: in the baseline but no longer scored"));
        }
    }
    assert!(failures.is_empty(), "{}\n\n{}", failures.join("\n"), report.table(20));
}

#[test]
fn targets_of_the_accuracy_issue_are_met() {
    let r = report();
    let f1 = |f: &str| r.f1(f).unwrap_or_else(|| panic!("{f} not scored"));
    for field in [
        "headings.title",
        "headings.number",
        "tables.caption",
        "table_cells.text",
        "table_cells.value",
        "figures.caption",
        "recommendations.text",
        "recommendations.group",
    ] {
        assert_eq!(f1(field), 1.0, "{field}");
    }
    assert!(f1("entries.date") >= 0.99 && f1("entries.title") >= 0.99);
    assert!(f1("entries.description") >= 0.98);
}

#[test]
fn the_instrument_can_fail() {
    let gold = load_gold(&root().join(GOLD)).expect("gold");
    let clean = evaluate(&gold, &sample_doc(), SAMPLE);
    let mut doc = sample_doc();
    let chron = doc.chronology.as_mut().expect("chronology");
    let cat = &mut chron.categories[1];
    // An entry dropped, a date shifted by a day, a title truncated.
    cat.entries.remove(3);
    cat.entries[10].date.start = Some("2019-05-31".to_string());
    let title = &mut cat.entries[20].title;
    let cut: String = title.chars().take(title.chars().count() - 1).collect();
    *title = cut;
    let damaged = evaluate(&gold, &doc, SAMPLE);

    let c = |r: &Report, f: &str| r.strict.get(f).copied().unwrap_or_default();
    // The dropped entry is one false negative of the element, not a cascade.
    assert_eq!((c(&damaged, "entries").tp, c(&damaged, "entries").fn_, c(&damaged, "entries").fp), (655, 1, 0));
    // The shifted date and the truncated title are each one wrong value (+ the dropped entry).
    assert_eq!((c(&damaged, "entries.date").fp, c(&damaged, "entries.date").fn_), (1, 2));
    assert_eq!((c(&damaged, "entries.title").fp, c(&damaged, "entries.title").fn_), (1, 2));
    assert_eq!((c(&damaged, "entries.description").fp, c(&damaged, "entries.description").fn_), (0, 1));
    // A one-character truncation of a long title is still accepted by relaxed matching.
    assert_eq!(damaged.relaxed["entries.title"].fp, 0);
    // Every other element type is untouched.
    for (field, counts) in &clean.strict {
        if !field.starts_with("entries") {
            assert_eq!(damaged.strict[field], *counts, "{field} changed");
        }
    }
    for field in ["entries.date", "entries.title", "entries.description", "entries"] {
        assert!(damaged.f1(field) < clean.f1(field), "{field} did not drop");
    }
}
