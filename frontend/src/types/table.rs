//! Constructors of the [`TypeTable`]: hash-consing of unnamed types, creation of named types and
//! type parameters.

use super::model::*;
use crate::ast::ChanDir;

impl TypeTable {
    /// Interns an unnamed type: structurally identical unnamed types share one canonical id.
    /// Named types, type parameters and method signatures (with a receiver) are never interned.
    /// A type with alias-spelled components (`[]byte`) gets the canonical id of its unspelled form
    /// (`[]uint8`) plus a spelled entry of its own, so both are the same type and print as
    /// written.
    pub fn intern(&mut self, t: Type) -> TypeId {
        let key = match &t {
            Type::Basic(k) => TypeKey::Basic(*k),
            Type::Pointer(e) => TypeKey::Pointer(*e),
            Type::Slice(e) => TypeKey::Slice(*e),
            Type::Array(e, n) => TypeKey::Array(*e, *n),
            Type::Map(k, v) => TypeKey::Map(*k, *v),
            Type::Chan(d, e) => TypeKey::Chan(*d, *e),
            Type::Struct(f) => TypeKey::Struct(f.clone()),
            Type::Func(s) if s.recv.is_none() => {
                TypeKey::Func(s.params.clone(), s.results.clone(), s.variadic)
            }
            Type::Interface(i) => TypeKey::Interface(
                i.methods.clone(),
                i.embeddeds.clone(),
                i.terms.clone(),
                i.comparable,
            ),
            Type::Tuple(v) => TypeKey::Tuple(v.clone()),
            _ => return self.push(t),
        };
        // The key compares components by identity only, whatever their spelling.
        let canon = match self.interned.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.push(map_components(&t, TypeId::canon));
                self.interned.insert(key, id);
                // A struct with embedded fields may have promoted methods: like a named type
                // (check.rs), it gets its `*S` up front, since an itab of S holds the `(*S).M`
                // wrappers even when the program never spells `*S`.
                if let Type::Struct(fs) = &t
                    && fs.iter().any(|f| f.embedded)
                {
                    self.pointer(id);
                }
                id
            }
        };
        let mut spelled = false;
        for_each_component(&t, &mut |c| spelled |= c.is_spelled());
        if !spelled {
            return canon;
        }
        let mut spellings = Vec::new();
        for_each_component(&t, &mut |c| spellings.push(c.1));
        let skey = (canon.0, spellings);
        if let Some(&s) = self.spelled.get(&skey) {
            return TypeId(canon.0, s);
        }
        self.types.push(t);
        let s = (self.types.len() - 1) as u32;
        self.spelled.insert(skey, s);
        TypeId(canon.0, s)
    }

    /// A predeclared alias of the basic type `of` (`byte` for `uint8`, `rune` for `int32`): the
    /// same type, printed as `name`.
    pub fn basic_alias(&mut self, of: TypeId, name: &'static str) -> TypeId {
        let t = self.get(of).clone();
        self.types.push(t);
        let s = (self.types.len() - 1) as u32;
        self.alias_names.insert(s, name);
        TypeId(of.0, s)
    }

    /// The alias name `t` is spelled with, when it is `byte` or `rune` itself.
    pub fn alias_name(&self, t: TypeId) -> Option<&'static str> {
        if !t.is_spelled() {
            return None;
        }
        self.alias_names.get(&t.1).copied()
    }

    /// Appends a type without interning (named types, type parameters, method signatures).
    pub fn push(&mut self, t: Type) -> TypeId {
        self.types.push(t);
        TypeId::new((self.types.len() - 1) as u32)
    }

    pub fn pointer(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Pointer(elem))
    }
    pub fn slice(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Slice(elem))
    }
    pub fn array(&mut self, elem: TypeId, n: u64) -> TypeId {
        self.intern(Type::Array(elem, n))
    }
    pub fn map(&mut self, k: TypeId, v: TypeId) -> TypeId {
        self.intern(Type::Map(k, v))
    }
    pub fn chan(&mut self, dir: ChanDir, elem: TypeId) -> TypeId {
        self.intern(Type::Chan(dir, elem))
    }
    pub fn tuple(&mut self, elems: Vec<TypeId>) -> TypeId {
        self.intern(Type::Tuple(elems))
    }
    pub fn func(&mut self, params: Vec<TypeId>, results: Vec<TypeId>, variadic: bool) -> TypeId {
        self.intern(Type::Func(Signature {
            recv: None,
            params,
            results,
            variadic,
        }))
    }

    /// The underlying type: follows `Named` (a named type whose underlying is not yet known yields
    /// itself, which callers treat as invalid). Type parameters are their own underlying type.
    pub fn underlying(&self, mut t: TypeId) -> TypeId {
        for _ in 0..100 {
            match self.get(t) {
                Type::Named(n) => match n.underlying {
                    Some(u) if u != t => t = u,
                    _ => return t,
                },
                _ => return t,
            }
        }
        t
    }

    pub fn named(&self, t: TypeId) -> Option<&NamedType> {
        match self.get(t) {
            Type::Named(n) => Some(n),
            _ => None,
        }
    }

    /// The signature of a `Func` type (after `underlying`).
    pub fn signature(&self, t: TypeId) -> Option<&Signature> {
        match self.get(self.underlying(t)) {
            Type::Func(s) => Some(s),
            _ => None,
        }
    }

    pub fn basic_kind(&self, t: TypeId) -> Option<BasicKind> {
        match self.get(self.underlying(t)) {
            Type::Basic(k) => Some(*k),
            _ => None,
        }
    }
}

/// Calls `f` on each component type of an unnamed type, in a fixed order.
fn for_each_component(t: &Type, f: &mut impl FnMut(TypeId)) {
    match t {
        Type::Basic(_) | Type::Named(_) | Type::TypeParam(_) => {}
        Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => f(*e),
        Type::Map(k, v) => {
            f(*k);
            f(*v);
        }
        Type::Struct(fields) => fields.iter().for_each(|x| f(x.typ)),
        Type::Func(s) => {
            s.recv.iter().for_each(|r| f(*r));
            s.params.iter().for_each(|p| f(*p));
            s.results.iter().for_each(|r| f(*r));
        }
        Type::Interface(i) => {
            i.methods.iter().for_each(|m| f(m.sig));
            i.embeddeds.iter().for_each(|e| f(*e));
            i.terms.iter().flatten().for_each(|x| f(x.typ));
        }
        Type::Tuple(v) => v.iter().for_each(|e| f(*e)),
    }
}

/// A copy of an unnamed type with `f` applied to each component type.
fn map_components(t: &Type, f: impl Fn(TypeId) -> TypeId) -> Type {
    let mut t = t.clone();
    match &mut t {
        Type::Basic(_) | Type::Named(_) | Type::TypeParam(_) => {}
        Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => *e = f(*e),
        Type::Map(k, v) => {
            *k = f(*k);
            *v = f(*v);
        }
        Type::Struct(fields) => fields.iter_mut().for_each(|x| x.typ = f(x.typ)),
        Type::Func(s) => {
            s.recv = s.recv.map(&f);
            s.params.iter_mut().for_each(|p| *p = f(*p));
            s.results.iter_mut().for_each(|r| *r = f(*r));
        }
        Type::Interface(i) => {
            i.methods.iter_mut().for_each(|m| m.sig = f(m.sig));
            i.embeddeds.iter_mut().for_each(|e| *e = f(*e));
            i.terms.iter_mut().flatten().for_each(|x| x.typ = f(x.typ));
        }
        Type::Tuple(v) => v.iter_mut().for_each(|e| *e = f(*e)),
    }
    t
}
