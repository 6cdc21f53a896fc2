use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    crdoc::cli::run(crdoc::cli::Cli::parse())
}
