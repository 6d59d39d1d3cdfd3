//! The compile pipeline behind `rgo build`: source files → frontend (load, parse, type-check the
//! whole program) → per package: midend (lowering to rgo IR) → backend (Cranelift, one ELF object)
//! → linker (with the embedded runtime archive) → executable bytes.
//!
//! Package objects come from the build cache when their key matches (`Keys`, docs/cache.md);
//! the others are lowered and compiled in parallel, each into its own slot, so the output never
//! depends on thread timing (`compile_packages`).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use crate::cache;

use frontend::ast::NodeIdGen;
use frontend::diag::{self, Diagnostic};
use frontend::load::{self, COMMAND_LINE_ARGUMENTS, LoadConfig};
use frontend::source::FileSet;
use frontend::types::{self, ParsedPackage};

/// The runtime archive built by build.rs, linked into every executable rgo produces.
pub static RUNTIME_ARCHIVE: &[u8] = include_bytes!(env!("RGO_RUNTIME_ARCHIVE"));

/// What `-gcflags=-d=...` asked to dump.
#[derive(Clone, Debug, Default)]
pub struct Dumps {
    /// rgo IR of every function and data object (`-d=ir`).
    pub ir: bool,
    /// Cranelift IR (`-d=clif`).
    pub clif: bool,
    /// Machine code (`-d=asm`).
    pub asm: bool,
    /// The bounds checks left after the prove pass (`-d=ssa/check_bce`).
    pub check_bce: bool,
    /// The linker's layout report (`-ldflags=-v`).
    pub link: bool,
}

#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    pub dumps: Dumps,
    /// Print the time each stage took (`-x` like `go build -x`, but timings).
    pub timings: bool,
    /// Strip the symbol table and DWARF (`-ldflags=-s`).
    pub strip: bool,
    /// Omit DWARF (`-ldflags=-w`).
    pub no_dwarf: bool,
    /// Print escape-analysis decisions as gc does under `-gcflags=-m`.
    pub escape_diagnostics: bool,
    /// gc's `-m` level (`-m=2` prints inlining costs and reasons); 0 with `-m` unset.
    pub m_level: u32,
    /// `-l`: no inlining (gc's `-l`), so no inlining diagnostics.
    pub no_inline: bool,
    /// Print the import path of each package compiled (not taken from the cache), as
    /// `go build -v` does, and any cache entry found corrupt.
    pub verbose: bool,
    /// Rebuild every package instead of taking objects from the cache (`-a`); the new
    /// objects are still stored.
    pub rebuild_all: bool,
    /// How many packages to compile at once (`-p N`); default: the available cores.
    pub jobs: Option<usize>,
    /// `-buildmode=plugin`: the main package becomes a plugin (docs/plugin.md).
    pub plugin: bool,
    /// `-ldflags=-X importpath.name=value`, in the order the variables were first named; a
    /// later value for the same variable replaces the earlier one (gc's linker `strdata`).
    pub string_defs: Vec<StringDef>,
}

/// One `-X importpath.name=value`: the initial value of a package-level string variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringDef {
    /// The package's import path as given (`main` names the program's main package).
    pub package: String,
    pub name: String,
    pub value: String,
}

impl BuildOptions {
    /// Records `-X importpath.name=value`, split as gc's linker splits it (`addstrdata1`): the
    /// name ends at the first `=`, the package at the last `.` before it.
    pub fn add_string_def(&mut self, def: &str) -> Result<(), String> {
        let malformed =
            || "-X flag requires argument of the form importpath.name=value".to_string();
        let eq = def.find('=').ok_or_else(malformed)?;
        let dot = def[..eq].rfind('.').ok_or_else(malformed)?;
        self.set_string(StringDef {
            package: def[..dot].to_string(),
            name: def[dot + 1..eq].to_string(),
            value: def[eq + 1..].to_string(),
        });
        Ok(())
    }

    /// Sets a string variable's `-X` value, replacing an earlier one for the same variable.
    pub fn set_string(&mut self, d: StringDef) {
        match self
            .string_defs
            .iter_mut()
            .find(|o| o.package == d.package && o.name == d.name)
        {
            Some(o) => o.value = d.value,
            None => self.string_defs.push(d),
        }
    }
}

/// Why a build failed: compile errors (already rendered in gc's form with their `# pkg` headers,
/// exit status 1) or an internal failure of a later stage.
pub enum BuildError {
    Diagnostics(String),
    Other(String),
}

/// What loading and checking covered, for `rgo check -v`.
#[derive(Clone, Debug, Default)]
pub struct CheckStats {
    pub packages: usize,
    pub files: usize,
    pub bytes: usize,
    /// Finding, reading and parsing the packages.
    pub load: Duration,
    /// Type-checking them.
    pub check: Duration,
}

/// Loads the packages named by `args` (files, directories, import paths, `std`, `...` patterns)
/// and everything they import, and type-checks them all in dependency order.
///
/// Errors come back rendered as the go command prints them: load errors as worded by the loader,
/// syntax errors and type errors under a `# pkgpath` header per package (gc's at most
/// [`diag::MAX_ERRORS`] each, then `too many errors`).
pub fn load_and_check(
    args: &[String],
    stats: &mut CheckStats,
) -> Result<(types::Program, Vec<LoadedInfo>), BuildError> {
    load_and_check_opts(args, stats, false)
}

/// One package rgo compiles from its own sources (overlay/) instead of GOROOT's (DESIGN
/// decision 10): its import path and its files (path under overlay/, text).
struct OverlayPackage {
    path: &'static str,
    files: &'static [(&'static str, &'static str)],
    /// Compiled into every program (runtime), or only when some package imports it.
    always: bool,
}

/// The overlay packages in dependency order: each imports only `unsafe` and the ones before it.
/// The GOROOT packages that overlay/runtime imports (besides unsafe): gc's runtime imports
/// them too. They must not import runtime.
const RUNTIME_IMPORTS: &[&str] = &["internal/godebugs"];

const OVERLAY: &[OverlayPackage] = &[OverlayPackage {
    path: "runtime",
    files: &[
        (
            "runtime/error.go",
            include_str!("../overlay/runtime/error.go"),
        ),
        (
            "runtime/debug.go",
            include_str!("../overlay/runtime/debug.go"),
        ),
        (
            "runtime/extern.go",
            include_str!("../overlay/runtime/extern.go"),
        ),
        (
            "runtime/coro.go",
            include_str!("../overlay/runtime/coro.go"),
        ),
        (
            "runtime/metrics.go",
            include_str!("../overlay/runtime/metrics.go"),
        ),
        (
            "runtime/metrics_godebugs.go",
            include_str!("../overlay/runtime/metrics_godebugs.go"),
        ),
        (
            "runtime/mheap.go",
            include_str!("../overlay/runtime/mheap.go"),
        ),
        (
            "runtime/mprof.go",
            include_str!("../overlay/runtime/mprof.go"),
        ),
        (
            "runtime/netpoll.go",
            include_str!("../overlay/runtime/netpoll.go"),
        ),
        (
            "runtime/pinner.go",
            include_str!("../overlay/runtime/pinner.go"),
        ),
        (
            "runtime/runtime1.go",
            include_str!("../overlay/runtime/runtime1.go"),
        ),
        (
            "runtime/plugin.go",
            include_str!("../overlay/runtime/plugin.go"),
        ),
        (
            "runtime/covercounter.go",
            include_str!("../overlay/runtime/covercounter.go"),
        ),
        (
            "runtime/mbitmap.go",
            include_str!("../overlay/runtime/mbitmap.go"),
        ),
        (
            "runtime/sema.go",
            include_str!("../overlay/runtime/sema.go"),
        ),
        (
            "runtime/sigqueue.go",
            include_str!("../overlay/runtime/sigqueue.go"),
        ),
        (
            "runtime/stubs.go",
            include_str!("../overlay/runtime/stubs.go"),
        ),
        (
            "runtime/symtab.go",
            include_str!("../overlay/runtime/symtab.go"),
        ),
        (
            "runtime/synctest.go",
            include_str!("../overlay/runtime/synctest.go"),
        ),
        (
            "runtime/time.go",
            include_str!("../overlay/runtime/time.go"),
        ),
    ],
    always: true,
}];

/// The loader's configuration, and whether GOROOT could not be found. Programs that import
/// nothing need no GOROOT (and rgo runs no external tool to find one), so a missing GOROOT only
/// matters once an import has to be resolved. Builds use rgo's build tags
/// ([`LoadConfig::for_build`]: none today, so packages with assembly compile gc's files;
/// docs/asm.md).
pub(crate) fn load_config(with_runtime: bool) -> (LoadConfig, bool) {
    let goroot_missing = load::default_goroot().is_none();
    let mut cfg = LoadConfig::for_build(
        load::default_goroot().unwrap_or_else(|| std::path::PathBuf::from("$GOROOT")),
    );
    if with_runtime {
        // The overlay packages are rgo's, not GOROOT's.
        cfg.provided
            .extend(OVERLAY.iter().map(|o| o.path.to_string()));
        // GOROOT packages the overlay runtime imports, loaded with the program's (without a
        // GOROOT, runtime/metrics_nogoroot.go stands in for the file that imports them).
        if !goroot_missing {
            cfg.extra_deps
                .extend(RUNTIME_IMPORTS.iter().map(|p| p.to_string()));
        }
    }
    // Package plugin is GOROOT's, but for its cgo file (dlopen), which rgo replaces with one
    // that calls its own loader; without cgo GOROOT would select plugin_stubs.go, whose Open
    // fails (docs/plugin.md, overlay/README.md).
    cfg.replaced_files.push(load::ReplacedFile {
        dir: cfg.goroot.join("src").join("plugin"),
        drop: "plugin_stubs.go".into(),
        name: "plugin_rgo.go".into(),
        text: include_str!("../overlay/plugin/plugin_rgo.go").into(),
    });
    (cfg, goroot_missing)
}

/// A package named on the command line, as `go list` describes it.
#[derive(Clone, Debug)]
pub struct RootPackage {
    pub import_path: String,
    pub name: String,
}

/// Expands the command line's package arguments (directories, import paths, `...` patterns)
/// into the packages they name, without parsing them (the go command's `go list` phase);
/// load errors come back rendered as the go command prints them.
pub fn list_roots(args: &[String]) -> Result<Vec<RootPackage>, BuildError> {
    list_roots_opts(args, false)
}

/// [`list_roots`]; with `tests`, a package whose directory holds only `_test.go` files is
/// listed too (`go test` tests it), and external test packages are left out of the roots.
pub fn list_roots_opts(args: &[String], tests: bool) -> Result<Vec<RootPackage>, BuildError> {
    let (mut cfg, goroot_missing) = load_config(true);
    cfg.tests = tests;
    match load::list(&cfg, args) {
        Ok(listing) => {
            for w in &listing.warnings {
                eprintln!("{w}");
            }
            let roots: Vec<RootPackage> = listing
                .packages
                .into_iter()
                .filter(|p| p.root)
                .map(|p| RootPackage {
                    import_path: p.import_path,
                    name: p.name,
                })
                .collect();
            // The loader lists `p_test` (package `x_test`) as a root beside `p`.
            let is_xtest = |r: &RootPackage| {
                tests
                    && r.name.ends_with("_test")
                    && r.import_path
                        .strip_suffix("_test")
                        .is_some_and(|base| roots.iter().any(|q| q.import_path == base))
            };
            Ok(roots.iter().filter(|r| !is_xtest(r)).cloned().collect())
        }
        Err(messages) => {
            let mut out = String::new();
            if goroot_missing {
                out.push_str("rgo: cannot find GOROOT (set $RGO_GOROOT or $GOROOT)\n");
            }
            for m in messages {
                out.push_str(&m);
                out.push('\n');
            }
            Err(BuildError::Diagnostics(out))
        }
    }
}

/// [`load_and_check`]; with `with_runtime`, rgo's runtime overlay is checked as package
/// `runtime` before everything else (building executables needs it).
pub fn load_and_check_opts(
    args: &[String],
    stats: &mut CheckStats,
    with_runtime: bool,
) -> Result<(types::Program, Vec<LoadedInfo>), BuildError> {
    load_and_check_ext(args, stats, with_runtime, None)
}

/// A package `main` generated from the loaded packages and added to the program: the test
/// main of `rgo test` (crate::test). The arguments are loaded with their `_test.go` files.
pub struct GeneratedMain<'a> {
    /// What the generated file imports besides the arguments (loaded as dependencies).
    pub deps: Vec<String>,
    /// The file's name in diagnostics and line tables.
    pub file_name: String,
    /// The go command's import path for the generated package (`strings.test`).
    pub import_path: String,
    /// The import path of the package under test.
    pub tested: String,
    /// Writes the file from the parsed packages; an error is reported as the go command's
    /// setup failure of the package.
    pub generate: &'a dyn Fn(&load::Loaded) -> Result<String, String>,
}

/// [`load_and_check_opts`], with the arguments' tests and a generated main package.
pub fn load_and_check_ext(
    args: &[String],
    stats: &mut CheckStats,
    with_runtime: bool,
    generated: Option<&GeneratedMain>,
) -> Result<(types::Program, Vec<LoadedInfo>), BuildError> {
    load_and_check_cfg(args, stats, with_runtime, generated, false)
}

/// [`load_and_check_ext`]; `plugin` compiles the root main package under its plugin path.
fn load_and_check_cfg(
    args: &[String],
    stats: &mut CheckStats,
    with_runtime: bool,
    generated: Option<&GeneratedMain>,
    plugin: bool,
) -> Result<(types::Program, Vec<LoadedInfo>), BuildError> {
    let t0 = Instant::now();
    let (mut cfg, goroot_missing) = load_config(with_runtime);
    cfg.plugin = plugin;
    if let Some(g) = generated {
        cfg.tests = true;
        cfg.extra_deps.extend(g.deps.iter().cloned());
    }
    let mut ids = NodeIdGen::new();
    let loaded = match load::load_report(&cfg, args, &mut ids) {
        Ok(l) => l,
        Err(e) => {
            // Package-level problems first (go-command wording), then syntax errors per package.
            let mut out = String::new();
            if goroot_missing && !e.messages.is_empty() {
                out.push_str("rgo: cannot find GOROOT (set $RGO_GOROOT or $GOROOT)\n");
            }
            for m in &e.messages {
                out.push_str(m);
                out.push('\n');
            }
            out.push_str(&render_by_package(&e.fset, &e.diagnostics, &[]));
            return Err(BuildError::Diagnostics(out));
        }
    };
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    stats.load = t0.elapsed();
    stats.packages = loaded.packages.len();
    stats.files = loaded.fset.files.len();
    stats.bytes = loaded.fset.files.iter().map(|f| f.text.len()).sum();

    let t1 = Instant::now();
    let mut infos = Vec::with_capacity(loaded.packages.len());
    let mut parsed = Vec::with_capacity(loaded.packages.len());
    let mut loaded = loaded;
    if with_runtime {
        if loaded.packages.iter().any(|p| p.path == "runtime") {
            return Err(BuildError::Other(
                "rgo: programs importing package runtime (directly or through the standard \
                 library) cannot be built yet"
                    .into(),
            ));
        }
        // The packages the runtime imports are checked before it.
        for p in &mut loaded.packages {
            if RUNTIME_IMPORTS.contains(&p.path.as_str()) {
                infos.push(LoadedInfo {
                    path: p.path.clone(),
                    go_version: p.go_version.clone(),
                    import_path: p.import_path.clone(),
                    name: p.name.clone(),
                    root: p.root,
                    file_indices: p.files.iter().map(|f| f.file_index).collect(),
                });
                parsed.push(ParsedPackage {
                    path: p.path.clone(),
                    files: std::mem::take(&mut p.files),
                    import_map: std::mem::take(&mut p.import_map).into_iter().collect(),
                });
            }
        }
        let imported: std::collections::HashSet<&str> = loaded
            .packages
            .iter()
            .flat_map(|p| p.files.iter())
            .flat_map(|f| f.imports.iter().map(|i| i.path.as_str()))
            .collect();
        let wanted: Vec<&OverlayPackage> = OVERLAY
            .iter()
            .filter(|o| o.always || imported.contains(o.path))
            .collect();
        let mut errors = Vec::new();
        for o in wanted {
            let mut files = Vec::new();
            for &(path, text) in o.files {
                // The runtime's half of package plugin only in programs that have it.
                if path == "runtime/plugin.go" && !imported.contains("plugin") {
                    continue;
                }
                let (path, text) = if goroot_missing && path == "runtime/metrics_godebugs.go" {
                    (
                        "runtime/metrics_nogoroot.go",
                        include_str!("../overlay/runtime/metrics_nogoroot.go"),
                    )
                } else {
                    (path, text)
                };
                let idx = loaded
                    .fset
                    .add(format!("$RGO/overlay/{path}"), text.to_string());
                match frontend::parser::parse_file(&loaded.fset, idx, &mut ids) {
                    Ok(f) => files.push(f),
                    Err(d) => errors.extend(d),
                }
            }
            infos.push(LoadedInfo {
                path: o.path.into(),
                go_version: None,
                import_path: o.path.into(),
                name: o.path.into(),
                root: false,
                file_indices: files.iter().map(|f| f.file_index).collect(),
            });
            parsed.push(ParsedPackage {
                path: o.path.into(),
                files,
                import_map: Default::default(),
            });
        }
        if !errors.is_empty() {
            return Err(BuildError::Diagnostics(diag::render(&loaded.fset, &errors)));
        }
    }
    let generated_text = match generated {
        Some(g) => Some((g, (g.generate)(&loaded).map_err(BuildError::Other)?)),
        None => None,
    };
    // The go command names the packages of a test binary that differ from the plain build
    // after the test (`p [p.test]`, cmd/go's Package.Desc): the package under test when it
    // has in-package test files, with every package that imports it, and the external test
    // package. Diagnostics are headed with these names.
    let mut test_variants: std::collections::HashSet<String> = Default::default();
    if let Some(g) = generated {
        let in_package_tests = loaded.packages.iter().any(|p| {
            p.import_path == g.tested
                && p.files.iter().any(|f| {
                    loaded
                        .fset
                        .file(f.file_index)
                        .is_some_and(|sf| sf.path.ends_with("_test.go"))
                })
        });
        let xtest = format!("{}_test", g.tested);
        for p in &loaded.packages {
            let depends =
                p.import_path == g.tested || p.imports.iter().any(|i| test_variants.contains(i));
            if (in_package_tests && depends) || p.import_path == xtest {
                test_variants.insert(p.import_path.clone());
            }
        }
    }
    for p in loaded.packages {
        if with_runtime && RUNTIME_IMPORTS.contains(&p.path.as_str()) {
            continue;
        }
        let import_path = match generated {
            Some(g) if test_variants.contains(&p.import_path) => {
                format!("{} [{}.test]", p.import_path, g.tested)
            }
            _ => p.import_path.clone(),
        };
        infos.push(LoadedInfo {
            path: p.path.clone(),
            go_version: p.go_version.clone(),
            import_path,
            name: p.name.clone(),
            root: p.root,
            file_indices: p.files.iter().map(|f| f.file_index).collect(),
        });
        parsed.push(ParsedPackage {
            path: p.path,
            files: p.files,
            import_map: p.import_map.into_iter().collect(),
        });
    }
    if let Some((g, text)) = generated_text {
        let idx = loaded.fset.add(g.file_name.clone(), text);
        let file = frontend::parser::parse_file(&loaded.fset, idx, &mut ids)
            .map_err(|d| BuildError::Diagnostics(diag::render(&loaded.fset, &d)))?;
        infos.push(LoadedInfo {
            path: "main".into(),
            go_version: None,
            import_path: g.import_path.clone(),
            name: "main".into(),
            root: false,
            file_indices: vec![file.file_index],
        });
        parsed.push(ParsedPackage {
            path: "main".into(),
            files: vec![file],
            import_map: Default::default(),
        });
    }
    // The checker takes the FileSet; keep a copy to render its diagnostics.
    let render_fset = loaded.fset.clone();
    // Parse errors that gc type-checks after (see `parser::stops_checking`) are reported with
    // the checker's, sorted together; the build fails either way.
    let mut errs = loaded.parse_errors;
    let result = types::check_program(loaded.fset, parsed);
    stats.check = t1.elapsed();
    match result {
        Ok(prog) if errs.is_empty() => Ok((prog, infos)),
        Ok(_) => Err(BuildError::Diagnostics(render_by_package(
            &render_fset,
            &errs,
            &infos,
        ))),
        Err(mut check_errs) => {
            errs.append(&mut check_errs);
            Err(BuildError::Diagnostics(render_by_package(
                &render_fset,
                &errs,
                &infos,
            )))
        }
    }
}

/// A loaded package's identity and files, kept after its files moved into the checked program.
#[derive(Clone, Debug)]
pub struct LoadedInfo {
    /// The package's path in the checked program (`main` for commands).
    pub path: String,
    /// The `go` directive of its module, if any.
    pub go_version: Option<String>,
    /// The go command's import path, which headers diagnostics (`# command-line-arguments`).
    pub import_path: String,
    pub name: String,
    pub root: bool,
    pub file_indices: Vec<u32>,
}

/// Renders diagnostics grouped by the package owning their file, packages in dependency order,
/// each group under `# import/path` and capped as gc caps one compilation. Diagnostics without
/// a known package (no position, or no package list) form one group headed by the only package's
/// path when there is exactly one, else by the file's directory.
fn render_by_package(fset: &FileSet, diags: &[Diagnostic], pkgs: &[LoadedInfo]) -> String {
    let mut owner: HashMap<u32, usize> = HashMap::new();
    for (i, p) in pkgs.iter().enumerate() {
        for &f in &p.file_indices {
            owner.insert(f, i);
        }
    }
    // Group key: package index, or usize::MAX for diagnostics nobody owns.
    let mut groups: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for d in diags {
        let key = owner.get(&d.pos.file).copied().unwrap_or(usize::MAX);
        groups.entry(key).or_default().push(d.clone());
    }
    let mut out = String::new();
    for (key, ds) in groups {
        let header = match pkgs.get(key) {
            Some(p) => p.import_path.clone(),
            None if pkgs.len() == 1 => pkgs[0].import_path.clone(),
            None => header_for_unowned(fset, &ds),
        };
        out.push_str(&format!("# {header}\n"));
        out.push_str(&diag::render(fset, &ds));
    }
    out
}

/// A header for syntax errors found before packages were known to the checker: the directory of
/// the first file (gc's package header for a directory), or `command-line-arguments`.
fn header_for_unowned(fset: &FileSet, ds: &[Diagnostic]) -> String {
    let path = ds
        .iter()
        .find_map(|d| fset.file(d.pos.file))
        .map(|f| f.path.clone());
    match path {
        Some(p) => match p.rsplit_once('/') {
            Some((dir, _)) if dir != "." => dir.to_string(),
            _ => COMMAND_LINE_ARGUMENTS.to_string(),
        },
        None => COMMAND_LINE_ARGUMENTS.to_string(),
    }
}

/// Parses and type-checks the main package named by `args` (its files, its directory or its
/// import path) and the packages it imports.
pub fn check_main(args: &[String]) -> Result<(types::Program, Vec<LoadedInfo>), BuildError> {
    let mut stats = CheckStats::default();
    let (prog, infos) = load_and_check_opts(args, &mut stats, true)?;
    if let Some(p) = infos.iter().find(|p| p.root && p.name != "main") {
        return Err(BuildError::Other(format!(
            "package {} is not a main package",
            p.import_path
        )));
    }
    Ok((prog, infos))
}

/// What a build compiled and what it took from the cache, in package (dependency) order.
#[derive(Clone, Debug, Default)]
pub struct BuildReport {
    /// Import paths of the packages lowered and compiled by this build.
    pub compiled: Vec<String>,
    /// Import paths of the packages whose objects came from the cache.
    pub cached: Vec<String>,
    /// Cache entries that failed verification (and were rebuilt): `import/path: reason`.
    pub bad_entries: Vec<String>,
}

/// Builds an executable from the main package named by `args`; returns its bytes.
pub fn build(args: &[String], opts: &BuildOptions) -> Result<Vec<u8>, BuildError> {
    build_with_report(args, opts).map(|(exe, _)| exe)
}

/// [`build`], also telling which packages were compiled and which came from the cache.
pub fn build_with_report(
    args: &[String],
    opts: &BuildOptions,
) -> Result<(Vec<u8>, BuildReport), BuildError> {
    let t0 = Instant::now();
    let (prog, infos) = check_main(args)?;
    link_checked(prog, &infos, opts, t0)
}

/// Builds the plugin (`-buildmode=plugin`) of the main package named by `args`; returns the
/// shared object's bytes (docs/plugin.md).
pub fn build_plugin(args: &[String], opts: &BuildOptions) -> Result<Vec<u8>, BuildError> {
    let t0 = Instant::now();
    let mut stats = CheckStats::default();
    let (prog, infos) = load_and_check_cfg(args, &mut stats, true, None, true)?;
    let opts = BuildOptions {
        plugin: true,
        ..opts.clone()
    };
    link_checked(prog, &infos, &opts, t0).map(|(so, _)| so)
}

/// Each package's version hash for plugins' version check (gc's fingerprint, which hashes the
/// package's export data): the first 8 bytes of SHA-256 over the package's source files, so
/// a plugin built from other sources of a package the host also has is refused
/// (docs/plugin.md). The runtime's hash covers rgo's whole runtime. Keyed by symbol prefix, as gc's `go:link.pkghash.<pkg>` symbols.
fn package_hashes(prog: &types::Program) -> Vec<(String, Vec<u8>)> {
    use sha2::{Digest, Sha256};
    let mut out = Vec::new();
    for p in prog.packages.iter().filter(|p| !p.files.is_empty()) {
        let mut h = Sha256::new();
        if p.path == "runtime" {
            // The runtime is rgo's: the Rust archive and every overlay file, whichever of
            // them this program compiled (runtime/plugin.go only comes with package plugin).
            h.update(RUNTIME_ARCHIVE);
            for o in OVERLAY {
                for (_, text) in o.files {
                    h.update((text.len() as u64).to_le_bytes());
                    h.update(text.as_bytes());
                }
            }
            out.push(("runtime".to_string(), h.finalize()[..8].to_vec()));
            continue;
        }
        for f in &p.files {
            if let Some(sf) = prog.fset.file(f.file_index) {
                h.update((sf.text.len() as u64).to_le_bytes());
                h.update(sf.text.as_bytes());
            }
        }
        out.push((
            midend::lower::symbol_prefix(&p.path),
            h.finalize()[..8].to_vec(),
        ));
    }
    out
}

/// The path of a plugin's main package in the checked program (its plugin path).
fn plugin_root(infos: &[LoadedInfo]) -> Option<&str> {
    infos
        .iter()
        .find(|i| i.root && i.name == "main")
        .map(|i| i.path.as_str())
}

/// Builds the test binary of the package named by `args`: the package with its `_test.go`
/// files, its external test package and the generated test main.
pub fn build_test_binary(
    args: &[String],
    generated: &GeneratedMain,
    opts: &BuildOptions,
) -> Result<Vec<u8>, BuildError> {
    let t0 = Instant::now();
    let mut stats = CheckStats::default();
    let (prog, infos) = load_and_check_ext(args, &mut stats, true, Some(generated))?;
    link_checked(prog, &infos, opts, t0).map(|(exe, _)| exe)
}

/// gc's `-m` output for one package: the inliner's lines (unless `-l`), then escape
/// analysis's.
pub fn diagnostics_m(prog: &types::Program, pkg: types::PkgId, m: u32, no_inline: bool) -> String {
    let mut text = String::new();
    if !no_inline {
        let inl = midend::inline::analyze(prog, pkg, m);
        text.push_str(&midend::inline::format_diagnostics(prog, &inl));
    }
    let res = midend::escape::analyze(prog, pkg);
    text.push_str(&midend::escape::format_diagnostics(prog, &res));
    text
}

/// The package of the program a `-X` definition names, if any. As gc's linker does for a
/// plugin, `main` names the plugin's main package.
fn string_def_package<'p>(
    prog: &'p types::Program,
    infos: &[LoadedInfo],
    opts: &BuildOptions,
    d: &StringDef,
) -> Option<&'p types::Package> {
    let pkg = match plugin_root(infos) {
        Some(root) if opts.plugin && d.package == "main" => root,
        _ => d.package.as_str(),
    };
    let prefix = midend::lower::symbol_prefix(pkg);
    prog.packages
        .iter()
        .find(|p| !p.files.is_empty() && midend::lower::symbol_prefix(&p.path) == prefix)
}

/// The `-X` definitions of `opts` that name a package of the program, by package index:
/// `(variable name, value)`.
fn string_defs_by_package(
    prog: &types::Program,
    infos: &[LoadedInfo],
    opts: &BuildOptions,
) -> HashMap<usize, Vec<(String, String)>> {
    let mut out: HashMap<usize, Vec<(String, String)>> = HashMap::new();
    for d in &opts.string_defs {
        if let Some(p) = string_def_package(prog, infos, opts, d) {
            out.entry(p.id.0 as usize)
                .or_default()
                .push((d.name.clone(), d.value.clone()));
        }
    }
    out
}

/// gc's linker rejects `-X` for a package-level variable whose type is not `string`
/// (cmd/link `addstrdata`), naming its symbol and its type's symbol, under the header of the
/// program being linked. Names that are not variables are ignored, as gc ignores them.
fn check_string_defs(
    prog: &types::Program,
    infos: &[LoadedInfo],
    opts: &BuildOptions,
) -> Result<(), BuildError> {
    let mut errors = String::new();
    for d in &opts.string_defs {
        let Some(p) = string_def_package(prog, infos, opts, d) else {
            continue;
        };
        let Some(o) = prog.scope_lookup(p.scope, &d.name) else {
            continue;
        };
        let obj = prog.obj(o);
        let is_var = matches!(
            obj.kind,
            types::ObjKind::Var {
                is_global: true,
                ..
            }
        );
        if is_var
            && !matches!(
                prog.ty(obj.typ),
                types::Type::Basic(types::BasicKind::String)
            )
        {
            errors.push_str(&format!(
                "{}.{}: cannot set with -X: not a var of type string (type:{})\n",
                midend::lower::symbol_prefix(&p.path),
                d.name,
                prog.link_string(obj.typ)
            ));
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    let header = infos
        .iter()
        .find(|i| i.path == "main" || (opts.plugin && i.root && i.name == "main"))
        .map_or(COMMAND_LINE_ARGUMENTS, |i| i.import_path.as_str());
    Err(BuildError::Diagnostics(format!("# {header}\n{errors}")))
}

/// Compiles a checked program with a `main` package and links it.
fn link_checked(
    mut prog: types::Program,
    infos: &[LoadedInfo],
    opts: &BuildOptions,
    t0: Instant,
) -> Result<(Vec<u8>, BuildReport), BuildError> {
    // One body per instance of generic code (frontend::types::mono).
    types::instantiate_bodies(&mut prog);
    let t_check = t0.elapsed();
    let plugin_path = if opts.plugin {
        Some(
            plugin_root(infos)
                .ok_or_else(|| {
                    BuildError::Other("-buildmode=plugin requires exactly one main package".into())
                })?
                .to_string(),
        )
    } else {
        None
    };
    if plugin_path.is_none() && !prog.packages.iter().any(|p| p.path == "main") {
        return Err(BuildError::Other("no main package".into()));
    }
    if opts.escape_diagnostics {
        // gc prints -m output for the packages it compiles; the user's package is `main`.
        for p in prog.packages.iter().filter(|p| p.path == "main") {
            let text = diagnostics_m(&prog, p.id, opts.m_level.max(1), opts.no_inline);
            if !text.is_empty() {
                let header = infos
                    .iter()
                    .find(|i| i.path == "main")
                    .map_or(COMMAND_LINE_ARGUMENTS, |i| i.import_path.as_str());
                eprintln!("# {header}");
                eprint!("{text}");
            }
        }
    }
    check_string_defs(&prog, infos, opts)?;
    let Objects {
        objects,
        report,
        lower_time: t_lower,
    } = compile_packages(&prog, infos, opts)?;
    let t_codegen = t0.elapsed();
    // A plugin carries no runtime: its references to the runtime (Rust and the Go overlay)
    // stay undefined and bind to the host's when it is loaded (docs/plugin.md).
    let mut inputs = Vec::new();
    if plugin_path.is_none() {
        inputs.push(linker::Input {
            name: "runtime.a".into(),
            data: RUNTIME_ARCHIVE,
            kind: linker::InputKind::Archive,
        });
    }
    for (pkg, o) in &objects {
        if plugin_path.is_some() && pkg == "runtime" {
            continue;
        }
        inputs.push(linker::Input {
            name: format!("{pkg}.o"),
            data: o,
            kind: linker::InputKind::Object,
        });
    }
    // GOROOT's assembly of the packages rgo assembles (src/asmpkg.rs, docs/asm.md).
    let asm_objects = crate::asmpkg::assemble_packages(&prog)?;
    for (name, o) in &asm_objects {
        inputs.push(linker::Input {
            name: format!("{name}.o"),
            data: o,
            kind: linker::InputKind::Object,
        });
    }
    // Init tasks run in gc's order: a topological order over the import edges (every package
    // also depends on runtime, which every package implicitly imports).
    let mut init_deps = Vec::new();
    for p in prog.packages.iter().filter(|p| !p.files.is_empty()) {
        let from = midend::lower::symbol_prefix(&p.path);
        // Packages the runtime imports are initialised before it.
        if p.path != "runtime" && !RUNTIME_IMPORTS.contains(&p.path.as_str()) {
            init_deps.push((from.clone(), "runtime".to_string()));
        }
        for &i in &p.imports {
            let q = prog.package(i);
            if !q.files.is_empty() {
                init_deps.push((from.clone(), midend::lower::symbol_prefix(&q.path)));
            }
        }
    }
    // A host that can load plugins carries the table its plugins bind to.
    let host_symbols = plugin_path.is_none() && prog.packages.iter().any(|p| p.path == "plugin");
    let lopts = linker::LinkOptions {
        strip: opts.strip,
        dwarf: !opts.no_dwarf,
        goroot: load::default_goroot().map(|p| p.to_string_lossy().into_owned()),
        init_deps,
        plugin_path: plugin_path.clone(),
        pkghashes: if plugin_path.is_some() || host_symbols {
            package_hashes(&prog)
        } else {
            Vec::new()
        },
        host_symbols,
        ..Default::default()
    };
    let (exe, link_report) = linker::link_with_report(&inputs, &lopts)
        .map_err(|e| BuildError::Other(format!("link: {e}")))?;
    if opts.dumps.link {
        eprint!("{}", link_report.describe());
    }
    if opts.timings {
        let t_link = t0.elapsed();
        eprintln!(
            "rgo: check {:.1?}, lower+codegen {:.1?} (lowering {:.1?} of CPU), link {:.1?}; \
             {} packages compiled, {} from the cache",
            t_check,
            t_codegen - t_check,
            t_lower,
            t_link - t_codegen,
            report.compiled.len(),
            report.cached.len()
        );
    }
    Ok((exe, report))
}

/// Type-checks the (non-main) packages named by `args` and their dependencies and compiles
/// them all into the cache, as `go build` of library packages does; links nothing.
pub fn compile_only(args: &[String], opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut stats = CheckStats::default();
    let (mut prog, infos) = load_and_check_opts(args, &mut stats, true)?;
    types::instantiate_bodies(&mut prog);
    Ok(compile_packages(&prog, &infos, opts)?.report)
}

/// A cached object is valid for exactly the inputs hashed here; see docs/cache.md.
const KEY_DOMAIN: &str = "rgo package object v1";

/// The inputs of each package's object that the cache key must cover, computed for every
/// package of the checked program in dependency order.
struct Keys {
    /// Package (PkgId index) → full cache key.
    key: HashMap<usize, cache::Key>,
}

impl Keys {
    fn compute(
        prog: &types::Program,
        infos: &[LoadedInfo],
        tool: &cache::Key,
        string_defs: &HashMap<usize, Vec<(String, String)>>,
    ) -> Keys {
        let info_of: HashMap<&str, &LoadedInfo> =
            infos.iter().map(|i| (i.path.as_str(), i)).collect();
        // The hash of a package's own sources (file names as printed in the binary's line
        // tables, and contents), then of its sources together with all its dependencies'.
        let linknames = midend::linkname::LinkNames::collect(prog);
        let mut src: HashMap<usize, cache::Key> = HashMap::new();
        let mut closure: HashMap<usize, cache::Key> = HashMap::new();
        for p in &prog.packages {
            let mut h = cache::KeyHasher::new("rgo package sources");
            h.str(&p.path).str(&p.name);
            if let Some(i) = info_of.get(p.path.as_str()) {
                h.str(&i.import_path)
                    .str(i.go_version.as_deref().unwrap_or(""));
            }
            for f in &p.files {
                if let Some(sf) = prog.fset.file(f.file_index) {
                    h.str(&sf.path).str(&sf.text);
                }
            }
            // The files `//go:embed` variables are initialised with are inputs too.
            for v in midend::embed::package_embeds(prog, p.id).0 {
                for f in &v.files {
                    h.str(&f.name).bytes(&f.data);
                }
            }
            // How the package's body-less functions resolve: a call to one uses the Go
            // convention when some package of the program defines its symbol with a Go body
            // (a linkname push), else the C convention into rt (midend::linkname). That depends
            // on the whole program, so the resolution itself is part of the key of the package
            // and, through the closure below, of every package that can call it.
            for f in &p.files {
                for d in &f.decls {
                    let frontend::ast::Decl::Func(fd) = d else {
                        continue;
                    };
                    if fd.body.is_some() {
                        continue;
                    }
                    let Some(&o) = prog.info.defs.get(&fd.name.id) else {
                        continue;
                    };
                    let sym = linknames
                        .symbol
                        .get(&o)
                        .cloned()
                        .unwrap_or_else(|| format!("{}.{}", p.path, fd.name.name));
                    let go = linknames.go_defined.contains(&sym);
                    h.str(&sym).str(if go { "go" } else { "c" });
                }
            }
            let own = h.finish();
            src.insert(p.id.0 as usize, own);
            let mut c = cache::KeyHasher::new("rgo package source closure");
            c.bytes(&own);
            for d in sorted_imports(prog, p) {
                if let Some(k) = closure.get(&d) {
                    c.bytes(k);
                }
            }
            closure.insert(p.id.0 as usize, c.finish());
        }
        // Generic instances are lowered into the package declaring the generic function, for
        // whichever package instantiates them (midend::lower::lower_instances): the body of
        // `p.F[q.T]` depends on q.T, and q may import p. Each instance therefore adds its
        // symbol and the source closure of every package its type arguments name.
        let mut inst: HashMap<usize, Vec<(String, Vec<cache::Key>)>> = HashMap::new();
        for fi in &prog.func_instances.list {
            let Some(owner) = prog.obj(fi.func).pkg else {
                continue;
            };
            let mut pkgs = std::collections::BTreeSet::new();
            let mut seen = std::collections::HashSet::new();
            let mut text = prog.obj(fi.func).name.clone();
            for &t in fi.type_args.iter().chain(fi.recv.iter()) {
                text.push('|');
                text.push_str(&prog.link_string(t));
                type_packages(prog, t, &mut pkgs, &mut seen);
            }
            let keys = pkgs
                .into_iter()
                .filter_map(|p| closure.get(&p).copied())
                .collect();
            inst.entry(owner.0 as usize).or_default().push((text, keys));
        }
        let noescape = std::env::var_os("RGO_NOESCAPE").is_some_and(|v| v == "1");
        let mut key: HashMap<usize, cache::Key> = HashMap::new();
        for p in &prog.packages {
            let id = p.id.0 as usize;
            let mut h = cache::KeyHasher::new(KEY_DOMAIN);
            h.bytes(tool)
                .str(if noescape { "noescape" } else { "escape" })
                .str(if midend::inline::expand::enabled() {
                    "inline"
                } else {
                    "noinline"
                })
                .str("opt=speed");
            // The package's own sources and its dependencies' (what its checked state can
            // depend on); not the dependencies' full keys: their generic instances do not
            // change this package's object.
            h.bytes(&closure[&id]);
            // `-X` values become the package's data (not its dependents').
            if let Some(defs) = string_defs.get(&id) {
                h.str("-X");
                for (name, value) in defs {
                    h.str(name).str(value);
                }
            }
            let mut list = inst.remove(&id).unwrap_or_default();
            list.sort();
            for (text, keys) in &list {
                h.str(text);
                for k in keys {
                    h.bytes(k);
                }
            }
            key.insert(id, h.finish());
        }
        Keys { key }
    }
}

/// A package's imports (package indices), ordered by path.
fn sorted_imports(prog: &types::Program, p: &types::Package) -> Vec<usize> {
    let mut v: Vec<(&str, usize)> = p
        .imports
        .iter()
        .map(|&i| (prog.package(i).path.as_str(), i.0 as usize))
        .collect();
    v.sort();
    v.into_iter().map(|(_, i)| i).collect()
}

/// The packages whose declarations a type mentions: defining packages of named types (and of
/// their type arguments), packages of unexported field and method names.
fn type_packages(
    prog: &types::Program,
    t: types::TypeId,
    out: &mut std::collections::BTreeSet<usize>,
    seen: &mut std::collections::HashSet<types::TypeId>,
) {
    use types::Type;
    if !seen.insert(t) {
        return;
    }
    let mut walk = |t: types::TypeId, out: &mut std::collections::BTreeSet<usize>| {
        type_packages(prog, t, out, seen)
    };
    match prog.ty(t) {
        Type::Basic(_) => {}
        Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => walk(*e, out),
        Type::Map(k, v) => {
            walk(*k, out);
            walk(*v, out);
        }
        Type::Struct(fields) => {
            for f in fields {
                if let Some(p) = f.pkg {
                    out.insert(p.0 as usize);
                }
                walk(f.typ, out);
            }
        }
        Type::Func(sig) => {
            for &x in sig.params.iter().chain(&sig.results) {
                walk(x, out);
            }
        }
        Type::Interface(it) => {
            for m in &it.methods {
                if let Some(p) = m.pkg {
                    out.insert(p.0 as usize);
                }
                walk(m.sig, out);
            }
            for &e in &it.embeddeds {
                walk(e, out);
            }
            for term in it.terms.iter().flatten() {
                walk(term.typ, out);
            }
        }
        Type::Tuple(ts) => {
            for &x in ts {
                walk(x, out);
            }
        }
        Type::Named(n) => {
            if let Some(p) = prog.obj(n.obj).pkg {
                out.insert(p.0 as usize);
            }
            for &a in &n.type_args {
                walk(a, out);
            }
        }
        Type::TypeParam(tp) => {
            if let Some(p) = prog.obj(tp.obj).pkg {
                out.insert(p.0 as usize);
            }
        }
    }
}

/// The packages' objects in dependency order with their package paths, what was compiled and
/// what came from the cache, and the CPU time spent lowering.
struct Objects {
    objects: Vec<(String, Vec<u8>)>,
    report: BuildReport,
    lower_time: Duration,
}

/// The result of compiling one package: its object, and its IR when dumps were asked for.
type Compiled = Result<(Vec<u8>, Option<midend::ir::Module>, Duration), BuildError>;

/// Lowers and compiles every package of `prog` that has files (the runtime overlay, imported
/// packages, main), or takes its object from the cache. Packages not in the cache are compiled
/// in parallel: lowering reads only the checked program, so any two packages are independent,
/// and each result goes to its package's slot, so the objects (and the executable) do not
/// depend on thread timing.
fn compile_packages(
    prog: &types::Program,
    infos: &[LoadedInfo],
    opts: &BuildOptions,
) -> Result<Objects, BuildError> {
    let header_of = |path: &str| -> String {
        infos
            .iter()
            .find(|i| i.path == path)
            .map_or_else(|| path.to_string(), |i| i.import_path.clone())
    };
    let dumping = opts.dumps.ir || opts.dumps.clif || opts.dumps.asm || opts.dumps.check_bce;
    let plugin_exports = if opts.plugin {
        plugin_root(infos)
    } else {
        None
    };
    // Dumps need the IR of every package, so they bypass the cache.
    let store = if dumping {
        None
    } else {
        cache::default_dir().and_then(|d| match cache::Cache::open(&d) {
            Ok(c) => Some(c),
            Err(e) => {
                eprintln!("rgo: build cache {} unusable: {e}", d.display());
                None
            }
        })
    };
    let tool = match &store {
        Some(c) => match c.tool_id() {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("rgo: cannot identify the rgo binary, not caching: {e}");
                None
            }
        },
        None => None,
    };
    let string_defs = string_defs_by_package(prog, infos, opts);
    let keys = match (&store, &tool) {
        (Some(_), Some(t)) => Some(Keys::compute(prog, infos, t, &string_defs)),
        _ => None,
    };
    let units: Vec<&types::Package> = prog
        .packages
        .iter()
        .filter(|p| !p.files.is_empty())
        .collect();
    let mut report = BuildReport::default();
    let mut slots: Vec<Option<Compiled>> = Vec::with_capacity(units.len());
    let mut todo = Vec::new();
    for (i, p) in units.iter().enumerate() {
        // A plugin's main package gets its export table only in that build: not cached.
        let key = keys
            .as_ref()
            .and_then(|k| k.key.get(&(p.id.0 as usize)))
            .filter(|_| Some(p.path.as_str()) != plugin_exports);
        match (&store, key) {
            (Some(c), Some(k)) if !opts.rebuild_all => match c.get(k) {
                cache::Lookup::Hit(obj) => {
                    slots.push(Some(Ok((obj, None, Duration::ZERO))));
                    continue;
                }
                cache::Lookup::Miss => {}
                cache::Lookup::Bad(why) => report
                    .bad_entries
                    .push(format!("{}: {why}", header_of(&p.path))),
            },
            _ => {}
        }
        slots.push(None);
        todo.push(i);
    }
    let cores = opts
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let workers = cores.min(todo.len()).max(1);
    // Packages in parallel; what is left of the cores goes to each package's functions.
    let bopts = backend::Options {
        threads: (cores / workers).max(1),
        ..backend::Options::default()
    };
    let compile_one = |p: &types::Package| -> Compiled {
        let t = Instant::now();
        let exports = Some(p.path.as_str()) == plugin_exports;
        let defs = string_defs.get(&(p.id.0 as usize)).map_or(&[][..], |v| v);
        let module =
            midend::lower_package_with_strings(prog, p.id, exports, defs).map_err(|errs| {
                let diags: Vec<Diagnostic> = errs
                    .into_iter()
                    .map(|e| Diagnostic::new(e.pos, e.message))
                    .collect();
                let mut text = format!("# {}\n", header_of(&p.path));
                text.push_str(&diag::render(&prog.fset, &diags));
                BuildError::Diagnostics(text)
            })?;
        let lower = t.elapsed();
        let obj = backend::compile_module(&module, &bopts)
            .map_err(|e| BuildError::Other(format!("# {}\n{e}", header_of(&p.path))))?;
        if let (Some(c), Some(k)) = (&store, &keys)
            && !exports
            && let Some(key) = k.key.get(&(p.id.0 as usize))
            && let Err(e) = c.put(key, &obj)
        {
            eprintln!("rgo: writing build cache entry: {e}");
        }
        Ok((obj, dumping.then_some(module), lower))
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: Vec<std::sync::Mutex<Option<Compiled>>> =
        todo.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let j = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&i) = todo.get(j) else { break };
                    // A panic in lowering or code generation is a compiler bug; report it
                    // for this package instead of taking the other threads down.
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        compile_one(units[i])
                    }))
                    .unwrap_or_else(|p| {
                        let msg = p
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_else(|| "unknown panic".into());
                        Err(BuildError::Other(format!(
                            "# {}\nrgo: internal compiler error: {msg}",
                            header_of(&units[i].path)
                        )))
                    });
                    if let Ok(mut slot) = done[j].lock() {
                        *slot = Some(r);
                    }
                }
            });
        }
    });
    for (j, slot) in done.into_iter().enumerate() {
        slots[todo[j]] = slot.into_inner().unwrap_or(None);
    }
    // Errors of every failed package, in dependency order, as the go command reports them.
    let mut diags = String::new();
    let mut other = None;
    let mut objects = Vec::with_capacity(units.len());
    let mut modules = Vec::new();
    let mut lower_time = Duration::ZERO;
    for (i, (p, slot)) in units.iter().zip(slots).enumerate() {
        match slot {
            Some(Ok((obj, module, t))) => {
                lower_time += t;
                if todo.contains(&i) {
                    report.compiled.push(header_of(&p.path));
                } else {
                    report.cached.push(header_of(&p.path));
                }
                modules.extend(module);
                objects.push((p.path.clone(), obj));
            }
            Some(Err(BuildError::Diagnostics(t))) => diags.push_str(&t),
            Some(Err(BuildError::Other(m))) => {
                other.get_or_insert(m);
            }
            None => {
                other.get_or_insert(format!(
                    "rgo: internal error: package {} was not compiled",
                    p.path
                ));
            }
        }
    }
    if !diags.is_empty() {
        return Err(BuildError::Diagnostics(diags));
    }
    if let Some(m) = other {
        return Err(BuildError::Other(m));
    }
    for module in &modules {
        if opts.dumps.ir {
            eprint!("{module}");
        }
        if opts.dumps.clif {
            match backend::clif_dump(module, &bopts) {
                Ok(s) => eprint!("{s}"),
                Err(e) => return Err(BuildError::Other(e.to_string())),
            }
        }
        if opts.dumps.asm {
            match backend::asm_dump(module, &bopts) {
                Ok(s) => eprint!("{s}"),
                Err(e) => return Err(BuildError::Other(e.to_string())),
            }
        }
        // Like gc's flag without `all=`: the main package only.
        if opts.dumps.check_bce && module.package == "main" {
            match backend::bce_report(module, &bopts) {
                Ok(s) => eprint!("{s}"),
                Err(e) => return Err(BuildError::Other(e.to_string())),
            }
        }
    }
    if let Some(c) = &store {
        c.trim();
    }
    if opts.verbose {
        for b in &report.bad_entries {
            eprintln!("rgo: cache entry rebuilt: {b}");
        }
        for p in &report.compiled {
            eprintln!("{p}");
        }
    }
    Ok(Objects {
        objects,
        report,
        lower_time,
    })
}
