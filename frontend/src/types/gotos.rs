//! The spec's two restrictions on `goto`: it must not jump over a variable declaration into that
//! variable's scope, and it must not jump into a block from outside it.
//!
//! The walk follows the order gc's `syntax.checkBranches` uses, so the same goto gets the same
//! message: statements of a block in source order, forward gotos collected until their label is
//! declared, gotos from inner blocks handed up to the enclosing block, and a goto whose label was
//! never reached from an enclosing block reported as jumping into the label's block. Labels that do
//! not exist at all are reported by the statement checker, not here.

use std::collections::HashMap;

use crate::ast::{Block, BranchKind, Decl, Expr, Ident, Pos, Stmt, StmtKind};

use super::check::expr_string;

/// Returns gc's goto errors for one function body (not descending into function literals, whose
/// bodies are checked on their own), positioned at the goto's label.
pub(crate) fn goto_errors(body: &Block, format_pos: &dyn Fn(Pos) -> String) -> Vec<(Pos, String)> {
    let mut walk = GotoWalk {
        blocks: Vec::new(),
        labels: HashMap::new(),
        errors: Vec::new(),
        format_pos,
    };
    let unresolved = walk.block(None, body.lbrace, &body.stmts);
    for goto in unresolved {
        if let Some(&block) = walk.labels.get(goto.name.as_str()) {
            let start = (walk.format_pos)(walk.blocks[block].start);
            walk.errors.push((
                goto.pos,
                format!("goto {} jumps into block starting at {start}", goto.name),
            ));
        }
    }
    walk.errors
}

struct BlockInfo {
    parent: Option<usize>,
    /// Where gc says the block starts: its `{`, or a case clause's `case`/`default`.
    start: Pos,
}

struct GotoWalk<'a, 'f> {
    blocks: Vec<BlockInfo>,
    /// Label name → the block it is declared in (the first declaration wins, as in gc).
    labels: HashMap<&'a str, usize>,
    errors: Vec<(Pos, String)>,
    format_pos: &'f dyn Fn(Pos) -> String,
}

impl<'a> GotoWalk<'a, '_> {
    /// Walks one block and returns its gotos whose label is not declared in it or an enclosing
    /// block so far.
    fn block(&mut self, parent: Option<usize>, start: Pos, stmts: &'a [Stmt]) -> Vec<&'a Ident> {
        let me = self.blocks.len();
        self.blocks.push(BlockInfo { parent, start });
        // The last variable declared in this block, and the forward gotos made before it.
        let mut last_var: Option<(Pos, String)> = None;
        let mut jumping_over: Vec<&'a Ident> = Vec::new();
        let mut forward: Vec<&'a Ident> = Vec::new();

        for stmt in stmts {
            let mut s = stmt;
            while let StmtKind::Labeled { label, stmt: inner } = &s.kind {
                if label.name != "_" {
                    self.labels.entry(label.name.as_str()).or_insert(me);
                    let mut kept = Vec::with_capacity(forward.len());
                    for goto in forward.drain(..) {
                        if goto.name != label.name {
                            kept.push(goto);
                            continue;
                        }
                        if let Some((pos, name)) = &last_var
                            && jumping_over.iter().any(|g| std::ptr::eq(*g, goto))
                        {
                            let at = (self.format_pos)(*pos);
                            self.errors.push((
                                goto.pos,
                                format!(
                                    "goto {} jumps over declaration of {name} at {at}",
                                    goto.name
                                ),
                            ));
                        }
                    }
                    forward = kept;
                }
                s = inner;
            }
            let mut record_var = |pos: Pos, name: String, forward: &Vec<&'a Ident>| {
                last_var = Some((pos, name));
                jumping_over.clone_from(forward);
            };
            match &s.kind {
                StmtKind::Decl(Decl::Var(g)) => {
                    if let Some(first) = g.specs.first().and_then(|spec| spec.names.first()) {
                        record_var(first.pos, first.name.clone(), &forward);
                    }
                }
                StmtKind::Assign {
                    lhs,
                    op: crate::ast::AssignOp::Define,
                    op_pos,
                    ..
                } => record_var(*op_pos, names_text(lhs), &forward),
                // A goto to a label already declared here or outside is a backward jump: fine.
                StmtKind::Branch {
                    kind: BranchKind::Goto,
                    label: Some(label),
                } if !self.declared_in_scope(me, &label.name) => forward.push(label),
                StmtKind::Block(b) => forward.extend(self.block(Some(me), b.lbrace, &b.stmts)),
                StmtKind::If { then, els, .. } => {
                    forward.extend(self.block(Some(me), then.lbrace, &then.stmts));
                    if let Some(e) = els {
                        forward.extend(self.block(Some(me), e.pos, std::slice::from_ref(e)));
                    }
                }
                StmtKind::For { body, .. } | StmtKind::Range { body, .. } => {
                    forward.extend(self.block(Some(me), body.lbrace, &body.stmts))
                }
                StmtKind::Switch { body, .. } | StmtKind::TypeSwitch { body, .. } => {
                    for clause in body {
                        forward.extend(self.block(Some(me), clause.pos, &clause.body));
                    }
                }
                StmtKind::Select { body, .. } => {
                    for clause in body {
                        forward.extend(self.block(Some(me), clause.pos, &clause.body));
                    }
                }
                _ => {}
            }
        }
        forward
    }

    /// Whether `name` is declared (so far) in block `b` or one enclosing it.
    fn declared_in_scope(&self, mut b: usize, name: &str) -> bool {
        let Some(&declared) = self.labels.get(name) else {
            return false;
        };
        loop {
            if declared == b {
                return true;
            }
            match self.blocks[b].parent {
                Some(p) => b = p,
                None => return false,
            }
        }
    }
}

/// The left-hand side of a `:=` as gc prints it: `x` or `a, b`.
fn names_text(lhs: &[Expr]) -> String {
    lhs.iter().map(expr_string).collect::<Vec<_>>().join(", ")
}
