//! Symbol resolution: global table, archive extraction to a fixpoint, COMDAT dedup, section GC.

use crate::input::{self, InSec, InSym, Obj, SymDef};
use crate::layout::{OutSec, classify};
use crate::{Input, InputKind, LinkError, LinkOptions, Undefined};
use object::elf;
use std::collections::{HashMap, HashSet};

/// Symbols the linker itself defines (gc's boundary and table symbols). An input may not define
/// them, except those in [`LINKER_OPTIONAL`].
pub(crate) const LINKER_SYMS: &[&str] = &[
    "runtime.text",
    "runtime.etext",
    "runtime.rodata",
    "runtime.erodata",
    "runtime.exctab",
    "runtime.eexctab",
    "runtime.stackmaps",
    "runtime.estackmaps",
    "runtime.adapters",
    "runtime.eadapters",
    "runtime.types",
    "runtime.etypes",
    "runtime.noptrdata",
    "runtime.enoptrdata",
    "runtime.data",
    "runtime.edata",
    "runtime.bss",
    "runtime.ebss",
    "runtime.noptrbss",
    "runtime.enoptrbss",
    "runtime.rtnoptrdata",
    "runtime.rtnoptrbss",
    "runtime.covctrs",
    "runtime.ecovctrs",
    "runtime.end",
    "runtime.gcdata",
    "runtime.egcdata",
    "runtime.gcbss",
    "runtime.egcbss",
    "runtime.pclntab",
    "runtime.pcheader",
    "runtime.funcnametab",
    "runtime.cutab",
    "runtime.filetab",
    "runtime.pctab",
    "runtime.functab",
    "runtime.findfunctab",
    "runtime.epclntab",
    "runtime.textsectionmap",
    "runtime.firstmoduledata",
    "go:textfipsstart",
    "go:textfipsend",
    "go:rodatafipsstart",
    "go:rodatafipsend",
    "go:noptrdatafipsstart",
    "go:noptrdatafipsend",
    "go:datafipsstart",
    "go:datafipsend",
    "go:func.*",
    "go:funcdesc",
    "go:buildinfo",
    "go:buildinfo.ref",
    "go:fipsinfo",
    "go:main.inittasks",
];

/// Defined by the linker only when no input defines them.
pub(crate) const LINKER_OPTIONAL: &[&str] = &[
    "runtime.lastmoduledatap",
    "type:*",
    "go:link.thispluginpath",
    "go:rgo.hostsyms",
];

pub(crate) fn linker_provides(name: &str) -> bool {
    LINKER_SYMS.contains(&name) || LINKER_OPTIONAL.contains(&name)
}

/// The winning definition of a global name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GDef {
    pub obj: usize,
    pub sym: usize,
    pub weak: bool,
}

/// What a relocation's symbol resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    /// Offset `value` inside input section `sec` of object `obj`.
    Sec {
        obj: usize,
        sec: usize,
        value: u64,
        section_sym: bool,
    },
    Abs(u64),
    /// A linker-defined symbol; resolved by name (index into the name table of the world).
    Linker(usize),
    /// Undefined: 0 when weak. `func` tells whether the reference expects code (for the
    /// sentinel written into section-relative offsets).
    Undef {
        weak: bool,
        func: bool,
    },
}

pub(crate) struct World<'a> {
    pub objs: Vec<Obj<'a>>,
    pub globals: HashMap<String, GDef>,
    /// Names of linker symbols referenced via [`Target::Linker`].
    pub linker_names: Vec<String>,
    linker_ids: HashMap<String, usize>,
    /// live[obj][sec]: the section is linked.
    pub live: Vec<Vec<bool>>,
    /// Pieces (obj, sec, start) of split Go sections that the dead-code pass removed.
    pub dead: HashSet<(usize, usize, u64)>,
    /// Piece starts of the split Go sections the dead-code pass saw.
    pub split: HashMap<(usize, usize), Vec<u64>>,
}

impl<'a> World<'a> {
    pub fn linker_id(&mut self, name: &str) -> usize {
        if let Some(&i) = self.linker_ids.get(name) {
            return i;
        }
        let i = self.linker_names.len();
        self.linker_names.push(name.to_string());
        self.linker_ids.insert(name.to_string(), i);
        i
    }

    /// Resolve symbol `sym` of object `obj`.
    pub fn resolve(&self, obj: usize, sym: usize) -> Target {
        let Some(s) = self.objs.get(obj).and_then(|o| o.syms.get(sym)) else {
            return Target::Undef {
                weak: false,
                func: false,
            };
        };
        if sym == 0 {
            return Target::Abs(0);
        }
        let local_def = |o: usize, d: SymDef, st_type: u8| match d {
            SymDef::Sec(sec, value) => Target::Sec {
                obj: o,
                sec,
                value,
                section_sym: st_type == elf::STT_SECTION,
            },
            SymDef::Abs(v) => Target::Abs(v),
            _ => Target::Undef {
                weak: false,
                func: st_type == elf::STT_FUNC,
            },
        };
        if s.is_local() {
            return local_def(obj, s.def, s.st_type);
        }
        if let Some(g) = self.globals.get(&s.name) {
            let gs = &self.objs[g.obj].syms[g.sym];
            return local_def(g.obj, gs.def, gs.st_type);
        }
        if let Some(&i) = self.linker_ids.get(&s.name) {
            return Target::Linker(i);
        }
        // Undefined symbols are usually STT_NOTYPE, so code-ness is also judged by name: in
        // type data only type descriptors (`type:…`, typeOff → 0) and methods (textOff → -1)
        // are referenced weakly.
        Target::Undef {
            weak: s.is_weak(),
            func: s.st_type == elf::STT_FUNC || !s.name.starts_with("type:"),
        }
    }

    /// Look a global up by name (for the linker's own references).
    pub fn lookup(&self, name: &str) -> Option<Target> {
        if let Some(g) = self.globals.get(name) {
            let gs = &self.objs[g.obj].syms[g.sym];
            if let SymDef::Sec(sec, value) = gs.def {
                return Some(Target::Sec {
                    obj: g.obj,
                    sec,
                    value,
                    section_sym: false,
                });
            }
            if let SymDef::Abs(v) = gs.def {
                return Some(Target::Abs(v));
            }
        }
        self.linker_ids.get(name).map(|&i| Target::Linker(i))
    }

    /// Whether offset `off` of input section (obj, sec) lies in a piece the dead-code pass
    /// removed.
    pub fn is_dead(&self, obj: usize, sec: usize, off: u64) -> bool {
        if self.dead.is_empty() {
            return false;
        }
        let Some(starts) = self.split.get(&(obj, sec)) else {
            return false;
        };
        let i = starts.partition_point(|&s| s <= off);
        i > 0 && self.dead.contains(&(obj, sec, starts[i - 1]))
    }

    pub fn sec(&self, obj: usize, sec: usize) -> &InSec<'a> {
        &self.objs[obj].secs[sec]
    }
}

fn add_object<'a>(
    objs: &mut Vec<Obj<'a>>,
    globals: &mut HashMap<String, GDef>,
    comdats: &mut HashSet<String>,
    mut obj: Obj<'a>,
) -> Result<(), LinkError> {
    let oi = objs.len();
    for (sig, members) in &obj.groups {
        if !comdats.insert(sig.clone()) {
            for &m in members {
                obj.secs[m].discarded = true;
            }
        }
    }
    for (si, s) in obj.syms.iter().enumerate() {
        if si == 0 || s.is_local() || s.def == SymDef::Undef || s.name.is_empty() {
            continue;
        }
        if s.def == SymDef::Common {
            return Err(LinkError::Input {
                input: obj.name.clone(),
                msg: format!("common symbol \"{}\" is not supported", s.name),
            });
        }
        if let SymDef::Sec(sec, _) = s.def
            && obj.secs[sec].discarded
        {
            continue;
        }
        if LINKER_SYMS.contains(&s.name.as_str()) {
            return Err(LinkError::Input {
                input: obj.name.clone(),
                msg: format!("defines \"{}\", which the linker defines", s.name),
            });
        }
        let new = GDef {
            obj: oi,
            sym: si,
            weak: s.is_weak(),
        };
        match globals.get(&s.name) {
            None => {
                globals.insert(s.name.clone(), new);
            }
            Some(old) if old.weak && !new.weak => {
                globals.insert(s.name.clone(), new);
            }
            Some(old) if !old.weak && !new.weak => {
                // gc's loader lets a definition with contents (or code) replace a zeroed one
                // of the same name, and the bigger of two zeroed ones win: a Go variable
                // declared without a value and defined by assembly's DATA (checktest.RODATA).
                let bss = |o: &Obj, sym: &InSym| match sym.def {
                    SymDef::Sec(sec, _) => o.secs[sec].is_nobits(),
                    _ => false,
                };
                let old_obj = &objs[old.obj];
                let old_sym = &old_obj.syms[old.sym];
                let (old_bss, new_bss) = (bss(old_obj, old_sym), bss(&obj, s));
                if old_bss && (!new_bss || s.size > old_sym.size) {
                    globals.insert(s.name.clone(), new);
                } else if !new_bss {
                    return Err(LinkError::Duplicate {
                        symbol: s.name.clone(),
                        first: objs[old.obj].name.clone(),
                        second: obj.name.clone(),
                    });
                }
            }
            Some(_) => {}
        }
    }
    objs.push(obj);
    Ok(())
}

/// Undefined, non-weak global names referenced by the loaded objects, in a deterministic order.
fn wanted(objs: &[Obj], globals: &HashMap<String, GDef>, entry: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    // The entry point is wanted although nothing references it.
    let mut out = vec![entry.to_string()];
    for o in objs {
        for s in &o.syms {
            if !s.is_local()
                && s.def == SymDef::Undef
                && !s.is_weak()
                && !s.name.is_empty()
                && !globals.contains_key(&s.name)
                && !linker_provides(&s.name)
                && seen.insert(s.name.as_str())
            {
                out.push(s.name.clone());
            }
        }
    }
    out
}

/// Load all inputs: objects first, then archive members on demand until nothing new is needed;
/// then mark live sections.
pub(crate) fn load<'a>(inputs: &[Input<'a>], opts: &LinkOptions) -> Result<World<'a>, LinkError> {
    let mut objs = Vec::new();
    let mut globals = HashMap::new();
    let mut comdats = HashSet::new();
    // Go objects sort after every archive member (the runtime's code comes first in .text).
    let go_base = inputs.len();
    for (i, inp) in inputs.iter().enumerate() {
        if inp.kind == InputKind::Object {
            let o = input::parse_object(&inp.name, inp.data, true, (go_base + i, 0))?;
            add_object(&mut objs, &mut globals, &mut comdats, o)?;
        }
    }
    // Archive members, parsed once; provider = first member defining a name.
    let mut members: Vec<Option<Obj<'a>>> = Vec::new();
    let mut provider: HashMap<String, usize> = HashMap::new();
    for (i, inp) in inputs.iter().enumerate() {
        if inp.kind != InputKind::Archive {
            continue;
        }
        for (j, (mname, data)) in input::archive_members(&inp.name, inp.data)?
            .into_iter()
            .enumerate()
        {
            let o = input::parse_object(&mname, data, false, (i, j))?;
            let mi = members.len();
            for s in &o.syms {
                if !s.is_local() && matches!(s.def, SymDef::Sec(..) | SymDef::Abs(_)) {
                    provider.entry(s.name.clone()).or_insert(mi);
                }
            }
            members.push(Some(o));
        }
    }
    // A host that loads plugins keeps every Go-facing runtime entry point: a plugin may call
    // one the host itself never does (gc's hosts link the whole runtime too).
    let keep_all: Vec<String> = if opts.host_symbols {
        let mut v: Vec<String> = provider.keys().filter(|n| go_facing(n)).cloned().collect();
        v.sort();
        v
    } else {
        Vec::new()
    };
    loop {
        let mut changed = false;
        let mut names = wanted(&objs, &globals, &opts.entry);
        names.extend(keep_all.iter().cloned());
        for name in names {
            if globals.contains_key(&name) {
                continue;
            }
            if let Some(&mi) = provider.get(&name)
                && let Some(o) = members[mi].take()
            {
                add_object(&mut objs, &mut globals, &mut comdats, o)?;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let live = objs.iter().map(|o| vec![false; o.secs.len()]).collect();
    let mut w = World {
        objs,
        globals,
        linker_names: Vec::new(),
        linker_ids: HashMap::new(),
        live,
        dead: HashSet::new(),
        split: HashMap::new(),
    };
    for n in LINKER_SYMS.iter().chain(LINKER_OPTIONAL) {
        if !w.globals.contains_key(*n) {
            w.linker_id(n);
        }
    }
    mark_live(&mut w, opts)?;
    // A plugin's undefined symbols are its imports: the loader binds them to the host's.
    if opts.plugin_path.is_none() {
        check_undefined(&w)?;
    }
    Ok(w)
}

/// A symbol Go code can name: a runtime entry point exported under a Go package's name
/// (`runtime.newobject`, `reflect.resolveTypeOff`), unlike the Rust runtime's internal symbols.
fn go_facing(name: &str) -> bool {
    name.contains('.') && !name.starts_with('.') && !name.starts_with('_')
}

pub(crate) fn linkable(s: &InSec, is_go: bool) -> bool {
    !s.discarded && s.is_alloc() && classify(s, is_go).ok().flatten().is_some()
}

fn mark_live(w: &mut World, opts: &LinkOptions) -> Result<(), LinkError> {
    let mut work: Vec<(usize, usize)> = Vec::new();
    for (oi, o) in w.objs.iter().enumerate() {
        for (si, s) in o.secs.iter().enumerate() {
            // Unsupported section kinds are reported now, for any object we link.
            if !s.discarded && s.is_alloc() {
                classify(s, o.is_go).map_err(|msg| LinkError::Input {
                    input: o.name.clone(),
                    msg: format!("section {}: {msg}", s.name),
                })?;
            }
            let retain = s.flags & u64::from(elf::SHF_GNU_RETAIN) != 0;
            if linkable(s, o.is_go) && (o.is_go || retain || !opts.gc_sections) {
                work.push((oi, si));
            }
        }
    }
    // Roots by name: the entry point and every package init task.
    let mut root_names = vec![opts.entry.clone()];
    root_names.extend(
        w.globals
            .keys()
            .filter(|n| n.ends_with("..inittask"))
            .cloned(),
    );
    if opts.host_symbols {
        root_names.extend(w.globals.keys().filter(|n| go_facing(n)).cloned());
    }
    root_names.sort();
    // Symbol-level reachability with gc's method rules (deadcode.rs). Plugins and their hosts
    // keep every Go function: another module may call any of them.
    if opts.gc_sections && !opts.host_symbols && opts.plugin_path.is_none() {
        let retained: Vec<(usize, usize)> = w
            .objs
            .iter()
            .enumerate()
            .flat_map(|(oi, o)| {
                o.secs.iter().enumerate().filter_map(move |(si, s)| {
                    (linkable(s, o.is_go) && s.flags & u64::from(elf::SHF_GNU_RETAIN) != 0)
                        .then_some((oi, si))
                })
            })
            .collect();
        crate::deadcode::run(w, &root_names, &retained)?;
        return check_discarded(w);
    }
    for n in &root_names {
        if let Some(Target::Sec { obj, sec, .. }) = w.lookup(n) {
            work.push((obj, sec));
        }
    }
    while let Some((oi, si)) = work.pop() {
        if w.live[oi][si] {
            continue;
        }
        w.live[oi][si] = true;
        for r in &w.objs[oi].secs[si].relocs {
            if let Target::Sec { obj, sec, .. } = w.resolve(oi, r.sym)
                && !w.live[obj][sec]
            {
                let s = &w.objs[obj].secs[sec];
                if linkable(s, w.objs[obj].is_go) {
                    work.push((obj, sec));
                } else if s.discarded {
                    // A reference into a discarded COMDAT copy through a local or section symbol:
                    // there is no equivalent address to give it.
                    return Err(LinkError::Reloc {
                        object: w.objs[oi].name.clone(),
                        section: w.objs[oi].secs[si].name.clone(),
                        offset: r.offset,
                        symbol: w.objs[oi].syms[r.sym].name.clone(),
                        msg: format!("target section {} was discarded (COMDAT)", s.name),
                    });
                }
            }
        }
    }
    Ok(())
}

/// A live section may not refer into a discarded COMDAT copy through a local or section symbol:
/// there is no equivalent address to give it.
fn check_discarded(w: &World) -> Result<(), LinkError> {
    for (oi, o) in w.objs.iter().enumerate() {
        for (si, s) in o.secs.iter().enumerate() {
            if !w.live[oi][si] {
                continue;
            }
            for r in &s.relocs {
                if let Target::Sec { obj, sec, .. } = w.resolve(oi, r.sym)
                    && w.objs[obj].secs[sec].discarded
                {
                    return Err(LinkError::Reloc {
                        object: o.name.clone(),
                        section: s.name.clone(),
                        offset: r.offset,
                        symbol: o.syms[r.sym].name.clone(),
                        msg: format!(
                            "target section {} was discarded (COMDAT)",
                            w.objs[obj].secs[sec].name
                        ),
                    });
                }
            }
        }
    }
    Ok(())
}

fn check_undefined(w: &World) -> Result<(), LinkError> {
    let mut list: Vec<Undefined> = Vec::new();
    let mut idx: HashMap<String, usize> = HashMap::new();
    for (oi, o) in w.objs.iter().enumerate() {
        for (si, s) in o.secs.iter().enumerate() {
            if !w.live[oi][si] {
                continue;
            }
            for r in &s.relocs {
                if let Target::Undef { weak: false, .. } = w.resolve(oi, r.sym) {
                    let name = o.syms[r.sym].name.clone();
                    let i = *idx.entry(name.clone()).or_insert_with(|| {
                        list.push(Undefined {
                            symbol: name,
                            referenced_by: Vec::new(),
                        });
                        list.len() - 1
                    });
                    if !list[i].referenced_by.contains(&o.name) {
                        list[i].referenced_by.push(o.name.clone());
                    }
                }
            }
        }
    }
    if list.is_empty() {
        Ok(())
    } else {
        Err(LinkError::Undefined(list))
    }
}

/// Output section of a live section, or None when it is dropped.
pub(crate) fn out_of(w: &World, obj: usize, sec: usize) -> Option<OutSec> {
    if !w.live[obj][sec] {
        return None;
    }
    classify(&w.objs[obj].secs[sec], w.objs[obj].is_go)
        .ok()
        .flatten()
}
