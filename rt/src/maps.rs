//! Swiss-table maps with gc's memory layout (internal/runtime/maps): the `Map` header, the
//! directory of `table`s, and groups of 8 slots with a control word, keys and elems placed as the
//! compiler's `MapType` says (KeysOff/KeyStride/ElemsOff/ElemStride, indirect key/elem flags).
//!
//! Growth follows gc: a map of ≤ 8 entries is one group (`dirLen == 0`, `dirPtr` = the group);
//! beyond that, tables double up to 1024 slots and then split in two by the next hash bit,
//! doubling the directory when a table's local depth reaches the global depth. Deleting leaves
//! a tombstone only when the group has no empty slot, as in gc. (gc's tombstone pruning before
//! a rehash is not implemented: a table full of tombstones grows instead.)

use crate::alg::{memhash, rand64, typeequal, typehash};
use crate::malloc::mallocgc;
use crate::mem::{mem_equal, memmove, memset};
use crate::panic;
use crate::types::{self, MapType, Type};
use core::ptr::null_mut;

const SLOTS: usize = 8;
const CTRL_EMPTY: u8 = 0x80;
const CTRL_DELETED: u8 = 0xFE;
const BITSET_LSB: u64 = 0x0101_0101_0101_0101;
const BITSET_MSB: u64 = 0x8080_8080_8080_8080;
const CTRL_ALL_EMPTY: u64 = BITSET_LSB * CTRL_EMPTY as u64;
const MAX_AVG_GROUP_LOAD: usize = 7;
const MAX_TABLE_CAPACITY: usize = 1024;

/// internal/runtime/maps.Map (48 bytes).
#[repr(C)]
pub struct Map {
    pub used: u64,
    pub seed: u64,
    pub dir_ptr: *mut u8,
    pub dir_len: isize,
    pub global_depth: u8,
    pub global_shift: u8,
    pub writing: u8,
    pub tombstone_possible: bool,
    pub clear_seq: u64,
}

/// internal/runtime/maps.table (32 bytes).
#[repr(C)]
pub struct Table {
    pub used: u16,
    pub capacity: u16,
    pub growth_left: u16,
    pub local_depth: u8,
    /// First directory index pointing here; -1 once the table was replaced by growth.
    pub index: isize,
    pub groups: *mut u8,
    pub length_mask: u64,
}

/// Descriptors for the runtime's own allocations, so that the collector sees their pointers.
/// Map: dirPtr is word 2. Table: groups.data is word 2. Directory: an array of pointers.
#[repr(C)]
pub struct StaticType(pub Type);
// SAFETY: immutable descriptors.
unsafe impl Sync for StaticType {}

static MASK_WORD2: [u8; 8] = [0b100, 0, 0, 0, 0, 0, 0, 0];
static MASK_WORD0: [u8; 8] = [0b1, 0, 0, 0, 0, 0, 0, 0];

pub const fn internal_type(size: usize, ptr_bytes: usize, gcdata: &'static [u8; 8]) -> StaticType {
    StaticType(Type {
        size,
        ptr_bytes,
        hash: 0,
        tflag: 0,
        align: 8,
        field_align: 8,
        kind: types::KIND_STRUCT,
        equal: 0,
        gcdata: gcdata.as_ptr(),
        str_off: 0,
        ptr_to_this: 0,
    })
}

static MAP_TYPE: StaticType = internal_type(48, 24, &MASK_WORD2);
static TABLE_TYPE: StaticType = internal_type(32, 24, &MASK_WORD2);
static PTR_TYPE: StaticType = internal_type(8, 8, &MASK_WORD0);

// ---- group helpers ----------------------------------------------------------------------------

#[inline]
fn ctrl(g: *mut u8) -> u64 {
    // SAFETY: g points to a group; its control word is the first 8 bytes.
    unsafe { *(g as *const u64) }
}

#[inline]
fn set_ctrl(g: *mut u8, i: usize, c: u8) {
    // SAFETY: i < 8 within the control word.
    unsafe { *g.add(i) = c }
}

#[inline]
fn match_h2(c: u64, h2: u8) -> u64 {
    const L7: u64 = !BITSET_MSB;
    let v = c ^ (BITSET_LSB * h2 as u64);
    // Exact per-byte zero test (no false positives, unlike gc's portable fast variant).
    !(((v & L7).wrapping_add(L7)) | v | L7)
}

#[inline]
fn match_empty(c: u64) -> u64 {
    // Empty is 0b1000_0000: MSB set and bit 1 clear (deleted 0b1111_1110 has bit 1 set).
    (c & !(c << 6)) & BITSET_MSB
}

#[inline]
fn match_empty_or_deleted(c: u64) -> u64 {
    c & BITSET_MSB
}

#[inline]
fn first(bits: u64) -> usize {
    (bits.trailing_zeros() / 8) as usize
}

#[inline]
fn remove_first(bits: u64) -> u64 {
    bits & (bits - 1)
}

struct Ctx<'a> {
    t: &'a MapType,
    key: &'a Type,
    elem: &'a Type,
    shape: KeyShape,
}

/// The key types that hash and compare without walking the descriptor, as gc's
/// mapaccess1_fast64/fast32/faststr do: one or two plain memory words, or a string. The
/// hashes are memhash's own for those bytes, so every path agrees on a key's hash.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyShape {
    Word8,
    Word4,
    Str,
    Other,
}

impl KeyShape {
    fn of(key: &Type) -> KeyShape {
        let plain = key.tflag & types::TFLAG_REGULAR_MEMORY != 0;
        match (plain, key.size, key.kind) {
            (true, 8, _) => KeyShape::Word8,
            (true, 4, _) => KeyShape::Word4,
            (_, _, types::KIND_STRING) => KeyShape::Str,
            _ => KeyShape::Other,
        }
    }
}

impl Ctx<'_> {
    fn new(t: *const MapType) -> Ctx<'static> {
        // SAFETY: t is a compiler-emitted MapType with valid key/elem descriptors.
        unsafe {
            let t = &*t;
            Ctx {
                t,
                key: &*t.key,
                elem: &*t.elem,
                shape: KeyShape::of(&*t.key),
            }
        }
    }

    #[inline]
    fn key_slot(&self, g: *mut u8, i: usize) -> *mut u8 {
        // SAFETY: i < 8 within the group.
        unsafe { g.add(self.t.keys_off + i * self.t.key_stride) }
    }

    #[inline]
    fn elem_slot(&self, g: *mut u8, i: usize) -> *mut u8 {
        // SAFETY: i < 8 within the group.
        unsafe { g.add(self.t.elems_off + i * self.t.elem_stride) }
    }

    /// The key stored in slot i (following the indirection).
    #[inline]
    fn key_at(&self, g: *mut u8, i: usize) -> *mut u8 {
        let k = self.key_slot(g, i);
        // SAFETY: indirect slots hold a pointer to the key.
        if self.t.flags & types::MAP_INDIRECT_KEY != 0 {
            unsafe { *(k as *mut *mut u8) }
        } else {
            k
        }
    }

    #[inline]
    fn elem_at(&self, g: *mut u8, i: usize) -> *mut u8 {
        let e = self.elem_slot(g, i);
        // SAFETY: as key_at.
        if self.t.flags & types::MAP_INDIRECT_ELEM != 0 {
            unsafe { *(e as *mut *mut u8) }
        } else {
            e
        }
    }

    #[inline(always)]
    fn hash(&self, m: &Map, key: *const u8) -> u64 {
        // SAFETY: key points to a key value of the shape's size.
        unsafe {
            match self.shape {
                KeyShape::Word8 => memhash(key, 8, m.seed),
                KeyShape::Word4 => memhash(key, 4, m.seed),
                KeyShape::Str => {
                    let (p, n) = *(key as *const (*const u8, usize));
                    memhash(p, n, m.seed)
                }
                KeyShape::Other => typehash(self.key, key, m.seed),
            }
        }
    }

    #[inline(always)]
    fn eq(&self, a: *const u8, b: *const u8) -> bool {
        // SAFETY: both point to key values of the shape's size.
        unsafe {
            match self.shape {
                KeyShape::Word8 => {
                    (a as *const u64).read_unaligned() == (b as *const u64).read_unaligned()
                }
                KeyShape::Word4 => {
                    (a as *const u32).read_unaligned() == (b as *const u32).read_unaligned()
                }
                KeyShape::Str => {
                    let (ap, an) = *(a as *const (*const u8, usize));
                    let (bp, bn) = *(b as *const (*const u8, usize));
                    an == bn && (ap == bp || mem_equal(ap, bp, an))
                }
                KeyShape::Other => typeequal(self.key, a, b),
            }
        }
    }

    /// Stores key into empty slot i (allocating the indirect cell) and returns the elem pointer.
    fn fill_slot(&self, g: *mut u8, i: usize, key: *const u8) -> *mut u8 {
        let ks = self.key_slot(g, i);
        let es = self.elem_slot(g, i);
        // SAFETY: slot memory belongs to the group; cells are fresh allocations.
        unsafe {
            if self.t.flags & types::MAP_INDIRECT_KEY != 0 {
                let cell = mallocgc(self.key.size, self.key, true);
                *(ks as *mut *mut u8) = cell;
                memmove(cell, key, self.key.size);
            } else {
                memmove(ks, key, self.key.size);
            }
            if self.t.flags & types::MAP_INDIRECT_ELEM != 0 {
                let cell = mallocgc(self.elem.size, self.elem, true);
                *(es as *mut *mut u8) = cell;
                cell
            } else {
                es
            }
        }
    }

    /// Moves an existing slot (key cell and elem cell as they are) into empty slot i of `g`.
    fn move_slot(&self, from: *mut u8, j: usize, g: *mut u8, i: usize) {
        // SAFETY: both slots are within their groups; the slot contents move as raw bytes
        // (indirect cells are shared, which is what gc does too).
        unsafe {
            memmove(
                self.key_slot(g, i),
                self.key_slot(from, j),
                self.t.key_stride.min(self.slot_size()),
            );
        }
    }

    /// Slot size: a slot is {key, elem} so KeyStride covers both.
    fn slot_size(&self) -> usize {
        self.t.key_stride
    }

    fn clear_slot(&self, g: *mut u8, i: usize) {
        // SAFETY: within the group.
        unsafe { memset(self.key_slot(g, i), 0, self.slot_size()) };
    }

    fn alloc_groups(&self, n: usize) -> *mut u8 {
        let p = mallocgc(n * self.t.group_size, self.t.group, true);
        for k in 0..n {
            // SAFETY: p has n groups.
            unsafe { *(p.add(k * self.t.group_size) as *mut u64) = CTRL_ALL_EMPTY };
        }
        p
    }
}

// ---- tables -----------------------------------------------------------------------------------

fn reset_growth_left(t: &mut Table) {
    t.growth_left = if t.capacity as usize <= SLOTS {
        t.capacity - 1
    } else {
        ((t.capacity as usize * MAX_AVG_GROUP_LOAD) / SLOTS) as u16
    };
}

fn new_table(c: &Ctx, capacity: usize, index: isize, local_depth: u8) -> *mut Table {
    let capacity = capacity
        .max(SLOTS)
        .next_power_of_two()
        .min(MAX_TABLE_CAPACITY);
    let ngroups = capacity / SLOTS;
    let t = mallocgc(32, &TABLE_TYPE.0, true) as *mut Table;
    // SAFETY: fresh table object.
    unsafe {
        t.write(Table {
            used: 0,
            capacity: capacity as u16,
            growth_left: 0,
            local_depth,
            index,
            groups: c.alloc_groups(ngroups),
            length_mask: (ngroups - 1) as u64,
        });
        reset_growth_left(&mut *t);
    }
    t
}

impl Table {
    fn group(&self, c: &Ctx, i: u64) -> *mut u8 {
        // SAFETY: i <= length_mask.
        unsafe { self.groups.add(i as usize * c.t.group_size) }
    }

    /// Probe sequence: quadratic over groups starting at h1 & mask.
    fn lookup(&self, c: &Ctx, hash: u64, key: *const u8) -> Option<(*mut u8, usize)> {
        let h2 = (hash & 0x7f) as u8;
        let mut off = (hash >> 7) & self.length_mask;
        let mut idx = 0;
        loop {
            let g = self.group(c, off);
            let cw = ctrl(g);
            let mut m = match_h2(cw, h2);
            while m != 0 {
                let i = first(m);
                if c.eq(key, c.key_at(g, i)) {
                    return Some((g, i));
                }
                m = remove_first(m);
            }
            if match_empty(cw) != 0 {
                return None;
            }
            idx += 1;
            if idx > self.length_mask {
                return None;
            }
            off = (off + idx) & self.length_mask;
        }
    }

    /// Insert into a table known not to contain the key and to have room (used by rehash).
    fn unchecked_put(&mut self, c: &Ctx, hash: u64, from: *mut u8, j: usize) {
        let h2 = (hash & 0x7f) as u8;
        let mut off = (hash >> 7) & self.length_mask;
        let mut idx = 0;
        loop {
            let g = self.group(c, off);
            let m = match_empty_or_deleted(ctrl(g));
            if m != 0 {
                let i = first(m);
                c.move_slot(from, j, g, i);
                set_ctrl(g, i, h2);
                self.growth_left -= 1;
                self.used += 1;
                return;
            }
            idx += 1;
            off = (off + idx) & self.length_mask;
        }
    }

    /// Calls f(group, slot) for every full slot.
    fn for_each_full(&self, c: &Ctx, mut f: impl FnMut(*mut u8, usize)) {
        for gi in 0..=self.length_mask {
            let g = self.group(c, gi);
            let mut m = !ctrl(g) & BITSET_MSB; // full slots have the MSB clear
            while m != 0 {
                f(g, first(m));
                m = remove_first(m);
            }
        }
    }
}

// ---- map --------------------------------------------------------------------------------------

impl Map {
    fn directory_at(&self, i: usize) -> *mut Table {
        // SAFETY: i < dir_len.
        unsafe { *(self.dir_ptr as *mut *mut Table).add(i) }
    }

    fn set_directory_at(&mut self, i: usize, t: *mut Table) {
        // SAFETY: i < dir_len.
        unsafe { *(self.dir_ptr as *mut *mut Table).add(i) = t }
    }

    fn directory_index(&self, hash: u64) -> usize {
        if self.dir_len == 1 {
            0
        } else {
            (hash >> self.global_shift) as usize
        }
    }

    fn table_for(&self, hash: u64) -> *mut Table {
        self.directory_at(self.directory_index(hash))
    }

    fn replace_table(&mut self, nt: *mut Table) {
        // SAFETY: nt is a live table whose index/local depth are set.
        let (idx, depth) = unsafe { ((*nt).index as usize, (*nt).local_depth) };
        let entries = 1usize << (self.global_depth - depth);
        for i in 0..entries {
            self.set_directory_at(idx + i, nt);
        }
    }

    fn install_split(&mut self, old: *mut Table, left: *mut Table, right: *mut Table) {
        // SAFETY: all three tables are live; the directory is reallocated when doubled.
        unsafe {
            if (*old).local_depth == self.global_depth {
                let n = self.dir_len as usize * 2;
                let nd = mallocgc(n * 8, &PTR_TYPE.0, true) as *mut *mut Table;
                for i in 0..self.dir_len as usize {
                    let t = self.directory_at(i);
                    *nd.add(2 * i) = t;
                    *nd.add(2 * i + 1) = t;
                    if (*t).index == i as isize {
                        (*t).index = 2 * i as isize;
                    }
                }
                self.global_depth += 1;
                self.global_shift -= 1;
                self.dir_ptr = nd as *mut u8;
                self.dir_len = n as isize;
            }
            let entries = 1usize << (self.global_depth - (*left).local_depth);
            (*left).index = (*old).index;
            self.replace_table(left);
            (*right).index = (*left).index + entries as isize;
            self.replace_table(right);
            (*old).index = -1;
        }
    }

    /// The table is full: double it, or split it once it reached the maximum capacity.
    fn rehash(&mut self, c: &Ctx, t: *mut Table) {
        // SAFETY: t is live in this map's directory.
        unsafe {
            let cap = (*t).capacity as usize * 2;
            if cap <= MAX_TABLE_CAPACITY {
                let nt = new_table(c, cap, (*t).index, (*t).local_depth);
                (*t).for_each_full(c, |g, i| {
                    let h = c.hash(self, c.key_at(g, i));
                    (*nt).unchecked_put(c, h, g, i);
                });
                self.replace_table(nt);
                (*t).index = -1;
                return;
            }
            let depth = (*t).local_depth + 1;
            let left = new_table(c, MAX_TABLE_CAPACITY, -1, depth);
            let right = new_table(c, MAX_TABLE_CAPACITY, -1, depth);
            let bit = 1u64 << (63 - (*t).local_depth);
            (*t).for_each_full(c, |g, i| {
                let h = c.hash(self, c.key_at(g, i));
                let dst = if h & bit == 0 { left } else { right };
                (*dst).unchecked_put(c, h, g, i);
            });
            self.install_split(t, left, right);
        }
    }

    /// Converts the single small group into a table of 16 slots.
    fn grow_to_table(&mut self, c: &Ctx) {
        let t = new_table(c, 2 * SLOTS, 0, 0);
        let g = self.dir_ptr;
        for i in 0..SLOTS {
            if ctrl(g) >> (8 * i) & 0x80 == 0 {
                let h = c.hash(self, c.key_at(g, i));
                // SAFETY: t is fresh with room for 8 entries.
                unsafe { (*t).unchecked_put(c, h, g, i) };
            }
        }
        let dir = mallocgc(8, &PTR_TYPE.0, true) as *mut *mut Table;
        // SAFETY: one-entry directory.
        unsafe { *dir = t };
        self.dir_ptr = dir as *mut u8;
        self.dir_len = 1;
        self.global_depth = 0;
        self.global_shift = 64;
    }

    /// Looks the key up; returns its (group, slot).
    fn find(&self, c: &Ctx, key: *const u8) -> Option<(*mut u8, usize)> {
        if self.used == 0 {
            return None;
        }
        let hash = c.hash(self, key);
        if self.dir_len == 0 {
            let g = self.dir_ptr;
            let mut m = !ctrl(g) & BITSET_MSB & match_h2(ctrl(g), (hash & 0x7f) as u8);
            while m != 0 {
                let i = first(m);
                if c.eq(key, c.key_at(g, i)) {
                    return Some((g, i));
                }
                m = remove_first(m);
            }
            return None;
        }
        // SAFETY: the directory entry is a live table.
        unsafe { (*self.table_for(hash)).lookup(c, hash, key) }
    }

    fn assign(&mut self, c: &Ctx, key: *const u8) -> *mut u8 {
        let hash = c.hash(self, key);
        let h2 = (hash & 0x7f) as u8;
        if self.dir_len == 0 {
            if self.dir_ptr.is_null() {
                self.dir_ptr = c.alloc_groups(1);
            }
            let g = self.dir_ptr;
            let mut m = match_h2(ctrl(g), h2);
            while m != 0 {
                let i = first(m);
                if c.eq(key, c.key_at(g, i)) {
                    return self.update_existing(c, g, i, key);
                }
                m = remove_first(m);
            }
            let free = match_empty_or_deleted(ctrl(g));
            if free != 0 {
                let i = first(free);
                let e = c.fill_slot(g, i, key);
                set_ctrl(g, i, h2);
                self.used += 1;
                return e;
            }
            self.grow_to_table(c);
        }
        loop {
            let t = self.table_for(hash);
            // SAFETY: t is a live table of this map.
            let tab = unsafe { &mut *t };
            let mut off = (hash >> 7) & tab.length_mask;
            let mut idx = 0;
            let mut deleted: Option<(*mut u8, usize)> = None;
            loop {
                let g = tab.group(c, off);
                let cw = ctrl(g);
                let mut m = match_h2(cw, h2);
                while m != 0 {
                    let i = first(m);
                    if c.eq(key, c.key_at(g, i)) {
                        return self.update_existing(c, g, i, key);
                    }
                    m = remove_first(m);
                }
                if deleted.is_none() {
                    let d = match_empty_or_deleted(cw) & !match_empty(cw);
                    if d != 0 {
                        deleted = Some((g, first(d)));
                    }
                }
                let empty = match_empty(cw);
                if empty != 0 {
                    // Not present. Reusing a tombstone costs no growth budget.
                    let (g, i) = match deleted {
                        Some(slot) => {
                            tab.growth_left += 1;
                            slot
                        }
                        None => (g, first(empty)),
                    };
                    if tab.growth_left > 0 {
                        let e = c.fill_slot(g, i, key);
                        set_ctrl(g, i, h2);
                        tab.growth_left -= 1;
                        tab.used += 1;
                        self.used += 1;
                        return e;
                    }
                    self.rehash(c, t);
                    break; // retry in the new table(s)
                }
                idx += 1;
                off = (off + idx) & tab.length_mask;
            }
        }
    }

    fn update_existing(&mut self, c: &Ctx, g: *mut u8, i: usize, key: *const u8) -> *mut u8 {
        if c.t.flags & types::MAP_NEED_KEY_UPDATE != 0 {
            // e.g. +0 replaced by -0, or a string key with a different backing array.
            // SAFETY: key cell/slot holds a key value.
            unsafe { memmove(c.key_at(g, i), key, c.key.size) };
        }
        c.elem_at(g, i)
    }

    fn delete(&mut self, c: &Ctx, key: *const u8) {
        let hash = c.hash(self, key);
        if self.dir_len == 0 {
            if let Some((g, i)) = self.find(c, key) {
                c.clear_slot(g, i);
                set_ctrl(g, i, CTRL_EMPTY);
                self.used -= 1;
            }
            return;
        }
        let t = self.table_for(hash);
        // SAFETY: live table.
        let tab = unsafe { &mut *t };
        if let Some((g, i)) = tab.lookup(c, hash, key) {
            c.clear_slot(g, i);
            if match_empty(ctrl(g)) != 0 {
                set_ctrl(g, i, CTRL_EMPTY);
                tab.growth_left += 1;
            } else {
                set_ctrl(g, i, CTRL_DELETED);
                self.tombstone_possible = true;
            }
            tab.used -= 1;
            self.used -= 1;
        }
    }

    fn clear(&mut self, c: &Ctx) {
        if self.dir_len == 0 {
            if !self.dir_ptr.is_null() {
                // SAFETY: one group.
                unsafe { memset(self.dir_ptr, 0, c.t.group_size) };
                // SAFETY: the control word is the first 8 bytes.
                unsafe { *(self.dir_ptr as *mut u64) = CTRL_ALL_EMPTY };
            }
        } else {
            let mut i = 0;
            while i < self.dir_len as usize {
                let t = self.directory_at(i);
                // SAFETY: live table.
                unsafe {
                    let n = (*t).length_mask as usize + 1;
                    memset((*t).groups, 0, n * c.t.group_size);
                    for k in 0..n {
                        *((*t).groups.add(k * c.t.group_size) as *mut u64) = CTRL_ALL_EMPTY;
                    }
                    (*t).used = 0;
                    reset_growth_left(&mut *t);
                    i += 1 << (self.global_depth - (*t).local_depth);
                }
            }
        }
        self.used = 0;
        self.tombstone_possible = false;
        self.clear_seq += 1;
    }
}

// ---- exported entry points --------------------------------------------------------------------

/// # Safety
/// `t` is a MapType descriptor.
#[unsafe(export_name = "runtime.makemap")]
pub unsafe extern "C" fn makemap(t: *const MapType, hint: i64) -> *mut Map {
    let c = Ctx::new(t);
    let m = mallocgc(48, &MAP_TYPE.0, true) as *mut Map;
    // SAFETY: fresh Map object.
    let mr = unsafe { &mut *m };
    mr.seed = rand64();
    let hint = if hint < 0 { 0 } else { hint as u64 };
    if hint <= SLOTS as u64 {
        return m; // small; the group is allocated on first insert
    }
    let target = match hint.checked_mul(SLOTS as u64) {
        Some(v) => v / MAX_AVG_GROUP_LOAD as u64,
        None => return m,
    };
    let dir_size = target
        .div_ceil(MAX_TABLE_CAPACITY as u64)
        .next_power_of_two();
    if dir_size > (1 << 30) {
        return m; // absurd hint: let the map grow on demand instead
    }
    let depth = dir_size.trailing_zeros() as u8;
    let per_table = (target / dir_size) as usize;
    let dir = mallocgc(dir_size as usize * 8, &PTR_TYPE.0, true) as *mut *mut Table;
    for i in 0..dir_size as usize {
        // SAFETY: dir has dir_size entries.
        unsafe { *dir.add(i) = new_table(&c, per_table, i as isize, depth) };
    }
    mr.dir_ptr = dir as *mut u8;
    mr.dir_len = dir_size as isize;
    mr.global_depth = depth;
    mr.global_shift = 64 - depth;
    m
}

/// Result of mapaccess2 in rax:rdx.
#[repr(C)]
pub struct ElemOk {
    pub elem: *mut u8,
    pub ok: u64,
}

/// For maps with interface keys an absent map still hashes the key so that an unhashable
/// dynamic type panics, as gc's mapKeyError does.
fn check_key(c: &Ctx, key: *const u8) {
    if c.t.flags & 2 != 0 {
        // SAFETY: key points to a key value.
        unsafe { typehash(c.key, key, 0) };
    }
}

/// # Safety
/// Descriptor, map (or null) and key pointer from generated code.
#[unsafe(export_name = "runtime.mapaccess2")]
pub unsafe extern "C" fn mapaccess2(t: *const MapType, m: *mut Map, key: *const u8) -> ElemOk {
    let c = Ctx::new(t);
    // SAFETY: m is null or a live map.
    match unsafe { m.as_ref() } {
        Some(m) if m.used > 0 => match m.find(&c, key) {
            Some((g, i)) => ElemOk {
                elem: c.elem_at(g, i),
                ok: 1,
            },
            None => ElemOk {
                elem: null_mut(),
                ok: 0,
            },
        },
        _ => {
            check_key(&c, key);
            ElemOk {
                elem: null_mut(),
                ok: 0,
            }
        }
    }
}

/// # Safety
/// As mapaccess2.
#[unsafe(export_name = "runtime.mapassign")]
pub unsafe extern "C" fn mapassign(t: *const MapType, m: *mut Map, key: *const u8) -> *mut u8 {
    if m.is_null() {
        panic::plain_panic(b"assignment to entry in nil map");
    }
    let c = Ctx::new(t);
    // SAFETY: live map.
    unsafe { (*m).assign(&c, key) }
}

/// # Safety
/// As mapaccess2.
#[unsafe(export_name = "runtime.mapdelete")]
pub unsafe extern "C" fn mapdelete(t: *const MapType, m: *mut Map, key: *const u8) {
    let c = Ctx::new(t);
    // SAFETY: m null or live.
    match unsafe { m.as_mut() } {
        Some(m) if m.used > 0 => m.delete(&c, key),
        _ => check_key(&c, key),
    }
}

/// # Safety
/// As mapaccess2.
#[unsafe(export_name = "runtime.mapclear")]
pub unsafe extern "C" fn mapclear(t: *const MapType, m: *mut Map) {
    let c = Ctx::new(t);
    // SAFETY: m null or live.
    if let Some(m) = unsafe { m.as_mut() }
        && m.used > 0
    {
        m.clear(&c);
    }
}

/// The iterator: 16 words owned by generated code (docs/abi.md). Words 0 and 1 are read by
/// the compiler; the rest is private.
#[repr(C)]
pub struct Iter {
    pub key: *mut u8,
    pub elem: *mut u8,
    typ: *const MapType,
    m: *mut Map,
    entry_offset: u64,
    dir_offset: u64,
    clear_seq: u64,
    global_depth: u64,
    dir_idx: i64,
    tab: *mut Table,
    group_small: *mut u8,
    entry_idx: u64,
    _reserved: [u64; 4],
}

/// # Safety
/// `it` points to a 128-byte iterator buffer.
#[unsafe(export_name = "runtime.mapiterinit")]
pub unsafe extern "C" fn mapiterinit(t: *const MapType, m: *mut Map, it: *mut Iter) {
    // SAFETY: it is writable; m null or live.
    unsafe {
        memset(it as *mut u8, 0, core::mem::size_of::<Iter>());
        let it = &mut *it;
        if m.is_null() || (*m).used == 0 {
            return;
        }
        it.typ = t;
        it.m = m;
        it.entry_offset = rand64();
        it.dir_offset = rand64();
        it.clear_seq = (*m).clear_seq;
        it.global_depth = (*m).global_depth as u64;
        if (*m).dir_len == 0 {
            it.group_small = (*m).dir_ptr;
        }
        mapiternext(it);
    }
}

/// # Safety
/// `it` was initialised by mapiterinit.
#[unsafe(export_name = "runtime.mapiternext")]
pub unsafe extern "C" fn mapiternext(it: *mut Iter) {
    // SAFETY: forwarded contract.
    let it = unsafe { &mut *it };
    let done = |it: &mut Iter| {
        it.key = null_mut();
        it.elem = null_mut();
        it.dir_idx = -1;
    };
    if it.m.is_null() || it.dir_idx < 0 {
        return done(it);
    }
    let c = Ctx::new(it.typ);
    // SAFETY: the map stays alive while the iterator references it.
    let m = unsafe { &mut *it.m };

    // Looks up a key of an outdated group/table in the current map. Keys that are not equal
    // to themselves (NaN) cannot be found again, so their old elem is used.
    let regrown =
        |it: &Iter, m: &Map, key: *mut u8, g: *mut u8, i: usize| -> Option<(*mut u8, *mut u8)> {
            match m.find(&c, key) {
                Some((ng, ni)) => Some((c.key_at(ng, ni), c.elem_at(ng, ni))),
                None if it.clear_seq == m.clear_seq && !c.eq(key, key) => {
                    Some((key, c.elem_at(g, i)))
                }
                None => None,
            }
        };

    if !it.group_small.is_null() {
        let g = it.group_small;
        while it.entry_idx < SLOTS as u64 {
            let k = ((it.entry_idx + it.entry_offset) % SLOTS as u64) as usize;
            it.entry_idx += 1;
            if ctrl(g) >> (8 * k) & 0x80 != 0 {
                continue;
            }
            let key = c.key_at(g, k);
            let (key, elem) = if m.dir_len > 0 {
                match regrown(it, m, key, g, k) {
                    Some(ke) => ke,
                    None => continue,
                }
            } else {
                (key, c.elem_at(g, k))
            };
            it.key = key;
            it.elem = elem;
            return;
        }
        return done(it);
    }

    if it.global_depth != m.global_depth as u64 {
        // The directory doubled since the last step: rescale our position.
        let orders = m.global_depth as u64 - it.global_depth;
        it.dir_idx <<= orders;
        it.dir_offset <<= orders;
        it.global_depth = m.global_depth as u64;
    }
    while it.dir_idx < m.dir_len as i64 {
        if it.tab.is_null() {
            let mut di =
                ((it.dir_idx as u64).wrapping_add(it.dir_offset) & (m.dir_len as u64 - 1)) as isize;
            let nt = m.directory_at(di as usize);
            // SAFETY: live table.
            let first_index = unsafe { (*nt).index };
            if first_index != di {
                // The random start may land inside a run of entries of one table.
                it.dir_offset = it.dir_offset.wrapping_sub((di - first_index) as u64);
                di = first_index;
            }
            let _ = di;
            it.tab = nt;
        }
        // SAFETY: it.tab is a table of this map (possibly replaced since; still readable).
        let tab = unsafe { &*it.tab };
        let mask = tab.capacity as u64 - 1;
        while it.entry_idx <= mask {
            let e = (it.entry_idx + it.entry_offset) & mask;
            it.entry_idx += 1;
            let g = tab.group(&c, e / SLOTS as u64);
            let k = (e % SLOTS as u64) as usize;
            if ctrl(g) >> (8 * k) & 0x80 != 0 {
                continue;
            }
            let key = c.key_at(g, k);
            let (key, elem) = if tab.index == -1 {
                match regrown(it, m, key, g, k) {
                    Some(ke) => ke,
                    None => continue,
                }
            } else {
                (key, c.elem_at(g, k))
            };
            it.key = key;
            it.elem = elem;
            return;
        }
        // Next table: skip the other directory entries that point at the same table.
        let entries = 1i64 << (m.global_depth - tab.local_depth.min(m.global_depth));
        it.dir_idx += entries;
        it.tab = null_mut();
        it.entry_idx = 0;
    }
    done(it)
}

// ---- maps.Clone -------------------------------------------------------------------------------

impl Ctx<'_> {
    /// Copies group `old` into the fresh group `new` (gc's cloneGroup): the bytes as they are,
    /// then a new cell for every indirect key and elem so the clone shares none.
    fn clone_group(&self, new: *mut u8, old: *const u8) {
        // SAFETY: both are groups of this map type; indirect slots hold nil or a cell pointer.
        unsafe {
            memmove(new, old, self.t.group_size);
            for i in 0..SLOTS {
                if self.t.flags & types::MAP_INDIRECT_KEY != 0 {
                    let ks = self.key_slot(new, i) as *mut *mut u8;
                    if !(*ks).is_null() {
                        let cell = mallocgc(self.key.size, self.key, true);
                        memmove(cell, *ks, self.key.size);
                        *ks = cell;
                    }
                }
                if self.t.flags & types::MAP_INDIRECT_ELEM != 0 {
                    let es = self.elem_slot(new, i) as *mut *mut u8;
                    if !(*es).is_null() {
                        let cell = mallocgc(self.elem.size, self.elem, true);
                        memmove(cell, *es, self.elem.size);
                        *es = cell;
                    }
                }
            }
        }
    }

    /// gc's table.clone: a copy of the table header with its own groups.
    fn clone_table(&self, t: *const Table) -> *mut Table {
        let t2 = mallocgc(32, &TABLE_TYPE.0, true) as *mut Table;
        // SAFETY: t is a live table; t2 is fresh.
        unsafe {
            memmove(t2 as *mut u8, t as *const u8, 32);
            let n = ((*t).length_mask + 1) as usize;
            let groups = mallocgc(n * self.t.group_size, self.t.group, true);
            for k in 0..n {
                let off = k * self.t.group_size;
                self.clone_group(groups.add(off), (*t).groups.add(off));
            }
            (*t2).groups = groups;
        }
        t2
    }
}

/// `maps.clone` (gc's runtime.mapclone, pushed to package maps by linkname): `m` is a non-nil
/// map of type `typ` held in an `any`; returns an `any` of the same type holding a copy that
/// shares no storage with `m` (gc's Map.Clone: same seed, same directory shape).
///
/// # Safety
/// `typ` is a map type descriptor and `m` a live map of that type.
#[unsafe(export_name = "maps.clone")]
pub unsafe extern "C" fn clone(typ: *const MapType, m: *const Map) -> crate::defers::Eface {
    let c = Ctx::new(typ);
    // SAFETY: m is live; m2 is a fresh Map object.
    unsafe {
        if (*m).writing != 0 {
            panic::fatal(b"concurrent map clone and map write");
        }
        let m2 = mallocgc(48, &MAP_TYPE.0, true) as *mut Map;
        memmove(m2 as *mut u8, m as *const u8, 48);
        let mr = &mut *m2;
        if mr.dir_ptr.is_null() {
            // Group allocated on first insert: nothing to copy.
        } else if mr.dir_len == 0 {
            let g = c.alloc_groups(1);
            c.clone_group(g, mr.dir_ptr);
            mr.dir_ptr = g;
        } else {
            let n = mr.dir_len as usize;
            let old = mr.dir_ptr as *const *mut Table;
            let dir = mallocgc(n * 8, &PTR_TYPE.0, true) as *mut *mut Table;
            for i in 0..n {
                let t = *old.add(i);
                *dir.add(i) = if i > 0 && t == *old.add(i - 1) {
                    *dir.add(i - 1)
                } else {
                    c.clone_table(t)
                };
            }
            mr.dir_ptr = dir as *mut u8;
        }
        crate::defers::Eface {
            typ: typ as usize,
            data: m2 as usize,
        }
    }
}
