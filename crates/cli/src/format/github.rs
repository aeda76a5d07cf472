//! `check --format github`: GitHub Actions workflow commands, one per
//! finding, so each shows as an annotation on the file, line and column,
//! then one summary notice; and a Markdown job summary.
//!
//! `col` is the 1-based character (code point) column where the cell starts
//! in its line, its opening quote included; for standard input, which
//! cannot be read twice, it is the 1-based field index.

use std::fmt::Write as _;
use std::path::Path;

use ringg_preflight::{Finding, Severity};

use super::{FileOutcome, Placed, headline};
use crate::render::verdict_line;

/// Escapes a command's message as GitHub requires.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`): the message escapes plus
/// `:` and `,`, which would end the property; a file name's control
/// characters are shown escaped.
pub fn escape_property(text: &str) -> String {
    escape_data(&ringg_preflight::escape_invisible(text))
        .replace(':', "%3A")
        .replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warn => "warning",
        Severity::Info => "notice",
    }
}

/// One workflow command for `placed`, in `file` when it has one.
fn annotation(out: &mut String, file: Option<&str>, placed: &Placed) {
    let finding: &Finding = &placed.finding;
    let mut properties = Vec::with_capacity(4);
    if let Some(file) = file {
        properties.push(format!("file={}", escape_property(file)));
        if let Some(line) = placed.line {
            properties.push(format!("line={line}"));
            if let Some(column) = placed.column {
                properties.push(format!("col={}", column.number()));
            }
        }
    }
    properties.push(format!("title={}", escape_property(finding.code.as_str())));
    let message = format!("{}\n{}", headline(finding), finding.help);
    let _ = writeln!(
        out,
        "::{} {}::{}",
        command(finding.severity),
        properties.join(","),
        escape_data(&message)
    );
}

/// The workflow commands of a whole `check` run: campaign findings once
/// (on the campaign file), then each file's findings, at most
/// `max_annotations` in all, then one summary notice.
pub fn render(
    campaign_file: Option<&Path>,
    campaign_findings: &[Finding],
    files: &[FileOutcome],
    strict: bool,
    max_annotations: usize,
) -> String {
    let mut out = String::new();
    let campaign_name = campaign_file.map(|path| path.display().to_string());
    let mut shown = 0usize;
    let mut omitted = 0u64;
    let mut show = |out: &mut String, file: Option<&str>, placed: &Placed| {
        if shown < max_annotations {
            annotation(out, file, placed);
            shown += 1;
            0
        } else {
            1
        }
    };
    for finding in campaign_findings {
        let placed = Placed {
            finding: finding.clone(),
            line: finding.location.line,
            column: None,
        };
        omitted += show(&mut out, campaign_name.as_deref(), &placed);
    }
    let mut summary = Vec::with_capacity(files.len() + 1);
    for outcome in files {
        match outcome {
            FileOutcome::Checked(file) => {
                for placed in &file.findings {
                    omitted += show(&mut out, Some(&file.name), placed);
                }
                omitted += file.omitted;
                let report = &file.report;
                summary.push(format!(
                    "{}: {} ({}: {} valid, {} invalid)",
                    file.name,
                    verdict_line(report, strict).trim_end(),
                    crate::render::counted(report.total_rows, "row", "rows"),
                    report.valid_rows,
                    report.invalid_rows
                ));
                if report.rows_not_checked > 0 {
                    summary.push(format!(
                        "{}: {} not checked: {}",
                        file.name,
                        crate::render::counted(report.rows_not_checked, "row", "rows"),
                        crate::render::not_checked_reason(report)
                    ));
                }
            }
            FileOutcome::Failed { name, error } => {
                let _ = writeln!(
                    out,
                    "::error file={},title=ringg-preflight::{}",
                    escape_property(name),
                    escape_data(error)
                );
                summary.push(format!("{name}: not checked: {error}"));
            }
        }
    }
    if omitted > 0 {
        summary.push(format!(
            "{omitted} more findings not annotated (raise --max-diagnostics, or run `ringg-preflight check` locally)"
        ));
    }
    let _ = writeln!(
        out,
        "::notice title=ringg-preflight::{}",
        escape_data(&summary.join("\n"))
    );
    out
}

/// Escapes text for a Markdown table cell.
fn markdown_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The job summary: a table of files and verdicts, then findings by rule,
/// the campaign's once (on the campaign file), each file's after them.
pub fn job_summary(
    campaign_file: Option<&Path>,
    campaign_findings: &[Finding],
    files: &[FileOutcome],
    strict: bool,
) -> String {
    // A blank line first: the file may hold an earlier step's summary.
    let mut out = String::from("\n### ringg-preflight\n\n");
    out.push_str("| file | verdict | rows | valid | invalid | duplicates | flow |\n");
    out.push_str("|---|---|---:|---:|---:|---:|---|\n");
    for outcome in files {
        match outcome {
            FileOutcome::Checked(file) => {
                let report = &file.report;
                let verdict = verdict_line(report, strict);
                let mark = if report.uploads_cleanly(strict) {
                    "✅"
                } else {
                    "❌"
                };
                let _ = writeln!(
                    out,
                    "| {} | {mark} {} | {} | {} | {} | {} | {} |",
                    markdown_cell(&file.name),
                    markdown_cell(verdict.trim_end()),
                    report.total_rows,
                    report.valid_rows,
                    report.invalid_rows,
                    report.duplicates,
                    report.flow.as_str()
                );
            }
            FileOutcome::Failed { name, error } => {
                let _ = writeln!(
                    out,
                    "| {} | ❌ not checked: {} | | | | | |",
                    markdown_cell(name),
                    markdown_cell(error)
                );
            }
        }
    }
    let mut rules = String::new();
    let campaign_name =
        campaign_file.map_or_else(|| "campaign".to_owned(), |p| p.display().to_string());
    let mut campaign_counts = std::collections::BTreeMap::new();
    for finding in campaign_findings {
        *campaign_counts.entry(finding.code).or_insert(0u64) += 1;
    }
    for (code, count) in &campaign_counts {
        let _ = writeln!(
            rules,
            "| {} | {code} | {} | {count} |",
            markdown_cell(&campaign_name),
            code.rule().name
        );
    }
    for outcome in files {
        let FileOutcome::Checked(file) = outcome else {
            continue;
        };
        for (code, count) in &file.report.by_rule {
            // Every report repeats the campaign's findings; they are listed
            // once above.
            let count = count.saturating_sub(campaign_counts.get(code).copied().unwrap_or(0));
            if count == 0 {
                continue;
            }
            let rule = code.rule();
            let _ = writeln!(
                rules,
                "| {} | {} | {} | {} |",
                markdown_cell(&file.name),
                code,
                rule.name,
                count
            );
        }
    }
    if !rules.is_empty() {
        out.push_str("\n| file | code | rule | findings |\n|---|---|---|---:|\n");
        out.push_str(&rules);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_requires() {
        assert_eq!(
            escape_data("50% off\r\nnow: a, b"),
            "50%25 off%0D%0Anow: a, b"
        );
        assert_eq!(escape_property("dir/a:b,c%.csv"), "dir/a%3Ab%2Cc%25.csv");
    }

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        assert_eq!(markdown_cell("a|b_c\nd"), "a\\|b\\_c d");
    }
}
