//! Argument checks clap cannot make, usage lines, and writing standard output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Parse a size: a number of bytes, optionally followed by a binary unit `K`, `M`, `G` or `T`
/// (any case, optionally `B` or `iB` after it): `1000`, `512K`, `10M`, `1GiB`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = t.split_at(digits);
    let n: u64 = number.parse().map_err(|_| format!("{s:?} is not a size (examples: 1000, 512K, 10M, 1G)"))?;
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(format!("unknown unit {unit:?} in {s:?} (use K, M or G: 512K, 10M, 1G)")),
    };
    n.checked_mul(1u64 << shift).ok_or_else(|| format!("{s:?} is too large"))
}

/// A usage error found after clap parsed the arguments: one line naming the argument; exit 2.
#[derive(Debug, PartialEq, Eq)]
pub struct Usage(
    /// The line, starting with the argument.
    pub String,
);

/// Exit status of a usage error.
pub const USAGE_EXIT: u8 = 2;

/// The one line shown for a clap error: its first line without clap's `error: ` prefix; when
/// that line ends with `:`, the indented lines after it (the arguments it is about) follow it.
pub fn usage_line(rendered: &str) -> String {
    let mut lines = rendered.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next().unwrap_or("invalid arguments");
    let mut line = first.strip_prefix("error: ").unwrap_or(first).to_string();
    if line.ends_with(':') {
        let args: Vec<&str> = lines.take_while(|l| l.starts_with(' ')).map(str::trim).collect();
        line = format!("{} {}", line, args.join(", "));
    }
    line
}

/// Check the convert arguments clap cannot check: `-` alone, `-o` not with `-` and not an
/// existing file. Returns the output directory to use (`None` for standard output).
pub fn check_convert_args(inputs: &[PathBuf], output: Option<&Path>) -> Result<Option<PathBuf>, Usage> {
    let stdin = inputs.iter().any(|p| p == Path::new("-"));
    if stdin && inputs.len() > 1 {
        return Err(Usage(format!(
            "-: standard input cannot be mixed with paths ({} inputs given); convert them in separate runs",
            inputs.len()
        )));
    }
    match (stdin, output) {
        (true, Some(o)) => {
            Err(Usage(format!("-o {}: not allowed with -, which writes the JSON to standard output", o.display())))
        }
        (true, None) => Ok(None),
        (false, Some(o)) if o.exists() && !o.is_dir() => {
            Err(Usage(format!("-o {}: is an existing file; -o names the output directory", o.display())))
        }
        (false, Some(o)) if !o.exists() && o.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) => {
            Err(Usage(format!(
                "-o {}: -o names the output directory, not a file (each input gets DIR/<name>.json); \
                 use `crdoc convert - < FILE.txt > {}` for one file",
                o.display(),
                o.display()
            )))
        }
        (false, o) => Ok(Some(o.map_or_else(|| PathBuf::from("output"), Path::to_path_buf))),
    }
}

/// `--gold` must name a readable file or directory.
pub fn check_gold_arg(gold: &Path) -> Result<(), Usage> {
    let readable = if gold.is_dir() { std::fs::read_dir(gold).map(drop) } else { std::fs::File::open(gold).map(drop) };
    readable.map_err(|e| Usage(format!("--gold {}: cannot read: {e}", gold.display())))
}

/// What is shown for a clap error besides its first line ([`usage_line`]): clap's tips
/// (`tip: a similar subcommand exists: 'convert'`), the possible values and the usage line, each
/// trimmed, blank lines and the arguments already named on the first line left out.
pub fn usage_hints(rendered: &str) -> Vec<String> {
    let mut lines = rendered.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next().unwrap_or_default();
    let mut rest: Vec<&str> = lines.collect();
    if first.ends_with(':') {
        let named = rest.iter().take_while(|l| l.starts_with(' ')).count();
        rest.drain(..named);
    }
    rest.iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with("For more information"))
        .map(str::to_string)
        .collect()
}

/// Write to standard output. A closed pipe is reported as [`std::io::ErrorKind::BrokenPipe`]
/// for the caller to end quietly (see [`quiet_exit`]).
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|_| out.flush())
}

/// The exit for a failed write to standard output: a closed pipe (`| head`) ends quietly with
/// status 0, as ripgrep does; any other error is reported.
pub fn quiet_exit(e: &std::io::Error) -> ExitCode {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        ExitCode::SUCCESS
    } else {
        eprintln!("crdoc: cannot write standard output: {e}");
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;
    use crdoc::pipeline::inputs::DEFAULT_MAX_BYTES;

    #[test]
    fn clap_errors_become_one_line() {
        let e = Cli::try_parse_from(["crdoc", "convert"]).expect_err("usage error");
        assert_eq!(
            usage_line(&e.render().to_string()),
            "the following required arguments were not provided: <INPUTS>..."
        );
        let e = Cli::try_parse_from(["crdoc", "convert", "x", "--max-bytes", "1Q"]).expect_err("usage error");
        let line = usage_line(&e.render().to_string());
        assert!(line.starts_with("invalid value '1Q' for '--max-bytes <MAX_BYTES>'"), "{line}");
        assert!(!line.contains('\n'));
    }

    #[test]
    fn clap_hints_follow_the_line() {
        let e = Cli::try_parse_from(["crdoc", "conver"]).expect_err("usage error");
        let hints = usage_hints(&e.render().to_string());
        assert!(hints.iter().any(|h| h.contains("tip:") && h.contains("'convert'")), "{hints:?}");
        assert!(hints.iter().any(|h| h.starts_with("Usage:")), "{hints:?}");
        let e = Cli::try_parse_from(["crdoc", "convert"]).expect_err("usage error");
        let hints = usage_hints(&e.render().to_string());
        assert!(!hints.iter().any(|h| h.contains("<INPUTS>...") && !h.starts_with("Usage:")), "{hints:?}");
    }

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("256M"), Ok(DEFAULT_MAX_BYTES));
        assert_eq!(parse_size("512K"), Ok(512 * 1024));
        assert_eq!(parse_size("10M"), Ok(10 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("2gib"), Ok(2 << 30));
        assert_eq!(parse_size("3MB"), Ok(3 << 20));
        assert!(parse_size("10X").is_err_and(|e| e.contains("unknown unit")));
        assert!(parse_size("M").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999T").is_err_and(|e| e.contains("too large")));
    }
}
