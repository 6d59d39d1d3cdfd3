//! internal/cpu's assembly (cpu_x86.s): the CPUID and XGETBV instructions and the GOAMD64 level
//! the program was compiled for.

use super::Ret2;
use core::arch::asm;

/// `func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)`: four results, written
/// through `out` as the Go result tuple `[4]uint32`.
///
/// # Safety
/// `out` points to 16 writable bytes.
#[unsafe(export_name = "internal/cpu.cpuid")]
pub unsafe extern "C" fn cpuid(out: *mut [u32; 4], eax_arg: u32, ecx_arg: u32) {
    // SAFETY: CPUID exists on every x86-64 processor.
    let r = core::arch::x86_64::__cpuid_count(eax_arg, ecx_arg);
    *out = [r.eax, r.ebx, r.ecx, r.edx];
}

/// `func xgetbv() (eax, edx uint32)`: XCR0. internal/cpu calls it only when CPUID reports
/// OSXSAVE, as the instruction requires.
#[unsafe(export_name = "internal/cpu.xgetbv")]
pub extern "C" fn xgetbv() -> Ret2 {
    let (lo, hi): (u32, u32);
    // SAFETY: only reached when OSXSAVE is set (see above); reads XCR0, writes nothing.
    unsafe {
        asm!("xgetbv", in("ecx") 0u32, out("eax") lo, out("edx") hi,
            options(nomem, nostack, preserves_flags));
    }
    Ret2 {
        r0: lo as u64,
        r1: hi as u64,
    }
}

/// `func getGOAMD64level() int32`: rgo compiles for GOAMD64=v1, gc's default.
#[unsafe(export_name = "internal/cpu.getGOAMD64level")]
pub extern "C" fn get_goamd64_level() -> i32 {
    1
}
