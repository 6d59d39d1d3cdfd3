//! rgo's package build cache (DESIGN decision 14; docs/cache.md describes the design).
//!
//! An entry is one compiled package object, stored under a key the driver computes from
//! everything the object depends on. This module only stores and verifies bytes: entries are
//! written atomically (a temporary file renamed into place, so concurrent builds never see a
//! partial entry) and carry their key, their length and a SHA-256 of their contents, checked on
//! every read, so a truncated, corrupted or misplaced entry is reported and rebuilt, never used.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

/// A 32-byte SHA-256 cache key.
pub type Key = [u8; 32];

/// First bytes of every entry file (format version 1).
const MAGIC: &[u8; 16] = b"rgo-cache-obj-1\n";
/// MAGIC, key, payload length (u64 LE), payload SHA-256.
const HEADER: usize = 16 + 32 + 8 + 32;

/// Where the cache lives: `$RGO_CACHE`, else `$XDG_CACHE_HOME/rgo`, else `$HOME/.cache/rgo`.
/// `RGO_CACHE=off` disables caching (`None`), as `GOCACHE=off` did for the go command.
pub fn default_dir() -> Option<PathBuf> {
    let var = |n: &str| std::env::var_os(n).filter(|v| !v.is_empty());
    if let Some(v) = var("RGO_CACHE") {
        if v == "off" {
            return None;
        }
        return Some(PathBuf::from(v));
    }
    if let Some(v) = var("XDG_CACHE_HOME") {
        return Some(PathBuf::from(v).join("rgo"));
    }
    var("HOME").map(|h| PathBuf::from(h).join(".cache").join("rgo"))
}

/// A hasher for cache keys whose inputs are framed (length-prefixed), so that different
/// sequences of parts never hash alike.
pub struct KeyHasher(Sha256);

impl KeyHasher {
    pub fn new(domain: &str) -> KeyHasher {
        let mut h = KeyHasher(Sha256::new());
        h.str(domain);
        h
    }
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.update((b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }
    pub fn finish(self) -> Key {
        self.0.finalize().into()
    }
}

pub fn hex(k: &Key) -> String {
    k.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a lookup found.
pub enum Lookup {
    Hit(Vec<u8>),
    Miss,
    /// An entry exists but failed verification (the reason); it must be rebuilt.
    Bad(String),
}

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// Opens (creating) the cache at `dir`.
    pub fn open(dir: &Path) -> std::io::Result<Cache> {
        std::fs::create_dir_all(dir)?;
        let readme = dir.join("README");
        if !readme.exists() {
            // Like GOCACHE's README: tells whoever finds the directory what it is.
            let _ = write_atomic(
                &readme,
                b"This directory holds cached build artifacts from rgo.\n\
                  `rgo clean -cache` removes them.\n",
            );
        }
        Ok(Cache {
            dir: dir.to_path_buf(),
        })
    }

    fn entry_path(&self, key: &Key) -> PathBuf {
        let h = hex(key);
        self.dir.join(&h[..2]).join(format!("{h}-o"))
    }

    /// Reads and verifies the entry for `key`.
    pub fn get(&self, key: &Key) -> Lookup {
        let path = self.entry_path(key);
        let data = match std::fs::read(&path) {
            Ok(d) => d,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Lookup::Miss,
            Err(e) => return Lookup::Bad(format!("reading {}: {e}", path.display())),
        };
        match verify(&data, key) {
            Ok(()) => {
                mark_used(&path);
                Lookup::Hit(data[HEADER..].to_vec())
            }
            Err(why) => Lookup::Bad(format!("{}: {why}", path.display())),
        }
    }

    /// Stores `payload` under `key` (atomically; a concurrent writer of the same key writes the
    /// same bytes, and either rename wins).
    pub fn put(&self, key: &Key, payload: &[u8]) -> std::io::Result<()> {
        let path = self.entry_path(key);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut data = Vec::with_capacity(HEADER + payload.len());
        data.extend_from_slice(MAGIC);
        data.extend_from_slice(key);
        data.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        data.extend_from_slice(&Sha256::digest(payload));
        data.extend_from_slice(payload);
        write_atomic(&path, &data)
    }

    /// The identity of the running rgo binary: the SHA-256 of its bytes, so any rebuilt rgo
    /// (compiler, overlay sources or embedded runtime changed) gets different keys. Hashing a
    /// 15 MB binary costs tens of milliseconds, so the result is remembered in the cache keyed
    /// by the file's inode, size and modification time.
    pub fn tool_id(&self) -> std::io::Result<Key> {
        let exe = std::env::current_exe()?;
        tool_id_at(&self.dir, &exe)
    }

    /// Removes entries (and leftover temporary files) not used for [`TRIM_AGE`], at most once
    /// per [`TRIM_INTERVAL`] (recorded in `trim.txt`), as the go command trims GOCACHE.
    pub fn trim(&self) {
        let now = SystemTime::now();
        let stamp = self.dir.join("trim.txt");
        let secs = |t: SystemTime| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        if let Ok(text) = std::fs::read_to_string(&stamp)
            && let Ok(last) = text.trim().parse::<u64>()
            && secs(now).saturating_sub(last) < TRIM_INTERVAL.as_secs()
        {
            return;
        }
        let _ = write_atomic(&stamp, format!("{}\n", secs(now)).as_bytes());
        let Ok(dirs) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for d in dirs.flatten() {
            let sub = d.path();
            if !sub.is_dir() {
                continue;
            }
            let Ok(files) = std::fs::read_dir(&sub) else {
                continue;
            };
            for f in files.flatten() {
                let old = f
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|m| now.duration_since(m).ok())
                    .is_some_and(|age| age > TRIM_AGE);
                if old {
                    let _ = std::fs::remove_file(f.path());
                }
            }
        }
    }
}

/// Entries unused for this long are removed by [`Cache::trim`] (the go command's limit).
const TRIM_AGE: Duration = Duration::from_secs(5 * 24 * 3600);
/// How often [`Cache::trim`] looks.
const TRIM_INTERVAL: Duration = Duration::from_secs(24 * 3600);
/// A used entry's modification time is refreshed when older than this, so that trimming keeps
/// what builds use without a write on every hit.
const USE_GRANULARITY: Duration = Duration::from_secs(3600);

fn mark_used(path: &Path) {
    let now = SystemTime::now();
    let stale = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|m| now.duration_since(m).ok())
        .is_some_and(|age| age > USE_GRANULARITY);
    if stale && let Ok(f) = std::fs::OpenOptions::new().write(true).open(path) {
        let _ = f.set_modified(now);
    }
}

fn verify(data: &[u8], key: &Key) -> Result<(), String> {
    if data.len() < HEADER {
        return Err(format!("truncated entry ({} bytes)", data.len()));
    }
    if &data[..16] != MAGIC {
        return Err("not an rgo cache entry".into());
    }
    if &data[16..48] != key {
        return Err("entry stored under the wrong key".into());
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&data[48..56]);
    let len = u64::from_le_bytes(len);
    let payload = &data[HEADER..];
    if payload.len() as u64 != len {
        return Err(format!(
            "truncated entry ({} of {len} bytes)",
            payload.len()
        ));
    }
    if Sha256::digest(payload).as_slice() != &data[56..88] {
        return Err("checksum mismatch".into());
    }
    Ok(())
}

/// Writes `data` to `path` through a temporary file in the same directory and a rename, so
/// readers see either the old file or the complete new one.
pub fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.tmp{}-{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        // No fsync: an entry a crash leaves incomplete fails its checksum and is rebuilt.
        f.write_all(data)?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn tool_id_at(dir: &Path, exe: &Path) -> std::io::Result<Key> {
    use std::os::unix::fs::MetadataExt;
    let md = std::fs::metadata(exe)?;
    let mut h = KeyHasher::new("rgo tool stat");
    h.str(&exe.to_string_lossy())
        .bytes(&md.dev().to_le_bytes())
        .bytes(&md.ino().to_le_bytes())
        .bytes(&md.size().to_le_bytes())
        .bytes(&md.mtime().to_le_bytes())
        .bytes(&md.mtime_nsec().to_le_bytes())
        .bytes(&md.ctime().to_le_bytes())
        .bytes(&md.ctime_nsec().to_le_bytes());
    let memo = dir.join("toolid").join(hex(&h.finish()));
    if let Ok(text) = std::fs::read_to_string(&memo)
        && let Some(k) = parse_hex_key(text.trim())
    {
        return Ok(k);
    }
    let bytes = std::fs::read(exe)?;
    let mut h = KeyHasher::new("rgo tool");
    h.bytes(&bytes);
    let id = h.finish();
    if let Some(p) = memo.parent() {
        std::fs::create_dir_all(p)?;
    }
    let _ = write_atomic(&memo, format!("{}\n", hex(&id)).as_bytes());
    Ok(id)
}

fn parse_hex_key(s: &str) -> Option<Key> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut k = [0u8; 32];
    for (i, b) in k.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(k)
}

/// `rgo clean -cache`: removes every entry (the directory itself stays).
pub fn clean(dir: &Path) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for e in entries {
        let e = e?;
        let p = e.path();
        if e.file_type()?.is_dir() {
            std::fs::remove_dir_all(&p)?;
        } else {
            std::fs::remove_file(&p)?;
        }
    }
    Ok(())
}
