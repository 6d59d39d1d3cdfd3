//! Function bodies: the Go calling convention, variable storage, and statements.

use std::collections::{HashMap, HashSet};

use frontend::ast::{self, AssignOp, BranchKind, Expr, ExprKind, Pos, Stmt, StmtKind, UnaryOp};
use frontend::types::{BasicKind, ObjId, ObjKind, SelectionKind, Type, TypeId};

use super::value::{Place, Storage, Value};
use super::{Lowering, PendingBody};
use crate::builder::FnBuilder;
use crate::ir::{
    BinOp, BlockId, CallConv, Cmp, DebugLoc, DebugLocal, Function, Terminator, Ty, Var,
};

/// How one Go parameter is passed.
#[derive(Clone, Debug)]
pub enum ParamAbi {
    /// In registers, one per scalar.
    Flat(Vec<Ty>),
    /// As a pointer to a caller-owned copy.
    Ref,
}

/// The Go calling convention of a signature (docs/abi.md).
#[derive(Clone, Debug)]
pub struct SigAbi {
    pub params: Vec<ParamAbi>,
    /// Results in registers (flattened, in order) unless `sret`.
    pub results: Vec<Vec<Ty>>,
    pub sret: bool,
}

/// An expanded call being lowered (`expand_call`): where its body's `return`s go.
#[derive(Clone)]
pub(crate) struct InlRet {
    end: BlockId,
    results: Vec<(Place, TypeId)>,
}

pub(crate) struct LoopTarget {
    pub(crate) label: Option<String>,
    pub(crate) brk: BlockId,
    pub(crate) cont: Option<BlockId>,
}

pub struct FnLower<'a, 'p> {
    pub l: &'a mut Lowering<'p>,
    pub b: FnBuilder,
    pub locals: HashMap<ObjId, Storage>,
    /// Objects that must live in memory because their address is taken or a closure captures
    /// them.
    addr_taken: HashSet<ObjId>,
    pub ctx: Var,
    sret: Option<Var>,
    pub(crate) result_types: Vec<TypeId>,
    /// Named result objects (empty when the results are unnamed).
    pub(crate) result_objs: Vec<ObjId>,
    result_abi: SigAbi,
    captures: HashMap<ObjId, usize>,
    pub(crate) targets: Vec<LoopTarget>,
    labels: HashMap<String, BlockId>,
    /// Label of the statement being lowered next (set by a labeled statement for its loop).
    pub(crate) pending_label: Option<String>,
    /// Name used to derive closure names (`main.f` → `main.f.func1`).
    pub closure_base: String,
    closure_count: u32,
    /// Whether this function is itself a closure (nested closures are named `outer.funcN.M`).
    is_closure: bool,
    /// `fallthrough` target of the clause being lowered.
    fallthrough_to: Option<BlockId>,
    /// This is the body half of a function with `defer`: results always go through the result
    /// memory the outer half passes (docs/abi.md, "defer and recover").
    pub(crate) force_sret: bool,
    /// Counter for `deferwrapN` thunks.
    pub(crate) defer_count: u32,
    /// Set while the arguments of a `go`/`defer` call of a `//go:uintptrescapes` function are
    /// bound: its uintptr arguments are stored where the collector sees them as pointers.
    pub(crate) keep_uintptrs: bool,
    /// Allocate every address-taken variable and closure on the heap: set for the body half of
    /// a function with defers (deferred calls outlive its frame) and for package initialisation
    /// (escape analysis does not look at package-level initialisers, whose values are globals).
    pub(crate) heap_everything: bool,
    /// The body half of a function with `defer`: an allocation site escape analysis did not
    /// look at goes to the heap (elsewhere only sites found escaping do).
    pub(crate) split_body: bool,
    /// The place being computed is only used for its address (`&x.f`, `&p[i]`): pointers it
    /// dereferences get explicit nil checks. When the place is loaded or stored, the access
    /// itself faults at the accessed address, as gc's folded checks do.
    pub(crate) addr_only: bool,
    /// Set when this function is the body closure of a range-over-func loop (rangefunc.rs).
    pub(crate) rf: Option<Box<super::rangefunc::RfBody>>,
    /// Variables that range-over-func bodies capture: they live in heap cells.
    pub(crate) rf_captured: HashSet<ObjId>,
    /// Some range-over-func body returns: named results live in heap cells.
    pub(crate) rf_returns: bool,
    /// Counter for `-rangeN` body closures.
    pub(crate) range_count: u32,
    /// Branches out of range-over-func bodies that enclosing functions complete.
    pub(crate) rf_pending: Vec<super::rangefunc::PendingBranch>,
    /// Next `#next` code for such branches.
    pub(crate) rf_codes: i64,
    /// Set while an expanded call's body is lowered.
    pub(crate) inl_ret: Option<InlRet>,
    /// The line of the expanded call: the body's code is attributed to it (rgo has no inline
    /// tree; nothing in an expanded body can panic or call, so no frame shows the difference).
    inl_line: Option<u32>,
}

impl<'a, 'p> FnLower<'a, 'p> {
    pub fn new(
        l: &'a mut Lowering<'p>,
        name: String,
        pos: Pos,
        closure_base: String,
        is_closure: bool,
    ) -> FnLower<'a, 'p> {
        let (file, line) = match l.prog.fset.position(pos) {
            Some((f, line, _)) => (absolute_path(f), line),
            None => (String::new(), 0),
        };
        let mut b = FnBuilder::new(name, CallConv::Go, file, line);
        let ctx = b.param(Ty::I64);
        FnLower {
            l,
            b,
            locals: HashMap::new(),
            addr_taken: HashSet::new(),
            ctx,
            sret: None,
            result_types: Vec::new(),
            result_objs: Vec::new(),
            result_abi: SigAbi {
                params: vec![],
                results: vec![],
                sret: false,
            },
            captures: HashMap::new(),
            targets: Vec::new(),
            labels: HashMap::new(),
            pending_label: None,
            closure_base,
            closure_count: 0,
            is_closure,
            fallthrough_to: None,
            force_sret: false,
            defer_count: 0,
            keep_uintptrs: false,
            heap_everything: false,
            split_body: false,
            addr_only: false,
            rf: None,
            rf_captured: HashSet::new(),
            rf_returns: false,
            range_count: 0,
            rf_pending: Vec::new(),
            rf_codes: -2,
            inl_ret: None,
            inl_line: None,
        }
    }

    pub fn lower_func_decl(
        l: &'a mut Lowering<'p>,
        name: String,
        fd: &'p ast::FuncDecl,
    ) -> Option<Function> {
        let body = fd.body.as_ref()?;
        let split = has_defer(&body.stmts);
        let fname = if split {
            format!("{name}.deferbody")
        } else {
            name.clone()
        };
        // Escape analysis accounts for the split (escape.rs, `defer_reach`): what the deferred
        // calls reach is on the heap. A function it did not analyse keeps everything there.
        let analysed = l
            .prog
            .info
            .defs
            .get(&fd.name.id)
            .is_some_and(|o| l.esc.param_tags.contains_key(o));
        let mut f = FnLower::new(l, fname, fd.pos, name.clone(), false);
        f.force_sret = split;
        f.heap_everything = split && !analysed;
        f.split_body = split;
        f.scan_addr_taken_block(body);
        let mut params: Vec<(Option<ObjId>, TypeId)> = Vec::new();
        if let Some(r) = &fd.recv {
            f.collect_fields(std::slice::from_ref(r), &mut params);
        }
        f.collect_fields(&fd.sig.params, &mut params);
        let mut results = Vec::new();
        f.collect_fields(&fd.sig.results, &mut results);
        f.prologue(&params, &results);
        f.block(&body.stmts);
        f.epilogue(body.rbrace);
        if split {
            f.b.func.global = false;
        }
        // gc marks reflect's call-in functions as wrappers (cmd/compile's ir/abi.go), so that
        // a deferred method value or MakeFunc function can recover.
        if matches!(name.as_str(), "reflect.callReflect" | "reflect.callMethod") {
            f.b.func.func_id = 23;
        }
        let FnLower { b, .. } = f;
        let func = b.finish();
        if !split {
            return Some(func);
        }
        l.module.functions.push(func);
        let ptypes: Vec<TypeId> = params.iter().map(|p| p.1).collect();
        let rtypes: Vec<TypeId> = results.iter().map(|p| p.1).collect();
        Some(FnLower::lower_defer_outer(
            l,
            name,
            (fd.pos, body.rbrace),
            &ptypes,
            &rtypes,
            false,
        ))
    }

    /// The entry half of a function with `defer`: allocates the result memory, `try_call`s the
    /// body, then (on return, or at the landing pad after a recovered panic) runs the frame's
    /// remaining deferred calls and returns the results.
    /// `span` is the function's position and its body's closing brace.
    fn lower_defer_outer(
        l: &'a mut Lowering<'p>,
        name: String,
        span: (Pos, Pos),
        ptypes: &[TypeId],
        rtypes: &[TypeId],
        is_closure: bool,
    ) -> Function {
        let body = format!("{name}.deferbody");
        let (pos, rbrace) = span;
        let mut f = FnLower::new(l, name.clone(), pos, name, is_closure);
        f.b.func.func_id = 23;
        if is_closure {
            f.b.func.global = false;
        }
        let incoming = f.incoming_params(ptypes, rtypes);
        let size = f.tuple_size(rtypes).max(8);
        let slot = f.b.slot(size, 8);
        let r = f.b.slot_addr(slot);
        f.b.memzero(r, size);
        let mut args = vec![f.ctx, r];
        for v in incoming {
            match v {
                Value::Flat(vs) => args.extend(vs),
                Value::Mem(p) => args.push(p),
            }
        }
        let fin = f.b.block();
        let ctx = f.ctx;
        f.b.terminate(Terminator::TryCall {
            callee: crate::ir::Callee::Direct(body),
            args,
            results: vec![],
            normal: fin,
            unwind: fin,
        });
        // runtime.deferreturn runs the frame's deferred calls. One of them may panic and a later
        // one recover: the frame then resumes at this try_call's landing pad, which runs the
        // remaining ones the same way.
        f.b.switch_to(fin);
        // The deferred calls run at the function's exit: their caller's line is the closing
        // brace (gc's open-coded defers run there too), which runtime.Caller reports.
        let end = f.line_of(rbrace);
        f.b.reset_line();
        f.b.line(end);
        let fp = f.b.var(Ty::I64);
        f.b.emit(crate::ir::Inst::FramePointer { dst: fp });
        let out = f.b.block();
        f.b.terminate(Terminator::TryCall {
            callee: crate::ir::Callee::Direct("runtime.deferreturn".to_string()),
            args: vec![ctx, fp],
            results: vec![],
            normal: out,
            unwind: fin,
        });
        f.b.switch_to(out);
        let r = f.b.slot_addr(slot);
        let vals = f.load_tuple(r, rtypes);
        f.emit_return(vals);
        f.b.finish()
    }

    pub fn lower_closure(
        l: &'a mut Lowering<'p>,
        name: String,
        lit: &'p Expr,
        captures: Vec<ObjId>,
    ) -> Option<Function> {
        let ExprKind::FuncLit { sig, body } = &lit.kind else {
            return None;
        };
        let split = has_defer(&body.stmts);
        let fname = if split {
            format!("{name}.deferbody")
        } else {
            name.clone()
        };
        let mut f = FnLower::new(l, fname, lit.pos, name.clone(), true);
        f.b.func.global = false;
        f.force_sret = split;
        // Closures of package-level initialisers are not seen by escape analysis.
        let in_init = name.starts_with(&format!("{}.init.func", f.l.prefix));
        let analysed = f.l.esc.closure_names.contains_key(&lit.id);
        f.heap_everything = (split && !analysed) || in_init;
        f.split_body = split;
        // Captured variables: by value, the copy inside the closure object; by reference, the
        // variable the stored pointer points to.
        let (fields, _, _) = f.l.closure_layout(lit.id, &captures);
        for (i, (o, (off, by_value))) in captures.iter().zip(fields).enumerate() {
            f.captures.insert(*o, i);
            let storage = if by_value {
                Storage::Ptr(f.b.add_imm(f.ctx, off as i64))
            } else {
                Storage::Ptr(f.b.load(Ty::I64, f.ctx, off as i64))
            };
            f.locals.insert(*o, storage);
        }
        f.scan_addr_taken_block(body);
        let mut params = Vec::new();
        f.collect_fields(&sig.params, &mut params);
        let mut results = Vec::new();
        f.collect_fields(&sig.results, &mut results);
        f.prologue(&params, &results);
        f.block(&body.stmts);
        f.epilogue(body.rbrace);
        let FnLower { b, .. } = f;
        let func = b.finish();
        if !split {
            return Some(func);
        }
        l.module.functions.push(func);
        let ptypes: Vec<TypeId> = params.iter().map(|p| p.1).collect();
        let rtypes: Vec<TypeId> = results.iter().map(|p| p.1).collect();
        Some(FnLower::lower_defer_outer(
            l,
            name,
            (lit.pos, body.rbrace),
            &ptypes,
            &rtypes,
            true,
        ))
    }

    /// `pkg.init`: evaluates package-level variable initialisers in dependency order.
    pub fn lower_var_init(l: &'a mut Lowering<'p>, name: String) -> Option<Function> {
        let prog = l.prog;
        let mut f = FnLower::new(l, name.clone(), Pos::NONE, name.clone(), false);
        f.heap_everything = true;
        f.prologue(&[], &[]);
        let embeds = f.embed_vars();
        let exprs = collect_global_exprs(f.l);
        let mut st = super::staticinit::StaticState::default();
        let mut dynamic = embeds;
        for init in &prog.info.init_order {
            let Some(e) = exprs.get(&init.rhs) else {
                continue;
            };
            let e: &'p Expr = e;
            if let [o] = init.lhs[..] {
                let obj = prog.obj(o);
                if obj.name == "_" {
                    // gc drops a blank initialiser without side effects; a static value has
                    // none.
                    if f.static_probe(e, obj.typ, &st) {
                        continue;
                    }
                } else if f.l.string_defs.contains_key(&o) {
                    // `-X` replaces a static initial value (gc's linker writes over the
                    // compiler's data); one computed by code still overwrites it at init.
                    if f.static_probe(e, obj.typ, &st) {
                        continue;
                    }
                } else if f.try_static_init(o, obj.typ, e, &mut st) {
                    continue;
                }
            }
            f.note_dynamic_init(e, &mut st);
            dynamic += 1;
            f.b.line(f.line_of(e.pos));
            let vals = if init.lhs.len() > 1 {
                f.multi_value(e)
            } else {
                vec![f.expr(e)]
            };
            let types: Vec<TypeId> = f.tuple_types(e);
            for (i, o) in init.lhs.iter().enumerate() {
                let Some(v) = vals.get(i).cloned() else {
                    continue;
                };
                let obj = prog.obj(*o);
                if obj.name == "_" {
                    continue;
                }
                let from = types.get(i).copied().unwrap_or(obj.typ);
                let v = f.convert_implicit(v, from, obj.typ);
                let place = f.var_place(*o);
                f.store_place(&place, obj.typ, v);
            }
        }
        if dynamic == 0 {
            // Everything was static: gc compiles no `pkg.init` then (nor may a reflect call
            // adapter name it).
            f.l.go_sigs.retain(|(n, ..)| *n != name);
            return None;
        }
        f.b.terminate(Terminator::Return(vec![]));
        Some(f.b.finish())
    }

    /// The contents of a string or []byte embed variable's one file as a data object named
    /// `{gsym}.{suffix}` (writable when `writable`); returns its address (nil when empty) and
    /// length as values.
    fn embed_file_data(
        &mut self,
        v: &crate::embed::EmbedVar,
        gsym: &str,
        suffix: &str,
        writable: bool,
    ) -> (Var, Var) {
        let data = v.files.first().map(|f| f.data.clone()).unwrap_or_default();
        let n = data.len() as i64;
        let sym = format!("{gsym}.{suffix}");
        self.l.module.data.push(crate::ir::DataObject {
            name: sym.clone(),
            section: if writable {
                crate::ir::DataSection::NoptrData
            } else {
                crate::ir::DataSection::Rodata
            },
            align: 1,
            size: data.len() as u64,
            bytes: data,
            relocs: Vec::new(),
            global: false,
        });
        let p = if n == 0 {
            self.b.iconst(Ty::I64, 0)
        } else {
            self.b.sym_addr(&sym, 0)
        };
        (p, self.b.iconst(Ty::I64, n))
    }

    /// Initialises the package's `//go:embed` variables (crate::embed) from static data laid
    /// out as gc's staticdata.WriteEmbed does: a string's bytes; a byte slice's writable bytes;
    /// for an embed.FS, a `[]file` header followed by its elements {name, data string,
    /// hash [16]byte (truncated SHA-256)}, the FS holding the header's address. gc writes
    /// these as the variables' initial data; here the package initialiser stores them first.
    /// Returns how many variables it initialised.
    fn embed_vars(&mut self) -> usize {
        let mut count = 0;
        use sha2::{Digest, Sha256};
        let (vars, errors) = crate::embed::package_embeds(self.l.prog, self.l.pkg);
        for (pos, msg) in errors {
            self.l.error(pos, msg);
        }
        for v in vars {
            let typ = self.l.prog.obj(v.obj).typ;
            let Some(gsym) = self.l.globals.get(&v.obj).cloned() else {
                continue;
            };
            let val = match v.kind {
                crate::embed::EmbedKind::String => {
                    let (p, len) = self.embed_file_data(&v, &gsym, "embedstring", false);
                    Value::Flat(vec![p, len])
                }
                crate::embed::EmbedKind::Bytes => {
                    // A []byte's contents are writable, hence data rather than rodata.
                    let (p, len) = self.embed_file_data(&v, &gsym, "embedbytes", true);
                    let cap = self
                        .b
                        .iconst(Ty::I64, v.files.first().map_or(0, |f| f.data.len() as i64));
                    Value::Flat(vec![p, len, cap])
                }
                crate::embed::EmbedKind::Fs => {
                    let sym = format!("{gsym}.files");
                    let n = v.files.len();
                    let mut bytes = vec![0u8; 24 + 48 * n];
                    bytes[8..16].copy_from_slice(&(n as u64).to_le_bytes());
                    bytes[16..24].copy_from_slice(&(n as u64).to_le_bytes());
                    let mut relocs = vec![crate::ir::DataReloc {
                        offset: 0,
                        kind: crate::ir::RelocKind::Abs64,
                        target: sym.clone(),
                        addend: 24,
                    }];
                    for (i, f) in v.files.iter().enumerate() {
                        let off = 24 + 48 * i;
                        let name_sym = self.l.string_sym(f.name.as_bytes());
                        relocs.push(crate::ir::DataReloc {
                            offset: off as u32,
                            kind: crate::ir::RelocKind::Abs64,
                            target: name_sym,
                            addend: 0,
                        });
                        bytes[off + 8..off + 16]
                            .copy_from_slice(&(f.name.len() as u64).to_le_bytes());
                        if f.name.ends_with('/') {
                            continue;
                        }
                        if !f.data.is_empty() {
                            // Contents get a symbol of their own (a `go:string."..."` name would
                            // spell out the whole file).
                            let data_sym = format!("{sym}.{i}");
                            self.l.module.data.push(crate::ir::DataObject {
                                name: data_sym.clone(),
                                section: crate::ir::DataSection::Rodata,
                                align: 1,
                                size: f.data.len() as u64,
                                bytes: f.data.clone(),
                                relocs: Vec::new(),
                                global: false,
                            });
                            relocs.push(crate::ir::DataReloc {
                                offset: off as u32 + 16,
                                kind: crate::ir::RelocKind::Abs64,
                                target: data_sym,
                                addend: 0,
                            });
                        }
                        bytes[off + 24..off + 32]
                            .copy_from_slice(&(f.data.len() as u64).to_le_bytes());
                        let h: [u8; 32] = Sha256::digest(&f.data).into();
                        bytes[off + 32..off + 48].copy_from_slice(&h[..16]);
                    }
                    self.l.module.data.push(crate::ir::DataObject {
                        name: sym.clone(),
                        section: crate::ir::DataSection::NoptrData,
                        align: 8,
                        size: bytes.len() as u64,
                        bytes,
                        relocs,
                        global: false,
                    });
                    Value::Flat(vec![self.b.sym_addr(&sym, 0)])
                }
            };
            let place = self.var_place(v.obj);
            self.store_place(&place, typ, val);
            count += 1;
        }
        count
    }

    pub fn line_of(&self, pos: Pos) -> u32 {
        self.l
            .prog
            .fset
            .position(pos)
            .map(|(_, l, _)| l)
            .unwrap_or(0)
    }

    pub(crate) fn collect_fields(
        &self,
        fields: &[ast::Field],
        out: &mut Vec<(Option<ObjId>, TypeId)>,
    ) {
        let info = &self.l.prog.info;
        for fld in fields {
            let t = info
                .types
                .get(&fld.typ.id)
                .map(|tv| self.l.sub(tv.typ))
                .unwrap_or_else(|| self.l.prog.invalid_type());
            if fld.names.is_empty() {
                out.push((info.implicits.get(&fld.typ.id).copied(), t));
            } else {
                for n in &fld.names {
                    let o = info.defs.get(&n.id).copied();
                    let t = o.map(|o| self.l.obj_type(o)).unwrap_or(t);
                    out.push((o, t));
                }
            }
        }
    }

    /// The calling convention of a Go signature.
    pub fn sig_abi(&self, params: &[TypeId], results: &[TypeId]) -> SigAbi {
        let lay = &self.l.lay;
        let params = params
            .iter()
            .map(|&t| {
                let l = lay.of(t);
                if l.flat {
                    ParamAbi::Flat(l.scalars.iter().map(|(_, t)| *t).collect())
                } else {
                    ParamAbi::Ref
                }
            })
            .collect();
        let mut ints = 0;
        let mut floats = 0;
        let mut all_flat = true;
        let mut res = Vec::new();
        for &t in results {
            let l = lay.of(t);
            if !l.flat {
                all_flat = false;
            }
            let tys: Vec<Ty> = l.scalars.iter().map(|(_, t)| *t).collect();
            for t in &tys {
                if t.is_float() { floats += 1 } else { ints += 1 }
            }
            res.push(tys);
        }
        let sret = !all_flat || ints > 8 || floats > 8;
        SigAbi {
            params,
            results: if sret { vec![] } else { res },
            sret,
        }
    }

    /// Declares the IR parameters and results of a Go signature and returns the incoming values
    /// of the Go parameters.
    pub fn incoming_params(&mut self, ptypes: &[TypeId], rtypes: &[TypeId]) -> Vec<Value> {
        let mut abi = self.sig_abi(ptypes, rtypes);
        if self.force_sret && !abi.sret {
            abi.sret = true;
            abi.results.clear();
        }
        if abi.sret {
            self.sret = Some(self.b.param(Ty::I64));
        } else {
            self.b.func.results = abi.results.iter().flatten().copied().collect();
        }
        let mut incoming = Vec::new();
        let mut param_vars = Vec::new();
        for pa in &abi.params {
            match pa {
                ParamAbi::Flat(tys) => {
                    let vs: Vec<Var> = tys.iter().map(|t| self.b.param(*t)).collect();
                    param_vars.push(vs.clone());
                    incoming.push(Value::Flat(vs));
                }
                ParamAbi::Ref => {
                    let v = self.b.param(Ty::I64);
                    param_vars.push(vec![v]);
                    incoming.push(Value::Mem(v));
                }
            }
        }
        self.b.func.arg_info = super::arginfo::arg_info(self.l, ptypes, &abi.params, &param_vars);
        self.result_types = rtypes.to_vec();
        self.result_abi = abi;
        if !self.force_sret {
            let ps = ptypes.iter().map(|&t| self.l.sub(t)).collect();
            let rs = rtypes.iter().map(|&t| self.l.sub(t)).collect();
            self.l.go_sigs.push((self.b.func.name.clone(), ps, rs));
        }
        incoming
    }

    pub(crate) fn prologue(
        &mut self,
        params: &[(Option<ObjId>, TypeId)],
        results: &[(Option<ObjId>, TypeId)],
    ) -> Vec<Value> {
        let ptypes: Vec<TypeId> = params.iter().map(|p| p.1).collect();
        let rtypes: Vec<TypeId> = results.iter().map(|p| p.1).collect();
        let incoming = self.incoming_params(&ptypes, &rtypes);
        // Debuggers show the parameters by their Go names (gc's `~p0` for unnamed ones).
        if let Some(info) = self.b.func.arg_info.as_mut() {
            for dp in &mut info.params {
                let obj = params.get(dp.index as usize).and_then(|p| p.0);
                dp.name = match obj {
                    Some(o) => self.l.prog.obj(o).name.clone(),
                    None => format!("~p{}", dp.index),
                };
            }
        }
        for ((obj, t), v) in params.iter().zip(incoming.clone()) {
            let Some(o) = obj else { continue };
            if self.l.prog.obj(*o).name == "_" {
                continue;
            }
            // A by-reference parameter already sits in a private copy: use it in place unless it
            // must move to the heap.
            if let (Value::Mem(addr), false) = (&v, self.addr_taken.contains(o)) {
                self.locals.insert(*o, Storage::Ptr(*addr));
                continue;
            }
            self.declare_local(*o, *t, Some(v));
        }
        if results.iter().all(|(o, _)| o.is_some()) && !results.is_empty() {
            let mut off = 0u64;
            for (o, t) in results {
                let Some(o) = o else { continue };
                self.result_objs.push(*o);
                if self.rf_returns {
                    // A range-over-func body assigns it.
                    self.addr_taken.insert(*o);
                    self.rf_captured.insert(*o);
                }
                let lay = self.l.lay.of(*t);
                off = crate::layout::round_up(off, lay.align);
                match (self.force_sret, self.sret) {
                    // Deferred calls may read and set named results after the body returns:
                    // they live in the outer function's result memory (zeroed by it).
                    (true, Some(sret)) => {
                        let a = self.b.add_imm(sret, off as i64);
                        self.locals.insert(*o, Storage::Ptr(a));
                    }
                    _ => self.declare_local(*o, *t, None),
                }
                off += lay.size;
            }
        }
        incoming
    }

    fn epilogue(&mut self, rbrace: Pos) {
        if !self.b.terminated {
            let line = self.line_of(rbrace);
            self.b.line(line);
            if self.result_types.is_empty() {
                self.b.terminate(Terminator::Return(vec![]));
            } else {
                // The checker guarantees a terminating statement; this block is unreachable.
                self.b.terminate(Terminator::Unreachable);
            }
        }
    }

    /// Records a local variable (not a parameter or result: those are DWARF formal parameters)
    /// for the debugger, with its storage (ir::DebugLocal).
    fn describe_local(&mut self, o: ObjId, t: TypeId, storage: &Storage) {
        if self.inl_ret.is_some() {
            // An expanded body's variables are not the caller's (gc describes them in an
            // inlined-subroutine entry, which rgo does not write).
            return;
        }
        let obj = self.l.prog.obj(o);
        if matches!(obj.kind, ObjKind::Var { is_param: true, .. }) || obj.name == "_" {
            return;
        }
        let loc = match storage {
            Storage::Regs(vs) => {
                let lay = self.l.lay.of(t);
                DebugLoc::Regs(
                    lay.scalars
                        .iter()
                        .zip(vs)
                        .map(|((off, _), v)| (*off as u32, *v))
                        .collect(),
                )
            }
            Storage::Slot(s) => DebugLoc::Slot(*s),
            Storage::Ptr(p) => DebugLoc::Ptr(*p),
            Storage::Global(_) | Storage::Captured(_) => return,
        };
        let name = obj.name.clone();
        let line = self.line_of(obj.pos);
        let mut ty = Vec::new();
        super::arginfo::debug_type(self.l, t, &mut ty, &mut Vec::new());
        self.b.func.debug_locals.push(DebugLocal {
            name,
            line,
            ty,
            loc,
        });
    }

    /// Creates storage for a local variable and initialises it (to zero when `init` is None).
    pub fn declare_local(&mut self, o: ObjId, t: TypeId, init: Option<Value>) {
        let lay = self.l.lay.of(t);
        // In the body half of a function with defers, deferred calls run after the body's frame
        // is gone (on return, in the outer half; after a recovered panic, at its landing pad),
        // so nothing they can reach may live in that frame.
        let storage = if self.addr_taken.contains(&o)
            && (self.heap_everything || self.l.var_escapes(o) || self.rf_captured.contains(&o))
        {
            // "moved to heap: x"
            let typ = self.type_desc(t);
            let p = self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0];
            Storage::Ptr(p)
        } else if self.addr_taken.contains(&o) {
            // Address taken but not escaping: a stack slot.
            Storage::Slot(self.b.slot(lay.size, lay.align))
        } else if lay.flat {
            let vs: Vec<Var> = lay.scalars.iter().map(|(_, t)| self.b.var(*t)).collect();
            Storage::Regs(vs)
        } else {
            let s = self.b.slot(lay.size, lay.align);
            Storage::Slot(s)
        };
        let fresh_heap = matches!(storage, Storage::Ptr(_));
        self.describe_local(o, t, &storage);
        self.locals.insert(o, storage);
        let place = self.var_place(o);
        match init {
            Some(v) => self.store_place(&place, t, v),
            None if fresh_heap => {} // newobject memory is zeroed
            None => {
                let z = self.zero_value(t);
                self.store_place(&place, t, z);
            }
        }
    }

    /// The place of a variable object.
    pub fn var_place(&mut self, o: ObjId) -> Place {
        if let Some(sym) = self.l.globals.get(&o).cloned() {
            let a = self.b.sym_addr(&sym, 0);
            return Place::Addr(a);
        }
        if let Some(sym) = self.l.foreign_global_symbol(o) {
            let a = self.b.sym_addr(&sym, 0);
            return Place::Addr(a);
        }
        match self.locals.get(&o).cloned() {
            Some(Storage::Regs(vs)) => Place::Regs(vs),
            Some(Storage::Slot(s)) => Place::Addr(self.b.slot_addr(s)),
            Some(Storage::Ptr(p)) => Place::Addr(p),
            Some(Storage::Global(sym)) => Place::Addr(self.b.sym_addr(&sym, 0)),
            Some(Storage::Captured(i)) => {
                let p = self.b.load(Ty::I64, self.ctx, 8 + 8 * i as i64);
                Place::Addr(p)
            }
            None => {
                // A variable we have not seen declared (e.g. from unsupported syntax): give it
                // fresh zeroed storage so lowering can continue; the error is reported elsewhere.
                let t = self.l.obj_type(o);
                self.declare_local(o, t, None);
                self.var_place(o)
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Address-taken analysis: which locals must live in memory.

    pub(crate) fn scan_addr_taken_block(&mut self, b: &ast::Block) {
        for s in &b.stmts {
            self.scan_stmt(s);
        }
    }

    fn scan_stmt(&mut self, s: &Stmt) {
        let mut v = AddrScan { f: self, depth: 0 };
        v.stmt(s);
    }

    fn mark_root(&mut self, e: &Expr) {
        let prog = self.l.prog;
        let mut e = e.unparen();
        loop {
            match &e.kind {
                ExprKind::Ident(id) => {
                    if let Some(&o) = prog.info.uses.get(&id.id) {
                        self.addr_taken.insert(o);
                    }
                    return;
                }
                ExprKind::Selector { x, .. } => {
                    // Through a pointer the base variable itself is not address-taken.
                    match self.l.selection(e.id).as_ref() {
                        Some(sel) if !sel.indirect => e = x.unparen(),
                        _ => return,
                    }
                }
                ExprKind::Index { x, .. } => {
                    let xt = self.l.tv(x.id).map(|tv| prog.underlying(tv.typ));
                    match xt.map(|t| prog.ty(t)) {
                        Some(Type::Array(..)) => e = x.unparen(),
                        _ => return,
                    }
                }
                _ => return,
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Statements.

    pub fn block(&mut self, stmts: &'p [Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    pub(crate) fn stmt(&mut self, s: &'p Stmt) {
        let line = self.inl_line.unwrap_or_else(|| self.line_of(s.pos));
        self.b.line(line);
        match &s.kind {
            StmtKind::Empty | StmtKind::Bad => {}
            StmtKind::Decl(d) => self.local_decl(d),
            StmtKind::Labeled { label, stmt } => {
                let blk = self.label_block(&label.name);
                self.b.jump(blk);
                self.b.switch_to(blk);
                self.b.reset_line();
                self.pending_label = Some(label.name.clone());
                self.stmt(stmt);
                self.pending_label = None;
            }
            StmtKind::Expr(e) => {
                self.expr_stmt(e);
            }
            StmtKind::IncDec { x, inc } => {
                let t = self.type_of(x);
                let place = self.place(x);
                let cur = self.load_place(&place, t);
                let one = self.const_one(t);
                let op = if *inc {
                    ast::BinaryOp::Add
                } else {
                    ast::BinaryOp::Sub
                };
                let v = self.arith(op, t, cur, one, s.pos);
                self.store_place(&place, t, v);
            }
            StmtKind::Assign { lhs, op, rhs, .. } => self.assign(lhs, *op, rhs, s.pos),
            StmtKind::Return(results) => self.ret(results),
            StmtKind::Branch { kind, label } => {
                self.branch_to(*kind, label.as_ref().map(|l| l.name.as_str()))
            }
            StmtKind::Block(b) => self.block(&b.stmts),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                let c = self.cond(cond);
                let tb = self.b.block();
                let eb = self.b.block();
                let done = self.b.block();
                self.b.branch(c, tb, eb);
                self.b.switch_to(tb);
                self.b.reset_line();
                self.block(&then.stmts);
                self.b.jump(done);
                self.b.switch_to(eb);
                self.b.reset_line();
                if let Some(e) = els {
                    self.stmt(e);
                }
                self.b.jump(done);
                self.b.switch_to(done);
                self.b.reset_line();
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => self.for_stmt(init.as_deref(), cond.as_ref(), post.as_deref(), body),
            StmtKind::Range {
                key,
                value,
                define,
                x,
                body,
            } => self.range_stmt(s.pos, key.as_ref(), value.as_ref(), *define, x, body),
            StmtKind::Switch {
                init, tag, body, ..
            } => self.switch_stmt(init.as_deref(), tag.as_ref(), body),
            StmtKind::Go(call) => self.go_stmt(call),
            StmtKind::Send { chan, value } => self.chan_send(s, chan, value),
            StmtKind::Select { body, .. } => self.select_stmt(s, body),
            StmtKind::Defer(call) => self.defer_stmt(call),
            StmtKind::TypeSwitch {
                init,
                bind,
                x,
                body,
                ..
            } => self.type_switch(init.as_deref(), bind.as_ref(), x, body),
        }
    }

    fn label_block(&mut self, name: &str) -> BlockId {
        if let Some(b) = self.labels.get(name) {
            return *b;
        }
        let b = self.b.block();
        self.labels.insert(name.to_string(), b);
        b
    }

    fn local_decl(&mut self, d: &'p ast::Decl) {
        let ast::Decl::Var(g) = d else {
            // Constants and types need no code.
            return;
        };
        for spec in &g.specs {
            let objs: Vec<Option<ObjId>> = spec
                .names
                .iter()
                .map(|n| self.l.prog.info.defs.get(&n.id).copied())
                .collect();
            let vals: Vec<(Value, TypeId)> = if spec.values.is_empty() {
                Vec::new()
            } else if spec.values.len() == 1 && spec.names.len() > 1 {
                let e = &spec.values[0];
                let ts = self.tuple_types(e);
                self.multi_value(e).into_iter().zip(ts).collect()
            } else {
                spec.values
                    .iter()
                    .map(|e| {
                        let t = self.type_of(e);
                        let v = self.expr(e);
                        (self.snapshot(v, t), t)
                    })
                    .collect()
            };
            for (i, o) in objs.iter().enumerate() {
                let Some(o) = o else { continue };
                let t = self.l.obj_type(*o);
                if self.l.prog.obj(*o).name == "_" {
                    continue;
                }
                let init = vals.get(i).map(|(v, from)| {
                    let v = v.clone();
                    self.convert_implicit(v, *from, t)
                });
                self.declare_local(*o, t, init);
            }
        }
    }

    fn assign(&mut self, lhs: &'p [Expr], op: AssignOp, rhs: &'p [Expr], pos: Pos) {
        let prog = self.l.prog;
        match op {
            AssignOp::Op(bop) => {
                let t = self.type_of(&lhs[0]);
                let place = self.place(&lhs[0]);
                let cur = self.load_place(&place, t);
                let rt = self.type_of(&rhs[0]);
                let r = self.expr(&rhs[0]);
                let v = if bop.is_shift() {
                    self.shift(bop, t, cur, r, rt, pos)
                } else {
                    self.arith(bop, t, cur, r, pos)
                };
                self.store_place(&place, t, v);
            }
            AssignOp::Assign | AssignOp::Define => {
                // The spec's two phases: operands of index expressions and pointer
                // indirections on the left, then the expressions on the right, are evaluated
                // in the usual left-to-right order; then the assignments happen.
                let define = op == AssignOp::Define;
                let mut places = Vec::new();
                for l in lhs {
                    if define && let ExprKind::Ident(id) = &l.kind {
                        if id.name == "_" {
                            places.push(None);
                            continue;
                        }
                        if let Some(&o) = prog.info.defs.get(&id.id) {
                            places.push(Some((Err(o), self.l.obj_type(o))));
                            continue;
                        }
                    }
                    if let ExprKind::Ident(id) = &l.unparen().kind
                        && id.name == "_"
                    {
                        places.push(None);
                        continue;
                    }
                    let t = self.type_of(l);
                    let p = self.place(l);
                    places.push(Some((Ok(p), t)));
                }
                let vals: Vec<(Value, TypeId)> = if rhs.len() == 1 && lhs.len() > 1 {
                    let ts = self.tuple_types(&rhs[0]);
                    self.multi_value(&rhs[0]).into_iter().zip(ts).collect()
                } else {
                    let mut out = Vec::new();
                    for e in rhs {
                        let t = self.type_of(e);
                        let v = self.expr(e);
                        let v = if lhs.len() > 1 {
                            self.snapshot(v, t)
                        } else {
                            v
                        };
                        out.push((v, t));
                    }
                    out
                };
                for (p, (v, from)) in places.into_iter().zip(vals) {
                    let Some((p, t)) = p else { continue };
                    let v = self.convert_implicit(v, from, t);
                    match p {
                        Ok(place) => self.store_place(&place, t, v),
                        Err(o) => self.declare_local(o, t, Some(v)),
                    }
                }
            }
        }
    }

    fn ret(&mut self, results: &'p [Expr]) {
        if let Some(r) = self.inl_ret.clone() {
            // A return of an expanded body: evaluate, assign the call's results, leave.
            let mut vals = Vec::new();
            for (i, e) in results.iter().enumerate() {
                let from = self.type_of(e);
                let v = self.expr(e);
                let to = r.results.get(i).map_or(from, |x| x.1);
                let v = self.convert_implicit(v, from, to);
                vals.push(self.snapshot(v, to));
            }
            for (v, (p, t)) in vals.into_iter().zip(&r.results) {
                self.store_place(p, *t, v);
            }
            self.b.jump(r.end);
            return;
        }
        if self.rf.is_some() {
            self.rf_return(results);
            return;
        }
        let mut vals: Vec<Value> = Vec::new();
        if results.is_empty() {
            for o in self.result_objs.clone() {
                let t = self.l.obj_type(o);
                let p = self.var_place(o);
                vals.push(self.load_place(&p, t));
            }
        } else if results.len() == 1 && self.result_types.len() > 1 {
            let ts = self.tuple_types(&results[0]);
            let vs = self.multi_value(&results[0]);
            for (i, (v, from)) in vs.into_iter().zip(ts).enumerate() {
                let to = self.result_types[i];
                vals.push(self.convert_implicit(v, from, to));
            }
        } else {
            for (i, e) in results.iter().enumerate() {
                let from = self.type_of(e);
                let v = self.expr(e);
                let to = self.result_types.get(i).copied().unwrap_or(from);
                let v = self.convert_implicit(v, from, to);
                vals.push(self.snapshot(v, to));
            }
        }
        self.emit_return(vals);
    }

    /// Returns `vals` (already converted to the result types) from the function.
    pub fn emit_return(&mut self, vals: Vec<Value>) {
        if let Some(sret) = self.sret {
            let tuple: Vec<TypeId> = self.result_types.clone();
            let mut off = 0u64;
            for (v, t) in vals.into_iter().zip(tuple) {
                let lay = self.l.lay.of(t);
                off = crate::layout::round_up(off, lay.align);
                let a = self.b.add_imm(sret, off as i64);
                self.store_value(a, t, v);
                off += lay.size;
            }
            self.b.terminate(Terminator::Return(vec![]));
        } else {
            let mut flat = Vec::new();
            for (v, t) in vals.into_iter().zip(self.result_types.clone()) {
                let v = self.to_flat(v, t);
                flat.extend(v);
            }
            self.b.terminate(Terminator::Return(flat));
        }
    }

    pub(crate) fn branch_to(&mut self, kind: BranchKind, label: Option<&str>) {
        match kind {
            BranchKind::Goto => {
                if self.rf_leaves(kind, label, false) {
                    self.rf_branch(kind, label);
                } else if let Some(l) = label {
                    let b = self.label_block(l);
                    self.b.jump(b);
                }
            }
            BranchKind::Fallthrough => {
                if let Some(b) = self.fallthrough_to {
                    self.b.jump(b);
                }
            }
            BranchKind::Break | BranchKind::Continue => {
                let target = self.targets.iter().rev().find(|t| match label {
                    Some(l) => t.label.as_deref() == Some(l),
                    None => kind == BranchKind::Break || t.cont.is_some(),
                });
                if self.rf_leaves(kind, label, target.is_some()) {
                    self.rf_branch(kind, label);
                    return;
                }
                let dest = match (target, kind) {
                    (Some(t), BranchKind::Break) => Some(t.brk),
                    (Some(t), _) => t.cont,
                    _ => None,
                };
                if let Some(d) = dest {
                    self.b.jump(d);
                }
            }
        }
    }

    fn for_stmt(
        &mut self,
        init: Option<&'p Stmt>,
        cond: Option<&'p Expr>,
        post: Option<&'p Stmt>,
        body: &'p ast::Block,
    ) {
        let label = self.pending_label.take();
        if let Some(i) = init {
            self.stmt(i);
        }
        // Go 1.22: variables declared by the init statement are per-iteration. Those that live in
        // memory get a fresh copy before the post statement.
        let loop_vars: Vec<ObjId> = match init.map(|s| &s.kind) {
            Some(StmtKind::Assign {
                lhs,
                op: AssignOp::Define,
                ..
            }) => lhs
                .iter()
                .filter_map(|e| match &e.kind {
                    ExprKind::Ident(id) => self.l.prog.info.defs.get(&id.id).copied(),
                    _ => None,
                })
                .filter(|o| self.addr_taken.contains(o))
                .collect(),
            _ => Vec::new(),
        };
        let head = self.b.block();
        let bodyb = self.b.block();
        let postb = self.b.block();
        let done = self.b.block();
        self.b.jump(head);
        self.b.switch_to(head);
        self.b.reset_line();
        if let Some(c) = cond {
            let line = self.line_of(c.pos);
            self.b.line(line);
            let c = self.cond(c);
            self.b.branch(c, bodyb, done);
        } else {
            self.b.jump(bodyb);
        }
        self.b.switch_to(bodyb);
        self.b.reset_line();
        self.targets.push(LoopTarget {
            label,
            brk: done,
            cont: Some(postb),
        });
        self.block(&body.stmts);
        self.targets.pop();
        self.b.jump(postb);
        self.b.switch_to(postb);
        self.b.reset_line();
        for o in loop_vars {
            // A fresh heap cell for the next iteration, initialised from this one. The register
            // that holds the cell's address is reused, so code emitted earlier in the loop (the
            // condition) sees the new cell.
            let t = self.l.obj_type(o);
            if let Some(Storage::Ptr(cell)) = self.locals.get(&o).cloned() {
                let size = self.l.lay.size(t);
                let typ = self.type_desc(t);
                let fresh = self.b.ccall("runtime.newobject", vec![typ], &[Ty::I64])[0];
                self.b.memcopy(fresh, cell, size);
                self.emit_copy(cell, fresh);
            }
        }
        if let Some(p) = post {
            self.stmt(p);
        }
        self.b.jump(head);
        self.b.switch_to(done);
        self.b.reset_line();
    }

    fn switch_stmt(
        &mut self,
        init: Option<&'p Stmt>,
        tag: Option<&'p Expr>,
        clauses: &'p [ast::CaseClause],
    ) {
        let label = self.pending_label.take();
        if let Some(i) = init {
            self.stmt(i);
        }
        let tagv = tag.map(|t| {
            let ty = self.type_of(t);
            let v = self.expr(t);
            (self.snapshot(v, ty), ty)
        });
        let done = self.b.block();
        let bodies: Vec<BlockId> = clauses.iter().map(|_| self.b.block()).collect();
        let mut default = None;
        for (i, c) in clauses.iter().enumerate() {
            if c.is_default {
                default = Some(bodies[i]);
                continue;
            }
            for e in &c.exprs {
                let line = self.line_of(e.pos);
                self.b.line(line);
                let hit = match &tagv {
                    Some((tv, tt)) => {
                        let et = self.type_of(e);
                        let ev = self.expr(e);
                        // Compare in the tag's type unless the case is an interface.
                        let (a, b, t) = if self.is_interface(*tt) && !self.is_interface(et) {
                            let ev = self.convert_implicit(ev, et, *tt);
                            (tv.clone(), ev, *tt)
                        } else {
                            let tv2 = self.convert_implicit(tv.clone(), *tt, et);
                            (tv2, ev, et)
                        };
                        self.equal(t, a, b, e.pos)
                    }
                    // A tagless switch compares each case with `true`; a case of
                    // interface type is an interface comparison, not a bool test.
                    None if self.is_interface(self.type_of(e)) => {
                        let et = self.type_of(e);
                        let bt = self.l.prog.basic(BasicKind::Bool);
                        let ev = self.expr(e);
                        let t = self.b.iconst(Ty::I8, 1);
                        let tv = self.convert_implicit(Value::Flat(vec![t]), bt, et);
                        self.equal(et, ev, tv, e.pos)
                    }
                    None => self.cond(e),
                };
                let next = self.b.block();
                self.b.branch(hit, bodies[i], next);
                self.b.switch_to(next);
                self.b.reset_line();
            }
        }
        self.b.jump(default.unwrap_or(done));
        self.targets.push(LoopTarget {
            label,
            brk: done,
            cont: None,
        });
        for (i, c) in clauses.iter().enumerate() {
            self.b.switch_to(bodies[i]);
            self.b.reset_line();
            let saved = self.fallthrough_to.take();
            self.fallthrough_to = bodies.get(i + 1).copied();
            self.block(&c.body);
            self.fallthrough_to = saved;
            self.b.jump(done);
        }
        self.targets.pop();
        self.b.switch_to(done);
        self.b.reset_line();
    }

    fn range_stmt(
        &mut self,
        pos: Pos,
        key: Option<&'p Expr>,
        value: Option<&'p Expr>,
        define: bool,
        x: &'p Expr,
        body: &'p ast::Block,
    ) {
        let prog = self.l.prog;
        let label = self.pending_label.take();
        let xt = self.type_of(x);
        let u = prog.underlying(xt);
        let head = self.b.block();
        let bodyb = self.b.block();
        let postb = self.b.block();
        let done = self.b.block();

        // Assigns one iteration value to the key or value expression.
        enum Kind {
            Int,
            Slice(TypeId),
            Str,
            Map(TypeId, TypeId),
        }
        let (kind, key_t, val_t) = match prog.ty(u) {
            Type::Basic(k) if k.is_integer() => (Kind::Int, xt, xt),
            Type::Basic(k) if k.is_string() => (
                Kind::Str,
                prog.basic(BasicKind::Int),
                prog.basic(BasicKind::Int32),
            ),
            Type::Slice(e) | Type::Array(e, _) => (Kind::Slice(*e), prog.basic(BasicKind::Int), *e),
            Type::Pointer(p) => match prog.ty(prog.underlying(*p)) {
                Type::Array(e, _) => (Kind::Slice(*e), prog.basic(BasicKind::Int), *e),
                _ => {
                    self.l.error(x.pos, "rgo: unsupported range expression");
                    return;
                }
            },
            Type::Map(k, v) => (Kind::Map(*k, *v), *k, *v),
            Type::Chan(..) => {
                self.pending_label = label;
                self.range_chan(x.pos, key, define, x, body);
                return;
            }
            Type::Func(_) => {
                self.range_func(pos, label, key, value, define, x, body);
                return;
            }
            _ => {
                self.l.error(x.pos, "rgo: unsupported range expression");
                return;
            }
        };
        let int = Ty::I64;
        // Loop state.
        let idx = self.b.var(int);
        let zero = self.b.iconst(int, 0);
        self.emit_copy(idx, zero);
        let next_idx = self.b.var(int);
        match &kind {
            Kind::Int => {
                let n = self.expr(x);
                let n = n.scalar().unwrap_or(zero);
                let nty = self.b.ty(n);
                let n64 = self.b.int_resize(n, int, true);
                let _ = nty;
                self.b.jump(head);
                self.b.switch_to(head);
                let c = self.b.icmp(Cmp::SLt, idx, n64);
                self.b.branch(c, bodyb, done);
                self.b.switch_to(bodyb);
                self.b.reset_line();
                let lay = self.l.lay.of(key_t);
                let kt = lay.scalars[0].1;
                let kv = self.b.int_resize(idx, kt, true);
                self.range_assign(key, define, key_t, Value::Flat(vec![kv]));
                self.loop_body(label, done, postb, body);
                self.b.switch_to(postb);
                let one = self.b.iconst(int, 1);
                let n = self.b.bin(BinOp::Add, idx, one);
                self.emit_copy(idx, n);
                self.b.jump(head);
            }
            Kind::Slice(elem) => {
                let elem = *elem;
                // With at most one iteration variable, `len(x)` of an array or pointer to array
                // is constant unless x calls or receives, and then x is not evaluated at all
                // (spec, "For statements with range clause"): `for range *nilp` does not fault.
                let skip_x = value.is_none() && !prog.contains_call_or_recv(x);
                // A blank value variable still makes x evaluated (and an array copied), but no
                // element is loaded: `for i, _ := range nilp` does not fault either.
                let load_elem = value
                    .is_some_and(|e| !matches!(&e.kind, ExprKind::Ident(id) if id.name == "_"));
                // Arrays are ranged over a copy unless only the index is used (spec).
                let (base, len) = match prog.ty(u) {
                    Type::Array(_, n) if skip_x => (zero, self.b.iconst(int, *n as i64)),
                    Type::Array(_, n) => {
                        let v = self.expr(x);
                        let v = if value.is_some() {
                            self.snapshot(v, xt)
                        } else {
                            v
                        };
                        let a = self.value_addr(v, xt);
                        (a, self.b.iconst(int, *n as i64))
                    }
                    Type::Pointer(p) => {
                        let n = match prog.ty(prog.underlying(*p)) {
                            Type::Array(_, n) => *n,
                            _ => 0,
                        };
                        let base = if skip_x {
                            zero
                        } else {
                            self.expr(x).scalar().unwrap_or(zero)
                        };
                        (base, self.b.iconst(int, n as i64))
                    }
                    _ => {
                        let v = self.expr(x);
                        let f = v.flat().to_vec();
                        (f[0], f[1])
                    }
                };
                let esize = self.l.lay.size(elem) as i64;
                self.b.jump(head);
                self.b.switch_to(head);
                let c = self.b.icmp(Cmp::SLt, idx, len);
                self.b.branch(c, bodyb, done);
                self.b.switch_to(bodyb);
                self.b.reset_line();
                let vv = if load_elem {
                    let off = self.b.mul_imm(idx, esize);
                    let a = self.b.bin(BinOp::Add, base, off);
                    let v = self.load_value(a, elem);
                    Some(self.snapshot(v, elem))
                } else {
                    None
                };
                let kv = Value::Flat(vec![idx]);
                self.range_assign_pair(key, value, define, key_t, kv, val_t, vv);
                self.loop_body(label, done, postb, body);
                self.b.switch_to(postb);
                let one = self.b.iconst(int, 1);
                let n = self.b.bin(BinOp::Add, idx, one);
                self.emit_copy(idx, n);
                self.b.jump(head);
            }
            Kind::Str => {
                let s = self.expr(x);
                let f = s.flat().to_vec();
                let (ptr, len) = (f[0], f[1]);
                self.b.jump(head);
                self.b.switch_to(head);
                let c = self.b.icmp(Cmp::SLt, idx, len);
                self.b.branch(c, bodyb, done);
                self.b.switch_to(bodyb);
                self.b.reset_line();
                // ASCII fast path, runtime.decoderune otherwise (gc does the same).
                let bp = self.b.bin(BinOp::Add, ptr, idx);
                let byte = self.b.load(Ty::I8, bp, 0);
                let r = self.b.var(Ty::I32);
                let ascii = self.b.block();
                let multi = self.b.block();
                let join = self.b.block();
                let b32 = self.b.convert(crate::ir::Conv::Zext, byte, Ty::I32);
                let lim = self.b.iconst(Ty::I32, 0x80);
                let is_ascii = self.b.icmp(Cmp::ULt, b32, lim);
                self.b.branch(is_ascii, ascii, multi);
                self.b.switch_to(ascii);
                self.emit_copy(r, b32);
                let one = self.b.iconst(int, 1);
                let n1 = self.b.bin(BinOp::Add, idx, one);
                self.emit_copy(next_idx, n1);
                self.b.jump(join);
                self.b.switch_to(multi);
                let res = self.b.ccall(
                    "runtime.decoderune",
                    vec![ptr, len, idx],
                    &[Ty::I64, Ty::I64],
                );
                let r32 = self.b.convert(crate::ir::Conv::Trunc, res[0], Ty::I32);
                self.emit_copy(r, r32);
                self.emit_copy(next_idx, res[1]);
                self.b.jump(join);
                self.b.switch_to(join);
                let (kv, vv) = (Value::Flat(vec![idx]), Value::Flat(vec![r]));
                self.range_assign_pair(key, value, define, key_t, kv, val_t, Some(vv));
                self.loop_body(label, done, postb, body);
                self.b.switch_to(postb);
                self.emit_copy(idx, next_idx);
                self.b.jump(head);
            }
            Kind::Map(kt, vt) => {
                let (kt, vt) = (*kt, *vt);
                let m = self.expr(x);
                let m = m.scalar().unwrap_or(zero);
                let mtyp = self.map_type_desc(xt);
                let it_slot = self.b.slot(128, 8);
                let it = self.b.slot_addr(it_slot);
                self.b.memzero(it, 128);
                self.b.ccall("runtime.mapiterinit", vec![mtyp, m, it], &[]);
                self.b.jump(head);
                self.b.switch_to(head);
                let it2 = self.b.slot_addr(it_slot);
                let kp = self.b.load(Ty::I64, it2, 0);
                let c = self.b.icmp(Cmp::Ne, kp, zero);
                self.b.branch(c, bodyb, done);
                self.b.switch_to(bodyb);
                self.b.reset_line();
                if key.is_some() {
                    let kv = self.load_value(kp, kt);
                    let kv = self.snapshot(kv, kt);
                    self.range_assign(key, define, kt, kv);
                }
                if value.is_some() {
                    let vp = self.b.load(Ty::I64, it2, 8);
                    let vv = self.load_value(vp, vt);
                    let vv = self.snapshot(vv, vt);
                    self.range_assign(value, define, vt, vv);
                }
                self.loop_body(label, done, postb, body);
                self.b.switch_to(postb);
                let it3 = self.b.slot_addr(it_slot);
                self.b.ccall("runtime.mapiternext", vec![it3], &[]);
                self.b.jump(head);
            }
        }
        self.b.switch_to(done);
        self.b.reset_line();
    }

    fn loop_body(
        &mut self,
        label: Option<String>,
        done: BlockId,
        postb: BlockId,
        body: &'p ast::Block,
    ) {
        self.targets.push(LoopTarget {
            label,
            brk: done,
            cont: Some(postb),
        });
        self.block(&body.stmts);
        self.targets.pop();
        self.b.jump(postb);
    }

    /// Assigns one iteration's key and value. With `=`, both targets are evaluated before either
    /// is assigned (`for i, x[i] = range y` indexes with the old `i`).
    #[allow(clippy::too_many_arguments)]
    fn range_assign_pair(
        &mut self,
        key: Option<&'p Expr>,
        value: Option<&'p Expr>,
        define: bool,
        kt: TypeId,
        kv: Value,
        vt: TypeId,
        vv: Option<Value>,
    ) {
        if define || key.is_none() || value.is_none() || vv.is_none() {
            self.range_assign(key, define, kt, kv);
            if let Some(vv) = vv {
                self.range_assign(value, define, vt, vv);
            }
            return;
        }
        let mut targets = Vec::new();
        for (e, t, v) in [(key, kt, Some(kv)), (value, vt, vv)] {
            let (Some(e), Some(v)) = (e, v) else { continue };
            if matches!(&e.kind, ExprKind::Ident(id) if id.name == "_") {
                continue;
            }
            let pt = self.type_of(e);
            let p = self.place(e);
            targets.push((p, pt, v, t));
        }
        for (p, pt, v, t) in targets {
            let v = self.convert_implicit(v, t, pt);
            self.store_place(&p, pt, v);
        }
    }

    pub(crate) fn range_assign(
        &mut self,
        target: Option<&'p Expr>,
        define: bool,
        t: TypeId,
        v: Value,
    ) {
        let Some(e) = target else { return };
        if let ExprKind::Ident(id) = &e.kind {
            if id.name == "_" {
                return;
            }
            if define && let Some(&o) = self.l.prog.info.defs.get(&id.id) {
                let ot = self.l.obj_type(o);
                let v = self.convert_implicit(v, t, ot);
                self.declare_local(o, ot, Some(v));
                return;
            }
        }
        let pt = self.type_of(e);
        let v = self.convert_implicit(v, t, pt);
        let p = self.place(e);
        self.store_place(&p, pt, v);
    }

    pub fn emit_copy(&mut self, dst: Var, src: Var) {
        self.b.emit(crate::ir::Inst::Copy { dst, src });
    }

    fn expr_stmt(&mut self, e: &'p Expr) {
        match &e.unparen().kind {
            ExprKind::Call { .. } => {
                self.call_expr(e.unparen());
            }
            ExprKind::Unary {
                op: UnaryOp::Recv, ..
            } => {
                self.chan_recv(e.unparen(), false);
            }
            _ => {
                self.expr(e);
            }
        }
    }

    /// Queues a closure body and returns its symbol name.
    /// Lowers an expanded call (`inline::expand`): the arguments are evaluated here, the
    /// callee's parameters and results become locals of this copy, its body is lowered in
    /// place with `return` assigning the results and jumping past the body, and the call's
    /// value is read from the results. Escape decisions for the body are this copy's
    /// (`Lowering::inl_call`).
    pub(crate) fn expand_call(
        &mut self,
        e: &'p Expr,
        args: &'p [Expr],
        sig: &frontend::types::Signature,
        x: crate::inline::expand::Expansion<'p>,
    ) -> Vec<Value> {
        let fd = x.decl;
        let Some(body) = fd.body.as_ref() else {
            return Vec::new();
        };
        let mut vals = Vec::new();
        let mut params = Vec::new();
        if let Some(r) = &fd.recv {
            // A method's receiver, reached as the call reaches it.
            self.collect_fields(std::slice::from_ref(r), &mut params);
            if let ExprKind::Call { func, .. } = &e.kind
                && let ExprKind::Selector { x, .. } = &func.unparen().kind
                && let Some(s) = self.l.selection(func.unparen().id)
            {
                let rt = params[0].1;
                let v = self.method_receiver(x, &s.index, s.obj);
                vals.push((v, rt));
            }
        }
        vals.extend(self.call_args(args, sig, false));
        // Nested in another expansion, the code keeps the outermost call's line.
        let call_line = self.inl_line.unwrap_or_else(|| self.line_of(e.pos));
        let outer_call = self.l.inl_call.replace(e.id);
        let saved_ret = self.inl_ret.take();
        let saved_line = self.inl_line.replace(call_line);
        let saved_targets = std::mem::take(&mut self.targets);
        self.scan_addr_taken_block(body);
        self.collect_fields(&fd.sig.params, &mut params);
        let mut results = Vec::new();
        self.collect_fields(&fd.sig.results, &mut results);
        // Mark the copy as under way before declaring, so its variables are not described.
        let end = self.b.block();
        self.inl_ret = Some(InlRet {
            end,
            results: Vec::new(),
        });
        for ((o, t), (v, _)) in params.iter().zip(vals) {
            if let Some(o) = o {
                self.declare_local(*o, *t, Some(v));
            }
        }
        let mut places = Vec::new();
        for (o, t) in &results {
            let place = match o {
                Some(o) => {
                    self.declare_local(*o, *t, None);
                    self.var_place(*o)
                }
                None => {
                    let lay = self.l.lay.of(*t);
                    let p = if lay.flat {
                        Place::Regs(lay.scalars.iter().map(|(_, st)| self.b.var(*st)).collect())
                    } else {
                        let s = self.b.slot(lay.size, lay.align);
                        Place::Addr(self.b.slot_addr(s))
                    };
                    let z = self.zero_value(*t);
                    self.store_place(&p, *t, z);
                    p
                }
            };
            places.push((place, *t));
        }
        self.inl_ret = Some(InlRet {
            end,
            results: places.clone(),
        });
        self.block(&body.stmts);
        self.b.jump(end);
        self.b.switch_to(end);
        self.inl_ret = saved_ret;
        self.inl_line = saved_line;
        self.targets = saved_targets;
        self.l.inl_call = outer_call;
        self.b.line(call_line);
        places.iter().map(|(p, t)| self.load_place(p, *t)).collect()
    }

    /// The closure function of a func literal of an expanded body: the callee's own, named
    /// after the callee as gc names inlined closures.
    pub(crate) fn expanded_closure_name(&mut self, lit: &'p Expr) -> String {
        if let Some(n) = self.l.closure_syms.get(&lit.id) {
            return n.clone();
        }
        let base = self
            .l
            .esc
            .closure_names
            .get(&lit.id)
            .map(|n| n.0.clone())
            .unwrap_or_default();
        let name = format!("{}.{base}", self.l.prefix);
        self.l
            .inl_closure_refs
            .push((lit.id, name.clone(), lit.pos));
        name
    }

    pub fn new_closure(&mut self, lit: &'p Expr, captures: Vec<ObjId>) -> String {
        if self.inl_ret.is_some() {
            return self.expanded_closure_name(lit);
        }
        self.closure_count += 1;
        let name = if self.is_closure {
            format!("{}.{}", self.closure_base, self.closure_count)
        } else if self.b.func.name.ends_with(".init")
            && self.l.prefix.len() + 5 == self.b.func.name.len()
        {
            self.l.init_closures += 1;
            format!("{}.func{}", self.closure_base, self.l.init_closures)
        } else {
            format!("{}.func{}", self.closure_base, self.closure_count)
        };
        self.l.closure_syms.insert(lit.id, name.clone());
        self.l.pending.push(PendingBody::Closure {
            name: name.clone(),
            lit,
            captures,
            inst: self.l.inst,
        });
        name
    }

    pub fn is_method_value(&self, e: &Expr) -> bool {
        matches!(
            self.l.selection(e.id).map(|s| s.kind),
            Some(SelectionKind::MethodVal)
        )
    }

    pub fn is_interface(&self, t: TypeId) -> bool {
        matches!(
            self.l.prog.ty(self.l.prog.underlying(t)),
            Type::Interface(_)
        )
    }

    pub fn is_func_obj(&self, o: ObjId) -> bool {
        matches!(self.l.prog.obj(o).kind, ObjKind::Func { .. })
    }
}

/// Whether a function body contains a `defer` statement (outside nested function literals).
pub(crate) fn has_defer(stmts: &[Stmt]) -> bool {
    stmts.iter().any(stmt_has_defer)
}

fn stmt_has_defer(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Defer(_) => true,
        StmtKind::Labeled { stmt, .. } => stmt_has_defer(stmt),
        StmtKind::Block(b) => has_defer(&b.stmts),
        StmtKind::If { then, els, .. } => {
            has_defer(&then.stmts) || els.as_deref().is_some_and(stmt_has_defer)
        }
        StmtKind::Switch { body, .. } | StmtKind::TypeSwitch { body, .. } => {
            body.iter().any(|c| has_defer(&c.body))
        }
        StmtKind::Select { body, .. } => body.iter().any(|c| has_defer(&c.body)),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => has_defer(&body.stmts),
        _ => false,
    }
}

/// Finds locals whose address is taken or that closures capture.
struct AddrScan<'x, 'a, 'p> {
    f: &'x mut FnLower<'a, 'p>,
    depth: u32,
}

impl AddrScan<'_, '_, '_> {
    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Decl(ast::Decl::Var(g)) => {
                for sp in &g.specs {
                    for v in &sp.values {
                        self.expr(v);
                    }
                }
            }
            StmtKind::Decl(_) | StmtKind::Empty | StmtKind::Bad | StmtKind::Branch { .. } => {}
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
            StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => self.expr(e),
            StmtKind::Send { chan, value } => {
                self.expr(chan);
                self.expr(value);
            }
            StmtKind::IncDec { x, .. } => self.expr(x),
            StmtKind::Assign { lhs, rhs, .. } => {
                for e in lhs.iter().chain(rhs) {
                    self.expr(e);
                }
            }
            StmtKind::Return(es) => es.iter().for_each(|e| self.expr(e)),
            StmtKind::Block(b) => b.stmts.iter().for_each(|s| self.stmt(s)),
            StmtKind::If {
                init,
                cond,
                then,
                els,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(cond);
                then.stmts.iter().for_each(|s| self.stmt(s));
                if let Some(e) = els {
                    self.stmt(e);
                }
            }
            StmtKind::Switch {
                init, tag, body, ..
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(t) = tag {
                    self.expr(t);
                }
                for c in body {
                    c.exprs.iter().for_each(|e| self.expr(e));
                    c.body.iter().for_each(|s| self.stmt(s));
                }
            }
            StmtKind::TypeSwitch { init, x, body, .. } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(x);
                for c in body {
                    c.body.iter().for_each(|s| self.stmt(s));
                }
            }
            StmtKind::Select { body, .. } => {
                for c in body {
                    if let Some(s) = &c.comm {
                        self.stmt(s);
                    }
                    c.body.iter().for_each(|s| self.stmt(s));
                }
            }
            StmtKind::For {
                init,
                cond,
                post,
                body,
            } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(c) = cond {
                    self.expr(c);
                }
                if let Some(p) = post {
                    self.stmt(p);
                }
                body.stmts.iter().for_each(|s| self.stmt(s));
            }
            StmtKind::Range {
                key,
                value,
                x,
                body,
                define,
            } => {
                for e in [key, value].into_iter().flatten() {
                    self.expr(e);
                }
                self.expr(x);
                let prog = self.f.l.prog;
                let xt = self.f.l.tv(x.id).map(|tv| self.f.l.sub(tv.typ));
                if self.depth == 0 && super::rangefunc::is_range_func(prog, xt) {
                    // The body becomes a closure over the variables it uses (rangefunc.rs).
                    let (k, v) = (key.as_ref(), value.as_ref());
                    for o in super::rangefunc::outer_vars(prog, k, v, *define, body) {
                        if self.f.l.esc.rf_by_value.contains(&o) {
                            continue;
                        }
                        self.f.addr_taken.insert(o);
                        self.f.rf_captured.insert(o);
                    }
                    if super::rangefunc::contains_return(body) {
                        self.f.rf_returns = true;
                    }
                }
                body.stmts.iter().for_each(|s| self.stmt(s));
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        let prog = self.f.l.prog;
        match &e.kind {
            ExprKind::Unary {
                op: UnaryOp::Addr,
                x,
            } => {
                self.f.mark_root(x);
                self.expr(x);
            }
            ExprKind::FuncLit { body, .. } => {
                if let Some(caps) = prog.info.captures.get(&e.id) {
                    let by_value = self.f.l.capture_by_value(e.id, caps.len());
                    for (o, bv) in caps.iter().zip(by_value) {
                        if !bv {
                            self.f.addr_taken.insert(*o);
                        }
                    }
                }
                self.depth += 1;
                body.stmts.iter().for_each(|s| self.stmt(s));
                self.depth -= 1;
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                if let Some(tv) = self.f.l.tv(x.id)
                    && matches!(prog.ty(prog.underlying(tv.typ)), Type::Array(..))
                {
                    self.f.mark_root(x);
                }
                self.expr(x);
                for b in [lo, hi, max].into_iter().flatten() {
                    self.expr(b);
                }
            }
            ExprKind::Call { func, args, .. } => {
                // A pointer-receiver method called on an addressable value takes its address.
                if let ExprKind::Selector { x, .. } = &func.unparen().kind
                    && let Some(sel) = self.f.l.selection(func.unparen().id)
                    && let ObjKind::Func { ptr_recv: true, .. } = prog.obj(sel.obj).kind
                {
                    let xt = self.f.l.tv(x.id).map(|tv| tv.typ);
                    if let Some(xt) = xt
                        && !matches!(prog.ty(prog.underlying(xt)), Type::Pointer(_))
                    {
                        self.f.mark_root(x);
                    }
                }
                self.expr(func);
                args.iter().for_each(|a| self.expr(a));
            }
            ExprKind::Selector { x, .. } => {
                // A method value with a pointer receiver on an addressable value.
                if let Some(sel) = self.f.l.selection(e.id)
                    && sel.kind == SelectionKind::MethodVal
                    && let ObjKind::Func { ptr_recv: true, .. } = prog.obj(sel.obj).kind
                {
                    self.f.mark_root(x);
                }
                self.expr(x);
            }
            ExprKind::CompositeLit { elts, .. } => elts.iter().for_each(|x| self.expr(x)),
            ExprKind::KeyValue { key, value, .. } => {
                self.expr(key);
                self.expr(value);
            }
            ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary { x, .. } => self.expr(x),
            ExprKind::Index { x, indices, .. } => {
                self.expr(x);
                indices.iter().for_each(|i| self.expr(i));
            }
            ExprKind::TypeAssert { x, .. } => self.expr(x),
            ExprKind::Binary { x, y, .. } => {
                self.expr(x);
                self.expr(y);
            }
            _ => {}
        }
    }
}

/// Maps the NodeId of each package-level initialiser expression to the expression.
fn collect_global_exprs<'p>(l: &Lowering<'p>) -> HashMap<frontend::ast::NodeId, &'p Expr> {
    let mut out = HashMap::new();
    let p = l.prog.package(l.pkg);
    for file in &p.files {
        for d in &file.decls {
            if let ast::Decl::Var(g) = d {
                for spec in &g.specs {
                    for v in &spec.values {
                        out.insert(v.id, v);
                    }
                }
            }
        }
    }
    out
}

/// gc records absolute source paths in pclntab.
/// The absolute, lexically cleaned path gc records for a source file (`dir/./tb.go` →
/// `dir/tb.go`, as filepath.Clean; no symlinks are resolved).
fn absolute_path(p: &str) -> String {
    use std::path::{Component, Path, PathBuf};
    let path = Path::new(p);
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        match std::env::current_dir() {
            Ok(d) => d.join(path),
            Err(_) => return p.to_string(),
        }
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out.to_string_lossy().into_owned()
}
