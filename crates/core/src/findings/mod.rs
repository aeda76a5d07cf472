//! Stage 5, findings out. In: what the rules found. Out: [`finding::Finding`]s
//! with their locations, the [`report::Report`] of a run, miette
//! [`diagnostic`]s for rendering, and the [`error::Error`] of a run that
//! could not be made.

pub mod diagnostic;
pub(crate) mod error;
pub mod finding;
pub mod report;
