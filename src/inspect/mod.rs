//! `rgo inspect`: decodes the runtime data of a gc- or rgo-built linux/amd64 executable —
//! moduledata, type descriptors, itabs, pclntab, build info — into a stable, address-free text
//! form, and diffs two such dumps. The output format is documented in docs/inspect.md.
//!
//! Nothing here trusts the input: every read is bounds-checked through `Image`, every loop over
//! counts read from the file is capped, and failures become messages, never panics.

mod buildinfo;
mod diff;
mod filter;
pub(crate) mod image;
pub(crate) mod moduledata;
pub(crate) mod name;
pub(crate) mod pclntab;
pub(crate) mod types;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashSet};
use std::io::Write;

use filter::Filter;
use image::Image;
use moduledata::{FIELDS, FieldKind, Moduledata};
use pclntab::Pclntab;
use types::{Ctx, TypeSet};

const USAGE: &str = "usage: rgo inspect [--moduledata] [--plugin] [--types] [--itabs] [--pclntab] [--buildinfo]\n\
    \t[--filter PATTERN] [--pkg NAME] [--no-syms] BINARY\n\
    \trgo inspect --diff [section flags] [--filter PATTERN] [--pkg NAME] A B";

/// What to print and which entries to keep.
#[derive(Default)]
pub struct Options {
    pub moduledata: bool,
    /// A plugin's pluginpath, ptab entries and package hashes (also shown with --moduledata).
    pub plugin: bool,
    pub types: bool,
    pub itabs: bool,
    pub pclntab: bool,
    pub buildinfo: bool,
    pub filter: Option<Filter>,
    pub pkg: Option<String>,
    /// Ignore the ELF symbol table (makes stripped and unstripped dumps comparable).
    pub no_syms: bool,
}

impl Options {
    fn keep(&self, s: &str) -> bool {
        self.filter.as_ref().is_none_or(|f| f.is_match(s))
    }
    fn keep_pkg(&self, s: &str) -> bool {
        self.pkg.as_deref().is_none_or(|p| mentions_pkg(s, p))
    }
}

/// Entry point of `rgo inspect`; `args` are the words after `inspect`. Returns the exit status:
/// 0 success (or identical dumps with `--diff`), 1 dumps differ, 2 usage or input errors.
pub fn run_inspect(args: &[String]) -> i32 {
    let mut opts = Options::default();
    let mut diff_mode = false;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a, None),
        };
        let value = |i: &mut usize| -> Option<String> {
            if inline.is_some() {
                return inline.clone();
            }
            *i += 1;
            args.get(*i).cloned()
        };
        match flag {
            "--moduledata" => opts.moduledata = true,
            "--types" => opts.types = true,
            "--itabs" => opts.itabs = true,
            "--pclntab" => opts.pclntab = true,
            "--buildinfo" => opts.buildinfo = true,
            "--plugin" => opts.plugin = true,
            "--diff" => diff_mode = true,
            "--no-syms" => opts.no_syms = true,
            "--filter" => match value(&mut i) {
                Some(v) => opts.filter = Some(Filter::new(&v)),
                None => return usage("--filter needs a pattern"),
            },
            "--pkg" => match value(&mut i) {
                Some(v) => opts.pkg = Some(v),
                None => return usage("--pkg needs a package name"),
            },
            "-h" | "--help" | "-help" => {
                println!("{USAGE}");
                return 0;
            }
            f if f.starts_with('-') && f.len() > 1 => {
                return usage(&format!("unknown flag {f}"));
            }
            _ => files.push(a.to_string()),
        }
        i += 1;
    }
    if !(opts.moduledata
        || opts.types
        || opts.itabs
        || opts.pclntab
        || opts.buildinfo
        || opts.plugin)
    {
        opts.moduledata = true;
        opts.buildinfo = true;
        opts.types = true;
        opts.itabs = true;
    }
    if diff_mode {
        if files.len() != 2 {
            return usage("--diff needs exactly two binaries");
        }
        let (a, b) = match (dump(&files[0], &opts), dump(&files[1], &opts)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("rgo inspect: {e}");
                return 2;
            }
        };
        let la: Vec<&str> = a.lines().collect();
        let lb: Vec<&str> = b.lines().collect();
        let text = diff::unified(&la, &lb, &files[0], &files[1], 3);
        let n = diff::count_changes(&diff::diff_lines(&la, &lb));
        let mut out = text;
        out.push_str(&format!("{n} differences\n"));
        write_stdout(&out);
        return if n == 0 { 0 } else { 1 };
    }
    if files.len() != 1 {
        return usage("expected one binary");
    }
    match dump(&files[0], &opts) {
        Ok(s) => {
            write_stdout(&s);
            0
        }
        Err(e) => {
            eprintln!("rgo inspect: {e}");
            2
        }
    }
}

fn usage(msg: &str) -> i32 {
    eprintln!("rgo inspect: {msg}\n{USAGE}");
    2
}

/// Writes to stdout, ignoring a closed pipe (`rgo inspect x | head` must not panic).
fn write_stdout(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

/// Produces the whole dump of one binary.
pub fn dump(path: &str, opts: &Options) -> Result<String, String> {
    let mut img = Image::open(path).map_err(|e| format!("{path}: {e}"))?;
    if opts.no_syms {
        img.drop_symbols();
    }
    dump_image(&img, opts).map_err(|e| format!("{path}: {e}"))
}

pub fn dump_image(img: &Image, opts: &Options) -> Result<String, String> {
    let mut out: Vec<String> = Vec::new();
    let need_md = opts.moduledata || opts.types || opts.itabs || opts.pclntab || opts.plugin;
    let md = if need_md {
        Some(moduledata::find_moduledata(img).ok_or("no Go moduledata found")?)
    } else {
        None
    };
    let pcln = md.as_ref().map(|md| Pclntab::decode(img, md));
    let analysis = match (&md, &pcln) {
        (Some(md), Some(pcln)) => {
            let cx = Ctx { img, md, pcln };
            let (itabs, itab_errs) = types::collect_itabs(&cx);
            let roots: Vec<u64> = itabs.iter().flat_map(|it| [it.inter, it.typ]).collect();
            let set = types::collect_types(&cx, &roots);
            Some((itabs, itab_errs, set))
        }
        _ => None,
    };
    if opts.moduledata
        && let (Some(md), Some(pcln), Some((itabs, _, set))) = (&md, &pcln, &analysis)
    {
        out.push("== moduledata ==".into());
        render_moduledata(img, md, pcln, set, itabs.len(), &mut out);
        out.push(String::new());
    }
    if let (Some(md), Some(pcln)) = (&md, &pcln)
        && (opts.plugin || opts.moduledata)
    {
        let cx = Ctx { img, md, pcln };
        let pluginpath = img.u64(md.addr + 416).unwrap_or(0) > 0;
        if pluginpath || opts.plugin {
            out.push("== plugin ==".into());
            render_plugin(&cx, &mut out);
            out.push(String::new());
        }
    }
    if opts.buildinfo {
        out.push("== buildinfo ==".into());
        match buildinfo::find(img) {
            Ok(bi) => out.extend(buildinfo::render(&bi)),
            Err(e) => out.push(format!("error: {e}")),
        }
        out.push(String::new());
    }
    if let (Some(md), Some(pcln), Some((itabs, itab_errs, set))) = (&md, &pcln, &analysis) {
        let cx = Ctx { img, md, pcln };
        if opts.types {
            render_types(&cx, set, opts, &mut out);
        }
        if opts.itabs {
            let mut blocks: Vec<Vec<String>> = itabs
                .iter()
                .map(|it| types::render_itab(&cx, set, it))
                .filter(|b| {
                    let head = b[0].trim_start_matches("itab ");
                    opts.keep(head) && opts.keep_pkg(head)
                })
                .collect();
            blocks.sort();
            out.push(format!("== itabs ({}) ==", blocks.len()));
            for e in itab_errs {
                out.push(format!("error: {e}"));
            }
            for b in blocks {
                out.extend(b);
            }
            out.push(String::new());
        }
        if opts.pclntab {
            render_pclntab(pcln, opts, &mut out);
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    Ok(s)
}

fn render_moduledata(
    img: &Image,
    md: &Moduledata,
    pcln: &Pclntab,
    set: &TypeSet,
    nitabs: usize,
    out: &mut Vec<String>,
) {
    out.push(format!("location: {}", img.describe(md.addr)));
    for &(name, off, kind) in FIELDS {
        let a = md.addr + off;
        let v = match kind {
            FieldKind::Addr => img.u64(a).map(|p| img.describe(p)),
            FieldKind::Value => img.u64(a).map(|v| format!("{v:#x}")),
            FieldKind::Byte => img.u8(a).map(|v| v.to_string()),
            FieldKind::Slice => match (img.u64(a), img.u64(a + 8), img.u64(a + 16)) {
                (Some(p), Some(l), Some(c)) => {
                    Some(format!("{{{}, len {l}, cap {c}}}", img.describe(p)))
                }
                _ => None,
            },
            FieldKind::Str => match (img.u64(a), img.u64(a + 8)) {
                (Some(0), Some(0)) => Some("\"\"".into()),
                (Some(p), Some(l)) => Some(
                    img.bytes(p, l.min(4096))
                        .map(|b| name::quote(&String::from_utf8_lossy(b)))
                        .unwrap_or_else(|| format!("<unreadable {}, len {l}>", img.describe(p))),
                ),
                _ => None,
            },
            FieldKind::Bitvector => match (img.i32(a), img.u64(a + 8)) {
                (Some(n), Some(p)) => Some(format!("{{n {n}, bytedata {}}}", img.describe(p))),
                _ => None,
            },
        };
        out.push(format!(
            "{name}: {}",
            v.unwrap_or_else(|| "<unreadable>".into())
        ));
    }
    out.push(format!(
        "pcheader: magic {:#010x}  minLC {}  ptrSize {}  nfunc {}  nfiles {}",
        img.u32(md.pc_header).unwrap_or(0),
        img.u8(md.pc_header + 6).unwrap_or(0),
        img.u8(md.pc_header + 7).unwrap_or(0),
        pcln.nfunc,
        pcln.nfiles
    ));
    for e in &pcln.errors {
        out.push(format!("pclntab error: {e}"));
    }
    out.push(format!(
        "typelinks: {} descriptors ({})",
        set.typelinks,
        if set.typelinks_sorted {
            "sorted"
        } else {
            "NOT sorted"
        }
    ));
    out.push(format!("types reachable: {}", set.types.len()));
    out.push(format!("itabs: {nitabs}"));
    for e in &set.errors {
        out.push(format!("types error: {e}"));
    }
    render_inittasks(img, md, pcln, out);
}

/// A plugin's own tables (docs/plugin.md): its pluginpath, the exported symbols of `ptab`
/// (name and type, gc's `go:plugin.tabs`) and `pkghashes` (each package's link-time hash and
/// the symbol its run-time hash is read from).
fn render_plugin(cx: &Ctx, out: &mut Vec<String>) {
    let (img, md) = (cx.img, cx.md);
    let str_at = |a: u64| -> String {
        match (img.u64(a), img.u64(a + 8)) {
            (Some(p), Some(l)) if l > 0 => img
                .bytes(p, l.min(4096))
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_else(|| "<unreadable>".into()),
            _ => String::new(),
        }
    };
    out.push(format!(
        "pluginpath: {}",
        name::quote(&str_at(md.addr + 408))
    ));
    out.push(format!("hasmain: {}", img.u8(md.addr + 512).unwrap_or(0)));
    let (ptab, nptab) = (
        img.u64(md.addr + 384).unwrap_or(0),
        img.u64(md.addr + 392).unwrap_or(0),
    );
    out.push(format!("ptab: {nptab} entries"));
    for i in 0..nptab.min(1 << 16) {
        let e = ptab + 8 * i;
        let (Some(noff), Some(toff)) = (img.i32(e), img.i32(e + 4)) else {
            out.push(format!("  <unreadable entry {i}>"));
            break;
        };
        let name = cx
            .name_off(noff)
            .map(|n| n.name)
            .unwrap_or_else(|e| format!("<{e}>"));
        let typ = match cx.type_off(toff).map(|a| types::decode_type(cx, a)) {
            Some(Ok(t)) => t.string,
            Some(Err(e)) => format!("<{e}>"),
            None => "nil".into(),
        };
        out.push(format!("  {name} {typ}"));
    }
    let (hashes, nhashes) = (
        img.u64(md.addr + 424).unwrap_or(0),
        img.u64(md.addr + 432).unwrap_or(0),
    );
    out.push(format!("pkghashes: {nhashes} packages"));
    for i in 0..nhashes.min(1 << 16) {
        let e = hashes + 40 * i;
        let hash: String = match (img.u64(e + 16), img.u64(e + 24)) {
            (Some(p), Some(l)) => img
                .bytes(p, l.min(64))
                .map(|b| b.iter().map(|x| format!("{x:02x}")).collect())
                .unwrap_or_else(|| "<unreadable>".into()),
            _ => "<unreadable>".into(),
        };
        let runtime = img
            .u64(e + 32)
            .map(|p| img.describe(p))
            .unwrap_or_else(|| "<unreadable>".into());
        out.push(format!("  {} {hash} runtimehash {runtime}", str_at(e)));
    }
}

/// Each init task as the package it belongs to: named after its `pkg..inittask` symbol when
/// there is one, else derived from the names of the init functions it lists.
fn render_inittasks(img: &Image, md: &Moduledata, pcln: &Pclntab, out: &mut Vec<String>) {
    let n = md.inittasks.len.min(100_000);
    out.push(format!("inittasks: {n}"));
    for i in 0..n {
        let Some(task) = img.u64(md.inittasks.ptr + 8 * i) else {
            out.push("  <unreadable>".into());
            break;
        };
        let state = img.u32(task).unwrap_or(0);
        let nfns = u64::from(img.u32(task + 4).unwrap_or(0)).min(10_000);
        let fns: Vec<String> = (0..nfns)
            .map(|j| match img.u64(task + 8 + 8 * j) {
                Some(pc) => pcln
                    .func_at(pc)
                    .map(|f| f.name.clone())
                    .or_else(|| img.symbol(pc).map(str::to_string))
                    .unwrap_or_else(|| img.describe(pc)),
                None => "<unreadable>".into(),
            })
            .collect();
        let pkg = img
            .symbol(task)
            .and_then(|s| s.strip_suffix("..inittask"))
            .map(str::to_string)
            .or_else(|| fns.first().and_then(|f| pkg_of_init(f)))
            .unwrap_or_else(|| "?".into());
        out.push(format!("  {pkg}: state {state}  fns [{}]", fns.join(", ")));
    }
}

/// `internal/bytealg.init.0` → `internal/bytealg`; `main.init` → `main`.
fn pkg_of_init(f: &str) -> Option<String> {
    let slash = f.rfind('/').map(|i| i + 1).unwrap_or(0);
    let dot = f[slash..].find(".init")?;
    Some(f[..slash + dot].to_string())
}

fn render_types(cx: &Ctx, set: &TypeSet, opts: &Options, out: &mut Vec<String>) {
    // With --pkg: the package's types plus the basic types they reference directly.
    let mut selected: BTreeSet<u64> = BTreeSet::new();
    for (a, t) in &set.types {
        if opts.keep_pkg(&t.string) {
            selected.insert(*a);
        }
    }
    if opts.pkg.is_some() {
        let extra: Vec<u64> = selected
            .iter()
            .filter_map(|a| set.types.get(a))
            .flat_map(|t| t.refs(cx))
            .filter(|r| {
                set.types
                    .get(r)
                    .is_some_and(|t| types::is_basic_kind(t.kind))
            })
            .collect();
        selected.extend(extra);
    }
    let mut blocks: Vec<(String, Vec<String>)> = selected
        .iter()
        .filter_map(|a| set.types.get(a))
        .filter(|t| opts.keep(&t.string))
        .map(|t| (t.string.clone(), types::render_type(cx, set, t)))
        .collect();
    blocks.sort();
    // Two descriptors rendering identically would be indistinguishable in a diff; say so.
    let mut seen = HashSet::new();
    out.push(format!("== types ({}) ==", blocks.len()));
    for (a, e) in &set.bad {
        out.push(format!(
            "error: bad type pointer {}: {e}",
            cx.img.describe(*a)
        ));
    }
    for (_, b) in blocks {
        let dup = !seen.insert(b.clone());
        out.extend(b);
        if dup {
            out.push("  note: duplicate descriptor (same content as the previous one)".into());
        }
        out.push(String::new());
    }
}

fn render_pclntab(pcln: &Pclntab, opts: &Options, out: &mut Vec<String>) {
    let mut rows: Vec<String> = pcln
        .funcs
        .iter()
        .filter(|f| opts.keep(&f.name) && opts.keep_pkg(&f.name))
        .map(|f| {
            format!(
                "func {}  funcID {}  flag {}  startLine {}  args {}  pcdata {}  funcdata {}{}  file {}",
                f.name,
                pclntab::func_id_name(f.func_id),
                pclntab::func_flag_names(f.flag),
                f.start_line,
                if f.args == i32::MIN {
                    "unknown".to_string()
                } else {
                    f.args.to_string()
                },
                f.npcdata,
                f.nfuncdata,
                if f.deferreturn != 0 { "  deferreturn" } else { "" },
                f.file
            )
        })
        .collect();
    rows.sort();
    out.push(format!("== pclntab ({} funcs) ==", rows.len()));
    out.extend(rows);
    out.push(String::new());
}

/// Does type string `s` mention package `pkg` (as `pkg.` at an identifier boundary)? A path
/// such as `example.com/x/sub` also matches by its last element, as type strings use package
/// names while generic arguments use full paths.
pub fn mentions_pkg(s: &str, pkg: &str) -> bool {
    let last = pkg.rsplit('/').next().unwrap_or(pkg);
    [pkg, last].iter().any(|p| {
        let needle = format!("{p}.");
        let mut from = 0;
        while let Some(i) = s[from..].find(&needle) {
            let at = from + i;
            let boundary = s[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
            if boundary {
                return true;
            }
            from = at + needle.chars().next().map_or(1, char::len_utf8);
        }
        false
    })
}
