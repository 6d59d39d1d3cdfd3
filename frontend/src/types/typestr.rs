//! Printing types: types2's spelling (for messages and `type_string`) and gc's LinkString (for
//! symbol names and type hashes).

use super::*;
use crate::ast::ChanDir;

/// How package-level names are qualified.
#[derive(Clone, Copy)]
pub(crate) enum Qual {
    /// By package name (`main.T`).
    Name,
    /// Unqualified for the given package, by name for others (types2's error messages).
    Relative(PkgId),
}

impl Program {
    /// types2's spelling with packages qualified by name: `main.T`, `[]int`, `map[string]int`,
    /// `func(int) (string, error)`, `struct{a int8; b int64}`, `interface{M()}`, `*main.T`.
    pub fn type_string(&self, t: TypeId) -> String {
        let mut s = String::new();
        self.write_type(&mut s, t, Qual::Name, 0);
        s
    }

    /// The spelling used in diagnostics of package `pkg` (its own names unqualified).
    pub fn type_string_in(&self, t: TypeId, pkg: PkgId) -> String {
        let mut s = String::new();
        self.write_type(&mut s, t, Qual::Relative(pkg), 0);
        s
    }

    fn qualify(&self, s: &mut String, pkg: Option<PkgId>, q: Qual) {
        if let Some(p) = pkg {
            if p.0 <= 1 && p.0 == 0 {
                return;
            }
            match q {
                Qual::Relative(cur) if cur == p => {}
                _ => {
                    s.push_str(&self.package(p).name);
                    s.push('.');
                }
            }
        }
    }

    pub(crate) fn write_type(&self, s: &mut String, t: TypeId, q: Qual, depth: u32) {
        // No truncation (go/types has none): named types end the recursion and the checker
        // bounds literal nesting; the guard only stops an unforeseen cycle.
        if depth > 8192 {
            s.push_str("...");
            return;
        }
        let d = depth + 1;
        match self.ty(t) {
            Type::Basic(k) => s.push_str(self.types.alias_name(t).unwrap_or(k.name())),
            Type::Pointer(e) => {
                s.push('*');
                self.write_type(s, *e, q, d);
            }
            Type::Slice(e) => {
                s.push_str("[]");
                self.write_type(s, *e, q, d);
            }
            Type::Array(e, n) => {
                s.push_str(&format!("[{n}]"));
                self.write_type(s, *e, q, d);
            }
            Type::Map(k, v) => {
                s.push_str("map[");
                self.write_type(s, *k, q, d);
                s.push(']');
                self.write_type(s, *v, q, d);
            }
            Type::Chan(dir, e) => {
                s.push_str(match dir {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                let paren =
                    *dir == ChanDir::Both && matches!(self.ty(*e), Type::Chan(ChanDir::Recv, _));
                if paren {
                    s.push('(');
                }
                self.write_type(s, *e, q, d);
                if paren {
                    s.push(')');
                }
            }
            Type::Struct(fields) => {
                s.push_str("struct{");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        s.push_str("; ");
                    }
                    if !f.embedded {
                        s.push_str(&f.name);
                        s.push(' ');
                    }
                    self.write_type(s, f.typ, q, d);
                    if let Some(tag) = &f.tag {
                        s.push(' ');
                        s.push_str(&go_quote(tag));
                    }
                }
                s.push('}');
            }
            Type::Func(sig) => {
                s.push_str("func");
                self.write_sig(s, sig, q, d);
            }
            Type::Interface(it) => {
                if t == self.any_type {
                    s.push_str("any");
                    return;
                }
                if t == self.comparable_type {
                    s.push_str("comparable");
                    return;
                }
                if it.implicit
                    && it.methods.is_empty()
                    && !it.comparable
                    && let Some(terms) = &it.terms
                {
                    for (i, term) in terms.iter().enumerate() {
                        if i > 0 {
                            s.push_str(" | ");
                        }
                        if term.tilde {
                            s.push('~');
                        }
                        self.write_type(s, term.typ, q, d);
                    }
                    return;
                }
                s.push_str("interface{");
                let mut first = true;
                let mut sep = |s: &mut String| {
                    if !first {
                        s.push_str("; ");
                    }
                    first = false;
                };
                if it.comparable {
                    sep(s);
                    s.push_str("comparable");
                }
                if let Some(terms) = &it.terms {
                    sep(s);
                    for (i, term) in terms.iter().enumerate() {
                        if i > 0 {
                            s.push_str(" | ");
                        }
                        if term.tilde {
                            s.push('~');
                        }
                        self.write_type(s, term.typ, q, d);
                    }
                }
                for m in &it.methods {
                    sep(s);
                    s.push_str(&m.name);
                    if let Type::Func(sig) = self.ty(m.sig) {
                        self.write_sig(s, sig, q, d);
                    }
                }
                s.push('}');
            }
            Type::Tuple(v) => {
                s.push('(');
                for (i, e) in v.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    self.write_type(s, *e, q, d);
                }
                s.push(')');
            }
            Type::Named(n) => {
                let o = self.obj(n.obj);
                self.qualify(s, o.pkg, q);
                s.push_str(&o.name);
                if !n.type_args.is_empty() {
                    s.push('[');
                    for (i, a) in n.type_args.iter().enumerate() {
                        if i > 0 {
                            s.push_str(", ");
                        }
                        self.write_type(s, *a, q, d);
                    }
                    s.push(']');
                }
            }
            Type::TypeParam(tp) => s.push_str(&self.obj(tp.obj).name),
        }
    }

    fn write_sig(&self, s: &mut String, sig: &Signature, q: Qual, d: u32) {
        s.push('(');
        for (i, p) in sig.params.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            if sig.variadic && i + 1 == sig.params.len() {
                s.push_str("...");
                if let Type::Slice(e) = self.ty(*p) {
                    self.write_type(s, *e, q, d);
                    continue;
                }
            }
            self.write_type(s, *p, q, d);
        }
        s.push(')');
        match sig.results.len() {
            0 => {}
            1 => {
                s.push(' ');
                self.write_type(s, sig.results[0], q, d);
            }
            _ => {
                s.push_str(" (");
                for (i, r) in sig.results.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    self.write_type(s, *r, q, d);
                }
                s.push(')');
            }
        }
    }

    /// gc's LinkString (types.TypeSymName / fmtTypeID): full escaped import paths, unexported
    /// struct field and interface method names package-qualified, `interface {}`, `·N` on
    /// function-local named types, no spaces inside type argument lists.
    pub fn link_string(&self, t: TypeId) -> String {
        let mut s = String::new();
        self.write_link(&mut s, t, 0);
        s
    }

    fn link_pkg(&self, s: &mut String, p: PkgId) {
        s.push_str(&path_to_prefix(&self.package(p).path));
        s.push('.');
    }

    fn write_link(&self, s: &mut String, t: TypeId, depth: u32) {
        // Link names identify types, so they are never truncated (two deep types would share a
        // symbol); the guard only stops an unforeseen cycle.
        if depth > 8192 {
            s.push_str("...");
            return;
        }
        let d = depth + 1;
        match self.ty(t) {
            Type::Basic(k) => s.push_str(k.name()),
            Type::Pointer(e) => {
                s.push('*');
                self.write_link(s, *e, d);
            }
            Type::Slice(e) => {
                s.push_str("[]");
                self.write_link(s, *e, d);
            }
            Type::Array(e, n) => {
                s.push_str(&format!("[{n}]"));
                self.write_link(s, *e, d);
            }
            Type::Map(k, v) => {
                s.push_str("map[");
                self.write_link(s, *k, d);
                s.push(']');
                self.write_link(s, *v, d);
            }
            Type::Chan(dir, e) => {
                s.push_str(match dir {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                let paren =
                    *dir == ChanDir::Both && matches!(self.ty(*e), Type::Chan(ChanDir::Recv, _));
                if paren {
                    s.push('(');
                }
                self.write_link(s, *e, d);
                if paren {
                    s.push(')');
                }
            }
            Type::Struct(fields) => {
                if fields.is_empty() {
                    s.push_str("struct {}");
                    return;
                }
                s.push_str("struct { ");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        s.push_str("; ");
                    }
                    if !f.embedded {
                        if let Some(p) = f.pkg {
                            self.link_pkg(s, p);
                        }
                        s.push_str(&f.name);
                        s.push(' ');
                    }
                    self.write_link(s, f.typ, d);
                    if let Some(tag) = &f.tag {
                        s.push(' ');
                        s.push_str(&go_quote(tag));
                    }
                }
                s.push_str(" }");
            }
            Type::Func(sig) => {
                s.push_str("func");
                self.write_link_sig(s, sig, d);
            }
            Type::Interface(it) => {
                if it.methods.is_empty() {
                    s.push_str("interface {}");
                    return;
                }
                s.push_str("interface { ");
                for (i, m) in it.methods.iter().enumerate() {
                    if i > 0 {
                        s.push_str("; ");
                    }
                    if let Some(p) = m.pkg {
                        self.link_pkg(s, p);
                    }
                    s.push_str(&m.name);
                    if let Type::Func(sig) = self.ty(m.sig) {
                        self.write_link_sig(s, sig, d);
                    }
                }
                s.push_str(" }");
            }
            Type::Tuple(v) => {
                s.push('(');
                for (i, e) in v.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    self.write_link(s, *e, d);
                }
                s.push(')');
            }
            Type::Named(n) => {
                let o = self.obj(n.obj);
                if let Some(p) = o.pkg
                    && p.0 > 0
                {
                    self.link_pkg(s, p);
                }
                s.push_str(&o.name);
                if let Some(ix) = self.local_type_index.get(&n.obj) {
                    s.push_str(&format!("·{ix}"));
                }
                if !n.type_args.is_empty() {
                    s.push('[');
                    for (i, a) in n.type_args.iter().enumerate() {
                        if i > 0 {
                            s.push(',');
                        }
                        self.write_link(s, *a, d);
                    }
                    s.push(']');
                }
            }
            Type::TypeParam(tp) => s.push_str(&self.obj(tp.obj).name),
        }
    }

    fn write_link_sig(&self, s: &mut String, sig: &Signature, d: u32) {
        s.push('(');
        for (i, p) in sig.params.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            if sig.variadic && i + 1 == sig.params.len() {
                s.push_str("...");
                if let Type::Slice(e) = self.ty(*p) {
                    self.write_link(s, *e, d);
                    continue;
                }
            }
            self.write_link(s, *p, d);
        }
        s.push(')');
        match sig.results.len() {
            0 => {}
            1 => {
                s.push(' ');
                self.write_link(s, sig.results[0], d);
            }
            _ => {
                s.push_str(" (");
                for (i, r) in sig.results.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    self.write_link(s, *r, d);
                }
                s.push(')');
            }
        }
    }
}

/// objabi.PathToPrefix: escapes control bytes, space, `%`, `"`, bytes ≥ 0x7F, and `.` after the
/// last `/`, as `%xx`.
pub fn path_to_prefix(path: &str) -> String {
    let last_slash = path.rfind('/').map(|i| i as isize).unwrap_or(-1);
    let mut out = String::with_capacity(path.len());
    for (i, b) in path.bytes().enumerate() {
        if b <= b' '
            || b == b'%'
            || b == b'"'
            || b >= 0x7F
            || (b == b'.' && i as isize > last_slash)
        {
            out.push_str(&format!("%{b:02x}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// strconv.Quote-like quoting for struct tags.
pub(crate) fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
