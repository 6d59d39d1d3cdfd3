//! Syntax and lexical errors: texts and line:col exactly as gc 1.27.3 reports them (each case was
//! run through `go tool compile`; gc's follow-on errors after the first syntax error are only
//! required not to be contradicted).

use frontend::ast::NodeIdGen;
use frontend::source::FileSet;

fn diags(src: &str) -> Vec<String> {
    let mut fset = FileSet::new();
    let i = fset.add("x.go".into(), src.to_string());
    let mut ids = NodeIdGen::new();
    match frontend::parser::parse_file(&fset, i, &mut ids) {
        Ok(_) => Vec::new(),
        Err(d) => frontend::diag::render(&fset, &d)
            .lines()
            .map(|l| l.trim_start_matches("x.go:").to_string())
            .collect(),
    }
}

/// (source, gc's errors in order).
const CASES: &[(&str, &[&str])] = &[
    (
        "package main\n\nfunc main() {\n\tx := 1 2\n}\n",
        &["4:9: syntax error: unexpected literal 2 at end of statement"],
    ),
    (
        "package main\n\nfunc main() {\n\tf(1 2)\n}\n",
        &["4:6: syntax error: unexpected literal 2 in argument list; possibly missing comma or )"],
    ),
    (
        "package main\n\nvar x = []int{\n\t1,\n\t2\n}\n",
        &[
            "5:3: syntax error: unexpected newline in composite literal; possibly missing comma or }",
        ],
    ),
    (
        "package main\n\nx := 1\n",
        &["3:1: syntax error: non-declaration statement outside function body"],
    ),
    (
        "package main\n\nfunc main() {\n\tif x {\n\t}\n\tif true\n\t{\n\t}\n}\n",
        &["6:9: syntax error: unexpected newline, expected { after if clause"],
    ),
    (
        "package main\n\nfunc main() {\n\tvar 1 int\n}\n",
        &["4:6: syntax error: unexpected literal 1, expected name"],
    ),
    (
        "package main\n\nfunc main() {\n\tif true {\n\t} else for {\n\t}\n}\n",
        &["5:9: syntax error: else must be followed by if or statement block"],
    ),
    (
        "package main\n\nfunc main() {\n\tif x := 1 {\n\t}\n}\n",
        &["4:7: syntax error: cannot use x := 1 as value"],
    ),
    (
        "package main\n\nfunc main() {\n\tx := (1 + \n}\n",
        &["5:1: syntax error: unexpected }, expected expression"],
    ),
    (
        "package main\n\nfunc main() {\n\tf(\n}\n",
        &["5:1: syntax error: unexpected }, expected expression"],
    ),
    (
        "package main\n\nfunc main() {\n\tx := 1\n\telse {\n\t}\n}\n",
        &["5:2: syntax error: unexpected keyword else, expected }"],
    ),
    (
        "package main\n\nfunc main() {\n\tf())\n}\n",
        &["4:5: syntax error: unexpected ) at end of statement"],
    ),
    (
        r#"package main

func main() {
	x = "a" "b"
}
"#,
        &["4:10: syntax error: unexpected literal \"b\" at end of statement"],
    ),
    (
        "package main\n\nfunc main() {\n\tfor i := 0; i < 10; i++ \n\t{\n\t}\n}\n",
        &["4:26: syntax error: unexpected newline, expected { after for clause"],
    ),
    (
        "package main\n\nfunc main()\n{\n}\n",
        &["4:1: syntax error: unexpected semicolon or newline before {"],
    ),
    (
        "package main\n\nfunc f(a int b int) {}\n",
        &["3:14: syntax error: unexpected name b in parameter list; possibly missing comma or )"],
    ),
    (
        r#"package main

import "fmt"
func main() {
	fmt.Println("hi"
}
"#,
        &["5:18: syntax error: unexpected newline in argument list; possibly missing comma or )"],
    ),
    (
        "package main\n\nfunc main() {\n\tx := []int{1, 2 3}\n}\n",
        &[
            "4:18: syntax error: unexpected literal 3 in composite literal; possibly missing comma or }",
        ],
    ),
    (
        "package main\n\nfunc main() {\n\tswitch x {\n\tcase 1\n\t}\n}\n",
        &["5:8: syntax error: unexpected newline, expected :"],
    ),
    (
        r#"package main

func main() {
	x := map[string]int{"a": 1 "b": 2}
}
"#,
        &[
            "4:29: syntax error: unexpected literal \"b\" in composite literal; possibly missing comma or }",
        ],
    ),
    (
        "package main\n\nfunc main() {\n\tvar x int = \n}\n",
        &["5:1: syntax error: unexpected }, expected expression"],
    ),
    (
        "package main\n\ntype T struct {\n\ta int,\n\tb int\n}\n",
        &[
            "4:7: syntax error: unexpected comma in struct type; possibly missing semicolon or newline or }",
        ],
    ),
    (
        "package main\n\nfunc main() {\n\tx := 08\n\ty := 1__0\n\tz := 0x1.0\n\tr := ''\n\ts := 'ab'\n}\n",
        &[
            "4:8: invalid digit '8' in octal literal",
            "5:9: '_' must separate successive digits",
            "6:12: hexadecimal mantissa requires a 'p' exponent",
            "7:8: empty rune literal or unescaped '",
            "8:7: more than one character in rune literal",
        ],
    ),
    (
        r#"package main

func main() {
	s := "abc
}
"#,
        &["4:11: newline in string"],
    ),
    (
        r#"package main

func main() {
	s := "\q"
	t := "\uD800"
	@
}
"#,
        &[
            "4:9: unknown escape",
            "5:14: escape is invalid Unicode code point U+D800",
            "6:2: invalid character U+0040 '@'",
        ],
    ),
    (
        "package main\n\nfunc main() {\n\t/* abc\n",
        &["4:2: comment not terminated"],
    ),
    (
        "package main\n\nfunc main() {\n\tfor x = range {\n\t}\n}\n",
        &[
            "4:16: syntax error: unexpected {, expected expression",
            "5:2: syntax error: unexpected }, expected { after for clause",
        ],
    ),
    (
        "package main\n\nfunc main() {\n\ta := [3]int{1,2,3}\n\tb := a[1::2]\n}\n",
        &["5:11: middle index required in 3-index slice"],
    ),
    (
        "package main\n\nfunc main() {\n\tif x == T{} {\n\t}\n}\n",
        &[
            "4:14: syntax error: unexpected { at end of statement",
            "6:1: syntax error: non-declaration statement outside function body",
        ],
    ),
    (
        "package main\n\nfunc main() {\n\tx.y.\n}\n",
        &["5:1: syntax error: unexpected }, expected name or ("],
    ),
    (
        "package main\n\nfunc main() {\n\tvar x = 1 +\n}\n",
        &["5:1: syntax error: unexpected }, expected expression"],
    ),
    (
        "package main\n\nfunc main() {\n\tfunc f() {}\n}\n",
        &[
            "4:7: syntax error: unexpected name f, expected (",
            "5:1: syntax error: non-declaration statement outside function body",
        ],
    ),
    (
        r#"package main
import "fmt"
var x = 1
import "os"
"#,
        &["4:1: syntax error: imports must appear before other declarations"],
    ),
    (
        "package main\n\nfunc main() {\n\tx := 1;;\n\t)\n}\n",
        &[
            "5:2: syntax error: unexpected ), expected }",
            "6:1: syntax error: non-declaration statement outside function body",
        ],
    ),
    (
        "package main\n\nfunc main() {\n\tdefer\n}\n",
        &["5:1: syntax error: unexpected }, expected expression"],
    ),
    (
        "package main\n\nfunc f() int {\n\treturn 1,\n}\n",
        &["5:1: syntax error: unexpected }, expected expression"],
    ),
    (
        "package main\n\ntype T interface {\n\tM() int,\n}\n",
        &[
            "4:9: syntax error: unexpected comma in interface type; possibly missing semicolon or newline or }",
        ],
    ),
    (
        "package main\n\nfunc main() {\n\tselect {\n\tcase x:\n\t\tfoo bar\n\t}\n}\n",
        &["6:7: syntax error: unexpected name bar at end of statement"],
    ),
    (
        "main\n",
        &["1:1: syntax error: package statement must be first"],
    ),
];

#[test]
fn gc_error_messages() {
    let mut failures = Vec::new();
    for (src, want) in CASES {
        let got = diags(src);
        let ok =
            !got.is_empty() && got[0] == want[0] && got.iter().all(|g| want.contains(&g.as_str()));
        if !ok {
            failures.push(format!("source:\n{src}\n  gc:  {want:?}\n  rgo: {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn never_panics_on_garbage() {
    let inputs: Vec<String> = vec![
        String::new(),
        "\0\0\0".to_string(),
        "package".to_string(),
        "package p\nfunc f() {".to_string(),
        "package p\nvar x = ".to_string() + &"(".repeat(100_000),
        "package p\nvar x = ".to_string() + &"-".repeat(100_000) + "1",
        "package p\nvar x = ".to_string() + &"[]".repeat(50_000) + "int{}",
        "package p\nvar s = \"".to_string() + &"x".repeat(1_000_000),
        "package p\nvar s = `".to_string(),
        "package p\nvar c = '\\".to_string(),
        "package p\nvar c = '\\x".to_string(),
        "package p\nvar c = \"\\U0011ffff\"".to_string(),
        "package p\nvar n = 0x".to_string(),
        "package p\nvar n = 1e".to_string(),
        "package p\nvar n = 0b102.5".to_string(),
        "\u{feff}\u{feff}package p".to_string(),
        "package p\n\u{200b}x := 1".to_string(),
        "package p\nfunc (".to_string(),
        "package p\ntype T[".to_string(),
        "package p\ntype T[P".to_string(),
        "package p\nfunc f[P any, Q]()".to_string(),
        "package p\n/*".to_string(),
        "package p\nimport (\"a\"; b \"c\"; . )".to_string(),
        "package p\nfunc f() { switch x := y.(type) { case } }".to_string(),
        "package p\nfunc f() { for x, y, z := range w {} }".to_string(),
    ];
    // The compiler runs on a main thread (8 MiB of stack); check with the same budget.
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            for s in &inputs {
                let _ = diags(s);
            }
        })
        .unwrap()
        .join()
        .unwrap();
    // Every prefix of a real program.
    let prog = "package main\n\nimport \"fmt\"\n\ntype T[P any] struct{ x []P `tag` }\n\nfunc (t *T[P]) M(a, b int, c ...string) (r int, err error) {\n\tfor i, v := range t.x {\n\t\tswitch y := any(v).(type) {\n\t\tcase int:\n\t\t\tr += y + i\n\t\t}\n\t}\n\tselect {\n\tcase v, ok := <-ch:\n\t\t_ = v && ok\n\tdefault:\n\t}\n\treturn map[string]int{\"a\": 1}[\"a\"], nil\n}\n\nfunc main() { fmt.Println(0x1p-2, 'a', `r`) }\n";
    for i in 0..=prog.len() {
        if prog.is_char_boundary(i) {
            let _ = diags(&prog[..i]);
        }
    }
}
