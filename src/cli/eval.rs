//! `crdoc eval`: score converted documents (or dumps, converted on the fly) against gold files.

use super::args::{quiet_exit, write_stdout};
use crdoc::eval::{evaluate, load_document, load_gold, mismatch, pairs, Report};
use std::path::Path;
use std::process::ExitCode;

/// The `crdoc eval` command: score outputs against gold files and print the table.
pub fn eval_command(gold: &Path, output: &Path, json: bool, min_f1: Option<f64>, worst: usize) -> ExitCode {
    let result = pairs(gold, output).and_then(|ps| {
        let mut total = Report::default();
        for (g, o) in ps {
            let gold = load_gold(&g)?;
            let doc = load_document(&o)?;
            if let Some(warning) = mismatch(&g, &gold, &doc, &o) {
                eprintln!("crdoc: warning: {warning}");
            }
            total.merge(evaluate(&gold, &doc, &o.display().to_string()));
        }
        Ok(total)
    });
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("crdoc: {e}");
            return ExitCode::from(1);
        }
    };
    let text = if json {
        let fields: Vec<serde_json::Value> = report
            .strict
            .iter()
            .map(|(f, c)| {
                let r = report.relaxed.get(f).copied().unwrap_or(*c);
                serde_json::json!({
                    "field": f,
                    "strict": {"tp": c.tp, "fp": c.fp, "fn": c.fn_, "precision": c.precision(), "recall": c.recall(), "f1": c.f1()},
                    "relaxed": {"tp": r.tp, "fp": r.fp, "fn": r.fn_, "precision": r.precision(), "recall": r.recall(), "f1": r.f1()},
                })
            })
            .collect();
        let v = serde_json::json!({"files": report.files, "fields": fields, "worst": report.worst(worst)});
        let mut text = serde_json::to_string_pretty(&v).unwrap_or_default();
        text.push('\n');
        text
    } else {
        report.table(worst)
    };
    if let Err(e) = write_stdout(text.as_bytes()) {
        return quiet_exit(&e);
    }
    if let Some(min) = min_f1 {
        let low: Vec<String> =
            report.strict.iter().filter(|(_, c)| c.f1() < min).map(|(f, c)| format!("{f} ({:.4})", c.f1())).collect();
        if !low.is_empty() {
            eprintln!("crdoc: {} field(s) below --min-f1 {min}: {}", low.len(), low.join(", "));
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
