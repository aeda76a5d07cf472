//! Offline checks for Ringg AI campaign contact lists.
//!
//! Ringg validates a contact CSV only after upload and, by default, rejects
//! the whole upload for one bad row. This crate checks the file first —
//! phone numbers by libphonenumber's rules, the header against the
//! campaign's `variables_map`, date columns, the structure of the file —
//! and splits valid rows from invalid ones the way Ringg's
//! `remove_invalid_rows` does.
//!
//! ```
//! use ringg_preflight::{Campaign, PreflightBuilder, DiscardRows};
//!
//! let csv = "Mobile Number,Name\n+919876543210,Asha\n12345,Ravi\n";
//! let preflight = PreflightBuilder::new().country_code("+91").build()?;
//! let report = preflight.split(csv.as_bytes(), None, &mut DiscardRows)?;
//! assert_eq!((report.valid_rows, report.invalid_rows), (1, 1));
//! # Ok::<(), ringg_preflight::Error>(())
//! ```
//!
//! The crate prints nothing and exits nothing; findings carry a code, a
//! severity, a message, a help text and a location, and
//! [`diagnostic::RowDiagnostic`] renders one with `miette`.
#![deny(missing_docs)]

mod callee_time;
pub mod campaign;
mod checker;
pub mod dates;
pub mod diagnostic;
mod error;
pub mod finding;
pub mod header;
mod input;
pub mod phone;
mod preflight;
mod progress;
pub mod prompt;
pub mod report;
pub mod rules;
mod split;
pub mod validate;
mod window;
mod zone_map;

pub use campaign::Campaign;
pub use checker::{CheckedRow, RowChecker};
pub use csv::ByteRecord;
pub use error::{CampaignFileError, Error, ErrorKind};
pub use finding::{Finding, Location, Severity};
pub use preflight::{Options, Preflight, PreflightBuilder};
pub use progress::Progress;
pub use report::{Flow, Report};
pub use rules::{Code, RULES, Rule};
pub use split::{DiscardRows, Outputs, RowSink};
pub use validate::{RecordValidator, RowVerdict};
