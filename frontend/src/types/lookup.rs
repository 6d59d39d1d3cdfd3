//! Field and method lookup through embedded fields, method sets, interface satisfaction and
//! comparability.

use std::cmp::Ordering;
use std::collections::HashSet;

use super::check::Checker;
use super::*;

#[derive(Clone, Debug)]
pub enum LookupResult {
    Field {
        obj: ObjId,
        index: Vec<u32>,
        indirect: bool,
        typ: TypeId,
    },
    Method {
        obj: ObjId,
        /// Embedding path (field indices) to the method's holder.
        index: Vec<u32>,
        indirect: bool,
        /// The method's signature (for methods of generic instances: substituted).
        sig: TypeId,
        /// Declared with a pointer receiver.
        ptr_recv: bool,
    },
    Ambiguous,
    NotFound {
        /// The type is a pointer to an interface.
        ptr_to_iface: bool,
        /// A field or method with the same name in different case exists.
        wrong_case: Option<String>,
    },
}

/// One entry of a method set (gc's order: exported first, by name, then package path).
#[derive(Clone, Debug)]
pub struct MethodSetEntry {
    pub name: String,
    /// Package of an unexported method name.
    pub pkg: Option<PkgId>,
    /// The method's Func object (for interface types: the interface method object).
    pub func: ObjId,
    /// Field indices from the receiver through embedded fields to the method's holder.
    pub index: Vec<u32>,
    /// For each step of `index`: whether that embedded field is a pointer.
    pub ptr_steps: Vec<bool>,
    /// The method is declared with a pointer receiver.
    pub ptr_recv: bool,
    /// The method's signature without receiver (for instance types: of the generic method; the
    /// midend substitutes).
    pub sig: TypeId,
    /// Whether the method was found on an embedded interface (dynamic dispatch at the end).
    pub via_interface: bool,
}

/// gc's types.CompareSyms-style order of method names.
pub(crate) fn compare_names(
    p: &Program,
    a: &str,
    ap: Option<PkgId>,
    b: &str,
    bp: Option<PkgId>,
) -> Ordering {
    let ea = super::check::is_exported(a);
    let eb = super::check::is_exported(b);
    if ea != eb {
        return if ea {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    match a.as_bytes().cmp(b.as_bytes()) {
        Ordering::Equal => {}
        o => return o,
    }
    if !ea {
        let pa = ap.map(|x| p.package(x).path.as_str()).unwrap_or("");
        let pb = bp.map(|x| p.package(x).path.as_str()).unwrap_or("");
        return pa.cmp(pb);
    }
    Ordering::Equal
}

struct Embedded {
    typ: TypeId,
    index: Vec<u32>,
    ptr_steps: Vec<bool>,
    indirect: bool,
    multiples: bool,
}

fn deref(p: &Program, t: TypeId) -> (TypeId, bool) {
    match p.ty(t) {
        Type::Pointer(e) => (*e, true),
        _ => (t, false),
    }
}

fn same_name(name: &str, pkg: Option<PkgId>, want: &str, want_pkg: Option<PkgId>) -> bool {
    if name != want {
        return false;
    }
    if super::check::is_exported(name) {
        return true;
    }
    // Unexported names match only within the same package (None = any, used by universe).
    match (pkg, want_pkg) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// The raw lookup (no substitution), shared by the checker and the midend API.
pub(crate) fn lookup_raw(p: &Program, t: TypeId, pkg: Option<PkgId>, name: &str) -> LookupResult {
    if name == "_" {
        return LookupResult::NotFound {
            ptr_to_iface: false,
            wrong_case: None,
        };
    }
    let (typ, is_ptr) = deref(p, t);
    // A pointer to a type parameter or interface has no methods (types2: a type parameter's
    // underlying type is its constraint interface).
    if is_ptr
        && matches!(
            p.ty(p.underlying(typ)),
            Type::Interface(_) | Type::TypeParam(_)
        )
    {
        return LookupResult::NotFound {
            ptr_to_iface: true,
            wrong_case: None,
        };
    }
    // Pointer receivers of named pointer types have no methods (spec); fields still work.
    let mut current = vec![Embedded {
        typ,
        index: vec![],
        ptr_steps: vec![],
        indirect: is_ptr,
        multiples: false,
    }];
    let mut seen: HashSet<TypeId> = HashSet::new();
    for _depth in 0..64 {
        if current.is_empty() {
            break;
        }
        let mut found: Option<LookupResult> = None;
        let mut count = 0;
        let mut next: Vec<Embedded> = Vec::new();
        for e in &current {
            let mut typ = e.typ;
            if let Type::Named(n) = p.ty(typ) {
                if !seen.insert(typ) {
                    continue;
                }
                let methods = match n.origin {
                    Some(o) => p
                        .types
                        .named(o)
                        .map(|x| x.methods.clone())
                        .unwrap_or_default(),
                    None => n.methods.clone(),
                };
                // Named pointer types (`type P *T`) have no methods of their own.
                for m in methods {
                    let mo = p.obj(m);
                    if same_name(&mo.name, mo.pkg, name, pkg) {
                        count += 1;
                        if e.multiples {
                            count += 1;
                        }
                        let ptr_recv = matches!(mo.kind, ObjKind::Func { ptr_recv: true, .. });
                        found = Some(LookupResult::Method {
                            obj: m,
                            index: e.index.clone(),
                            indirect: e.indirect,
                            sig: mo.typ,
                            ptr_recv,
                        });
                        break;
                    }
                }
                typ = p.underlying(typ);
            }
            match p.ty(typ) {
                Type::Struct(fields) => {
                    let objs = p.field_objs.get(&typ);
                    for (i, f) in fields.iter().enumerate() {
                        if f.name == name && (f.pkg.is_none() || pkg.is_none() || f.pkg == pkg) {
                            count += 1;
                            if e.multiples {
                                count += 1;
                            }
                            let mut index = e.index.clone();
                            index.push(i as u32);
                            let obj = objs.and_then(|o| o.get(i).copied()).unwrap_or(ObjId(0));
                            found = Some(LookupResult::Field {
                                obj,
                                index,
                                indirect: e.indirect,
                                typ: f.typ,
                            });
                            continue;
                        }
                        if found.is_none() && f.embedded {
                            let (et, eptr) = deref(p, f.typ);
                            let mut index = e.index.clone();
                            index.push(i as u32);
                            let mut ps = e.ptr_steps.clone();
                            ps.push(eptr);
                            next.push(Embedded {
                                typ: et,
                                index,
                                ptr_steps: ps,
                                indirect: e.indirect || eptr,
                                multiples: e.multiples,
                            });
                        }
                    }
                }
                Type::Interface(it) => {
                    if let Some(m) = it
                        .methods
                        .iter()
                        .find(|m| same_name(&m.name, m.pkg, name, pkg))
                    {
                        count += 1;
                        if e.multiples {
                            count += 1;
                        }
                        let obj = p
                            .iface_method_objs
                            .get(&(typ, m.name.clone()))
                            .copied()
                            .unwrap_or(ObjId(0));
                        found = Some(LookupResult::Method {
                            obj,
                            index: e.index.clone(),
                            indirect: e.indirect,
                            sig: m.sig,
                            ptr_recv: false,
                        });
                    }
                }
                Type::TypeParam(tp) => {
                    if let Type::Interface(it) = p.ty(p.underlying(tp.constraint))
                        && let Some(m) = it
                            .methods
                            .iter()
                            .find(|m| same_name(&m.name, m.pkg, name, pkg))
                    {
                        count += 1;
                        let obj = p
                            .iface_method_objs
                            .get(&(p.underlying(tp.constraint), m.name.clone()))
                            .copied()
                            .unwrap_or(ObjId(0));
                        found = Some(LookupResult::Method {
                            obj,
                            index: e.index.clone(),
                            indirect: e.indirect,
                            sig: m.sig,
                            ptr_recv: false,
                        });
                    }
                }
                _ => {}
            }
        }
        if count > 1 {
            return LookupResult::Ambiguous;
        }
        if let Some(f) = found {
            return f;
        }
        // Consolidate: the same type reached twice at one depth is ambiguous if used.
        let mut cons: Vec<Embedded> = Vec::new();
        for e in next {
            if let Some(x) = cons.iter_mut().find(|x| x.typ == e.typ) {
                x.multiples = true;
            } else {
                cons.push(e);
            }
        }
        current = cons;
    }
    // Case-insensitive near miss.
    let lower = name.to_lowercase();
    let mut wrong_case = None;
    let (typ, _) = deref(p, t);
    if let Type::Named(n) = p.ty(typ) {
        for m in &n.methods {
            let mn = &p.obj(*m).name;
            if mn.to_lowercase() == lower && mn != name {
                wrong_case = Some(mn.clone());
            }
        }
    }
    if let Type::Struct(fields) = p.ty(p.underlying(typ)) {
        for f in fields {
            if f.name.to_lowercase() == lower && f.name != name {
                wrong_case = Some(f.name.clone());
            }
        }
    }
    let _ = wrong_case;
    LookupResult::NotFound {
        ptr_to_iface: false,
        wrong_case: None,
    }
}

impl Program {
    /// Looks up field or method `name` of `t` (or `*t`) as seen from package `pkg` (for
    /// unexported names), through embedded fields.
    pub fn lookup_field_or_method(
        &self,
        t: TypeId,
        pkg: Option<PkgId>,
        name: &str,
    ) -> LookupResult {
        lookup_raw(self, t, pkg, name)
    }

    /// gc's method set of `t` (which may be a pointer type), including promoted methods, sorted
    /// as gc sorts them.
    pub fn method_set(&self, t: TypeId) -> Vec<MethodSetEntry> {
        let (base, is_ptr) = deref(self, t);
        if let Type::Interface(it) = self.ty(self.underlying(t)) {
            let u = self.underlying(t);
            return it
                .methods
                .iter()
                .map(|m| MethodSetEntry {
                    name: m.name.clone(),
                    pkg: m.pkg,
                    func: self
                        .iface_method_objs
                        .get(&(u, m.name.clone()))
                        .copied()
                        .unwrap_or(ObjId(0)),
                    index: vec![],
                    ptr_steps: vec![],
                    ptr_recv: false,
                    sig: m.sig,
                    via_interface: true,
                })
                .collect();
        }
        if is_ptr && matches!(self.ty(self.underlying(base)), Type::Interface(_)) {
            return vec![];
        }
        // Named pointer types have empty method sets.
        if !is_ptr && matches!(self.ty(self.underlying(t)), Type::Pointer(_)) {
            return vec![];
        }
        let mut names: Vec<(String, Option<PkgId>)> = Vec::new();
        self.collect_method_names(base, &mut names, &mut HashSet::new(), 0);
        let mut out = Vec::new();
        for (name, pkg) in names {
            let r = lookup_raw(self, t, pkg, &name);
            if let LookupResult::Method {
                obj,
                index,
                ptr_recv,
                sig,
                ..
            } = r
            {
                // Methods with their own type parameters are not in the method set: they
                // satisfy no interface and have no code of their own (gc lists them in no
                // type descriptor), only instances.
                if self
                    .func_type_params
                    .get(&obj)
                    .is_some_and(|v| !v.is_empty())
                {
                    continue;
                }
                // Pointer steps along the path.
                let mut steps = Vec::new();
                let mut cur = base;
                let mut via_iface = false;
                for &i in &index {
                    if let Type::Struct(fields) = self.ty(self.underlying(cur))
                        && let Some(f) = fields.get(i as usize)
                    {
                        let (ft, p) = deref(self, f.typ);
                        steps.push(p);
                        cur = ft;
                    }
                }
                if matches!(self.ty(self.underlying(cur)), Type::Interface(_)) {
                    via_iface = true;
                }
                // A method of a generic type's instance: the instance's concrete signature,
                // once the instantiation pass has run.
                let mut sig = sig;
                if let Some(n) = self.types.named(cur)
                    && n.origin.is_some()
                    && let Some(fi) = self.func_instances.get(obj, &n.type_args)
                {
                    sig = fi.sig;
                }
                let through_ptr = steps.iter().any(|&s| s);
                // Value method sets exclude pointer-receiver methods not reached through a
                // pointer embedding.
                if !is_ptr && ptr_recv && !through_ptr {
                    continue;
                }
                out.push(MethodSetEntry {
                    name,
                    pkg,
                    func: obj,
                    index,
                    ptr_steps: steps,
                    ptr_recv,
                    sig,
                    via_interface: via_iface,
                });
            }
        }
        out.sort_by(|a, b| compare_names(self, &a.name, a.pkg, &b.name, b.pkg));
        out
    }

    fn collect_method_names(
        &self,
        t: TypeId,
        out: &mut Vec<(String, Option<PkgId>)>,
        seen: &mut HashSet<TypeId>,
        depth: u32,
    ) {
        if depth > 32 || !seen.insert(t) {
            return;
        }
        let push = |out: &mut Vec<(String, Option<PkgId>)>, n: &str, pkg: Option<PkgId>| {
            let pkg = if super::check::is_exported(n) {
                None
            } else {
                pkg
            };
            if !out.iter().any(|(a, b)| a == n && *b == pkg) {
                out.push((n.to_string(), pkg));
            }
        };
        if let Type::Named(n) = self.ty(t) {
            let methods = match n.origin {
                Some(o) => self
                    .types
                    .named(o)
                    .map(|x| x.methods.clone())
                    .unwrap_or_default(),
                None => n.methods.clone(),
            };
            for m in methods {
                let o = self.obj(m);
                push(out, &o.name, o.pkg);
            }
        }
        match self.ty(self.underlying(t)) {
            Type::Struct(fields) => {
                for f in fields {
                    if f.embedded {
                        let (ft, _) = deref(self, f.typ);
                        self.collect_method_names(ft, out, seen, depth + 1);
                    }
                }
            }
            Type::Interface(it) if depth > 0 => {
                for m in &it.methods {
                    push(out, &m.name, m.pkg);
                }
            }
            _ => {}
        }
    }
}

/// Comparability (spec), with a guard against cyclic types.
pub(crate) fn comparable(p: &Program, t: TypeId, seen: &mut Vec<TypeId>) -> bool {
    if seen.contains(&t) || seen.len() > 100 {
        return true;
    }
    let u = p.underlying(t);
    match p.ty(u) {
        Type::Basic(k) => *k != BasicKind::UntypedNil,
        Type::Pointer(_) | Type::Chan(..) | Type::Interface(_) => true,
        Type::Struct(fields) => {
            seen.push(t);
            let r = fields.iter().all(|f| comparable(p, f.typ, seen));
            seen.pop();
            r
        }
        Type::Array(e, _) => {
            seen.push(t);
            let r = comparable(p, *e, seen);
            seen.pop();
            r
        }
        Type::TypeParam(tp) => match p.ty(p.underlying(tp.constraint)) {
            Type::Interface(it) => {
                if it.comparable {
                    return true;
                }
                match &it.terms {
                    Some(ts) if !ts.is_empty() => ts.iter().all(|x| comparable(p, x.typ, seen)),
                    _ => false,
                }
            }
            _ => false,
        },
        _ => false,
    }
}

impl<'a> Checker<'a> {
    /// Lookup with methods of generic instances substituted.
    pub fn lookup_field_or_method(
        &mut self,
        t: TypeId,
        _addressable: bool,
        pkg: Option<PkgId>,
        name: &str,
    ) -> LookupResult {
        let r = lookup_raw(self.p, t, pkg, name);
        if let LookupResult::Method {
            obj,
            index,
            indirect,
            sig,
            ptr_recv,
        } = &r
        {
            // Find the holder type along the path to substitute type arguments.
            let holder = self.path_holder(t, index);
            if let Some(n) = self.p.types.named(holder)
                && let Some(origin) = n.origin
            {
                let args = n.type_args.clone();
                let params = self
                    .p
                    .types
                    .named(origin)
                    .map(|o| o.type_params.clone())
                    .unwrap_or_default();
                let s = self.subst(*sig, &params, &args);
                return LookupResult::Method {
                    obj: *obj,
                    index: index.clone(),
                    indirect: *indirect,
                    sig: s,
                    ptr_recv: *ptr_recv,
                };
            }
        }
        r
    }

    fn path_holder(&self, t: TypeId, index: &[u32]) -> TypeId {
        let (mut cur, _) = deref(self.p, t);
        for &i in index {
            if let Type::Struct(fields) = self.p.ty(self.under(cur))
                && let Some(f) = fields.get(i as usize)
            {
                cur = deref(self.p, f.typ).0;
            }
        }
        cur
    }

    /// Whether `v` implements interface `t`; `Err(cause)` with types2's wording otherwise
    /// (`T does not implement I (missing method M)`).
    pub fn implements(&mut self, v: TypeId, t: TypeId) -> Result<(), String> {
        self.implements_verb(v, t, "implement")
    }

    pub fn implements_verb(&mut self, v: TypeId, t: TypeId, verb: &str) -> Result<(), String> {
        // Invalid types (also behind a pointer) implement anything: no follow-on errors.
        if self.is_invalid(v) || self.is_invalid(t) {
            return Ok(());
        }
        if let Type::Pointer(b) = self.p.ty(self.under(v))
            && self.is_invalid(*b)
        {
            return Ok(());
        }
        let vs = self.ts(v);
        let ts = self.ts(t);
        let tu = self.under(t);
        let Type::Interface(it) = self.p.ty(tu).clone() else {
            let detail = self
                .interface_ptr_error(t)
                .unwrap_or_else(|| format!("{ts} is not an interface"));
            return Err(format!("{vs} does not {verb} {ts} ({detail})"));
        };
        // Type set restrictions.
        if let Some(terms) = &it.terms {
            let vu = self.under(v);
            let ok = terms.iter().any(|term| {
                if term.tilde {
                    self.p.identical(self.under(term.typ), vu)
                } else {
                    self.p.identical(term.typ, v)
                }
            }) || (self.is_type_param(v) && self.type_param_in_terms(v, terms));
            if !ok {
                if terms.is_empty() {
                    return Err(format!("cannot {verb} {ts} (empty type set)"));
                }
                let list: Vec<String> = terms
                    .iter()
                    .map(|x| format!("{}{}", if x.tilde { "~" } else { "" }, self.ts(x.typ)))
                    .collect();
                return Err(format!(
                    "{vs} does not {verb} {ts} ({vs} missing in {})",
                    list.join(" | ")
                ));
            }
        }
        if it.comparable && !self.p.is_comparable(v) {
            return Err(format!("{vs} does not {verb} comparable"));
        }
        if let Some(cause) = self.missing_method(v, &it, true) {
            return Err(format!("{vs} does not {verb} {ts} {cause}"));
        }
        Ok(())
    }

    fn type_param_in_terms(&self, v: TypeId, terms: &[Term]) -> bool {
        let Type::TypeParam(tp) = self.p.ty(v) else {
            return false;
        };
        let Type::Interface(vi) = self.p.ty(self.under(tp.constraint)) else {
            return false;
        };
        let Some(vts) = &vi.terms else { return false };
        vts.iter().all(|vt| {
            terms.iter().any(|t| {
                if t.tilde {
                    self.p.identical(self.under(t.typ), self.under(vt.typ))
                } else {
                    !vt.tilde && self.p.identical(t.typ, vt.typ)
                }
            })
        })
    }

    /// For a pointer to an interface or type parameter, why it is not one (types2's
    /// interfacePtrError): such a pointer has no methods.
    pub fn interface_ptr_error(&self, t: TypeId) -> Option<String> {
        let Type::Pointer(b) = self.p.ty(self.under(t)) else {
            return None;
        };
        let what = match self.p.ty(self.under(*b)) {
            Type::TypeParam(_) => "type parameter",
            Type::Interface(_) => "interface",
            _ => return None,
        };
        Some(format!(
            "type {} is pointer to {what}, not {what}",
            self.ts(t)
        ))
    }

    /// The first method of `it` that `v` lacks, as a parenthesised cause, or None.
    pub fn missing_method(
        &mut self,
        v: TypeId,
        it: &InterfaceType,
        _static: bool,
    ) -> Option<String> {
        let mut methods = it.methods.clone();
        methods.sort_by(|a, b| a.name.cmp(&b.name));
        for m in &methods {
            let r = self.lookup_field_or_method(v, false, m.pkg.or(Some(self.pkg)), &m.name);
            match r {
                LookupResult::Method {
                    sig,
                    ptr_recv,
                    indirect,
                    ..
                } => {
                    let ms = self.strip_recv(sig);
                    if !self.p.identical(ms, m.sig) {
                        return Some(format!(
                            "(wrong type for method {})\n\t\thave {}{}\n\t\twant {}{}",
                            m.name,
                            m.name,
                            self.sig_tail(ms),
                            m.name,
                            self.sig_tail(m.sig)
                        ));
                    }
                    let is_ptr = matches!(self.p.ty(v), Type::Pointer(_));
                    if ptr_recv && !is_ptr && !indirect && !self.is_interface(v) {
                        return Some(format!("(method {} has pointer receiver)", m.name));
                    }
                }
                LookupResult::Field { .. } => {
                    return Some(format!(
                        "({}.{} is a field, not a method)",
                        self.ts(v),
                        m.name
                    ));
                }
                _ if self.interface_ptr_error(v).is_some() => {
                    return self.interface_ptr_error(v).map(|e| format!("({e})"));
                }
                _ => {
                    // A method with different case?
                    let lower = m.name.to_lowercase();
                    let (base, _) = deref(self.p, v);
                    if let Some(n) = self.p.types.named(base) {
                        for &mo in &n.methods {
                            let o = self.p.obj(mo).clone();
                            if o.name.to_lowercase() == lower && o.name != m.name {
                                let have = self.strip_recv(o.typ);
                                return Some(format!(
                                    "(missing method {})\n\t\thave {}{}\n\t\twant {}{}",
                                    m.name,
                                    o.name,
                                    self.sig_tail(have),
                                    m.name,
                                    self.sig_tail(m.sig)
                                ));
                            }
                        }
                    }
                    return Some(format!("(missing method {})", m.name));
                }
            }
        }
        None
    }

    /// A method signature without its receiver (interned).
    pub fn strip_recv(&mut self, sig: TypeId) -> TypeId {
        match self.p.ty(sig).clone() {
            Type::Func(s) if s.recv.is_some() => self.p.types.func(s.params, s.results, s.variadic),
            _ => sig,
        }
    }

    fn sig_tail(&self, sig: TypeId) -> String {
        let s = self.ts(sig);
        s.strip_prefix("func").unwrap_or(&s).to_string()
    }

    /// `x.(T)` with x of interface type `v` and concrete `t`: T must have all methods of v.
    pub fn assertable_to(&mut self, v: TypeId, t: TypeId) -> Result<(), String> {
        // A type parameter's type argument is not known here (types2 does not check either).
        if self.is_interface(t) || matches!(self.p.ty(t), Type::TypeParam(_)) {
            return Ok(());
        }
        let Type::Interface(it) = self.p.ty(self.under(v)).clone() else {
            return Ok(());
        };
        match self.missing_method(t, &it, false) {
            Some(c) => Err(c),
            None => Ok(()),
        }
    }
}
