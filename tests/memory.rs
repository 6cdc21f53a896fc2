//! Peak memory of `convert` (validation on, one thread) on the sample ×100 and on dense inputs,
//! read from the operating system as the child process's peak resident set (Linux: `wait4`).
//! Bounds (issue 12): 4 × input + 30 MB for the sample ×100; 6 × input + 3 × output + 64 MB for
//! 200,000 date lines after a chronology category heading, 100,000 chapter headings and
//! 100,000 bullets.
//!
//! A test binary of its own, not a module of `tests/it/`: `Command` starts the child with
//! `posix_spawn`, whose child shares its parent's memory until it execs, and Linux carries the
//! parent's peak resident set into the child's `ru_maxrss` at that exec. Beside the other tests
//! (a 50 MB input, the sample a hundred times) the parent's peak would be measured instead of
//! the child's.

#[cfg(target_os = "linux")]
mod rss;

#[cfg(target_os = "linux")]
mod linux {
    use super::rss::peak_rss;

    const MB: u64 = 1 << 20;

    fn check(name: &str, text: &str, bound: impl Fn(u64, u64) -> u64) {
        let dir = tempfile::tempdir().expect("tmp");
        let input = dir.path().join(format!("{name}.txt"));
        std::fs::write(&input, text).expect("write");
        let out = dir.path().join("out");
        let rss = peak_rss(&input, &out);
        let out_len = std::fs::metadata(out.join(format!("{name}.json"))).expect("output written").len();
        let limit = bound(text.len() as u64, out_len);
        eprintln!(
            "{name}: input {} B, output {out_len} B, peak RSS {} MB (bound {} MB)",
            text.len(),
            rss / MB,
            limit / MB
        );
        assert!(rss <= limit, "{name}: peak RSS {rss} B exceeds {limit} B");
    }

    #[test]
    fn dense_inputs_stay_within_their_memory_bound() {
        let dense = |i: u64, o: u64| 6 * i + 3 * o + 64 * MB;
        let mut dates = String::from("附录\n\n2019 第二季度至 2020 年第一季度大事记\n\n政治对话\n\n");
        dates.extend((0..200_000).map(|i| format!("2019年{}月{}日\n", i % 12 + 1, i % 28 + 1)));
        check("dates", &dates, dense);
        let chapters: String = (0..100_000).map(|i| format!("第{}章 标题{i}\n", i % 999 + 1)).collect();
        check("chapters", &chapters, dense);
        let bullets: String = (0..100_000).map(|i| format!("- 第{i}项{}\n", "内容".repeat(i % 7))).collect();
        check("bullets", &bullets, dense);
    }

    #[test]
    fn the_sample_a_hundred_times_stays_within_its_memory_bound() {
        let sample =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/input/china-russia-dialogue-2020.zh.txt"))
                .expect("the sample");
        let text: String = (0..100).map(|_| format!("{sample}\n")).collect();
        check("sample-x100", &text, |i, _| 4 * i + 30 * MB);
    }
}
