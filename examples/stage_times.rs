//! `cargo run --release --example stage_times -- INPUT [ROUNDS]`: where the time of one
//! conversion goes, stage by stage (read, decode, SHA-256, split into lines, page furniture,
//! build, ids, validation, JSON write, drop), as the minimum and the median over ROUNDS rounds
//! (default 10), in the binary's allocator. Set `RSS=1` to print the resident memory after
//! each stage of each round (Linux). Run it with `RAYON_NUM_THREADS=1` to time one thread, as
//! issue 12's targets do. The JSON goes to a temporary directory.

#[path = "../src/allocator.rs"]
mod allocator;

use std::collections::BTreeMap;
use std::io::Write;
use std::time::Instant;

/// Resident memory in MB, where `/proc/self/statm` says it.
fn rss_mb() -> Option<f64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: f64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096.0 / 1e6)
}

fn main() {
    allocator::keep_freed_memory();
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: stage_times INPUT [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(10).max(1);
    let show_rss = std::env::var_os("RSS").is_some();
    let out = tempfile::tempdir().expect("a temporary directory");
    let mut all: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for _ in 0..rounds {
        let mut round: Vec<(&str, f64)> = Vec::new();
        let mut lap = Instant::now();
        let mut mark = |name: &'static str| {
            round.push((name, lap.elapsed().as_secs_f64() * 1000.0));
            if show_rss {
                eprintln!("{name:12} rss {:.1} MB", rss_mb().unwrap_or(f64::NAN));
            }
            lap = Instant::now();
        };
        let bytes = std::fs::read(path).expect("read the input");
        mark("read");
        let decoded = crdoc::parse::decode::decode(&bytes).expect("decodes");
        mark("decode");
        {
            use sha2::Digest;
            std::hint::black_box(sha2::Sha256::digest(&bytes));
        }
        mark("sha256");
        let lines = crdoc::parse::lex::split_lines(&decoded.text);
        mark("split");
        let pages = crdoc::parse::pages::scan(&lines, |_| None);
        mark("pages");
        let mut diagnostics = Vec::new();
        let mut doc = crdoc::pipeline::build(&pages.lines, &mut diagnostics);
        mark("build");
        crdoc::model::ids::assign_ids(&mut doc);
        mark("ids");
        assert!(crdoc::schema::validate_document(&doc).is_ok(), "the document validates");
        mark("validate");
        let file = std::fs::File::create(out.path().join("out.json")).expect("create the output");
        let mut w = std::io::BufWriter::with_capacity(256 * 1024, file);
        crdoc::output::json::write_json(&mut w, &doc, false).expect("writes");
        w.flush().expect("writes");
        drop(w);
        mark("write");
        drop(doc);
        drop(pages);
        drop(lines);
        drop(decoded);
        drop(bytes);
        mark("drop");
        let total: f64 = round.iter().map(|(_, t)| t).sum();
        round.push(("total", total));
        for (name, t) in round {
            all.entry(name).or_default().push(t);
        }
    }
    let order = ["read", "decode", "sha256", "split", "pages", "build", "ids", "validate", "write", "drop", "total"];
    println!("{:10} {:>9} {:>9}", "stage", "min ms", "median ms");
    for name in order {
        let Some(v) = all.get_mut(name) else { continue };
        v.sort_by(f64::total_cmp);
        println!("{name:10} {:9.2} {:9.2}", v[0], v[v.len() / 2]);
    }
}
