//! Sizes, alignments, field offsets and scalar decompositions of Go types on linux/amd64, by gc's
//! rules (cmd/compile/internal/types/size.go): 8-byte words, complex64 aligned to 4, a struct whose
//! last field has size zero gets one byte of padding so that `&s.last` never points past the object.

use std::cell::RefCell;
use std::collections::HashMap;

use frontend::types::{BasicKind, Program, Type, TypeId};

use crate::ir::Ty;

/// Size and alignment of a type, and where its scalar parts live.
#[derive(Clone, Debug)]
pub struct Layout {
    pub size: u64,
    pub align: u64,
    /// The scalar parts of a value, with their byte offsets, in memory order.
    pub scalars: Vec<(u64, Ty)>,
    /// Byte offsets of the words that hold pointers (gc's ptrmask, one entry per pointer word).
    pub ptr_words: Vec<u64>,
    /// Values live in virtual registers (few scalars, no array longer than one element), like
    /// gc's SSA-able types.
    pub flat: bool,
}

impl Layout {
    /// gc's PtrBytes: the length of the prefix that can hold pointers.
    pub fn ptr_bytes(&self) -> u64 {
        self.ptr_words.last().map(|w| w + 8).unwrap_or(0)
    }
    pub fn has_pointers(&self) -> bool {
        !self.ptr_words.is_empty()
    }
}

/// Values with at most this many scalars live in virtual registers and are passed in registers.
pub const MAX_FLAT_SCALARS: usize = 4;

/// Computes and caches layouts.
pub struct Layouts<'p> {
    pub prog: &'p Program,
    cache: RefCell<HashMap<TypeId, std::rc::Rc<Layout>>>,
}

impl<'p> Layouts<'p> {
    pub fn new(prog: &'p Program) -> Layouts<'p> {
        Layouts {
            prog,
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub fn of(&self, t: TypeId) -> std::rc::Rc<Layout> {
        if let Some(l) = self.cache.borrow().get(&t) {
            return l.clone();
        }
        let mut l = self.compute(t);
        if l.scalars.len() > MAX_FLAT_SCALARS {
            l.flat = false;
        }
        let l = std::rc::Rc::new(l);
        self.cache.borrow_mut().insert(t, l.clone());
        l
    }

    pub fn size(&self, t: TypeId) -> u64 {
        self.of(t).size
    }

    pub fn align(&self, t: TypeId) -> u64 {
        self.of(t).align
    }

    /// Whether values of `t` are kept in virtual registers (as opposed to memory).
    pub fn is_flat(&self, t: TypeId) -> bool {
        self.of(t).flat
    }

    /// Byte offset of each field of a struct type.
    pub fn field_offsets(&self, t: TypeId) -> Vec<u64> {
        let u = self.prog.underlying(t);
        match self.prog.ty(u) {
            Type::Struct(fields) => {
                let mut off = 0u64;
                let mut offs = Vec::with_capacity(fields.len());
                for f in fields {
                    let fl = self.of(f.typ);
                    off = round_up(off, fl.align);
                    offs.push(off);
                    off += fl.size;
                }
                offs
            }
            _ => Vec::new(),
        }
    }

    fn compute(&self, t: TypeId) -> Layout {
        let u = self.prog.underlying(t);
        let word = |ty: Ty, ptr: bool| Layout {
            size: ty.bytes() as u64,
            align: ty.bytes() as u64,
            scalars: vec![(0, ty)],
            ptr_words: if ptr { vec![0] } else { vec![] },
            flat: true,
        };
        match self.prog.ty(u) {
            Type::Basic(k) => {
                use BasicKind::*;
                match k {
                    Bool | Int8 | Uint8 | UntypedBool => word(Ty::I8, false),
                    Int16 | Uint16 => word(Ty::I16, false),
                    Int32 | Uint32 | UntypedRune => word(Ty::I32, false),
                    Int | Int64 | Uint | Uint64 | Uintptr | UntypedInt => word(Ty::I64, false),
                    Float32 => word(Ty::F32, false),
                    Float64 | UntypedFloat => word(Ty::F64, false),
                    Complex64 => Layout {
                        size: 8,
                        align: 4,
                        scalars: vec![(0, Ty::F32), (4, Ty::F32)],
                        ptr_words: vec![],
                        flat: true,
                    },
                    Complex128 | UntypedComplex => Layout {
                        size: 16,
                        align: 8,
                        scalars: vec![(0, Ty::F64), (8, Ty::F64)],
                        ptr_words: vec![],
                        flat: true,
                    },
                    String | UntypedString => Layout {
                        size: 16,
                        align: 8,
                        scalars: vec![(0, Ty::I64), (8, Ty::I64)],
                        ptr_words: vec![0],
                        flat: true,
                    },
                    UnsafePointer | UntypedNil => word(Ty::I64, true),
                    Invalid => Layout {
                        size: 0,
                        align: 1,
                        scalars: vec![],
                        ptr_words: vec![],
                        flat: true,
                    },
                }
            }
            Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Func(_) => {
                word(Ty::I64, true)
            }
            Type::Slice(_) => Layout {
                size: 24,
                align: 8,
                scalars: vec![(0, Ty::I64), (8, Ty::I64), (16, Ty::I64)],
                ptr_words: vec![0],
                flat: true,
            },
            Type::Interface(_) => Layout {
                size: 16,
                align: 8,
                scalars: vec![(0, Ty::I64), (8, Ty::I64)],
                ptr_words: vec![0, 8],
                flat: true,
            },
            Type::Array(elem, n) => {
                let el = self.of(*elem);
                let n = *n;
                let size = el.size.saturating_mul(n);
                // Decomposing huge arrays into scalars would be pointless: they are never flat.
                let (scalars, ptr_words) = if (el.scalars.len() as u64).saturating_mul(n) <= 64 {
                    let mut s = Vec::new();
                    let mut p = Vec::new();
                    // (An element without scalars, like `struct{}`, adds nothing however long.)
                    let parts = if el.scalars.is_empty() && el.ptr_words.is_empty() {
                        0
                    } else {
                        n
                    };
                    for i in 0..parts {
                        // Sizes saturate (an element too large for memory has size u64::MAX).
                        let base = i.saturating_mul(el.size);
                        s.extend(
                            el.scalars
                                .iter()
                                .map(|(o, t)| (base.saturating_add(*o), *t)),
                        );
                        p.extend(el.ptr_words.iter().map(|o| base.saturating_add(*o)));
                    }
                    (s, p)
                } else {
                    let mut p = Vec::new();
                    // gc rejects types of 1<<50 bytes or more ("larger than address space");
                    // their pointer words are not enumerated (there would be up to 2^60).
                    if el.has_pointers() && size < 1 << 50 {
                        for i in 0..n {
                            // Sizes saturate (an element too large for memory has size u64::MAX).
                            let base = i.saturating_mul(el.size);
                            p.extend(el.ptr_words.iter().map(|o| base.saturating_add(*o)));
                        }
                    }
                    // A sentinel list longer than MAX_FLAT_SCALARS marks it as memory-resident.
                    (vec![(0, Ty::I64); MAX_FLAT_SCALARS + 1], p)
                };
                Layout {
                    size,
                    align: el.align,
                    scalars,
                    ptr_words,
                    flat: n == 0 || (n == 1 && el.flat),
                }
            }
            Type::Struct(fields) => {
                let mut off = 0u64;
                let mut align = 1u64;
                let mut scalars = Vec::new();
                let mut ptr_words = Vec::new();
                let mut last_zero = false;
                let mut flat = true;
                for f in fields {
                    let fl = self.of(f.typ);
                    flat &= fl.flat;
                    off = round_up(off, fl.align);
                    align = align.max(fl.align);
                    scalars.extend(fl.scalars.iter().map(|(o, t)| (off + o, *t)));
                    ptr_words.extend(fl.ptr_words.iter().map(|o| off + o));
                    off += fl.size;
                    last_zero = fl.size == 0;
                }
                if last_zero && off > 0 {
                    off += 1;
                }
                let size = round_up(off, align);
                if scalars.len() > 64 {
                    scalars = vec![(0, Ty::I64); MAX_FLAT_SCALARS + 1];
                }
                Layout {
                    size,
                    align,
                    scalars,
                    ptr_words,
                    flat,
                }
            }
            Type::Tuple(elems) => {
                let mut off = 0u64;
                let mut align = 1u64;
                let mut scalars = Vec::new();
                let mut ptr_words = Vec::new();
                for e in elems {
                    let fl = self.of(*e);
                    off = round_up(off, fl.align);
                    align = align.max(fl.align);
                    scalars.extend(fl.scalars.iter().map(|(o, t)| (off + o, *t)));
                    ptr_words.extend(fl.ptr_words.iter().map(|o| off + o));
                    off += fl.size;
                }
                Layout {
                    size: round_up(off, align),
                    align,
                    scalars,
                    ptr_words,
                    flat: false,
                }
            }
            Type::Named(_) | Type::TypeParam(_) => Layout {
                // `underlying` never returns a Named; a type parameter has no layout until
                // instantiated (the midend monomorphises first).
                size: 0,
                align: 1,
                scalars: vec![],
                ptr_words: vec![],
                flat: true,
            },
        }
    }
}

/// The layout of a closure object (gc's): `(offset, by value)` per captured variable of the
/// given types, and the object's size and pointer words. F comes first, then the captured
/// variables in order of first reference, values inline and by-reference variables as
/// pointers, with ordinary struct alignment.
pub fn closure_layout(
    lay: &Layouts,
    types: &[TypeId],
    by_value: &[bool],
) -> (Vec<(u64, bool)>, u64, Vec<u64>) {
    let mut off = 8u64;
    let mut align = 8u64;
    let mut fields = Vec::new();
    let mut ptr_words = Vec::new();
    for (t, &bv) in types.iter().zip(by_value) {
        if bv {
            let l = lay.of(*t);
            off = round_up(off, l.align);
            align = align.max(l.align);
            fields.push((off, true));
            ptr_words.extend(l.ptr_words.iter().map(|w| off + w));
            off += l.size;
        } else {
            off = round_up(off, 8);
            fields.push((off, false));
            ptr_words.push(off);
            off += 8;
        }
    }
    (fields, round_up(off, align), ptr_words)
}

pub fn round_up(x: u64, align: u64) -> u64 {
    if align <= 1 {
        x
    } else {
        x.div_ceil(align) * align
    }
}
