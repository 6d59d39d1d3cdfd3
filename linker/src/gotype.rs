//! Ordering of the `.go.type` section (reference §5.2): an 8-byte gap after `runtime.types`, the
//! typelink descriptors sorted by type string, every other type symbol sorted by size, itabs last.

/// How typelink descriptors are keyed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TypeOrder {
    /// gc's order: the type string read through the descriptor's Str nameOff (falling back to the
    /// symbol name when the descriptor cannot be read).
    #[default]
    DescriptorStr,
    /// The symbol name without `type:` (for objects without readable descriptors).
    SymbolName,
}

/// Whether a `type:` symbol is a typelink, judged from its name: unnamed pointer, array, slice,
/// chan, func, map and struct types. Interfaces, named types and `noalg` types are not.
pub fn is_typelink_name(name: &str) -> bool {
    let Some(t) = name.strip_prefix("type:") else {
        return false;
    };
    if t.starts_with("noalg.") || t.starts_with('.') || t == "*" {
        return false;
    }
    [
        "*", "[", "chan ", "chan<-", "<-chan", "func(", "map[", "struct {",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// One piece of `.go.type` (a descriptor, a name, an itab, …).
#[derive(Clone, Debug)]
pub(crate) struct TypeAtom {
    pub chunk: usize,
    pub name: String,
    pub size: u64,
    pub itab: bool,
    /// Sort key when the atom is a typelink.
    pub key: Option<String>,
    /// Input order, the final tie-breaker (gc: symbol index).
    pub seq: usize,
}

/// Split into (typelinks sorted by key, others by size, itabs by size), as chunk ids.
pub(crate) fn order(atoms: Vec<TypeAtom>) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let (mut tl, mut rest, mut it) = (Vec::new(), Vec::new(), Vec::new());
    for a in atoms {
        if a.itab {
            it.push(a);
        } else if a.key.is_some() {
            tl.push(a);
        } else {
            rest.push(a);
        }
    }
    tl.sort_by(|a, b| {
        a.key
            .cmp(&b.key)
            .then(a.name.cmp(&b.name))
            .then(a.seq.cmp(&b.seq))
    });
    rest.sort_by_key(|a| (a.size, a.seq));
    it.sort_by_key(|a| (a.size, a.seq));
    let ids = |v: Vec<TypeAtom>| v.into_iter().map(|a| a.chunk).collect();
    (ids(tl), ids(rest), ids(it))
}

/// Decode an abi.Name: flag byte, uvarint length, bytes.
pub(crate) fn read_name(b: &[u8]) -> Option<String> {
    let (mut n, mut shift, mut i) = (0usize, 0u32, 1usize);
    loop {
        let c = *b.get(i)?;
        i += 1;
        n |= usize::from(c & 0x7f).checked_shl(shift)?;
        if c & 0x80 == 0 {
            break;
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
    let s = b.get(i..i.checked_add(n)?)?;
    Some(String::from_utf8_lossy(s).into_owned())
}
