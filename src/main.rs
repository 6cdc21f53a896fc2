use clap::Parser;
use std::process::ExitCode;

mod allocator;
mod cli;

fn main() -> ExitCode {
    allocator::keep_freed_memory();
    match cli::Cli::try_parse() {
        Ok(cli) => cli::run(cli),
        // Usage errors: one line naming the argument, exit 2 (help and version print as usual).
        Err(e) if e.use_stderr() => {
            eprintln!("crdoc: {}", cli::args::usage_line(&e.render().to_string()));
            ExitCode::from(cli::args::USAGE_EXIT)
        }
        Err(e) => e.exit(),
    }
}
