//! The peak resident set of a `crdoc convert` child, read from the operating system (Linux:
//! `wait4`), shared by the two memory test binaries (`tests/memory.rs`, `tests/pdf_memory.rs`).

use std::path::Path;
use std::process::{Command, Stdio};

/// Run `crdoc convert INPUT -o OUT -j 1` and return its peak RSS in bytes.
// The child is reaped by `wait4`, which reports its resource usage; `Child::wait` cannot.
#[allow(clippy::zombie_processes)]
pub fn peak_rss(input: &Path, out: &Path) -> u64 {
    let child = Command::new(env!("CARGO_BIN_EXE_crdoc"))
        .arg("convert")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(["-j", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; `pid` is our unreaped child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4 failed");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{}: convert failed", input.display());
    usage.ru_maxrss as u64 * 1024
}
