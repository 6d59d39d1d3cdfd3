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
