//! The allocator of the `crdoc` binary, shared with the benches (`#[path]`) so that their
//! figures are the binary's.
//!
//! mimalloc instead of the system allocator: the conversion allocates a string or a vector per
//! element, and glibc's per-thread arenas spent a fifth of `convert`'s time in malloc, free and
//! growing their heaps (`perf record`, README "Performance").

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay`: its position in mimalloc v3's `mi_option_e` (the Rust bindings name
/// no constant for it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// That option's documented default, in milliseconds. It is read before the option is set: a
/// mimalloc that numbers its options otherwise is left as it is.
const PURGE_DELAY_DEFAULT: std::os::raw::c_long = 1000;

/// Keep freed memory for the next allocations instead of returning it to the system a second
/// after it is freed (mimalloc's default). A batch worker then converts its next file in the pages of
/// the last one instead of faulting them in again (a tenth of a large file's conversion time
/// went to page faults); the process's peak resident memory is the same, as it is reached while
/// a document is built. Returns whether the option was set.
pub fn keep_freed_memory() -> bool {
    // SAFETY: reading and setting a mimalloc option; both calls take plain integers.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) != PURGE_DELAY_DEFAULT {
            return false;
        }
        libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
        libmimalloc_sys::mi_option_get(PURGE_DELAY) == -1
    }
}

#[cfg(test)]
mod tests {
    /// Fails when a mimalloc upgrade moves the option (its default would not be found there).
    #[test]
    fn the_purge_delay_option_is_found_and_set() {
        assert!(super::keep_freed_memory());
    }
}
