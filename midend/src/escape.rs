//! Escape analysis: decides, for every local variable and allocation site of a package, whether it
//! may live on the stack or must move to the heap, the way gc 1.27.3's `cmd/compile/internal/escape`
//! decides it (without inlining, i.e. gc's `-l` mode), and produces gc's `-m` diagnostics.
//!
//! The model is gc's: a graph of *locations* (variables, allocation sites, temporaries and four
//! special sinks: heap, mutator, callee, blank) whose edges are value flows annotated with a
//! dereference count (`-1` = address-of, `0` = copy, `n` = n loads). Functions are analysed in
//! strongly connected components of the reference graph, bottom-up, so that a call to a function
//! of an earlier component uses that function's parameter *tags* (how each parameter leaks) instead
//! of its body; calls inside one component flow directly into the callee's parameter locations.
//! Closures are analysed together with the function that contains them.
//!
//! Functions of imported packages are analysed too when their bodies are part of the checked
//! program (gc reads their tags from export data; computing them from the bodies gives the same
//! tags up to gc's inlining of the imported package). Functions without bodies leak their pointer
//! parameters to the heap unless marked `//go:noescape`, as in gc.
//!
//! Entry point: [`analyze`]. The AST walk that builds the graph lives in `escape/walk.rs`, gc's
//! positions and expression spellings for messages in `escape/gcfmt.rs`.
//!
//! [`analyze_expanded`] is the analysis after inlining that the lowering uses: the calls it
//! expands (`inline::expand`) are walked as the callee's body in the caller, with fresh
//! locations for the callee's variables and sites per call, so that a closure or `&T{}` an
//! inlined constructor returns can stay in the caller's frame. Their decisions are keyed by
//! the call; gc's `-m` messages for inlined copies are not produced (rgo's `-m` output is the
//! analysis without expansion).

use std::collections::{HashMap, HashSet, VecDeque};

use frontend::ast::{self, Block, Decl, Expr, ExprKind, FuncDecl, FuncType, NodeId, Pos};
use frontend::types::{BasicKind, ObjId, ObjKind, PkgId, Program, Type, TypeId};

mod gcfmt;
#[cfg(test)]
mod tests;
mod walk;

pub(crate) use walk::{each_call, each_expr_in, visit_block_idents, visit_expr_idents};

/// How one parameter leaks, in gc's encoding (`escape.leaks`): for each sink, the minimal number of
/// dereferences on the way from the parameter to the sink, or none.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, Debug)]
pub struct ParamTag(pub [u8; 8]);

/// Index of the heap sink in [`ParamTag`].
const LEAK_HEAP: usize = 0;
const LEAK_MUTATOR: usize = 1;
const LEAK_CALLEE: usize = 2;
const LEAK_RESULT0: usize = 3;
/// gc tracks leaks to the first five results only; later ones count as heap leaks.
pub const NUM_ESC_RESULTS: usize = 8 - LEAK_RESULT0;

impl ParamTag {
    fn get(&self, i: usize) -> Option<u32> {
        self.0[i].checked_sub(1).map(u32::from)
    }
    fn add(&mut self, i: usize, derefs: i32) {
        let derefs = derefs.max(0);
        if self.get(i).is_none_or(|old| (derefs as u32) < old) {
            self.0[i] = (derefs + 1).min(255) as u8;
        }
    }
    /// A tag for a parameter that leaks to the heap (what gc assumes without other knowledge).
    pub fn heap() -> ParamTag {
        let mut t = ParamTag::default();
        t.add(LEAK_HEAP, 0);
        t
    }
    /// Derefs before the parameter reaches the heap (`Some(0)`: the pointer itself leaks).
    pub fn heap_level(&self) -> Option<u32> {
        self.get(LEAK_HEAP)
    }
    /// Derefs before the parameter reaches result `i`.
    pub fn result_level(&self, i: usize) -> Option<u32> {
        if i < NUM_ESC_RESULTS {
            self.get(LEAK_RESULT0 + i)
        } else {
            None
        }
    }
    pub fn mutator_level(&self) -> Option<u32> {
        self.get(LEAK_MUTATOR)
    }
    pub fn callee_level(&self) -> Option<u32> {
        self.get(LEAK_CALLEE)
    }
    /// gc's `leaks.Optimize`: sinks reached with at least as many derefs as the heap are implied
    /// by the heap leak.
    fn optimize(&mut self) {
        if let Some(x) = self.heap_level() {
            for i in 1..8 {
                if self.get(i).is_some_and(|v| v >= x) {
                    self.0[i] = 0;
                }
            }
        }
    }
}

/// Why a captured variable is captured by value or by reference: gc captures by value a
/// variable that is never address-taken nor reassigned after capture and is at most 128 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaptureFacts {
    pub addrtaken: bool,
    pub reassigned: bool,
    pub width: u64,
}

/// What escape analysis decided for one package.
#[derive(Debug, Default)]
pub struct EscapeResult {
    /// Local variables (parameters included) that must live on the heap ("moved to heap: x").
    pub heap_vars: HashSet<ObjId>,
    /// Allocation sites that escape: `&T{}`, `new(T)` calls, slice and map literals, `make` calls,
    /// func literals, method value selectors, string/byte/rune conversions, string
    /// concatenations, `append` calls (their growth), interface conversions (keyed by the
    /// converted expression's NodeId), implicit `...` slices (keyed by the call's NodeId). Sites
    /// absent from this set may be stack-allocated.
    pub heap_sites: HashSet<NodeId>,
    /// Allocation sites found not to escape. A node in neither set was not analysed as a site
    /// (for example a conversion in a generic body whose operand is a type parameter), so
    /// nothing is known about it.
    pub stack_sites: HashSet<NodeId>,
    /// Implicit interface conversions (of assignments, arguments, returns, literal elements,
    /// comparisons, switch cases) that escape, keyed by the converted operand's NodeId. Kept apart
    /// from `heap_sites` because the operand may itself be an allocation site (`var i any =
    /// []int{1}`: both the slice literal and its boxing).
    pub heap_iface_conversions: HashSet<NodeId>,
    /// For each FuncLit: per captured variable, in `Info::captures` order, whether it is
    /// captured by value (true) or by reference.
    pub capture_by_value: HashMap<NodeId, Vec<bool>>,
    /// For each FuncLit: per captured variable, the facts the by-value rule looked at (gc's
    /// `-m=2` "capturing by value/ref: x (addr=… assign=… width=…)").
    pub capture_facts: HashMap<NodeId, Vec<CaptureFacts>>,
    /// gc's name of each FuncLit's function (`main.f.func1`) and the literal's position.
    pub closure_names: HashMap<NodeId, (String, Pos)>,
    /// Variables that range-over-func bodies capture by value (the others they capture by
    /// reference, in heap cells).
    pub rf_by_value: HashSet<ObjId>,
    /// Parameter tags per function (receiver first, then the parameters). Computed for every
    /// analysed function, including functions of imported packages reached from this one.
    pub param_tags: HashMap<ObjId, Vec<ParamTag>>,
    /// gc's `-m` diagnostics for the package, in gc's order.
    pub diagnostics: Vec<(Pos, String)>,
    /// Decisions inside expanded calls (`inline::expand`), keyed by the call: the callee's
    /// variables that must live on the heap in that copy of its body.
    pub heap_vars_inl: HashSet<(NodeId, ObjId)>,
    /// Allocation sites of an expanded body that escape in that copy.
    pub heap_sites_inl: HashSet<(NodeId, NodeId)>,
    /// Allocation sites of an expanded body found not to escape in that copy.
    pub stack_sites_inl: HashSet<(NodeId, NodeId)>,
}

/// Renders the diagnostics as gc prints them under `-gcflags=-m`: `file:line:col: message`.
pub fn format_diagnostics(prog: &Program, res: &EscapeResult) -> String {
    let mut out = String::new();
    for (pos, msg) in &res.diagnostics {
        // gc prints the rangefunc rewrite's `#next` without a position.
        if *pos != Pos::NONE {
            out.push_str(&prog.fset.format(*pos));
            out.push_str(": ");
        }
        out.push_str(msg);
        out.push('\n');
    }
    out
}

/// Analyses package `pkg` of `prog` (and, for their tags, the functions of other packages that it
/// reaches).
pub fn analyze(prog: &Program, pkg: PkgId) -> EscapeResult {
    analyze_expanded(prog, pkg, HashMap::new())
}

/// [`analyze`] after inlining: the calls in `expand` are analysed as their callee's body
/// substituted at the call (the lowering expands exactly these calls).
pub fn analyze_expanded<'p>(
    prog: &'p Program,
    pkg: PkgId,
    expand: HashMap<NodeId, crate::inline::expand::Expansion<'p>>,
) -> EscapeResult {
    let mut a = Analyzer::new(prog, pkg);
    a.expand = expand;
    a.run();
    a.res
}

// ---------------------------------------------------------------------------------------------
// The location graph.

type LocId = usize;
const HEAP: LocId = 0;
const MUTATOR: LocId = 1;
const CALLEE: LocId = 2;
const BLANK: LocId = 3;

const ATTR_ESCAPES: u8 = 1;
const ATTR_PERSISTS: u8 = 2;
const ATTR_MUTATES: u8 = 4;
const ATTR_CALLS: u8 = 8;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LocKind {
    Special,
    Var(ObjId),
    Site(usize),
    Temp,
}

#[derive(Clone, Copy, Debug)]
struct Edge {
    src: LocId,
    derefs: i32,
}

#[derive(Debug)]
struct Loc {
    kind: LocKind,
    /// Index of the function (in `Analyzer::fns`) whose frame holds the location.
    func: usize,
    edges: Vec<Edge>,
    loop_depth: i32,
    /// 1 + index among the function's results, for result variables.
    result_index: usize,
    derefs: i32,
    walkgen: u32,
    queued_all: bool,
    queued_one: u32,
    attrs: u8,
    param_esc: ParamTag,
    captured: bool,
    reassigned: bool,
    addrtaken: bool,
    param: bool,
    param_out: bool,
    /// The expanded call whose copy of the callee's body declares this location.
    inl: Option<NodeId>,
}

/// A destination for a flow: a location plus dereferences to apply.
#[derive(Clone, Copy, Debug)]
struct Hole {
    dst: LocId,
    derefs: i32,
    addrtaken: bool,
}

impl Hole {
    fn shift(mut self, delta: i32) -> Hole {
        self.derefs += delta;
        if self.derefs < -1 {
            // Not reachable from valid flows (gc treats it as an internal error); clamp.
            self.derefs = -1;
        }
        self.addrtaken = delta < 0;
        self
    }
    fn deref(self) -> Hole {
        self.shift(1)
    }
    fn addr(self) -> Hole {
        self.shift(-1)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum SiteKind {
    /// An ordinary allocation (`new`, `&T{}`, literals, `make`, conversions, ...).
    Alloc,
    /// `append`: gc says "append escapes to heap".
    Append,
    /// `[]byte(s)`: may be reported as a zero-copy conversion.
    Str2Bytes,
    /// A func literal (the closure's function index).
    Closure(usize),
    /// The wrapper closure gc builds for `go`/`defer` calls: never reported.
    Wrapper,
    /// A variable the range-over-func rewrite introduces (`#state1`): reported as "moved to
    /// heap" when it escapes.
    MovedVar,
}

#[derive(Clone, Debug)]
struct Site {
    node: NodeId,
    pos: Pos,
    text: String,
    kind: SiteKind,
    /// gc's `HeapAllocReason`: too large or too aligned for the stack, or a zero-sized make.
    forced_heap: bool,
    /// An implicit interface conversion (keyed by its operand).
    implicit_conv: bool,
}

/// A function body under analysis: a declared function or method, or a func literal.
struct FnInfo<'p> {
    obj: Option<ObjId>,
    parent: Option<usize>,
    body: Option<&'p Block>,
    noescape: bool,
    /// gc's name of the function, for messages that name it.
    name: String,
    closure_results_lost: bool,
    /// Parameters (receiver first): object (None when unnamed or blank), type, position, name.
    params: Vec<(Option<ObjId>, TypeId, Pos, String)>,
    /// Results: object, type, gc's name (`~r0` for unnamed ones).
    results: Vec<(Option<ObjId>, TypeId, String)>,
}

/// What [`Analyzer::new_fn`] needs to know about a function.
struct FnSpec<'p> {
    obj: Option<ObjId>,
    parent: Option<usize>,
    sig: &'p FuncType,
    recv: Option<&'p ast::Field>,
    body: Option<&'p Block>,
    noescape: bool,
    name: String,
}

struct Analyzer<'p> {
    prog: &'p Program,
    pkg: PkgId,
    res: EscapeResult,
    /// Every function declaration with a body or not, in any package of the program.
    decls: HashMap<ObjId, (&'p FuncDecl, PkgId)>,
    fns: Vec<FnInfo<'p>>,
    fn_of_obj: HashMap<ObjId, usize>,
    fn_of_lit: HashMap<NodeId, usize>,
    /// Tags of analysed functions (receiver first).
    tags: HashMap<ObjId, Vec<ParamTag>>,
    /// Functions of the current batch (top-level objects).
    in_batch: HashSet<ObjId>,
    /// Locations of the current batch.
    locs: Vec<Loc>,
    sites: Vec<Site>,
    var_loc: HashMap<ObjId, LocId>,
    /// Func literals of the batch: the closure's hole, function, node, captured variables'
    /// locations, and whether it is in an expanded body.
    closures: Vec<(Hole, usize, NodeId, Vec<LocId>, bool)>,
    /// Current function and loop depth of the walk.
    cur_fn: usize,
    loop_depth: i32,
    labels: HashMap<String, bool>,
    /// Per top-level function: variables whose address is taken syntactically (gc's Addrtaken
    /// flag, which drives the per-iteration loop variable rewrite and the reassignment oracle).
    addr_taken: HashSet<ObjId>,
    /// Variables assigned anywhere other than in their definition (for the static-value oracle).
    reassigned_any: HashSet<ObjId>,
    /// Single defining expression of local variables (for the static-value oracle).
    def_value: HashMap<ObjId, &'p Expr>,
    /// Variables captured by some closure.
    captured_any: HashSet<ObjId>,
    /// Per function: the `#next` (if any) and `#stateN` locations of its range-over-func
    /// loops, in walk order.
    rf_decls: HashMap<usize, VecDeque<(Option<LocId>, LocId)>>,
    /// Depth of range-over-func loops around the walk.
    rf_nest: u32,
    /// Label of the statement being walked next (for range-over-func loops).
    rf_label: Option<String>,
    /// The variables each range-over-func body of the batch captures.
    rf_closures: Vec<(LocId, Vec<ObjId>)>,
    /// gc's names of unnamed results that range-over-func bodies assign (`#rv1`).
    rf_names: HashMap<ObjId, String>,
    /// Positions gc gives variables where they differ from the object's (type switch clause
    /// variables are reported at their clause).
    var_pos: HashMap<ObjId, Pos>,
    /// Diagnostics of the current batch, in emission order.
    diags: Vec<(Pos, String)>,
    /// Whether the current batch belongs to the analysed package (diagnostics are kept).
    report: bool,
    /// The holes of the batch's deferred calls outside loops (see [`Analyzer::defer_reach`]).
    defer_roots: Vec<LocId>,
    /// The calls analysed as expanded (`inline::expand`).
    expand: HashMap<NodeId, crate::inline::expand::Expansion<'p>>,
    /// The expanded call being walked.
    inl: Option<InlFrame>,
}

/// An expanded call under analysis: where the callee body's `return`s flow.
struct InlFrame {
    call: NodeId,
    /// The caller's function (a `return` in a func literal of the body is the literal's own).
    func: usize,
    results: Vec<Hole>,
    result_types: Vec<TypeId>,
}

/// Every declared function of the program (all packages) by its object, with its package:
/// escape analysis and the inliner both look callees up in it.
pub(crate) fn func_decls(prog: &Program) -> HashMap<ObjId, (&FuncDecl, PkgId)> {
    let mut decls = HashMap::new();
    for p in &prog.packages {
        for f in &p.files {
            for d in &f.decls {
                if let Decl::Func(fd) = d
                    && let Some(&o) = prog.info.defs.get(&fd.name.id)
                {
                    decls.insert(o, (&**fd, p.id));
                }
            }
        }
    }
    decls
}

impl<'p> Analyzer<'p> {
    fn new(prog: &'p Program, pkg: PkgId) -> Analyzer<'p> {
        let decls = func_decls(prog);
        Analyzer {
            prog,
            pkg,
            res: EscapeResult::default(),
            decls,
            fns: Vec::new(),
            fn_of_obj: HashMap::new(),
            fn_of_lit: HashMap::new(),
            tags: HashMap::new(),
            in_batch: HashSet::new(),
            locs: Vec::new(),
            sites: Vec::new(),
            var_loc: HashMap::new(),
            closures: Vec::new(),
            cur_fn: 0,
            loop_depth: 1,
            labels: HashMap::new(),
            addr_taken: HashSet::new(),
            reassigned_any: HashSet::new(),
            def_value: HashMap::new(),
            captured_any: HashSet::new(),
            rf_decls: HashMap::new(),
            rf_nest: 0,
            rf_label: None,
            rf_closures: Vec::new(),
            rf_names: HashMap::new(),
            var_pos: HashMap::new(),
            diags: Vec::new(),
            report: false,
            defer_roots: Vec::new(),
            expand: HashMap::new(),
            inl: None,
        }
    }

    // ---- driver: strongly connected components, bottom-up ----

    /// The package's functions in source order, then the bottom-up traversal of everything they
    /// reference (gc's `VisitFuncsBottomUp`).
    fn run(&mut self) {
        let prog = self.prog;
        let mut roots = Vec::new();
        for f in &prog.package(self.pkg).files {
            for d in &f.decls {
                if let Decl::Func(fd) = d
                    && let Some(&o) = prog.info.defs.get(&fd.name.id)
                {
                    roots.push(o);
                }
            }
        }
        let sccs = self.bottom_up(&roots);
        for scc in sccs {
            self.batch(&scc);
        }
        self.res.param_tags = std::mem::take(&mut self.tags);
    }

    /// Functions referenced by a declaration's body (closures included), in walk order.
    fn callees(&self, o: ObjId) -> Vec<ObjId> {
        let mut out = Vec::new();
        if let Some((fd, _)) = self.decls.get(&o)
            && let Some(b) = &fd.body
        {
            let mut seen = HashSet::new();
            walk::visit_block_idents(b, &mut |id: NodeId| {
                if let Some(&u) = self.prog.info.uses.get(&id)
                    && self.decls.contains_key(&u)
                    && seen.insert(u)
                {
                    out.push(u);
                }
            });
        }
        out
    }

    /// Iterative Tarjan over the reference graph; components come out callees first.
    fn bottom_up(&self, roots: &[ObjId]) -> Vec<Vec<ObjId>> {
        let mut index: HashMap<ObjId, usize> = HashMap::new();
        let mut low: HashMap<ObjId, usize> = HashMap::new();
        let mut on_stack: HashSet<ObjId> = HashSet::new();
        let mut stack: Vec<ObjId> = Vec::new();
        let mut out = Vec::new();
        let mut next = 0usize;
        let cross = true;
        for &r in roots {
            if index.contains_key(&r) {
                continue;
            }
            // (node, its successors, next successor to visit)
            let mut work: Vec<(ObjId, Vec<ObjId>, usize)> = Vec::new();
            index.insert(r, next);
            low.insert(r, next);
            next += 1;
            stack.push(r);
            on_stack.insert(r);
            work.push((r, self.callees(r), 0));
            while let Some(top) = work.last_mut() {
                let v = top.0;
                if top.2 < top.1.len() {
                    let w = top.1[top.2];
                    top.2 += 1;
                    let in_pkg = self.decls.get(&w).is_some_and(|d| d.1 == self.pkg);
                    if !cross && !in_pkg {
                        continue;
                    }
                    if let std::collections::hash_map::Entry::Vacant(e) = index.entry(w) {
                        e.insert(next);
                        low.insert(w, next);
                        next += 1;
                        stack.push(w);
                        on_stack.insert(w);
                        let succ = self.callees(w);
                        work.push((w, succ, 0));
                    } else if on_stack.contains(&w) {
                        let lw = index[&w];
                        if lw < low[&v] {
                            low.insert(v, lw);
                        }
                    }
                } else {
                    work.pop();
                    if let Some(parent) = work.last() {
                        let lv = low[&v];
                        if lv < low[&parent.0] {
                            low.insert(parent.0, lv);
                        }
                    }
                    if low[&v] == index[&v] {
                        let mut comp = Vec::new();
                        while let Some(w) = stack.pop() {
                            on_stack.remove(&w);
                            comp.push(w);
                            if w == v {
                                break;
                            }
                        }
                        comp.reverse();
                        out.push(comp);
                    }
                }
            }
        }
        out
    }

    // ---- functions ----

    fn field_objs(&self, fields: &'p [ast::Field]) -> Vec<(Option<ObjId>, TypeId, Pos, String)> {
        let prog = self.prog;
        let mut out = Vec::new();
        for f in fields {
            if f.names.is_empty() {
                let o = prog.info.implicits.get(&f.typ.id).copied();
                let t = o
                    .map(|o| prog.obj(o).typ)
                    .or_else(|| prog.info.types.get(&f.typ.id).map(|tv| tv.typ))
                    .unwrap_or_else(|| prog.invalid_type());
                out.push((None, t, f.typ.pos, String::new()));
            } else {
                for n in &f.names {
                    let o = prog.info.defs.get(&n.id).copied();
                    let t = o
                        .map(|o| prog.obj(o).typ)
                        .unwrap_or_else(|| prog.invalid_type());
                    let o = if n.is_blank() { None } else { o };
                    out.push((o, t, n.pos, n.name.clone()));
                }
            }
        }
        out
    }

    fn new_fn(&mut self, spec: FnSpec<'p>) -> usize {
        let FnSpec {
            obj,
            parent,
            sig,
            recv,
            body,
            noescape,
            name,
        } = spec;
        let mut params = Vec::new();
        if let Some(r) = recv {
            params.extend(self.field_objs(std::slice::from_ref(r)));
        }
        params.extend(self.field_objs(&sig.params));
        let mut results = Vec::new();
        for (i, (o, t, _, n)) in self.field_objs(&sig.results).into_iter().enumerate() {
            let name = if o.is_some() { n } else { format!("~r{i}") };
            // A blank result still is a result variable; find its object for the flows.
            results.push((o, t, name));
        }
        // Unnamed or blank results still need a location: the checker gives unnamed ones an
        // implicit object; blank ones have a defining object too.
        let mut k = 0;
        for f in &sig.results {
            if f.names.is_empty() {
                if let Some(&o) = self.prog.info.implicits.get(&f.typ.id)
                    && let Some(r) = results.get_mut(k)
                {
                    r.0 = Some(o);
                }
                k += 1;
            } else {
                for n in &f.names {
                    if n.is_blank()
                        && let Some(&o) = self.prog.info.defs.get(&n.id)
                        && let Some(r) = results.get_mut(k)
                    {
                        r.0 = Some(o);
                    }
                    k += 1;
                }
            }
        }
        self.fns.push(FnInfo {
            obj,
            parent,
            body,
            noescape,
            name,
            closure_results_lost: false,
            params,
            results,
        });
        self.fns.len() - 1
    }

    /// gc's name of a declared function: `f`, `T.M`, `(*T).M`.
    fn decl_name(&self, fd: &FuncDecl) -> String {
        if let Some(r) = &fd.recv {
            let mut t = r.typ.unparen();
            let mut ptr = false;
            if let ExprKind::Star(x) = &t.kind {
                ptr = true;
                t = x.unparen();
            }
            if let ExprKind::Index { x, .. } = &t.kind {
                t = x.unparen();
            }
            let base = match &t.kind {
                ExprKind::Ident(id) => id.name.clone(),
                _ => "?".to_string(),
            };
            if ptr {
                format!("(*{base}).{}", fd.name.name)
            } else {
                format!("{base}.{}", fd.name.name)
            }
        } else {
            fd.name.name.clone()
        }
    }

    /// Whether `c` is a closure nested (at any depth) inside `f`.
    fn contains_closure(&self, f: usize, c: usize) -> bool {
        if f == c {
            return false;
        }
        let mut cur = self.fns.get(c).and_then(|x| x.parent);
        while let Some(p) = cur {
            if p == f {
                return true;
            }
            cur = self.fns.get(p).and_then(|x| x.parent);
        }
        false
    }

    // ---- the batch ----

    fn batch(&mut self, objs: &[ObjId]) {
        self.locs.clear();
        self.sites.clear();
        self.var_loc.clear();
        self.closures.clear();
        self.diags.clear();
        self.defer_roots.clear();
        self.in_batch = objs.iter().copied().collect();
        self.report = objs
            .iter()
            .any(|o| self.decls.get(o).is_some_and(|d| d.1 == self.pkg));
        for (i, kind) in [
            (HEAP, 15u8),
            (MUTATOR, ATTR_MUTATES),
            (CALLEE, ATTR_CALLS),
            (BLANK, 0),
        ] {
            debug_assert_eq!(self.locs.len(), i);
            self.locs.push(Loc::new(LocKind::Special, usize::MAX, 0));
            self.locs[i].attrs = kind;
        }
        // Functions of the batch: declarations first, each followed by its closures in
        // pre-order (gc's stack order).
        let mut batch_fns = Vec::new();
        for &o in objs {
            let Some(&(fd, _)) = self.decls.get(&o) else {
                continue;
            };
            let noescape = fd.directives.iter().any(|d| d.name == "go:noescape");
            let name = self.decl_name(fd);
            let fi = self.new_fn(FnSpec {
                obj: Some(o),
                parent: None,
                sig: &fd.sig,
                recv: fd.recv.as_ref(),
                body: fd.body.as_ref(),
                noescape,
                name,
            });
            self.fn_of_obj.insert(o, fi);
            batch_fns.push(fi);
            if let Some(b) = &fd.body {
                let mut lits = Vec::new();
                walk::collect_func_lits(b, &mut lits);
                self.register_lits(fi, &lits, &mut batch_fns);
            }
        }
        // Oracles over whole declarations (closures included).
        self.addr_taken.clear();
        self.reassigned_any.clear();
        self.def_value.clear();
        self.captured_any.clear();
        for &fi in &batch_fns {
            if self.fns[fi].parent.is_none()
                && let Some(b) = self.fns[fi].body
            {
                self.scan_oracles(b);
            }
        }
        for &fi in &batch_fns {
            self.init_func(fi);
        }
        for &fi in &batch_fns {
            if self.fns[fi].parent.is_none() {
                self.walk_func(fi);
            }
        }
        let closures = std::mem::take(&mut self.closures);
        for (k, fi, node, locs, inl) in closures {
            self.flow_closure(k, fi, node, &locs, inl);
        }
        for (clo, vars) in std::mem::take(&mut self.rf_closures) {
            self.flow_range_func(clo, &vars);
        }
        for l in 0..self.locs.len() {
            if let LocKind::Site(s) = self.locs[l].kind {
                if self.sites[s].forced_heap {
                    let h = Hole {
                        dst: HEAP,
                        derefs: 0,
                        addrtaken: false,
                    }
                    .addr();
                    self.flow(h, l);
                }
            } else if let LocKind::Var(o) = self.locs[l].kind
                && !self.locs[l].param
                && !self.locs[l].param_out
            {
                let t = self.prog.obj(o).typ;
                if self.prog.size_of(t) > 128 * 1024 || self.prog.align_of(t) > 8 {
                    let h = Hole {
                        dst: HEAP,
                        derefs: 0,
                        addrtaken: false,
                    }
                    .addr();
                    self.flow(h, l);
                }
            }
        }
        self.walk_all();
        self.defer_reach();
        self.finish(&batch_fns);
        if self.report {
            let d = std::mem::take(&mut self.diags);
            self.res.diagnostics.extend(d);
        }
    }

    fn register_lits(&mut self, parent: usize, lits: &[(&'p Expr, usize)], out: &mut Vec<usize>) {
        // `lits` holds (literal, index of its enclosing literal in `lits` or usize::MAX).
        let mut idx = Vec::with_capacity(lits.len());
        let mut counter: HashMap<usize, usize> = HashMap::new();
        for &(e, enclosing) in lits {
            let ExprKind::FuncLit { sig, body } = &e.kind else {
                idx.push(usize::MAX);
                continue;
            };
            let par = if enclosing == usize::MAX {
                parent
            } else {
                idx.get(enclosing).copied().unwrap_or(parent)
            };
            let n = counter.entry(par).or_insert(0);
            *n += 1;
            let name = format!("{}.func{}", self.fns[par].name, n);
            if self.inl.is_none() {
                self.res.closure_names.insert(e.id, (name.clone(), e.pos));
            }
            let fi = self.new_fn(FnSpec {
                obj: None,
                parent: Some(par),
                sig,
                recv: None,
                body: Some(body),
                noescape: false,
                name,
            });
            self.fn_of_lit.insert(e.id, fi);
            idx.push(fi);
            out.push(fi);
        }
    }

    /// gc's `initFunc`: locations for parameters, results and declared locals.
    fn init_func(&mut self, fi: usize) {
        let saved = (self.cur_fn, self.loop_depth);
        self.cur_fn = fi;
        self.loop_depth = 1;
        let params: Vec<Option<ObjId>> = self.fns[fi].params.iter().map(|p| p.0).collect();
        for o in params.into_iter().flatten() {
            let l = self.new_var_loc(o);
            self.locs[l].param = true;
        }
        let results: Vec<Option<ObjId>> = self.fns[fi].results.iter().map(|r| r.0).collect();
        for (i, o) in results.into_iter().enumerate() {
            if let Some(o) = o {
                let l = self.new_var_loc(o);
                self.locs[l].param_out = true;
                self.locs[l].result_index = i + 1;
            }
        }
        if let Some(b) = self.fns[fi].body {
            let mut vars = Vec::new();
            walk::collect_local_defs(self.prog, b, &mut vars);
            self.declare_range_funcs(b, &vars);
        }
        (self.cur_fn, self.loop_depth) = saved;
    }

    fn new_var_loc(&mut self, o: ObjId) -> LocId {
        let l = self.new_loc(LocKind::Var(o), true);
        self.var_loc.insert(o, l);
        l
    }

    fn new_loc(&mut self, kind: LocKind, persists: bool) -> LocId {
        let mut loc = Loc::new(kind, self.cur_fn, self.loop_depth);
        loc.inl = self.inl.as_ref().map(|f| f.call);
        if persists {
            loc.attrs |= ATTR_PERSISTS;
        }
        self.locs.push(loc);
        self.locs.len() - 1
    }

    /// The location of a local variable (created on first sight for variables the declaration
    /// scan did not see, e.g. implicit ones).
    fn var_loc(&mut self, o: ObjId) -> LocId {
        if let Some(&l) = self.var_loc.get(&o) {
            return l;
        }
        self.new_var_loc(o)
    }

    fn flow(&mut self, k: Hole, src: LocId) {
        if k.addrtaken {
            self.locs[src].addrtaken = true;
        }
        let dst = k.dst;
        if dst == BLANK {
            return;
        }
        if dst == src && k.derefs >= 0 {
            return;
        }
        if self.locs[dst].attrs & ATTR_ESCAPES != 0 && k.derefs < 0 {
            self.locs[src].attrs |= ATTR_ESCAPES | ATTR_PERSISTS | ATTR_MUTATES | ATTR_CALLS;
            return;
        }
        self.locs[dst].edges.push(Edge {
            src,
            derefs: k.derefs,
        });
    }

    /// The captures of a range-over-func body, by gc's rule for closures: by value when never
    /// reassigned nor address-taken and at most 128 bytes, else by reference (moved to heap).
    fn flow_range_func(&mut self, clo: LocId, vars: &[ObjId]) {
        let heap = Hole {
            dst: clo,
            derefs: 0,
            addrtaken: false,
        };
        for &o in vars {
            let l = self.var_loc(o);
            let size = self.prog.size_of(self.prog.obj(o).typ);
            let loc = &self.locs[l];
            let by_value = !loc.addrtaken && !loc.reassigned && size <= 128;
            if by_value {
                if self.report {
                    self.res.rf_by_value.insert(o);
                }
                self.flow(heap, l);
            } else {
                self.flow(heap.addr(), l);
            }
        }
    }

    fn flow_closure(&mut self, k: Hole, fi: usize, node: NodeId, locs: &[LocId], inl: bool) {
        // A literal in an expanded body is the callee's closure: its layout (by value or by
        // reference) was decided with the callee; when that is not known yet, by reference
        // is the conservative assumption.
        let known = if inl {
            Some(
                self.res
                    .capture_by_value
                    .get(&node)
                    .filter(|v| v.len() == locs.len())
                    .cloned()
                    .unwrap_or_else(|| vec![false; locs.len()]),
            )
        } else {
            None
        };
        let mut byval = Vec::with_capacity(locs.len());
        let mut facts = Vec::with_capacity(locs.len());
        for (i, &l) in locs.iter().enumerate() {
            let LocKind::Var(o) = self.locs[l].kind else {
                continue;
            };
            let size = self.prog.size_of(self.prog.obj(o).typ);
            let loc = &self.locs[l];
            let bv = match &known {
                Some(v) => v[i],
                None => !loc.addrtaken && !loc.reassigned && size <= 128,
            };
            facts.push(CaptureFacts {
                addrtaken: loc.addrtaken,
                reassigned: loc.reassigned,
                width: size,
            });
            byval.push(bv);
            let k = if bv { k } else { k.addr() };
            self.flow(k, l);
        }
        let _ = fi;
        if !inl {
            self.res.capture_by_value.insert(node, byval);
            self.res.capture_facts.insert(node, facts);
        }
    }

    // ---- solving (gc's walkAll / walkOne) ----

    fn walk_all(&mut self) {
        let mut todo: VecDeque<LocId> = VecDeque::new();
        for l in 4..self.locs.len() {
            todo.push_front(l);
            self.locs[l].queued_all = true;
        }
        for l in [MUTATOR, CALLEE, HEAP] {
            todo.push_front(l);
            self.locs[l].queued_all = true;
        }
        let mut walkgen = 0u32;
        while let Some(root) = todo.pop_front() {
            self.locs[root].queued_all = false;
            walkgen += 1;
            self.walk_one(root, walkgen, &mut todo);
        }
    }

    fn enqueue(&mut self, l: LocId, todo: &mut VecDeque<LocId>) {
        if !self.locs[l].queued_all {
            self.locs[l].queued_all = true;
            if self.locs[l].attrs & ATTR_ESCAPES != 0 {
                todo.push_front(l);
            } else {
                todo.push_back(l);
            }
        }
    }

    fn walk_one(&mut self, root: LocId, walkgen: u32, all: &mut VecDeque<LocId>) {
        self.locs[root].walkgen = walkgen;
        self.locs[root].derefs = 0;
        if self.locs[root].attrs & ATTR_CALLS != 0
            && let LocKind::Site(s) = self.locs[root].kind
            && let SiteKind::Closure(fi) = self.sites[s].kind
            && !self.fns[fi].closure_results_lost
        {
            self.fns[fi].closure_results_lost = true;
            let rs: Vec<Option<ObjId>> = self.fns[fi].results.iter().map(|r| r.0).collect();
            for o in rs.into_iter().flatten() {
                if let Some(&l) = self.var_loc.get(&o) {
                    self.enqueue(l, all);
                }
            }
        }
        let mut todo: VecDeque<LocId> = VecDeque::new();
        todo.push_front(root);
        while let Some(l) = todo.pop_front() {
            self.locs[l].queued_one = 0;
            let mut derefs = self.locs[l].derefs;
            let mut new_attrs = 0u8;
            let root_attrs = self.locs[root].attrs;
            if derefs < 0 {
                derefs = 0;
                if self.outlives(root, l) {
                    new_attrs |= ATTR_ESCAPES | ATTR_PERSISTS | ATTR_MUTATES | ATTR_CALLS;
                } else if root_attrs & ATTR_PERSISTS != 0 {
                    new_attrs |= ATTR_PERSISTS;
                }
            }
            if derefs == 0 {
                new_attrs |= root_attrs & (ATTR_MUTATES | ATTR_CALLS);
            }
            if self.locs[l].param {
                if self.outlives(root, l) {
                    self.leak_to(l, root, derefs);
                }
                if root_attrs & ATTR_MUTATES != 0 {
                    self.locs[l].param_esc.add(LEAK_MUTATOR, derefs);
                }
                if root_attrs & ATTR_CALLS != 0 {
                    self.locs[l].param_esc.add(LEAK_CALLEE, derefs);
                }
            }
            if new_attrs & !self.locs[l].attrs != 0 {
                self.locs[l].attrs |= new_attrs;
                self.enqueue(l, all);
                if self.locs[l].attrs & ATTR_ESCAPES != 0 {
                    continue;
                }
            }
            for i in 0..self.locs[l].edges.len() {
                let e = self.locs[l].edges[i];
                let src = &mut self.locs[e.src];
                if src.attrs & ATTR_ESCAPES != 0 {
                    continue;
                }
                let d = derefs + e.derefs;
                if src.walkgen != walkgen || src.derefs > d {
                    src.walkgen = walkgen;
                    src.derefs = d;
                    if src.queued_one != walkgen {
                        src.queued_one = walkgen;
                        todo.push_back(e.src);
                    }
                }
            }
        }
    }

    /// rgo-specific: what a deferred call can reach must outlive the function body's frame.
    ///
    /// gc runs a function's deferred calls in its own frame, so a `defer` outside loops
    /// leaks nothing (gc's hole for it is a temporary that flows to the blank sink). rgo
    /// splits a function with `defer` in two (lower/func.rs): the body runs as `f.deferbody`
    /// and the deferred calls run afterwards from `f`, when the body's frame is gone. So every
    /// variable and allocation site of the deferring function whose address flows into a
    /// deferred call (its arguments, receiver, function value or closure) goes to the heap in
    /// rgo although gc keeps it on the stack. This walks back from each such defer hole like
    /// `walk_one` does from a root, without changing attributes or diagnostics: a location
    /// reached with a negative dereference count (its address flows to the defer) is recorded
    /// in the result's heap sets, and what flows into it is walked on from zero dereferences,
    /// as the heap object it becomes holds it. Locations of enclosing functions (variables
    /// that a deferring closure captures) live in frames that are still there when the
    /// deferred calls run.
    fn defer_reach(&mut self) {
        if !self.report || self.defer_roots.is_empty() {
            return;
        }
        let roots = std::mem::take(&mut self.defer_roots);
        for &root in &roots {
            let func = self.locs[root].func;
            let mut best: Vec<Option<i32>> = vec![None; self.locs.len()];
            best[root] = Some(0);
            let mut todo: VecDeque<LocId> = VecDeque::from([root]);
            while let Some(l) = todo.pop_front() {
                let mut derefs = best[l].unwrap_or(0);
                if derefs < 0 {
                    derefs = 0;
                    if !self.contains_closure(self.locs[l].func, func) {
                        // A location of an expanded body's copy is decided per call.
                        let inl = self.locs[l].inl;
                        match self.locs[l].kind {
                            LocKind::Var(o) => match inl {
                                Some(call) => {
                                    self.res.heap_vars_inl.insert((call, o));
                                }
                                None => {
                                    self.res.heap_vars.insert(o);
                                }
                            },
                            LocKind::Site(s) if self.sites[s].kind != SiteKind::Wrapper => {
                                let node = self.sites[s].node;
                                match inl {
                                    Some(call) => {
                                        self.res.heap_sites_inl.insert((call, node));
                                    }
                                    None => {
                                        self.res.heap_sites.insert(node);
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                for i in 0..self.locs[l].edges.len() {
                    let e = self.locs[l].edges[i];
                    if self.locs[e.src].attrs & ATTR_ESCAPES != 0 {
                        continue;
                    }
                    let d = derefs + e.derefs;
                    if best[e.src].is_none_or(|b| d < b) {
                        best[e.src] = Some(d);
                        todo.push_back(e.src);
                    }
                }
            }
        }
        self.defer_roots = roots;
    }

    fn leak_to(&mut self, l: LocId, sink: LocId, derefs: i32) {
        let s = &self.locs[sink];
        if s.attrs & ATTR_ESCAPES == 0 && s.param_out && s.func == self.locs[l].func {
            let ri = s.result_index - 1;
            if ri < NUM_ESC_RESULTS {
                self.locs[l].param_esc.add(LEAK_RESULT0 + ri, derefs);
                return;
            }
        }
        self.locs[l].param_esc.add(LEAK_HEAP, derefs);
    }

    /// Whether location `l` outlives `other` (so that `other`'s address flowing to `l` makes
    /// `other` escape).
    fn outlives(&self, l: LocId, other: LocId) -> bool {
        let ll = &self.locs[l];
        let lo = &self.locs[other];
        if ll.attrs & ATTR_ESCAPES != 0 {
            return true;
        }
        if l == MUTATOR || l == CALLEE || ll.kind == LocKind::Special {
            return false;
        }
        if ll.param_out {
            // A result of a closure called directly does not outlive the caller's frame.
            if self.contains_closure(lo.func, ll.func)
                && !self
                    .fns
                    .get(ll.func)
                    .is_some_and(|f| f.closure_results_lost)
            {
                return false;
            }
            return true;
        }
        if ll.func == lo.func && ll.loop_depth < lo.loop_depth {
            return true;
        }
        self.contains_closure(ll.func, lo.func)
    }

    // ---- results ----

    fn finish(&mut self, batch_fns: &[usize]) {
        let prog = self.prog;
        for &fi in batch_fns {
            let n = self.fns[fi].params.len();
            let mut tags = Vec::with_capacity(n);
            for i in 0..n {
                let (o, t, pos, name) = self.fns[fi].params[i].clone();
                tags.push(self.param_tag(fi, o, t, pos, &name));
            }
            if let Some(o) = self.fns[fi].obj {
                self.tags.insert(o, tags);
            }
        }
        for l in 4..self.locs.len() {
            let escapes = self.locs[l].attrs & ATTR_ESCAPES != 0;
            // An expanded body's copy: its decisions are keyed by the call, and gc's messages
            // for inlined copies are not reproduced.
            if let Some(call) = self.locs[l].inl {
                if !self.report {
                    continue;
                }
                match self.locs[l].kind {
                    LocKind::Var(o) if escapes => {
                        self.res.heap_vars_inl.insert((call, o));
                    }
                    LocKind::Site(s) if !self.sites[s].implicit_conv => {
                        let node = self.sites[s].node;
                        if escapes {
                            self.res.heap_sites_inl.insert((call, node));
                        } else {
                            self.res.stack_sites_inl.insert((call, node));
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match self.locs[l].kind {
                LocKind::Var(o) if escapes => {
                    self.res_heap_var(o);
                    let ob = prog.obj(o);
                    let pos = self.var_pos.get(&o).copied().unwrap_or(ob.pos);
                    let name = self.rf_names.get(&o).unwrap_or(&ob.name).clone();
                    self.diags.push((pos, format!("moved to heap: {name}")));
                }
                LocKind::Site(s) => {
                    let site = self.sites[s].clone();
                    if site.kind == SiteKind::Wrapper {
                        continue;
                    }
                    if site.kind == SiteKind::MovedVar {
                        if escapes {
                            self.diags
                                .push((site.pos, format!("moved to heap: {}", site.text)));
                        }
                        continue;
                    }
                    if escapes {
                        if site.implicit_conv {
                            if self.report {
                                self.res.heap_iface_conversions.insert(site.node);
                            }
                        } else {
                            self.res_heap_site(site.node);
                        }
                        let msg = if site.kind == SiteKind::Append {
                            "append escapes to heap".to_string()
                        } else {
                            format!("{} escapes to heap", site.text)
                        };
                        self.diags.push((site.pos, msg));
                    } else {
                        if self.report && !site.implicit_conv {
                            self.res.stack_sites.insert(site.node);
                        }
                        let msg = if site.kind == SiteKind::Append {
                            "append does not escape".to_string()
                        } else {
                            format!("{} does not escape", site.text)
                        };
                        self.diags.push((site.pos, msg));
                        if site.kind == SiteKind::Str2Bytes
                            && self.locs[l].attrs & ATTR_MUTATES == 0
                        {
                            self.diags
                                .push((site.pos, "zero-copy string->[]byte conversion".into()));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn res_heap_var(&mut self, o: ObjId) {
        if self.report {
            self.res.heap_vars.insert(o);
        }
    }

    fn res_heap_site(&mut self, n: NodeId) {
        if self.report {
            self.res.heap_sites.insert(n);
        }
    }

    /// gc's `paramTag`: the tag of one parameter, with its diagnostics.
    fn param_tag(
        &mut self,
        fi: usize,
        o: Option<ObjId>,
        t: TypeId,
        pos: Pos,
        name: &str,
    ) -> ParamTag {
        let f = &self.fns[fi];
        let has_body = f.body.is_some();
        let noescape = f.noescape;
        if !has_body {
            if self.is_uintptr(t) {
                if !name.is_empty() {
                    self.diags
                        .push((pos, format!("assuming {name} is unsafe uintptr")));
                }
                return ParamTag::heap();
            }
            if !self.has_pointers(t) {
                return ParamTag::heap();
            }
            if noescape {
                if !name.is_empty() && name != "_" {
                    self.diags.push((pos, format!("{name} does not escape")));
                }
                let mut tag = ParamTag::default();
                tag.add(LEAK_MUTATOR, 0);
                tag.add(LEAK_CALLEE, 0);
                return tag;
            }
            if !name.is_empty() && name != "_" {
                self.diags.push((pos, format!("leaking param: {name}")));
            }
            return ParamTag::heap();
        }
        if !self.has_pointers(t) {
            return ParamTag::heap();
        }
        let Some(o) = o else {
            return ParamTag::default();
        };
        let Some(&l) = self.var_loc.get(&o) else {
            return ParamTag::default();
        };
        let mut esc = self.locs[l].param_esc;
        esc.optimize();
        if self.locs[l].attrs & ATTR_ESCAPES == 0 {
            let results: Vec<String> = self.fns[fi].results.iter().map(|r| r.2.clone()).collect();
            let mut warned = false;
            if let Some(x) = esc.heap_level() {
                if x == 0 {
                    self.diags.push((pos, format!("leaking param: {name}")));
                } else {
                    self.diags
                        .push((pos, format!("leaking param content: {name}")));
                }
                warned = true;
            }
            for (i, rn) in results.iter().enumerate().take(NUM_ESC_RESULTS) {
                if let Some(x) = esc.result_level(i) {
                    self.diags.push((
                        pos,
                        format!("leaking param: {name} to result {rn} level={x}"),
                    ));
                    warned = true;
                }
            }
            if !warned {
                self.diags.push((pos, format!("{name} does not escape")));
            }
        }
        esc
    }

    // ---- type predicates ----

    fn under(&self, t: TypeId) -> &'p Type {
        self.prog.ty(self.prog.underlying(t))
    }

    fn has_pointers(&self, t: TypeId) -> bool {
        self.has_pointers_depth(t, 0)
    }

    fn has_pointers_depth(&self, t: TypeId, depth: u32) -> bool {
        if depth > 50 {
            return true;
        }
        match self.under(t) {
            Type::Basic(k) => {
                matches!(
                    k,
                    BasicKind::String | BasicKind::UntypedString | BasicKind::UnsafePointer
                ) || *k == BasicKind::UntypedNil
            }
            Type::Array(e, n) => *n > 0 && self.has_pointers_depth(*e, depth + 1),
            Type::Struct(fs) => fs.iter().any(|f| self.has_pointers_depth(f.typ, depth + 1)),
            Type::Tuple(ts) => ts.iter().any(|t| self.has_pointers_depth(*t, depth + 1)),
            Type::Named(_) => true,
            _ => true,
        }
    }

    fn is_uintptr(&self, t: TypeId) -> bool {
        matches!(self.under(t), Type::Basic(BasicKind::Uintptr))
    }

    fn is_interface(&self, t: TypeId) -> bool {
        matches!(self.under(t), Type::Interface(_))
    }

    /// gc's `types.IsDirectIface`: values stored directly in an interface's data word.
    fn is_direct_iface(&self, t: TypeId) -> bool {
        match self.under(t) {
            Type::Pointer(_) | Type::Chan(..) | Type::Map(..) | Type::Func(_) => true,
            Type::Basic(BasicKind::UnsafePointer) => true,
            Type::Array(e, 1) => self.is_direct_iface(*e),
            Type::Struct(fs) if fs.len() == 1 => self.is_direct_iface(fs[0].typ),
            _ => false,
        }
    }
}

impl Loc {
    fn new(kind: LocKind, func: usize, loop_depth: i32) -> Loc {
        Loc {
            kind,
            func,
            edges: Vec::new(),
            loop_depth,
            result_index: 0,
            derefs: 0,
            walkgen: 0,
            queued_all: false,
            queued_one: 0,
            attrs: 0,
            param_esc: ParamTag::default(),
            captured: false,
            reassigned: false,
            addrtaken: false,
            param: false,
            param_out: false,
            inl: None,
        }
    }
}

/// Whether an object is a local variable (not a global, field, function or constant).
fn is_local_var(prog: &Program, o: ObjId) -> bool {
    matches!(
        prog.obj(o).kind,
        ObjKind::Var {
            is_field: false,
            is_global: false,
            ..
        }
    )
}
