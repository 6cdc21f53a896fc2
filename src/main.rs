use clap::Parser;
use std::process::ExitCode;

mod allocator;
mod cli;

fn main() -> ExitCode {
    allocator::keep_freed_memory();
    match cli::Cli::try_parse() {
        Ok(cli) => cli::run(cli),
        // Bare `crdoc` (or a command without its arguments' help): the help with the commands.
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", e.render());
            ExitCode::from(cli::args::USAGE_EXIT)
        }
        // Usage errors: one line naming the argument, then clap's tips (a similar command or
        // flag, the possible values) and the usage line; exit 2 (help and version print as usual).
        Err(e) if e.use_stderr() => {
            let rendered = e.render().to_string();
            eprintln!("crdoc: {}", cli::args::usage_line(&rendered));
            for hint in cli::args::usage_hints(&rendered) {
                eprintln!("  {hint}");
            }
            ExitCode::from(cli::args::USAGE_EXIT)
        }
        Err(e) => e.exit(),
    }
}
