//! Human output: miette diagnostics, then a per-rule summary and the
//! verdict.

use std::fmt::Write as _;

use miette::{GraphicalReportHandler, GraphicalTheme};
use ringg_preflight::diagnostic::RowDiagnostic;
use ringg_preflight::{Code, Report, RowVerdict, SendColumns, Severity};

/// Collects the first `limit` row diagnostics while the split runs.
pub struct DiagnosticCollector {
    limit: usize,
    file_name: String,
    pub shown: Vec<RowDiagnostic>,
    pub omitted: u64,
}

impl DiagnosticCollector {
    pub fn new(limit: usize, file_name: &str) -> Self {
        DiagnosticCollector {
            limit,
            file_name: file_name.to_owned(),
            shown: Vec::new(),
            omitted: 0,
        }
    }

    pub fn row(&mut self, verdict: &RowVerdict, record: &ringg_preflight::ByteRecord) {
        for finding in &verdict.findings {
            if self.shown.len() < self.limit {
                self.shown
                    .push(RowDiagnostic::new(finding, record, &self.file_name));
            } else {
                self.omitted += 1;
            }
        }
    }
}

fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_width(100)
        .with_links(false)
}

/// Renders the whole human report.
pub fn human(
    report: &Report,
    file: &str,
    rows: &DiagnosticCollector,
    strict: bool,
    color: bool,
) -> String {
    let handler = handler(color);
    let mut out = level_findings(report, file, color);
    for diagnostic in &rows.shown {
        let _ = handler.render_report(&mut out, diagnostic);
    }
    if rows.omitted > 0 {
        let _ = writeln!(
            out,
            "… and {} more row findings (raise --max-diagnostics to see them)\n",
            rows.omitted
        );
    }
    out.push_str(&summary(report));
    out.push_str(&verdict_line(report, strict));
    out
}

/// The campaign-, file- and header-level findings, rendered.
pub fn level_findings(report: &Report, file: &str, color: bool) -> String {
    let handler = handler(color);
    let mut out = String::new();
    for finding in report.campaign.iter().chain(&report.file) {
        let _ = handler.render_report(&mut out, &RowDiagnostic::without_source(finding, file));
    }
    out
}

/// The per-rule table.
pub fn summary(report: &Report) -> String {
    let mut out = String::new();
    if !report.by_rule.is_empty() {
        let _ = writeln!(
            out,
            "{:<6} {:<30} {:<8} {:>8}",
            "code", "rule", "severity", "count"
        );
        for (code, count) in &report.by_rule {
            let rule = code.rule();
            let severity = severity_in_report(report, *code).map_or("-", Severity::as_str);
            let _ = writeln!(
                out,
                "{:<6} {:<30} {:<8} {:>8}",
                code.as_str(),
                rule.name,
                severity,
                count
            );
        }
        out.push('\n');
    }
    let calls = match report.max_call_attempts {
        0 => "no call would be made".to_owned(),
        n => format!("at most {}", counted(n, "call attempt", "call attempts")),
    };
    let _ = writeln!(
        out,
        "{}: {} valid, {} invalid ({}); flow: {}, {calls}",
        counted(report.total_rows, "row", "rows"),
        report.valid_rows,
        report.invalid_rows,
        counted(report.duplicates, "duplicate", "duplicates"),
        report.flow.as_str(),
    );
    if report.rows_not_checked > 0 {
        let _ = writeln!(
            out,
            "{} not checked: {}",
            counted(report.rows_not_checked, "row", "rows"),
            not_checked_reason(report)
        );
    }
    if let Some(line) = unmapped_line(report) {
        out.push_str(&line);
    }
    out
}

/// The columns no assistant variable reads, when there are any: `3
/// columns not used by the assistant would be sent to Ringg: Email,
/// Company, Last Name` under `send_columns: all`, or that they are left out
/// under `mapped` (escaped: they are the file's text).
pub fn unmapped_line(report: &Report) -> Option<String> {
    if report.unmapped_columns.is_empty() {
        return None;
    }
    let columns = counted(report.unmapped_columns.len() as u64, "column", "columns");
    let names = report.unmapped_columns.join(", ");
    let names = ringg_preflight::escape_invisible(&names);
    Some(match report.send_columns {
        SendColumns::All => {
            format!("{columns} not used by the assistant would be sent to Ringg: {names}\n")
        }
        SendColumns::Mapped => {
            format!(
                "{columns} not used by the assistant left out of valid.csv (send_columns: mapped): {names}\n"
            )
        }
    })
}

/// `1 row`, `2 rows`: a count with its noun in the right number.
pub fn counted(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Why rows were not checked: the header finding that stopped them.
pub fn not_checked_reason(report: &Report) -> &str {
    report
        .file
        .iter()
        .find(|f| matches!(f.code, Code::H001 | Code::F003))
        .map_or("a header problem", |f| f.message.as_str())
}

/// The severity findings of `code` had in this run (rules can be
/// reconfigured and `--fix` turns repaired findings into warnings, so the
/// table's default may not be it).
fn severity_in_report(report: &Report, code: Code) -> Option<Severity> {
    report
        .severity_by_rule
        .get(&code)
        .copied()
        .or(Some(code.rule().default_severity))
}

/// The verdict's advice when invalid rows block the upload; `upload`, which
/// has just split, leaves it out.
pub const SPLIT_ADVICE: &str = "; run `split` to separate them";

/// The one-line verdict: `ok: …` or `fail: …`, and why.
pub fn verdict_line(report: &Report, strict: bool) -> String {
    if report.uploads_cleanly(strict) {
        if report.remove_invalid_rows && report.invalid_rows > 0 {
            format!(
                "ok: would upload; Ringg will skip {} (remove_invalid_rows=true)\n",
                counted(report.invalid_rows, "invalid row", "invalid rows")
            )
        } else {
            "ok: would upload cleanly\n".to_owned()
        }
    } else if report.total_rows > 0 && report.valid_rows == 0 {
        "fail: no row would upload\n".to_owned()
    } else if !report.remove_invalid_rows && report.invalid_rows > 0 {
        format!(
            "fail: Ringg would reject the whole upload for {} (remove_invalid_rows=false){SPLIT_ADVICE}\n",
            counted(report.invalid_rows, "invalid row", "invalid rows")
        )
    } else if strict && report.warned_rows > 0 {
        "fail: warnings remain and --strict is set\n".to_owned()
    } else {
        "fail: fix the file- and campaign-level errors above\n".to_owned()
    }
}

/// A diagnostic shown without its code: `ringg_upload::uncertain_step`
/// (or `ringg_preflight::…`) names a Rust type for library callers, and tells a person nothing.
pub struct WithoutCode<'a>(pub &'a dyn miette::Diagnostic);

impl std::fmt::Debug for WithoutCode<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.0, f)
    }
}

impl std::fmt::Display for WithoutCode<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for WithoutCode<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl miette::Diagnostic for WithoutCode<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        self.0.severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.help()
    }
    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.url()
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.0.labels()
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        self.0.related()
    }
    fn diagnostic_source(&self) -> Option<&dyn miette::Diagnostic> {
        self.0.diagnostic_source()
    }
}

/// A run's error as it ends the run: see [`diagnostic`].
pub fn error(report: &miette::Report) -> String {
    diagnostic(report.as_ref(), true)
}

/// [`error`] without colour, whatever `--color` and the terminal say.
pub fn plain_error(report: &miette::Report) -> String {
    render_diagnostic(report.as_ref(), true, false)
}

/// A diagnostic for standard error: miette's graphical report without the
/// diagnostic's code, coloured as `--color` says, never breaking words at
/// hyphens; `wrap` false keeps each line whole (a server's message with
/// ids and URLs must survive a copy and paste).
pub fn diagnostic(diagnostic: &dyn miette::Diagnostic, wrap: bool) -> String {
    render_diagnostic(diagnostic, wrap, crate::color::for_stderr())
}

fn render_diagnostic(diagnostic: &dyn miette::Diagnostic, wrap: bool, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_width(100)
        .with_wrap_lines(wrap)
        .with_links(false);
    let mut text = String::new();
    match handler.render_report(&mut text, &WithoutCode(diagnostic)) {
        Ok(()) => text,
        Err(_) => format!("{diagnostic}\n"),
    }
}
