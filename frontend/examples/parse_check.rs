//! Parses the given files and prints their syntax errors as `file:line:col: message`, the way gc
//! prints them (used to compare rgo's messages with gc's).

use frontend::ast::NodeIdGen;
use frontend::source::FileSet;

fn main() {
    let mut fset = FileSet::new();
    let mut ids = NodeIdGen::new();
    for path in std::env::args().skip(1) {
        let text = match std::fs::read(&path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let idx = fset.add(path.clone(), text);
        match frontend::parser::parse_file(&fset, idx, &mut ids) {
            Ok(_) => println!("{path}: ok"),
            Err(d) => print!("{}", frontend::diag::render(&fset, &d)),
        }
    }
}
