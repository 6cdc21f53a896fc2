//! PDF → validated JSON (feature `pdf`) of the 148-page typeset sample
//! (`tests/extractors/pdf/weasyprint.pdf`) against `pdftotext` alone writing its text of the
//! same file (poppler, a separate process; skipped when it is not installed), in the same run.
//! Also the two halves of crdoc's own path: reading the spans, and the layout stage.
//!
//! Run: `cargo bench --bench pdf`.

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
    g.finish();
}

fn main() {
    // The binary's allocator settings, so that the figures are the binary's.
    allocator::keep_freed_memory();
    let mut c = Criterion::default().configure_from_args();
    pdf(&mut c);
    c.final_summary();
}
