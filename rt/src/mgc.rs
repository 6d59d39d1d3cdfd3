//! The garbage collector (gc's mgc.go; marking in mgcmark.rs, sweeping in mgcsweep.rs, pacing
//! in mgcpacer.rs, returning memory in mgcscavenge.rs, pages in mheap.rs, object bits in
//! mbitmap.rs, finalizers in mfinal.rs).
//!
//! # Overview
//!
//! rgo's collector is a tracing, non-moving, stop-the-world mark-sweep collector. Goroutines
//! run on one thread and switch only at calls into the runtime, so when an allocation decides
//! to collect, every other goroutine is parked in the scheduler with its registers saved on its
//! own stack: the world is stopped by construction. The collection runs to completion on the
//! allocating goroutine's stack, then the allocation proceeds.
//!
//! ## Roots
//!
//! * Globals, conservatively (every aligned word that points into an allocated object keeps
//!   it): `.data` and `.bss`, where the compiler puts every Go global that holds pointers, and
//!   the Rust runtime's own statics, which hold heap pointers too and which the linker places
//!   after all Go data in `.noptrdata` and `.noptrbss` (from `runtime.rtnoptrdata` and
//!   `runtime.rtnoptrbss` to the sections' ends). The Go part of the noptr sections is
//!   pointer-free and skipped, as gc skips it: a program importing crypto has a 32 MB
//!   pointer-free `.noptrbss` array (crypto/internal/fips140/drbg.memory) whose scan cost 40 ms
//!   per collection. gc scans `.data`/`.bss` precisely through the `runtime.gcdata`/`gcbss`
//!   masks; rgo's linker emits those masks in gc's format but without per-symbol pointer
//!   information yet (`linker::DataMask`). Conservative scanning is correct for a non-moving
//!   collector; it can only retain a little extra. None of Go's test/ files that fail on
//!   finalizer timing depends on it (a global they clear holds nil, which no scan follows).
//!   Making it precise takes a pointer mask per data object from the midend (`ir::DataObject`
//!   has none today: the layouts' `ptr_words` of each global and static composite literal), a
//!   side table the backend emits next to each object, the linker turning those into the
//!   `gcdata`/`gcbss` programs (objects without a mask, such as assembly `DATA`, stay all
//!   pointers), and the scan reading the decoded bit vector instead of every word.
//! * Goroutine stacks, from each parked goroutine's saved stack pointer (its callee-saved
//!   registers were pushed there by the context switch) to the stack's top: Go frames
//!   precisely, the rest conservatively (see "Stacks" below). Caller-saved registers hold
//!   nothing live across the call into the runtime (SysV convention).
//! * Runtime-internal memory: everything the Rust runtime allocated with `persistent_alloc`
//!   (goroutine records with their entry closures, sudogs holding element pointers, defer and
//!   panic records with their closures and values, reflect's offset table), conservatively, and
//!   the signal stack while the collector runs on it (once a handler returned, the fault
//!   context it left there is dead). Span records, bitmaps and type arrays live in separate metadata memory
//!   that is not scanned.
//!
//! ## Marking
//!
//! A word that points into the arena is looked up through the page → span table; an interior
//! pointer resolves to the base of its object (so slices and strings into larger objects,
//! pointers to fields and to array elements, all keep the whole object alive). An allocated,
//! unmarked object gets its mark bit and, if its span is a scan span, is pushed on the work list.
//! Draining the list scans each object precisely: the `*abi.Type` recorded at allocation gives
//! the pointer mask (GCData), repeated over the object when it is an array of that type (slices'
//! backing arrays, map groups): objects up to 512 bytes carry it as one bit per word of their
//! span, written at allocation (gc's heap bits: 1/64 of the span, where a type pointer per
//! object cost half of every 16-byte object and put binary-trees at 1.55× gc's peak RSS), bigger
//! ones keep their `*abi.Type` on the side (gc's malloc header); types whose mask gc builds on
//! demand (more than 128 pointer words) are scanned conservatively within their PtrBytes. Closures, interfaces (the data word
//! is a pointer in every interface's mask), channels (their buffer) and swiss-table maps (the
//! map header, directory, tables and groups are all allocated with descriptors) are ordinary
//! objects to the mark. Zero-size allocations all return `runtime.zerobase`, outside the heap.
//!
//! ## Stacks: precise for Go frames
//!
//! A conservative stack scan keeps alive whatever a stack word happens to point to: a pointer
//! left in a dead spill slot, in an argument slot, or in a callee-saved register that a later
//! callee pushed. Programs observe this only through finalizers, cleanups, weak pointers and
//! memory statistics, and Go's test/ directory checks exactly that (stackobj*.go, fixedbugs
//! issue15277, 27518b, 32477, 45045, 46725, 54343, 57823, 24491b, typeparam/chans.go: an
//! object dropped in a live frame must be freed or finalized at the next runtime.GC). So the
//! frames of rgo-compiled Go code are scanned precisely:
//!
//! 1. *Backend* (backend/src/stackmaps.rs has the details). Every IR var that may hold a
//!    pointer is declared with Cranelift's `declare_var_needs_stack_map`: across each call the
//!    frontend keeps it in a stack slot that Cranelift lists in the call's user stack map, and
//!    in no register. IR stack slots whose address is taken again after a call are roots at
//!    that call; the others are gc's stack objects, scanned only when a pointer into them is
//!    found. Each call site gets a record in `.rgo.stackmaps` keyed by its return PC.
//! 2. *Runtime* (mgcstack.rs). The scan follows the rbp chain; a frame whose return PC has a
//!    record, and whose saved frame pointer agrees with the record's frame size, is scanned
//!    through it; every other stretch of the stack (runtime frames, assembly, a frame a signal
//!    interrupted, the context switch's saved registers) conservatively. Pointers into a stack
//!    found anywhere, heap objects included, are traced to the stack objects they point into.
//! 3. *The collector runs on g0's stack* (mgcmark.rs `on_g0`), with the goroutine's
//!    callee-saved registers saved and cleared and the part of g0's stack it uses zeroed:
//!    otherwise its own frames, scanned conservatively, hold stale copies of pointers that
//!    earlier calls left in their uninitialised slots and in the registers.
//!
//! The cost is one store and one load per live pointer per call in Go code, one store per
//! address-taken slot at function entry, and the records (about 36 bytes per call site: 1.5 MB
//! next to 2 MB of text for a program using fmt).
//! `RGO_STACKSCAN=conservative` scans every stack conservatively instead.
//!
//! What stays imprecise: callee-saved registers that a Go frame left holding a dead value,
//! when a runtime frame further down saved them (only the registers saved by Go frames are
//! attributed to their owner); a slot kept reachable by an address the code keeps live across
//! a loop (fixedbugs/issue15281.go: the receive buffer of a `for range ch` loop, whose address
//! the midend computes once before the loop, keeps the previous element alive); the
//! a frame parked at a loop's preemption check (that call has no stack map: declaring the
//! loop's pointers live across it cost loops several times their speed, backend
//! translate.rs), which is scanned conservatively like gc's asynchronously preempted frames;
//! the conservative globals.
//!
//! ## Heap profile and tiny objects
//!
//! The allocator samples allocations for the heap profile (mprof.rs: gc's MemProfileRate
//! countdown, buckets per allocation stack, frees recorded by the sweep after the finalizers'
//! resurrection) and packs pointer-free objects under 16 bytes into shared 16-byte blocks
//! (malloc.rs, gc's tiny allocator). A block lives while any object in it is reachable; the
//! sweep drops the block being filled. Finalizers are indexed by address (mfinal.rs), and all
//! finalizers of an unreachable block are queued in the same cycle (tinyfin.go).
//!
//! ## Sweeping
//!
//! Sweeping runs right after marking, still stopped: each span's mark bits become its
//! allocation bits; free slots are found by the allocator from the bits (gc's nextFreeIndex)
//! and zeroed on reuse; empty spans go back to the page heap, where free runs coalesce. After
//! each cycle the scavenger (mgcscavenge.rs) returns free pages to the kernel
//! (`madvise(MADV_DONTNEED)`) until the heap's retained memory is at most 110% of the next
//! goal, so memory goes back as soon as the heap shrinks (a dropped 512 MB heap: RSS back to a
//! few MB after two collections, where gc's background scavenger still holds 515 MB).
//!
//! ## Pacing
//!
//! mgcpacer.rs, as gc: the heap goal is `marked × (1 + GOGC/100)`, at least 4 MB × GOGC/100, and when a
//! memory limit is set (GOMEMLIMIT, debug.SetMemoryLimit) also at most the limit minus the
//! runtime's other memory. A collection starts when an allocation would take the heap past the
//! goal. `GOGC=off` (or debug.SetGCPercent(-1)) disables collection unless a memory limit is
//! reached. `GODEBUG=gctrace=1` prints gc's line per cycle on stderr.
//!
//! ## Pauses
//!
//! The whole collection is one pause: mark time is proportional to the number of live pointerful
//! objects, large pointer-free objects cost almost nothing. Measured with a program that keeps
//! a linked list of 64-byte nodes live and calls runtime.GC under `GODEBUG=gctrace=1`, on the
//! 2-core machine under a load average of 15 (wall times, so inflated by the load): 100 MB live
//! (1.6M objects) pauses 120-130 ms; 1 GB (16M objects) 1.4-1.5 s. gc's concurrent mark of the
//! same heaps takes 175-200 ms and 1.4 s of wall time (a list cannot be marked in parallel),
//! during which its stop-the-world pauses are 0.1-3 ms. binary-trees (depth 21) pauses 125-150
//! ms per cycle for its 64 MB of 16-byte nodes.
//!
//! A concurrent or incremental mark would bound the pause by the stack and globals scan. It
//! needs a write barrier in generated code (gc's hybrid Yuasa/Dijkstra barrier: while marking
//! is on, every pointer store into the heap or globals shades the old and the new value; the
//! compiler emits a test of a global flag before each such store and a call when it is set,
//! and the Rust runtime's own pointer stores — typedmemmove, maps, channels, append — do the
//! same), allocate-black during the mark, a work list that survives between increments, lazy
//! sweeping (gc's per-span sweepgen, so that a span is swept on its first use after the cycle),
//! and a mark-termination pause that rescans the stacks. With one
//! thread the marking would be done incrementally by allocation (gc's mark assists: scan work
//! in proportion to the bytes allocated) and by idle time in the scheduler; with threads, by a
//! background worker. The barrier costs a load and a branch per pointer store while off.
//!
//! ## Stress mode
//!
//! `RGO_GCSTRESS=N` collects before every Nth allocation (N=1: every allocation), so a missed
//! root shows up quickly as a wrong result. The e2e harness honours `RGO_E2E_GCSTRESS=N`, and
//! tests/tests/gcstress.rs runs about 120 programs under it in every `cargo test`. At N=1 the
//! whole e2e suite took 10.4 minutes against 5.4 without it on a loaded machine (most of both
//! is building the 250 programs). Every program gives gc's output at N=1 except
//! 623_os_args_env_exit, which prints its environment (now holding RGO_GCSTRESS), and two
//! that pass but need longer than the harness's 100 s: every collection marks the whole live
//! heap, so 674_sort_large_stable (262K allocations) takes 142 s, and 679_gc_reclaim (32K
//! objects live while it allocates 900K more) needs N=90 to finish in 16 s.
//!
//! ## Switch
//!
//! Finalizers: mfinal.rs.
//!
//! `RGO_GC=off` disables the collector entirely (gc-less behaviour: memory is never freed).

use crate::malloc::STATS;
use crate::mgcmark;
use crate::mgcpacer;
use crate::mgcscavenge;
use crate::mheap;
use crate::sys;
use crate::time;

pub struct GcState {
    pub enabled: bool,
    pub gcpercent: i32,
    pub memory_limit: i64,
    pub next_gc: u64,
    pub heap_marked: u64,
    pub numgc: u32,
    pub num_forced_gc: u32,
    pub pause_total_ns: u64,
    pub pause_ns: [u64; 256],
    pub pause_end: [u64; 256],
    pub last_gc: u64,
    pub gctrace: bool,
    pub stress: u64,
    pub stress_count: u64,
    pub init_time: i64,
    pub running: bool,
    /// Every pause so far, in runtime/metrics' time-histogram buckets (/gc/pauses).
    pub pause_hist: [u64; TIME_HIST_COUNTS],
}

// gc's time histogram (histogram.go): below 2^9 ns one range split in 4, then every power of
// two from 2^9 to 2^47 ns split in 4 sub-buckets by the next two bits; runtime/metrics adds an
// underflow count before and an overflow count after.
const TIME_HIST_MIN_BUCKET_BITS: u32 = 9;
const TIME_HIST_MAX_BUCKET_BITS: u32 = 48;
const TIME_HIST_SUB_BUCKET_BITS: u32 = 2;
const TIME_HIST_NUM_SUB_BUCKETS: usize = 1 << TIME_HIST_SUB_BUCKET_BITS;
const TIME_HIST_NUM_BUCKETS: usize =
    (TIME_HIST_MAX_BUCKET_BITS - TIME_HIST_MIN_BUCKET_BITS + 1) as usize;
/// Counts of a runtime/metrics time histogram: underflow, the buckets, overflow.
pub const TIME_HIST_COUNTS: usize = TIME_HIST_NUM_BUCKETS * TIME_HIST_NUM_SUB_BUCKETS + 2;

/// The index in a runtime/metrics time histogram's counts of a duration of `d` ns (gc's
/// timeHistogram.record).
pub fn time_hist_index(d: i64) -> usize {
    if d < 0 {
        return 0;
    }
    let d = d as u64;
    let len = 64 - d.leading_zeros();
    let (bit, bucket) = if len < TIME_HIST_MIN_BUCKET_BITS {
        (TIME_HIST_MIN_BUCKET_BITS, 0)
    } else {
        (len, (len - TIME_HIST_MIN_BUCKET_BITS + 1) as usize)
    };
    if bucket >= TIME_HIST_NUM_BUCKETS {
        return TIME_HIST_COUNTS - 1;
    }
    let sub = (d >> (bit - 1 - TIME_HIST_SUB_BUCKET_BITS)) as usize % TIME_HIST_NUM_SUB_BUCKETS;
    1 + bucket * TIME_HIST_NUM_SUB_BUCKETS + sub
}

pub static mut GC: GcState = GcState {
    enabled: true,
    gcpercent: 100,
    memory_limit: i64::MAX,
    next_gc: mgcpacer::HEAP_MINIMUM,
    heap_marked: 0,
    numgc: 0,
    num_forced_gc: 0,
    pause_total_ns: 0,
    pause_ns: [0; 256],
    pause_end: [0; 256],
    last_gc: 0,
    gctrace: false,
    stress: 0,
    stress_count: 0,
    init_time: 0,
    running: false,
    pause_hist: [0; TIME_HIST_COUNTS],
};

pub(crate) fn gc() -> &'static mut GcState {
    // SAFETY: single-threaded runtime; no reference outlives a call.
    unsafe { &mut *core::ptr::addr_of_mut!(GC) }
}

/// The value of environment variable `name`, if set.
pub(crate) fn getenv(name: &[u8]) -> Option<&'static [u8]> {
    // SAFETY: ENVP is the kernel's envp (null-terminated array of NUL-terminated strings).
    unsafe {
        let mut p = crate::start::ENVP;
        if p.is_null() {
            return None;
        }
        while !(*p).is_null() {
            let s = *p;
            let mut i = 0;
            while i < name.len() && *s.add(i) == name[i] {
                i += 1;
            }
            if i == name.len() && *s.add(i) == b'=' {
                let v = s.add(i + 1);
                // Volatile reads: LLVM would turn a plain loop into a call to `strlen`.
                let mut n = 0;
                while v.add(n).read_volatile() != 0 {
                    n += 1;
                }
                return Some(core::slice::from_raw_parts(v, n));
            }
            p = p.add(1);
        }
        None
    }
}

pub(crate) fn parse_u64(s: &[u8]) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut v: u64 = 0;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add((c - b'0') as u64)?;
    }
    Some(v)
}

/// gc's gcinit + readGOGC + readGOMEMLIMIT, and rgo's RGO_GCSTRESS / RGO_GC switches.
pub fn gcinit() {
    let g = gc();
    g.init_time = time::nanotime();
    if let Some(v) = getenv(b"GOGC") {
        if v == b"off" {
            g.gcpercent = -1;
        } else if let Some(n) = parse_u64(v) {
            g.gcpercent = n.min(i32::MAX as u64) as i32;
        }
    }
    if let Some(v) = getenv(b"GOMEMLIMIT")
        && v != b"off"
    {
        match mgcpacer::parse_byte_count(v) {
            Some(n) => g.memory_limit = n,
            None => crate::panic::throw_parts(&[
                b"malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`",
            ]),
        }
    }
    if let Some(v) = getenv(b"GODEBUG") {
        for kv in v.split(|&c| c == b',') {
            if let Some(n) = kv.strip_prefix(b"gctrace=") {
                g.gctrace = parse_u64(n).unwrap_or(0) > 0;
            }
        }
    }
    if let Some(n) = getenv(b"RGO_GCSTRESS").and_then(parse_u64) {
        g.stress = n;
    }
    if getenv(b"RGO_STACKSCAN") == Some(b"conservative") {
        // SAFETY: set once at start-up, before any collection.
        unsafe { crate::mgcstack::PRECISE = false };
    }
    if getenv(b"RGO_GC") == Some(b"off") {
        g.enabled = false;
    }
    mgcpacer::compute_goal();
}

/// A collection requested by runtime.GC or by the allocator running out of memory.
pub fn gc_forced() {
    gc_start(true);
}

/// One whole collection (gc's gcStart → gcMarkDone → gcMarkTermination → sweep), run on the
/// thread's own stack (mgcmark.rs's `on_g0`).
#[inline(never)]
pub fn gc_start(forced: bool) {
    // SAFETY: the world is stopped (see the overview); the collection does not switch
    // goroutines.
    unsafe { mgcmark::on_g0(gc_start_g0, forced as usize) }
}

unsafe extern "C" fn gc_start_g0(forced: usize) {
    gc_start_body(forced != 0);
}

fn gc_start_body(forced: bool) {
    let g = gc();
    if !g.enabled || g.running {
        return;
    }
    g.running = true;
    let t0 = time::nanotime();
    let heap0 = unsafe { STATS.heap_alloc };
    let goal_before = g.next_gc;
    // SAFETY: the world is stopped (see the overview): this goroutine is the only one running.
    unsafe {
        mgcmark::gc_mark();
    }
    let t1 = time::nanotime();
    let heap1 = unsafe { STATS.heap_alloc };
    // SAFETY: as above; the mark is complete.
    unsafe {
        crate::mgcsweep::sweep_all();
        g.heap_marked = mgcmark::HEAP_MARKED;
    }
    mgcpacer::compute_goal();
    let retain = g.next_gc.saturating_add(g.next_gc / 10);
    mgcscavenge::scavenge(usize::try_from(retain).unwrap_or(usize::MAX));
    let t2 = time::nanotime();
    let pause = (t2 - t0).max(0) as u64;
    let wall = time::walltime();
    let now_unix = (wall.sec as u64).wrapping_mul(1_000_000_000) + wall.nsec as u64;
    let i = (g.numgc % 256) as usize;
    g.pause_ns[i] = pause;
    g.pause_end[i] = now_unix;
    g.pause_total_ns += pause;
    g.pause_hist[time_hist_index(pause as i64)] += 1;
    g.last_gc = now_unix;
    g.numgc += 1;
    if forced {
        g.num_forced_gc += 1;
    }
    if g.gctrace {
        print_trace(t0, t1, t2, heap0, heap1, goal_before, forced);
    }
    g.running = false;
    crate::mfinal::wakefing();
}

struct Line {
    buf: [u8; 256],
    n: usize,
}

impl Line {
    fn s(&mut self, b: &[u8]) {
        let k = b.len().min(self.buf.len() - self.n);
        self.buf[self.n..self.n + k].copy_from_slice(&b[..k]);
        self.n += k;
    }
    fn u(&mut self, mut v: u64) {
        let mut d = [0u8; 20];
        let mut i = d.len();
        loop {
            i -= 1;
            d[i] = (v % 10) as u8 + b'0';
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.s(&d[i..]);
    }
    fn ms(&mut self, ns: u64) {
        let mut d = [0u8; 24];
        let r = fmt_ns_as_ms(&mut d, ns);
        self.s(&d[r..]);
    }
}

/// gc's itoaDiv: `val` with a decimal point `dec` digits from the right, written at the end
/// of `buf`; returns the start index.
fn itoa_div(buf: &mut [u8], mut val: u64, dec: usize) -> usize {
    let mut i = buf.len() - 1;
    let idec = i as isize - dec as isize;
    while val >= 10 || i as isize >= idec {
        buf[i] = (val % 10) as u8 + b'0';
        i -= 1;
        if i as isize == idec {
            buf[i] = b'.';
            i -= 1;
        }
        val /= 10;
    }
    buf[i] = val as u8 + b'0';
    i
}

/// gc's fmtNSAsMS.
fn fmt_ns_as_ms(buf: &mut [u8], ns: u64) -> usize {
    if ns >= 10_000_000 {
        return itoa_div(buf, ns / 1_000_000, 0);
    }
    let mut x = ns / 1000;
    if x == 0 {
        let n = buf.len() - 1;
        buf[n] = b'0';
        return n;
    }
    let mut dec = 3;
    while x >= 100 {
        x /= 10;
        dec -= 1;
    }
    itoa_div(buf, x, dec)
}

/// gc's gctrace line:
/// `gc 1 @0.012s 3%: 0.011+0.50+0.002 ms clock, 0.011+0/0.50/0+0.002 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 1 P`.
fn print_trace(t0: i64, t1: i64, t2: i64, heap0: u64, heap1: u64, goal: u64, forced: bool) {
    let g = gc();
    let mut l = Line {
        buf: [0; 256],
        n: 0,
    };
    let since = (t0 - g.init_time).max(0) as u64;
    let total = (t2 - g.init_time).max(1) as u64;
    let util = g.pause_total_ns.saturating_mul(100) / total;
    l.s(b"gc ");
    l.u(g.numgc as u64);
    l.s(b" @");
    let mut d = [0u8; 24];
    let r = itoa_div(&mut d, since / 1_000_000, 3);
    l.s(&d[r..]);
    l.s(b"s ");
    l.u(util);
    l.s(b"%: ");
    // Sweep termination + mark + mark termination: the mark is all of the pause.
    let mark = (t1 - t0).max(0) as u64;
    let term = (t2 - t1).max(0) as u64;
    l.ms(0);
    l.s(b"+");
    l.ms(mark);
    l.s(b"+");
    l.ms(term);
    l.s(b" ms clock, ");
    l.ms(0);
    l.s(b"+0/");
    l.ms(mark);
    l.s(b"/0+");
    l.ms(term);
    l.s(b" ms cpu, ");
    l.u(heap0 >> 20);
    l.s(b"->");
    l.u(heap1 >> 20);
    l.s(b"->");
    l.u(g.heap_marked >> 20);
    l.s(b" MB, ");
    l.u(if goal == u64::MAX { 0 } else { goal >> 20 });
    l.s(b" MB goal, ");
    // SAFETY: counters written by the mark that just finished.
    let (stacks, globals) = unsafe { (mgcmark::STACK_SCAN, mgcmark::GLOBALS_SCAN) };
    l.u(stacks >> 20);
    l.s(b" MB stacks, ");
    l.u(globals >> 20);
    l.s(b" MB globals, 1 P");
    if forced {
        l.s(b" (forced)");
    }
    l.s(b"\n");
    sys::write_all(2, &l.buf[..l.n]);
}

// ---- the runtime API ----------------------------------------------------------------------------

/// runtime.GC: a full collection (gc's runs a whole cycle and sweeps before returning). gc's
/// caller blocks while the mark workers run, so other goroutines (and the finalizer goroutine,
/// woken by this cycle) get to run before it returns: rgo yields once after collecting.
#[unsafe(export_name = "runtime.GC")]
pub extern "C" fn gc_go() {
    gc_start(true);
    crate::sched::gosched();
}

/// runtime/debug.freeOSMemory: a collection, then every free page goes back to the kernel.
#[unsafe(export_name = "runtime/debug.freeOSMemory")]
pub extern "C" fn free_os_memory() {
    gc_start(true);
    mgcscavenge::scavenge(0);
}

/// What runtime/metrics reads beyond MemStats (overlay/runtime/metrics.go's metricsStats,
/// field for field).
#[repr(C)]
pub struct MetricsStats {
    gc_percent: i64,
    memory_limit: i64,
    heap_marked: u64,
    heap_goal: u64,
    numgc: u64,
    num_forced_gc: u64,
    pause_total_ns: u64,
    /// Nanoseconds since the program started.
    uptime_ns: u64,
    goroutines_created: u64,
    goroutines_runnable: u64,
    goroutines_running: u64,
    goroutines_waiting: u64,
    finalizers_queued: u64,
    finalizers_executed: u64,
    cleanups_queued: u64,
    cleanups_executed: u64,
    large_allocs: u64,
    large_alloc_bytes: u64,
    large_frees: u64,
    large_free_bytes: u64,
    small_allocs: [u64; crate::malloc::NUM_SIZE_CLASSES],
    small_frees: [u64; crate::malloc::NUM_SIZE_CLASSES],
    pause_hist: [u64; TIME_HIST_COUNTS],
}

/// `runtime.readMetricsStats(out *metricsStats)`.
///
/// # Safety
/// `out` points to a metricsStats.
#[unsafe(export_name = "runtime.readMetricsStats")]
pub unsafe extern "C" fn read_metrics_stats(out: *mut MetricsStats) {
    let g = gc();
    let st = &*core::ptr::addr_of!(STATS);
    let o = &mut *out;
    o.gc_percent = g.gcpercent as i64;
    o.memory_limit = g.memory_limit;
    o.heap_marked = g.heap_marked;
    o.heap_goal = if g.next_gc == u64::MAX { 0 } else { g.next_gc };
    o.numgc = g.numgc as u64;
    o.num_forced_gc = g.num_forced_gc as u64;
    o.pause_total_ns = g.pause_total_ns;
    o.uptime_ns = (time::nanotime() - g.init_time).max(0) as u64;
    o.goroutines_created = crate::sched::goroutines_created();
    (
        o.goroutines_runnable,
        o.goroutines_running,
        o.goroutines_waiting,
    ) = crate::sched::goroutine_states();
    o.finalizers_queued = crate::mfinal::FINALIZERS_QUEUED;
    o.finalizers_executed = crate::mfinal::FINALIZERS_EXECUTED;
    o.cleanups_queued = crate::mfinal::CLEANUPS_QUEUED;
    o.cleanups_executed = crate::mfinal::CLEANUPS_EXECUTED;
    o.large_allocs = st.large_allocs;
    o.large_alloc_bytes = st.large_alloc_bytes;
    o.large_frees = st.large_frees;
    o.large_free_bytes = st.large_free_bytes;
    o.small_allocs = st.small_allocs;
    o.small_frees = st.small_frees;
    o.pause_hist = g.pause_hist;
}

/// `runtime.readmemstats(m *MemStats)`: fills gc's MemStats (offsets of overlay/runtime's
/// MemStats, which has gc's layout).
///
/// # Safety
/// `m` points to a MemStats.
#[unsafe(export_name = "runtime.readmemstats")]
pub unsafe extern "C" fn read_mem_stats(m: *mut u64) {
    let g = gc();
    let st = &*core::ptr::addr_of!(STATS);
    let (inuse, free, released, sys_heap) = mheap::page_stats();
    // Goroutine stacks are reservations committed on touch; rgo does not count them.
    let stacks = 0;
    let meta = mheap::meta_bytes() as u64;
    let persist = mheap::persistent_bytes() as u64;
    let heap_sys = sys_heap as u64;
    let w = |i: usize, v: u64| *m.add(i) = v;
    w(0, st.heap_alloc); // Alloc
    w(1, st.total_alloc); // TotalAlloc
    w(2, heap_sys + stacks + meta + persist); // Sys
    w(3, 0); // Lookups
    // gc counts an object placed in a tiny block as allocated and freed at once; the block
    // itself is one of nmalloc and, once swept, of nfree.
    w(4, st.nmalloc + st.tiny_allocs); // Mallocs
    w(5, st.nfree + st.tiny_allocs); // Frees
    w(6, st.heap_alloc); // HeapAlloc
    w(7, heap_sys); // HeapSys
    w(8, free as u64 + (heap_sys - inuse as u64 - free as u64)); // HeapIdle
    w(9, inuse as u64); // HeapInuse
    w(10, released as u64); // HeapReleased
    w(11, st.nmalloc - st.nfree); // HeapObjects
    w(12, stacks); // StackInuse
    w(13, stacks); // StackSys
    w(14, meta); // MSpanInuse
    w(15, meta); // MSpanSys
    w(16, 0); // MCacheInuse
    w(17, 0); // MCacheSys
    w(18, 0); // BuckHashSys
    w(19, 0); // GCSys
    w(20, persist); // OtherSys
    w(21, if g.next_gc == u64::MAX { 0 } else { g.next_gc }); // NextGC
    w(22, g.last_gc); // LastGC
    w(23, g.pause_total_ns); // PauseTotalNs
    for i in 0..256 {
        w(24 + i, g.pause_ns[i]);
        w(24 + 256 + i, g.pause_end[i]);
    }
    let tail = m.add(24 + 512) as *mut u32;
    *tail = g.numgc;
    *tail.add(1) = g.num_forced_gc;
    let frac = m.add(24 + 512 + 1) as *mut f64;
    let elapsed = (time::nanotime() - g.init_time).max(1) as f64;
    *frac = g.pause_total_ns as f64 / elapsed;
    let flags = m.add(24 + 512 + 2) as *mut u8;
    *flags = 1; // EnableGC (always true, as in gc)
    *flags.add(1) = 0; // DebugGC
}
