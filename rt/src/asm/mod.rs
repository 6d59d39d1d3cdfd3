//! Bodies of standard-library functions that GOROOT writes in amd64 assembly (`.s` files) and
//! that neither the compiler nor rgo's assembler (the `asm` crate: math, internal/bytealg,
//! math/big, the crypto packages, ...; src/asmpkg.rs) provides (docs/asm.md has the
//! complete table).
//!
//! Each function is exported under the Go function's own symbol (`syscall.rawSyscallNoError`, ...) and
//! called by generated code with the C convention, flattened as docs/abi.md describes for
//! body-less functions; results that do not fit in rax:rdx go through an out-pointer passed
//! first, laid out as the Go result tuple. One file per Go package.

pub mod math;
pub mod syscall;

/// Two result words, returned in rax:rdx (SysV): a Go function with two integer results.
#[repr(C)]
pub struct Ret2 {
    pub r0: u64,
    pub r1: u64,
}
