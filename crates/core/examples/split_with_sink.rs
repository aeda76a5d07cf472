//! Splits a contact file into valid and invalid rows with a findings sink
//! of its own: the caller decides which findings to keep (here, errors
//! grouped by rule with the first rows they hit) and watches the progress.
//!
//! ```sh
//! cargo run -p ringg-preflight --example split_with_sink -- \
//!     fixtures/contacts.csv fixtures/campaign.json > valid.csv
//! ```
//!
//! Valid rows go to standard output; the summary goes to standard error.

use std::collections::BTreeMap;
use std::error::Error;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use ringg_preflight::{
    ByteRecord, Campaign, Code, Outputs, PreflightBuilder, Progress, Report, RowSink, RowVerdict,
    Severity,
};

/// Keeps, per rule, how many rows it made invalid and the first few of
/// them; ignores warnings and information.
#[derive(Default)]
struct ErrorsByRule {
    rules: BTreeMap<Code, (u64, Vec<u64>)>,
    last_progress: Progress,
}

/// Rows remembered per rule.
const EXAMPLE_ROWS: usize = 3;

impl RowSink for ErrorsByRule {
    fn row(&mut self, verdict: &RowVerdict, _record: &ByteRecord) {
        for finding in verdict
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            let (count, rows) = self.rules.entry(finding.code).or_default();
            *count += 1;
            if rows.len() < EXAMPLE_ROWS {
                rows.push(verdict.row);
            }
        }
    }

    fn progress(&mut self, progress: Progress) {
        self.last_progress = progress;
    }
}

/// Splits `csv` against the campaign file `campaign` with the clock at
/// `now`: valid rows to `valid`, invalid rows to `invalid`, the summary to
/// `log`.
pub fn run(
    csv: &Path,
    campaign: &Path,
    now: DateTime<Utc>,
    valid: &mut (dyn Write + Send),
    invalid: &mut (dyn Write + Send),
    log: &mut dyn Write,
) -> Result<Report, Box<dyn Error>> {
    let preflight = PreflightBuilder::new()
        .campaign(Campaign::from_path(campaign)?)
        .now(now)
        .build()?;
    let mut sink = ErrorsByRule::default();
    let report = preflight.split(
        File::open(csv)?,
        Some(Outputs { valid, invalid }),
        &mut sink,
    )?;
    writeln!(
        log,
        "{} rows, {} bytes: {} valid, {} invalid",
        sink.last_progress.rows,
        sink.last_progress.bytes_read,
        report.valid_rows,
        report.invalid_rows
    )?;
    for (code, (count, rows)) in &sink.rules {
        let rows: Vec<String> = rows.iter().map(u64::to_string).collect();
        writeln!(
            log,
            "{code} {:<22} {count} row(s), first: {}",
            code.rule().name,
            rows.join(", ")
        )?;
    }
    Ok(report)
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1);
    let csv = args
        .next()
        .unwrap_or_else(|| "fixtures/contacts.csv".into());
    let campaign = args
        .next()
        .unwrap_or_else(|| "fixtures/campaign.json".into());
    // A real job uses the system clock; the example pins it the day before
    // the fixture campaign starts.
    let now = DateTime::parse_from_rfc3339("2026-10-17T09:00:00+05:30")?.to_utc();
    let mut valid = io::BufWriter::new(io::stdout());
    run(
        csv.as_ref(),
        campaign.as_ref(),
        now,
        &mut valid,
        &mut io::sink(),
        &mut io::stderr(),
    )?;
    valid.flush()?;
    Ok(())
}
