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
