//! The universe scope (predeclared types, constants, `nil`, builtins) and package `unsafe`.

use std::collections::HashMap;

use super::*;
use crate::ast::Pos;

const BASICS: [BasicKind; 27] = [
    BasicKind::Invalid,
    BasicKind::Bool,
    BasicKind::Int,
    BasicKind::Int8,
    BasicKind::Int16,
    BasicKind::Int32,
    BasicKind::Int64,
    BasicKind::Uint,
    BasicKind::Uint8,
    BasicKind::Uint16,
    BasicKind::Uint32,
    BasicKind::Uint64,
    BasicKind::Uintptr,
    BasicKind::Float32,
    BasicKind::Float64,
    BasicKind::Complex64,
    BasicKind::Complex128,
    BasicKind::String,
    BasicKind::UnsafePointer,
    BasicKind::UntypedBool,
    BasicKind::UntypedInt,
    BasicKind::UntypedRune,
    BasicKind::UntypedFloat,
    BasicKind::UntypedComplex,
    BasicKind::UntypedString,
    BasicKind::UntypedNil,
    // Padding entry so the array length is stable if kinds are added; never used.
    BasicKind::Invalid,
];

pub(crate) fn new_program(fset: FileSet) -> Program {
    let mut types = TypeTable::default();
    let mut basics = Vec::new();
    for k in BASICS.iter().take(26) {
        basics.push(types.intern(Type::Basic(*k)));
    }
    let any_type = types.intern(Type::Interface(InterfaceType {
        methods: vec![],
        embeddeds: vec![],
        terms: None,
        comparable: false,
        implicit: false,
    }));
    // types2's universeByte and universeRune: identical to uint8 and int32, printed by name.
    let byte_type = types.basic_alias(basics[BasicKind::Uint8 as usize], "byte");
    let rune_type = types.basic_alias(basics[BasicKind::Int32 as usize], "rune");
    let comparable_type = types.intern(Type::Interface(InterfaceType {
        methods: vec![],
        embeddeds: vec![],
        terms: None,
        comparable: true,
        implicit: false,
    }));
    let mut p = Program {
        fset,
        types,
        objects: Vec::new(),
        scopes: Vec::new(),
        packages: Vec::new(),
        info: Info::default(),
        basics,
        universe: ScopeId(0),
        error_type: TypeId::new(0),
        any_type,
        comparable_type,
        byte_type,
        rune_type,
        iface_method_objs: HashMap::new(),
        instance_cache: HashMap::new(),
        local_type_index: HashMap::new(),
        pkg_by_path: HashMap::new(),
        field_objs: HashMap::new(),
        func_type_params: HashMap::new(),
        func_instances: FuncInstances::default(),
        alias_type_params: HashMap::new(),
    };
    let uni = p.new_scope(None, ScopeKind::Universe);
    p.universe = uni;
    let unsafe_scope = p.new_scope(None, ScopeKind::Package);
    p.packages.push(Package {
        id: PkgId(0),
        path: std::string::String::new(),
        name: std::string::String::new(),
        files: vec![],
        scope: uni,
        imports: vec![],
    });
    p.packages.push(Package {
        id: PkgId(1),
        path: "unsafe".into(),
        name: "unsafe".into(),
        files: vec![],
        scope: unsafe_scope,
        imports: vec![],
    });
    p.pkg_by_path.insert("unsafe".into(), PkgId(1));

    let declare = |p: &mut Program, scope: ScopeId, name: &str, kind: ObjKind, typ: TypeId| {
        let pkg = if scope == uni { None } else { Some(PkgId(1)) };
        let o = p.new_object(Object {
            name: name.into(),
            pos: Pos::NONE,
            pkg,
            kind,
            typ,
            parent: Some(scope),
            decl_ident: None,
        });
        p.scopes[scope.0 as usize].names.insert(name.into(), o);
        o
    };
    let tn = ObjKind::TypeName { is_alias: false };
    for k in &BASICS[1..18] {
        let t = p.basic(*k);
        declare(&mut p, uni, k.name(), tn.clone(), t);
    }
    let alias = ObjKind::TypeName { is_alias: true };
    let t = p.byte_type;
    declare(&mut p, uni, "byte", alias.clone(), t);
    let t = p.rune_type;
    declare(&mut p, uni, "rune", alias.clone(), t);
    declare(&mut p, uni, "any", alias, any_type);
    // `comparable` is a named interface in types2; we model it as a TypeName whose type is the
    // comparable interface itself (it is only usable as a constraint).
    let cmp_obj = declare(&mut p, uni, "comparable", tn.clone(), TypeId::new(0));
    let cmp_named = p.types.push(Type::Named(NamedType {
        obj: cmp_obj,
        underlying: Some(comparable_type),
        methods: vec![],
        type_params: vec![],
        origin: None,
        type_args: vec![],
    }));
    p.objects[cmp_obj.0 as usize].typ = cmp_named;

    // error: a named interface with method Error() string.
    let err_obj = declare(&mut p, uni, "error", tn, TypeId::new(0));
    let string_t = p.basic(BasicKind::String);
    let err_sig = p.types.func(vec![], vec![string_t], false);
    let err_iface = p.types.intern(Type::Interface(InterfaceType {
        methods: vec![IfaceMethod {
            name: "Error".into(),
            pkg: None,
            sig: err_sig,
        }],
        embeddeds: vec![],
        terms: None,
        comparable: false,
        implicit: false,
    }));
    let err_named = p.types.push(Type::Named(NamedType {
        obj: err_obj,
        underlying: Some(err_iface),
        methods: vec![],
        type_params: vec![],
        origin: None,
        type_args: vec![],
    }));
    p.objects[err_obj.0 as usize].typ = err_named;
    p.error_type = err_named;
    let m = p.new_object(Object {
        name: "Error".into(),
        pos: Pos::NONE,
        pkg: None,
        kind: ObjKind::Func {
            recv_base: Some(err_named),
            ptr_recv: false,
            has_body: false,
        },
        typ: err_sig,
        parent: None,
        decl_ident: None,
    });
    p.iface_method_objs.insert((err_iface, "Error".into()), m);

    let ub = p.basic(BasicKind::UntypedBool);
    declare(
        &mut p,
        uni,
        "true",
        ObjKind::Const {
            value: ConstValue::Bool(true),
        },
        ub,
    );
    declare(
        &mut p,
        uni,
        "false",
        ObjKind::Const {
            value: ConstValue::Bool(false),
        },
        ub,
    );
    let ui = p.basic(BasicKind::UntypedInt);
    declare(
        &mut p,
        uni,
        "iota",
        ObjKind::Const {
            value: ConstValue::Int(0.into()),
        },
        ui,
    );
    let un = p.basic(BasicKind::UntypedNil);
    declare(&mut p, uni, "nil", ObjKind::Nil, un);
    let inv = p.invalid_type();
    use Builtin::*;
    for (name, b) in [
        ("append", Append),
        ("cap", Cap),
        ("clear", Clear),
        ("close", Close),
        ("complex", Complex),
        ("copy", Copy),
        ("delete", Delete),
        ("imag", Imag),
        ("len", Len),
        ("make", Make),
        ("max", Max),
        ("min", Min),
        ("new", New),
        ("panic", Panic),
        ("print", Print),
        ("println", Println),
        ("real", Real),
        ("recover", Recover),
    ] {
        declare(&mut p, uni, name, ObjKind::Builtin(b), inv);
    }
    for (name, b) in [
        ("Add", Add),
        ("Alignof", Alignof),
        ("Offsetof", Offsetof),
        ("Sizeof", Sizeof),
        ("Slice", Slice),
        ("SliceData", SliceData),
        ("String", String),
        ("StringData", StringData),
    ] {
        declare(&mut p, unsafe_scope, name, ObjKind::Builtin(b), inv);
    }
    let up = p.basic(BasicKind::UnsafePointer);
    declare(
        &mut p,
        unsafe_scope,
        "Pointer",
        ObjKind::TypeName { is_alias: false },
        up,
    );
    p
}
