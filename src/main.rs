use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: the conversion allocates a string or a vector per
/// element, and glibc's per-thread arenas spent a fifth of `convert`'s time in malloc, free and
/// growing their heaps (`perf record`, README "Performance").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    crdoc::cli::run(crdoc::cli::Cli::parse())
}
