//! `cargo run --release --example pdf_memory -- FILE.pdf`: where the memory of one PDF
//! conversion goes. A counting allocator (over the binary's mimalloc) reports, for each stage,
//! the live heap when it starts, its peak above that, and what it leaves live; with the process's
//! resident set (Linux `/proc/self/statm`) beside it. Stages: reading the file; pdf_oxide
//! parsing the document (`PdfDocument::from_bytes`); reading every page's spans and rules
//! (`read_pdf`, which parses the document itself: its peak holds the parsed document, the
//! decoded fonts and content streams); the layout stage; the whole `convert_bytes` (spans +
//! layout + parsers + validation records); the JSON. With `PER_PAGE=1` it follows pdf_oxide
//! page by page instead (the live heap after each tenth page). With `BATCH=1 … A.pdf B.pdf …` it
//! reads the files one after another, as a `-j 1` batch does, and prints the live heap after each
//! (what outlives a document: pdf_oxide's process-wide font and CMap caches, emptied by
//! `read_pdf`). With `RULES=1` it times pdf_oxide's reading of the text and of the ruling lines
//! over every page. Figures: docs/performance.md.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static INNER: mimalloc::MiMalloc = mimalloc::MiMalloc;

// SAFETY: every call goes to mimalloc unchanged; the counters only watch the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { INNER.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { INNER.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { INNER.realloc(p, l, new) };
        if !q.is_null() {
            if new >= l.size() {
                let now = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const MB: f64 = 1e6;

fn rss() -> f64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<f64>().ok()))
        .map_or(f64::NAN, |pages| pages * 4096.0 / MB)
}

/// CPU time of this thread, seconds (the wall clock where it cannot be read).
fn cpu() -> f64 {
    #[cfg(target_os = "linux")]
    {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: clock_gettime writes one timespec into the one it is given.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9;
        }
    }
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64()
}

/// Run `f` as a stage: print the live heap before, the peak during (above before) and after.
fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    let peak = PEAK.load(Ordering::Relaxed);
    let after = LIVE.load(Ordering::Relaxed);
    println!(
        "{name:34} heap before {:6.1} MB  peak +{:6.1} MB  after {:6.1} MB   RSS {:6.1} MB",
        before as f64 / MB,
        (peak - before) as f64 / MB,
        after as f64 / MB,
        rss()
    );
    out
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdf_memory FILE.pdf");
        std::process::exit(2);
    };
    println!("start: RSS {:.1} MB", rss());
    if std::env::var_os("RULES").is_some() {
        // What the ruling lines cost: pdf_oxide's `extract_spans`, then `extract_lines`, over every
        // page, CPU time of this thread (less disturbed by other processes than the wall clock).
        let bytes = std::fs::read(&path).expect("reads");
        for _ in 0..3 {
            let doc = pdf_oxide::PdfDocument::from_bytes(bytes.clone()).expect("parses");
            let n = doc.page_count().expect("pages");
            let t = cpu();
            for i in 0..n {
                let _ = doc.extract_spans(i);
            }
            let spans = cpu() - t;
            let t = cpu();
            let rules: usize = (0..n).map(|i| doc.extract_lines(i).map_or(0, |l| l.len())).sum();
            let lines = cpu() - t;
            println!(
                "{n} pages: extract_spans {:6.1} ms, extract_lines {:5.1} ms CPU ({rules} straight paths)",
                spans * 1e3,
                lines * 1e3
            );
        }
        return;
    }
    if std::env::var_os("BATCH").is_some() {
        for path in std::env::args().skip(1) {
            let bytes = std::fs::read(&path).expect("reads");
            drop(crdoc::parse::pdf::spans::read_pdf(&bytes).expect("reads"));
            drop(bytes);
            let (fonts, cap) = pdf_oxide::global_font_cache_stats();
            println!(
                "{path}: live after {:6.2} MB  fonts {fonts}/{cap}  cmaps {}  RSS {:6.1}",
                LIVE.load(Ordering::Relaxed) as f64 / MB,
                pdf_oxide::cmap_cache_size(),
                rss()
            );
        }
        return;
    }
    let bytes = stage("read the file", || std::fs::read(&path).expect("reads"));
    println!("file: {:.2} MB", bytes.len() as f64 / MB);
    if std::env::var_os("PER_PAGE").is_some() {
        let doc = pdf_oxide::PdfDocument::from_bytes(bytes.clone()).expect("parses");
        let n = doc.page_count().unwrap();
        for i in 0..n {
            let before = LIVE.load(Ordering::Relaxed);
            PEAK.store(before, Ordering::Relaxed);
            let sp = doc.extract_spans(i).unwrap();
            let mid = LIVE.load(Ordering::Relaxed);
            let _ = doc.extract_lines(i);
            if i % 10 == 0 || i + 1 == n {
                println!(
                    "page {i:3}: live {:6.1} MB (spans {:5.2}) peak +{:5.1} MB  RSS {:6.1}",
                    LIVE.load(Ordering::Relaxed) as f64 / MB,
                    (mid as f64 - before as f64) / MB,
                    (PEAK.load(Ordering::Relaxed) - before) as f64 / MB,
                    rss()
                );
            }
            drop(sp);
        }
        return;
    }
    stage("pdf_oxide: parse the document", || {
        let doc = pdf_oxide::PdfDocument::from_bytes(bytes.clone()).expect("parses");
        doc.page_count().ok()
    });
    let pages = stage("read_pdf (spans and rules)", || crdoc::parse::pdf::spans::read_pdf(&bytes).expect("reads"));
    let spans: usize = pages.pages.iter().map(|p| p.spans.len()).sum();
    let text: usize = pages.pages.iter().flat_map(|p| &p.spans).map(|s| s.text.len()).sum();
    println!("  {} pages, {spans} spans, {:.2} MB of span text", pages.pages.len(), text as f64 / MB);
    let lay = stage("layout", || crdoc::parse::pdf::layout::layout(&pages.pages));
    println!("  derived text {:.2} MB", lay.text.len() as f64 / MB);
    drop(lay);
    drop(pages);
    let doc = stage("convert_bytes (all of it)", || crdoc::convert_bytes(&bytes, &path).expect("converts"));
    let json = stage("JSON", || crdoc::output::json::to_json(&doc, false).expect("serializes"));
    println!("  JSON {:.2} MB", json.len() as f64 / MB);
}
