//! rgo's linker: relocatable x86-64 ELF objects (from the backend) plus the runtime archive (a Rust
//! staticlib) in, a static linux/amd64 executable laid out like gc 1.27.3's out.
//!
//! The pipeline (see README.md for the invariants):
//! 1. [`input`]: parse objects and archives into owned tables.
//! 2. [`resolve`]: global symbol table, archive member extraction to a fixpoint, COMDAT dedup,
//!    section garbage collection of archive members (Go objects are kept whole).
//! 3. [`layout`]: input sections become chunks of gc's output sections; the linker adds its own
//!    data (pclntab, moduledata, build info, notes, init tasks, GC programs); addresses follow gc's
//!    fixed scheme (text at 0x401000, file offset = vaddr − 0x400000).
//! 4. relocation, then [`elf`] writes the file with gc's section order and symbol table.

mod deadcode;
mod dwarf;
mod elf;
mod fips;
mod gotype;
mod input;
mod layout;
mod lines;
mod pclntab;
mod plugin;
mod resolve;
mod synth;

use std::fmt;

pub use gotype::{TypeOrder, is_typelink_name};
pub use lines::{DebugLocal, DebugParam, LINES_SECTION, LINES_VERSION, LineRecord};

/// What an input holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// A relocatable ELF object produced by the backend: kept whole, its code after the runtime's.
    Object,
    /// An ar archive (the runtime staticlib): members are extracted on demand and their unreferenced
    /// sections garbage-collected.
    Archive,
}

/// One input file, borrowed.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    pub name: String,
    pub data: &'a [u8],
    pub kind: InputKind,
}

/// What the data/bss GC programs (runtime.gcdata / runtime.gcbss) say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DataMask {
    /// No word of .data/.bss holds a pointer (gc's shape, wrong for pointerful globals until the
    /// compiler passes per-symbol masks).
    #[default]
    NoPointers,
    /// Every word may hold a pointer: a conservative mask for a non-moving collector.
    AllPointers,
}

/// Link options. `LinkOptions::default()` matches what `go build x.go` would do.
#[derive(Clone, Debug)]
pub struct LinkOptions {
    /// ELF entry symbol (`_rt0_amd64_linux`).
    pub entry: String,
    /// runtime.buildVersion as written to .go.buildinfo (`go1.27.3`).
    pub build_version: String,
    /// The main package's path as `go version -m` shows it (`command-line-arguments`).
    pub main_path: String,
    /// Omit .symtab/.strtab and the DWARF sections (`-ldflags=-s`).
    pub strip: bool,
    /// Write DWARF debug sections (`-ldflags=-w` turns them off).
    pub dwarf: bool,
    /// GOROOT, named in `.debug_gdb_scripts` (`$GOROOT/src/runtime/runtime-gdb.py`).
    pub goroot: Option<String>,
    /// The whole modinfo text (between the sentinels). `None`: gc's text for a command-line build.
    pub modinfo: Option<String>,
    /// Import edges (package, imported package) for ordering init tasks. Without edges every
    /// package is assumed to import `runtime` and `main` to import every other package.
    pub init_deps: Vec<(String, String)>,
    /// How typelink descriptors in .go.type are ordered.
    pub type_order: TypeOrder,
    /// Content of the data/bss pointer masks.
    pub data_mask: DataMask,
    /// Garbage-collect unreferenced sections of archive members.
    pub gc_sections: bool,
    /// `-buildmode=plugin`: the plugin path of the main package. The output is an `ET_DYN`
    /// object with its own moduledata, whose undefined and interposable symbols the runtime's
    /// loader binds to the host's (docs/plugin.md).
    pub plugin_path: Option<String>,
    /// The executable can load plugins: it carries the table of its global symbols
    /// (`go:rgo.hostsyms`) that the loader binds plugins to.
    pub host_symbols: bool,
    /// Hosts and plugins: each package's version hash (gc's fingerprint), for
    /// `go:link.pkghash.<package>` and a plugin's moduledata.pkghashes.
    pub pkghashes: Vec<(String, Vec<u8>)>,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            entry: "_rt0_amd64_linux".into(),
            build_version: "go1.27.3".into(),
            main_path: "command-line-arguments".into(),
            strip: false,
            dwarf: true,
            goroot: None,
            modinfo: None,
            init_deps: Vec::new(),
            type_order: TypeOrder::default(),
            data_mask: DataMask::default(),
            gc_sections: true,
            plugin_path: None,
            host_symbols: false,
            pkghashes: Vec::new(),
        }
    }
}

/// A symbol that is referenced but defined nowhere, with every object referencing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undefined {
    pub symbol: String,
    pub referenced_by: Vec<String>,
}

/// Everything that can go wrong; every variant names the object/section/symbol at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// An input could not be parsed or uses something unsupported.
    Input {
        input: String,
        msg: String,
    },
    Undefined(Vec<Undefined>),
    Duplicate {
        symbol: String,
        first: String,
        second: String,
    },
    Reloc {
        object: String,
        section: String,
        offset: u64,
        symbol: String,
        msg: String,
    },
    Layout(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Input { input, msg } => write!(f, "{input}: {msg}"),
            LinkError::Undefined(list) => {
                for (i, u) in list.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    let by = u.referenced_by.first().map(String::as_str).unwrap_or("?");
                    write!(f, "{by}: undefined: \"{}\"", u.symbol)?;
                    if u.referenced_by.len() > 1 {
                        write!(
                            f,
                            " (also referenced by {})",
                            u.referenced_by[1..].join(", ")
                        )?;
                    }
                }
                Ok(())
            }
            LinkError::Duplicate {
                symbol,
                first,
                second,
            } => {
                write!(
                    f,
                    "duplicate symbol \"{symbol}\": defined in {first} and {second}"
                )
            }
            LinkError::Reloc {
                object,
                section,
                offset,
                symbol,
                msg,
            } => {
                write!(
                    f,
                    "{object}({section}+{offset:#x}): relocation to \"{symbol}\": {msg}"
                )
            }
            LinkError::Layout(msg) => write!(f, "layout: {msg}"),
        }
    }
}

impl std::error::Error for LinkError {}

/// One output section as laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionInfo {
    pub name: String,
    pub addr: u64,
    pub offset: u64,
    pub size: u64,
}

/// One output symbol as laid out (the .symtab view, including hidden symbols).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolInfo {
    pub name: String,
    pub addr: u64,
    pub size: u64,
    pub section: String,
    /// In .symtab (type descriptors, itabs, funcvals and pclntab pieces are hidden as gc hides them).
    pub in_symtab: bool,
}

/// The debug dump of a link: what `-ldflags=-v` shows.
#[derive(Clone, Debug, Default)]
pub struct LinkReport {
    pub entry: u64,
    pub sections: Vec<SectionInfo>,
    pub symbols: Vec<SymbolInfo>,
    /// Objects actually linked (archive members included only when extracted).
    pub objects: Vec<String>,
    pub build_id: String,
    pub nfunc: usize,
    pub typedesclen: u64,
    pub itaboffset: u64,
    pub itabsize: u64,
    /// Package init tasks in go:main.inittasks order.
    pub inittasks: Vec<String>,
}

impl LinkReport {
    /// Human-readable dump: sections, then symbols by address.
    pub fn describe(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(s, "entry {:#x}  build id {}", self.entry, self.build_id);
        let _ = writeln!(s, "objects ({}):", self.objects.len());
        for o in &self.objects {
            let _ = writeln!(s, "  {o}");
        }
        let _ = writeln!(s, "sections:");
        for sec in &self.sections {
            let _ = writeln!(
                s,
                "  {:<20} addr {:#010x} off {:#08x} size {:#x}",
                sec.name, sec.addr, sec.offset, sec.size
            );
        }
        let _ = writeln!(
            s,
            "pclntab: {} funcs; types: typedesclen {:#x} itaboffset {:#x} itabsize {:#x}",
            self.nfunc, self.typedesclen, self.itaboffset, self.itabsize
        );
        let _ = writeln!(s, "inittasks: {}", self.inittasks.join(" "));
        let _ = writeln!(s, "symbols:");
        let mut syms: Vec<&SymbolInfo> = self.symbols.iter().collect();
        syms.sort_by(|a, b| a.addr.cmp(&b.addr).then_with(|| a.name.cmp(&b.name)));
        for sym in syms {
            let _ = writeln!(
                s,
                "  {:#010x} {:>8} {:<12} {}{}",
                sym.addr,
                sym.size,
                sym.section,
                sym.name,
                if sym.in_symtab { "" } else { "  (hidden)" }
            );
        }
        s
    }
}

/// Link `inputs` into an executable.
pub fn link(inputs: &[Input], opts: &LinkOptions) -> Result<Vec<u8>, LinkError> {
    link_with_report(inputs, opts).map(|(bytes, _)| bytes)
}

/// Link and also return the layout dump.
pub fn link_with_report(
    inputs: &[Input],
    opts: &LinkOptions,
) -> Result<(Vec<u8>, LinkReport), LinkError> {
    let world = resolve::load(inputs, opts)?;
    layout::link_world(world, inputs, opts)
}

/// [`LinkReport::describe`] of a link.
pub fn describe_layout(inputs: &[Input], opts: &LinkOptions) -> Result<String, LinkError> {
    link_with_report(inputs, opts).map(|(_, r)| r.describe())
}
