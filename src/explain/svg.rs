//! Draws a [`Picture`] as a standalone SVG 1.1 document, in the style of the diagrams of
//! articles on Go internals: blocks side by side as tables of fields (offset, name, value),
//! each field as tall as its size allows a reader to compare, arrows from pointer fields to
//! the block they point to, and the notes underneath.
//!
//! Layout is computed, not measured: the text is monospace, so a column's width is its
//! longest string times the advance of the font (`CHAR_W`). Blocks go left to right in
//! order, tops aligned; an arrow leaves a field at the right edge of its block, rises to a
//! lane of its own above the blocks (so it crosses none), runs along it and comes down in
//! the gap left of the target block to enter it at its title.

use super::model::Picture;

const CHAR_W: f64 = 7.2;
const ROW_H: f64 = 20.0;
const TITLE_H: f64 = 24.0;
const GAP: f64 = 60.0;
const MARGIN: f64 = 20.0;
const LANE: f64 = 6.0;
const FONT: &str = "font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"12\"";

/// Escapes text for XML character data and attribute values.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => o.push('?'),
            c => o.push(c),
        }
    }
    o
}

fn text_w(s: &str) -> f64 {
    s.chars().count() as f64 * CHAR_W
}

pub fn render(p: &Picture) -> String {
    struct Geo {
        x: f64,
        w: f64,
        off_w: f64,
        field_w: f64,
    }
    // Arrows run in lanes above the blocks, one lane each, so they never cross a block.
    let narrows = p
        .blocks
        .iter()
        .flat_map(|b| &b.rows)
        .filter(|r| r.link.is_some())
        .count();
    let top = MARGIN + TITLE_H + 14.0 + LANE * narrows as f64;
    let mut geos = Vec::new();
    let mut x = MARGIN;
    for b in &p.blocks {
        let off_w = b
            .rows
            .iter()
            .map(|r| text_w(&format!("+{}", r.off)))
            .fold(0.0, f64::max)
            + 12.0;
        let field_w = b.rows.iter().map(|r| text_w(&r.field)).fold(0.0, f64::max) + 12.0;
        let value_w = b.rows.iter().map(|r| text_w(&r.value)).fold(0.0, f64::max) + 12.0;
        let w = (off_w + field_w + value_w)
            .max(text_w(&b.title) + 16.0)
            .max(text_w(&b.place) + 16.0);
        geos.push(Geo {
            x,
            w,
            off_w,
            field_w,
        });
        x += w + GAP;
    }
    let blocks_h = p
        .blocks
        .iter()
        .map(|b| TITLE_H * 2.0 + ROW_H * b.rows.len() as f64)
        .fold(0.0, f64::max);
    let notes_y = top + blocks_h + 30.0;
    let notes_w = p.notes.iter().map(|n| text_w(n)).fold(0.0, f64::max) + 2.0 * MARGIN;
    let width = (x - GAP + MARGIN)
        .max(notes_w)
        .max(text_w(&p.title) * 1.3 + 2.0 * MARGIN);
    let height = notes_y + ROW_H * p.notes.len() as f64 + MARGIN;

    let mut s = String::new();
    s.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\">\n",
        w = width.ceil(),
        h = height.ceil()
    ));
    s.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#c0392b\"/></marker></defs>\n");
    s.push_str("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    s.push_str(&format!(
        "<text x=\"{MARGIN}\" y=\"{:.0}\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"16\" font-weight=\"bold\" fill=\"#222\">{}</text>\n",
        MARGIN + 16.0,
        esc(&p.title)
    ));
    let mut arrows = String::new();
    let mut lane = 0usize;
    for (bi, (b, g)) in p.blocks.iter().zip(&geos).enumerate() {
        s.push_str(&format!("<g id=\"block{}\">\n", bi + 1));
        // Title bar: the block's name and where it lives.
        s.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#2c3e50\"/>\n",
            g.x,
            g.w,
            TITLE_H * 2.0
        ));
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" {FONT} font-weight=\"bold\" fill=\"#ffffff\">{}</text>\n",
            g.x + 8.0,
            top + 16.0,
            esc(&b.title)
        ));
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" {FONT} fill=\"#bdc3c7\">{}</text>\n",
            g.x + 8.0,
            top + TITLE_H + 16.0,
            esc(&b.place)
        ));
        for (ri, r) in b.rows.iter().enumerate() {
            let y = top + TITLE_H * 2.0 + ROW_H * ri as f64;
            let fill = if ri % 2 == 0 { "#f4f6f7" } else { "#e8ecee" };
            s.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{ROW_H}\" fill=\"{fill}\" stroke=\"#95a5a6\" stroke-width=\"0.5\"/>\n",
                g.x, g.w
            ));
            let ty = y + 14.0;
            s.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{ty:.1}\" {FONT} fill=\"#7f8c8d\">+{}</text>\n",
                g.x + 6.0,
                r.off
            ));
            s.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{ty:.1}\" {FONT} fill=\"#2c3e50\">{}</text>\n",
                g.x + g.off_w,
                esc(&r.field)
            ));
            s.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{ty:.1}\" {FONT} fill=\"#16a085\">{}</text>\n",
                g.x + g.off_w + g.field_w,
                esc(&r.value)
            ));
            if let Some(t) = r.link.filter(|&t| t < geos.len() && t != bi) {
                let tg = &geos[t];
                let (x0, y0) = (g.x + g.w, y + ROW_H / 2.0);
                let (x1, y1) = (tg.x, top + TITLE_H / 2.0);
                lane += 1;
                let ly = top - 8.0 - LANE * lane as f64;
                let out_x = x0 + 8.0 + 3.0 * lane as f64;
                let in_x = (x1 - 12.0 - 3.0 * lane as f64).max(4.0);
                arrows.push_str(&format!(
                    "<path d=\"M{x0:.1},{y0:.1} L{out_x:.1},{y0:.1} L{out_x:.1},{ly:.1} L{in_x:.1},{ly:.1} L{in_x:.1},{y1:.1} L{x1:.1},{y1:.1}\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n"
                ));
            }
        }
        s.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"none\" stroke=\"#2c3e50\" stroke-width=\"1.5\"/>\n",
            g.x,
            g.w,
            TITLE_H * 2.0 + ROW_H * b.rows.len() as f64
        ));
        s.push_str("</g>\n");
    }
    s.push_str(&arrows);
    for (i, n) in p.notes.iter().enumerate() {
        s.push_str(&format!(
            "<text x=\"{MARGIN}\" y=\"{:.1}\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\" fill=\"#333\">• {}</text>\n",
            notes_y + ROW_H * i as f64,
            esc(n)
        ));
    }
    s.push_str("</svg>\n");
    s
}
