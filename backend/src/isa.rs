//! The target ISA and its Cranelift settings (see README.md "Settings" for the reasons).

use crate::{BackendError, OptLevel};
use cranelift_codegen::isa::{self, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};

pub(crate) fn build(opt: OptLevel) -> Result<OwnedTargetIsa, BackendError> {
    let mut b = settings::builder();
    let opt_level = match opt {
        OptLevel::None => "none",
        OptLevel::Speed => "speed",
    };
    let verifier = if cfg!(debug_assertions) {
        "true"
    } else {
        "false"
    };
    let shared: &[(&str, &str)] = &[
        ("opt_level", opt_level),
        // g lives in r15: Cranelift must never allocate, save or restore it (docs/abi.md).
        ("enable_pinned_reg", "true"),
        // The runtime's unwinder and tracebacks walk the rbp chain.
        ("preserve_frame_pointers", "true"),
        // Goroutine stacks end in guard pages; inline probes (no `__cranelift_probestack`
        // libcall) make sure a large frame touches the guard page before skipping over it.
        ("enable_probestack", "true"),
        ("probestack_strategy", "inline"),
        // Static, non-PIC executables: with every symbol colocated the code holds only
        // PC32/PLT32 and (in data) R_X86_64_64 relocations, no GOT.
        ("is_pic", "false"),
        ("unwind_info", "true"),
        ("enable_verifier", verifier),
    ];
    for (k, v) in shared {
        b.set(k, v)
            .map_err(|e| BackendError::module(format!("Cranelift setting {k}={v}: {e}")))?;
    }
    let flags = settings::Flags::new(b);
    // GOAMD64=v1: the x64 builder's defaults enable no extension beyond SSE2, which is exactly
    // the baseline; nothing is inferred from the host CPU.
    let ib = isa::lookup_by_name("x86_64-unknown-linux-gnu")
        .map_err(|e| BackendError::module(format!("x86-64 ISA unavailable: {e}")))?;
    ib.finish(flags)
        .map_err(|e| BackendError::module(format!("building the x86-64 ISA: {e}")))
}
