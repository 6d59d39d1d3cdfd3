//! The instantiation pass: after checking, finds every instance of generic code the program
//! needs and records, per instance, the concrete types its body is lowered with
//! ([`FuncInstance`]). The midend then lowers one body per instance (monomorphisation).
//!
//! Roots are the instantiations with concrete type arguments recorded anywhere
//! (`Info::instances`) and the methods of every concrete instance of a generic type
//! (`Program::instance_cache`: the method may be reached through an itab or a descriptor's method
//! table). Processing an instance substitutes every type recorded for a node of its declaration,
//! which interns the concrete types (and instantiates the generic types they mention); the
//! instantiations inside the body, under the substitution, are new work, until nothing new is
//! found.

use std::collections::{HashMap, HashSet};

use super::check::Checker;
use super::*;
use crate::ast::{self, Decl, NodeId};

/// More instances than this mean an instantiation cycle (`F[T]` calling `F[*T]`); gc rejects
/// those while type checking.
const MAX_INSTANCES: usize = 20_000;

/// Type arguments nested deeper than this come from an instantiation cycle (`F[T]` using
/// `F[chan T]`), which gc rejects.
const MAX_TYPE_DEPTH: u32 = 24;

/// How deeply `t`'s structure nests (named types count their type arguments).
fn type_depth(prog: &Program, t: TypeId, depth: u32) -> u32 {
    if depth > MAX_TYPE_DEPTH {
        return depth;
    }
    let d = depth + 1;
    let max = |ts: &mut dyn Iterator<Item = TypeId>| ts.map(|x| type_depth(prog, x, d)).max();
    match prog.ty(t) {
        Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => {
            type_depth(prog, *e, d)
        }
        Type::Map(k, v) => type_depth(prog, *k, d).max(type_depth(prog, *v, d)),
        Type::Tuple(v) => max(&mut v.iter().copied()).unwrap_or(d),
        Type::Func(s) => max(&mut s.params.iter().chain(&s.results).copied()).unwrap_or(d),
        Type::Named(n) => max(&mut n.type_args.iter().copied()).unwrap_or(d),
        Type::Struct(fs) => max(&mut fs.iter().map(|f| f.typ)).unwrap_or(d),
        _ => d,
    }
}

/// An instance that is not lowered (the lowering reports `unsupported`).
fn unsupported_instance(prog: &Program, func: ObjId, targs: &[TypeId]) -> FuncInstance {
    FuncInstance {
        func,
        type_args: targs.to_vec(),
        type_params: Vec::new(),
        recv: None,
        sig: prog.obj(func).typ,
        subst: HashMap::new(),
        selections: HashMap::new(),
        instances: HashMap::new(),
        unsupported: None,
    }
}

/// Fills `prog.func_instances`.
pub fn instantiate_bodies(prog: &mut Program) {
    // Generic declarations with bodies and the node ids of each (read before the checker
    // borrows the program mutably).
    let mut decl_nodes: HashMap<ObjId, Vec<NodeId>> = HashMap::new();
    for p in &prog.packages {
        for f in &p.files {
            for d in &f.decls {
                let Decl::Func(fd) = d else { continue };
                if fd.body.is_none() {
                    continue;
                }
                let Some(&o) = prog.info.defs.get(&fd.name.id) else {
                    continue;
                };
                if type_params_of(prog, o).is_empty() {
                    continue;
                }
                let mut ids = Vec::new();
                ast::visit_func_decl_ids(fd, &mut |id| ids.push(id));
                decl_nodes.insert(o, ids);
            }
        }
    }
    if decl_nodes.is_empty() {
        return;
    }
    // Array types of generic element types (the checker interns `[n]E` for every slice
    // literal's backing store, which the midend looks up): substituted in every instance.
    let mut generic_arrays: Vec<TypeId> = prog
        .types
        .interned
        .iter()
        .filter(|(k, _)| matches!(k, TypeKey::Array(..)))
        .map(|(_, &t)| t)
        .filter(|&t| mentions_type_params(prog, t))
        .collect();
    generic_arrays.sort();
    let mut work: Vec<(ObjId, Vec<TypeId>)> = Vec::new();
    let mut roots: Vec<(NodeId, ObjId, Vec<TypeId>)> = prog
        .info
        .instances
        .iter()
        .filter_map(|(id, inst)| {
            let o = *prog.info.uses.get(id)?;
            (decl_nodes.contains_key(&o)
                && inst
                    .type_args
                    .iter()
                    .all(|&t| !mentions_type_params(prog, t)))
            .then(|| (*id, o, inst.type_args.clone()))
        })
        .collect();
    roots.sort_by_key(|r| r.0);
    work.extend(roots.into_iter().map(|(_, o, a)| (o, a)));
    let mut seen_types: HashSet<TypeId> = HashSet::new();
    let mut out = FuncInstances::default();
    loop {
        while let Some((func, targs)) = work.pop() {
            if out.index.contains_key(&(func, targs.clone())) {
                continue;
            }
            let Some(nodes) = decl_nodes.get(&func) else {
                continue;
            };
            let too_deep = targs
                .iter()
                .any(|&t| type_depth(prog, t, 0) > MAX_TYPE_DEPTH);
            let mut fi = if too_deep {
                unsupported_instance(prog, func, &targs)
            } else {
                instantiate_one(prog, func, &targs, nodes, &generic_arrays)
            };
            if too_deep || out.list.len() >= MAX_INSTANCES {
                fi.unsupported = Some((
                    prog.obj(func).pos,
                    "rgo: instantiation cycle (type arguments grow without end)".to_string(),
                ));
            } else {
                let mut nested: Vec<(NodeId, ObjId, Vec<TypeId>)> = fi
                    .instances
                    .iter()
                    .filter_map(|(id, inst)| {
                        let o = *prog.info.uses.get(id)?;
                        decl_nodes
                            .contains_key(&o)
                            .then(|| (*id, o, inst.type_args.clone()))
                    })
                    .collect();
                nested.sort_by_key(|r| std::cmp::Reverse(r.0));
                work.extend(nested.into_iter().map(|(_, o, a)| (o, a)));
            }
            out.index.insert((func, targs), out.list.len());
            out.list.push(fi);
        }
        // Methods of the concrete instances of generic types created so far.
        let mut insts: Vec<(TypeId, TypeId, Vec<TypeId>)> = prog
            .instance_cache
            .iter()
            .filter(|(_, inst)| !seen_types.contains(*inst))
            .map(|((origin, args), inst)| (*inst, *origin, args.clone()))
            .collect();
        insts.sort_by_key(|x| std::cmp::Reverse(x.0));
        for (inst, origin, args) in insts {
            seen_types.insert(inst);
            if args.iter().any(|&t| mentions_type_params(prog, t)) {
                continue;
            }
            let Some(n) = prog.types.named(origin) else {
                continue;
            };
            for &m in n.methods.iter().rev() {
                if decl_nodes.contains_key(&m)
                    && prog.func_type_params.get(&m).is_none_or(|v| v.is_empty())
                {
                    work.push((m, args.clone()));
                }
            }
        }
        if work.is_empty() {
            break;
        }
    }
    prog.func_instances = out;
}

/// The type parameters an instance of `o` substitutes: the receiver base type's (for methods
/// of generic types), then the function's own.
fn type_params_of(prog: &Program, o: ObjId) -> Vec<TypeId> {
    let mut out = Vec::new();
    if let ObjKind::Func {
        recv_base: Some(base),
        ..
    } = prog.obj(o).kind
        && let Some(n) = prog.types.named(base)
        && n.origin.is_none()
    {
        out.extend(n.type_params.iter().copied());
    }
    if let Some(own) = prog.func_type_params.get(&o) {
        out.extend(own.iter().copied());
    }
    out
}

/// Whether `t` depends on type parameters: mentions one, or is (or mentions) a generic type
/// that is not instantiated (a generic type's methods see the type itself as their receiver
/// base).
pub(crate) fn mentions_type_params(prog: &Program, t: TypeId) -> bool {
    mentions_generic(prog, t, &[])
}

/// [`mentions_type_params`], counting the named types `locals` (declared inside a generic
/// function) as generic too.
fn mentions_generic(prog: &Program, t: TypeId, locals: &[TypeId]) -> bool {
    fn rec(
        tt: &TypeTable,
        t: TypeId,
        depth: u32,
        seen: &mut Vec<TypeId>,
        locals: &[TypeId],
    ) -> bool {
        if depth > 64 || seen.contains(&t) {
            return false;
        }
        if locals.contains(&t) {
            return true;
        }
        let d = depth + 1;
        match tt.get(t) {
            Type::TypeParam(_) => true,
            Type::Basic(_) => false,
            Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => {
                rec(tt, *e, d, seen, locals)
            }
            Type::Map(k, v) => rec(tt, *k, d, seen, locals) || rec(tt, *v, d, seen, locals),
            Type::Tuple(v) => v.iter().any(|x| rec(tt, *x, d, seen, locals)),
            Type::Func(s) => {
                s.params.iter().any(|x| rec(tt, *x, d, seen, locals))
                    || s.results.iter().any(|x| rec(tt, *x, d, seen, locals))
                    || s.recv.is_some_and(|r| rec(tt, r, d, seen, locals))
            }
            Type::Struct(fs) => fs.iter().any(|f| rec(tt, f.typ, d, seen, locals)),
            Type::Interface(it) => {
                seen.push(t);
                let r = it.methods.iter().any(|m| rec(tt, m.sig, d, seen, locals))
                    || it
                        .terms
                        .as_ref()
                        .is_some_and(|ts| ts.iter().any(|x| rec(tt, x.typ, d, seen, locals)));
                seen.pop();
                r
            }
            Type::Named(n) => {
                (n.origin.is_none() && !n.type_params.is_empty())
                    || n.type_args.iter().any(|x| rec(tt, *x, d, seen, locals))
            }
        }
    }
    rec(&prog.types, t, 0, &mut Vec::new(), locals)
}

fn instantiate_one(
    prog: &mut Program,
    func: ObjId,
    targs: &[TypeId],
    nodes: &[NodeId],
    generic_arrays: &[TypeId],
) -> FuncInstance {
    let params = type_params_of(prog, func);
    let fobj = prog.obj(func).clone();
    let pkg = fobj.pkg.unwrap_or(PkgId(0));
    let mut fi = FuncInstance {
        func,
        type_args: targs.to_vec(),
        type_params: params.clone(),
        recv: None,
        sig: fobj.typ,
        subst: HashMap::new(),
        selections: HashMap::new(),
        instances: HashMap::new(),
        unsupported: None,
    };
    if params.len() != targs.len() {
        fi.unsupported = Some((
            fobj.pos,
            "rgo: instantiation with a wrong number of type arguments".into(),
        ));
        return fi;
    }
    // What to substitute, read before the checker borrows the program.
    let mut types: Vec<TypeId> = vec![fobj.typ];
    let mut sels: Vec<(NodeId, Selection)> = Vec::new();
    let mut insts: Vec<(NodeId, Instance)> = Vec::new();
    let mut local_types: Vec<(ObjId, TypeId)> = Vec::new();
    {
        let info = &prog.info;
        let mut obj_type = |o: ObjId, types: &mut Vec<TypeId>| {
            let ob = prog.obj(o);
            if let ObjKind::TypeName { is_alias: false } = ob.kind
                && let Some(n) = prog.types.named(ob.typ)
                && let Some(u) = n.underlying
            {
                local_types.push((o, u));
            }
            types.push(ob.typ);
        };
        for id in nodes {
            if let Some(tv) = info.types.get(id) {
                types.push(tv.typ);
            }
            if let Some(&o) = info.defs.get(id) {
                obj_type(o, &mut types);
            }
            if let Some(&o) = info.implicits.get(id) {
                obj_type(o, &mut types);
            }
            if let Some(s) = info.selections.get(id) {
                sels.push((*id, s.clone()));
            }
            if let Some(inst) = info.instances.get(id) {
                insts.push((*id, inst.clone()));
            }
        }
    }
    // Named types declared in the body: one per instance, `local[int]` as gc names them (an
    // instance of the local type with the function's type arguments), substituted like type
    // parameters.
    let mut params = params;
    let mut args = targs.to_vec();
    let mut new_locals = Vec::new();
    for &(o, _) in &local_types {
        let lt = prog.obj(o).typ;
        if params.contains(&lt) {
            continue;
        }
        let inst = match prog.instance_cache.get(&(lt, targs.to_vec())) {
            Some(&i) => i,
            None => {
                let i = prog.types.push(Type::Named(NamedType {
                    obj: o,
                    underlying: None,
                    methods: vec![],
                    type_params: vec![],
                    origin: Some(lt),
                    type_args: targs.to_vec(),
                }));
                prog.instance_cache.insert((lt, targs.to_vec()), i);
                prog.types.pointer(i);
                new_locals.push((i, lt));
                i
            }
        };
        params.push(lt);
        args.push(inst);
    }
    let locals: Vec<TypeId> = local_types.iter().map(|&(o, _)| prog.obj(o).typ).collect();
    let targs: &[TypeId] = &args;
    types.sort();
    types.dedup();
    let mut c = Checker::new(prog, pkg, &[]);
    let sub = |c: &mut Checker, t: TypeId, fi: &mut FuncInstance| -> TypeId {
        if let Some(&s) = fi.subst.get(&t) {
            return s;
        }
        if !mentions_generic(c.p, t, &locals) {
            return t;
        }
        let s = c.subst(t, &params, targs);
        // A generic type's bare name (`Pair` in `Pair[K, V]`) stays generic: it is not a value's
        // type, only the instantiation around it is.
        if !mentions_type_params(c.p, s) {
            fi.subst.insert(t, s);
        }
        s
    };
    for &(inst, lt) in &new_locals {
        let u = c.p.types.named(lt).and_then(|n| n.underlying);
        if let Some(u) = u {
            let su = c.subst(u, &params, targs);
            if let Type::Named(nn) = &mut c.p.types.types[inst.0 as usize] {
                nn.underlying = Some(su);
            }
        }
    }
    for &t in &types {
        let s = sub(&mut c, t, &mut fi);
        // The midend takes addresses of values of any type it handles.
        c.p.types.pointer(s);
    }
    for &t in generic_arrays {
        let s = c.subst(t, &params, targs);
        if s != t && !mentions_type_params(c.p, s) {
            fi.subst.insert(t, s);
        }
    }
    // The concrete signature and receiver.
    if let Type::Func(s) = c.p.ty(fobj.typ).clone() {
        fi.sig = sub(&mut c, fobj.typ, &mut fi);
        fi.recv = s.recv.map(|r| sub(&mut c, r, &mut fi));
    }
    for (id, inst) in insts {
        let args: Vec<TypeId> = inst
            .type_args
            .iter()
            .map(|&t| sub(&mut c, t, &mut fi))
            .collect();
        let typ = sub(&mut c, inst.typ, &mut fi);
        fi.instances.insert(
            id,
            Instance {
                type_args: args,
                typ,
            },
        );
    }
    for (id, s) in sels {
        if !mentions_generic(c.p, s.recv, &locals) {
            continue;
        }
        let recv = sub(&mut c, s.recv, &mut fi);
        let name = c.p.obj(s.obj).name.clone();
        let found = c.lookup_field_or_method(recv, false, Some(pkg), &name);
        let (obj, index, indirect) = match found {
            LookupResult::Field {
                obj,
                index,
                indirect,
                ..
            }
            | LookupResult::Method {
                obj,
                index,
                indirect,
                ..
            } => (obj, index, indirect),
            _ => {
                if fi.unsupported.is_none() {
                    fi.unsupported = Some((
                        fobj.pos,
                        format!(
                            "rgo: cannot resolve .{name} on {} in an instance of generic code",
                            c.p.type_string(recv)
                        ),
                    ));
                }
                continue;
            }
        };
        fi.selections.insert(
            id,
            Selection {
                kind: s.kind,
                recv,
                obj,
                index,
                indirect,
            },
        );
    }
    // Field types reached from substituted types are concrete; struct types interned by the
    // substitution need their field objects (copied by `subst`).
    let _ = c.take_errors();
    fi
}
