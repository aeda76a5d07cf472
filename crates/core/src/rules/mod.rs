//! The rule table: every code, its name, its default severity and its
//! documentation.
//!
//! Each rule lives in a file of its own whose module doc comment is the text
//! that `explain` prints, so the documentation cannot drift from the table.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod severity;

pub use severity::Severity;

/// One row of the rule table.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The stable code, e.g. `P007`.
    pub code: Code,
    /// A short kebab-case name, e.g. `phone-invalid`.
    pub name: &'static str,
    /// The severity a finding of this rule has unless `preflight.rules`
    /// changes it.
    pub default_severity: Severity,
    /// The rule file's source; [`Rule::doc`] extracts its documentation.
    source: &'static str,
    /// How to fix a finding of this rule.
    pub help: &'static str,
}

impl Rule {
    /// The rule's documentation (What it does / Why is this bad? / Example /
    /// How to fix), as Markdown: the module doc comment of the rule's file.
    pub fn doc(&self) -> String {
        self.source
            .lines()
            .map_while(|line| line.strip_prefix("//!"))
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

macro_rules! rules {
    ($($code:ident => $module:ident, $name:literal, $severity:ident;)*) => {
        $(mod $module;)*

        /// A stable rule code: one capital letter for the family, three digits.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(missing_docs)]
        pub enum Code { $($code),* }

        /// Every rule, in code order.
        pub static RULES: &[Rule] = &[$(Rule {
            code: Code::$code,
            name: $name,
            default_severity: Severity::$severity,
            source: include_str!(concat!(stringify!($module), ".rs")),
            help: $module::HELP,
        }),*];

        impl Code {
            /// The code as written, e.g. `"P007"`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code)),* }
            }
        }

        impl FromStr for Code {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim().to_ascii_uppercase().as_str() {
                    $(stringify!($code) => Ok(Code::$code),)*
                    _ => Err(UnknownCode(s.to_owned())),
                }
            }
        }
    };
}

rules! {
    F001 => f001_not_utf8, "not-utf8", Error;
    F002 => f002_bom, "bom", Info;
    F003 => f003_wrong_delimiter, "wrong-delimiter", Error;
    F004 => f004_ragged_row, "ragged-row", Error;
    F005 => f005_blank_line, "blank-line", Info;
    F006 => f006_unclosed_quote, "unclosed-quote", Error;
    F007 => f007_empty_file, "empty-file", Error;
    F008 => f008_header_only, "header-only", Error;
    F009 => f009_file_encoding, "file-encoding", Warn;
    F010 => f010_nul_byte, "nul-byte", Error;
    F011 => f011_how_the_file_was_read, "how-the-file-was-read", Info;
    F012 => f012_unnamed_trailing_columns, "unnamed-trailing-columns", Info;
    H001 => h001_phone_column_missing, "phone-column-missing", Error;
    H002 => h002_duplicate_column, "duplicate-column", Error;
    H003 => h003_empty_column_name, "empty-column-name", Error;
    H004 => h004_mapped_column_missing, "mapped-column-missing", Error;
    H005 => h005_variable_not_mapped, "variable-not-mapped", Error;
    H006 => h006_required_variable_not_mapped, "required-variable-not-mapped", Error;
    H007 => h007_header_spelling, "header-spelling", Warn;
    P001 => p001_phone_empty, "phone-empty", Error;
    P002 => p002_phone_repaired, "phone-repaired", Warn;
    P003 => p003_scientific_notation, "scientific-notation", Error;
    P004 => p004_several_numbers, "several-numbers", Error;
    P005 => p005_phone_letters, "phone-letters", Error;
    P006 => p006_phone_extension, "phone-extension", Error;
    P007 => p007_phone_invalid, "phone-invalid", Error;
    P008 => p008_phone_type, "phone-type", Error;
    P009 => p009_international_number, "international-number", Warn;
    P010 => p010_duplicate_number, "duplicate-number", Error;
    P011 => p011_looks_foreign, "looks-foreign", Warn;
    D001 => d001_not_a_date, "not-a-date", Error;
    D002 => d002_date_format, "date-format", Error;
    D003 => d003_excel_serial_date, "excel-serial-date", Error;
    D004 => d004_unknown_date_format, "unknown-date-format", Error;
    V001 => v001_empty_variable, "empty-variable", Error;
    V002 => v002_long_cell, "long-cell", Warn;
    V003 => v003_formula_injection, "formula-injection", Warn;
    V004 => v004_cell_error, "cell-error", Error;
    C001 => c001_time_format, "time-format", Error;
    C002 => c002_unknown_timezone, "unknown-timezone", Error;
    C003 => c003_start_in_past, "start-in-past", Error;
    C004 => c004_end_before_start, "end-before-start", Error;
    C005 => c005_call_window_inverted, "call-window-inverted", Error;
    C006 => c006_no_calling_slot, "no-calling-slot", Error;
    C007 => c007_dst_transition, "dst-transition", Error;
    C008 => c008_retries_do_not_fit, "retries-do-not-fit", Warn;
    C009 => c009_large_flow, "large-flow", Info;
    C010 => c010_country_code_deprecated, "country-code-deprecated", Warn;
    C011 => c011_unknown_country_code, "unknown-country-code", Error;
    T001 => t001_callee_local_time, "callee-local-time", Error;
    S001 => s001_suppressed, "suppressed", Error;
    S002 => s002_consent_expired, "consent-expired", Error;
    S003 => s003_suppression_entry, "suppression-entry-invalid", Warn;
}

impl Code {
    /// This code's row in [`RULES`].
    pub fn rule(self) -> &'static Rule {
        // RULES is generated in the same order as the enum.
        &RULES[self as usize]
    }

    /// How to fix a finding of this code.
    pub fn help(self) -> &'static str {
        self.rule().help
    }
}

/// The error of parsing a string that is not a rule code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule code `{0}`")]
pub struct UnknownCode(pub String);

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_enum_order_and_codes_round_trip() {
        for (index, rule) in RULES.iter().enumerate() {
            assert_eq!(rule.code as usize, index);
            assert_eq!(rule.code.as_str().parse::<Code>(), Ok(rule.code));
        }
        assert!("Z999".parse::<Code>().is_err());
    }

    #[test]
    fn every_rule_has_documentation_and_help() {
        for rule in RULES {
            let doc = rule.doc();
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## How to fix",
            ] {
                assert!(doc.contains(section), "{} lacks `{section}`", rule.code);
            }
            // The help shown with each finding is the doc's "How to fix".
            let fix = doc.split("## How to fix").nth(1).unwrap_or_default();
            assert_eq!(fix.trim(), rule.help, "{}", rule.code);
            assert!(!rule.help.is_empty());
        }
    }
}
