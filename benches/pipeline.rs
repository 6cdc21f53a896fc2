//! Benchmarks (criterion): each stage on the sample, end to end at 1×, 10× and 100× the sample,
//! and a batch over a generated ~100 MB corpus at 1 and 2 threads. Every figure is input MB/s;
//! a raw scan of the same bytes (read + count lines with memchr) is the floor, and the table
//! printed at the end gives each figure as a ratio to it.
//!
//! Run: `cargo bench` (all) or `cargo bench -- stages` (a group). Set `CRDOC_BENCH_BATCH_MB` to
//! change the batch corpus size (default 100).

use crdoc::lex::{split_lines, PartKind};
use criterion::{BenchmarkId, Criterion, Throughput};
use rayon::prelude::*;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

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
    let appendix = crdoc::outline::scan(&lines, &mut d)
        .headings
        .iter()
        .find(|h| matches!(h.kind, crdoc::outline::HeadingKind::Part(PartKind::Appendix, _)))
        .map(|h| h.index)
        .expect("the sample has an appendix");
    let doc = crdoc::convert_bytes(&bytes, SAMPLE).expect("converts");
    let json = serde_json::to_value(&doc).expect("json");

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("floor_read_and_count_lines", |b| b.iter(|| raw_scan(Path::new(SAMPLE))));
    g.bench_function("decode", |b| b.iter(|| crdoc::decode::decode(black_box(&bytes)).expect("decodes")));
    g.bench_function("lex", |b| b.iter(|| split_lines(black_box(&text)).len()));
    g.bench_function("outline_and_blocks", |b| {
        b.iter(|| {
            let mut d = Vec::new();
            let o = crdoc::outline::scan(&lines, &mut d);
            let fm = crdoc::outline::parse_front_matter(&lines[..o.front_end]);
            let body = crdoc::blocks::parse_blocks(&lines[o.body_start..appendix]);
            (o.headings.len(), fm.1.len(), body.0.len())
        })
    });
    g.bench_function("chronology", |b| {
        b.iter(|| {
            crdoc::chronology::parse_appendix(&lines[appendix], "", &lines[appendix + 1..], &Default::default())
                .0
                .categories
                .len()
        })
    });
    g.bench_function("serialize_json", |b| b.iter(|| serde_json::to_vec(black_box(&doc)).expect("json").len()));
    g.bench_function("validate_schema", |b| b.iter(|| crdoc::schema::validate(black_box(&json)).is_ok()));
    g.bench_function("end_to_end", |b| {
        b.iter(|| {
            let doc = crdoc::convert_bytes(black_box(&bytes), SAMPLE).expect("converts");
            serde_json::to_vec(&doc).expect("json").len()
        })
    });
    g.bench_function("end_to_end_validated", |b| {
        b.iter(|| {
            let doc = crdoc::convert_bytes(black_box(&bytes), SAMPLE).expect("converts");
            let s = serde_json::to_vec(&doc).expect("json");
            let v: serde_json::Value = serde_json::from_slice(&s).expect("json");
            crdoc::schema::validate(&v).is_ok()
        })
    });
    g.finish();
}

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

/// A corpus of ~`mb` MB: the sample and its GB18030, UTF-16LE and CRLF variants, replicated.
fn corpus(dir: &Path, mb: usize) -> (Vec<PathBuf>, u64) {
    let text = String::from_utf8(sample()).expect("utf-8");
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let variants: Vec<Vec<u8>> =
        vec![text.clone().into_bytes(), gb.into_owned(), utf16, text.replace('\n', "\r\n").into_bytes()];
    let mut files = Vec::new();
    let mut total = 0u64;
    let mut k = 0;
    while total < (mb as u64) << 20 {
        let v = &variants[k % variants.len()];
        let p = dir.join(format!("{k:04}.txt"));
        std::fs::write(&p, v).expect("write corpus");
        total += v.len() as u64;
        files.push(p);
        k += 1;
    }
    (files, total)
}

fn batch(c: &mut Criterion) {
    let mb = std::env::var("CRDOC_BENCH_BATCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let tmp = tempfile::tempdir().expect("tmp");
    let (files, total) = corpus(tmp.path(), mb);
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).expect("out dir");
    let mut g = c.benchmark_group("batch");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(total));
    g.bench_function("floor_read_and_count_lines", |b| b.iter(|| files.iter().map(|f| raw_scan(f)).sum::<usize>()));
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        g.bench_function(BenchmarkId::new("convert", format!("{threads}_threads")), |b| {
            b.iter(|| {
                pool.install(|| {
                    files.par_iter().for_each(|f| {
                        let bytes = std::fs::read(f).expect("read");
                        let doc = crdoc::convert_bytes(&bytes, "bench").expect("converts");
                        let json = crdoc::cli::to_json(&doc, false).expect("json");
                        let name = f.file_name().map(PathBuf::from).unwrap_or_default().with_extension("json");
                        crdoc::cli::write_atomically(&out.join(name), json.as_bytes()).expect("write");
                    })
                })
            })
        });
    }
    g.finish();
}

/// Read criterion's estimates and print every figure as MB/s and as a ratio to its floor.
fn print_table() {
    let root = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target"))
        .join("criterion");
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
        ("stages", "end_to_end", sample_mb),
        ("stages", "end_to_end_validated", sample_mb),
        ("scaling", "end_to_end/1x", sample_mb + 1e-6),
        ("scaling", "end_to_end/10x", 10.0 * sample_mb + 10e-6),
        ("scaling", "end_to_end/100x", 100.0 * sample_mb + 100e-6),
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
    let batch_mb = std::env::var("CRDOC_BENCH_BATCH_MB").ok().and_then(|v| v.parse::<f64>().ok()).unwrap_or(100.0);
    let floor = mean_ns("batch", "floor_read_and_count_lines");
    let one = mean_ns("batch", "convert/1_threads");
    let two = mean_ns("batch", "convert/2_threads");
    for (id, ns) in [("floor_read_and_count_lines", floor), ("convert/1_threads", one), ("convert/2_threads", two)] {
        if let Some(ns) = ns {
            // The corpus is at least `batch_mb` MiB; criterion's throughput line gives the exact figure.
            let mbs = batch_mb * 1.048576 / (ns / 1e9);
            let ratio = floor.map_or(String::new(), |f| format!("{:.4}", f / ns));
            println!("{:<40} {:>9.1} ms {:>10.1} {:>14}", format!("batch/{id}"), ns / 1e6, mbs, ratio);
        }
    }
    if let (Some(a), Some(b)) = (one, two) {
        println!("batch speed-up with 2 threads: {:.2}×", a / b);
    }
}

fn main() {
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    stages(&mut c);
    scaling(&mut c);
    batch(&mut c);
    c.final_summary();
    print_table();
}
