//! How serious a finding is: the scale of the rule table's default
//! severities and of every finding.

use serde::{Deserialize, Serialize};

/// How serious a finding is.
///
/// Ordered from the least to the most serious, so `max()` over findings is
/// the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; changes nothing.
    Info,
    /// Uploads, but probably not what was meant.
    Warn,
    /// Makes the row (or the campaign) invalid.
    Error,
}

impl Severity {
    /// The lower-case name used in reports and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Error => "error",
        }
    }
}
