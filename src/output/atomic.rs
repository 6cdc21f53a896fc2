//! Atomic file writes: every output file (JSON, database, Parquet, page) is complete or absent.

use std::io::Write;
use std::path::Path;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The temporary file a write of `path` goes through: `.<name>.<pid>.<n>.tmp` next to it (the
/// process id, so that [`remove_stale_temps`] knows a killed run's leftovers; a counter, so that
/// two writes of one process never share a file).
pub fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    dir.join(format!(".{name}.{}.{}.tmp", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)))
}

/// The process id in a temporary file name of ours: `.<name>.<pid>.<n>.tmp` (or the older
/// `.<name>.<pid>.tmp` of the exports).
fn temp_owner(file_name: &str) -> Option<u32> {
    let inner = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let parts: Vec<&str> = inner.rsplitn(3, '.').collect();
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [n, pid, name] if numeric(n) && numeric(pid) && !name.is_empty() => pid.parse().ok(),
        [pid, name, ..] if numeric(pid) && !name.is_empty() => pid.parse().ok(),
        _ => None,
    }
}

/// Whether a process with this id is running. Only where `/proc` tells (Linux); elsewhere every
/// process is taken to be alive, so nothing is removed.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// Remove the temporary files of our own naming ([`temp_path`]) in `dir` whose process is no
/// longer running: what a killed run (SIGKILL, power loss) left. Returns how many were removed.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else { continue };
        if pid != std::process::id()
            && !alive(pid)
            && entry.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Write to a temporary file in the target directory, then rename it into place: a reader
/// never sees a partial file, and a failure or crash of the process leaves at most a `.tmp`
/// file, never a truncated JSON. The data is not forced to the disk (no `fsync`: on a shared
/// disk one took 8 to 25 ms a file, longer than converting a small report, and it waits for
/// other processes' writes too); after a power loss or a kernel crash the file system's own
/// guarantees apply.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |f| f.write_all(bytes))
}

/// [`write_atomically`] with the content written by `write` into the temporary file.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        write(&mut f)?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_carry_the_process_id() {
        assert_eq!(temp_owner(".r10.json.4242.7.tmp"), Some(4242));
        assert_eq!(temp_owner(".documents.parquet.4242.tmp"), Some(4242));
        assert_eq!(temp_owner(".x.4242.0.tmp"), Some(4242));
        assert_eq!(temp_owner("r10.json.4242.7.tmp"), None);
        assert_eq!(temp_owner(".notes.tmp"), None);
        assert_eq!(temp_owner(".a.b.tmp"), None);
        let t = temp_path(Path::new("out/a.json"));
        let name = t.file_name().and_then(|n| n.to_str()).unwrap_or("");
        assert_eq!(temp_owner(name), Some(std::process::id()));
    }
}
