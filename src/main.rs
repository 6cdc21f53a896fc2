use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: the conversion allocates a string or a vector per
/// element, and glibc's per-thread arenas spent a fifth of `convert`'s time in malloc, free and
/// growing their heaps (`perf record`, README "Performance").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match crdoc::cli::Cli::try_parse() {
        Ok(cli) => crdoc::cli::run(cli),
        // Usage errors: one line naming the argument, exit 2 (help and version print as usual).
        Err(e) if e.use_stderr() => {
            eprintln!("crdoc: {}", crdoc::cli::usage_line(&e.render().to_string()));
            ExitCode::from(crdoc::cli::USAGE_EXIT)
        }
        Err(e) => e.exit(),
    }
}
