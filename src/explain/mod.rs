//! `rgo explain`: what rgo emitted for a name in a program, and why, as text and as an SVG
//! picture (docs/explain.md).
//!
//! The program is type-checked and escape-analysed (for the compiler's own decisions: closure
//! captures, heap moves, allocation sites) and built; the executable is then read back with
//! `rgo inspect`'s decoders, so descriptors, method tables, itabs and names are shown as the
//! linker wrote them, offsets resolved. The name selects what is explained:
//!
//! | name | explanation | module |
//! |---|---|---|
//! | `T` (a type) | descriptor, uncommon type, methods, itabs, `reflect.TypeOf(x).Name()` path | descriptor.rs, itab.rs |
//! | `f` (a function) | the closure objects of its func literals, with captures | closure.rs |
//! | `T.M` | the method value `x.M`: its closure object and `M-fm` wrapper | closure.rs |
//! | `f.x` | local variable `x` of `f`: frame or heap, and its allocation sites | variable.rs |

mod closure;
mod descriptor;
pub mod model;
pub mod svg;
mod variable;

use crate::driver::{self, BuildError, BuildOptions};
use crate::inspect::image::Image;
use crate::inspect::moduledata::{Moduledata, find_moduledata};
use crate::inspect::pclntab::Pclntab;
use crate::inspect::types::Ctx;
use frontend::ast::Pos;
use frontend::types::{ObjKind, Program};
use midend::escape::EscapeResult;
use model::Picture;

mod itab;

const USAGE: &str = "usage: rgo explain [-svg FILE] [-stable] FILE.go... NAME\n\
    \tNAME: T (a type), f (a function's closures), T.M (a method value), f.x (a local variable)";

/// The built executable with the tables the decoders need.
pub struct Bin {
    img: Image,
    md: Moduledata,
    pcln: Pclntab,
}

impl Bin {
    fn cx(&self) -> Ctx<'_> {
        Ctx {
            img: &self.img,
            md: &self.md,
            pcln: &self.pcln,
        }
    }
}

/// The state of one explanation: the checked program, its escape decisions, the binary and the
/// picture being built.
pub struct Explainer<'a> {
    pub prog: &'a Program,
    pub esc: &'a EscapeResult,
    pub bin: &'a Bin,
    pub pic: Picture,
}

impl<'a> Explainer<'a> {
    fn cx(&self) -> Option<Ctx<'a>> {
        Some(self.bin.cx())
    }

    /// `file.go:line:col` with the file's base name (stable across checkouts).
    pub fn pos(&self, p: Pos) -> String {
        let s = self.prog.fset.format(p);
        s.rsplit('/').next().unwrap_or(&s).to_string()
    }

    pub fn line(&self, p: Pos) -> u32 {
        self.prog.fset.position(p).map_or(0, |(_, l, _)| l)
    }

    /// The `-m` decisions at `p` whose message contains `what`, formatted as gc prints them.
    pub fn decisions_at(&self, p: Pos, what: &str) -> Vec<String> {
        self.esc
            .diagnostics
            .iter()
            .filter(|(q, m)| *q == p && m.contains(what))
            .map(|(q, m)| format!("{}: {m}", self.pos(*q)))
            .collect()
    }
}

/// Entry point; `args` are the words after `explain`. Exit status 0, 1 (not found or the
/// build failed), 2 (usage).
pub fn run_explain(args: &[String]) -> i32 {
    let mut svg_out = None;
    let mut stable = false;
    let mut words = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-svg" | "--svg" => {
                i += 1;
                match args.get(i) {
                    Some(f) => svg_out = Some(f.clone()),
                    None => return usage("-svg needs a file name"),
                }
            }
            "-stable" | "--stable" => stable = true,
            a if a.starts_with('-') => return usage(&format!("unknown flag {a}")),
            a => words.push(a.to_string()),
        }
        i += 1;
    }
    let Some(name) = words.pop() else {
        return usage("missing NAME");
    };
    if words.is_empty() {
        return usage("missing the program's files");
    }
    match explain(&words, &name) {
        Ok(mut pic) => {
            if stable {
                pic.make_stable();
            }
            print!("{}", pic.text());
            if let Some(f) = svg_out
                && let Err(e) = std::fs::write(&f, svg::render(&pic))
            {
                eprintln!("rgo explain: writing {f}: {e}");
                return 1;
            }
            0
        }
        Err(e) => {
            eprintln!("rgo explain: {e}");
            1
        }
    }
}

fn usage(msg: &str) -> i32 {
    eprintln!("rgo explain: {msg}\n{USAGE}");
    2
}

fn build_error(e: BuildError) -> String {
    match e {
        BuildError::Diagnostics(s) | BuildError::Other(s) => s.trim_end().to_string(),
    }
}

/// Builds the program in `files` and explains `name`.
pub fn explain(files: &[String], name: &str) -> Result<Picture, String> {
    let (prog, _) = driver::check_main(files).map_err(build_error)?;
    let pkg = prog
        .packages
        .iter()
        .find(|p| p.path == "main")
        .ok_or("no main package")?;
    let esc = midend::escape::analyze(&prog, pkg.id);
    let exe = driver::build(files, &BuildOptions::default()).map_err(build_error)?;
    let img = Image::parse(exe).map_err(|e| format!("reading the built executable: {e}"))?;
    let md = find_moduledata(&img).ok_or("no moduledata in the built executable")?;
    let pcln = Pclntab::decode(&img, &md);
    let bin = Bin { img, md, pcln };
    let mut ex = Explainer {
        prog: &prog,
        esc: &esc,
        bin: &bin,
        pic: Picture::default(),
    };
    let scope = prog.scope(pkg.scope);
    let lookup = |n: &str| scope.names.get(n).copied();
    if let Some((a, b)) = name.split_once('.') {
        // T.M: a method value; f.x: a local variable.
        if let Some(o) = lookup(a) {
            match prog.obj(o).kind {
                ObjKind::TypeName { .. } => {
                    ex.pic.title = format!("method value {name}: the closure object x.{b} makes");
                    ex.method_value(prog.obj(o).typ, b);
                    return Ok(ex.pic);
                }
                ObjKind::Func { .. } => {
                    let vars = ex.find_vars(a, b);
                    if vars.is_empty() {
                        return Err(format!("no variable {b} in function {a}"));
                    }
                    ex.pic.title = format!("variable {b} of {a}: where rgo put it");
                    for v in vars {
                        ex.variable(a, v);
                    }
                    return Ok(ex.pic);
                }
                _ => {}
            }
        }
        return Err(format!(
            "{name}: {a} is not a type or function of package main"
        ));
    }
    let o = lookup(name).ok_or_else(|| format!("{name} is not declared in package main"))?;
    match prog.obj(o).kind {
        ObjKind::TypeName { .. } => {
            let sym = format!("type:main.{name}");
            let cx = bin.cx();
            let addr = descriptor::find_type(&cx, &format!("main.{name}")).ok_or_else(|| {
                format!("{sym} is not in the binary (the linker dropped it as unused)")
            })?;
            ex.pic.title = format!("type {name}: its descriptor as rgo emitted it");
            let d = descriptor::describe(&cx, addr, &mut ex.pic)?;
            descriptor::name_path(&cx, addr, d, &mut ex.pic)?;
            let ptr = descriptor::find_type(&cx, &format!("*main.{name}"));
            let mut types = vec![addr];
            types.extend(ptr);
            itab::describe(&cx, &types, Some(d), &mut ex.pic);
            Ok(ex.pic)
        }
        ObjKind::Func { .. } => {
            ex.pic.title = format!("closures of {name}: their objects and captures");
            if ex.closures(name) == 0 {
                return Err(format!("function {name} has no func literals"));
            }
            Ok(ex.pic)
        }
        _ => Err(format!("{name} is not a type or function")),
    }
}
