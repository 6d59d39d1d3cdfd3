//! A local variable: where rgo put it and why. Escape analysis decides between the frame
//! (registers or a stack slot) and the heap ("moved to heap: x"); for a slice, string, map or
//! pointer it also decides where the memory the value refers to is allocated — the allocation
//! site on the declaring line ("make([]int, n) escapes to heap"). The picture shows the value's
//! own words (their offsets from the midend's layout) and, linked, the memory behind them.

use super::Explainer;
use super::model::{Block, Row};
use frontend::ast::Decl;
use frontend::types::{ObjId, ObjKind, Type};
use midend::layout::Layouts;

impl Explainer<'_> {
    /// The variables named `name` declared in function `func` (params included).
    pub fn find_vars(&self, func: &str, name: &str) -> Vec<ObjId> {
        let Some(pkg) = self.prog.packages.iter().find(|p| p.path == "main") else {
            return Vec::new();
        };
        let mut spans = Vec::new();
        for f in &pkg.files {
            for d in &f.decls {
                if let Decl::Func(fd) = d
                    && fd.name.name == func
                    && fd.recv.is_none()
                    && let Some(b) = &fd.body
                {
                    spans.push((fd.pos, b.rbrace));
                }
            }
        }
        self.prog
            .objects
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                o.name == name
                    && matches!(
                        o.kind,
                        ObjKind::Var {
                            is_field: false,
                            is_global: false,
                            ..
                        }
                    )
                    && spans.iter().any(|(a, b)| {
                        o.pos.file == a.file && a.offset <= o.pos.offset && o.pos.offset <= b.offset
                    })
            })
            .map(|(i, _)| ObjId(i as u32))
            .collect()
    }

    pub fn variable(&mut self, func: &str, o: ObjId) {
        let obj = self.prog.obj(o);
        let name = obj.name.clone();
        let ty = self.prog.type_string(obj.typ);
        let lay = Layouts::new(self.prog);
        let l = lay.of(obj.typ);
        let heap = self.esc.heap_vars.contains(&o);
        let line = self.line(obj.pos);
        // Every decision printed on the declaring line: the variable's own and those of the
        // allocation sites in its initialiser.
        let on_line: Vec<String> = self
            .esc
            .diagnostics
            .iter()
            .filter(|(p, _)| p.file == obj.pos.file && self.line(*p) == line)
            .map(|(p, m)| format!("{}: {m}", self.pos(*p)))
            .collect();
        let site_heap = on_line.iter().any(|d| d.ends_with("escapes to heap"));
        let site_stack = on_line.iter().any(|d| d.ends_with("does not escape"));
        let u = self.prog.underlying(obj.typ);
        let words: Vec<(&str, u64, String)> = match self.prog.ty(u) {
            Type::Slice(e) => {
                let e = self.prog.type_string(*e);
                vec![
                    ("array", 8, format!("*{e} → backing array")),
                    ("len", 8, "int".into()),
                    ("cap", 8, "int".into()),
                ]
            }
            Type::Basic(_) if ty == "string" => {
                vec![("str", 8, "*byte → bytes".into()), ("len", 8, "int".into())]
            }
            _ => l
                .scalars
                .iter()
                .enumerate()
                .map(|(i, (_, t))| ("", u64::from(t.bytes()), format!("word {i}")))
                .collect(),
        };
        let mut rows = Vec::new();
        let mut off = 0;
        for (i, (f, sz, v)) in words.iter().enumerate() {
            let o = l.scalars.get(i).map_or(off, |s| s.0);
            rows.push(Row::new(
                o,
                *sz,
                if f.is_empty() { &name } else { f },
                v.clone(),
            ));
            off = o + sz;
        }
        let place = if heap {
            format!("heap cell from runtime.newobject ({} bytes)", l.size)
        } else if l.flat {
            format!("frame of main.{func}: virtual registers, {} bytes", l.size)
        } else {
            format!("frame of main.{func}: a stack slot, {} bytes", l.size)
        };
        self.pic.blocks.push(Block {
            title: format!("{name} {ty}"),
            place,
            rows,
        });
        if matches!(self.prog.ty(u), Type::Slice(_)) {
            let at = self.pic.blocks.len();
            self.pic.blocks[at - 1].rows[0].link = Some(at);
            let where_ = if site_heap {
                "heap: runtime.makeslice / runtime.newobject"
            } else if site_stack {
                "stack: a frame slot of the enclosing function"
            } else {
                "wherever the assigned value's site put it"
            };
            self.pic.blocks.push(Block {
                title: "backing array".into(),
                place: where_.into(),
                rows: vec![Row::new(0, 0, "[0]…[cap-1]", "elements")],
            });
        }
        self.pic.notes.push(format!(
            "{}: {name} is declared here; escape analysis {}.",
            self.pos(obj.pos),
            if heap {
                "moved it to the heap (its address outlives the frame)"
            } else {
                "kept it in the frame"
            }
        ));
        self.pic.notes.extend(on_line);
    }
}
