//! `progen [--arith] SEED [OUT.go]`: writes the random valid Go program for SEED (see
//! `tests/src/progen.rs` and docs/progen.md) to OUT.go, or to stdout; `--arith` makes the
//! arithmetic-only kind.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let arith = args.first().is_some_and(|a| a == "--arith");
    if arith {
        args.remove(0);
    }
    let Some(seed) = args.first().and_then(|s| s.parse::<u64>().ok()) else {
        eprintln!("usage: progen [--arith] SEED [OUT.go]");
        return ExitCode::from(2);
    };
    let program = if arith {
        tests::progen::generate_arith(seed)
    } else {
        tests::progen::generate(seed)
    };
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
