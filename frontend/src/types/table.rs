//! Constructors of the [`TypeTable`]: hash-consing of unnamed types, creation of named types and
//! type parameters.

use super::model::*;
use crate::ast::ChanDir;

impl TypeTable {
    /// Interns an unnamed type: structurally identical unnamed types share one id.
    /// Named types, type parameters and method signatures (with a receiver) are never interned.
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
        if let Some(&id) = self.interned.get(&key) {
            return id;
        }
        let id = self.push(t);
        self.interned.insert(key, id);
        id
    }

    /// Appends a type without interning (named types, type parameters, method signatures).
    pub fn push(&mut self, t: Type) -> TypeId {
        self.types.push(t);
        TypeId((self.types.len() - 1) as u32)
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
