//! Programs that once made lowering panic (found by `rgo-fuzz`, see fuzz/): lowering must return
//! (an error or a module), never panic.

use std::collections::HashMap;

use frontend::ast::NodeIdGen;
use frontend::source::FileSet;
use frontend::types::{ParsedPackage, check_program};

fn lower(src: &str) {
    let mut fset = FileSet::new();
    let i = fset.add("x.go".into(), src.to_string());
    let mut ids = NodeIdGen::new();
    let file = frontend::parser::parse_file(&fset, i, &mut ids).expect("parses");
    let pkg = ParsedPackage {
        path: "main".into(),
        files: vec![file],
        import_map: HashMap::new(),
    };
    let mut prog = check_program(fset, vec![pkg]).expect("checks");
    frontend::types::instantiate_bodies(&mut prog);
    let main = prog
        .packages
        .iter()
        .find(|p| p.path == "main")
        .map(|p| p.id)
        .expect("main package");
    let _ = midend::lower_package(&prog, main);
}

/// The layout of an array of huge arrays multiplied its scalar count by the length unchecked.
#[test]
fn huge_array_layout() {
    lower(
        "package main\n\nfunc main() {\n\tvar arr [6][1 << 40][1 << 40]int64\n\ti, j := 2, 1\n\ts := arr[i:j:5]\n\tprintln(s)\n}\n",
    );
}

/// An array of a zero-size element with an enormous length was walked element by element.
#[test]
fn huge_array_of_empty_structs() {
    lower("package main\n\nfunc main() {\n\tvar a [1 << 40]struct{}\n\t_ = a\n}\n");
}

/// `new([0x7fffffffffffffff]string)` enumerated the pointer words of the array one by one.
#[test]
fn huge_array_with_pointers() {
    lower("package main\n\nfunc main() {\n\tnp := new([0x7fffffffffffffff]string)\n\t_ = np\n}\n");
}
