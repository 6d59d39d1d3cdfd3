//! `progen SEED [OUT.go]`: writes the random valid Go program for SEED (see
//! `tests/src/progen.rs` and docs/progen.md) to OUT.go, or to stdout.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(seed) = args.first().and_then(|s| s.parse::<u64>().ok()) else {
        eprintln!("usage: progen SEED [OUT.go]");
        return ExitCode::from(2);
    };
    let program = tests::progen::generate(seed);
    match args.get(1) {
        Some(path) => {
            if let Err(e) = std::fs::write(path, program) {
                eprintln!("progen: cannot write {path}: {e}");
                return ExitCode::FAILURE;
            }
        }
        None => print!("{program}"),
    }
    ExitCode::SUCCESS
}
