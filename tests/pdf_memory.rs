//! Peak memory of `convert` (one thread) on the three typeset PDFs of the sample (feature `pdf`,
//! issue 25), read from the operating system as the child process's peak resident set (Linux:
//! `wait4`). Bound: 25 × the PDF + 32 MB (measured 42, 32 and 84 MB for the 1.35, 1.18 and
//! 4.1 MB PDFs; docs/performance.md, "PDF input": most of it is the PDF reader's parsed document
//! and fonts, and the floor of the process is 10 MB).
//!
//! A test binary of its own: Linux gives a child started by `posix_spawn` (which shares the
//! parent's memory until its `exec`) the parent's peak resident set as its starting peak, so a
//! parent that has built a large input (tests/memory.rs) would hide the child's figure. This
//! one allocates next to nothing, and checks so.

#[cfg(target_os = "linux")]
mod rss;

/// The live heap of this process: the system allocator, counted.
#[cfg(target_os = "linux")]
mod heap {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    struct Counting;

    static LIVE: AtomicUsize = AtomicUsize::new(0);

    // SAFETY: every call goes to the system allocator unchanged; the counter only adds the sizes.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            let p = unsafe { System.alloc(l) };
            if !p.is_null() {
                LIVE.fetch_add(l.size(), Ordering::Relaxed);
            }
            p
        }
        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            unsafe { System.dealloc(p, l) };
            LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        }
        unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
            let q = unsafe { System.realloc(p, l, new) };
            if !q.is_null() {
                LIVE.fetch_add(new, Ordering::Relaxed);
                LIVE.fetch_sub(l.size(), Ordering::Relaxed);
            }
            q
        }
    }

    #[global_allocator]
    static GLOBAL: Counting = Counting;

    /// Bytes allocated and not yet freed.
    pub fn live() -> usize {
        LIVE.load(Ordering::Relaxed)
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use super::rss::peak_rss;
    use std::path::Path;

    const MB: u64 = 1 << 20;

    /// This process's own peak resident set (`VmHWM`), bytes.
    fn own_peak() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .expect("VmHWM")
            * 1024
    }

    /// The child of [`reading_a_pdf_leaves_nothing_behind`]: set in its environment.
    const HEAP_CHILD: &str = "CRDOC_PDF_HEAP_CHILD";

    /// Reading distinct PDFs one after another on one thread (a `-j 1` batch) leaves the live
    /// heap where it was: pdf_oxide's process-wide caches (its ToUnicode CMaps kept every font's,
    /// 0.2–0.3 MB per typeset sample PDF) are emptied after each document. Counted by this
    /// binary's allocator, in a child process of its own (this test binary re-run on this test
    /// alone) so that neither the other test's figure nor this process's peak sees the PDFs.
    #[test]
    fn reading_a_pdf_leaves_nothing_behind() {
        if std::env::var_os(HEAP_CHILD).is_none() {
            let out = std::process::Command::new(std::env::current_exe().expect("the test binary"))
                .args(["linux::reading_a_pdf_leaves_nothing_behind", "--exact", "--nocapture", "--test-threads=1"])
                .env(HEAP_CHILD, "1")
                .output()
                .expect("runs the child");
            let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
            eprintln!("{said}");
            assert!(out.status.success() && said.contains("1 passed"), "the child failed");
            return;
        }
        let read = |name: &str| {
            let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/extractors/pdf/{name}.pdf"));
            let bytes = std::fs::read(pdf).expect("the typeset PDF");
            let pages = crdoc::parse::pdf::spans::read_pdf(&bytes).expect("reads");
            assert!(!pages.pages.is_empty());
        };
        // The first document sets up what lives as long as the process (pdf_oxide's statics).
        read("heldout-2022-xelatex");
        let base = super::heap::live();
        for name in ["weasyprint", "xelatex", "heldout-2024-chromium"] {
            read(name);
            let grown = super::heap::live().saturating_sub(base);
            eprintln!("after {name}.pdf: live heap {grown} B above the first document's");
            assert!(grown < 128 * 1024, "{name}.pdf left {grown} B live after it was read");
        }
    }

    #[test]
    fn the_typeset_pdfs_stay_within_their_memory_bound() {
        let dir = tempfile::tempdir().expect("tmp");
        for name in ["weasyprint", "xelatex", "chromium"] {
            let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/extractors/pdf/{name}.pdf"));
            let len = std::fs::metadata(&pdf).expect("the typeset PDF").len();
            let out = dir.path().join(name);
            let rss = peak_rss(&pdf, &out);
            assert!(out.join(format!("{name}.json")).is_file(), "{name}: no output");
            let limit = 25 * len + 32 * MB;
            eprintln!("{name}.pdf: {len} B, peak RSS {} MB (bound {} MB)", rss / MB, limit / MB);
            assert!(rss <= limit, "{name}.pdf: peak RSS {rss} B exceeds {limit} B");
        }
        // The figures are the children's own: this process stayed far below them.
        assert!(own_peak() < 16 * MB, "the test process itself peaked at {} B", own_peak());
    }
}
