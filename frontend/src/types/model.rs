//! The checker's data model: types, objects, constant values and the side tables (`Info`) that
//! annotate the syntax tree. This is the contract between the type checker (which fills it) and the
//! midend (which reads it), modelled on go/types.
//!
//! Types are interned in a [`TypeTable`] and referred to by [`TypeId`]; structurally identical
//! unnamed types get the same id, so `TypeId` equality is Go's type identity for unnamed types and
//! named types alike (each named type, and each instance of a generic type, is created once).

use std::collections::HashMap;

use num_bigint::BigInt;
use num_rational::BigRational;

use crate::ast::{ChanDir, NodeId, Pos};

/// A type. `.0` is the canonical entry, which alone decides identity (`==`, hashing, ordering);
/// `.1` is the entry [`TypeTable::get`] returns, equal to `.0` except for a type spelled with an
/// alias: types2 keeps `byte` and `rune` as distinct objects identical to `uint8` and `int32` that
/// print as written, and so does a `[]byte` built from them. The spelled entry has the same
/// structure as the canonical one (its components are themselves spelled), so everything that
/// inspects a type sees the same thing either way; only types2-style printing (`type_string`)
/// tells them apart. The midend sees the canonical identity, and gc's LinkString and runtime
/// names print `uint8`/`int32` from the kind.
#[derive(Clone, Copy)]
pub struct TypeId(pub u32, pub(crate) u32);

impl TypeId {
    /// The type at table index `i`, without alias spelling.
    pub const fn new(i: u32) -> TypeId {
        TypeId(i, i)
    }
    /// The same type without alias spelling (prints `uint8` for `byte`, `[]uint8` for `[]byte`).
    pub fn canon(self) -> TypeId {
        TypeId(self.0, self.0)
    }
    /// Whether this is an alias spelling of its canonical type.
    pub fn is_spelled(self) -> bool {
        self.0 != self.1
    }
}

impl PartialEq for TypeId {
    fn eq(&self, other: &TypeId) -> bool {
        self.0 == other.0
    }
}
impl Eq for TypeId {}
impl std::hash::Hash for TypeId {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.hash(h)
    }
}
impl PartialOrd for TypeId {
    fn partial_cmp(&self, other: &TypeId) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TypeId {
    fn cmp(&self, other: &TypeId) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}
impl std::fmt::Debug for TypeId {
    // Dumps show the identity only, so they do not depend on which spelling reached them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TypeId({})", self.0)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct ObjId(pub u32);

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct ScopeId(pub u32);

/// Index of a package in the `Universe`'s package list (0 is reserved for the unnamed universe
/// pseudo-package of builtins).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct PkgId(pub u32);

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum BasicKind {
    Invalid,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    Complex64,
    Complex128,
    String,
    UnsafePointer,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedComplex,
    UntypedString,
    UntypedNil,
}

impl BasicKind {
    pub fn is_untyped(self) -> bool {
        use BasicKind::*;
        matches!(
            self,
            UntypedBool
                | UntypedInt
                | UntypedRune
                | UntypedFloat
                | UntypedComplex
                | UntypedString
                | UntypedNil
        )
    }
    pub fn is_integer(self) -> bool {
        use BasicKind::*;
        matches!(
            self,
            Int | Int8
                | Int16
                | Int32
                | Int64
                | Uint
                | Uint8
                | Uint16
                | Uint32
                | Uint64
                | Uintptr
                | UntypedInt
                | UntypedRune
        )
    }
    pub fn is_unsigned(self) -> bool {
        use BasicKind::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }
    pub fn is_float(self) -> bool {
        use BasicKind::*;
        matches!(self, Float32 | Float64 | UntypedFloat)
    }
    pub fn is_complex(self) -> bool {
        use BasicKind::*;
        matches!(self, Complex64 | Complex128 | UntypedComplex)
    }
    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float() || self.is_complex()
    }
    pub fn is_string(self) -> bool {
        matches!(self, BasicKind::String | BasicKind::UntypedString)
    }
    pub fn is_boolean(self) -> bool {
        matches!(self, BasicKind::Bool | BasicKind::UntypedBool)
    }
    /// Go's spelling (`int`, `untyped int`, `unsafe.Pointer`, ...).
    pub fn name(self) -> &'static str {
        use BasicKind::*;
        match self {
            Invalid => "invalid type",
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            Complex64 => "complex64",
            Complex128 => "complex128",
            String => "string",
            UnsafePointer => "unsafe.Pointer",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedComplex => "untyped complex",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct StructField {
    pub name: String,
    /// Package of an unexported field name (`None` when exported).
    pub pkg: Option<PkgId>,
    pub typ: TypeId,
    pub embedded: bool,
    pub tag: Option<String>,
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Signature {
    /// The receiver, for method signatures (not part of type identity: a method's type as a value
    /// is the signature without receiver, which has its own `TypeId`).
    pub recv: Option<TypeId>,
    pub params: Vec<TypeId>,
    pub results: Vec<TypeId>,
    /// The last parameter is `...T`; its entry in `params` is `[]T`.
    pub variadic: bool,
}

/// One method of an interface (in the complete method set, sorted as gc sorts: exported names first,
/// then by name, then by package path).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct IfaceMethod {
    pub name: String,
    /// Package of an unexported method name.
    pub pkg: Option<PkgId>,
    /// The method's signature type (a `Func` without receiver).
    pub sig: TypeId,
}

/// A term of a constraint's type set: `T` or `~T`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Term {
    pub tilde: bool,
    pub typ: TypeId,
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct InterfaceType {
    /// The complete method set (explicit and embedded), sorted.
    pub methods: Vec<IfaceMethod>,
    /// Embedded element types as written (for printing and for the constraint type set).
    pub embeddeds: Vec<TypeId>,
    /// `None`: all types (no union/tilde restriction). `Some(terms)`: the type set's terms after
    /// intersecting the embedded unions (empty = empty type set).
    pub terms: Option<Vec<Term>>,
    /// `comparable` appears in the type set.
    pub comparable: bool,
    /// The implicit interface of a constraint written as a type set (`[T ~int | ~uint]`), which
    /// prints as that type set (types2's Interface.implicit).
    pub implicit: bool,
}

/// A defined (named) type, or an instance of a generic type.
#[derive(Clone, Debug)]
pub struct NamedType {
    /// The TypeName object.
    pub obj: ObjId,
    /// The underlying type; `None` only while the declaration is being checked.
    pub underlying: Option<TypeId>,
    /// Declared methods (Func objects), in source order. For instances: the generic type's methods.
    pub methods: Vec<ObjId>,
    /// Type parameters of a generic type (TypeParam types).
    pub type_params: Vec<TypeId>,
    /// For an instance: the generic type and the type arguments.
    pub origin: Option<TypeId>,
    pub type_args: Vec<TypeId>,
}

#[derive(Clone, Debug)]
pub struct TypeParamType {
    pub obj: ObjId,
    /// Index in its declaring list.
    pub index: u32,
    /// The constraint (an interface type).
    pub constraint: TypeId,
}

#[derive(Clone, Debug)]
pub enum Type {
    Basic(BasicKind),
    Pointer(TypeId),
    Slice(TypeId),
    Array(TypeId, u64),
    Map(TypeId, TypeId),
    Chan(ChanDir, TypeId),
    Struct(Vec<StructField>),
    Func(Signature),
    Interface(InterfaceType),
    /// Result lists of calls with several results (never the type of a variable).
    Tuple(Vec<TypeId>),
    Named(NamedType),
    TypeParam(TypeParamType),
}

/// Interner of all types of a build. Unnamed types are hash-consed; named types and type parameters
/// are created individually.
#[derive(Debug, Default)]
pub struct TypeTable {
    pub types: Vec<Type>,
    /// Hash-consing key → id for unnamed composite types (canonical ids).
    pub interned: HashMap<TypeKey, TypeId>,
    /// Alias-spelled variants of interned types: (canonical entry, spelled entries of the
    /// components in order) → the spelled entry.
    pub(crate) spelled: HashMap<(u32, Vec<u32>), u32>,
    /// Spelled entries that are a predeclared alias of a basic type (`byte`, `rune`) → its name.
    pub(crate) alias_names: HashMap<u32, &'static str>,
}

/// Structural key of an unnamed type (used for interning).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum TypeKey {
    Basic(BasicKind),
    Pointer(TypeId),
    Slice(TypeId),
    Array(TypeId, u64),
    Map(TypeId, TypeId),
    Chan(ChanDir, TypeId),
    Struct(Vec<StructField>),
    Func(Vec<TypeId>, Vec<TypeId>, bool),
    Interface(Vec<IfaceMethod>, Vec<TypeId>, Option<Vec<Term>>, bool),
    Tuple(Vec<TypeId>),
}

impl TypeTable {
    /// The type's structure, with the components spelled as `t` was.
    pub fn get(&self, t: TypeId) -> &Type {
        &self.types[t.1 as usize]
    }
}

/// Constant values, exact as in go/constant.
#[derive(Clone, PartialEq, Debug)]
pub enum ConstValue {
    Bool(bool),
    /// The bytes of a string constant (Go strings may hold invalid UTF-8).
    String(ConstStr),
    Int(BigInt),
    Float(BigRational),
    Complex(BigRational, BigRational),
}

/// The bytes of a string constant, shared between copies. Long concatenations stay a tree
/// until their bytes are needed, as go/constant keeps them: `c = b + b; d = c + c; ...` may
/// describe gigabytes that are only measured (and rejected past gc's limit), never built.
#[derive(Clone)]
pub struct ConstStr(std::sync::Arc<StrNode>);

enum StrNode {
    Leaf(Vec<u8>),
    Concat(ConstStr, ConstStr, usize),
}

/// Concatenations up to this length are built at once (the common case stays flat).
const FLAT_CONCAT_MAX: usize = 1 << 16;

impl ConstStr {
    pub fn len(&self) -> usize {
        match &*self.0 {
            StrNode::Leaf(b) => b.len(),
            StrNode::Concat(_, _, n) => *n,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `a + b`.
    pub fn concat(a: &ConstStr, b: &ConstStr) -> ConstStr {
        let n = a.len() + b.len();
        if n <= FLAT_CONCAT_MAX {
            let mut v = a.bytes().into_owned();
            v.extend_from_slice(&b.bytes());
            ConstStr::from(v)
        } else {
            ConstStr(std::sync::Arc::new(StrNode::Concat(
                a.clone(),
                b.clone(),
                n,
            )))
        }
    }

    /// The bytes (built from the pieces when the string is a concatenation).
    pub fn bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        match &*self.0 {
            StrNode::Leaf(b) => std::borrow::Cow::Borrowed(b),
            StrNode::Concat(..) => {
                let mut out = Vec::with_capacity(self.len());
                // Depth-first, left to right, without recursion (trees may be deep).
                let mut stack = vec![self];
                while let Some(s) = stack.pop() {
                    match &*s.0 {
                        StrNode::Leaf(b) => out.extend_from_slice(b),
                        StrNode::Concat(l, r, _) => {
                            stack.push(r);
                            stack.push(l);
                        }
                    }
                }
                std::borrow::Cow::Owned(out)
            }
        }
    }

    /// The byte at `i`, without building a concatenation.
    pub fn get(&self, mut i: usize) -> Option<u8> {
        let mut s = self;
        loop {
            match &*s.0 {
                StrNode::Leaf(b) => return b.get(i).copied(),
                StrNode::Concat(l, r, _) => {
                    if i < l.len() {
                        s = l;
                    } else {
                        i -= l.len();
                        s = r;
                    }
                }
            }
        }
    }
}

impl From<Vec<u8>> for ConstStr {
    fn from(v: Vec<u8>) -> ConstStr {
        ConstStr(std::sync::Arc::new(StrNode::Leaf(v)))
    }
}

impl PartialEq for ConstStr {
    fn eq(&self, other: &ConstStr) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
            || (self.len() == other.len() && self.bytes() == other.bytes())
    }
}

impl PartialOrd for ConstStr {
    fn partial_cmp(&self, other: &ConstStr) -> Option<std::cmp::Ordering> {
        Some(self.bytes().cmp(&other.bytes()))
    }
}

impl std::fmt::Debug for ConstStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.len() > FLAT_CONCAT_MAX {
            write!(f, "<string of {} bytes>", self.len())
        } else {
            write!(f, "{:?}", String::from_utf8_lossy(&self.bytes()))
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Builtin {
    Append,
    Cap,
    Clear,
    Close,
    Complex,
    Copy,
    Delete,
    Imag,
    Len,
    Make,
    Max,
    Min,
    New,
    Panic,
    Print,
    Println,
    Real,
    Recover,
    // package unsafe
    Add,
    Alignof,
    Offsetof,
    Sizeof,
    Slice,
    SliceData,
    String,
    StringData,
}

#[derive(Clone, Debug)]
pub enum ObjKind {
    /// A variable, parameter, result or struct field.
    Var {
        /// Struct fields are `Var`s with `is_field`.
        is_field: bool,
        /// Package-level variable.
        is_global: bool,
        /// Parameter or named/unnamed result of the enclosing function.
        is_param: bool,
        /// Embedded struct field.
        embedded: bool,
    },
    Const {
        value: ConstValue,
    },
    TypeName {
        /// `type A = B`.
        is_alias: bool,
    },
    Func {
        /// Methods: the receiver's base named type.
        recv_base: Option<TypeId>,
        /// Pointer receiver (`func (t *T) M()`).
        ptr_recv: bool,
        /// `None` for functions without a body (declared in Go, implemented elsewhere).
        has_body: bool,
    },
    PkgName {
        imported: PkgId,
    },
    Builtin(Builtin),
    Label,
    Nil,
}

#[derive(Clone, Debug)]
pub struct Object {
    pub name: String,
    pub pos: Pos,
    /// The declaring package (`None` for universe objects).
    pub pkg: Option<PkgId>,
    pub kind: ObjKind,
    /// The object's type (the named type for a TypeName, the signature for a Func).
    pub typ: TypeId,
    /// The scope that declares it (`None` for fields and methods).
    pub parent: Option<ScopeId>,
    /// For package-level objects: the NodeId of the declaring identifier.
    pub decl_ident: Option<NodeId>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// A value that is not addressable.
    Value,
    /// An addressable variable (or a map index expression usable on the left of `=`).
    Variable,
    /// `m[k]` — assignable, not addressable, may be used in comma-ok form.
    MapIndex,
    Constant,
    TypeExpr,
    Builtin,
    /// A call of a function without results.
    NoValue,
    /// A value that may be used in a comma-ok assignment (`<-ch`, `x.(T)`, `m[k]` via MapIndex).
    CommaOk,
}

/// What the checker knows about one expression. For untyped constant expressions, `typ` is the
/// type the expression was finally converted to (e.g. `float64` for `1` in `var f float64 = 1`),
/// as in go/types.
#[derive(Clone, Debug)]
pub struct TypeAndValue {
    pub mode: Mode,
    pub typ: TypeId,
    pub value: Option<ConstValue>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SelectionKind {
    FieldVal,
    MethodVal,
    /// `T.M` / `(*T).M` / `I.M` method expressions.
    MethodExpr,
}

/// The meaning of a selector `x.f` that is not a package-qualified identifier.
#[derive(Clone, Debug)]
pub struct Selection {
    pub kind: SelectionKind,
    /// Type of `x` (the receiver expression; for MethodExpr the type operand).
    pub recv: TypeId,
    /// Field `Var` or method `Func` object.
    pub obj: ObjId,
    /// Field indices from `x` through embedded fields to the selected field or method holder; the
    /// last entry is the field's own index for FieldVal and the embedding path only for methods.
    pub index: Vec<u32>,
    /// Whether any pointer indirection happens along the path (including an implicit `*x`).
    pub indirect: bool,
}

/// A package-level variable initialisation, in execution order (the spec's dependency order).
#[derive(Clone, Debug)]
pub struct Initializer {
    /// The variables on the left (`_` included as blank objects), in declaration order.
    pub lhs: Vec<ObjId>,
    /// The NodeId of the initialiser expression (a call with several results when `lhs.len() > 1`
    /// and there is one expression).
    pub rhs: NodeId,
}

/// For each generic function or type, the instantiations the package uses.
#[derive(Clone, Debug)]
pub struct Instance {
    pub type_args: Vec<TypeId>,
    /// The instantiated signature or named type.
    pub typ: TypeId,
}

/// One instantiation of a generic function, or of a method of a generic type for one instance
/// of that type, with what its body needs under the substitution of its type parameters. Filled
/// by [`super::instantiate_bodies`] after checking; the midend lowers one body per instance
/// (monomorphisation), reading every type of the body through `subst`.
#[derive(Clone, Debug)]
pub struct FuncInstance {
    /// The generic function or method (its declaration has the body).
    pub func: ObjId,
    /// Type arguments, matching [`FuncInstance::type_params`]: for a method of a generic type,
    /// the receiver type's arguments.
    pub type_args: Vec<TypeId>,
    /// The type parameters substituted (the receiver base type's parameters for methods of
    /// generic types, then the function's own).
    pub type_params: Vec<TypeId>,
    /// For methods: the concrete receiver type (`G[A]` or `*G[A]`).
    pub recv: Option<TypeId>,
    /// The concrete signature (without receiver).
    pub sig: TypeId,
    /// Generic type → concrete type, for every type recorded for a node of the declaration
    /// (expressions, type expressions, objects declared in it) that depends on the type
    /// parameters. Types not in the map are the same in every instance.
    pub subst: HashMap<TypeId, TypeId>,
    /// Selections of the body whose receiver depends on the type parameters, looked up again on
    /// the concrete receiver (a method of a type parameter's constraint becomes the concrete
    /// type's method).
    pub selections: HashMap<NodeId, Selection>,
    /// Instantiations inside the body, with concrete type arguments.
    pub instances: HashMap<NodeId, Instance>,
    /// A construct of the body the instantiation cannot handle yet (reported when lowering).
    pub unsupported: Option<(Pos, String)>,
}

/// Every instance of generic code the program needs, in discovery order.
#[derive(Debug, Default)]
pub struct FuncInstances {
    pub list: Vec<FuncInstance>,
    /// (generic function or method, type arguments) → index in `list`.
    pub index: HashMap<(ObjId, Vec<TypeId>), usize>,
}

impl FuncInstances {
    pub fn get(&self, func: ObjId, type_args: &[TypeId]) -> Option<&FuncInstance> {
        self.index
            .get(&(func, type_args.to_vec()))
            .map(|&i| &self.list[i])
    }
}

/// The side tables filled by the checker for one package.
#[derive(Debug, Default)]
pub struct Info {
    /// Every expression (including type expressions and identifiers used as expressions).
    pub types: HashMap<NodeId, TypeAndValue>,
    /// Identifiers that declare an object (including `_`, which defines a blank object, and the
    /// package name which defines nothing and is absent).
    pub defs: HashMap<NodeId, ObjId>,
    /// Identifiers that refer to an object.
    pub uses: HashMap<NodeId, ObjId>,
    /// Implicitly declared objects: per-clause type switch variables (keyed by
    /// `CaseClause::implicit_id`), and anonymous parameters/results (keyed by the `Field`'s type
    /// expression NodeId).
    pub implicits: HashMap<NodeId, ObjId>,
    /// Selector expressions (`Expr::id` of the `Selector` node) that select a field or method.
    pub selections: HashMap<NodeId, Selection>,
    /// Generic instantiations, keyed by the identifier (or selector) NodeId that names the generic
    /// function or type.
    pub instances: HashMap<NodeId, Instance>,
    /// Package-level variable initialisation order.
    pub init_order: Vec<Initializer>,
    /// Function literals and the local variables they capture, in order of first reference in the
    /// literal's body (keyed by the FuncLit expression's NodeId).
    pub captures: HashMap<NodeId, Vec<ObjId>>,
    /// Keyed struct literal elements that name a promoted field (Go 1.27, `S{x: 1}` where `x` is
    /// a field of an embedded struct): key identifier NodeId → field index path from the literal's
    /// struct type (length ≥ 2, no pointer indirection on the way). `uses` records the field.
    pub promoted_lit_fields: HashMap<NodeId, Vec<u32>>,
}
