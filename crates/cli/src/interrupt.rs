//! Ctrl-C during `split`. The handler only raises a flag; the input reader
//! then fails on its next read, the split stops with an error, and the
//! pending output files remove themselves as they drop. So an interrupted
//! run leaves neither a partial output under its final name nor a
//! temporary file. A second Ctrl-C exits at once.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};

use miette::{IntoDiagnostic, Result, WrapErr};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler; later calls in the same process (a host program
/// calling [`crate::run`] again) keep the first one.
pub fn install() -> Result<()> {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    // A Ctrl-C that stopped an earlier run must not stop this one.
    INTERRUPTED.store(false, Ordering::SeqCst);
    let mut result = Ok(());
    INSTALLED.call_once(|| result = set_handler());
    result
}

fn set_handler() -> Result<()> {
    ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            // The first Ctrl-C did not stop the run: the user insists.
            std::process::exit(i32::from(crate::RUN_ERROR));
        }
    })
    .into_diagnostic()
    .wrap_err("cannot install the Ctrl-C handler")
}

/// Ctrl-C was pressed.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// A reader that fails once Ctrl-C was pressed.
pub struct Interruptible<R>(pub R);

impl<R: Read> Read for Interruptible<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if interrupted() {
            // Not `ErrorKind::Interrupted`: readers retry that one.
            return Err(io::Error::other("interrupted by Ctrl-C"));
        }
        self.0.read(buf)
    }
}
