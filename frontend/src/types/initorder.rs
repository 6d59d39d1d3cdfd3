//! Package-level variable initialisation order (spec "Package initialization") and
//! initialisation-cycle detection.

use std::collections::{HashMap, HashSet};

use super::check::{Checker, DeclKind};
use super::*;

impl<'a> Checker<'a> {
    pub(crate) fn init_order(&mut self) {
        // Variables in declaration order.
        let vars: Vec<ObjId> = self
            .decl_order
            .iter()
            .copied()
            .filter(|o| matches!(self.p.obj(*o).kind, ObjKind::Var { .. }))
            .collect();
        // Transitive variable dependencies, through functions (and constants, which have no
        // runtime initialisation but may reference functions only in invalid programs).
        let mut var_deps: HashMap<ObjId, HashSet<ObjId>> = HashMap::new();
        for &v in &vars {
            let mut seen = HashSet::new();
            let mut out = HashSet::new();
            let mut stack: Vec<ObjId> = self.deps.get(&v).cloned().unwrap_or_default();
            while let Some(o) = stack.pop() {
                if !seen.insert(o) {
                    continue;
                }
                match self.p.obj(o).kind {
                    ObjKind::Var { .. } => {
                        out.insert(o);
                    }
                    ObjKind::Func { .. } => {
                        stack.extend(self.deps.get(&o).cloned().unwrap_or_default());
                    }
                    _ => {}
                }
            }
            var_deps.insert(v, out);
        }
        // Cycles: a variable that (transitively) depends on itself.
        let mut reported: HashSet<ObjId> = HashSet::new();
        for &v in &vars {
            if var_deps.get(&v).is_some_and(|d| d.contains(&v)) && !reported.contains(&v) {
                if let Some(path) = self.find_path(v, v) {
                    for o in &path {
                        reported.insert(*o);
                    }
                    self.report_init_cycle(&path);
                }
                reported.insert(v);
            }
        }
        let mut done: HashSet<ObjId> = HashSet::new();
        let mut emitted_multi: HashSet<ObjId> = HashSet::new();
        let mut remaining: Vec<ObjId> = vars.clone();
        while !remaining.is_empty() {
            let pos = remaining.iter().position(|v| {
                var_deps.get(v).is_none_or(|d| {
                    d.iter()
                        .all(|x| done.contains(x) || x == v || reported.contains(x))
                })
            });
            let idx = pos.unwrap_or(0);
            let v = remaining.remove(idx);
            done.insert(v);
            let Some(d) = self.decls.get(&v) else {
                continue;
            };
            let DeclKind::Var { init, multi, .. } = d.kind else {
                continue;
            };
            let Some(init) = init else { continue };
            if multi {
                if emitted_multi.contains(&v) {
                    continue;
                }
                let lhs = d.lhs.clone();
                for l in &lhs {
                    emitted_multi.insert(*l);
                    done.insert(*l);
                }
                remaining.retain(|x| !lhs.contains(x));
                self.p
                    .info
                    .init_order
                    .push(Initializer { lhs, rhs: init.id });
            } else {
                self.p.info.init_order.push(Initializer {
                    lhs: vec![v],
                    rhs: init.id,
                });
            }
        }
    }

    /// A path of references from `from` back to `to` through vars and funcs.
    fn find_path(&self, from: ObjId, to: ObjId) -> Option<Vec<ObjId>> {
        let mut seen = HashSet::new();
        let mut path = vec![from];
        if self.dfs(from, to, &mut seen, &mut path) {
            return Some(path);
        }
        None
    }

    fn dfs(&self, cur: ObjId, to: ObjId, seen: &mut HashSet<ObjId>, path: &mut Vec<ObjId>) -> bool {
        if path.len() > 10_000 {
            return false;
        }
        for &d in self.deps.get(&cur).map(|v| v.as_slice()).unwrap_or(&[]) {
            if !matches!(
                self.p.obj(d).kind,
                ObjKind::Var { .. } | ObjKind::Func { .. }
            ) {
                continue;
            }
            if d == to {
                return true;
            }
            if !seen.insert(d) {
                continue;
            }
            path.push(d);
            if self.dfs(d, to, seen, path) {
                return true;
            }
            path.pop();
        }
        false
    }

    fn report_init_cycle(&mut self, cycle: &[ObjId]) {
        let obj = cycle[0];
        let name = self.p.obj(obj).name.clone();
        let pos = self.p.obj(obj).pos;
        if cycle.len() == 1 {
            self.error(
                pos,
                format!("initialization cycle: {name} refers to itself"),
            );
            return;
        }
        let mut msg = format!("initialization cycle for {name}");
        // "x refers to y" along the path, closing the loop.
        for i in 0..cycle.len() {
            let a = cycle[i];
            let b = cycle[(i + 1) % cycle.len()];
            msg.push_str(&format!(
                "\n\t{}: {} refers to {}",
                self.p.fset.format(self.p.obj(a).pos),
                self.p.obj(a).name,
                self.p.obj(b).name
            ));
        }
        self.error(pos, msg);
    }
}
