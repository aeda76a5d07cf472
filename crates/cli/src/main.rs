//! `ringg-preflight`: parses arguments and wires the library to files and
//! the terminal. Every rule lives in the `ringg-preflight` library.

mod args;
mod output;
mod render;
mod upload;

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Parser;
use miette::{IntoDiagnostic, Result, WrapErr, miette};
use ringg_preflight::{Campaign, Code, Outputs, Preflight, PreflightBuilder, RULES, Report};

use args::{CheckArgs, Cli, Command, Common, ExplainArgs, Format, SplitArgs, TemplateArgs};
use output::OutputDir;
use render::DiagnosticCollector;

/// Exit status: the run was made and found nothing blocking.
const OK: u8 = 0;
/// Exit status: the file would not upload cleanly.
const FAILED_CHECKS: u8 = 1;
/// Exit status: the run could not be made.
const RUN_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { RUN_ERROR } else { OK });
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Split(args) => split(&args),
        Command::Explain(args) => explain(&args),
        Command::Template(args) => template(&args),
        Command::Upload(args) => upload::upload(&args),
        Command::Numbers(args) => upload::numbers(&args),
        Command::Status(args) => upload::status(&args),
        Command::Terminate(args) => upload::terminate(&args),
    };
    match result {
        Ok(status) => ExitCode::from(status),
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(RUN_ERROR)
        }
    }
}

fn preflight(common: &Common, fix: bool, keep_rows: bool) -> Result<Preflight> {
    let mut builder = PreflightBuilder::new();
    if let Some(path) = &common.campaign {
        builder.campaign(Campaign::from_path(path)?);
    }
    if let Some(path) = &common.prompt {
        let text = std::fs::read_to_string(path)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot read the prompt {}", path.display()))?;
        builder.prompt(&text);
    }
    if let Some(code) = &common.country_code {
        builder.country_code(code.clone());
    }
    if let Some(now) = &common.now {
        let now = DateTime::parse_from_rfc3339(now)
            .into_diagnostic()
            .wrap_err_with(|| {
                format!("--now `{now}` is not an RFC 3339 time such as 2026-10-17T09:00:00+05:30")
            })?;
        builder.now(now.with_timezone(&Utc));
    }
    builder
        .fix(fix)
        .threads(common.threads)
        .keep_row_findings(keep_rows);
    Ok(builder.build()?)
}

fn open_input(path: &Path) -> Result<File> {
    File::open(path)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot read {}", path.display()))
}

fn check(args: &CheckArgs) -> Result<u8> {
    let common = &args.common;
    let preflight = preflight(common, false, args.format == Format::Json)?;
    let file_name = common.csv.display().to_string();
    let mut collector = DiagnosticCollector::new(args.max_diagnostics, &file_name);
    let input = open_input(&common.csv)?;
    let report = preflight.split(input, None, &mut |verdict: &_, record: &_| {
        collector.row(verdict, record)
    })?;
    let rendered = match args.format {
        Format::Human => render::human(
            &report,
            &file_name,
            &collector,
            common.strict,
            io::stdout().is_terminal(),
        ),
        Format::Json => json(&report)?,
    };
    print_stdout(&rendered)?;
    Ok(if report.uploads_cleanly(common.strict) {
        OK
    } else {
        FAILED_CHECKS
    })
}

fn split(args: &SplitArgs) -> Result<u8> {
    let preflight = preflight(&args.common, args.fix, false)?;
    let (report, outputs) = write_split(&preflight, &args.common.csv, &args.out_dir, args.force)?;
    outputs.commit()?;
    eprint!(
        "{}",
        split_summary(&report, &args.out_dir, args.common.strict)
    );
    Ok(OK)
}

/// The work of `split`: runs every check over `csv` and writes valid.csv,
/// invalid.csv and report.json under temporary names in `out_dir`. The
/// caller commits them (`upload` first checks them against an upload in
/// progress).
fn write_split(
    preflight: &Preflight,
    csv: &Path,
    out_dir: &Path,
    force: bool,
) -> Result<(Report, OutputDir)> {
    let input = open_input(csv)?;
    let mut outputs = OutputDir::prepare(out_dir, force)?;
    let report = preflight
        .split(
            input,
            Some(Outputs {
                valid: &mut outputs.valid.writer,
                invalid: &mut outputs.invalid.writer,
            }),
            &mut ringg_preflight::DiscardRows,
        )
        .wrap_err_with(|| format!("cannot split {}", csv.display()))?;
    outputs
        .report
        .writer
        .write_all(json(&report)?.as_bytes())
        .into_diagnostic()?;
    Ok((report, outputs))
}

/// What `split` prints on stderr once its outputs are in place.
fn split_summary(report: &Report, out_dir: &Path, strict: bool) -> String {
    let dir = out_dir.display();
    let mut summary = render::summary(report);
    summary.push_str(&render::verdict_line(report, strict));
    summary.push_str(&format!(
        "wrote {dir}/valid.csv ({} rows), {dir}/invalid.csv ({} rows), {dir}/report.json\n",
        report.valid_rows, report.invalid_rows
    ));
    summary
}

fn explain(args: &ExplainArgs) -> Result<u8> {
    let text = match &args.code {
        None => {
            let mut out = String::new();
            for rule in RULES {
                out.push_str(&format!(
                    "{}  {:<30} {}\n",
                    rule.code,
                    rule.name,
                    rule.default_severity.as_str()
                ));
            }
            out
        }
        Some(code) => {
            let Ok(code) = code.parse::<Code>() else {
                return Err(miette!(
                    help = "`ringg-preflight explain` lists every code",
                    "unknown rule code `{code}`"
                ));
            };
            let rule = code.rule();
            format!(
                "# {} {} ({})\n\n{}\n",
                rule.code,
                rule.name,
                rule.default_severity.as_str(),
                rule.doc()
            )
        }
    };
    print_stdout(&text)?;
    Ok(OK)
}

fn template(args: &TemplateArgs) -> Result<u8> {
    let campaign = Campaign::from_path(&args.campaign)?;
    let header = ringg_preflight::header::template_header(&campaign);
    match &args.output {
        Some(path) => output::write_atomically(path, &header)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write {}", path.display()))?,
        None => print_stdout(&header)?,
    }
    Ok(OK)
}

fn json(report: &Report) -> Result<String> {
    let mut text = serde_json::to_string_pretty(report).into_diagnostic()?;
    text.push('\n');
    Ok(text)
}

/// Writes to stdout; a closed pipe (`| head`) ends quietly.
fn print_stdout(text: &str) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.into_diagnostic(),
    }
}
