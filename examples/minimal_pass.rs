//! `cargo run --release --example minimal_pass -- INPUT OUTPUT`: the minimal line-to-JSON pass
//! of issue 12 as a program, so `benches/process.sh` can time it as a whole process next to
//! `crdoc convert`.

#[path = "../benches/support/minimal_pass.rs"]
mod minimal_pass;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = args.as_slice() else {
        eprintln!("usage: minimal_pass INPUT OUTPUT");
        std::process::exit(2);
    };
    let lines = minimal_pass::minimal_line_to_json(input.as_ref(), output.as_ref());
    eprintln!("{lines} lines");
}
