//! Inputs that once made the frontend panic (found by `rgo-fuzz`, see fuzz/): each must now be
//! rejected with an error.

use std::collections::HashMap;

use frontend::ast::NodeIdGen;
use frontend::source::FileSet;
use frontend::types::{ParsedPackage, check_program};

/// Parses and checks `src` as package main; returns the rendered errors (empty if it checks).
fn errors(src: &str) -> Vec<String> {
    let mut fset = FileSet::new();
    let i = fset.add("x.go".into(), src.to_string());
    let mut ids = NodeIdGen::new();
    let file = match frontend::parser::parse_file(&fset, i, &mut ids) {
        Ok(f) => f,
        Err(d) => return lines(&fset, &d),
    };
    let render = fset.clone();
    let pkg = ParsedPackage {
        path: "main".into(),
        files: vec![file],
        import_map: HashMap::new(),
    };
    match check_program(fset, vec![pkg]) {
        Ok(_) => Vec::new(),
        Err(d) => lines(&render, &d),
    }
}

fn lines(fset: &FileSet, d: &[frontend::Diagnostic]) -> Vec<String> {
    frontend::diag::render(fset, d)
        .lines()
        .map(|l| l.trim_start_matches("x.go:").to_string())
        .collect()
}

#[track_caller]
fn assert_error(src: &str, want: &str) {
    let errs = errors(src);
    assert!(
        errs.iter().any(|e| e.contains(want)),
        "want an error containing {want:?}, got {errs:?}"
    );
}

/// `unsafe.Sizeof` of a type whose size overflows (go/types testdata issue59190): sizes
/// saturate instead of overflowing, and the argument is reported as too large.
#[test]
fn sizeof_too_large() {
    assert_error(
        "package main\n\nimport \"unsafe\"\n\ntype E [1 << 30]complex128\n\nvar a [1 << 30]E\n\nvar _ = unsafe.Sizeof(a)\n\nfunc main() {}\n",
        "9:23: a (variable of type [1073741824]E) is too large",
    );
    assert_error(
        "package main\n\nimport \"unsafe\"\n\ntype E [1 << 30]complex128\n\nvar s struct {\n\t_ [1 << 30]E\n\tx int\n}\n\nvar _ = unsafe.Offsetof(s.x)\n\nfunc main() {}\n",
        "is too large",
    );
    assert_error(
        "package main\n\nimport \"unsafe\"\n\ntype T [1 << 62][1 << 62]struct{ a, b int64 }\n\nfunc main() {\n\tvar t T\n\t_ = unsafe.Sizeof(t)\n}\n",
        "is too large",
    );
}

/// A generic type instantiating itself with growing type arguments (go/types testdata
/// issue48951, issue56665) expanded forever and overflowed the stack.
#[test]
fn generic_type_expanding_forever() {
    assert_error(
        "package main\n\ntype A2[P any] [10]A2[*P]\n\nvar _ A2[int]\n\nfunc main() {}\n",
        "3:6: invalid recursive type A2",
    );
    assert_error(
        "package main\n\ntype S2[P any] struct{ f S2[*P] }\n\nfunc main() {}\n",
        "invalid recursive type S2",
    );
    assert_error(
        "package main\n\ntype S3[P any] struct{ f *S3[*P] }\n\nvar _ S3[int]\n\nfunc main() {}\n",
        "invalid recursive type S3",
    );
}

/// A function named as a type in its own signature was accepted silently (its type was not
/// known yet), and lowering then indexed an empty parameter list.
#[test]
fn func_as_own_parameter_type() {
    assert_error(
        "package main\n\nfunc descend(depth descend) int {\n\tif depth == 0 {\n\t\tvar s []int\n\t\treturn s[depth]\n\t}\n\treturn 1\n}\n\nfunc main() {}\n",
        "3:20: descend is not a type",
    );
    assert_error(
        "package main\n\nfunc f(x f) {}\n\nfunc main() { f(nil) }\n",
        "3:10: f is not a type",
    );
}

/// A type parameter used as a term of its own constraint (`[T ~T]`, or through a generic
/// constraint `Constraint[T]` whose element is `~T`) made type-set computations recurse until
/// the stack overflowed; such terms are errors (go.dev/issue/47127) and become invalid.
#[test]
fn type_parameter_as_term() {
    assert_error(
        "package main\n\nfunc F[T ~T](x string) {\n\tvar _ T = x == \"foo\"\n}\n\nfunc main() {\n\t_ = F[bool]\n}\n",
        "3:11: type in term ~T cannot be a type parameter",
    );
    assert_error(
        "package main\n\ntype Constraint[T any] interface {\n\t~T\n}\n\nfunc Foo[T Constraint[T]]() T {\n\tvar t T\n\treturn t\n}\n\nfunc main() {\n\ttype Bar func() Bar\n\tFoo[Bar]()\n}\n",
        "4:3: type in term ~T cannot be a type parameter",
    );
    assert_error(
        "package main\n\nfunc F[T interface{ int | T }]() {}\n\nfunc main() {}\n",
        "term cannot be a type parameter",
    );
}
