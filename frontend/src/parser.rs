//! The parser: runs the lalrpop grammar (`go.lalrpop`) over the [`crate::lexer`] token stream and
//! builds the [`crate::ast`] tree.
//!
//! The grammar's actions call the [`Ctx`] methods below, which hand out [`NodeId`]s, convert byte
//! offsets into [`Pos`] values, and do the checks gc's parser does while building nodes (parameter
//! grouping, the `type T[P *C]` rule, header forms). Syntax errors are reworded into gc's texts
//! by [`syntax_error`] (see `errors.rs`).

use std::cell::RefCell;

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::lexer::{self, LexError, Lexer, RawDirective, SemiKind, Tok};
use crate::source::FileSet;

mod errors;

#[allow(clippy::all, clippy::pedantic, unused, dead_code)]
mod grammar {
    include!(concat!(env!("OUT_DIR"), "/go.rs"));
}

pub use errors::syntax_error;

/// Parses file `file_index` of `fset`. Every `Expr` and `Ident` gets a fresh id from `ids`.
/// Any diagnostic (lexical, syntax or other parse error) is an `Err`.
pub fn parse_file(
    fset: &FileSet,
    file_index: u32,
    ids: &mut NodeIdGen,
) -> Result<File, Vec<Diagnostic>> {
    strict(parse_file_partial(fset, file_index, ids))
}

/// Parses `text` as file number `file_index` (positions refer to it); any diagnostic is an `Err`.
pub fn parse_text(
    text: &str,
    file_index: u32,
    ids: &mut NodeIdGen,
) -> Result<File, Vec<Diagnostic>> {
    strict(parse_text_partial(text, file_index, ids))
}

fn strict((file, diags): (Option<File>, Vec<Diagnostic>)) -> Result<File, Vec<Diagnostic>> {
    match file {
        Some(f) if diags.is_empty() => Ok(f),
        _ => Err(diags),
    }
}

/// Whether a parse diagnostic keeps gc from type-checking the package: gc's noder stops after
/// parsing only when an error message starts with "syntax error" (`base.SyntaxErrors`); after
/// lexical errors and the parser's other complaints (`expression in defer must not be
/// parenthesized`, `method has no receiver`, ...) it type-checks and reports both.
pub fn stops_checking(d: &Diagnostic) -> bool {
    d.message.starts_with("syntax error")
}

/// [`parse_file`] that also returns the tree when there were diagnostics, if the grammar could
/// build one (see [`stops_checking`] for when it may be type-checked).
pub fn parse_file_partial(
    fset: &FileSet,
    file_index: u32,
    ids: &mut NodeIdGen,
) -> (Option<File>, Vec<Diagnostic>) {
    let Some(sf) = fset.file(file_index) else {
        let d = Diagnostic::new(Pos::new(file_index, 0), "no such file in file set");
        return (None, vec![d]);
    };
    parse_text_partial(&sf.text, file_index, ids)
}

/// [`parse_text`] that also returns the tree when there were diagnostics (see
/// [`parse_file_partial`]).
pub fn parse_text_partial(
    text: &str,
    file_index: u32,
    ids: &mut NodeIdGen,
) -> (Option<File>, Vec<Diagnostic>) {
    if text.len() >= u32::MAX as usize {
        let d = Diagnostic::new(Pos::new(file_index, 0), "file too large");
        return (None, vec![d]);
    }
    let (clean, pre_errors) = lexer::sanitize(text);
    let src: &str = match &clean {
        Some(s) => s,
        None => text,
    };
    let ctx = Ctx::new(file_index, std::mem::take(ids));
    let mut lex = Lexer::new(src);
    let result = grammar::FileParser::new().parse(&ctx, &mut lex);
    let too_deep = lex.too_deep;
    let extras = lex.into_extras();
    let Ctx {
        ids: ctx_ids,
        errors,
        ..
    } = ctx;
    *ids = ctx_ids.into_inner();

    let mut diags: Vec<Diagnostic> = Vec::new();
    let lex_err = |e: &LexError| Diagnostic::new(Pos::new(file_index, e.offset), e.message.clone());
    diags.extend(pre_errors.iter().map(lex_err));
    diags.extend(extras.errors.iter().map(lex_err));
    // The scanner's own errors (not the NULs and BOMs `sanitize` blanked out, which gc's source
    // reader reports without making the token bad).
    let mut lex_offsets: Vec<u32> = extras.errors.iter().map(|e| e.offset).collect();
    lex_offsets.sort_unstable();
    diags.extend(errors.into_inner());
    let parsed = match result {
        Ok(f) => Some(f),
        Err(e) => {
            if let Some(off) = too_deep {
                diags.push(Diagnostic::new(
                    Pos::new(file_index, off),
                    "syntax error: nesting too deep",
                ));
            } else {
                // Like gc, no syntax error at EOF after an earlier error (e.g. an unterminated
                // comment or string swallowed the rest of the file).
                let at_eof = matches!(
                    e,
                    lalrpop_util::ParseError::UnrecognizedEof { .. }
                        | lalrpop_util::ParseError::UnrecognizedToken {
                            token: (_, Tok::Semi(SemiKind::Eof), _),
                            ..
                        }
                );
                if !at_eof || diags.is_empty() {
                    diags.push(syntax_error(src, file_index, e));
                }
            }
            None
        }
    };
    if let Some(off) = too_deep
        && parsed.is_some()
    {
        diags.push(Diagnostic::new(
            Pos::new(file_index, off),
            "syntax error: nesting too deep",
        ));
    }
    sort_diags(src, &mut diags);
    let Some((name, pkg_pos, items)) = parsed else {
        return (None, diags);
    };
    match assemble(file_index, name, pkg_pos, items, extras.directives) {
        Ok(mut f) => {
            f.lex_error_offsets = lex_offsets;
            (Some(f), diags)
        }
        Err(mut more) => {
            diags.append(&mut more);
            sort_diags(src, &mut diags);
            (None, diags)
        }
    }
}

/// gc reports errors sorted by position and at most one syntax error per line.
fn sort_diags(src: &str, diags: &mut Vec<Diagnostic>) {
    diags.sort_by_key(|d| d.pos.offset);
    let line_of = |off: u32| {
        src.as_bytes()[..(off as usize).min(src.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
    };
    let mut last_syntax_line = None;
    diags.retain(|d| {
        if d.message.starts_with("syntax error") {
            let l = line_of(d.pos.offset);
            if last_syntax_line == Some(l) {
                return false;
            }
            last_syntax_line = Some(l);
        }
        true
    });
    diags.dedup();
}

/// Builds the `File`, splitting imports from declarations and attaching directives.
fn assemble(
    file_index: u32,
    package_name: Ident,
    pkg_pos: usize,
    items: Vec<TopItem>,
    raw_dirs: Vec<RawDirective>,
) -> Result<File, Vec<Diagnostic>> {
    let pos = |o: usize| Pos::new(file_index, o as u32);
    let mut build_constraint = None;
    let mut dirs: Vec<(usize, Directive)> = Vec::new();
    for d in raw_dirs {
        let off = d.offset as usize;
        if let Some(rest) = d.text.strip_prefix("go:build")
            && (rest.is_empty() || rest.starts_with([' ', '\t']))
        {
            if off < pkg_pos && build_constraint.is_none() {
                build_constraint = Some(rest.trim().to_string());
            }
            continue;
        }
        let (name, args) = match d.text.find([' ', '\t']) {
            Some(i) => (&d.text[..i], d.text[i..].trim()),
            None => (d.text.as_str(), ""),
        };
        dirs.push((
            off,
            Directive {
                pos: pos(off),
                name: name.to_string(),
                args: args.to_string(),
            },
        ));
    }
    let mut dirs = dirs.into_iter().peekable();
    let mut file_dirs = Vec::new();
    let mut imports = Vec::new();
    let mut decls = Vec::new();
    let mut prev_end = 0usize;
    let mut late_imports = Vec::new();
    for item in items {
        let (start, end) = match &item {
            TopItem::Imports(_, l, r) | TopItem::Decl(_, l, r) => (*l, *r),
        };
        // Directives between the previous declaration and this one belong to this one when it is
        // a func or a (non-grouped) type declaration.
        let mut mine = Vec::new();
        while let Some((off, _)) = dirs.peek() {
            if *off >= start {
                break;
            }
            if let Some((off, d)) = dirs.next() {
                if off >= prev_end {
                    mine.push(d);
                } else {
                    file_dirs.push(d);
                }
            }
        }
        match item {
            TopItem::Imports(v, l, _) => {
                if !decls.is_empty() {
                    late_imports.push(pos(l));
                }
                file_dirs.append(&mut mine);
                imports.extend(v);
            }
            TopItem::Decl(mut d, _, _) => {
                match &mut d {
                    Decl::Func(f) => f.directives.append(&mut mine),
                    Decl::Type(g) if g.lparen.is_none() && g.specs.len() == 1 => {
                        g.specs[0].directives.append(&mut mine)
                    }
                    _ => file_dirs.append(&mut mine),
                }
                decls.push(d);
            }
        }
        prev_end = end;
    }
    file_dirs.extend(dirs.map(|(_, d)| d));
    if !late_imports.is_empty() {
        return Err(late_imports
            .into_iter()
            .map(|p| {
                Diagnostic::new(
                    p,
                    "syntax error: imports must appear before other declarations",
                )
            })
            .collect());
    }
    Ok(File {
        file_index,
        package_pos: pos(pkg_pos),
        package_name,
        build_constraint,
        imports,
        decls,
        directives: file_dirs,
        lex_error_offsets: Vec::new(),
    })
}

// ---------------------------------------------------------------------------------------------
// Values the grammar passes around.

/// One top-level item with its byte range (for attaching directives).
pub enum TopItem {
    Imports(Vec<ImportSpec>, usize, usize),
    Decl(Decl, usize, usize),
}

/// One line of a const/var declaration before `iota` numbering.
pub struct SpecLine {
    pub pos: usize,
    pub names: Vec<Ident>,
    pub typ: Option<Expr>,
    pub values: Vec<Expr>,
}

/// One entry of a parameter or type-parameter list before names and types are distributed:
/// `T`, `a T`, `...T`, `a ...T`.
pub struct ParamEntry {
    pub pos: usize,
    pub name: Option<Ident>,
    pub typ: Expr,
    pub dots: Option<usize>,
}

/// A primary-expression suffix.
pub enum Suffix {
    Select(Ident),
    Assert(usize, Option<Expr>),
    Index(usize, Vec<Expr>, usize),
    Slice(usize, Option<Expr>, Option<Expr>, Option<Expr>, usize),
    /// The last field is the position of the second `:`.
    Slice3(
        usize,
        Option<Expr>,
        Option<Expr>,
        Option<Expr>,
        usize,
        usize,
    ),
    Call(usize, Vec<Expr>, Option<usize>, usize),
}

/// A case clause as the grammar delivers it: position, expressions, `default`?, colon, body.
pub type RawCase = (usize, Vec<Expr>, bool, usize, Vec<Option<Stmt>>);
/// A select clause: position, communication, colon, body.
pub type RawComm = (usize, Option<Stmt>, usize, Vec<Option<Stmt>>);

/// If/switch header: init statement, condition statement, position, the `;` if any.
pub type Header = (Option<Stmt>, Option<Stmt>, usize, Option<SemiKind>);

/// State shared by the grammar actions.
pub struct Ctx {
    file: u32,
    ids: RefCell<NodeIdGen>,
    errors: RefCell<Vec<Diagnostic>>,
}

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

impl Ctx {
    fn new(file: u32, ids: NodeIdGen) -> Ctx {
        Ctx {
            file,
            ids: RefCell::new(ids),
            errors: RefCell::new(Vec::new()),
        }
    }

    pub fn pos(&self, off: usize) -> Pos {
        Pos::new(self.file, off as u32)
    }

    fn fresh(&self) -> NodeId {
        self.ids.borrow_mut().fresh()
    }

    pub fn error_at(&self, pos: Pos, msg: impl Into<String>) {
        self.errors.borrow_mut().push(Diagnostic::new(pos, msg));
    }

    pub fn ident(&self, p: usize, name: &str) -> Ident {
        Ident {
            id: self.fresh(),
            pos: self.pos(p),
            name: name.to_string(),
        }
    }

    pub fn expr(&self, p: usize, kind: ExprKind) -> Expr {
        Expr {
            id: self.fresh(),
            pos: self.pos(p),
            kind,
        }
    }

    fn expr_at(&self, pos: Pos, kind: ExprKind) -> Expr {
        Expr {
            id: self.fresh(),
            pos,
            kind,
        }
    }

    pub fn name_expr(&self, n: Ident) -> Expr {
        self.expr_at(n.pos, ExprKind::Ident(n))
    }

    pub fn lit(&self, p: usize, kind: LitKind, raw: &str) -> Expr {
        self.expr(
            p,
            ExprKind::BasicLit {
                kind,
                raw: raw.to_string(),
            },
        )
    }

    pub fn selector(&self, x: Expr, sel: Ident) -> Expr {
        self.expr_at(x.pos, ExprKind::Selector { x: bx(x), sel })
    }

    pub fn index(&self, x: Expr, (l, indices, r): (usize, Vec<Expr>, usize)) -> Expr {
        self.expr_at(
            x.pos,
            ExprKind::Index {
                x: bx(x),
                lbrack: self.pos(l),
                indices,
                rbrack: self.pos(r),
            },
        )
    }

    pub fn array_type(&self, p: usize, len: Option<Expr>, elem: Expr) -> Expr {
        self.expr(
            p,
            ExprKind::ArrayType {
                len: len.map(bx),
                elem: bx(elem),
            },
        )
    }

    pub fn chan_type(&self, p: usize, dir: ChanDir, elem: Expr) -> Expr {
        self.expr(
            p,
            ExprKind::ChanType {
                dir,
                elem: bx(elem),
            },
        )
    }

    pub fn binary(&self, x: Expr, op: BinaryOp, p: usize, y: Expr) -> Expr {
        self.expr_at(
            x.pos,
            ExprKind::Binary {
                op,
                op_pos: self.pos(p),
                x: bx(x),
                y: bx(y),
            },
        )
    }

    /// `op x`; `<-` applied to a channel type re-associates as gc does: `<-chan T` is a
    /// receive-only channel type, `<-chan chan T` is `<-chan (chan T)`.
    pub fn unary(&self, p: usize, op: UnaryOp, x: Expr) -> Expr {
        if op == UnaryOp::Recv && matches!(x.kind, ExprKind::ChanType { .. }) {
            let mut x = x;
            x.pos = self.pos(p);
            let mut t = &mut x;
            while let ExprKind::ChanType { dir, elem } = &mut t.kind {
                match *dir {
                    ChanDir::Recv => {
                        self.error_at(t.pos, "syntax error: unexpected <-, expected chan");
                        break;
                    }
                    ChanDir::Send => {
                        *dir = ChanDir::Recv;
                        t = elem;
                        if !matches!(t.kind, ExprKind::ChanType { .. }) {
                            let msg = format!(
                                "syntax error: unexpected {}, expected chan",
                                expr_string(t)
                            );
                            self.error_at(t.pos, msg);
                            break;
                        }
                    }
                    ChanDir::Both => {
                        *dir = ChanDir::Recv;
                        break;
                    }
                }
            }
            return x;
        }
        self.expr(p, ExprKind::Unary { op, x: bx(x) })
    }

    pub fn suffix(&self, x: Expr, s: Suffix) -> Expr {
        let pos = x.pos;
        let kind = match s {
            Suffix::Select(sel) => ExprKind::Selector { x: bx(x), sel },
            Suffix::Assert(l, typ) => ExprKind::TypeAssert {
                x: bx(x),
                lparen: self.pos(l),
                typ: typ.map(bx),
            },
            Suffix::Index(l, indices, r) => ExprKind::Index {
                x: bx(x),
                lbrack: self.pos(l),
                indices,
                rbrack: self.pos(r),
            },
            Suffix::Slice(l, lo, hi, _, r) => ExprKind::Slice {
                x: bx(x),
                lbrack: self.pos(l),
                lo: lo.map(bx),
                hi: hi.map(bx),
                max: None,
                three: false,
                rbrack: self.pos(r),
            },
            Suffix::Slice3(l, lo, hi, max, r, c) => {
                if hi.is_none() {
                    self.error_at(self.pos(c), "middle index required in 3-index slice");
                } else if max.is_none() {
                    self.error_at(self.pos(r), "final index required in 3-index slice");
                }
                ExprKind::Slice {
                    x: bx(x),
                    lbrack: self.pos(l),
                    lo: lo.map(bx),
                    hi: hi.map(bx),
                    max: max.map(bx),
                    three: true,
                    rbrack: self.pos(r),
                }
            }
            Suffix::Call(l, args, dots, r) => ExprKind::Call {
                func: bx(x),
                lparen: self.pos(l),
                args,
                ellipsis: dots.map(|d| self.pos(d)),
                rparen: self.pos(r),
            },
        };
        self.expr_at(pos, kind)
    }
}

impl Ctx {
    /// `T{...}`, or `{...}` with an elided type. gc only accepts names, selectors, instantiations
    /// and array/slice/map/struct types before `{`.
    pub fn composite(&self, typ: Option<Expr>, (l, elts, r): (usize, Vec<Expr>, usize)) -> Expr {
        let pos = typ.as_ref().map(|t| t.pos).unwrap_or(self.pos(l));
        if let Some(t) = &typ {
            if matches!(t.kind, ExprKind::Paren(_)) {
                self.error_at(
                    self.pos(l),
                    "syntax error: cannot parenthesize type in composite literal",
                );
            } else if !matches!(
                t.kind,
                ExprKind::Ident(_)
                    | ExprKind::Selector { .. }
                    | ExprKind::Index { .. }
                    | ExprKind::ArrayType { .. }
                    | ExprKind::MapType { .. }
                    | ExprKind::StructType { .. }
            ) {
                self.error_at(
                    self.pos(l),
                    "syntax error: unexpected {, expected expression",
                );
            }
        }
        self.expr_at(
            pos,
            ExprKind::CompositeLit {
                typ: typ.map(bx),
                lbrace: self.pos(l),
                elts,
                rbrace: self.pos(r),
            },
        )
    }

    pub fn key_value(&self, k: Expr, c: usize, v: Expr) -> Expr {
        self.expr_at(
            k.pos,
            ExprKind::KeyValue {
                key: bx(k),
                colon: self.pos(c),
                value: bx(v),
            },
        )
    }

    pub fn func_type_expr(&self, p: usize, mut sig: FuncType) -> Expr {
        sig.pos = self.pos(p);
        self.expr(p, ExprKind::FuncType(sig))
    }

    pub fn signature(
        &self,
        p: usize,
        params: Vec<ParamEntry>,
        results: Option<(usize, Vec<ParamEntry>)>,
    ) -> FuncType {
        let (params, variadic) = self.param_fields(params, false, true, p);
        let results = match results {
            Some((rp, r)) => self.param_fields(r, false, false, rp).0,
            None => Vec::new(),
        };
        FuncType {
            pos: self.pos(p),
            params,
            results,
            variadic,
        }
    }

    /// Distributes names and types over a parameter list as gc's `paramList` does and groups
    /// `a, b T` into one field. Returns the fields and whether the last one is variadic.
    fn param_fields(
        &self,
        list: Vec<ParamEntry>,
        require_names: bool,
        dddok: bool,
        _open: usize,
    ) -> (Vec<Field>, bool) {
        if list.is_empty() {
            return (Vec::new(), false);
        }
        let named = list.iter().filter(|e| e.name.is_some()).count();
        let n = list.len();
        let mut variadic = false;
        // Report misplaced `...` once.
        let mut dots_reported = false;
        for (i, e) in list.iter().enumerate() {
            if let Some(d) = e.dots
                && (!dddok || i + 1 < n)
                && !dots_reported
            {
                dots_reported = true;
                let msg = if dddok {
                    "can only use ... with final parameter"
                } else {
                    "invalid use of ..."
                };
                self.error_at(self.pos(d), msg);
            }
        }
        // A misplaced `...T` (reported above) becomes `T`, as in gc's parser, so the checker
        // (which runs after this non-syntax error) sees a valid parameter type.
        let wrap = |this: &Ctx, e: &mut ParamEntry, last: bool, variadic: &mut bool| {
            if let Some(d) = e.dots
                && last
                && dddok
            {
                *variadic = true;
                let t = std::mem::replace(&mut e.typ, this.expr(d, ExprKind::Bad));
                e.typ = this.expr(d, ExprKind::Ellipsis(Some(bx(t))));
            }
        };
        let mut list = list;
        if named == 0 && !require_names {
            // All entries are types.
            let mut out = Vec::with_capacity(n);
            for (i, mut e) in list.into_iter().enumerate() {
                wrap(self, &mut e, i + 1 == n, &mut variadic);
                out.push(Field {
                    pos: self.pos(e.pos),
                    names: Vec::new(),
                    typ: e.typ,
                    tag: None,
                });
            }
            return (out, variadic);
        }
        // Some are named: every bare entry must be a name that takes the type to its right.
        let mut fields: Vec<Field> = Vec::new();
        let mut pending: Vec<Ident> = Vec::new();
        let mut err: Option<(Pos, &'static str)> = None;
        let mut typed = 0;
        for e in list.iter() {
            if e.name.is_some() {
                typed += 1;
            }
        }
        let _ = typed;
        let last = list.len() - 1;
        for (i, e) in list.iter_mut().enumerate() {
            wrap(self, e, i == last, &mut variadic);
        }
        for e in list {
            match e.name {
                Some(name) => {
                    pending.push(name);
                    fields.push(Field {
                        pos: pending[0].pos,
                        names: std::mem::take(&mut pending),
                        typ: e.typ,
                        tag: None,
                    });
                }
                None => {
                    if let ExprKind::Ident(id) = e.typ.kind {
                        pending.push(id);
                    } else {
                        // A type without a name in a named list.
                        if err.is_none() {
                            let msg = if require_names {
                                "missing type parameter name"
                            } else {
                                "missing parameter name"
                            };
                            err = Some((e.typ.pos, msg));
                        }
                        fields.push(Field {
                            pos: e.typ.pos,
                            names: vec![Ident {
                                id: self.fresh(),
                                pos: e.typ.pos,
                                name: "_".into(),
                            }],
                            typ: e.typ,
                            tag: None,
                        });
                    }
                }
            }
        }
        if !pending.is_empty() {
            // Trailing names without a type.
            let p = pending[0].pos;
            if err.is_none() {
                let msg = if require_names {
                    "missing type constraint"
                } else {
                    "missing parameter type"
                };
                err = Some((p, msg));
            }
            let bad = self.expr_at(p, ExprKind::Bad);
            fields.push(Field {
                pos: p,
                names: pending,
                typ: bad,
                tag: None,
            });
        }
        if let Some((p, msg)) = err {
            self.error_at(p, format!("syntax error: {msg}"));
        }
        (fields, variadic)
    }

    pub fn tparams(&self, v: Vec<ParamEntry>) -> Vec<Field> {
        self.param_fields(v, true, false, 0).0
    }

    pub fn field(
        &self,
        p: usize,
        names: Vec<Ident>,
        typ: Expr,
        tag: Option<(usize, &str)>,
    ) -> Field {
        let tag = tag.map(|(tp, raw)| match unquote(raw) {
            Some(s) => s,
            None => {
                self.error_at(self.pos(tp), "invalid struct tag");
                String::new()
            }
        });
        Field {
            pos: self.pos(p),
            names,
            typ,
            tag,
        }
    }

    pub fn import_spec(&self, p: usize, name: Option<Ident>, pp: usize, raw: &str) -> ImportSpec {
        let path = match unquote(raw) {
            Some(s) => s,
            None => {
                self.error_at(self.pos(pp), "invalid import path");
                String::new()
            }
        };
        ImportSpec {
            pos: self.pos(p),
            name,
            path,
            path_pos: self.pos(pp),
        }
    }

    fn value_specs(&self, v: Vec<SpecLine>) -> Vec<ValueSpec> {
        v.into_iter()
            .enumerate()
            .map(|(i, s)| ValueSpec {
                pos: self.pos(s.pos),
                implicit: s.typ.is_none() && s.values.is_empty(),
                names: s.names,
                typ: s.typ,
                values: s.values,
                iota: i as u32,
            })
            .collect()
    }

    pub fn const_decl(&self, p: usize, lp: Option<usize>, v: Vec<SpecLine>) -> Decl {
        Decl::Const(GenDecl {
            pos: self.pos(p),
            lparen: lp.map(|l| self.pos(l)),
            specs: self.value_specs(v),
        })
    }

    pub fn var_decl(&self, p: usize, lp: Option<usize>, v: Vec<SpecLine>) -> Decl {
        let specs = self.value_specs(v);
        Decl::Var(GenDecl {
            pos: self.pos(p),
            lparen: lp.map(|l| self.pos(l)),
            specs: specs
                .into_iter()
                .map(|mut s| {
                    s.iota = 0;
                    s.implicit = false;
                    s
                })
                .collect(),
        })
    }

    pub fn type_decl(&self, p: usize, lp: Option<usize>, specs: Vec<TypeSpec>) -> Decl {
        Decl::Type(GenDecl {
            pos: self.pos(p),
            lparen: lp.map(|l| self.pos(l)),
            specs,
        })
    }

    pub fn type_spec(
        &self,
        p: usize,
        name: Ident,
        type_params: Vec<Field>,
        assign: Option<usize>,
        typ: Expr,
    ) -> TypeSpec {
        TypeSpec {
            pos: self.pos(p),
            name,
            type_params,
            assign: assign.map(|a| self.pos(a)),
            typ,
            directives: Vec::new(),
        }
    }

    /// `type T[x] U`: an array type, unless `x` splits into a type parameter name and a type
    /// element (gc's `extractName` with `force == false`).
    pub fn type_spec_bracket(
        &self,
        p: usize,
        name: Ident,
        l: usize,
        x: Expr,
        assign: Option<usize>,
        typ: Expr,
    ) -> TypeSpec {
        match extract_name(x, false) {
            Ok((pname, Some(ptype))) => {
                let e = ParamEntry {
                    pos: pname.pos.offset as usize,
                    name: Some(pname),
                    typ: ptype,
                    dots: None,
                };
                let tps = self.tparams(vec![e]);
                self.type_spec(p, name, tps, assign, typ)
            }
            Ok((pname, None)) => {
                let len = self.name_expr(pname);
                self.array_spec(p, name, l, len, assign, typ)
            }
            Err(x) => self.array_spec(p, name, l, x, assign, typ),
        }
    }

    fn array_spec(
        &self,
        p: usize,
        name: Ident,
        l: usize,
        len: Expr,
        assign: Option<usize>,
        elem: Expr,
    ) -> TypeSpec {
        if let Some(a) = assign {
            self.error_at(self.pos(a), "syntax error: unexpected =, expected type");
        }
        let t = self.array_type(l, Some(len), elem);
        self.type_spec(p, name, Vec::new(), None, t)
    }

    /// `type T[first, rest...]` or `type T[P C, rest...]`.
    #[allow(clippy::too_many_arguments)]
    pub fn type_spec_generic(
        &self,
        p: usize,
        name: Ident,
        first: Option<Expr>,
        first_c: Option<(Ident, Expr)>,
        rest: Vec<ParamEntry>,
        assign: Option<usize>,
        typ: Expr,
    ) -> TypeSpec {
        let mut entries = Vec::with_capacity(rest.len() + 1);
        if let Some(x) = first {
            let xpos = x.pos;
            match extract_name(x, true) {
                Ok((pname, Some(t))) => entries.push(ParamEntry {
                    pos: pname.pos.offset as usize,
                    name: Some(pname),
                    typ: t,
                    dots: None,
                }),
                Ok((pname, None)) => {
                    let t = self.name_expr(pname);
                    entries.push(ParamEntry {
                        pos: xpos.offset as usize,
                        name: None,
                        typ: t,
                        dots: None,
                    })
                }
                Err(x) => entries.push(ParamEntry {
                    pos: xpos.offset as usize,
                    name: None,
                    typ: x,
                    dots: None,
                }),
            }
        }
        if let Some((pn, c)) = first_c {
            entries.push(ParamEntry {
                pos: pn.pos.offset as usize,
                name: Some(pn),
                typ: c,
                dots: None,
            });
        }
        entries.extend(rest);
        let tps = self.tparams(entries);
        self.type_spec(p, name, tps, assign, typ)
    }

    pub fn func_decl(
        &self,
        p: usize,
        recv: Option<(usize, Vec<ParamEntry>)>,
        name: Ident,
        type_params: Vec<Field>,
        sig: FuncType,
        body: Option<Block>,
    ) -> Decl {
        // gc reports a bad receiver count at the token after the receiver list (the name) and
        // keeps the first receiver; the checker runs after these (non-syntax) errors.
        let recv = recv.and_then(|(rp, list)| {
            let (mut fields, _) = self.param_fields(list, false, false, rp);
            let count: usize = fields.iter().map(|f| f.names.len().max(1)).sum();
            if count == 0 {
                self.error_at(name.pos, "method has no receiver");
                None
            } else {
                if count > 1 {
                    self.error_at(name.pos, "method has multiple receivers");
                }
                let mut first = fields.swap_remove(0);
                first.names.truncate(1);
                Some(first)
            }
        });
        Decl::Func(Box::new(FuncDecl {
            pos: self.pos(p),
            recv,
            name,
            type_params,
            sig,
            body,
            directives: Vec::new(),
        }))
    }
}

/// gc's `extractName`: splits `x` into a type parameter name and its constraint if `x` can be
/// written as `name expr` where `expr` is a type element (or unconditionally when `force`).
fn extract_name(x: Expr, force: bool) -> Result<(Ident, Option<Expr>), Expr> {
    match x.kind {
        ExprKind::Ident(n) => Ok((n, None)),
        ExprKind::Binary {
            op: BinaryOp::Mul,
            op_pos,
            x: l,
            y,
        } if matches!(l.kind, ExprKind::Ident(_)) && (force || is_type_elem(&y)) => {
            let ExprKind::Ident(n) = l.kind else {
                unreachable!("checked by the guard")
            };
            // `name *y` becomes the pointer type `*y` positioned at the `*`.
            Ok((
                n,
                Some(Expr {
                    id: l.id,
                    pos: op_pos,
                    kind: ExprKind::Star(y),
                }),
            ))
        }
        ExprKind::Binary {
            op: BinaryOp::Or,
            op_pos,
            x: l,
            y,
        } => {
            let f = force || is_type_elem(&y);
            let id = x.id;
            let pos = x.pos;
            match extract_name(*l, f) {
                Ok((n, Some(lhs))) => Ok((
                    n,
                    Some(Expr {
                        id,
                        pos: lhs.pos,
                        kind: ExprKind::Binary {
                            op: BinaryOp::Or,
                            op_pos,
                            x: bx(lhs),
                            y,
                        },
                    }),
                )),
                Ok((n, None)) => Err(Expr {
                    id,
                    pos,
                    kind: ExprKind::Binary {
                        op: BinaryOp::Or,
                        op_pos,
                        x: bx(Expr {
                            id: n.id,
                            pos: n.pos,
                            kind: ExprKind::Ident(n),
                        }),
                        y,
                    },
                }),
                Err(l) => Err(Expr {
                    id,
                    pos,
                    kind: ExprKind::Binary {
                        op: BinaryOp::Or,
                        op_pos,
                        x: bx(l),
                        y,
                    },
                }),
            }
        }
        ExprKind::Call {
            func,
            lparen,
            mut args,
            ellipsis,
            rparen,
        } if matches!(func.kind, ExprKind::Ident(_))
            && args.len() == 1
            && ellipsis.is_none()
            && (force || is_type_elem(&args[0])) =>
        {
            let ExprKind::Ident(n) = func.kind else {
                unreachable!("checked by the guard")
            };
            let a = args.pop();
            match a {
                Some(a) => {
                    // gc keeps the argument as written: `P (C)` has constraint `C`.
                    let _ = (lparen, rparen);
                    Ok((n, Some(a)))
                }
                None => Ok((n, None)),
            }
        }
        kind => Err(Expr {
            id: x.id,
            pos: x.pos,
            kind,
        }),
    }
}

/// gc's `isTypeElem`: whether `x` is certainly a type element (not possibly a value).
fn is_type_elem(x: &Expr) -> bool {
    match &x.kind {
        ExprKind::ArrayType { .. }
        | ExprKind::StructType { .. }
        | ExprKind::FuncType(_)
        | ExprKind::InterfaceType { .. }
        | ExprKind::MapType { .. }
        | ExprKind::ChanType { .. } => true,
        ExprKind::Binary { x, y, .. } => is_type_elem(x) || is_type_elem(y),
        ExprKind::Unary { op, x } => *op == UnaryOp::Tilde || is_type_elem(x),
        ExprKind::Star(x) => is_type_elem(x),
        ExprKind::Paren(x) => is_type_elem(x),
        _ => false,
    }
}

impl Ctx {
    pub fn block(&self, l: usize, v: Vec<Option<Stmt>>, r: usize) -> Block {
        Block {
            lbrace: self.pos(l),
            stmts: v.into_iter().flatten().collect(),
            rbrace: self.pos(r),
        }
    }

    /// A `;` follows the last statement: if that one was empty, it is a real empty statement.
    pub fn mark_semi(&self, v: &mut [Option<Stmt>], p: usize) {
        if let Some(last) = v.last_mut()
            && last.is_none()
        {
            *last = Some(self.stmt(p, StmtKind::Empty));
        }
    }

    pub fn stmt(&self, p: usize, kind: StmtKind) -> Stmt {
        Stmt {
            pos: self.pos(p),
            kind,
        }
    }

    pub fn decl_stmt(&self, p: usize, d: Decl) -> Stmt {
        self.stmt(p, StmtKind::Decl(d))
    }

    pub fn labeled(&self, p: usize, label: Ident, s: Option<Stmt>) -> Stmt {
        let s = s.unwrap_or(Stmt {
            pos: label.pos,
            kind: StmtKind::Empty,
        });
        self.stmt(
            p,
            StmtKind::Labeled {
                label,
                stmt: Box::new(s),
            },
        )
    }

    /// `go x` / `defer x`: gc requires a (non-parenthesized) call.
    pub fn call_stmt(&self, p: usize, kw: &str, x: Expr) -> Stmt {
        let x = match x.kind {
            ExprKind::Paren(inner) => {
                self.error_at(
                    x.pos,
                    format!("expression in {kw} must not be parenthesized"),
                );
                let mut e = *inner;
                while let ExprKind::Paren(i) = e.kind {
                    e = *i;
                }
                e
            }
            _ => x,
        };
        // A non-call is reported by the checker (types2's suspendedCall), as gc does.
        let kind = if kw == "go" {
            StmtKind::Go(x)
        } else {
            StmtKind::Defer(x)
        };
        self.stmt(p, kind)
    }

    pub fn branch(&self, p: usize, kind: BranchKind, label: Option<Ident>) -> Stmt {
        self.stmt(p, StmtKind::Branch { kind, label })
    }

    pub fn assign(&self, p: usize, lhs: Vec<Expr>, op: AssignOp, o: usize, rhs: Vec<Expr>) -> Stmt {
        self.stmt(
            p,
            StmtKind::Assign {
                lhs,
                op,
                op_pos: self.pos(o),
                rhs,
            },
        )
    }

    /// The condition of an `if`/`for`/`switch` header must be an expression statement.
    fn header_cond(&self, keyword: &str, s: Stmt) -> Expr {
        match s.kind {
            StmtKind::Expr(x) => x,
            kind => {
                let msg = match &kind {
                    StmtKind::Assign {
                        lhs,
                        op: AssignOp::Assign,
                        rhs,
                        ..
                    } => format!(
                        "cannot use assignment {} = {} as value",
                        emphasize(lhs),
                        emphasize(rhs)
                    ),
                    k => format!("cannot use {} as value", stmt_string(k)),
                };
                let _ = keyword;
                let pos = match &kind {
                    StmtKind::Assign { op_pos, .. } => *op_pos,
                    _ => s.pos,
                };
                self.error_at(pos, format!("syntax error: {msg}"));
                self.expr_at(s.pos, ExprKind::Bad)
            }
        }
    }

    pub fn if_stmt(&self, p: usize, h: Header, then: Block, els: Option<Stmt>) -> Stmt {
        let (init, cond, hp, semi) = h;
        let cond = match cond {
            Some(c) => self.header_cond("if", c),
            None => {
                match semi {
                    Some(SemiKind::Explicit) => {
                        self.error_at(
                            self.pos(hp),
                            "syntax error: missing condition in if statement",
                        );
                    }
                    None => {
                        self.error_at(
                            then.lbrace,
                            "syntax error: missing condition in if statement",
                        );
                    }
                    Some(k) => self.error_at(
                        self.pos(hp),
                        format!(
                            "syntax error: unexpected {}, expected {{ after if clause",
                            k.gc_name()
                        ),
                    ),
                }
                self.expr(hp, ExprKind::Bad)
            }
        };
        self.stmt(
            p,
            StmtKind::If {
                init: init.map(Box::new),
                cond,
                then,
                els: els.map(Box::new),
            },
        )
    }

    pub fn switch_stmt(
        &self,
        p: usize,
        (init, tag): (Option<Stmt>, Option<Stmt>),
        clauses: Vec<RawCase>,
        r: usize,
    ) -> Stmt {
        self.clause_separators(
            &clauses
                .iter()
                .map(|c| (c.0, c.2, c.4.last().is_some_and(Option::is_some)))
                .collect::<Vec<_>>(),
        );
        let body: Vec<CaseClause> = clauses
            .into_iter()
            .map(|(cp, exprs, is_default, colon, stmts)| CaseClause {
                pos: self.pos(cp),
                exprs,
                is_default,
                colon: self.pos(colon),
                body: stmts.into_iter().flatten().collect(),
                implicit_id: self.fresh(),
            })
            .collect();
        let rbrace = self.pos(r);
        let init = init.map(Box::new);
        // A type switch guard: `x.(type)` or `v := x.(type)`.
        if let Some(t) = tag {
            match t.kind {
                StmtKind::Expr(Expr {
                    kind:
                        ExprKind::TypeAssert {
                            x: guard,
                            typ: None,
                            ..
                        },
                    ..
                }) => {
                    return self.stmt(
                        p,
                        StmtKind::TypeSwitch {
                            init,
                            bind: None,
                            x: *guard,
                            body,
                            rbrace,
                        },
                    );
                }
                StmtKind::Assign {
                    mut lhs,
                    op: AssignOp::Define,
                    mut rhs,
                    op_pos,
                } if lhs.len() == 1
                    && rhs.len() == 1
                    && matches!(lhs[0].kind, ExprKind::Ident(_))
                    && matches!(rhs[0].kind, ExprKind::TypeAssert { typ: None, .. }) =>
                {
                    let (Some(l), Some(r)) = (lhs.pop(), rhs.pop()) else {
                        unreachable!("lengths checked by the guard")
                    };
                    let (ExprKind::Ident(bind), ExprKind::TypeAssert { x: guard, .. }) =
                        (l.kind, r.kind)
                    else {
                        unreachable!("kinds checked by the guard")
                    };
                    let _ = op_pos;
                    return self.stmt(
                        p,
                        StmtKind::TypeSwitch {
                            init,
                            bind: Some(bind),
                            x: *guard,
                            body,
                            rbrace,
                        },
                    );
                }
                kind => {
                    let tag = self.header_cond("switch", Stmt { pos: t.pos, kind });
                    return self.stmt(
                        p,
                        StmtKind::Switch {
                            init,
                            tag: Some(tag),
                            body,
                            rbrace,
                        },
                    );
                }
            }
        }
        self.stmt(
            p,
            StmtKind::Switch {
                init,
                tag: None,
                body,
                rbrace,
            },
        )
    }

    /// gc's stmtList: a statement must be followed by ";" unless "}" follows, so a clause body
    /// ending in a statement directly followed by the next `case`/`default` is a syntax error.
    /// `clauses` holds each clause's keyword position, whether it is `default`, and whether its
    /// body ends in a statement without a ";".
    fn clause_separators(&self, clauses: &[(usize, bool, bool)]) {
        for w in clauses.windows(2) {
            if w[0].2 {
                let kw = if w[1].1 { "default" } else { "case" };
                self.error_at(
                    self.pos(w[1].0),
                    format!("syntax error: unexpected keyword {kw} at end of statement"),
                );
            }
        }
    }

    pub fn select_stmt(&self, p: usize, clauses: Vec<RawComm>, r: usize) -> Stmt {
        self.clause_separators(
            &clauses
                .iter()
                .map(|c| (c.0, c.1.is_none(), c.3.last().is_some_and(Option::is_some)))
                .collect::<Vec<_>>(),
        );
        let body = clauses
            .into_iter()
            .map(|(cp, comm, colon, stmts)| CommClause {
                pos: self.pos(cp),
                comm: comm.map(Box::new),
                colon: self.pos(colon),
                body: stmts.into_iter().flatten().collect(),
            })
            .collect();
        self.stmt(
            p,
            StmtKind::Select {
                body,
                rbrace: self.pos(r),
            },
        )
    }

    pub fn for_stmt(
        &self,
        p: usize,
        init: Option<Stmt>,
        cond: Option<Expr>,
        post: Option<Stmt>,
        body: Block,
    ) -> Stmt {
        if let Some(Stmt {
            pos,
            kind:
                StmtKind::Assign {
                    op: AssignOp::Define,
                    ..
                },
        }) = &post
        {
            self.error_at(
                *pos,
                "syntax error: cannot declare in post statement of for loop",
            );
        }
        self.stmt(
            p,
            StmtKind::For {
                init: init.map(Box::new),
                cond,
                post: post.map(Box::new),
                body,
            },
        )
    }

    pub fn range_stmt(
        &self,
        p: usize,
        lhs: Option<Vec<Expr>>,
        define: bool,
        x: Expr,
        body: Block,
    ) -> Stmt {
        let mut lhs = lhs.unwrap_or_default().into_iter();
        let key = lhs.next();
        let value = lhs.next();
        if let Some(extra) = lhs.next() {
            self.error_at(
                extra.pos,
                "range clause permits at most two iteration variables",
            );
        }
        self.stmt(
            p,
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            },
        )
    }
}

/// gc's `emphasize`: a list printed with top-level binary expressions parenthesized.
fn emphasize(list: &[Expr]) -> String {
    list.iter()
        .map(|x| {
            let s = expr_string(x);
            if matches!(x.kind, ExprKind::Binary { .. }) {
                format!("({s})")
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn stmt_string(k: &StmtKind) -> String {
    match k {
        StmtKind::Assign { lhs, op, rhs, .. } => {
            let op = match op {
                AssignOp::Assign => "=".to_string(),
                AssignOp::Define => ":=".to_string(),
                AssignOp::Op(o) => format!("{}=", o.as_str()),
            };
            format!("{} {op} {}", list_string(lhs), list_string(rhs))
        }
        StmtKind::IncDec { x, inc } => {
            format!("{}{}", expr_string(x), if *inc { "++" } else { "--" })
        }
        StmtKind::Send { chan, value } => {
            format!("{} <- {}", expr_string(chan), expr_string(value))
        }
        _ => "statement".to_string(),
    }
}

fn list_string(v: &[Expr]) -> String {
    v.iter().map(expr_string).collect::<Vec<_>>().join(", ")
}

/// A short rendering of an expression for messages, in gc's printer style.
pub fn expr_string(x: &Expr) -> String {
    match &x.kind {
        ExprKind::Ident(n) => n.name.clone(),
        ExprKind::BasicLit { raw, .. } => raw.clone(),
        ExprKind::Paren(e) => format!("({})", expr_string(e)),
        ExprKind::Selector { x, sel } => format!("{}.{}", expr_string(x), sel.name),
        ExprKind::Index { x, indices, .. } => {
            format!("{}[{}]", expr_string(x), list_string(indices))
        }
        ExprKind::Call {
            func,
            args,
            ellipsis,
            ..
        } => format!(
            "{}({}{})",
            expr_string(func),
            list_string(args),
            if ellipsis.is_some() { "..." } else { "" }
        ),
        ExprKind::Star(e) => format!("*{}", expr_string(e)),
        ExprKind::Unary { op, x } => format!("{}{}", op.as_str(), expr_string(x)),
        ExprKind::Binary { op, x, y, .. } => {
            format!("{} {} {}", expr_string(x), op.as_str(), expr_string(y))
        }
        ExprKind::CompositeLit { typ, .. } => match typ {
            Some(t) => format!("{}{{…}}", expr_string(t)),
            None => "{…}".to_string(),
        },
        ExprKind::FuncLit { .. } => "func literal".to_string(),
        ExprKind::TypeAssert { x, typ, .. } => match typ {
            Some(t) => format!("{}.({})", expr_string(x), expr_string(t)),
            None => format!("{}.(type)", expr_string(x)),
        },
        ExprKind::Slice { x, lo, hi, max, .. } => {
            let o = |e: &Option<Box<Expr>>| e.as_ref().map(|e| expr_string(e)).unwrap_or_default();
            if max.is_some() {
                format!("{}[{}:{}:{}]", expr_string(x), o(lo), o(hi), o(max))
            } else {
                format!("{}[{}:{}]", expr_string(x), o(lo), o(hi))
            }
        }
        ExprKind::KeyValue { key, value, .. } => {
            format!("{}: {}", expr_string(key), expr_string(value))
        }
        ExprKind::ArrayType { len, elem } => match len {
            Some(l) => format!("[{}]{}", expr_string(l), expr_string(elem)),
            None => format!("[]{}", expr_string(elem)),
        },
        ExprKind::Ellipsis(e) => match e {
            Some(e) => format!("...{}", expr_string(e)),
            None => "...".to_string(),
        },
        ExprKind::MapType { key, value } => {
            format!("map[{}]{}", expr_string(key), expr_string(value))
        }
        ExprKind::ChanType { dir, elem } => match dir {
            ChanDir::Both => format!("chan {}", expr_string(elem)),
            ChanDir::Send => format!("chan<- {}", expr_string(elem)),
            ChanDir::Recv => format!("<-chan {}", expr_string(elem)),
        },
        ExprKind::FuncType(_) => "func(…)".to_string(),
        ExprKind::StructType { .. } => "struct{…}".to_string(),
        ExprKind::InterfaceType { .. } => "interface{…}".to_string(),
        ExprKind::Bad => "BadExpr".to_string(),
    }
}

/// The value of a Go string literal (interpreted or raw), or `None` if it is malformed.
pub fn unquote(raw: &str) -> Option<String> {
    if let Some(body) = raw.strip_prefix('`') {
        let body = body.strip_suffix('`')?;
        return Some(body.replace('\r', ""));
    }
    let body = raw.strip_prefix('"')?.strip_suffix('"')?;
    if !body.contains('\\') {
        return Some(body.to_string());
    }
    let mut out: Vec<u8> = Vec::with_capacity(body.len());
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        i += 1;
        let c = *b.get(i)?;
        i += 1;
        let simple = match c {
            b'a' => Some(7u8),
            b'b' => Some(8),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            b'\\' => Some(b'\\'),
            b'"' => Some(b'"'),
            _ => None,
        };
        if let Some(v) = simple {
            out.push(v);
            continue;
        }
        let (n, base) = match c {
            b'0'..=b'7' => {
                i -= 1;
                (3, 8)
            }
            b'x' => (2, 16),
            b'u' => (4, 16),
            b'U' => (8, 16),
            _ => return None,
        };
        let digits = body.get(i..i + n)?;
        let v = u32::from_str_radix(digits, base).ok()?;
        i += n;
        if c == b'x' || base == 8 {
            out.push(u8::try_from(v).ok()?);
        } else {
            let ch = char::from_u32(v)?;
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
    }
    // Byte escapes may form invalid UTF-8; keep it lossless where possible.
    Some(
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}
