//! Syntax features parse into the expected tree shapes, printed as compact S-expressions.

use frontend::ast::*;
use frontend::source::FileSet;

fn parse(src: &str) -> File {
    let mut fset = FileSet::new();
    let i = fset.add("x.go".into(), src.to_string());
    let mut ids = NodeIdGen::new();
    match frontend::parser::parse_file(&fset, i, &mut ids) {
        Ok(f) => f,
        Err(d) => panic!("parse failed:\n{}", frontend::diag::render(&fset, &d)),
    }
}

fn list(v: &[Expr]) -> String {
    v.iter().map(e).collect::<Vec<_>>().join(" ")
}

fn fields(v: &[Field]) -> String {
    v.iter()
        .map(|f| {
            let names: Vec<&str> = f.names.iter().map(|n| n.name.as_str()).collect();
            let mut s = if names.is_empty() {
                e(&f.typ)
            } else {
                format!("{} {}", names.join(","), e(&f.typ))
            };
            if let Some(t) = &f.tag {
                s.push_str(&format!(" tag={t:?}"));
            }
            format!("[{s}]")
        })
        .collect::<Vec<_>>()
        .join("")
}

fn sig(f: &FuncType) -> String {
    format!(
        "(func ({}) ({}){})",
        fields(&f.params),
        fields(&f.results),
        if f.variadic { " variadic" } else { "" }
    )
}

fn o(x: &Option<Box<Expr>>) -> String {
    x.as_ref().map(|x| e(x)).unwrap_or_else(|| "_".into())
}

fn e(x: &Expr) -> String {
    use ExprKind::*;
    match &x.kind {
        Bad => "BAD".into(),
        Ident(n) => n.name.clone(),
        BasicLit { raw, .. } => raw.clone(),
        CompositeLit { typ, elts, .. } => {
            format!("(lit {} {})", o(typ), list(elts)).replace(" )", ")")
        }
        KeyValue { key, value, .. } => format!("(kv {} {})", e(key), e(value)),
        FuncLit { sig: s, body } => format!("(funclit {} {})", sig(s), block(body)),
        Paren(x) => format!("(paren {})", e(x)),
        Selector { x, sel } => format!("(. {} {})", e(x), sel.name),
        Index { x, indices, .. } => format!("(index {} {})", e(x), list(indices)),
        Slice {
            x,
            lo,
            hi,
            max,
            three,
            ..
        } => {
            if *three {
                format!("(slice3 {} {} {} {})", e(x), o(lo), o(hi), o(max))
            } else {
                format!("(slice {} {} {})", e(x), o(lo), o(hi))
            }
        }
        TypeAssert { x, typ, .. } => match typ {
            Some(t) => format!("(assert {} {})", e(x), e(t)),
            None => format!("(assert {} type)", e(x)),
        },
        Call {
            func,
            args,
            ellipsis,
            ..
        } => format!(
            "(call {}{}{}{})",
            e(func),
            if args.is_empty() { "" } else { " " },
            list(args),
            if ellipsis.is_some() { " ..." } else { "" }
        ),
        Star(x) => format!("(* {})", e(x)),
        Unary { op, x } => format!("({} {})", op.as_str(), e(x)),
        Binary { op, x, y, .. } => format!("({} {} {})", op.as_str(), e(x), e(y)),
        ArrayType { len, elem } => match len {
            Some(l) => format!("(array {} {})", e(l), e(elem)),
            None => format!("(slicetype {})", e(elem)),
        },
        Ellipsis(t) => format!("(... {})", o(t)),
        StructType { fields: f } => format!("(struct {})", fields(f)),
        FuncType(f) => sig(f),
        InterfaceType { elems } => format!("(interface {})", fields(elems)),
        MapType { key, value } => format!("(map {} {})", e(key), e(value)),
        ChanType { dir, elem } => {
            let d = match dir {
                ChanDir::Both => "chan",
                ChanDir::Send => "chan<-",
                ChanDir::Recv => "<-chan",
            };
            format!("({d} {})", e(elem))
        }
    }
}

fn block(b: &Block) -> String {
    format!(
        "{{{}}}",
        b.stmts.iter().map(st).collect::<Vec<_>>().join("; ")
    )
}

fn ost(s: &Option<Box<Stmt>>) -> String {
    s.as_ref().map(|s| st(s)).unwrap_or_else(|| "_".into())
}

fn clauses(c: &[CaseClause]) -> String {
    c.iter()
        .map(|c| {
            let head = if c.is_default {
                "default".to_string()
            } else {
                format!("case {}", list(&c.exprs))
            };
            format!(
                "[{head}: {}]",
                c.body.iter().map(st).collect::<Vec<_>>().join("; ")
            )
        })
        .collect()
}

fn st(s: &Stmt) -> String {
    use StmtKind::*;
    match &s.kind {
        Empty => "empty".into(),
        Bad => "BAD".into(),
        Decl(d) => decl(d),
        Labeled { label, stmt } => format!("(label {} {})", label.name, st(stmt)),
        Expr(x) => e(x),
        Send { chan, value } => format!("(send {} {})", e(chan), e(value)),
        IncDec { x, inc } => format!("({} {})", if *inc { "++" } else { "--" }, e(x)),
        Assign { lhs, op, rhs, .. } => {
            let op = match op {
                AssignOp::Assign => "=".to_string(),
                AssignOp::Define => ":=".to_string(),
                AssignOp::Op(b) => format!("{}=", b.as_str()),
            };
            format!("({op} ({}) ({}))", list(lhs), list(rhs))
        }
        Go(x) => format!("(go {})", e(x)),
        Defer(x) => format!("(defer {})", e(x)),
        Return(v) => format!("(return {})", list(v)).replace(" )", ")"),
        Branch { kind, label } => {
            let k = format!("{kind:?}").to_lowercase();
            match label {
                Some(l) => format!("({k} {})", l.name),
                None => format!("({k})"),
            }
        }
        Block(b) => block(b),
        If {
            init,
            cond,
            then,
            els,
        } => {
            format!(
                "(if {} {} {} {})",
                ost(init),
                e(cond),
                block(then),
                ost(els)
            )
        }
        Switch {
            init, tag, body, ..
        } => format!(
            "(switch {} {} {})",
            ost(init),
            tag.as_ref().map(e).unwrap_or_else(|| "_".into()),
            clauses(body)
        ),
        TypeSwitch {
            init,
            bind,
            x,
            body,
            ..
        } => format!(
            "(typeswitch {} {} {} {})",
            ost(init),
            bind.as_ref()
                .map(|b| b.name.clone())
                .unwrap_or_else(|| "_".into()),
            e(x),
            clauses(body)
        ),
        Select { body, .. } => format!(
            "(select {})",
            body.iter()
                .map(|c| format!(
                    "[{}: {}]",
                    ost(&c.comm),
                    c.body.iter().map(st).collect::<Vec<_>>().join("; ")
                ))
                .collect::<String>()
        ),
        For {
            init,
            cond,
            post,
            body,
        } => format!(
            "(for {} {} {} {})",
            ost(init),
            cond.as_ref().map(e).unwrap_or_else(|| "_".into()),
            ost(post),
            block(body)
        ),
        Range {
            key,
            value,
            define,
            x,
            body,
        } => format!(
            "(range {} {} {} {} {})",
            key.as_ref().map(e).unwrap_or_else(|| "_".into()),
            value.as_ref().map(e).unwrap_or_else(|| "_".into()),
            if *define { ":=" } else { "=" },
            e(x),
            block(body)
        ),
    }
}

fn tparams(v: &[Field]) -> String {
    if v.is_empty() {
        String::new()
    } else {
        format!("[tparams {}]", fields(v))
    }
}

fn decl(d: &Decl) -> String {
    match d {
        Decl::Const(g) | Decl::Var(g) => {
            let kw = if matches!(d, Decl::Const(_)) {
                "const"
            } else {
                "var"
            };
            let specs: Vec<String> = g
                .specs
                .iter()
                .map(|s| {
                    let names: Vec<&str> = s.names.iter().map(|n| n.name.as_str()).collect();
                    format!(
                        "({} {} {} ({}){})",
                        s.iota,
                        names.join(","),
                        s.typ.as_ref().map(e).unwrap_or_else(|| "_".into()),
                        list(&s.values),
                        if s.implicit { " implicit" } else { "" }
                    )
                })
                .collect();
            format!("({kw} {})", specs.join(" "))
        }
        Decl::Type(g) => {
            let specs: Vec<String> = g
                .specs
                .iter()
                .map(|s| {
                    format!(
                        "({}{}{} {})",
                        s.name.name,
                        tparams(&s.type_params),
                        if s.assign.is_some() { " =" } else { "" },
                        e(&s.typ)
                    )
                })
                .collect();
            format!("(type {})", specs.join(" "))
        }
        Decl::Func(f) => format!(
            "(funcdecl {}{}{} {} {})",
            f.recv
                .as_ref()
                .map(|r| format!("recv{} ", fields(std::slice::from_ref(r))))
                .unwrap_or_default(),
            f.name.name,
            tparams(&f.type_params),
            sig(&f.sig),
            f.body
                .as_ref()
                .map(block)
                .unwrap_or_else(|| "nobody".into())
        ),
        Decl::Bad(_) => "BAD".into(),
    }
}

/// Parses `src` as the body of a function and returns its statements.
fn stmts(body: &str) -> String {
    let f = parse(&format!("package p\nfunc f() {{\n{body}\n}}\n"));
    match &f.decls[0] {
        Decl::Func(fd) => fd
            .body
            .as_ref()
            .map(|b| b.stmts.iter().map(st).collect::<Vec<_>>().join("; "))
            .unwrap_or_default(),
        _ => panic!("no func"),
    }
}

fn expr(x: &str) -> String {
    let s = stmts(&format!("_ = {x}"));
    s.strip_prefix("(= (_) (")
        .and_then(|s| s.strip_suffix("))"))
        .unwrap_or(&s)
        .to_string()
}

fn decls(src: &str) -> String {
    let f = parse(&format!("package p\n{src}\n"));
    f.decls.iter().map(decl).collect::<Vec<_>>().join("\n")
}

#[test]
fn package_and_imports() {
    let f = parse(
        "package main\n\nimport \"fmt\"\nimport (\n\tf \"fmt\"\n\t. \"os\"\n\t_ \"net/http\"\n\t\"a\\x62c\"\n)\n",
    );
    assert_eq!(f.package_name.name, "main");
    let v: Vec<String> = f
        .imports
        .iter()
        .map(|i| {
            format!(
                "{}:{}",
                i.name.as_ref().map(|n| n.name.as_str()).unwrap_or("-"),
                i.path
            )
        })
        .collect();
    assert_eq!(v, ["-:fmt", "f:fmt", ".:os", "_:net/http", "-:abc"]);
}

#[test]
fn expressions() {
    let cases = [
        ("a + b*c", "(+ a (* b c))"),
        ("a || b && c == d", "(|| a (&& b (== c d)))"),
        ("-x.y[1](2)", "(- (call (index (. x y) 1) 2))"),
        ("*p + &q", "(+ (* p) (& q))"),
        ("<-ch", "(<- ch)"),
        ("a &^ b << 2", "(<< (&^ a b) 2)"),
        ("x.(T)", "(assert x T)"),
        ("s[1:]", "(slice s 1 _)"),
        ("s[:2:3]", "(slice3 s _ 2 3)"),
        ("f(a, b...)", "(call f a b ...)"),
        ("f[int](x)", "(call (index f int) x)"),
        ("m[K, V]", "(index m K V)"),
        ("T{1, 2}", "(lit T 1 2)"),
        ("T{a: 1, b: {2}}", "(lit T (kv a 1) (kv b (lit _ 2)))"),
        ("[]int{1, 2,}", "(lit (slicetype int) 1 2)"),
        ("[...]string{\"a\"}", "(lit (array (... _) string) \"a\")"),
        (
            "map[string][]int{\"a\": {1}}",
            "(lit (map string (slicetype int)) (kv \"a\" (lit _ 1)))",
        ),
        ("struct{ x int }{1}", "(lit (struct [x int]) 1)"),
        ("pkg.T[int]{}", "(lit (index (. pkg T) int))"),
        ("(*T)(x)", "(call (paren (* T)) x)"),
        ("[]byte(\"x\")", "(call (slicetype byte) \"x\")"),
        ("chan int(nil)", "(call (chan int) nil)"),
        ("(func())(x)", "(call (paren (func () ())) x)"),
        (
            "func(a, b int) int { return a }",
            "(funclit (func ([a,b int]) ([int])) {(return a)})",
        ),
        ("(*T).M", "(. (paren (* T)) M)"),
        ("interface{}(x)", "(call (interface ) x)"),
        ("make(chan<- chan int)", "(call make (chan<- (chan int)))"),
        (
            "make(<-chan <-chan int)",
            "(call make (<-chan (<-chan int)))",
        ),
        (
            "make(chan (<-chan int))",
            "(call make (chan (paren (<-chan int))))",
        ),
        ("new([]func())", "(call new (slicetype (func () ())))"),
        (
            "0x1p-2 + .5i + 'a' + `raw`",
            "(+ (+ (+ 0x1p-2 .5i) 'a') `raw`)",
        ),
        ("x.y.z", "(. (. x y) z)"),
        ("^x", "(^ x)"),
        ("!ok", "(! ok)"),
        ("f()()", "(call (call f))"),
    ];
    for (src, want) in cases {
        assert_eq!(expr(src), want, "expression {src}");
    }
}

#[test]
fn statements() {
    let cases = [
        ("x := 1", "(:= (x) (1))"),
        ("a, b = b, a", "(= (a b) (b a))"),
        ("x += 2", "(+= (x) (2))"),
        ("x <<= 1", "(<<= (x) (1))"),
        ("x++", "(++ x)"),
        ("ch <- v", "(send ch v)"),
        ("go f()", "(go (call f))"),
        ("defer g(1)", "(defer (call g 1))"),
        ("return", "(return)"),
        ("return 1, 2", "(return 1 2)"),
        ("L: for { break L }", "(label L (for _ _ _ {(break L)}))"),
        ("goto L", "(goto L)"),
        (
            "switch { case x: fallthrough; default: }",
            "(switch _ _ [case x: (fallthrough)][default: ])",
        ),
        ("{ ; }", "{empty}"),
        ("var x, y int = 1, 2", "(var (0 x,y int (1 2)))"),
        ("const c = iota", "(const (0 c _ (iota)))"),
        ("type T int", "(type (T int))"),
    ];
    for (src, want) in cases {
        assert_eq!(stmts(src), want, "statement {src}");
    }
}

#[test]
fn control_flow() {
    let cases = [
        ("if x { }", "(if _ x {} _)"),
        (
            "if x := f(); x > 0 { } else if y { } else { z() }",
            "(if (:= (x) ((call f))) (> x 0) {} (if _ y {} {(call z)}))",
        ),
        ("if x == (T{}) { }", "(if _ (== x (paren (lit T))) {} _)"),
        ("if f(T{}) { }", "(if _ (call f (lit T)) {} _)"),
        ("for { }", "(for _ _ _ {})"),
        ("for x < 10 { }", "(for _ (< x 10) _ {})"),
        (
            "for i := 0; i < n; i++ { }",
            "(for (:= (i) (0)) (< i n) (++ i) {})",
        ),
        ("for ;; { }", "(for _ _ _ {})"),
        ("for k, v := range m { }", "(range k v := m {})"),
        ("for k = range m { }", "(range k _ = m {})"),
        ("for range 10 { }", "(range _ _ = 10 {})"),
        (
            "for _, x := range []int{1, 2} { }",
            "(range _ x := (lit (slicetype int) 1 2) {})",
        ),
        (
            "switch x := f(); x { case 1, 2: a() }",
            "(switch (:= (x) ((call f))) x [case 1 2: (call a)])",
        ),
        (
            "switch v := y.(type) { case int, []string: case nil: }",
            "(typeswitch _ v y [case int (slicetype string): ][case nil: ])",
        ),
        ("switch y.(type) { }", "(typeswitch _ _ y )"),
        (
            "select { case v, ok := <-ch: case ch <- 1: case <-done: default: }",
            "(select [(:= (v ok) ((<- ch))): ][(send ch 1): ][(<- done): ][_: ])",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(stmts(src), want, "statement {src}");
    }
}

#[test]
fn declarations() {
    let cases = [
        (
            "const (\n\ta = iota\n\tb\n\tc, d = 1, 2\n)",
            "(const (0 a _ (iota)) (1 b _ () implicit) (2 c,d _ (1 2)))",
        ),
        (
            "var (\n\tx int\n\ty = 2\n)",
            "(var (0 x int ()) (0 y _ (2)))",
        ),
        (
            "type (\n\tA = B\n\tC struct{ a, b int `json:\"a\"`; *D; pkg.E; F[int] }\n)",
            "(type (A = B) (C (struct [a,b int tag=\"json:\\\"a\\\"\"][(* D)][(. pkg E)][(index F int)])))",
        ),
        (
            "type I interface {\n\tM(int) (string, error)\n\tfmt.Stringer\n\t~int | string\n}",
            "(type (I (interface [M (func ([int]) ([string][error]))][(. fmt Stringer)][(| (~ int) string)])))",
        ),
        (
            "func f(a, b int, c ...string) {}",
            "(funcdecl f (func ([a,b int][c (... string)]) () variadic) {})",
        ),
        (
            "func (r *T[P]) M() {}",
            "(funcdecl recv[r (* (index T P))] M (func () ()) {})",
        ),
        (
            "func g[P any, Q ~int | string](p P) Q",
            "(funcdecl g[tparams [P any][Q (| (~ int) string)]] (func ([p P]) ([Q])) nobody)",
        ),
        (
            "func h(int, string) (x int, err error) { return }",
            "(funcdecl h (func ([int][string]) ([x int][err error])) {(return)})",
        ),
        (
            "type T[P any] struct{}",
            "(type (T[tparams [P any]] (struct )))",
        ),
        ("type A [N]int", "(type (A (array N int)))"),
        ("type A [2*N]int", "(type (A (array (* 2 N) int)))"),
        (
            "type T[P *C] struct{}",
            "(type (T (array (* P C) (struct ))))",
        ),
        (
            "type T[P *C,] struct{}",
            "(type (T[tparams [P (* C)]] (struct )))",
        ),
        (
            "type T[P *[]int] struct{}",
            "(type (T[tparams [P (* (slicetype int))]] (struct )))",
        ),
        (
            "type T[P (C)] struct{}",
            "(type (T (array (call P C) (struct ))))",
        ),
        (
            "type T[P *C | ~int] struct{}",
            "(type (T[tparams [P (| (* C) (~ int))]] (struct )))",
        ),
        (
            "type T[K comparable, V any] map[K]V",
            "(type (T[tparams [K comparable][V any]] (map K V)))",
        ),
        (
            "type L[T any] = []T",
            "(type (L[tparams [T any]] = (slicetype T)))",
        ),
        ("type S []T", "(type (S (slicetype T)))"),
        ("type C chan<- chan int", "(type (C (chan<- (chan int))))"),
        (
            "type F func(...int) func() int",
            "(type (F (func ([(... int)]) ([(func () ([int]))]) variadic)))",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(decls(src), want, "declaration {src}");
    }
}

#[test]
fn directives_and_build_constraint() {
    let f = parse(
        "//go:build linux && amd64\n\npackage p\n\n//go:linkname x runtime.x\nvar x int\n\n//go:noinline\n//go:nosplit\nfunc f() {}\n\n//go:notinheap\ntype T struct{}\n\n//line foo.go:10\nfunc g() {}\n",
    );
    assert_eq!(f.build_constraint.as_deref(), Some("linux && amd64"));
    let Decl::Func(fd) = &f.decls[1] else {
        panic!()
    };
    let names: Vec<&str> = fd.directives.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["go:noinline", "go:nosplit"]);
    let Decl::Type(td) = &f.decls[2] else {
        panic!()
    };
    assert_eq!(td.specs[0].directives[0].name, "go:notinheap");
    let Decl::Func(gd) = &f.decls[3] else {
        panic!()
    };
    assert_eq!(gd.directives[0].name, "line");
    assert_eq!(gd.directives[0].args, "foo.go:10");
    assert_eq!(f.directives[0].name, "go:linkname");
    assert_eq!(f.directives[0].args, "x runtime.x");
}

#[test]
fn positions_and_ids() {
    let src = "package p\nfunc f() {\n\tx := a + f(b)\n}\n";
    let f = parse(src);
    let Decl::Func(fd) = &f.decls[0] else {
        panic!()
    };
    let body = fd.body.as_ref().unwrap();
    let StmtKind::Assign { rhs, op_pos, .. } = &body.stmts[0].kind else {
        panic!()
    };
    assert_eq!(&src[op_pos.offset as usize..][..2], ":=");
    let ExprKind::Binary { op_pos, y, .. } = &rhs[0].kind else {
        panic!()
    };
    assert_eq!(&src[rhs[0].pos.offset as usize..][..1], "a");
    assert_eq!(&src[op_pos.offset as usize..][..1], "+");
    let ExprKind::Call { lparen, rparen, .. } = &y.kind else {
        panic!()
    };
    assert_eq!(&src[lparen.offset as usize..][..1], "(");
    assert_eq!(&src[rparen.offset as usize..][..1], ")");
    // Ids are unique.
    let ExprKind::Binary { x, .. } = &rhs[0].kind else {
        panic!()
    };
    assert_ne!(x.id, y.id);
    assert_ne!(rhs[0].id, NodeId(0));
}

#[test]
fn bom_and_semicolon_edge_cases() {
    parse("\u{feff}package p\n");
    parse("package p; func f() { a := 1; _ = a }");
    parse("package p\nfunc f() int { return 1 }"); // no trailing newline
    parse("package p\nfunc f() {\n\tx := /* c */ 1\n\t_ = x /* multi\nline */\n}\n");
    assert_eq!(stmts("x := 1 /*\n*/ y := 2"), "(:= (x) (1)); (:= (y) (2))");
    assert_eq!(stmts("L:\n\tx++"), "(label L (++ x))");
}
