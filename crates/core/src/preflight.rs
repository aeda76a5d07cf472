//! [`Preflight`]: a campaign's checks, configured once, shared by every
//! thread and every file checked against that campaign.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::calling_hours::callee_time::{CalleeTime, LegalHours};
use crate::campaign::window;
use crate::campaign::{Campaign, NumberType, SendColumns};
use crate::findings::error::Error;
use crate::findings::finding::Finding;
use crate::findings::report::Flow;
use crate::input::encoding::InputEncoding;
use crate::input::limits::Limits;
use crate::phone::{PhoneRules, calling_code_of};
use crate::rows::suppression::{SuppressionList, Suppressions};
use crate::rows::validate::Severities;
use crate::rules::Code;
use crate::split::SpareBatches;

/// Settings of a run that are not part of the campaign.
#[derive(Debug, Clone)]
pub struct Options {
    /// The clock for checks that depend on it.
    pub now: DateTime<Utc>,
    /// Overrides the campaign's `country_code` (or stands in for it without
    /// a campaign file): `+91`, or the deprecated `IN`.
    pub country_code: Option<String>,
    /// Rewrite repairable cells in `valid.csv`.
    pub fix: bool,
    /// Validator threads; 0 means one per core but one (the reader and the
    /// merge keep that one busy), at least one. The output is the same for
    /// any count.
    pub threads: usize,
    /// Records per batch.
    pub batch_size: usize,
    /// Keep every row finding in the report (`check --format json`).
    pub keep_row_findings: bool,
    /// The input's encoding: transcoded as it is read when it is not
    /// UTF-8 (whose bytes that are not are reported, F001 and F009).
    /// `None`: detected from the first bytes (a byte-order mark, UTF-8,
    /// else the likeliest legacy encoding), and named (F011).
    pub encoding: Option<InputEncoding>,
    /// The field delimiter; `None`: sniffed from the first lines among
    /// `,` `;` tab and `|`.
    pub delimiter: Option<u8>,
    /// The sheet of a workbook input to read: its name, else its 1-based
    /// number; `None`: the first visible worksheet.
    pub sheet: Option<String>,
    /// Limits that keep a hostile file from exhausting memory.
    pub limits: Limits,
    /// Suppression lists (`--suppress FILE`), besides the campaign's.
    pub suppression_lists: Vec<std::path::PathBuf>,
    /// Overrides the campaign's `preflight.send_columns`.
    pub send_columns: Option<SendColumns>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            now: Utc::now(),
            country_code: None,
            fix: false,
            threads: 0,
            batch_size: 1_024,
            keep_row_findings: false,
            encoding: None,
            delimiter: None,
            sheet: None,
            limits: Limits::default(),
            suppression_lists: Vec::new(),
            send_columns: None,
        }
    }
}

/// Builds a [`Preflight`].
#[derive(Debug, Clone, Default)]
pub struct PreflightBuilder {
    campaign: Option<Campaign>,
    options: Options,
    /// Variables the assistant's prompt uses, beyond the campaign's
    /// `preflight.assistant_variables`.
    prompt_variables: Vec<String>,
}

impl PreflightBuilder {
    /// A builder with no campaign and default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// The campaign the file is checked against.
    pub fn campaign(&mut self, campaign: Campaign) -> &mut Self {
        self.campaign = Some(campaign);
        self
    }

    /// The assistant's prompt text (`--prompt FILE`): each `{{name}}` and
    /// `@{{name}}` placeholder joins the campaign's
    /// `preflight.assistant_variables`, so it must be mapped (H005) and its
    /// cells filled (V001). Without a campaign there is no `variables_map`
    /// to check against, and the prompt changes nothing.
    pub fn prompt(&mut self, text: &str) -> &mut Self {
        // A set beside the list: a prompt of a million placeholders must
        // not cost a million squared comparisons.
        let mut seen: std::collections::HashSet<String> =
            self.prompt_variables.iter().cloned().collect();
        for variable in crate::campaign::prompt::assistant_variables(text) {
            if seen.insert(variable.clone()) {
                self.prompt_variables.push(variable);
            }
        }
        self
    }

    /// The clock for time-dependent checks (default: the system clock).
    pub fn now(&mut self, now: DateTime<Utc>) -> &mut Self {
        self.options.now = now;
        self
    }

    /// Overrides the campaign's `country_code`.
    pub fn country_code(&mut self, code: impl Into<String>) -> &mut Self {
        self.options.country_code = Some(code.into());
        self
    }

    /// Rewrite repairable cells (`--fix`).
    pub fn fix(&mut self, yes: bool) -> &mut Self {
        self.options.fix = yes;
        self
    }

    /// Validator threads (0: one per core but one, at least one).
    pub fn threads(&mut self, threads: usize) -> &mut Self {
        self.options.threads = threads;
        self
    }

    /// Records per batch.
    pub fn batch_size(&mut self, records: usize) -> &mut Self {
        self.options.batch_size = records.max(1);
        self
    }

    /// Adds a suppression list (S001): a contact whose number is on it is
    /// refused. Read when the checks are built.
    pub fn suppression_list(&mut self, path: impl Into<std::path::PathBuf>) -> &mut Self {
        self.options.suppression_lists.push(path.into());
        self
    }

    /// Keep every row finding in the report.
    pub fn keep_row_findings(&mut self, yes: bool) -> &mut Self {
        self.options.keep_row_findings = yes;
        self
    }

    /// The sheet of a workbook input to read (`--sheet`): a name, else a
    /// 1-based number.
    pub fn sheet(&mut self, sheet: impl Into<String>) -> &mut Self {
        self.options.sheet = Some(sheet.into());
        self
    }

    /// The field delimiter (`--delimiter`), instead of sniffing it.
    pub fn delimiter(&mut self, delimiter: u8) -> &mut Self {
        self.options.delimiter = Some(delimiter);
        self
    }

    /// Overrides the campaign's `preflight.send_columns`
    /// (`--send-columns`).
    pub fn send_columns(&mut self, columns: SendColumns) -> &mut Self {
        self.options.send_columns = Some(columns);
        self
    }

    /// The input's encoding when it is not UTF-8.
    pub fn encoding(&mut self, encoding: InputEncoding) -> &mut Self {
        self.options.encoding = Some(encoding);
        self
    }

    /// Limits on field size, record size and row count.
    pub fn limits(&mut self, limits: Limits) -> &mut Self {
        self.options.limits = limits;
        self
    }

    /// Builds the checks; campaign-level findings are computed here.
    pub fn build(&self) -> Result<Preflight, Error> {
        let mut campaign = self.campaign.clone();
        if let Some(campaign) = campaign.as_mut() {
            let listed = &mut campaign.preflight.assistant_variables;
            let mut seen: std::collections::HashSet<String> = listed.iter().cloned().collect();
            for variable in &self.prompt_variables {
                if seen.insert(variable.clone()) {
                    listed.push(variable.clone());
                }
            }
        }
        Preflight::new(campaign, self.options.clone())
    }
}

/// A campaign's checks. `Send + Sync`: share one across threads.
#[derive(Debug, Clone)]
pub struct Preflight {
    campaign: Option<Campaign>,
    options: Options,
    phone_rules: PhoneRules,
    severities: Severities,
    campaign_findings: Vec<Finding>,
    /// The callee-local-time check (T001), when the campaign has a window
    /// to call in and the rule is on. Shared, so its cached verdicts
    /// outlive one `split`.
    callee_time: Option<Arc<CalleeTime>>,
    /// The suppression lists (S001), when any is given.
    suppressions: Option<Arc<Suppressions>>,
    /// Buffers the last split left for the next.
    pub(crate) spare_batches: SpareBatches,
}

impl Preflight {
    /// The checks for `campaign` (or for a bare contact list) with `options`.
    pub fn new(campaign: Option<Campaign>, options: Options) -> Result<Self, Error> {
        let severities = Severities::new(campaign.iter().flat_map(|c| {
            c.preflight
                .rules
                .iter()
                .map(|(code, setting)| (*code, setting.severity()))
        }));
        let mut findings = Vec::new();

        let country_text = options
            .country_code
            .clone()
            .or_else(|| campaign.as_ref().map(|c| c.country_code.clone()));
        let calling_code = match &country_text {
            None => None,
            Some(text) => match calling_code_of(text) {
                Some(code) => {
                    if code.deprecated_region_form {
                        findings.push(
                            Finding::new(
                                Code::C010,
                                format!(
                                    "`country_code` is `{text}`; write it as `+{}`",
                                    code.calling_code
                                ),
                            )
                            .at_field("country_code"),
                        );
                    }
                    Some(code.calling_code)
                }
                None if options.country_code.is_some() && campaign.is_none() => {
                    return Err(Error::usage(format!(
                        "--country-code `{text}` is not a calling code such as +91 or +1"
                    )));
                }
                None => {
                    findings.push(
                        Finding::new(
                            Code::C011,
                            format!("`country_code` `{text}` is not a known calling code"),
                        )
                        .at_field("country_code"),
                    );
                    None
                }
            },
        };

        if let Some(campaign) = &campaign {
            findings.extend(crate::rows::dates::format_findings(campaign));
        }

        let accepted: Vec<NumberType> = campaign
            .as_ref()
            .and_then(|c| c.preflight.number_types.clone())
            .unwrap_or_else(|| NumberType::ANSWERABLE.to_vec());
        let phone_rules = PhoneRules::new(calling_code, &accepted);

        let callee_time = campaign.as_ref().and_then(|campaign| {
            let window = window::check(campaign, options.now, &mut findings);
            let hours = LegalHours::new(&campaign.preflight.calling_hours, &mut findings);
            window
                .filter(|_| severities.of(Code::T001).is_some())
                .map(|window| Arc::new(CalleeTime::new(window, hours)))
        });
        let suppressions =
            load_suppressions(campaign.as_ref(), &options, calling_code, &mut findings)?;
        let campaign_findings = findings
            .into_iter()
            .filter_map(|f| severities.apply(f))
            .collect();
        Ok(Preflight {
            campaign,
            options,
            phone_rules,
            severities,
            campaign_findings,
            callee_time,
            suppressions,
            spare_batches: SpareBatches::default(),
        })
    }

    /// The campaign, when one was given.
    pub fn campaign(&self) -> Option<&Campaign> {
        self.campaign.as_ref()
    }

    /// Which columns `valid.csv` carries: the option, else the campaign's
    /// `preflight.send_columns`, else all.
    pub fn send_columns(&self) -> SendColumns {
        self.options
            .send_columns
            .or_else(|| self.campaign().map(|c| c.preflight.send_columns))
            .unwrap_or_default()
    }

    /// The run's options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The phone rules in force.
    pub fn phone_rules(&self) -> &PhoneRules {
        &self.phone_rules
    }

    /// Severities after `preflight.rules`.
    pub fn severities(&self) -> &Severities {
        &self.severities
    }

    /// Findings about the campaign file's values.
    pub fn campaign_findings(&self) -> &[Finding] {
        &self.campaign_findings
    }

    /// The callee-local-time check, when it runs.
    pub(crate) fn callee_time(&self) -> Option<&Arc<CalleeTime>> {
        self.callee_time.as_ref()
    }

    /// The suppression lists, when any is given.
    pub fn suppressions(&self) -> Option<&Arc<Suppressions>> {
        self.suppressions.as_ref()
    }

    /// Retries after the first attempt.
    pub fn retry_count(&self) -> u32 {
        self.campaign
            .as_ref()
            .and_then(|c| c.call_config.call_retry_config)
            .map_or(0, |r| r.retry_count)
    }

    /// Campaign-level findings that depend on how many rows are valid.
    /// C009 goes with the large flow, so both say the same from 5,000 rows.
    pub(crate) fn row_count_findings(&self, valid_rows: u64) -> Option<Finding> {
        (Flow::for_rows(valid_rows) == Flow::Large)
            .then(|| {
                Finding::new(
                    Code::C009,
                    format!("{valid_rows} valid rows: Ringg's large-campaign flow applies (5,000 or more)"),
                )
            })
            .and_then(|f| self.severities.apply(f))
    }
}

/// Reads the campaign's and the options' suppression lists; entries that
/// are not numbers are one S003 finding per list.
fn load_suppressions(
    campaign: Option<&Campaign>,
    options: &Options,
    calling_code: Option<u16>,
    findings: &mut Vec<Finding>,
) -> Result<Option<Arc<Suppressions>>, Error> {
    let paths: Vec<&std::path::Path> = campaign
        .into_iter()
        .flat_map(|c| c.preflight.suppression_lists.iter())
        .chain(&options.suppression_lists)
        .map(std::path::PathBuf::as_path)
        .collect();
    if paths.is_empty() {
        return Ok(None);
    }
    let rules = PhoneRules::new(calling_code, &NumberType::ALL);
    let phone_column = campaign
        .and_then(|c| c.variables_map.column("mobile_number"))
        .unwrap_or(crate::header::DEFAULT_PHONE_COLUMN);
    let mut lists = Vec::with_capacity(paths.len());
    for path in paths {
        let list = SuppressionList::from_path(path, &rules, phone_column)?;
        if let Some(line) = list.first_invalid_line {
            let entries = match list.invalid_entries {
                1 => "1 entry".to_owned(),
                n => format!("{n} entries"),
            };
            let verb = if list.invalid_entries == 1 {
                "is not a valid number"
            } else {
                "are not valid numbers"
            };
            findings.push(Finding::new(
                Code::S003,
                format!(
                    "{entries} of {} {verb} (first on line {line}): {} nobody",
                    list.name,
                    if list.invalid_entries == 1 {
                        "it suppresses"
                    } else {
                        "they suppress"
                    }
                ),
            ));
        }
        lists.push(list);
    }
    Ok(Some(Arc::new(Suppressions { lists })))
}
