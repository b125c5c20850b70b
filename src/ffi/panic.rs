//! Panics end in the application's `configASSERT` (library builds only).
//! A panic is a bug, never an error path: no network or caller data can
//! cause one (fuzzing holds the parsers to that).

#[panic_handler]
fn on_panic(info: &core::panic::PanicInfo) -> ! {
    let (file, line) = info.location().map_or(("?", 0), |l| (l.file(), l.line()));
    crate::os::assert_failed(file, line)
}

/// The host's prebuilt `core` is built with unwinding tables that name this
/// symbol; with `panic = "abort"` it is never called (toolchain §4.1).
#[cfg(not(target_os = "none"))]
#[unsafe(no_mangle)]
pub extern "C" fn rust_eh_personality() {}
