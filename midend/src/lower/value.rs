//! How Go values and storage locations are represented during lowering.

use frontend::types::TypeId;

use crate::ir::{SlotId, Var};

/// A Go value. Types whose layout is flat (few scalars, no arrays longer than one element) live in
/// virtual registers, one per scalar in memory order; all others live in memory and are handled by
/// address.
#[derive(Clone, Debug)]
pub enum Value {
    Flat(Vec<Var>),
    /// Address of the bytes of the value. The memory may belong to a variable: whoever keeps the
    /// value beyond the current expression copies it.
    Mem(Var),
}

impl Value {
    pub fn flat(&self) -> &[Var] {
        match self {
            Value::Flat(v) => v,
            Value::Mem(_) => &[],
        }
    }
    /// The single scalar of a one-word value.
    pub fn scalar(&self) -> Option<Var> {
        match self {
            Value::Flat(v) if v.len() == 1 => Some(v[0]),
            _ => None,
        }
    }
}

/// Where a variable lives.
#[derive(Clone, Debug)]
pub enum Storage {
    /// In virtual registers (flat, never address-taken).
    Regs(Vec<Var>),
    /// In a stack slot of the current function.
    Slot(SlotId),
    /// In memory whose address is held in a register (heap cells, by-reference parameters).
    Ptr(Var),
    /// A package-level variable.
    Global(String),
    /// Captured by the current closure: field `index` of the closure object holds a pointer to it.
    Captured(usize),
}

/// The target of an assignment.
#[derive(Clone, Debug)]
pub enum Place {
    Regs(Vec<Var>),
    Addr(Var),
    /// `m[k] = v`: assigning goes through `runtime.mapassign`.
    MapElem {
        map_type: TypeId,
        map: Var,
        key: Value,
        key_type: TypeId,
    },
    Blank,
}
