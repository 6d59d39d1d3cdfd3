//! rgo's runtime: the Rust `no_std` code linked into every rgo executable (see README.md).
//!
//! Built twice: as an rlib by cargo (so the workspace lints it) and as the real static archive
//! `librgort.a` by the root build script (panic=abort, LTO). Every entry point generated code
//! uses is exported under gc's symbol name (`runtime.xxx`) with the SysV convention.

#![no_std]
// The runtime works on raw pointers handed over by generated code everywhere; spelling out a
// safety comment for every dereference inside already-unsafe functions adds noise, not safety.
#![allow(unsafe_op_in_unsafe_fn)]
#![allow(clippy::missing_safety_doc)]

pub mod alg;
pub mod asm;
pub mod chan;
pub mod complex;
pub mod defers;
pub mod iface;
pub mod lock_futex;
pub mod malloc;
pub mod maps;
pub mod mbitmap;
pub mod mem;
pub mod mfinal;
pub mod mgc;
pub mod mgcmark;
pub mod mgcpacer;
pub mod mgcscavenge;
pub mod mgcstack;
pub mod mgcsweep;
pub mod mheap;
pub mod mprof;
pub mod netpoll;
pub mod os_linux;
pub mod panic;
pub mod plugin;
pub mod preempt;
pub mod print;
pub mod proc;
pub mod rand;
pub mod reflect;
pub mod rterror;
pub mod sched;
pub mod select;
pub mod signal;
pub mod sigqueue;
pub mod stack;
pub mod start;
pub mod strings;
pub mod symtab;
pub mod sys;
pub mod time;
pub mod types;

/// A Rust panic inside the runtime is a runtime bug: report it like gc's `throw` (no core::fmt,
/// to keep the formatting machinery out of the archive). Not in `cargo clippy --all-targets`'s
/// test build, which links std and its handler.
#[cfg(not(test))]
#[panic_handler]
fn on_panic(_info: &core::panic::PanicInfo) -> ! {
    panic::internal_bug()
}
