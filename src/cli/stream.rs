//! `convert --ndjson`: whole documents, one compact JSON line each, to standard output in input
//! order, so the converter runs as a map task (Spark, Hadoop Streaming, `xargs -P`). Each
//! failure is one JSON line on standard error (`{"path": …, "error": …}`), never in the data.
//! Inputs are converted in parallel a window at a time, so memory is bounded by the window,
//! not by the batch.

use crdoc::error::FileError;
use crdoc::output::batch::{convert_one, plan, ConvertOptions};
use crdoc::output::interrupt::{interrupted, INTERRUPTED_EXIT};
use rayon::prelude::*;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Input paths, one per line, from a file or (`-`) standard input. Blank lines are skipped;
/// trailing `\r` is removed.
pub fn read_paths(list: &Path) -> std::io::Result<Vec<PathBuf>> {
    let reader: Box<dyn BufRead> = if list == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(std::fs::File::open(list)?))
    };
    let mut paths = Vec::new();
    for line in reader.lines() {
        let line = line?;
        let line = line.trim_end_matches('\r');
        if !line.trim().is_empty() {
            paths.push(PathBuf::from(line));
        }
    }
    Ok(paths)
}

/// One failure as a JSON line: `{"path": "...", "error": "..."}`.
pub fn failure_line(e: &FileError) -> String {
    serde_json::json!({ "path": e.path.display().to_string(), "error": e.reason }).to_string()
}

fn convert_path(input: &Path, opts: &ConvertOptions) -> Result<String, FileError> {
    let bytes = if input == Path::new("-") {
        let mut b = Vec::new();
        std::io::stdin()
            .lock()
            .take(opts.max_bytes + 1)
            .read_to_end(&mut b)
            .map_err(|e| FileError::io(input, "cannot read standard input", e))?;
        b
    } else {
        let meta = std::fs::metadata(input).map_err(|e| FileError::io(input, "cannot read", e))?;
        if !meta.is_file() {
            return Err(FileError::msg(input, "not a regular file".to_string()));
        }
        if meta.len() > opts.max_bytes {
            return Err(FileError::msg(input, format!("the file is larger than --max-bytes ({})", opts.max_bytes)));
        }
        std::fs::read(input).map_err(|e| FileError::io(input, "cannot read", e))?
    };
    if bytes.len() as u64 > opts.max_bytes {
        return Err(FileError::msg(input, format!("the input is larger than --max-bytes ({})", opts.max_bytes)));
    }
    let compact = ConvertOptions { output: PathBuf::new(), pretty: false, ..*opts };
    convert_one(&bytes, &input.display().to_string(), &compact).map(|(json, _)| json).map_err(|e| e.with_path(input))
}

/// Convert every input (files, or directories searched for `*.txt`) to one JSON line each on
/// standard output, on `jobs` worker threads (`-j`, capped as for files). Exit 0 when all
/// converted (or standard output was closed: `| head`), 1 when some failed, 130 when
/// interrupted.
pub fn convert_ndjson(inputs: &[PathBuf], opts: &ConvertOptions, jobs: usize) -> ExitCode {
    let (planned, errors) = plan(inputs, Path::new(""));
    let threads = super::convert::workers(jobs, planned.len(), opts.quiet);
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(|| stream(&planned, errors, opts)),
        Err(e) => {
            eprintln!("crdoc: cannot start worker threads: {e}");
            ExitCode::from(1)
        }
    }
}

fn stream(jobs: &[crdoc::output::batch::Job], errors: Vec<FileError>, opts: &ConvertOptions) -> ExitCode {
    let mut failed = errors.len();
    let stderr = std::io::stderr();
    for e in &errors {
        let _ = writeln!(stderr.lock(), "{}", failure_line(e));
    }
    let window = rayon::current_num_threads().max(1) * 2;
    let mut out = std::io::stdout().lock();
    for chunk in jobs.chunks(window) {
        if interrupted() {
            let _ = writeln!(stderr.lock(), "{}", serde_json::json!({ "path": "-", "error": "interrupted" }));
            return ExitCode::from(INTERRUPTED_EXIT);
        }
        let results: Vec<Result<String, FileError>> = chunk.par_iter().map(|j| convert_path(&j.input, opts)).collect();
        for r in results {
            match r {
                Ok(json) => {
                    if let Err(e) = out.write_all(json.as_bytes()).and_then(|()| out.flush()) {
                        // A closed standard output (`| head`) ends the run quietly.
                        if e.kind() == std::io::ErrorKind::BrokenPipe {
                            return ExitCode::SUCCESS;
                        }
                        let _ = writeln!(
                            stderr.lock(),
                            "{}",
                            serde_json::json!({ "path": "-", "error": format!("cannot write standard output: {e}") })
                        );
                        return ExitCode::from(1);
                    }
                }
                Err(e) => {
                    failed += 1;
                    let _ = writeln!(stderr.lock(), "{}", failure_line(&e));
                }
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
