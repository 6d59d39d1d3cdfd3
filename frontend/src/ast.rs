//! The syntax tree of one Go source file.
//!
//! Shaped after gc's `cmd/compile/internal/syntax` and `go/ast`: the parser builds it, the type
//! checker annotates it through side tables keyed by [`NodeId`], and the midend lowers it. Every
//! expression and every identifier carries a `NodeId` that is unique within a package, so that
//! `types::Info` can record types, constant values and resolved objects without mutating the tree.
//!
//! Positions are [`Pos`] values (file index + byte offset); `crate::source::FileSet` turns them into
//! `file:line:col`. Where gc reports a diagnostic at a specific token (the operator of a binary
//! expression, the `(` of a call), the node keeps that token's position too.

use std::fmt;

/// A position: which file of the package's file set, and the byte offset in it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub file: u32,
    pub offset: u32,
}

impl Pos {
    pub const NONE: Pos = Pos {
        file: u32::MAX,
        offset: 0,
    };
    pub fn new(file: u32, offset: u32) -> Pos {
        Pos { file, offset }
    }
    pub fn is_known(self) -> bool {
        self.file != u32::MAX
    }
}

impl fmt::Debug for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}:{}", self.file, self.offset)
    }
}

/// Identity of an expression, identifier or other annotated node within a package.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct NodeId(pub u32);

/// An identifier occurrence. `_` is an identifier with name `"_"`.
#[derive(Clone, Debug)]
pub struct Ident {
    pub id: NodeId,
    pub pos: Pos,
    pub name: String,
}

impl Ident {
    pub fn is_blank(&self) -> bool {
        self.name == "_"
    }
}

/// One parsed source file.
#[derive(Clone, Debug)]
pub struct File {
    /// Index of this file in the package's `FileSet`.
    pub file_index: u32,
    pub package_pos: Pos,
    pub package_name: Ident,
    /// `//go:build` expression text, if any (without the prefix).
    pub build_constraint: Option<String>,
    pub imports: Vec<ImportSpec>,
    pub decls: Vec<Decl>,
    /// Compiler directives that are not attached to a declaration (e.g. `//go:linkname` at top level).
    pub directives: Vec<Directive>,
    /// Byte offsets of the scanner's errors in this file, ascending. A file with lexical
    /// errors is still type-checked (as gc does); a literal with an error inside it is invalid
    /// without a further message (types2's `BasicLit.Bad`).
    pub lex_error_offsets: Vec<u32>,
}

#[derive(Clone, Debug)]
pub struct ImportSpec {
    pub pos: Pos,
    /// `.`, `_`, or an explicit package name.
    pub name: Option<Ident>,
    /// The import path, unquoted.
    pub path: String,
    pub path_pos: Pos,
}

/// A `//go:xxx` directive line (`//go:noinline`, `//go:nosplit`, `//go:linkname a b`, ...), or a
/// `//line` directive.
#[derive(Clone, Debug)]
pub struct Directive {
    pub pos: Pos,
    /// The directive name without `//`, e.g. `go:noinline`, `line`.
    pub name: String,
    /// Everything after the name, trimmed.
    pub args: String,
}

#[derive(Clone, Debug)]
pub enum Decl {
    /// `import` declarations are lifted into `File::imports`; the parser never produces this.
    Const(GenDecl<ValueSpec>),
    Var(GenDecl<ValueSpec>),
    Type(GenDecl<TypeSpec>),
    Func(Box<FuncDecl>),
    /// A declaration the parser could not make sense of (after a syntax error); skipped later.
    Bad(Pos),
}

/// `const (...)`, `var (...)`, `type (...)` or their single-spec forms.
#[derive(Clone, Debug)]
pub struct GenDecl<S> {
    pub pos: Pos,
    /// Position of `(` when the declaration is grouped.
    pub lparen: Option<Pos>,
    pub specs: Vec<S>,
}

/// One line of a const or var declaration.
#[derive(Clone, Debug)]
pub struct ValueSpec {
    pub pos: Pos,
    pub names: Vec<Ident>,
    pub typ: Option<Expr>,
    pub values: Vec<Expr>,
    /// For constants: the index of this spec in its group (the value of `iota`).
    pub iota: u32,
    /// For constants with neither type nor values: the spec they implicitly repeat is found by the
    /// checker by walking back; the parser records nothing special.
    pub implicit: bool,
}

#[derive(Clone, Debug)]
pub struct TypeSpec {
    pub pos: Pos,
    pub name: Ident,
    pub type_params: Vec<Field>,
    /// `type A = B` declares an alias.
    pub assign: Option<Pos>,
    pub typ: Expr,
    pub directives: Vec<Directive>,
}

#[derive(Clone, Debug)]
pub struct FuncDecl {
    pub pos: Pos,
    pub recv: Option<Field>,
    pub name: Ident,
    pub type_params: Vec<Field>,
    pub sig: FuncType,
    /// `None` for a declaration without body (assembly or linkname'd).
    pub body: Option<Block>,
    pub directives: Vec<Directive>,
}

/// A parameter, result, struct field, method spec or type parameter: `a, b T`, `T`, `...T`.
#[derive(Clone, Debug)]
pub struct Field {
    pub pos: Pos,
    /// Empty for anonymous parameters and embedded fields.
    pub names: Vec<Ident>,
    pub typ: Expr,
    /// Struct tag, unquoted.
    pub tag: Option<String>,
}

#[derive(Clone, Debug)]
pub struct FuncType {
    pub pos: Pos,
    pub params: Vec<Field>,
    pub results: Vec<Field>,
    /// True when the last parameter's type is `...T` (its `typ` is then `ExprKind::Ellipsis`).
    pub variadic: bool,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub lbrace: Pos,
    pub stmts: Vec<Stmt>,
    pub rbrace: Pos,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub pos: Pos,
    pub kind: StmtKind,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AssignOp {
    /// `=`
    Assign,
    /// `:=`
    Define,
    /// `op=`
    Op(BinaryOp),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BranchKind {
    Break,
    Continue,
    Goto,
    Fallthrough,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Empty,
    Bad,
    Decl(Decl),
    Labeled {
        label: Ident,
        stmt: Box<Stmt>,
    },
    Expr(Expr),
    Send {
        chan: Expr,
        value: Expr,
    },
    IncDec {
        x: Expr,
        inc: bool,
    },
    Assign {
        lhs: Vec<Expr>,
        op: AssignOp,
        op_pos: Pos,
        rhs: Vec<Expr>,
    },
    Go(Expr),
    Defer(Expr),
    Return(Vec<Expr>),
    Branch {
        kind: BranchKind,
        label: Option<Ident>,
    },
    Block(Block),
    If {
        init: Option<Box<Stmt>>,
        cond: Expr,
        then: Block,
        /// Either a `Block` or another `If` statement.
        els: Option<Box<Stmt>>,
    },
    Switch {
        init: Option<Box<Stmt>>,
        tag: Option<Expr>,
        body: Vec<CaseClause>,
        rbrace: Pos,
    },
    /// `switch [init;] [x :=] y.(type) { ... }`
    TypeSwitch {
        init: Option<Box<Stmt>>,
        /// The `x` of `x := y.(type)`.
        bind: Option<Ident>,
        /// The `y` of `y.(type)`.
        x: Expr,
        body: Vec<CaseClause>,
        rbrace: Pos,
    },
    Select {
        body: Vec<CommClause>,
        rbrace: Pos,
    },
    For {
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        post: Option<Box<Stmt>>,
        body: Block,
    },
    /// `for k, v := range x`, `for k = range x`, `for range x`.
    Range {
        key: Option<Expr>,
        value: Option<Expr>,
        /// `:=` (true) or `=` (false); irrelevant when there is no key.
        define: bool,
        x: Expr,
        body: Block,
    },
}

#[derive(Clone, Debug)]
pub struct CaseClause {
    pub pos: Pos,
    /// Empty for `default`.
    pub exprs: Vec<Expr>,
    pub is_default: bool,
    pub colon: Pos,
    pub body: Vec<Stmt>,
    /// For type switches with a binding: the implicit object declared in this clause is recorded
    /// by the checker under this id.
    pub implicit_id: NodeId,
}

#[derive(Clone, Debug)]
pub struct CommClause {
    pub pos: Pos,
    /// `None` for `default`; otherwise a send statement, or a receive (expression statement or
    /// assignment/definition with a receive on the right).
    pub comm: Option<Box<Stmt>>,
    pub colon: Pos,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum UnaryOp {
    /// `+x`
    Pos,
    /// `-x`
    Neg,
    /// `!x`
    Not,
    /// `^x`
    Xor,
    /// `&x`
    Addr,
    /// `<-x`
    Recv,
    /// `~T` (only in constraints)
    Tilde,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Quo,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    AndNot,
    LAnd,
    LOr,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
}

impl BinaryOp {
    pub fn as_str(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Quo => "/",
            Rem => "%",
            And => "&",
            Or => "|",
            Xor => "^",
            Shl => "<<",
            Shr => ">>",
            AndNot => "&^",
            LAnd => "&&",
            LOr => "||",
            Eql => "==",
            Neq => "!=",
            Lss => "<",
            Leq => "<=",
            Gtr => ">",
            Geq => ">=",
        }
    }
    pub fn is_comparison(self) -> bool {
        use BinaryOp::*;
        matches!(self, Eql | Neq | Lss | Leq | Gtr | Geq)
    }
    pub fn is_shift(self) -> bool {
        matches!(self, BinaryOp::Shl | BinaryOp::Shr)
    }
    /// Go's binary precedence (5 binds tightest).
    pub fn precedence(self) -> u8 {
        use BinaryOp::*;
        match self {
            LOr => 1,
            LAnd => 2,
            Eql | Neq | Lss | Leq | Gtr | Geq => 3,
            Add | Sub | Or | Xor => 4,
            Mul | Quo | Rem | Shl | Shr | And | AndNot => 5,
        }
    }
}

impl UnaryOp {
    pub fn as_str(self) -> &'static str {
        match self {
            UnaryOp::Pos => "+",
            UnaryOp::Neg => "-",
            UnaryOp::Not => "!",
            UnaryOp::Xor => "^",
            UnaryOp::Addr => "&",
            UnaryOp::Recv => "<-",
            UnaryOp::Tilde => "~",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LitKind {
    Int,
    Float,
    Imag,
    Char,
    String,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

/// An expression, which in Go also covers type expressions.
#[derive(Clone, Debug)]
pub struct Expr {
    pub id: NodeId,
    pub pos: Pos,
    pub kind: ExprKind,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Bad,
    Ident(Ident),
    /// A literal as written in the source (`0x1p-2`, `'a'`, `"a\n"`, `` `raw` ``); the checker
    /// evaluates it.
    BasicLit {
        kind: LitKind,
        raw: String,
    },
    /// `T{...}`; `typ` is `None` for elided types inside an outer literal.
    CompositeLit {
        typ: Option<Box<Expr>>,
        lbrace: Pos,
        elts: Vec<Expr>,
        rbrace: Pos,
    },
    /// `key: value` inside a composite literal.
    KeyValue {
        key: Box<Expr>,
        colon: Pos,
        value: Box<Expr>,
    },
    FuncLit {
        sig: FuncType,
        body: Block,
    },
    Paren(Box<Expr>),
    /// `x.sel` (package-qualified identifiers included; the checker tells them apart).
    Selector {
        x: Box<Expr>,
        sel: Ident,
    },
    /// `x[i]`, and generic instantiation `f[T1, T2]` (more than one index).
    Index {
        x: Box<Expr>,
        lbrack: Pos,
        indices: Vec<Expr>,
        rbrack: Pos,
    },
    /// `x[lo:hi]` / `x[lo:hi:max]`.
    Slice {
        x: Box<Expr>,
        lbrack: Pos,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        max: Option<Box<Expr>>,
        three: bool,
        rbrack: Pos,
    },
    /// `x.(T)`; `typ` is `None` for `x.(type)` in a type switch header.
    TypeAssert {
        x: Box<Expr>,
        lparen: Pos,
        typ: Option<Box<Expr>>,
    },
    Call {
        func: Box<Expr>,
        lparen: Pos,
        args: Vec<Expr>,
        /// Position of `...` when the call spreads its last argument.
        ellipsis: Option<Pos>,
        rparen: Pos,
    },
    /// `*x`: dereference or pointer type.
    Star(Box<Expr>),
    Unary {
        op: UnaryOp,
        x: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        op_pos: Pos,
        x: Box<Expr>,
        y: Box<Expr>,
    },
    // ---- type expressions ----
    /// `[N]T`, or `[...]T` when `len` is `Ellipsis`; `[]T` when `len` is `None`.
    ArrayType {
        len: Option<Box<Expr>>,
        elem: Box<Expr>,
    },
    /// `...T` in a parameter list, or `[...]` array length (then `elem` is `None`).
    Ellipsis(Option<Box<Expr>>),
    StructType {
        fields: Vec<Field>,
    },
    FuncType(FuncType),
    InterfaceType {
        /// Methods (named fields with a `FuncType`) and embedded elements (unnamed; their `typ` may
        /// be a union `A | ~B` expressed as `Binary{op: Or}` of `Unary{op: Tilde}` terms).
        elems: Vec<Field>,
    },
    MapType {
        key: Box<Expr>,
        value: Box<Expr>,
    },
    ChanType {
        dir: ChanDir,
        elem: Box<Expr>,
    },
}

impl Expr {
    /// Strips any number of enclosing parentheses.
    pub fn unparen(&self) -> &Expr {
        let mut e = self;
        while let ExprKind::Paren(inner) = &e.kind {
            e = inner;
        }
        e
    }
}

/// Hands out [`NodeId`]s. One generator is shared by all files of a build, so ids are unique across
/// packages and a single `types::Info` can annotate the whole program.
#[derive(Debug, Default)]
pub struct NodeIdGen {
    next: u32,
}

impl NodeIdGen {
    pub fn new() -> NodeIdGen {
        // 0 stays unused so that `NodeId::default()` never aliases a real node.
        NodeIdGen { next: 1 }
    }
    pub fn fresh(&mut self) -> NodeId {
        let id = NodeId(self.next);
        self.next += 1;
        id
    }
}

/// Calls `f` with every [`NodeId`] of a function declaration: the identifiers and expressions of
/// its receiver, type parameters, signature and body (type expressions, func literals and the
/// implicit ids of case clauses included). The midend's instantiation pass uses it to find the
/// nodes whose types depend on a generic function's type parameters.
pub fn visit_func_decl_ids(fd: &FuncDecl, f: &mut dyn FnMut(NodeId)) {
    let mut v = IdVisitor { f };
    if let Some(r) = &fd.recv {
        v.field(r);
    }
    f_ident(&mut v, &fd.name);
    for tp in &fd.type_params {
        v.field(tp);
    }
    v.func_type(&fd.sig);
    if let Some(b) = &fd.body {
        v.stmts(&b.stmts);
    }
}

fn f_ident(v: &mut IdVisitor, id: &Ident) {
    (v.f)(id.id);
}

struct IdVisitor<'f> {
    f: &'f mut dyn FnMut(NodeId),
}

impl IdVisitor<'_> {
    fn field(&mut self, fl: &Field) {
        for n in &fl.names {
            (self.f)(n.id);
        }
        self.expr(&fl.typ);
    }

    fn func_type(&mut self, ft: &FuncType) {
        for p in ft.params.iter().chain(&ft.results) {
            self.field(p);
        }
    }

    fn opt(&mut self, e: &Option<Box<Expr>>) {
        if let Some(e) = e {
            self.expr(e);
        }
    }

    fn expr(&mut self, e: &Expr) {
        (self.f)(e.id);
        match &e.kind {
            ExprKind::Bad | ExprKind::BasicLit { .. } => {}
            ExprKind::Ident(id) => (self.f)(id.id),
            ExprKind::CompositeLit { typ, elts, .. } => {
                self.opt(typ);
                for x in elts {
                    self.expr(x);
                }
            }
            ExprKind::KeyValue { key, value, .. } => {
                self.expr(key);
                self.expr(value);
            }
            ExprKind::FuncLit { sig, body } => {
                self.func_type(sig);
                self.stmts(&body.stmts);
            }
            ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary { x, .. } => self.expr(x),
            ExprKind::Selector { x, sel } => {
                self.expr(x);
                (self.f)(sel.id);
            }
            ExprKind::Index { x, indices, .. } => {
                self.expr(x);
                for i in indices {
                    self.expr(i);
                }
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                self.expr(x);
                self.opt(lo);
                self.opt(hi);
                self.opt(max);
            }
            ExprKind::TypeAssert { x, typ, .. } => {
                self.expr(x);
                self.opt(typ);
            }
            ExprKind::Call { func, args, .. } => {
                self.expr(func);
                for a in args {
                    self.expr(a);
                }
            }
            ExprKind::Binary { x, y, .. } => {
                self.expr(x);
                self.expr(y);
            }
            ExprKind::ArrayType { len, elem } => {
                self.opt(len);
                self.expr(elem);
            }
            ExprKind::Ellipsis(x) => self.opt(x),
            ExprKind::StructType { fields } | ExprKind::InterfaceType { elems: fields } => {
                for fl in fields {
                    self.field(fl);
                }
            }
            ExprKind::FuncType(ft) => self.func_type(ft),
            ExprKind::MapType { key, value } => {
                self.expr(key);
                self.expr(value);
            }
            ExprKind::ChanType { elem, .. } => self.expr(elem),
        }
    }

    fn stmts(&mut self, ss: &[Stmt]) {
        for s in ss {
            self.stmt(s);
        }
    }

    fn opt_stmt(&mut self, s: &Option<Box<Stmt>>) {
        if let Some(s) = s {
            self.stmt(s);
        }
    }

    fn clauses(&mut self, cs: &[CaseClause]) {
        for c in cs {
            (self.f)(c.implicit_id);
            for e in &c.exprs {
                self.expr(e);
            }
            self.stmts(&c.body);
        }
    }

    fn decl(&mut self, d: &Decl) {
        match d {
            Decl::Const(g) | Decl::Var(g) => {
                for spec in &g.specs {
                    for n in &spec.names {
                        (self.f)(n.id);
                    }
                    if let Some(t) = &spec.typ {
                        self.expr(t);
                    }
                    for v in &spec.values {
                        self.expr(v);
                    }
                }
            }
            Decl::Type(g) => {
                for spec in &g.specs {
                    (self.f)(spec.name.id);
                    for tp in &spec.type_params {
                        self.field(tp);
                    }
                    self.expr(&spec.typ);
                }
            }
            Decl::Func(fd) => visit_func_decl_ids(fd, self.f),
            Decl::Bad(_) => {}
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Empty | StmtKind::Bad => {}
            StmtKind::Decl(d) => self.decl(d),
            StmtKind::Labeled { label, stmt } => {
                (self.f)(label.id);
                self.stmt(stmt);
            }
            StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => self.expr(e),
            StmtKind::Send { chan, value } => {
                self.expr(chan);
                self.expr(value);
            }
            StmtKind::IncDec { x, .. } => self.expr(x),
            StmtKind::Assign { lhs, rhs, .. } => {
                for e in lhs.iter().chain(rhs) {
                    self.expr(e);
                }
            }
            StmtKind::Return(es) => {
                for e in es {
                    self.expr(e);
                }
            }
            StmtKind::Branch { label, .. } => {
                if let Some(l) = label {
                    (self.f)(l.id);
                }
            }
            StmtKind::Block(b) => self.stmts(&b.stmts),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                self.opt_stmt(init);
                self.expr(cond);
                self.stmts(&then.stmts);
                self.opt_stmt(els);
            }
            StmtKind::Switch {
                init, tag, body, ..
            } => {
                self.opt_stmt(init);
                if let Some(t) = tag {
                    self.expr(t);
                }
                self.clauses(body);
            }
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                body,
                ..
            } => {
                self.opt_stmt(init);
                if let Some(b) = bind {
                    (self.f)(b.id);
                }
                self.expr(x);
                self.clauses(body);
            }
            StmtKind::Select { body, .. } => {
                for c in body {
                    if let Some(cm) = &c.comm {
                        self.stmt(cm);
                    }
                    self.stmts(&c.body);
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                self.opt_stmt(init);
                if let Some(c) = cond {
                    self.expr(c);
                }
                self.opt_stmt(post);
                self.stmts(&body.stmts);
            }
            StmtKind::Range {
                key,
                value,
                x,
                body,
                ..
            } => {
                if let Some(k) = key {
                    self.expr(k);
                }
                if let Some(v) = value {
                    self.expr(v);
                }
                self.expr(x);
                self.stmts(&body.stmts);
            }
        }
    }
}
