//! Package-level variable initialisation order (spec "Package initialization") and
//! initialisation-cycle detection.
//!
//! This follows types2's `initOrder` step by step, because both the order of the initialisers
//! and the wording and position of cycle errors are observable (gc reports
//! `initialization cycle for x` at the object types2 happens to pick):
//!
//! 1. The dependency graph has a node per package-level constant, variable and function
//!    (methods included); its edges are the references recorded in `Checker::deps`.
//! 2. Function nodes are eliminated, cheapest first, by connecting each predecessor to each
//!    successor (mutually recursive functions are fine; only values can't depend on
//!    themselves).
//! 3. Nodes are taken in order of (constants first, remaining dependency count, source order). A node taken
//!    while it still has dependencies lies on or behind a cycle; if a path of references
//!    leads from it back to itself (searched in the original graph, dependencies in source
//!    order), that cycle is reported.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::check::{Checker, DeclKind};
use super::*;

/// A node of the dependency graph: successors are what it depends on.
#[derive(Default)]
struct Node {
    succ: HashSet<usize>,
    pred: HashSet<usize>,
}

impl<'a> Checker<'a> {
    /// Is `o` a possible initialisation dependency (types2's `dependency` interface)?
    fn is_dependency(&self, o: ObjId) -> bool {
        matches!(
            self.p.obj(o).kind,
            ObjKind::Const { .. } | ObjKind::Var { .. } | ObjKind::Func { .. }
        )
    }

    /// Source order of a package-level object (types2's `order()`: collection order, which is
    /// source order across the files in the order given).
    fn src_order(&self, o: ObjId) -> (u32, u32) {
        let p = self.p.obj(o).pos;
        (p.file, p.offset)
    }

    /// The recorded references of `o`'s declaration. The variables of `var a, b = f()` share one
    /// declaration (as in types2), whose references were recorded on whichever was checked
    /// first, so their references are merged.
    fn decl_deps(&self, o: ObjId) -> Vec<ObjId> {
        let mut out: Vec<ObjId> = Vec::new();
        let add = |x: ObjId, out: &mut Vec<ObjId>| {
            for &d in self.deps.get(&x).map(Vec::as_slice).unwrap_or(&[]) {
                if self.is_dependency(d) && !out.contains(&d) {
                    out.push(d);
                }
            }
        };
        match self.decls.get(&o) {
            Some(d) if matches!(d.kind, DeclKind::Var { multi: true, .. }) => {
                for &l in &d.lhs {
                    add(l, &mut out);
                }
                if !d.lhs.contains(&o) {
                    add(o, &mut out);
                }
            }
            _ => add(o, &mut out),
        }
        out
    }

    pub(crate) fn init_order(&mut self) {
        let objs: Vec<ObjId> = self
            .decl_order
            .iter()
            .copied()
            .filter(|&o| self.is_dependency(o))
            .collect();
        let index: HashMap<ObjId, usize> = objs.iter().enumerate().map(|(i, &o)| (o, i)).collect();
        let mut nodes: Vec<Node> = objs.iter().map(|_| Node::default()).collect();
        for (i, &o) in objs.iter().enumerate() {
            for d in self.decl_deps(o) {
                if let Some(&j) = index.get(&d) {
                    nodes[i].succ.insert(j);
                    nodes[j].pred.insert(i);
                }
            }
        }

        // Eliminate functions, cheapest first (types2 sorts by |pred| * |succ|, a stable sort
        // over map order; ties are broken here by source order for determinism).
        let mut funcs: Vec<usize> = (0..objs.len())
            .filter(|&i| matches!(self.p.obj(objs[i]).kind, ObjKind::Func { .. }))
            .collect();
        funcs.sort_by_key(|&i| nodes[i].pred.len() * nodes[i].succ.len());
        for &n in &funcs {
            let preds: Vec<usize> = nodes[n].pred.iter().copied().collect();
            let succs: Vec<usize> = nodes[n].succ.iter().copied().collect();
            for &p in &preds {
                if p == n {
                    continue;
                }
                for &s in &succs {
                    if s != n {
                        nodes[p].succ.insert(s);
                        nodes[s].pred.insert(p);
                    }
                }
                nodes[p].succ.remove(&n);
            }
            for &s in &succs {
                nodes[s].pred.remove(&n);
            }
        }
        let is_func: HashSet<usize> = funcs.into_iter().collect();

        // The queue, ordered by (not a constant, dependency count, source order): types2 takes
        // every constant before any variable (go.dev/issue/66575), so that a variable whose
        // initialiser mentions a constant keeps its place in source order.
        let mut ndeps: Vec<usize> = nodes.iter().map(|n| n.succ.len()).collect();
        let order: Vec<(u32, u32)> = objs.iter().map(|&o| self.src_order(o)).collect();
        let non_const: Vec<bool> = objs
            .iter()
            .map(|&o| !matches!(self.p.obj(o).kind, ObjKind::Const { .. }))
            .collect();
        let mut queue: BTreeSet<(bool, usize, (u32, u32), usize)> = (0..objs.len())
            .filter(|i| !is_func.contains(i))
            .map(|i| (non_const[i], ndeps[i], order[i], i))
            .collect();
        let mut emitted: HashSet<NodeId> = HashSet::new();
        while let Some(first) = queue.pop_first() {
            let (_, deps_left, _, n) = first;
            let obj = objs[n];
            if deps_left > 0
                && let Some(cycle) = self.find_path(obj, obj, &mut HashSet::new())
            {
                self.report_init_cycle(&cycle);
            }
            for &p in &nodes[n].pred {
                if queue.remove(&(non_const[p], ndeps[p], order[p], p)) {
                    ndeps[p] -= 1;
                    queue.insert((non_const[p], ndeps[p], order[p], p));
                } else {
                    ndeps[p] = ndeps[p].saturating_sub(1);
                }
            }

            let Some(d) = self.decls.get(&obj) else {
                continue;
            };
            let DeclKind::Var {
                init: Some(init),
                multi,
                ..
            } = d.kind
            else {
                continue;
            };
            if !emitted.insert(init.id) {
                continue; // `var a, b = f()`: emitted with the first of its variables
            }
            let lhs = if multi { d.lhs.clone() } else { vec![obj] };
            self.p
                .info
                .init_order
                .push(Initializer { lhs, rhs: init.id });
        }
    }

    /// A path of references from `from` to `to` (types2's `findPath`): the returned list starts
    /// with `to` and then goes backwards along the path, so that for a cycle through `x`,
    /// `[x, c, b]` means x refers to b, b to c, c to x.
    fn find_path(&self, from: ObjId, to: ObjId, seen: &mut HashSet<ObjId>) -> Option<Vec<ObjId>> {
        if !seen.insert(from) {
            return None;
        }
        let mut deps = self.decl_deps(from);
        deps.sort_by_key(|&d| self.src_order(d));
        for d in deps {
            if d == to {
                return Some(vec![d]);
            }
            if let Some(mut p) = self.find_path(d, to, seen) {
                p.push(d);
                return Some(p);
            }
        }
        None
    }

    fn report_init_cycle(&mut self, cycle: &[ObjId]) {
        let first = cycle[0];
        let name = |o: ObjId| self.p.obj(o).name.clone();
        let pos = self.p.obj(first).pos;
        if cycle.len() == 1 {
            let msg = format!("initialization cycle: {} refers to itself", name(first));
            self.error(pos, msg);
            return;
        }
        let mut msg = format!("initialization cycle for {}", name(first));
        let mut obj = first;
        for &next in cycle.iter().rev() {
            msg.push_str(&format!(
                "\n\t{}: {} refers to {}",
                self.p.fset.format(self.p.obj(obj).pos),
                name(obj),
                name(next)
            ));
            obj = next;
        }
        self.error(pos, msg);
    }
}
