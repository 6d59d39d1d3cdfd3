//! Assembles one `.s` file and prints each TEXT symbol's bytes in hex (a debugging aid for
//! comparing with `go tool asm -S`): `asmdump PKG FILE.s [INCLUDE_DIR...]`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: asmdump PKG FILE.s [INCLUDE_DIR...]");
        std::process::exit(2);
    }
    let Ok(text) = std::fs::read_to_string(&args[2]) else {
        eprintln!("cannot read {}", args[2]);
        std::process::exit(1);
    };
    let dirs: Vec<std::path::PathBuf> = args[3..].iter().map(Into::into).collect();
    let resolve = |h: &str| {
        dirs.iter()
            .find_map(|d| std::fs::read_to_string(d.join(h)).ok())
    };
    let opts = asm::Options {
        pkg: &args[1],
        resolve: &resolve,
        defines: vec![
            ("GOOS_linux".into(), "1".into()),
            ("GOARCH_amd64".into(), "1".into()),
        ],
    };
    match asm::assemble(&args[2], &text, &opts) {
        Ok(u) => {
            for f in &u.funcs {
                println!("{} size={}", f.name, f.code.len());
                for (i, c) in f.code.chunks(16).enumerate() {
                    let hex: Vec<String> = c.iter().map(|b| format!("{b:02x}")).collect();
                    println!("\t{:#06x} {}", i * 16, hex.join(" "));
                }
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
