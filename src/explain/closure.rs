//! Closure objects: the func literals of a function, and method values (`x.M` as a value).
//!
//! A func value points to a closure object whose first word is the code pointer F; a func
//! literal's object then holds its captured variables (gc's layout, the midend's
//! `layout::closure_layout`): by value when escape analysis found the variable never
//! address-taken nor reassigned and at most 128 bytes, else by reference (a pointer to the
//! variable, which then lives in a heap cell: "moved to heap"). A method value `x.M` is a
//! closure whose code is the `M-fm` wrapper and whose one capture is the receiver, copied.
//! Which object goes on the heap is escape analysis's decision for the literal or selector.

use super::Explainer;
use super::model::{Block, Row};
use frontend::types::{ObjId, ObjKind, TypeId};
use midend::layout::{Layouts, closure_layout};

/// gc's name for a function object (`counter`, `T.M`, `(*T).M`) without the package.
fn short(name: &str) -> &str {
    name.strip_prefix("main.").unwrap_or(name)
}

impl Explainer<'_> {
    /// The closure objects of the func literals inside function `func` (gc's `main.func.funcN`
    /// names, nested ones included). Returns how many.
    pub fn closures(&mut self, func: &str) -> usize {
        let prefix = format!("{func}.func");
        let mut lits: Vec<(String, frontend::ast::NodeId, frontend::ast::Pos)> = self
            .esc
            .closure_names
            .iter()
            .filter(|(_, (n, _))| n.starts_with(&prefix))
            .map(|(id, (n, p))| (format!("main.{n}"), *id, *p))
            .collect();
        lits.sort_by(|a, b| natural(&a.0, &b.0));
        let lay = Layouts::new(self.prog);
        for (name, id, pos) in &lits {
            let caps: Vec<ObjId> = self.prog.info.captures.get(id).cloned().unwrap_or_default();
            let by_value = self
                .esc
                .capture_by_value
                .get(id)
                .filter(|v| v.len() == caps.len())
                .cloned()
                .unwrap_or_else(|| vec![false; caps.len()]);
            let facts = self.esc.capture_facts.get(id).cloned().unwrap_or_default();
            let types: Vec<TypeId> = caps.iter().map(|o| self.prog.obj(*o).typ).collect();
            let (offs, size, ptrs) = closure_layout(&lay, &types, &by_value);
            let mut rows = vec![Row::new(0, 8, "F", format!("{name} (code pointer)"))];
            let outer = short(name.rsplit_once('.').map_or(name.as_str(), |(p, _)| p));
            for (i, o) in caps.iter().enumerate() {
                let obj = self.prog.obj(*o);
                let ty = self.prog.type_string(obj.typ);
                let (off, bv) = offs[i];
                let sz = if bv { lay.size(obj.typ) } else { 8 };
                let what = if bv {
                    format!("{ty} (copied, by value)")
                } else {
                    format!("*{ty} (by reference)")
                };
                rows.push(Row::new(off, sz, &obj.name, what));
                if let Some(f) = facts.get(i) {
                    self.pic.notes.push(format!(
                        "{}: {outer} capturing by {}: {} (addr={} assign={} width={})",
                        self.pos(obj.pos),
                        if bv { "value" } else { "ref" },
                        obj.name,
                        f.addrtaken,
                        f.reassigned,
                        f.width
                    ));
                }
            }
            let decision = self.decisions_at(*pos, "func literal");
            let place = if decision.iter().any(|d| d.contains("escapes to heap")) {
                "heap (runtime.newobject)"
            } else if decision.iter().any(|d| d.contains("does not escape")) {
                "stack of the enclosing frame"
            } else {
                "static (no captures: a read-only funcval)"
            };
            self.pic.blocks.push(Block {
                title: format!("closure {name}"),
                place: format!("{size} bytes, pointer words at {ptrs:?}, {place}"),
                rows,
            });
            self.pic.notes.extend(decision);
            for o in caps
                .iter()
                .zip(&by_value)
                .filter(|(_, bv)| !**bv)
                .map(|(o, _)| *o)
            {
                let moved = format!("moved to heap: {}", self.prog.obj(o).name);
                let d = self.decisions_at(self.prog.obj(o).pos, &moved);
                self.pic.notes.extend(d);
            }
        }
        lits.len()
    }

    /// The closure object of the method value `T.M` (`x.M` used as a value).
    pub fn method_value(&mut self, recv: TypeId, method: &str) -> Option<()> {
        let tname = self.prog.type_string(recv);
        let tshort = short(&tname).to_string();
        let ptr = self.prog.objects.iter().any(|o| {
            o.name == method
                && matches!(o.kind, ObjKind::Func { recv_base: Some(b), ptr_recv: true, .. } if b == recv)
        });
        let wrapper = if ptr {
            format!("main.(*{tshort}).{method}-fm")
        } else {
            format!("main.{tshort}.{method}-fm")
        };
        let lay = Layouts::new(self.prog);
        let (rsize, ralign) = if ptr {
            (8, 8)
        } else {
            (lay.size(recv), lay.align(recv))
        };
        let roff = midend::layout::round_up(8, ralign.max(1));
        let size = midend::layout::round_up(roff + rsize, ralign.max(8));
        let code = self.cx().and_then(|cx| cx.img.symbol_addr(&wrapper));
        let rty = if ptr {
            format!("*{tshort}")
        } else {
            tshort.clone()
        };
        self.pic.blocks.push(Block {
            title: format!("method value {tshort}.{method}"),
            place: format!("closure object, {size} bytes"),
            rows: vec![
                Row::new(
                    0,
                    8,
                    "F",
                    match code {
                        Some(a) => format!("{wrapper} at {a:#x}"),
                        None => format!("{wrapper} (not in the binary: unused)"),
                    },
                ),
                Row::new(
                    roff,
                    rsize,
                    "R",
                    format!("receiver ({rty}), copied when x.{method} is evaluated"),
                ),
            ],
        });
        self.pic.notes.push(format!(
            "{wrapper} is the wrapper rgo generates: it loads the receiver from the closure context and calls {}.{method}, so calling the func value needs no receiver argument.",
            if ptr { format!("(*{tshort})") } else { tshort.clone() }
        ));
        let sel = format!(".{method}");
        // The selector sites `x.M` (not calls `x.M()`).
        let d: Vec<String> = self
            .esc
            .diagnostics
            .iter()
            .filter(|(_, m)| {
                m.ends_with(&format!("{sel} escapes to heap"))
                    || m.ends_with(&format!("{sel} does not escape"))
            })
            .map(|(p, m)| format!("{}: {m}", self.pos(*p)))
            .collect();
        self.pic.notes.extend(d);
        Some(())
    }
}

/// Orders `f.func2` before `f.func10`.
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| -> Vec<(String, u64)> {
        s.split('.')
            .map(|p| {
                let digits: String = p.chars().rev().take_while(char::is_ascii_digit).collect();
                let n = digits
                    .chars()
                    .rev()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0);
                (
                    p.trim_end_matches(|c: char| c.is_ascii_digit()).to_string(),
                    n,
                )
            })
            .collect()
    };
    key(a).cmp(&key(b))
}
