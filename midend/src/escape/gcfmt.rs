//! gc's view of expressions in `-m` messages: the position gc's IR gives a node (the operator
//! token for binary, selector, index, call and literal nodes, as `cmd/compile/internal/syntax`
//! records them) and `ir.exprFmt`'s spelling of a node (`&T{...}`, `make([]int, 10)`,
//! `(interface {})(x)`, `"a" + b`).

use frontend::ast::{BinaryOp, Expr, ExprKind, Pos, UnaryOp};
use frontend::types::{BasicKind, ConstValue, Mode, ObjKind, PkgId, Program, Type, TypeId};

/// The position gc reports for an expression node.
pub(super) fn gpos(prog: &Program, e: &Expr) -> Pos {
    match &e.kind {
        ExprKind::Paren(x) => gpos(prog, x),
        ExprKind::Call { lparen, .. } => *lparen,
        ExprKind::Selector { sel, .. } => dot_before(prog, sel.pos),
        ExprKind::Index { lbrack, .. } | ExprKind::Slice { lbrack, .. } => *lbrack,
        ExprKind::TypeAssert { lparen, .. } => dot_before(prog, *lparen),
        ExprKind::CompositeLit { lbrace, .. } => *lbrace,
        ExprKind::Binary { op_pos, .. } => *op_pos,
        ExprKind::KeyValue { colon, .. } => *colon,
        _ => e.pos,
    }
}

/// The `.` preceding a selector name or `(type)`: scans back over blanks in the source text.
fn dot_before(prog: &Program, p: Pos) -> Pos {
    let Some(f) = prog.fset.file(p.file) else {
        return p;
    };
    let bytes = f.text.as_bytes();
    let mut i = p.offset as usize;
    while i > 0 {
        i -= 1;
        match bytes.get(i) {
            Some(b'.') => return Pos::new(p.file, i as u32),
            Some(b' ' | b'\t' | b'\n' | b'\r') => continue,
            _ => break,
        }
    }
    Pos::new(p.file, p.offset.saturating_sub(1))
}

/// gc's spelling of a type in messages.
pub(super) fn type_str(prog: &Program, pkg: PkgId, t: TypeId) -> String {
    let s = prog.type_string_in(t, pkg);
    let s = s
        .replace("interface{}", "interface {}")
        .replace("struct{}", "struct {}");
    // The checker resolves `byte` and `rune` to `uint8` and `int32`; gc keeps the aliases' names,
    // and Go code almost always spells these types with the aliases.
    let s = replace_word(&replace_word(&s, "uint8", "byte"), "int32", "rune");
    // `any` is an alias: gc spells the empty interface out.
    replace_word(&s, "any", "interface {}")
}

fn replace_word(s: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'.';
        if s[i..].starts_with(from)
            && (i == 0 || !word(b[i - 1]))
            && b.get(i + from.len()).is_none_or(|c| !word(*c))
        {
            out.push_str(to);
            i += from.len();
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Whether a conversion to `t` prints the type in parentheses (types without a name).
fn type_needs_parens(prog: &Program, t: TypeId) -> bool {
    !matches!(prog.ty(t), Type::Named(_) | Type::Basic(_))
}

/// Operator precedence as gc's `OpPrec`.
fn prec_of(prog: &Program, e: &Expr) -> i32 {
    if prog
        .info
        .types
        .get(&e.id)
        .is_some_and(|tv| tv.value.is_some())
    {
        return 8;
    }
    match &e.kind {
        ExprKind::Unary { .. } | ExprKind::Star(_) => 7,
        ExprKind::Binary { op, .. } => match op {
            BinaryOp::Mul
            | BinaryOp::Quo
            | BinaryOp::Rem
            | BinaryOp::Shl
            | BinaryOp::Shr
            | BinaryOp::And
            | BinaryOp::AndNot => 6,
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Or | BinaryOp::Xor => 5,
            BinaryOp::LAnd => 3,
            BinaryOp::LOr => 2,
            _ => 4,
        },
        ExprKind::Paren(x) => prec_of(prog, x),
        _ => 8,
    }
}

/// gc's `%v` of a constant expression of type `t`.
pub(super) fn const_str(prog: &Program, pkg: PkgId, v: &ConstValue, t: TypeId) -> String {
    let kind = match prog.ty(t) {
        Type::Basic(k) => Some(*k),
        _ => None,
    };
    if matches!(kind, Some(BasicKind::Int32 | BasicKind::UntypedRune))
        && let ConstValue::Int(i) = v
        && let Some(c) = u32::try_from(i.clone()).ok().and_then(char::from_u32)
    {
        return go_quote_char(c);
    }
    let val = const_value_str(v);
    let default = matches!(
        (kind, v),
        (
            Some(BasicKind::Int | BasicKind::UntypedInt),
            ConstValue::Int(_)
        ) | (
            Some(BasicKind::Float64 | BasicKind::UntypedFloat),
            ConstValue::Float(_) | ConstValue::Int(_)
        ) | (Some(BasicKind::Complex128 | BasicKind::UntypedComplex), _)
            | (
                Some(BasicKind::String | BasicKind::UntypedString),
                ConstValue::String(_)
            )
            | (
                Some(BasicKind::Bool | BasicKind::UntypedBool),
                ConstValue::Bool(_)
            )
    );
    if default {
        val
    } else {
        format!("{}({})", type_str(prog, pkg, t), val)
    }
}

fn const_value_str(v: &ConstValue) -> String {
    use num_traits::ToPrimitive;
    match v {
        ConstValue::Bool(b) => b.to_string(),
        ConstValue::Int(i) => i.to_string(),
        ConstValue::String(s) => {
            let q = go_quote(&String::from_utf8_lossy(&s.bytes()));
            // go/constant shortens long strings to 72 runes.
            if q.chars().count() > 72 {
                let head: String = q.chars().take(69).collect();
                format!("{head}...")
            } else {
                q
            }
        }
        ConstValue::Float(r) => float_str(r.to_f64().unwrap_or(0.0)),
        ConstValue::Complex(re, im) => format!(
            "({} + {}i)",
            float_str(re.to_f64().unwrap_or(0.0)),
            float_str(im.to_f64().unwrap_or(0.0))
        ),
    }
}

/// `%.6g` as Go prints it.
fn float_str(f: f64) -> String {
    if f == 0.0 {
        return "0".into();
    }
    let exp = f.abs().log10().floor() as i32;
    if !(-4..6).contains(&exp) {
        let s = format!("{:.5e}", f);
        // Rust: 1.50000e100 → Go: 1.5e+100
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = m.trim_end_matches('0').trim_end_matches('.');
        let e: i32 = e.parse().unwrap_or(0);
        let sign = if e < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", e.abs())
    } else {
        let decimals = (5 - exp).max(0) as usize;
        let s = format!("{:.*}", decimals, f);
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }
}

fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn go_quote_char(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        '\\' => "'\\\\'".into(),
        '\n' => "'\\n'".into(),
        '\t' => "'\\t'".into(),
        '\r' => "'\\r'".into(),
        '\0' => "'\\x00'".into(),
        c if (c as u32) < 0x20 => format!("'\\x{:02x}'", c as u32),
        c => format!("'{c}'"),
    }
}

/// gc's spelling of an expression (`ir.exprFmt` at precedence 0).
pub(super) fn expr_str(prog: &Program, pkg: PkgId, e: &Expr) -> String {
    let mut s = String::new();
    write_expr(prog, pkg, e, 0, &mut s, 0);
    s
}

fn write_expr(prog: &Program, pkg: PkgId, e: &Expr, prec: i32, s: &mut String, depth: u32) {
    if depth > 40 {
        s.push_str("...");
        return;
    }
    let d = depth + 1;
    let tv = prog.info.types.get(&e.id);
    if let Some(tv) = tv
        && let Some(v) = &tv.value
    {
        s.push_str(&const_str(prog, pkg, v, tv.typ));
        return;
    }
    if let ExprKind::Paren(x) = &e.kind {
        write_expr(prog, pkg, x, prec, s, d);
        return;
    }
    let np = prec_of(prog, e);
    if prec > np {
        s.push('(');
        write_expr(prog, pkg, e, 0, s, d);
        s.push(')');
        return;
    }
    match &e.kind {
        ExprKind::Ident(id) => s.push_str(&id.name),
        ExprKind::BasicLit { raw, .. } => s.push_str(raw),
        ExprKind::FuncLit { .. } => s.push_str("func literal"),
        ExprKind::CompositeLit { elts, .. } => {
            let t = tv.map(|tv| tv.typ);
            match t {
                Some(t) => {
                    if let Type::Pointer(el) = prog.ty(t) {
                        s.push('&');
                        s.push_str(&type_str(prog, pkg, *el));
                    } else {
                        s.push_str(&type_str(prog, pkg, t));
                    }
                }
                None => s.push('?'),
            }
            s.push_str(if elts.is_empty() { "{}" } else { "{...}" });
        }
        ExprKind::Selector { x, sel } => {
            if let Some(sl) = prog.info.selections.get(&e.id) {
                write_expr(prog, pkg, x, np, s, d);
                // Implicit embedded fields appear in gc's IR.
                let mut t = prog.info.types.get(&x.id).map(|tv| tv.typ);
                let n = sl.index.len();
                let path_len = if sl.kind == frontend::types::SelectionKind::FieldVal {
                    n.saturating_sub(1)
                } else {
                    n
                };
                for &i in sl.index.iter().take(path_len) {
                    let Some(mut tt) = t else { break };
                    if let Type::Pointer(p) = prog.ty(prog.underlying(tt)) {
                        tt = *p;
                    }
                    if let Type::Struct(fs) = prog.ty(prog.underlying(tt))
                        && let Some(f) = fs.get(i as usize)
                    {
                        s.push('.');
                        s.push_str(&f.name);
                        t = Some(f.typ);
                        continue;
                    }
                    t = None;
                }
                s.push('.');
                s.push_str(&sel.name);
            } else {
                write_expr(prog, pkg, x, np, s, d);
                s.push('.');
                s.push_str(&sel.name);
            }
        }
        ExprKind::Index { x, indices, .. } => {
            write_expr(prog, pkg, x, np, s, d);
            s.push('[');
            for (i, ix) in indices.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(prog, pkg, ix, 0, s, d);
            }
            s.push(']');
        }
        ExprKind::Slice {
            x,
            lo,
            hi,
            max,
            three,
            ..
        } => {
            write_expr(prog, pkg, x, np, s, d);
            s.push('[');
            if let Some(lo) = lo {
                write_expr(prog, pkg, lo, 0, s, d);
            }
            s.push(':');
            if let Some(hi) = hi {
                write_expr(prog, pkg, hi, 0, s, d);
            }
            if *three {
                s.push(':');
                if let Some(m) = max {
                    write_expr(prog, pkg, m, 0, s, d);
                }
            }
            s.push(']');
        }
        ExprKind::TypeAssert { x, .. } => {
            write_expr(prog, pkg, x, np, s, d);
            s.push_str(".(");
            if let Some(tv) = tv {
                s.push_str(&type_str(prog, pkg, tv.typ));
            }
            s.push(')');
        }
        ExprKind::Call {
            func,
            args,
            ellipsis,
            ..
        } => write_call(prog, pkg, e, func, args, ellipsis.is_some(), np, s, d),
        ExprKind::Star(x) => {
            s.push('*');
            write_expr(prog, pkg, x, np + 1, s, d);
        }
        ExprKind::Unary { op, x } => {
            s.push_str(op.as_str());
            if let ExprKind::Unary { op: op2, .. } = &x.unparen().kind
                && op2 == op
                && *op != UnaryOp::Recv
            {
                s.push(' ');
            }
            write_expr(prog, pkg, x, np + 1, s, d);
        }
        ExprKind::Binary { op, x, y, .. } => {
            write_expr(prog, pkg, x, np, s, d);
            s.push(' ');
            s.push_str(op.as_str());
            s.push(' ');
            write_expr(prog, pkg, y, np + 1, s, d);
        }
        ExprKind::KeyValue { key, value, .. } => {
            write_expr(prog, pkg, key, 0, s, d);
            s.push(':');
            write_expr(prog, pkg, value, 0, s, d);
        }
        _ => {
            if let Some(tv) = tv {
                s.push_str(&type_str(prog, pkg, tv.typ));
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn write_call(
    prog: &Program,
    pkg: PkgId,
    e: &Expr,
    func: &Expr,
    args: &[Expr],
    dots: bool,
    np: i32,
    s: &mut String,
    d: u32,
) {
    let f = func.unparen();
    let ftv = prog.info.types.get(&f.id);
    let write_args = |s: &mut String| {
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            write_expr(prog, pkg, a, 0, s, d);
        }
        if dots {
            s.push_str("...");
        }
    };
    match ftv.map(|t| t.mode) {
        Some(Mode::TypeExpr) => {
            let t = prog.info.types.get(&e.id).map(|tv| tv.typ);
            if let Some(t) = t {
                if type_needs_parens(prog, t) {
                    s.push('(');
                    s.push_str(&type_str(prog, pkg, t));
                    s.push(')');
                } else {
                    s.push_str(&type_str(prog, pkg, t));
                }
            }
            s.push('(');
            if let Some(a) = args.first() {
                write_expr(prog, pkg, a, 0, s, d);
            }
            s.push(')');
        }
        Some(Mode::Builtin) => {
            let name = match &f.kind {
                ExprKind::Ident(id) => id.name.clone(),
                ExprKind::Selector { sel, .. } => sel.name.clone(),
                _ => String::new(),
            };
            let is_builtin = |n: &str| {
                let o = match &f.kind {
                    ExprKind::Ident(id) => prog.info.uses.get(&id.id),
                    ExprKind::Selector { sel, .. } => prog.info.uses.get(&sel.id),
                    _ => None,
                };
                o.is_some_and(|o| matches!(prog.obj(*o).kind, ObjKind::Builtin(_))) && name == n
            };
            if is_builtin("make") || is_builtin("new") {
                s.push_str(&name);
                s.push('(');
                if let Some(t) = args.first().and_then(|a| prog.info.types.get(&a.id)) {
                    s.push_str(&type_str(prog, pkg, t.typ));
                }
                for a in args.iter().skip(1) {
                    s.push_str(", ");
                    write_expr(prog, pkg, a, 0, s, d);
                }
                s.push(')');
            } else {
                s.push_str(&name);
                s.push('(');
                write_args(s);
                s.push(')');
            }
        }
        _ => {
            write_expr(prog, pkg, func, np, s, d);
            s.push('(');
            // gc prints calls after packing variadic arguments into an implicit slice.
            let sig = ftv.and_then(|tv| prog.types.signature(prog.underlying(tv.typ)));
            match sig {
                Some(sig) if sig.variadic && !dots && args.len() >= sig.params.len() => {
                    let fixed = sig.params.len().saturating_sub(1);
                    for a in &args[..fixed] {
                        write_expr(prog, pkg, a, 0, s, d);
                        s.push_str(", ");
                    }
                    s.push_str("... argument...");
                }
                _ => write_args(s),
            }
            s.push(')');
        }
    }
}
