//! Reachability at symbol granularity, with gc's rules for methods (cmd/link/internal/ld's
//! deadcode pass).
//!
//! # The problem
//!
//! A Go object holds every function, method and type descriptor of its package, but a program
//! uses a fraction of them. A plain reachability walk over relocations keeps too much: a type
//! descriptor's method table refers to the code of every method (its `Ifn`/`Tfn` text offsets),
//! so any type in the binary would keep all its methods, and through their bodies much of the
//! standard library. gc's linker breaks that chain with what it knows about interfaces: a method
//! can only be called through an interface if (1) its receiver type was converted to an
//! interface somewhere reachable, and (2) some reachable code calls an interface method with the
//! same name and signature, or calls reflect's `Method`/`MethodByName` with a name only known
//! at run time (then every exported method of such types must stay).
//!
//! # Atoms
//!
//! The walk works on *atoms*: a Go object's code is cut at its function symbols and its
//! `.go.type`/`.go.itab` sections at every symbol, exactly where `layout` cuts them into pieces.
//! Every other section (Go data, the runtime archive's sections) is one atom. Go data sections
//! are roots, as the section GC always had them; the runtime's sections are reached through
//! relocations. Dead atoms of split sections are not laid out (`World::dead`).
//!
//! # The flood (gc's `deadcodePass.flood`)
//!
//! A worklist marks atoms reachable through their relocations, with these exceptions:
//! - In a type descriptor, the three text/type offsets of each method-table entry (`Mtyp`,
//!   `Ifn`, `Tfn`; gc's `R_METHODOFF`) are not followed. If the descriptor is *used in an
//!   interface*, each method becomes a candidate (name, signature descriptor).
//! - An itab's `Fun` slots are weak (gc writes them with `WriteWeakAddr`): they keep nothing
//!   alive, and a slot whose method died is written as `runtime.unreachableMethod`.
//! - The compiler's marks (`.rgo.deadcode`, one list per function; gc's marker relocations)
//!   take effect when their function is reached: `UseIface` makes a type used in an interface,
//!   `UseIfaceMethod` records a called (name, signature), `UseNamedMethod` a called name, and
//!   `ReflectMethod` switches on the keep-exported-methods rule.
//! - Being used in an interface spreads from a descriptor to every descriptor it refers to
//!   (element types, fields, `PtrToThis`, ...), and to the signature types of its methods. When
//!   an atom gains the attribute after it was already walked, it is walked again (gc unmarks
//!   and re-marks it).
//! - Data and the Rust runtime convert types to interfaces without marks (static interface
//!   values, the runtime's error values): a type or itab referenced from such an atom is taken
//!   as used in an interface. The Rust runtime also calls `Error() string` and
//!   `String() string` through itabs (printing panic values), which gc's runtime does in Go.
//! - A direct call of `reflect.Value.Method`/`MethodByName` or `reflect.(*rtype).Method`/
//!   `MethodByName` from a Go function is gc's `ReflectMethod` attribute (gc sets it in the
//!   compiler; those methods' own bodies and the interface type's are exempt, as in gc).
//!
//! After the flood, candidate methods whose (name, signature) was called, or whose name is
//! exported when reflection is seen, have their three targets marked, and the flood resumes,
//! until nothing changes. A method table entry whose target died is written as -1, as gc does.

use crate::LinkError;
use crate::input::SymDef;
use crate::layout::{ADAPTERS_SECTION, EXCTAB_SECTION, STACKMAPS_SECTION};
use crate::resolve::{Target, World};
use object::elf;
use std::collections::{HashMap, HashSet};

/// Input section of the compiler's marks (backend `DEADCODE_SECTION`).
pub(crate) const DEADCODE_SECTION: &str = ".rgo.deadcode";

/// Functions whose calls of reflect's method lookups do not count (gc's `usemethod` exemptions).
const REFLECT_EXEMPT: &[&str] = &[
    "reflect.(*rtype).Method",
    "reflect.(*rtype).MethodByName",
    "reflect.(*interfaceType).Method",
    "reflect.(*interfaceType).MethodByName",
    "reflect.Value.Method",
    "reflect.Value.MethodByName",
];

#[derive(Clone, Debug)]
enum Mark {
    UseIface(String),
    UseIfaceMethod(String, String),
    UseNamedMethod(String),
    ReflectMethod,
}

fn parse_marks(data: &[u8]) -> Option<Vec<(String, Mark)>> {
    let mut out = Vec::new();
    let mut p = 0usize;
    let str_at = |p: &mut usize| -> Option<String> {
        let n = u32::from_le_bytes(data.get(*p..*p + 4)?.try_into().ok()?) as usize;
        let s = String::from_utf8(data.get(*p + 4..*p + 4 + n)?.to_vec()).ok()?;
        *p += 4 + n;
        Some(s)
    };
    while p < data.len() {
        let kind = data[p];
        p += 1;
        let func = str_at(&mut p)?;
        let a = str_at(&mut p)?;
        let b = str_at(&mut p)?;
        let m = match kind {
            1 => Mark::UseIface(a),
            2 => Mark::UseIfaceMethod(a, b),
            3 => Mark::UseNamedMethod(a),
            4 => Mark::ReflectMethod,
            _ => return None,
        };
        out.push((func, m));
    }
    Some(out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AtomKind {
    /// A Go function.
    Code,
    /// A type descriptor (`type:T` in `.go.type`).
    Type,
    /// An itab.
    Itab,
    /// Other type data (names, masks, equality closures).
    TypeData,
    /// A whole section of Go data.
    GoData,
    /// A whole section of the runtime archive.
    Runtime,
}

struct Atom {
    obj: usize,
    sec: usize,
    start: u64,
    end: u64,
    kind: AtomKind,
    name: String,
}

/// A method-table entry of a descriptor used in an interface, waiting for a matching call.
struct MethodRef {
    name: String,
    sig: String,
    targets: [Option<usize>; 3],
}

/// Atom boundaries of a split Go section: the offsets where `layout` cuts it.
pub(crate) fn split_points(w: &World, oi: usize, si: usize, text: bool) -> Vec<(u64, usize)> {
    let o = &w.objs[oi];
    let s = &o.secs[si];
    let mut v: Vec<(u64, usize)> = Vec::new();
    for (sym, y) in o.syms.iter().enumerate() {
        let SymDef::Sec(ys, off) = y.def else {
            continue;
        };
        if ys != si || y.st_type == elf::STT_SECTION || y.st_type == elf::STT_FILE {
            continue;
        }
        if text {
            let winner = y.is_local()
                || w.globals
                    .get(&y.name)
                    .is_some_and(|g| g.obj == oi && g.sym == sym);
            let func =
                y.st_type == elf::STT_FUNC || (y.st_type == elf::STT_NOTYPE && !y.is_local());
            if func && winner && off < s.size.max(1) {
                v.push((off, sym));
            }
        } else if off < s.size {
            v.push((off, sym));
        }
    }
    if text {
        let sized: Vec<(u64, u64)> = v
            .iter()
            .filter(|&&(_, sym)| o.syms[sym].st_type == elf::STT_FUNC && o.syms[sym].size > 0)
            .map(|&(off, sym)| (off, off + o.syms[sym].size))
            .collect();
        v.retain(|&(off, sym)| {
            o.syms[sym].st_type != elf::STT_NOTYPE
                || !sized.iter().any(|&(lo, hi)| lo < off && off < hi)
        });
    }
    v.sort();
    v
}

struct Pass<'w, 'a> {
    w: &'w World<'a>,
    atoms: Vec<Atom>,
    /// (obj, sec) → (first atom id, sorted starts).
    index: HashMap<(usize, usize), (usize, Vec<u64>)>,
    reach: Vec<bool>,
    used: Vec<bool>,
    work: Vec<usize>,
    marks: HashMap<usize, Vec<Mark>>,
    iface_methods: HashSet<(String, String)>,
    named_methods: HashSet<String>,
    reflect_seen: bool,
    candidates: Vec<MethodRef>,
    /// Who first reached each atom (for `RGO_LINK_WHY`), and the atom being walked.
    parent: Vec<Option<usize>>,
    current: usize,
    /// Atoms that live whenever the key atom does (reflect call adapters).
    follow: HashMap<usize, Vec<usize>>,
    /// Targets of the `Fun` slots of reached itabs.
    itab_slots: Vec<usize>,
}

impl Pass<'_, '_> {
    fn atom_at(&self, obj: usize, sec: usize, off: u64) -> Option<usize> {
        let (first, starts) = self.index.get(&(obj, sec))?;
        let i = starts.partition_point(|&s| s <= off).checked_sub(1)?;
        Some(first + i)
    }

    fn target_atom(&self, t: Target, addend: i64) -> Option<usize> {
        match t {
            Target::Sec {
                obj,
                sec,
                value,
                section_sym,
            } => {
                let off = if section_sym {
                    addend.max(0) as u64
                } else {
                    value
                };
                self.atom_at(obj, sec, off)
            }
            _ => None,
        }
    }

    fn by_name(&self, name: &str) -> Option<usize> {
        let t = self.w.lookup(name)?;
        self.target_atom(t, 0)
    }

    fn mark(&mut self, a: usize) {
        if !self.reach[a] {
            if self.parent[a].is_none() {
                self.parent[a] = Some(self.current);
            }
            self.reach[a] = true;
            self.work.push(a);
        }
    }

    /// gc's SetAttrUsedInIface with the re-walk of an already reached atom.
    fn set_used(&mut self, a: usize) {
        if !self.used[a] {
            self.used[a] = true;
            if self.reach[a] {
                self.reach[a] = false;
                self.mark(a);
            }
        }
    }

    /// The type an atom stands for when it is converted to an interface: itself, or an itab's
    /// concrete type.
    fn iface_type(&self, a: usize) -> Option<usize> {
        match self.atoms[a].kind {
            AtomKind::Type => Some(a),
            AtomKind::Itab => {
                let at = &self.atoms[a];
                let s = self.w.sec(at.obj, at.sec);
                let r = s.relocs.iter().find(|r| r.offset == at.start + 8)?;
                let t = self.w.resolve(at.obj, r.sym);
                self.target_atom(t, r.addend)
                    .filter(|&x| self.atoms[x].kind == AtomKind::Type)
            }
            _ => None,
        }
    }

    /// The abi.Name at a relocation target (a method name).
    fn name_at(&self, t: Target, addend: i64) -> Option<String> {
        let Target::Sec {
            obj,
            sec,
            value,
            section_sym,
        } = t
        else {
            return None;
        };
        let off = if section_sym {
            addend.max(0) as u64
        } else {
            value.wrapping_add(addend as u64)
        } as usize;
        let d = self.w.sec(obj, sec).data;
        let mut p = off + 1;
        let mut n = 0usize;
        let mut shift = 0;
        loop {
            let b = *d.get(p)?;
            p += 1;
            n |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
            if shift > 28 {
                return None;
            }
        }
        String::from_utf8(d.get(p..p + n)?.to_vec()).ok()
    }

    /// The method table of a descriptor atom: (offset of the first entry, count).
    fn method_table(&self, a: usize) -> Option<(u64, u64)> {
        let at = &self.atoms[a];
        let d = self
            .w
            .sec(at.obj, at.sec)
            .data
            .get(at.start as usize..at.end as usize)?;
        if d.len() < 48 || d[20] & 1 == 0 {
            return None;
        }
        let base: usize = match d[23] & 0x1f {
            22 | 23 | 19 => 56,
            17 => 72,
            18 => 64,
            20 | 25 => 80,
            21 => 136,
            _ => 48,
        };
        let u = d.get(base..base + 16)?;
        let mcount = u64::from(u16::from_le_bytes([u[4], u[5]]));
        let moff = u64::from(u32::from_le_bytes([u[8], u[9], u[10], u[11]]));
        Some((at.start + base as u64 + moff, mcount))
    }

    fn walk(&mut self, a: usize) {
        let (obj, sec, start, end, kind) = {
            let at = &self.atoms[a];
            (at.obj, at.sec, at.start, at.end, at.kind)
        };
        let used = self.used[a];
        let s = self.w.sec(obj, sec);
        let methods = if kind == AtomKind::Type {
            self.method_table(a)
        } else {
            None
        };
        let mut cands: Vec<MethodRef> = Vec::new();
        let first = s.relocs.partition_point(|r| r.offset < start);
        let exempt =
            kind == AtomKind::Code && REFLECT_EXEMPT.contains(&self.atoms[a].name.as_str());
        for r in s.relocs[first..].iter().take_while(|r| r.offset < end) {
            let t = self.w.resolve(obj, r.sym);
            let ta = self.target_atom(t, r.addend);
            if let Some((m0, n)) = methods
                && r.offset >= m0
                && r.offset < m0 + 16 * n
            {
                let i = ((r.offset - m0) / 16) as usize;
                let field = (r.offset - m0) % 16;
                if field != 0 {
                    if used {
                        if cands.len() <= i {
                            cands.resize_with(i + 1, || MethodRef {
                                name: String::new(),
                                sig: String::new(),
                                targets: [None; 3],
                            });
                        }
                        cands[i].targets[(field / 4 - 1) as usize] = ta;
                        if field == 4 {
                            cands[i].sig = self.w.objs[obj].syms[r.sym].name.clone();
                            if let Some(x) = ta {
                                self.set_used(x);
                            }
                        }
                    }
                    continue;
                }
                if used && let Some(name) = self.name_at(t, r.addend) {
                    if cands.len() <= i {
                        cands.resize_with(i + 1, || MethodRef {
                            name: String::new(),
                            sig: String::new(),
                            targets: [None; 3],
                        });
                    }
                    cands[i].name = name;
                }
            }
            if kind == AtomKind::Itab && r.offset >= start + 24 {
                if let Some(x) = ta {
                    self.itab_slots.push(x);
                }
                continue;
            }
            let Some(ta) = ta else {
                continue;
            };
            match kind {
                AtomKind::Type if used && self.atoms[ta].kind == AtomKind::Type => {
                    self.set_used(ta);
                }
                AtomKind::GoData | AtomKind::Runtime => {
                    if let Some(x) = self.iface_type(ta) {
                        self.set_used(x);
                    }
                }
                AtomKind::Code if !exempt => {
                    let tn = &self.atoms[ta].name;
                    if REFLECT_EXEMPT[..2].contains(&tn.as_str())
                        || REFLECT_EXEMPT[4..].contains(&tn.as_str())
                    {
                        self.reflect_seen = true;
                    }
                }
                _ => {}
            }
            self.mark(ta);
        }
        self.candidates.extend(cands);
        if let Some(v) = self.follow.get(&a).cloned() {
            for x in v {
                self.mark(x);
            }
        }
        if let Some(ms) = self.marks.get(&a).cloned() {
            for m in ms {
                match m {
                    Mark::UseIface(t) => {
                        if let Some(x) = self.by_name(&t).and_then(|x| self.iface_type(x)) {
                            self.set_used(x);
                        }
                    }
                    Mark::UseIfaceMethod(n, sig) => {
                        // A call of reflect.Type's Method/MethodByName through the interface.
                        if (n == "Method" && sig == "type:func(int) reflect.Method")
                            || (n == "MethodByName"
                                && sig == "type:func(string) (reflect.Method, bool)")
                        {
                            self.reflect_seen = true;
                        }
                        self.iface_methods.insert((n, sig));
                    }
                    Mark::UseNamedMethod(n) => {
                        self.named_methods.insert(n);
                    }
                    Mark::ReflectMethod => self.reflect_seen = true,
                }
            }
        }
    }

    fn flood(&mut self) {
        while let Some(a) = self.work.pop() {
            self.current = a;
            self.walk(a);
        }
    }
}

/// Marks `w.live` (sections) and `w.dead` (pieces of split Go sections) from the roots.
pub(crate) fn run(
    w: &mut World,
    roots_by_name: &[String],
    root_secs: &[(usize, usize)],
) -> Result<(), LinkError> {
    let mut p = Pass {
        w,
        atoms: Vec::new(),
        index: HashMap::new(),
        reach: Vec::new(),
        used: Vec::new(),
        work: Vec::new(),
        marks: HashMap::new(),
        iface_methods: HashSet::new(),
        named_methods: HashSet::new(),
        reflect_seen: false,
        candidates: Vec::new(),
        parent: Vec::new(),
        current: usize::MAX,
        follow: HashMap::new(),
        itab_slots: Vec::new(),
    };
    for (oi, o) in p.w.objs.iter().enumerate() {
        for (si, s) in o.secs.iter().enumerate() {
            if !crate::resolve::linkable(s, o.is_go) {
                continue;
            }
            let text = o.is_go && s.is_exec();
            let split = text || (o.is_go && (s.name == ".go.type" || s.name == ".go.itab"));
            let first = p.atoms.len();
            let mut starts: Vec<u64> = Vec::new();
            if split {
                let pts = split_points(p.w, oi, si, text);
                let mut bounds: Vec<(u64, Option<usize>)> = vec![(0, None)];
                for (off, sym) in pts {
                    if bounds.last().is_some_and(|b| b.0 == off) {
                        let b = bounds.last_mut().expect("non-empty");
                        if b.1.is_none() || o.syms[b.1.unwrap_or(0)].is_local() {
                            b.1 = Some(sym);
                        }
                    } else {
                        bounds.push((off, Some(sym)));
                    }
                }
                for (i, &(b, sym)) in bounds.iter().enumerate() {
                    let end = bounds.get(i + 1).map_or(s.size, |x| x.0);
                    let name = sym.map(|y| o.syms[y].name.clone()).unwrap_or_default();
                    let kind = if text {
                        AtomKind::Code
                    } else if name.starts_with("go:itab.") || s.name == ".go.itab" {
                        AtomKind::Itab
                    } else if name.starts_with("type:") && !name.starts_with("type:.") {
                        AtomKind::Type
                    } else {
                        AtomKind::TypeData
                    };
                    starts.push(b);
                    p.atoms.push(Atom {
                        obj: oi,
                        sec: si,
                        start: b,
                        end,
                        kind,
                        name,
                    });
                }
            } else {
                starts.push(0);
                p.atoms.push(Atom {
                    obj: oi,
                    sec: si,
                    start: 0,
                    end: s.size,
                    kind: if o.is_go {
                        AtomKind::GoData
                    } else {
                        AtomKind::Runtime
                    },
                    name: String::new(),
                });
            }
            p.index.insert((oi, si), (first, starts));
        }
    }
    let n = p.atoms.len();
    p.reach = vec![false; n];
    p.used = vec![false; n];
    p.parent = vec![None; n];
    // The compiler's marks, by function atom.
    for (oi, o) in p.w.objs.iter().enumerate() {
        if !o.is_go {
            continue;
        }
        let mut funcs: HashMap<&str, usize> = HashMap::new();
        for (si, y) in o.syms.iter().enumerate() {
            if y.st_type == elf::STT_FUNC {
                funcs.insert(y.name.as_str(), si);
            }
        }
        for s in &o.secs {
            if s.name != DEADCODE_SECTION || s.discarded {
                continue;
            }
            let list = parse_marks(s.data).ok_or_else(|| LinkError::Input {
                input: o.name.clone(),
                msg: format!("section {DEADCODE_SECTION}: malformed"),
            })?;
            for (func, m) in list {
                let Some(&sym) = funcs.get(func.as_str()) else {
                    continue;
                };
                let t = p.w.resolve(oi, sym);
                if let Some(a) = p.target_atom(t, 0) {
                    p.marks.entry(a).or_default().push(m);
                }
            }
        }
    }
    for a in 0..n {
        let at = &p.atoms[a];
        // Landing-pad, adapter and stack-map records follow their functions (layout drops the
        // records of removed ones).
        let sname = &p.w.sec(at.obj, at.sec).name;
        if at.kind == AtomKind::GoData
            && sname != EXCTAB_SECTION
            && sname != ADAPTERS_SECTION
            && sname != STACKMAPS_SECTION
        {
            p.mark(a);
        }
    }
    // Adapter records {key, adapter}: the adapter lives while its key (a function or a func
    // type) does.
    for a in 0..n {
        let at = &p.atoms[a];
        let s = p.w.sec(at.obj, at.sec);
        if at.kind != AtomKind::GoData || s.name != ADAPTERS_SECTION {
            continue;
        }
        for r in s.relocs.iter().filter(|r| r.offset % 16 == 0) {
            let Some(ad) = s.relocs.iter().find(|x| x.offset == r.offset + 8) else {
                continue;
            };
            let key = p.target_atom(p.w.resolve(at.obj, r.sym), r.addend);
            let adapter = p.target_atom(p.w.resolve(at.obj, ad.sym), ad.addend);
            if let (Some(k), Some(v)) = (key, adapter) {
                p.follow.entry(k).or_default().push(v);
            }
        }
    }
    for &(oi, si) in root_secs {
        if let Some(a) = p.atom_at(oi, si, 0) {
            p.mark(a);
        }
    }
    for name in roots_by_name {
        if let Some(a) = p.by_name(name) {
            p.mark(a);
        }
    }
    if let Some(a) = p.by_name("runtime.unreachableMethod") {
        p.mark(a);
    }
    // Interface methods the Rust runtime calls (printing panic values), as gc's runtime does
    // in Go.
    for (n, sig) in [
        ("Error", "type:func() string"),
        ("String", "type:func() string"),
    ] {
        p.iface_methods.insert((n.to_string(), sig.to_string()));
    }
    p.flood();
    loop {
        let cands = std::mem::take(&mut p.candidates);
        let mut rest = Vec::new();
        for m in cands {
            let exported = m.name.chars().next().is_some_and(char::is_uppercase);
            if (p.reflect_seen && exported)
                || p.iface_methods.contains(&(m.name.clone(), m.sig.clone()))
                || p.named_methods.contains(&m.name)
            {
                for t in m.targets.into_iter().flatten() {
                    p.mark(t);
                }
            } else {
                rest.push(m);
            }
        }
        p.candidates = rest;
        // Method wrappers are local to each object that needs them, where gc has one DUPOK
        // symbol: an itab slot whose own copy is unreached lives when another copy of the same
        // method does.
        let live_code: HashSet<&str> = p
            .atoms
            .iter()
            .enumerate()
            .filter(|(a, at)| p.reach[*a] && at.kind == AtomKind::Code)
            .map(|(_, at)| at.name.as_str())
            .collect();
        let revive: Vec<usize> = p
            .itab_slots
            .iter()
            .copied()
            .filter(|&x| !p.reach[x] && live_code.contains(p.atoms[x].name.as_str()))
            .collect();
        for x in revive {
            p.mark(x);
        }
        if p.work.is_empty() {
            break;
        }
        p.flood();
    }
    // `RGO_LINK_WHY=name`: print the chain of atoms that kept `name` (gc's -dumpdep, focused).
    if let Ok(why) = std::env::var("RGO_LINK_WHY") {
        let mut a = p.by_name(&why);
        let mut depth = 0;
        while let Some(x) = a.filter(|&x| x < n && depth < 64) {
            let at = &p.atoms[x];
            eprintln!(
                "{} {} ({}:{}+{:#x}){}",
                if depth == 0 { "  " } else { "<-" },
                at.name,
                p.w.objs[at.obj].name,
                p.w.sec(at.obj, at.sec).name,
                at.start,
                if p.used[x] { " <UsedInIface>" } else { "" }
            );
            a = p.parent[x];
            depth += 1;
        }
    }
    let mut live: Vec<Vec<bool>> = p.w.objs.iter().map(|o| vec![false; o.secs.len()]).collect();
    let mut dead: HashSet<(usize, usize, u64)> = HashSet::new();
    for (a, at) in p.atoms.iter().enumerate() {
        // Record tables stay linked: layout keeps the records of live functions.
        let records = at.kind == AtomKind::GoData
            && matches!(
                p.w.sec(at.obj, at.sec).name.as_str(),
                EXCTAB_SECTION | ADAPTERS_SECTION | STACKMAPS_SECTION
            );
        if p.reach[a] || records {
            live[at.obj][at.sec] = true;
        } else if matches!(
            at.kind,
            AtomKind::Code | AtomKind::Type | AtomKind::Itab | AtomKind::TypeData
        ) {
            dead.insert((at.obj, at.sec, at.start));
        }
    }
    let split: HashMap<(usize, usize), Vec<u64>> = p
        .index
        .iter()
        .filter(|(_, (first, _))| {
            matches!(
                p.atoms[*first].kind,
                AtomKind::Code | AtomKind::Type | AtomKind::Itab | AtomKind::TypeData
            )
        })
        .map(|(k, (_, starts))| (*k, starts.clone()))
        .collect();
    w.live = live;
    w.dead = dead;
    w.split = split;
    Ok(())
}
