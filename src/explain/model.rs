//! What `rgo explain` shows, independent of how: a picture is a row of memory blocks (a type
//! descriptor, an itab, a closure object, a name's bytes), each a list of fields with offset,
//! size, value and raw bytes, plus arrows from a field to the block it points to, plus prose
//! notes. `text` renders it for the terminal; svg.rs draws it.

/// One explanation: a title, the blocks, and the notes that say why.
#[derive(Clone, Debug, Default)]
pub struct Picture {
    pub title: String,
    pub blocks: Vec<Block>,
    pub notes: Vec<String>,
}

/// A contiguous piece of memory (or of a frame) with its fields.
#[derive(Clone, Debug, Default)]
pub struct Block {
    pub title: String,
    /// Where it lives: a symbol, a section, "heap", "stack".
    pub place: String,
    pub rows: Vec<Row>,
}

/// One field of a block.
#[derive(Clone, Debug, Default)]
pub struct Row {
    pub off: u64,
    pub size: u64,
    pub field: String,
    pub value: String,
    /// The bytes as the binary holds them (empty: not in the file, e.g. heap objects).
    pub bytes: Vec<u8>,
    /// The block (index into `Picture::blocks`) that this field points to.
    pub link: Option<usize>,
}

impl Row {
    pub fn new(off: u64, size: u64, field: &str, value: impl Into<String>) -> Row {
        Row {
            off,
            size,
            field: field.to_string(),
            value: value.into(),
            ..Row::default()
        }
    }

    pub fn with_bytes(mut self, b: &[u8]) -> Row {
        self.bytes = b.to_vec();
        self
    }
}

/// Hex bytes, space-separated; long runs end with `…`.
pub fn hex(b: &[u8]) -> String {
    const MAX: usize = 16;
    let mut s: Vec<String> = b.iter().take(MAX).map(|x| format!("{x:02x}")).collect();
    if b.len() > MAX {
        s.push("…".into());
    }
    s.join(" ")
}

/// Fields whose bytes do not depend on where the linker put things.
const LAYOUT_FREE: &[&str] = &[
    "Size_",
    "PtrBytes",
    "Hash",
    "TFlag",
    "Align_",
    "FieldAlign_",
    "Kind_",
    "flags",
    "len (uvarint)",
    "bytes",
];

/// Replaces every hexadecimal number of 3 or more digits (addresses, offsets) by `0x…`.
fn mask(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 2..];
        let n = tail.chars().take_while(char::is_ascii_hexdigit).count();
        if n >= 3 {
            out.push_str("0x…");
        } else {
            out.push_str(&rest[i..i + 2 + n]);
        }
        rest = &tail[n..];
    }
    out.push_str(rest);
    out
}

impl Picture {
    /// Drops what depends on the link layout (addresses, offsets and the bytes of fields that
    /// hold them), so that the picture of a program stays the same when unrelated code moves:
    /// `rgo explain -stable`, and the snapshot tests.
    pub fn make_stable(&mut self) {
        for b in &mut self.blocks {
            b.place = mask(&b.place);
            for r in &mut b.rows {
                let keep = LAYOUT_FREE.contains(&r.field.as_str()) || r.field.ends_with(".Offset");
                if !keep {
                    r.bytes.clear();
                }
                if r.field != "Hash" {
                    r.value = mask(&r.value);
                }
            }
        }
        for n in &mut self.notes {
            *n = mask(n);
        }
    }

    /// The terminal form: each block as a table, then the notes.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n", self.title);
        for (i, b) in self.blocks.iter().enumerate() {
            out.push_str(&format!("\n[{}] {}", i + 1, b.title));
            if !b.place.is_empty() {
                out.push_str(&format!("  ({})", b.place));
            }
            out.push('\n');
            let fw = b
                .rows
                .iter()
                .map(|r| r.field.chars().count())
                .max()
                .unwrap_or(0);
            let vw = b
                .rows
                .iter()
                .map(|r| r.value.chars().count())
                .max()
                .unwrap_or(0);
            for r in &b.rows {
                let mut line = format!(
                    "  +{:<4} {:>3}  {:<fw$}  {:<vw$}",
                    r.off,
                    r.size,
                    r.field,
                    r.value,
                    fw = fw,
                    vw = vw
                );
                if !r.bytes.is_empty() {
                    line.push_str(&format!("  {}", hex(&r.bytes)));
                }
                if let Some(t) = r.link {
                    line.push_str(&format!("  → [{}]", t + 1));
                }
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
        if !self.notes.is_empty() {
            out.push('\n');
            for n in &self.notes {
                out.push_str(&format!("* {n}\n"));
            }
        }
        out
    }
}
