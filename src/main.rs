use clap::Parser;
use std::process::ExitCode;

mod allocator;

fn main() -> ExitCode {
    allocator::keep_freed_memory();
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
