//! Itabs as rgo emitted them, read back from the executable: `abi.ITab` (Inter, Type, Hash,
//! Fun[...]) with the function each Fun slot holds, for every itab whose interface or
//! concrete type is the one explained.

use super::descriptor::type_name_at;
use super::model::{Block, Picture, Row};
use crate::inspect::types::{Ctx, Itab, collect_itabs};

/// Adds a block per itab that mentions one of `types` (descriptor addresses); the Inter and
/// Type rows link to `desc_block` when they point to the explained type. Returns how many.
pub fn describe(cx: &Ctx, types: &[u64], desc_block: Option<usize>, pic: &mut Picture) -> usize {
    let (itabs, _) = collect_itabs(cx);
    let mut mine: Vec<&Itab> = itabs
        .iter()
        .filter(|it| types.contains(&it.inter) || types.contains(&it.typ))
        .collect();
    mine.sort_by_key(|it| (type_name_at(cx, it.inter), type_name_at(cx, it.typ)));
    for it in &mine {
        let inter = type_name_at(cx, it.inter);
        let typ = type_name_at(cx, it.typ);
        let title = format!(
            "go:itab.{},{}",
            typ.trim_start_matches("type:"),
            inter.trim_start_matches("type:")
        );
        let addr = it.addr;
        let b = |o: u64, n: u64| {
            cx.img
                .bytes(addr + o, n)
                .map(<[u8]>::to_vec)
                .unwrap_or_default()
        };
        let link = |a: u64| desc_block.filter(|_| types.first() == Some(&a));
        let mut rows = vec![
            Row {
                link: link(it.inter),
                ..Row::new(0, 8, "Inter", inter.clone()).with_bytes(&b(0, 8))
            },
            Row {
                link: link(it.typ),
                ..Row::new(8, 8, "Type", typ.clone()).with_bytes(&b(8, 8))
            },
            Row::new(
                16,
                4,
                "Hash",
                format!("{:#010x} (copy of Type.Hash, for type switches)", it.hash),
            )
            .with_bytes(&b(16, 4)),
        ];
        for (i, f) in it.fun.iter().enumerate() {
            let o = 24 + 8 * i as u64;
            rows.push(Row::new(o, 8, &format!("Fun[{i}]"), cx.func_name(*f)).with_bytes(&b(o, 8)));
        }
        pic.blocks.push(Block {
            title,
            place: format!("abi.ITab at {addr:#x} (.go.itab)"),
            rows,
        });
    }
    if !mine.is_empty() {
        pic.notes.push(
            "An itab pairs an interface type with a concrete type; Fun holds the concrete methods in the interface's (sorted) method order, so a call through the interface loads Fun[i] and calls it with the data word as receiver."
                .into(),
        );
    }
    mine.len()
}
