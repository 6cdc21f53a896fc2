//! PDF → validated JSON (feature `pdf`) of the 148-page typeset sample
//! (`tests/extractors/pdf/weasyprint.pdf`) against `pdftotext` alone writing its text of the
//! same file (poppler, a separate process; skipped when it is not installed), in the same run.
//! Also the two halves of crdoc's own path: reading the spans, and the layout stage; and PyMuPDF's
//! `get_text()` over all pages (opening the file included), timed inside a Python process so that
//! the interpreter's start is not counted (skipped with the reason when `$PYTHON` — default
//! `python3` — cannot `import pymupdf`).
//!
//! Run: `cargo bench --bench pdf` (`PYTHON=/path/to/venv/bin/python cargo bench --bench pdf` for
//! a PyMuPDF installed in a virtual environment).

use criterion::{Criterion, Throughput};
use std::hint::black_box;
use std::process::Command;
use std::time::Duration;

#[path = "../src/allocator.rs"]
mod allocator;

const PDF: &str = "tests/extractors/pdf/weasyprint.pdf";

fn pdf(c: &mut Criterion) {
    let bytes = std::fs::read(PDF).expect("run from the package root: the typeset PDF is in tests/extractors/pdf/");
    let mut g = c.benchmark_group("pdf");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("crdoc_pdf_to_validated_json", |b| {
        b.iter(|| {
            let doc = crdoc::convert_bytes(black_box(&bytes), PDF).expect("converts");
            crdoc::schema::validate_document(&doc).expect("valid");
            crdoc::output::json::to_json(&doc, false).expect("serializes").len()
        })
    });
    g.bench_function("crdoc_spans_only", |b| {
        b.iter(|| crdoc::parse::pdf::spans::read_pdf(black_box(&bytes)).expect("reads").pages.len())
    });
    let pages = crdoc::parse::pdf::spans::read_pdf(&bytes).expect("reads").pages;
    g.bench_function("crdoc_layout_only", |b| {
        b.iter(|| crdoc::parse::pdf::layout::layout(black_box(&pages)).text.len())
    });
    if Command::new("pdftotext").arg("-v").output().is_ok() {
        g.bench_function("pdftotext", |b| {
            b.iter(|| {
                let out = Command::new("pdftotext").arg(PDF).arg("-").output().expect("pdftotext runs");
                assert!(out.status.success());
                out.stdout.len()
            })
        });
        g.bench_function("pdftotext_layout", |b| {
            b.iter(|| {
                let out = Command::new("pdftotext").args(["-layout", PDF, "-"]).output().expect("pdftotext runs");
                out.stdout.len()
            })
        });
    } else {
        eprintln!("pdftotext (poppler-utils) is not installed: its figures are skipped");
    }
    match pymupdf_python() {
        Ok(python) => {
            g.bench_function("pymupdf_get_text_all_pages", |b| {
                b.iter_custom(|iters| pymupdf_elapsed(&python, iters).unwrap_or_else(|e| panic!("PyMuPDF run: {e}")))
            });
        }
        Err(reason) => eprintln!("PyMuPDF figures skipped: {reason}"),
    }
    g.finish();
}

/// The Python interpreter (`$PYTHON`, default `python3`) when it can import PyMuPDF, else why not.
fn pymupdf_python() -> Result<String, String> {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    match Command::new(&python).args(["-c", "import pymupdf"]).output() {
        Ok(out) if out.status.success() => Ok(python),
        Ok(_) => Err(format!("`{python} -c 'import pymupdf'` fails (pip install pymupdf, or set PYTHON)")),
        Err(e) => Err(format!("`{python}` does not run: {e}")),
    }
}

/// The time PyMuPDF takes for `iters` runs of open + `get_text()` of every page of the PDF,
/// measured inside one Python process (its start and the import are not counted).
fn pymupdf_elapsed(python: &str, iters: u64) -> Result<Duration, String> {
    const SCRIPT: &str = "import sys, time, pymupdf\n\
        path, n = sys.argv[1], int(sys.argv[2])\n\
        t = time.perf_counter()\n\
        for _ in range(n):\n    \
            doc = pymupdf.open(path)\n    \
            chars = sum(len(page.get_text()) for page in doc)\n    \
            doc.close()\n\
        print(time.perf_counter() - t)\n";
    let out = Command::new(python).args(["-c", SCRIPT, PDF, &iters.to_string()]).output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let secs: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().map_err(|e| format!("{e}"))?;
    Ok(Duration::from_secs_f64(secs))
}

fn main() {
    // The binary's allocator settings, so that the figures are the binary's.
    allocator::keep_freed_memory();
    let mut c = Criterion::default().configure_from_args();
    pdf(&mut c);
    c.final_summary();
}
