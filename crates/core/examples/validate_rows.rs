//! Validates rows that come from somewhere other than a CSV file — a
//! database query, a queue, an earlier pipeline stage — one at a time, as an
//! ETL job would, with the campaign built in code rather than read from a
//! file.
//!
//! ```sh
//! cargo run -p ringg-preflight --example validate_rows
//! ```
//!
//! Valid rows come out normalised (the phone number in E.164), ready for the
//! next stage; rejected rows come out with the reason for each.

use std::error::Error;
use std::io::{self, Write};

use chrono::{DateTime, Utc};
use ringg_preflight::campaign::{CallConfig, CallTime, PreflightSettings, VariablesMap};
use ringg_preflight::{Campaign, PreflightBuilder, Severity};

/// The campaign, as a job that keeps its configuration in code would write
/// it. `Campaign::from_path` reads the same from a campaign file.
fn campaign() -> Campaign {
    let mapped = |variable: &str, column: &str| (variable.to_owned(), column.to_owned());
    Campaign {
        agent_id: "830f767a-397e-4b39-82ff-235cd344e2f9".to_owned(),
        campaign_name: "Renewal reminders".to_owned(),
        country_code: "+91".to_owned(),
        campaign_start_time: "18/10/2026, 09:00".to_owned(),
        campaign_end_time: "18/10/2026, 18:00".to_owned(),
        variables_map: VariablesMap(vec![
            mapped("mobile_number", "Mobile Number"),
            mapped("callee_name", "Name"),
            mapped("policy_id", "Policy ID"),
        ]),
        call_config: CallConfig {
            call_time: CallTime {
                call_start_time: "09:00".to_owned(),
                call_end_time: "18:00".to_owned(),
                timezone: "Asia/Kolkata".to_owned(),
            },
            ..CallConfig::default()
        },
        remove_invalid_rows: true,
        transliterate_callee_name: None,
        preflight: PreflightSettings {
            assistant_variables: vec!["callee_name".to_owned(), "policy_id".to_owned()],
            ..PreflightSettings::default()
        },
    }
}

/// The rows as the previous stage hands them over.
fn rows() -> Vec<Vec<String>> {
    [
        ["+91 98765 43210", "John Doe", "POL-123"],
        ["098765 43211", "Jane Smith", "POL-124"],
        ["9.19876E+11", "Meera Iyer", "POL-127"],
        ["9876543210", "John Doe again", "POL-128"],
        ["9876543212", "", "POL-132"],
    ]
    .iter()
    .map(|row| row.iter().map(|cell| cell.to_string()).collect())
    .collect()
}

/// Checks [`rows`] against [`campaign`] with the clock at `now`, writing
/// what a job would pass on and what it would reject to `out`. Returns
/// (valid rows, rejected rows).
pub fn run(now: DateTime<Utc>, out: &mut dyn Write) -> Result<(u64, u64), Box<dyn Error>> {
    let preflight = PreflightBuilder::new()
        .campaign(campaign())
        .now(now)
        .build()?;
    for finding in preflight.campaign_findings() {
        writeln!(out, "campaign: {}", finding.summary())?;
    }
    let mut checker = preflight.row_checker(["Mobile Number", "Name", "Policy ID"]);
    if checker.header_has_errors() {
        for finding in checker.header_findings() {
            writeln!(out, "header: {}", finding.summary())?;
        }
        return Err("the header does not fit the campaign".into());
    }
    let (mut valid, mut rejected) = (0, 0);
    for row in rows() {
        let checked = checker.check_fields(&row);
        if checked.is_valid() {
            valid += 1;
            let cells: Vec<_> = checked.cells().collect();
            writeln!(out, "send   {}", cells.join(" | "))?;
        } else {
            rejected += 1;
            let reasons: Vec<_> = checked
                .findings()
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.summary())
                .collect();
            writeln!(
                out,
                "reject row {}: {}",
                checked.verdict.row,
                reasons.join("; ")
            )?;
        }
    }
    writeln!(out, "{valid} to send, {rejected} rejected")?;
    Ok((valid, rejected))
}

fn main() -> Result<(), Box<dyn Error>> {
    // A real job uses the system clock; the example pins it the day before
    // the campaign so the output never changes.
    let now = DateTime::parse_from_rfc3339("2026-10-17T09:00:00+05:30")?.to_utc();
    run(now, &mut io::stdout().lock())?;
    Ok(())
}
