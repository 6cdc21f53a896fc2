//! The "interrupted" flag of a run: set once by the command line's SIGINT/SIGTERM handler,
//! checked before each file is started (`convert`, `export`, `report`). Files in flight finish
//! (or are discarded, their temporary files removed); nothing new starts, and the process ends
//! through the normal returns and drops, so no temporary file is left behind.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Mark the run as interrupted (called from the signal handler).
pub fn interrupt() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Whether the run was interrupted: start no new file.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

/// Exit status of an interrupted run (128 + SIGINT, as shells report it).
pub const INTERRUPTED_EXIT: u8 = 130;
