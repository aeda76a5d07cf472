//! The campaign file (SPEC §2): the fields of Ringg's `POST /campaign/save`
//! form, with its JSON-string fields given as objects, plus a `preflight`
//! section for the checks.

pub mod prompt;
pub(crate) mod window;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::findings::error::{CampaignFileError, Error};
use crate::findings::finding::Severity;
use crate::rules::Code;

/// A parsed campaign file.
///
/// Unknown fields are refused (a typo must not pass silently); values that
/// parse but are wrong (a time in the wrong format, an unknown time zone) are
/// left to the campaign-level rules, which report them as findings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// The outbound assistant's id.
    pub agent_id: String,
    /// The campaign's display name.
    pub campaign_name: String,
    /// The calling code, `+91`; the deprecated two-letter form (`IN`) is
    /// accepted and reported.
    pub country_code: String,
    /// `DD/MM/YYYY, HH:MM` in the call-time time zone.
    pub campaign_start_time: String,
    /// `DD/MM/YYYY, HH:MM` in the call-time time zone.
    pub campaign_end_time: String,
    /// Assistant variable → CSV column, in the file's order.
    pub variables_map: VariablesMap,
    /// Calling hours and retries.
    pub call_config: CallConfig,
    /// Ringg drops invalid rows instead of failing the upload.
    #[serde(default)]
    pub remove_invalid_rows: bool,
    /// Ringg transliterates callee names to the agent's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transliterate_callee_name: Option<bool>,
    /// Settings of the checks themselves; never sent to Ringg.
    #[serde(default)]
    pub preflight: PreflightSettings,
}

/// `call_config`: sent to Ringg as a JSON string.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CallConfig {
    /// The daily calling window.
    #[serde(default)]
    pub call_time: CallTime,
    /// Retry policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_retry_config: Option<RetryConfig>,
    /// Seconds of silence before the agent checks the callee is there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_timeout_warning: Option<u32>,
    /// Longest call, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_call_length: Option<u32>,
}

/// The daily calling window, with Ringg's defaults.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CallTime {
    /// `HH:MM`, 24-hour clock; Ringg's default is `08:00`.
    #[serde(default = "default_call_start")]
    pub call_start_time: String,
    /// `HH:MM`, 24-hour clock; Ringg's default is `20:00`.
    #[serde(default = "default_call_end")]
    pub call_end_time: String,
    /// IANA time-zone name; Ringg's default is `Asia/Kolkata`.
    #[serde(default = "default_timezone")]
    pub timezone: String,
}

fn default_call_start() -> String {
    "08:00".into()
}
fn default_call_end() -> String {
    "20:00".into()
}
fn default_timezone() -> String {
    "Asia/Kolkata".into()
}

impl Default for CallTime {
    fn default() -> Self {
        CallTime {
            call_start_time: default_call_start(),
            call_end_time: default_call_end(),
            timezone: default_timezone(),
        }
    }
}

/// Retry policy: how many retries, and the delay in minutes after each
/// outcome.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RetryConfig {
    /// Retries after the first attempt.
    #[serde(default)]
    pub retry_count: u32,
    /// Minutes before retrying a busy line.
    #[serde(default = "default_retry_delay")]
    pub retry_busy: u32,
    /// Minutes before retrying a call nobody picked up.
    #[serde(default = "default_retry_delay")]
    pub retry_not_picked: u32,
    /// Minutes before retrying a failed call.
    #[serde(default = "default_retry_delay")]
    pub retry_failed: u32,
}

fn default_retry_delay() -> u32 {
    30
}

/// `preflight.consent`: `{"column": "Consent Date", "max_age_days": 180,
/// "format": "DD/MM/YYYY"}`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentSettings {
    /// The column holding each contact's consent date.
    pub column: String,
    /// The oldest a consent may be on the campaign's start date, in days.
    pub max_age_days: u32,
    /// The consent dates' format (default `DD/MM/YYYY`).
    #[serde(default = "default_consent_format")]
    pub format: String,
}

fn default_consent_format() -> String {
    "DD/MM/YYYY".to_owned()
}

/// The `preflight` section: settings of the checks.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PreflightSettings {
    /// Variables the assistant's prompt uses; each must be mapped.
    #[serde(default)]
    pub assistant_variables: Vec<String>,
    /// Suppression lists (S001); relative paths are resolved against the
    /// campaign file's folder by [`Campaign::from_path`].
    #[serde(default)]
    pub suppression_lists: Vec<PathBuf>,
    /// The consent column and how old a consent may be (S002).
    #[serde(default)]
    pub consent: Option<ConsentSettings>,
    /// Variables whose cells may be empty.
    #[serde(default)]
    pub optional_variables: Vec<String>,
    /// Column → expected date format (`DD/MM/YYYY`, …).
    #[serde(default)]
    pub date_columns: BTreeMap<String, String>,
    /// Code → severity override (`error`, `warn`, `info`, `off`).
    #[serde(default)]
    pub rules: BTreeMap<Code, RuleSetting>,
    /// The number types accepted; default: those a person can answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_types: Option<Vec<NumberType>>,
    /// Legal calling hours by region code (`IN`, `US`) or `default`, as
    /// `HH:MM-HH:MM`.
    #[serde(default)]
    pub calling_hours: BTreeMap<String, String>,
    /// Which columns `valid.csv` and the upload carry (default `all`).
    #[serde(default, skip_serializing_if = "SendColumns::is_all")]
    pub send_columns: SendColumns,
}

pub use crate::findings::report::SendColumns;

/// A severity override in `preflight.rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    /// Findings of the rule are errors.
    Error,
    /// Findings of the rule are warnings.
    Warn,
    /// Findings of the rule are informational.
    Info,
    /// The rule does not run.
    Off,
}

impl RuleSetting {
    /// The severity this setting gives, `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleSetting::Error => Some(Severity::Error),
            RuleSetting::Warn => Some(Severity::Warn),
            RuleSetting::Info => Some(Severity::Info),
            RuleSetting::Off => None,
        }
    }
}

/// libphonenumber's number types, as written in `preflight.number_types`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberType {
    /// A mobile number.
    Mobile,
    /// A landline.
    FixedLine,
    /// A number that may be either (the US, Canada, …).
    FixedLineOrMobile,
    /// Voice over IP.
    Voip,
    /// A personal (follow-me) number.
    PersonalNumber,
    /// Free for the caller.
    TollFree,
    /// Charged at a premium.
    PremiumRate,
    /// Cost shared between caller and callee.
    SharedCost,
    /// A universal access number (a company's switchboard).
    Uan,
    /// A pager.
    Pager,
    /// A voicemail access number.
    Voicemail,
    /// A number libphonenumber cannot classify.
    Unknown,
}

impl NumberType {
    /// The name as written in configuration and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            NumberType::Mobile => "mobile",
            NumberType::FixedLine => "fixed_line",
            NumberType::FixedLineOrMobile => "fixed_line_or_mobile",
            NumberType::Voip => "voip",
            NumberType::PersonalNumber => "personal_number",
            NumberType::TollFree => "toll_free",
            NumberType::PremiumRate => "premium_rate",
            NumberType::SharedCost => "shared_cost",
            NumberType::Uan => "uan",
            NumberType::Pager => "pager",
            NumberType::Voicemail => "voicemail",
            NumberType::Unknown => "unknown",
        }
    }

    /// Every type libphonenumber can classify: what a suppression list's
    /// entries are read with (a toll-free number on a do-not-call list is
    /// still not to be called), and what a test comparing readings accepts.
    pub const ALL: [NumberType; 11] = [
        NumberType::Mobile,
        NumberType::FixedLine,
        NumberType::FixedLineOrMobile,
        NumberType::Voip,
        NumberType::PersonalNumber,
        NumberType::TollFree,
        NumberType::PremiumRate,
        NumberType::SharedCost,
        NumberType::Uan,
        NumberType::Pager,
        NumberType::Voicemail,
    ];

    /// The types a person can answer (SPEC §6.4).
    pub const ANSWERABLE: [NumberType; 5] = [
        NumberType::Mobile,
        NumberType::FixedLine,
        NumberType::FixedLineOrMobile,
        NumberType::Voip,
        NumberType::PersonalNumber,
    ];
}

/// The largest campaign file read by default: 4 MiB, hundreds of times a
/// real one.
pub const MAX_CAMPAIGN_BYTES: u64 = 4 << 20;

/// The most characters of a campaign's name, agent id, variable or column
/// name.
pub const MAX_TEXT_CHARS: usize = 255;

/// `variables_map`: assistant variable → column name, keeping the order the
/// campaign file gives (the order `template` writes columns in).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VariablesMap(pub Vec<(String, String)>);

impl VariablesMap {
    /// The column mapped to `variable`.
    pub fn column(&self, variable: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(name, _)| name == variable)
            .map(|(_, column)| column.as_str())
    }

    /// Iterates `(variable, column)` pairs in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(v, c)| (v.as_str(), c.as_str()))
    }
}

impl<'de> Deserialize<'de> for VariablesMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor;
        impl<'de> Visitor<'de> for OrderedVisitor {
            type Value = VariablesMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object mapping variable names to column names")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut pairs: Vec<(String, String)> = Vec::new();
                while let Some((variable, column)) = map.next_entry::<String, String>()? {
                    if pairs.iter().any(|(seen, _)| *seen == variable) {
                        return Err(serde::de::Error::custom(format!(
                            "variable `{variable}` is mapped twice"
                        )));
                    }
                    pairs.push((variable, column));
                }
                Ok(VariablesMap(pairs))
            }
        }
        deserializer.deserialize_map(OrderedVisitor)
    }
}

impl Serialize for VariablesMap {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (variable, column) in &self.0 {
            map.serialize_entry(variable, column)?;
        }
        map.end()
    }
}

impl Campaign {
    /// Parses a campaign file's text. `origin` names the file in errors.
    ///
    /// Fields longer than Ringg can sensibly take ([`MAX_TEXT_CHARS`]
    /// characters for a name, an id, a column or a variable) are an error:
    /// a campaign name of a gigabyte would otherwise be sent.
    pub fn from_json(text: &str, origin: impl Into<PathBuf>) -> Result<Self, Error> {
        let origin = origin.into();
        let campaign: Campaign = serde_json::from_str(text)
            .map_err(|error| Error::from(CampaignFileError::new(origin.clone(), text, &error)))?;
        campaign.check_lengths(&origin)?;
        Ok(campaign)
    }

    /// Reads and parses a campaign file of at most
    /// [`MAX_CAMPAIGN_BYTES`].
    pub fn from_path(path: &Path) -> Result<Self, Error> {
        Self::from_path_limited(path, MAX_CAMPAIGN_BYTES)
    }

    /// Reads and parses a campaign file, refusing one over `max_bytes`
    /// without reading more than that.
    pub fn from_path_limited(path: &Path, max_bytes: u64) -> Result<Self, Error> {
        use std::io::Read;
        let io_error = |source| {
            Error::from(crate::findings::error::ErrorKind::Io {
                path: Some(path.to_owned()),
                source,
            })
        };
        let file = std::fs::File::open(path).map_err(io_error)?;
        let mut bytes = Vec::new();
        file.take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
        if bytes.len() as u64 > max_bytes {
            return Err(crate::findings::error::ErrorKind::Limit(format!(
                "{}: the campaign file is larger than {} bytes (--max-campaign-bytes raises the limit)",
                path.display(),
                max_bytes
            ))
            .into());
        }
        let text = String::from_utf8(bytes).map_err(|error| {
            io_error(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("not UTF-8 (byte {})", error.utf8_error().valid_up_to()),
            ))
        })?;
        let mut campaign = Self::from_json(&text, path)?;
        // Lists are named relative to the campaign file, wherever the run
        // starts from.
        let base = path.parent().unwrap_or(Path::new(""));
        for list in &mut campaign.preflight.suppression_lists {
            *list = base.join(&*list);
        }
        Ok(campaign)
    }

    /// Every free-text field within [`MAX_TEXT_CHARS`].
    fn check_lengths(&self, origin: &Path) -> Result<(), Error> {
        let mut fields: Vec<(String, &str)> = vec![
            ("agent_id".to_owned(), &self.agent_id),
            ("campaign_name".to_owned(), &self.campaign_name),
        ];
        for (variable, column) in self.variables_map.iter() {
            fields.push(("a `variables_map` variable".to_owned(), variable));
            fields.push((
                format!(
                    "the column of `variables_map.{}`",
                    crate::text::preview(variable)
                ),
                column,
            ));
        }
        for (name, value) in fields {
            let chars = value.chars().count();
            if chars > MAX_TEXT_CHARS {
                return Err(Error::usage(format!(
                    "{}: {name} is {chars} characters long; Ringg takes at most {MAX_TEXT_CHARS}: shorten it",
                    origin.display()
                )));
            }
        }
        Ok(())
    }

    /// The JSON string Ringg expects in the `variables_map` form field.
    pub fn variables_map_json(&self) -> String {
        serde_json::to_string(&self.variables_map).unwrap_or_default()
    }

    /// The JSON string Ringg expects in the `call_config` form field.
    pub fn call_config_json(&self) -> String {
        serde_json::to_string(&self.call_config).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{
  "agent_id": "830f767a-397e-4b39-82ff-235cd344e2f9",
  "campaign_name": "Renewal reminders",
  "country_code": "+91",
  "campaign_start_time": "18/10/2026, 09:00",
  "campaign_end_time": "18/10/2026, 18:00",
  "variables_map": {"mobile_number": "Mobile Number", "callee_name": "Name"},
  "call_config": {"call_time": {"call_start_time": "09:00", "call_end_time": "18:00", "timezone": "Asia/Kolkata"}},
  "preflight": {"rules": {"P010": "warn"}}
}"#;

    #[test]
    fn parses_the_spec_example_keeping_variable_order() {
        let campaign = Campaign::from_json(GOOD, "c.json").unwrap();
        let names: Vec<_> = campaign.variables_map.iter().map(|(v, _)| v).collect();
        assert_eq!(names, ["mobile_number", "callee_name"]);
        assert_eq!(campaign.preflight.rules[&Code::P010], RuleSetting::Warn);
        assert!(!campaign.remove_invalid_rows);
    }

    #[test]
    fn unknown_field_is_named_with_its_line() {
        let text = GOOD.replace("\"remove_invalid_rows\"", "x").replace(
            "\"campaign_name\"",
            "\"campain_nmae\": \"typo\",\n  \"campaign_name\"",
        );
        let error = Campaign::from_json(&text, "c.json").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("campain_nmae"), "{message}");
        assert!(message.contains("line 3"), "{message}");
    }

    #[test]
    fn missing_required_field_is_an_error_not_a_panic() {
        let text = GOOD.replace(
            "\"agent_id\": \"830f767a-397e-4b39-82ff-235cd344e2f9\",",
            "",
        );
        let message = Campaign::from_json(&text, "c.json")
            .unwrap_err()
            .to_string();
        assert!(message.contains("missing field `agent_id`"), "{message}");
    }

    #[test]
    fn wrong_type_is_an_error() {
        let text = GOOD.replace("\"+91\"", "91");
        let message = Campaign::from_json(&text, "c.json")
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("country_code") || message.contains("invalid type"),
            "{message}"
        );
    }
}
