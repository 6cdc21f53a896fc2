//! Benchmarks (criterion): each stage on the sample, the export of its records to each format,
//! end to end at 1×, 10× and 100× the sample, the default `convert` of the sample ×100 file
//! against a minimal line-to-JSON pass over the same file (`ratio`), and a batch of 200 copies of
//! the sample at 1 and 2 threads, and the SQLite load of 45 distinct copies next to their
//! `convert` (`export_batch`). Every figure is input MB/s; a raw scan of the same bytes (read +
//! count lines with memchr) is the floor, and the table printed at the end gives each figure as a
//! ratio to it, then the two targets: the default convert's time over the minimal pass's (as the
//! ratio of two criterion means, and as the median of paired rounds in wall and CPU time, see
//! `paired_round`), and the batch's 2-thread speed-up.
//!
//! Run: `cargo bench` (all) or `cargo bench -- ratio` (a group). Set `CRDOC_BENCH_BATCH_COPIES`
//! to change the number of copies in the batch (default 200).

use crdoc::output::batch::{convert_file, ConvertOptions, Job};
use crdoc::parse::lex::{split_lines, PartKind};
use criterion::{BenchmarkId, Criterion, Throughput};
use rayon::prelude::*;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "../src/allocator.rs"]
mod allocator;

#[path = "support/minimal_pass.rs"]
mod minimal_pass;

const SAMPLE: &str = "input/china-russia-dialogue-2020.zh.txt";

fn sample() -> Vec<u8> {
    std::fs::read(SAMPLE).expect("run from the package root: the sample is in input/")
}

/// The floor: read the file and count its lines.
fn raw_scan(path: &Path) -> usize {
    let bytes = std::fs::read(path).expect("read");
    memchr::memchr_iter(b'\n', &bytes).count()
}

fn stages(c: &mut Criterion) {
    let bytes = sample();
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    let lines = split_lines(&text);
    let mut d = Vec::new();
    let appendix = crdoc::parse::outline::scan(&lines, &mut d)
        .headings
        .iter()
        .find(|h| matches!(h.kind, crdoc::parse::outline::HeadingKind::Part(PartKind::Appendix, _)))
        .map(|h| h.index)
        .expect("the sample has an appendix");
    let doc = crdoc::convert_bytes(&bytes, SAMPLE).expect("converts");
    let json = serde_json::to_value(&doc).expect("json");

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("floor_read_and_count_lines", |b| b.iter(|| raw_scan(Path::new(SAMPLE))));
    g.bench_function("decode", |b| b.iter(|| crdoc::parse::decode::decode(black_box(&bytes)).expect("decodes")));
    g.bench_function("lex", |b| b.iter(|| split_lines(black_box(&text)).len()));
    g.bench_function("outline_and_blocks", |b| {
        b.iter(|| {
            let mut d = Vec::new();
            let o = crdoc::parse::outline::scan(&lines, &mut d);
            let fm = crdoc::parse::outline::parse_front_matter(&lines[..o.front_end]);
            let body = crdoc::parse::blocks::parse_blocks(&lines[o.body_start..appendix]);
            (o.headings.len(), fm.1.len(), body.0.len())
        })
    });
    g.bench_function("chronology", |b| {
        b.iter(|| {
            crdoc::parse::chronology::parse_appendix(&lines[appendix], "", &lines[appendix + 1..], &Default::default())
                .0
                .categories
                .len()
        })
    });
    g.bench_function("serialize_json", |b| b.iter(|| serde_json::to_vec(black_box(&doc)).expect("json").len()));
    g.bench_function("validate_schema", |b| b.iter(|| crdoc::schema::validate(black_box(&json)).is_ok()));
    g.bench_function("validate_typed", |b| b.iter(|| crdoc::schema::validate_document(black_box(&doc)).is_ok()));
    g.bench_function("end_to_end", |b| {
        b.iter(|| {
            let doc = crdoc::convert_bytes(black_box(&bytes), SAMPLE).expect("converts");
            serde_json::to_vec(&doc).expect("json").len()
        })
    });
    g.bench_function("end_to_end_validated", |b| {
        b.iter(|| {
            let doc = crdoc::convert_bytes(black_box(&bytes), SAMPLE).expect("converts");
            assert!(crdoc::schema::validate_document(&doc).is_ok());
            serde_json::to_vec(&doc).expect("json").len()
        })
    });
    g.finish();
}

/// Export of the sample, from its converted document: flattening into records, then each
/// format written to a temporary output (opened, one document written, finished).
#[cfg(feature = "export")]
fn export(c: &mut Criterion) {
    use crdoc::output::export::{open, Flat, Format};
    let bytes = sample();
    let doc = crdoc::convert_bytes(&bytes, SAMPLE).expect("converts");
    let tmp = tempfile::tempdir().expect("tmp");
    let mut g = c.benchmark_group("export");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("flatten_records", |b| b.iter(|| Flat::of(black_box(&doc)).expect("flattens").kinds.len()));
    for (name, format) in
        [("sqlite", Format::Sqlite), ("parquet", Format::Parquet), ("csv", Format::Csv), ("ndjson", Format::Ndjson)]
    {
        let out = tmp.path().join(name);
        g.bench_function(name, |b| {
            b.iter(|| {
                // A fresh database each time: the figure is a first export, not a replacement.
                let _ = std::fs::remove_file(&out);
                let flat = Flat::of(black_box(&doc)).expect("flattens");
                let mut sink = open(format, &out).expect("opens");
                sink.write(&flat).expect("writes");
                sink.finish().expect("finishes");
            })
        });
    }
    g.finish();
}

#[cfg(not(feature = "export"))]
fn export(_: &mut Criterion) {}

/// The number of distinct copies in the export batch (`CRDOC_BENCH_EXPORT_COPIES`, default 45).
fn export_copies() -> usize {
    std::env::var("CRDOC_BENCH_EXPORT_COPIES").ok().and_then(|v| v.parse().ok()).unwrap_or(45)
}

/// The SQLite load next to `convert` on the same files (issue 23): N distinct copies of the
/// sample (one blank line of each holds another number of spaces, so every copy is another
/// document with the same content), converted to JSON (`convert`, the pool of the binary, one
/// file each), exported from that JSON into a fresh database (`sqlite_first`) and into a
/// database already holding them (`sqlite_again`: every document replaced).
#[cfg(feature = "export")]
fn export_batch(c: &mut Criterion) {
    use crdoc::output::export::{export, open, Format};
    use crdoc::pipeline::inputs;
    let n = export_copies();
    let text = String::from_utf8(sample()).expect("utf-8");
    let lines: Vec<&str> = text.split('\n').collect();
    let blank = (lines.len() / 2..lines.len()).find(|&i| lines[i].is_empty()).expect("a blank line");
    let tmp = tempfile::tempdir().expect("tmp");
    let (txt, json) = (tmp.path().join("txt"), tmp.path().join("json"));
    std::fs::create_dir_all(&txt).expect("dir");
    let mut jobs = Vec::new();
    for k in 0..n {
        let mut copy = lines.clone();
        let spaces = " ".repeat(k + 1);
        copy[blank] = &spaces;
        let path = txt.join(format!("copy{k:03}.txt"));
        std::fs::write(&path, copy.join("\n")).expect("write");
        jobs.push(Job { input: path, output: json.join(format!("copy{k:03}.json")) });
    }
    std::fs::create_dir_all(&json).expect("dir");
    let options = options(&json, true);
    let mut g = c.benchmark_group("export_batch");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes((n * text.len()) as u64));
    g.bench_function("convert", |b| {
        b.iter(|| jobs.par_iter().map(|j| convert_file(j, &options).is_ok() as usize).sum::<usize>())
    });
    let (found, errors) = inputs::expand(std::slice::from_ref(&json));
    assert!(errors.is_empty() && found.len() == n, "{} converted", found.len());
    let db = tmp.path().join("batch.db");
    let load = |db: &Path| {
        let mut sink = open(Format::Sqlite, db).expect("opens");
        let summary = export(&found, sink.as_mut(), u64::MAX).expect("exports");
        sink.finish().expect("finishes");
        assert_eq!(summary.exported, n);
    };
    g.bench_function("sqlite_first", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(&db);
            load(&db)
        })
    });
    let _ = std::fs::remove_file(&db);
    load(&db);
    g.bench_function("sqlite_again", |b| b.iter(|| load(&db)));
    // The floor of any search table the plain sqlite3 CLI can query for one-character words:
    // FTS5 with its built-in tokenizer over every Chinese character of each copy, one token per
    // character and nothing else (no words, no pairs, no record tables), one transaction per copy.
    let floor_db = tmp.path().join("floor.db");
    let rows: Vec<String> = lines.iter().map(|l| han_tokens(l)).filter(|r| !r.is_empty()).collect();
    g.bench_function("fts5_floor", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(&floor_db);
            fts5_floor(&floor_db, &rows, n)
        })
    });
    g.finish();
}

/// Every Chinese character of a line, separated by spaces: one `unicode61` token each.
#[cfg(feature = "export")]
fn han_tokens(line: &str) -> String {
    let han = |c: &char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}');
    line.chars().filter(han).map(String::from).collect::<Vec<_>>().join(" ")
}

/// `copies` documents of `rows` into a one-column FTS5 table, a transaction per document.
#[cfg(feature = "export")]
fn fts5_floor(db: &Path, rows: &[String], copies: usize) -> usize {
    let mut conn = rusqlite::Connection::open(db).expect("open");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE VIRTUAL TABLE floor USING fts5(chars, tokenize = 'unicode61');
         INSERT INTO floor(floor, rank) VALUES ('automerge', 0);",
    )
    .expect("schema");
    for _ in 0..copies {
        let tx = conn.transaction().expect("tx");
        {
            let mut stmt = tx.prepare_cached("INSERT INTO floor(chars) VALUES (?1)").expect("prepare");
            for r in rows {
                stmt.execute([r]).expect("insert");
            }
        }
        tx.commit().expect("commit");
    }
    rows.len() * copies
}

#[cfg(not(feature = "export"))]
fn export_batch(_: &mut Criterion) {}

fn scaling(c: &mut Criterion) {
    let one = sample();
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for times in [1usize, 10, 100] {
        let mut bytes = Vec::with_capacity(one.len() * times + times);
        for _ in 0..times {
            bytes.extend_from_slice(&one);
            bytes.push(b'\n');
        }
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::new("end_to_end", format!("{times}x")), &bytes, |b, bytes| {
            b.iter(|| {
                let doc = crdoc::convert_bytes(bytes, "concat").expect("converts");
                serde_json::to_vec(&doc).expect("json").len()
            })
        });
    }
    g.finish();
}

/// The options of `crdoc convert -o DIR` (validation on unless `validate` is false).
fn options(out: &Path, validate: bool) -> ConvertOptions {
    ConvertOptions {
        output: out.to_path_buf(),
        pretty: false,
        max_bytes: crdoc::pipeline::inputs::DEFAULT_MAX_BYTES,
        validate,
        verbose: false,
        // Every iteration converts again (the outputs of the last one are up to date).
        force: true,
        quiet: true,
    }
}

/// The default `convert` (validation on) of the sample ×100 against the minimal pass, one thread,
/// file to file, measured in the same run.
fn ratio(c: &mut Criterion) {
    let one = sample();
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("sample-x100.txt");
    let mut bytes = Vec::with_capacity(one.len() * 100 + 100);
    for _ in 0..100 {
        bytes.extend_from_slice(&one);
        bytes.push(b'\n');
    }
    std::fs::write(&input, &bytes).expect("write input");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).expect("out dir");
    let job = Job { input: input.clone(), output: out.join("sample-x100.json") };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    let mut g = c.benchmark_group("ratio");
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("minimal_line_to_json", |b| {
        b.iter(|| minimal_pass::minimal_line_to_json(&input, &out.join("lines.jsonl")))
    });
    g.bench_function("convert_default", |b| {
        b.iter(|| pool.install(|| convert_file(&job, &options(&out, true)).expect("converts").diagnostics.len()))
    });
    g.bench_function("convert_no_validate", |b| {
        b.iter(|| pool.install(|| convert_file(&job, &options(&out, false)).expect("converts").diagnostics.len()))
    });

    // Paired rounds: the minimal pass, the default convert and the convert without validation
    // back to back, and the median of the per-round ratios, in wall time and in CPU time (user +
    // system of the whole process). On a machine whose cores other processes share, wall time
    // also counts the time the bench waits for a core, and that comes and goes from one run to
    // the next; CPU time counts only the work done. The time criterion reports for
    // `paired_round` is that of a whole round (the three together).
    let run_minimal = || minimal_pass::minimal_line_to_json(&input, &out.join("lines.jsonl"));
    let run_convert = |validate: bool| {
        pool.install(|| convert_file(&job, &options(&out, validate)).expect("converts").diagnostics.len())
    };
    let rounds = std::cell::RefCell::new(Rounds::default());
    g.bench_function("paired_round", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let minimal = measure(&run_minimal);
                let default = measure(&|| run_convert(true));
                let unvalidated = measure(&|| run_convert(false));
                rounds.borrow_mut().push(minimal, default, unvalidated);
                total += minimal.0 + default.0 + unvalidated.0;
            }
            total
        })
    });
    g.finish();
    let mut r = rounds.into_inner();
    if !r.wall.0.is_empty() {
        let summary = serde_json::json!({
            "rounds": r.wall.0.len(),
            "wall": { "default": quartiles(&mut r.wall.0), "no_validate": quartiles(&mut r.wall.1) },
            "cpu": { "default": quartiles(&mut r.cpu.0), "no_validate": quartiles(&mut r.cpu.1) },
        });
        let path = criterion_dir().join("ratio").join("paired.json");
        std::fs::write(&path, summary.to_string()).expect("write the paired ratios");
    }
}

/// Per-round ratios to the minimal pass: (default convert, convert without validation).
#[derive(Default)]
struct Rounds {
    wall: (Vec<f64>, Vec<f64>),
    cpu: (Vec<f64>, Vec<f64>),
}

impl Rounds {
    fn push(
        &mut self,
        minimal: (Duration, Duration),
        default: (Duration, Duration),
        unvalidated: (Duration, Duration),
    ) {
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
        self.wall.0.push(ratio(default.0, minimal.0));
        self.wall.1.push(ratio(unvalidated.0, minimal.0));
        self.cpu.0.push(ratio(default.1, minimal.1));
        self.cpu.1.push(ratio(unvalidated.1, minimal.1));
    }
}

/// Wall time and CPU time (user + system, whole process) of one call.
fn measure(f: &dyn Fn() -> usize) -> (Duration, Duration) {
    let (t, c) = (std::time::Instant::now(), cpu_time());
    black_box(f());
    (t.elapsed(), cpu_time().saturating_sub(c))
}

/// User + system time of this process so far (zero where `getrusage` is not available).
fn cpu_time() -> Duration {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: getrusage only writes the struct it is given.
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } == 0 {
            let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
            return tv(u.ru_utime) + tv(u.ru_stime);
        }
    }
    Duration::ZERO
}

/// [first quartile, median, third quartile] of `v` (sorted in place).
fn quartiles(v: &mut [f64]) -> [f64; 3] {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v.get(((v.len().max(1) - 1) as f64 * q).round() as usize).copied().unwrap_or(f64::NAN);
    [at(0.25), at(0.5), at(0.75)]
}

/// Where criterion writes its estimates.
fn criterion_dir() -> PathBuf {
    std::env::var("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from("target")).join("criterion")
}

/// `copies` copies of the sample, one file each.
fn corpus(dir: &Path, copies: usize) -> (Vec<Job>, u64) {
    let bytes = sample();
    let jobs: Vec<Job> = (0..copies)
        .map(|k| {
            let input = dir.join(format!("{k:04}.txt"));
            std::fs::write(&input, &bytes).expect("write corpus");
            Job { input, output: dir.join("out").join(format!("{k:04}.json")) }
        })
        .collect();
    (jobs, (bytes.len() * copies) as u64)
}

fn batch_copies() -> usize {
    std::env::var("CRDOC_BENCH_BATCH_COPIES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

/// The default `convert` of a batch, at 1 and 2 threads.
fn batch(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tmp");
    let (jobs, total) = corpus(tmp.path(), batch_copies());
    let opts = options(&tmp.path().join("out"), true);
    let mut g = c.benchmark_group("batch");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(total));
    g.bench_function("floor_read_and_count_lines", |b| {
        b.iter(|| jobs.iter().map(|j| raw_scan(&j.input)).sum::<usize>())
    });
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        g.bench_function(BenchmarkId::new("convert", format!("{threads}_threads")), |b| {
            b.iter(|| {
                pool.install(|| {
                    jobs.par_iter().map(|j| convert_file(j, &opts).expect("converts").diagnostics.len()).sum::<usize>()
                })
            })
        });
    }
    g.finish();
}

/// Read criterion's estimates and print every figure as MB/s and as a ratio to its floor.
fn print_table() {
    let root = criterion_dir();
    let mean_ns = |group: &str, id: &str| -> Option<f64> {
        let p = root.join(group).join(id).join("new/estimates.json");
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).ok()?).ok()?;
        v["mean"]["point_estimate"].as_f64()
    };
    let sample_mb = sample().len() as f64 / 1e6;
    let rows: Vec<(&str, &str, f64)> = vec![
        ("stages", "floor_read_and_count_lines", sample_mb),
        ("stages", "decode", sample_mb),
        ("stages", "lex", sample_mb),
        ("stages", "outline_and_blocks", sample_mb),
        ("stages", "chronology", sample_mb),
        ("stages", "serialize_json", sample_mb),
        ("stages", "validate_schema", sample_mb),
        ("stages", "validate_typed", sample_mb),
        ("stages", "end_to_end", sample_mb),
        ("stages", "end_to_end_validated", sample_mb),
        ("export", "flatten_records", sample_mb),
        ("export", "sqlite", sample_mb),
        ("export", "parquet", sample_mb),
        ("export", "csv", sample_mb),
        ("export", "ndjson", sample_mb),
        ("scaling", "end_to_end/1x", sample_mb + 1e-6),
        ("scaling", "end_to_end/10x", 10.0 * sample_mb + 10e-6),
        ("scaling", "end_to_end/100x", 100.0 * sample_mb + 100e-6),
        ("ratio", "minimal_line_to_json", 100.0 * sample_mb + 100e-6),
        ("ratio", "convert_default", 100.0 * sample_mb + 100e-6),
        ("ratio", "convert_no_validate", 100.0 * sample_mb + 100e-6),
    ];
    println!("\n{:<40} {:>12} {:>10} {:>14}", "benchmark", "time", "MB/s", "× floor speed");
    let floor = mean_ns("stages", "floor_read_and_count_lines").map(|ns| sample_mb / (ns / 1e9));
    for (g, id, mb) in rows {
        if let Some(ns) = mean_ns(g, id) {
            let mbs = mb / (ns / 1e9);
            let ratio = floor.map_or(String::new(), |f| format!("{:.4}", mbs / f));
            println!("{:<40} {:>9.3} ms {:>10.1} {:>14}", format!("{g}/{id}"), ns / 1e6, mbs, ratio);
        }
    }
    let batch_mb = batch_copies() as f64 * sample_mb;
    let floor = mean_ns("batch", "floor_read_and_count_lines");
    let one = mean_ns("batch", "convert/1_threads");
    let two = mean_ns("batch", "convert/2_threads");
    for (id, ns) in [("floor_read_and_count_lines", floor), ("convert/1_threads", one), ("convert/2_threads", two)] {
        if let Some(ns) = ns {
            let mbs = batch_mb / (ns / 1e9);
            let ratio = floor.map_or(String::new(), |f| format!("{:.4}", f / ns));
            println!("{:<40} {:>9.1} ms {:>10.1} {:>14}", format!("batch/{id}"), ns / 1e6, mbs, ratio);
        }
    }
    if let (Some(minimal), Some(default), Some(unvalidated)) = (
        mean_ns("ratio", "minimal_line_to_json"),
        mean_ns("ratio", "convert_default"),
        mean_ns("ratio", "convert_no_validate"),
    ) {
        println!(
            "sample ×100, one thread: default convert {:.2}× the minimal line-to-JSON pass ({:.2}× without validation)",
            default / minimal,
            unvalidated / minimal
        );
    }
    let paired = std::fs::read(root.join("ratio").join("paired.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
    if let Some(p) = paired {
        for clock in ["wall", "cpu"] {
            let q = |k: &str, i: usize| p[clock][k][i].as_f64().unwrap_or(f64::NAN);
            println!(
                "the same, median of {} paired rounds, {clock} time: {:.2}× (quartiles {:.2}–{:.2}); without validation {:.2}× ({:.2}–{:.2})",
                p["rounds"],
                q("default", 1),
                q("default", 0),
                q("default", 2),
                q("no_validate", 1),
                q("no_validate", 0),
                q("no_validate", 2)
            );
        }
    }
    if let (Some(a), Some(b)) = (one, two) {
        println!("batch speed-up with 2 threads: {:.2}×", a / b);
    }
    if let Some(convert) = mean_ns("export_batch", "convert") {
        for id in ["sqlite_first", "sqlite_again"] {
            if let Some(ns) = mean_ns("export_batch", id) {
                println!(
                    "{} copies: {id} {:.2} s, {:.1}× convert ({:.2} s)",
                    export_copies(),
                    ns / 1e9,
                    ns / convert,
                    convert / 1e9
                );
            }
        }
    }
}

fn main() {
    allocator::keep_freed_memory();
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    stages(&mut c);
    export(&mut c);
    export_batch(&mut c);
    scaling(&mut c);
    ratio(&mut c);
    batch(&mut c);
    c.final_summary();
    print_table();
}
