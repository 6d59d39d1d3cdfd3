//! `.go.buildinfo` (reference §8.4), printed like `go version -m`.

use super::image::Image;
use super::name::uvarint;

const MAGIC: &[u8] = b"\xff Go buildinf:";
/// modinfo is wrapped in two 16-byte sentinels that `go version -m` strips.
const SENTINEL_LEN: usize = 16;

pub struct BuildInfo {
    pub version: String,
    pub modinfo: String,
}

/// Finds the blob in `.go.buildinfo` or, without section headers, at any 16-aligned offset of
/// the writable segments (where the linker always places it).
pub fn find(img: &Image) -> Result<BuildInfo, String> {
    let mut ranges = Vec::new();
    if let Some(s) = img.section(".go.buildinfo") {
        ranges.push((s.addr, s.addr + s.size));
    }
    ranges.extend(img.writable_ranges());
    for (start, end) in ranges {
        let mut a = (start + 15) & !15;
        while a + 32 <= end {
            if img.bytes(a, MAGIC.len() as u64) == Some(MAGIC) {
                return decode(img, a);
            }
            a += 16;
        }
    }
    Err("no Go build info found".into())
}

fn decode(img: &Image, a: u64) -> Result<BuildInfo, String> {
    let hdr = img.bytes(a, 32).ok_or("build info header truncated")?;
    let ptr_size = hdr[14];
    let flags = hdr[15];
    if flags & 2 != 0 {
        // Inline strings (Go 1.18+): two uvarint-prefixed strings after the header.
        let b = img.bytes_from(a + 32).ok_or("build info truncated")?;
        let (version, n) = read_str(b).ok_or("build info version truncated")?;
        let (modinfo, _) = read_str(&b[n..]).ok_or("build info modinfo truncated")?;
        return Ok(BuildInfo {
            version: String::from_utf8_lossy(version).into_owned(),
            modinfo: strip_sentinels(modinfo),
        });
    }
    // Older format: two pointers to string headers. Kept for completeness.
    if ptr_size != 8 || flags & 1 != 0 {
        return Err("unsupported build info format".into());
    }
    let s = |p: u64| -> Option<&[u8]> {
        let hp = img.u64(p)?;
        let ptr = img.u64(hp)?;
        let len = img.u64(hp + 8)?;
        img.bytes(ptr, len.min(1 << 20))
    };
    let version = s(a + 16).ok_or("build info version unreadable")?;
    Ok(BuildInfo {
        version: String::from_utf8_lossy(version).into_owned(),
        modinfo: strip_sentinels(s(a + 24).unwrap_or_default()),
    })
}

fn read_str(b: &[u8]) -> Option<(&[u8], usize)> {
    let (len, n) = uvarint(b)?;
    let len = usize::try_from(len).ok()?;
    let s = b.get(n..n.checked_add(len)?)?;
    Some((s, n + len))
}

/// Drops the binary sentinels around modinfo (as debug/buildinfo does) when they are there.
fn strip_sentinels(b: &[u8]) -> String {
    let inner = if b.len() > 2 * SENTINEL_LEN && b[b.len() - SENTINEL_LEN - 1] == b'\n' {
        &b[SENTINEL_LEN..b.len() - SENTINEL_LEN]
    } else {
        b
    };
    String::from_utf8_lossy(inner).into_owned()
}

pub fn render(bi: &BuildInfo) -> Vec<String> {
    let mut l = vec![format!("go version: {}", bi.version)];
    for line in bi.modinfo.lines() {
        l.push(format!("\t{line}"));
    }
    l
}
