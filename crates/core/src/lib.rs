//! Offline checks for Ringg AI campaign contact lists.
//!
//! Ringg validates a contact CSV only after upload and, by default, rejects
//! the whole upload for one bad row. This crate checks the file first —
//! phone numbers by libphonenumber's rules, the header against the
//! campaign's `variables_map`, date columns, the structure of the file —
//! and splits valid rows from invalid ones the way Ringg's
//! `remove_invalid_rows` does.
//!
//! # Build a validator
//!
//! A [`Preflight`] holds one campaign's checks. Build it from a campaign
//! file ([`Campaign::from_path`]), from JSON text ([`Campaign::from_json`]),
//! from a [`Campaign`] struct filled in code, or from nothing but a default
//! country code. Pin the clock with [`PreflightBuilder::now`] where results
//! must not depend on the day.
//!
//! # Split a stream
//!
//! [`Preflight::split`] reads any [`Read`](std::io::Read), writes the valid
//! and invalid rows to any [`Write`](std::io::Write)s ([`Outputs`]), and
//! returns the [`Report`]. A [`RowSink`] (a closure will do) sees every row
//! that has findings, in input order, so the caller decides what to keep;
//! its [`RowSink::progress`] hears the bytes and rows done so far. A sink
//! that reads no rows ([`DiscardRows`], or one whose [`RowSink::reads_rows`]
//! says so) is not called per row, and spares the split building the
//! findings below `error`, which it then only counts.
//!
//! ```
//! use ringg_preflight::{Outputs, PreflightBuilder};
//!
//! let csv = "Mobile Number,Name\n+919876543210,Asha\n12345,Ravi\n";
//! let preflight = PreflightBuilder::new().country_code("+91").build()?;
//! let (mut valid, mut invalid) = (Vec::new(), Vec::new());
//! let mut errors = Vec::new();
//! let report = preflight.split(
//!     csv.as_bytes(),
//!     Some(Outputs { valid: &mut valid, invalid: &mut invalid }),
//!     &mut |verdict: &ringg_preflight::RowVerdict, _: &ringg_preflight::ByteRecord| {
//!         errors.push(verdict.errors_summary())
//!     },
//! )?;
//! assert_eq!((report.valid_rows, report.invalid_rows), (1, 1));
//! assert_eq!(valid, b"Mobile Number,Name\n+919876543210,Asha\n");
//! assert_eq!(errors, ["P007: `12345` (+9112345) is not a valid IN number: too short"]);
//! # Ok::<(), ringg_preflight::Error>(())
//! ```
//!
//! # Check records one at a time
//!
//! Rows that do not come from a file — a query, a queue, an earlier stage —
//! go through a [`RowChecker`]: give it the header, then each record as a
//! [`ByteRecord`] or as fields (`&[&str]`, `Vec<String>`, …). Each
//! [`CheckedRow`] holds the verdict, its findings, and the row as it should
//! be sent on (the phone number in E.164). The checker remembers the
//! numbers it has accepted, so duplicates are found as the split finds
//! them; use one checker per stream, in order.
//!
//! ```
//! use ringg_preflight::PreflightBuilder;
//!
//! let preflight = PreflightBuilder::new().country_code("+91").build()?;
//! let mut checker = preflight.row_checker(["Mobile Number", "Name"]);
//! for row in [["98765 43210", "Asha"], ["+91 98765 43210", "Asha again"]] {
//!     let checked = checker.check_fields(row);
//!     if checked.is_valid() {
//!         assert_eq!(checked.cells().next().unwrap(), "+919876543210");
//!     } else {
//!         assert_eq!(checked.findings()[0].code.as_str(), "P010");
//!     }
//! }
//! # Ok::<(), ringg_preflight::Error>(())
//! ```
//!
//! `examples/validate_rows.rs` and `examples/split_with_sink.rs` show both
//! in full.
//!
//! # Threads, state, errors
//!
//! [`Preflight`] is `Send + Sync`: share one (`&Preflight` or an `Arc`)
//! across threads. It owns all of its configuration; the only process-wide
//! state is libphonenumber's immutable metadata, the same for every
//! campaign, and the phone fast path's per-region matchers compiled from it
//! on first use (immutable once built; each thread keeps its own cache of
//! automaton states), so validators for different campaigns never
//! interfere. The
//! crate prints nothing and exits nothing. A run that cannot be made is an
//! [`Error`] ([`ErrorKind`] says which), which implements
//! [`miette::Diagnostic`]; rendering is left to the caller (this crate does
//! not enable miette's `fancy` feature). Findings carry a code, a severity,
//! a message, a help text and a location, and
//! [`diagnostic::RowDiagnostic`] renders one with `miette`.
#![deny(missing_docs)]

mod calling_hours;
pub mod campaign;
mod checker;
mod findings;
mod input;
pub mod phone;
mod preflight;
pub mod redact;
mod rows;
pub mod rules;
mod split;
mod text;

// The public modules of earlier releases, at the paths they had.
pub use campaign::prompt;
pub use findings::{diagnostic, finding, report};
pub use rows::{dates, header, suppression, validate};

pub use campaign::{Campaign, SendColumns};
pub use checker::{CheckedRow, RowChecker};
pub use csv::ByteRecord;
pub use finding::{Finding, Location, Severity};
pub use findings::error::{CampaignFileError, Error, ErrorKind};
pub use input::encoding::InputEncoding;
pub use input::limits::Limits;
pub use input::progress::Progress;
pub use preflight::{Options, Preflight, PreflightBuilder};
pub use redact::Redactor;
pub use report::{Flow, InputInfo, Report};
pub use rules::{Code, RULES, Rule};
pub use split::{DiscardRows, Outputs, RowSink};
pub use text::escape_invisible;
pub use validate::{RecordValidator, RowVerdict};
