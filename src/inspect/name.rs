//! Decoder for `internal/abi.Name`, the length-prefixed name encoding used by type strings,
//! field names, method names and package paths (reference §2):
//! `flags:1 | uvarint len | bytes | [uvarint taglen | tag] | [pkgPath NameOff i32, unaligned]`.

/// Flag bits of the first byte.
pub const NAME_EXPORTED: u8 = 0x01;
pub const NAME_HAS_TAG: u8 = 0x02;
pub const NAME_HAS_PKGPATH: u8 = 0x04;
pub const NAME_EMBEDDED: u8 = 0x08;

/// A decoded name. `pkg_path_off` is still a NameOff; callers resolve it against the module's
/// `types` because that needs the image.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Name {
    pub flags: u8,
    pub name: String,
    pub tag: Option<String>,
    pub pkg_path_off: Option<i32>,
}

/// Reads a LEB128 unsigned varint (the `encoding/binary.Uvarint` format). Returns the value and
/// the number of bytes consumed; None if truncated or longer than 10 bytes.
pub fn uvarint(b: &[u8]) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    for (i, &c) in b.iter().enumerate().take(10) {
        v |= u64::from(c & 0x7f) << (7 * i);
        if c & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

/// Decodes one abi.Name from the start of `b` (the bytes from the name's address to the end of
/// its segment). Names longer than `b` or with a malformed varint give an error message.
pub fn decode_name(b: &[u8]) -> Result<Name, String> {
    let flags = *b.first().ok_or("empty name data")?;
    let mut pos = 1;
    let take = |pos: &mut usize| -> Result<String, String> {
        let (len, n) = uvarint(b.get(*pos..).unwrap_or(&[])).ok_or("bad name length varint")?;
        *pos += n;
        let len = usize::try_from(len).map_err(|_| "name length overflow")?;
        let end = pos.checked_add(len).ok_or("name length overflow")?;
        let bytes = b.get(*pos..end).ok_or("name runs past its section")?;
        *pos = end;
        Ok(String::from_utf8_lossy(bytes).into_owned())
    };
    let name = take(&mut pos)?;
    let tag = if flags & NAME_HAS_TAG != 0 {
        Some(take(&mut pos)?)
    } else {
        None
    };
    let pkg_path_off = if flags & NAME_HAS_PKGPATH != 0 {
        let raw: [u8; 4] = b
            .get(pos..pos + 4)
            .and_then(|s| s.try_into().ok())
            .ok_or("name pkgPath runs past its section")?;
        Some(i32::from_le_bytes(raw))
    } else {
        None
    };
    Ok(Name {
        flags,
        name,
        tag,
        pkg_path_off,
    })
}

/// Human-readable flag list of a name (for dumps): `exported`, `tag`, `pkgpath`, `embedded`.
pub fn name_flags(flags: u8) -> String {
    let mut v = Vec::new();
    for (bit, s) in [
        (NAME_EXPORTED, "exported"),
        (NAME_HAS_TAG, "tag"),
        (NAME_HAS_PKGPATH, "pkgpath"),
        (NAME_EMBEDDED, "embedded"),
    ] {
        if flags & bit != 0 {
            v.push(s.to_string());
        }
    }
    let rest = flags & 0xf0;
    if rest != 0 {
        v.push(format!("{rest:#x}"));
    }
    if v.is_empty() {
        "-".to_string()
    } else {
        v.join("|")
    }
}

/// Quotes a string Go-style (`strconv.Quote` for the ASCII cases that occur in tags).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
