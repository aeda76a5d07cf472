//! `into_diagnostic` that keeps the error's type. miette's own wraps the
//! error in a private type, so a library caller (the Python package, which
//! tells a failing read or write from other errors) could not find the
//! `io::Error` behind a report. The text and causes are the same.

use std::error::Error;
use std::fmt;

/// A standard error as a diagnostic, found again with
/// `cause.downcast_ref::<Kept<io::Error>>()` in a report's chain.
#[derive(Debug)]
pub struct Kept<E>(pub E);

impl<E: fmt::Display> fmt::Display for Kept<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<E: Error> Error for Kept<E> {
    // As miette's wrapper: the error's own causes, not the error again.
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.0.source()
    }
}

impl<E: Error> miette::Diagnostic for Kept<E> {}

/// Converts a `Result` with a standard error into a [`miette::Result`],
/// keeping the error's type (see [`Kept`]).
pub trait IntoDiagnostic<T> {
    /// The error as a [`Kept`] diagnostic.
    fn into_diagnostic(self) -> miette::Result<T>;
}

impl<T, E: Error + Send + Sync + 'static> IntoDiagnostic<T> for Result<T, E> {
    fn into_diagnostic(self) -> miette::Result<T> {
        self.map_err(|error| miette::Report::new(Kept(error)))
    }
}
