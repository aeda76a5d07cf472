//! The `ringg-preflight` command as a library function: [`run`] parses
//! arguments and wires the `ringg-preflight` library to files and the
//! terminal. The Rust binary and the Python package's console script both
//! call it, so they are one program. Every rule lives in the
//! `ringg-preflight` library.

/// `eprint!` that never panics: a write error on standard error (a closed
/// pipe, `2>&1 | head -1`) is ignored, as there is nowhere left to say it.
macro_rules! stderr {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprintln!` that never panics; see [`stderr!`].
macro_rules! stderrln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod args;
mod color;
mod format;
mod inputs;
mod interrupt;
mod kept;
mod output;
mod progress;
mod render;
mod upload;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use clap::Parser;
use miette::{IntoDiagnostic, Result, WrapErr, miette};
use ringg_preflight::{
    Campaign, Code, DiscardRows, ErrorKind, Outputs, Preflight, PreflightBuilder, RULES, Redactor,
    Report, RowSink,
};

use args::{CheckArgs, Cli, Command, Common, ExplainArgs, Format, SplitArgs, TemplateArgs};
use format::{CheckedFile, FileOutcome, RowFindings};
use inputs::Input;
use interrupt::Interruptible;
use output::OutputDir;
use progress::{Meter, Metered};
use render::DiagnosticCollector;

/// Exit status: the run was made and found nothing blocking.
const OK: u8 = 0;
/// Exit status: the file would not upload cleanly.
const FAILED_CHECKS: u8 = 1;
/// Exit status: the run could not be made.
pub(crate) const RUN_ERROR: u8 = 2;

/// Runs the command line `args` (the program name first, as
/// `std::env::args_os` gives it) and returns the exit status: 0 nothing
/// blocking, 1 the file would not upload cleanly, 2 the run could not be
/// made. Output goes to this process's standard output and error.
///
/// Meant to be called once per process, as its `main`: the checks a run
/// builds are released when the process exits, not when `run` returns.
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() { RUN_ERROR } else { OK };
        }
    };
    color::choose(cli.color);
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Split(args) => split(&args),
        Command::Explain(args) => explain(&args),
        Command::Template(args) => template(&args),
        Command::Upload(args) => upload::upload(&args),
        Command::Numbers(args) => upload::numbers(&args),
        Command::Status(args) => upload::status(&args),
        Command::Terminate(args) => upload::terminate(&args),
        Command::SuppressHash(args) => suppress_hash(&args),
    };
    match result {
        Ok(status) => status,
        Err(report) => {
            stderr!("{}", render::error(&report));
            RUN_ERROR
        }
    }
}

/// `split` for a library caller (the Python package): every check over
/// `csv`, and `valid.csv`, `invalid.csv` and `report.json` written to
/// `out_dir` as the command writes them (together or not at all; existing
/// outputs replaced only with `force`). Nothing is printed. The error is
/// the one the command would print; [`error_text`] renders it so.
pub fn split_to_dir(
    preflight: &Preflight,
    csv: &Path,
    out_dir: &Path,
    force: bool,
) -> Result<Report> {
    let _lock = output::OutDirLock::acquire(out_dir)?;
    let (report, outputs) = write_split_to(preflight, csv, out_dir, force, false, false, false)?
        .ok_or_else(|| miette!("the split's output was closed before it was complete"))?;
    outputs.commit()?;
    Ok(report)
}

/// `check` of one file for a library caller: the report, nothing printed
/// or written.
pub fn check_file(preflight: &Preflight, csv: &Path) -> Result<Report> {
    check_one(
        preflight,
        &Input::from_arg(csv),
        &mut DiscardRows,
        false,
        None,
    )
}

/// The failing read or write behind `error` (the input, the output
/// directory), if that is what it is.
pub fn io_error(error: &miette::Report) -> Option<&io::Error> {
    error
        .chain()
        .find_map(|cause| cause.downcast_ref::<kept::Kept<io::Error>>())
        .map(|kept| &kept.0)
}

/// An error as [`run`] prints it on standard error, without colour.
pub fn error_text(error: &miette::Report) -> String {
    render::plain_error(error)
}

/// The checks the command line asks for. They live until the process
/// exits, which reclaims their memory at once: dropping them would free
/// a split's buffers (some 15,000 allocations) one by one, ~0.5 ms of a
/// 26 ms split.
fn preflight(common: &Common, fix: bool, keep_rows: bool) -> Result<&'static Preflight> {
    let mut builder = PreflightBuilder::new();
    if let Some(path) = &common.campaign {
        builder.campaign(Campaign::from_path_limited(
            path,
            common.max_campaign_bytes,
        )?);
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
    for list in &common.suppress {
        builder.suppression_list(list.clone());
    }
    if let Some(now) = &common.now {
        let now = DateTime::parse_from_rfc3339(now)
            .into_diagnostic()
            .wrap_err_with(|| {
                format!("--now `{now}` is not an RFC 3339 time such as 2026-10-17T09:00:00+05:30")
            })?;
        builder.now(now.with_timezone(&Utc));
    }
    if let Some(args::EncodingArg(Some(encoding))) = common.encoding {
        builder.encoding(encoding);
    }
    if let Some(sheet) = &common.sheet {
        builder.sheet(sheet.clone());
    }
    if let Some(delimiter) = common.delimiter {
        builder.delimiter(delimiter);
    }
    if let Some(columns) = common.send_columns {
        builder.send_columns(columns);
    }
    builder
        .fix(fix)
        .threads(common.threads)
        .keep_row_findings(keep_rows)
        .limits(common.limits());
    Ok(Box::leak(Box::new(builder.build()?)))
}

/// Runs the split of `input` with `sink` seeing the rows, drawing a
/// progress bar when `show_progress` and the input is large.
fn check_one(
    preflight: &Preflight,
    input: &Input,
    sink: &mut dyn RowSink,
    show_progress: bool,
    redactor: Option<Redactor>,
) -> Result<Report> {
    let opened = input.open()?;
    let len = input.len();
    let mut metered = Metered {
        rows: sink,
        meter: Meter::new(len, show_progress),
        redactor,
    };
    let result = preflight.split_sized(opened.reader, len, None, &mut metered);
    metered.meter.finish();
    let mut report = result.wrap_err_with(|| format!("cannot check {}", input.name()))?;
    if let Some(redactor) = redactor {
        for finding in &mut report.file {
            finding.message = redactor.level_message(&finding.message);
        }
    }
    // A report on part of a file would be a wrong verdict.
    opened
        .watch
        .as_ref()
        .map_or(Ok(()), inputs::Watch::unchanged)?;
    Ok(report)
}

fn status_of(report: &Report, strict: bool) -> u8 {
    if report.uploads_cleanly(strict) {
        OK
    } else {
        FAILED_CHECKS
    }
}

/// The error and its causes on one line.
fn one_line(error: &miette::Report) -> String {
    error
        .chain()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ")
}

fn check(args: &CheckArgs) -> Result<u8> {
    let common = &args.common;
    let preflight = preflight(common, false, false)?;
    let inputs = inputs::expand(&args.csv_args())?;
    let show_progress = io::stderr().is_terminal() && !args.quiet;
    let redactor = common
        .redacts(args.format)
        .then(|| Redactor::new(preflight.phone_rules().calling_code()));
    let several = inputs.len() > 1;
    // Files by exit status: would upload, would not, not checked.
    let mut tally = [0usize; 3];
    let mut outcomes = Vec::with_capacity(inputs.len());
    // JSON is written as it is produced: memory stays bounded.
    let mut json = (args.format == Format::Json)
        .then(|| format::json::JsonStream::new(BufWriter::new(io::stdout().lock()), several));
    let mut sarif = (args.format == Format::Sarif).then(|| {
        format::sarif::SarifStream::new(
            BufWriter::new(io::stdout().lock()),
            common.campaign.as_deref(),
            preflight.campaign_findings(),
            redactor.is_some(),
        )
    });
    for input in inputs {
        let input = match input {
            Ok(input) => input,
            Err(no_match) => {
                let error = miette!(
                    help = "check the pattern and the directory it is run from",
                    "{no_match}"
                );
                tally[usize::from(RUN_ERROR)] += 1;
                report_failure(
                    args.format,
                    &no_match.0,
                    &error,
                    &mut outcomes,
                    json.as_mut(),
                    sarif.as_mut(),
                );
                continue;
            }
        };
        let name = input.name();
        let (result, rows) = match args.format {
            Format::Human => {
                let mut collector = DiagnosticCollector::new(args.max_diagnostics, &name);
                let mut rows = |verdict: &_, record: &_| collector.row(verdict, record);
                let result = check_one(preflight, &input, &mut rows, show_progress, redactor);
                if let Ok(report) = &result {
                    let mut text = if several {
                        format!("==> {name} <==\n")
                    } else {
                        String::new()
                    };
                    text.push_str(&render::human(
                        report,
                        &name,
                        &collector,
                        common.strict,
                        color::for_stdout(),
                    ));
                    if several {
                        text.push('\n');
                    }
                    print_stdout(&text)?;
                }
                (result, None)
            }
            Format::Json => {
                let Some(stream) = json.as_mut() else {
                    unreachable!("a JSON stream exists for --format json");
                };
                stream.start_file(&name);
                (
                    check_one(preflight, &input, stream, show_progress, redactor),
                    None,
                )
            }
            Format::Github => {
                // GitHub shows only so many annotations.
                let mut rows = RowFindings::new(Some(args.max_diagnostics));
                let result = check_one(preflight, &input, &mut rows, show_progress, redactor);
                (result, Some(rows))
            }
            Format::Sarif => {
                // SARIF wants every finding: each is placed and spooled as
                // it comes, and the file's results written when it is done.
                let Some(stream) = sarif.as_mut() else {
                    unreachable!("a SARIF stream exists for --format sarif");
                };
                let mut spool = stream.spool(&name).into_diagnostic()?;
                let mut resolver = format::columns::Resolver::new(input.path());
                let mut rows = |verdict: &_, record: &_| spool.row(verdict, record, &mut resolver);
                let result = check_one(preflight, &input, &mut rows, show_progress, redactor);
                if let Ok(report) = &result {
                    let level = format::place_level_findings(report, &mut resolver);
                    stream.file(&level, spool);
                }
                (result, None)
            }
        };
        match result {
            Ok(report) => {
                let status = status_of(&report, common.strict);
                tally[usize::from(status)] += 1;
                if let Some(stream) = json.as_mut() {
                    stream.end_file(&report, status);
                } else if let Some(rows) = rows {
                    let checked = CheckedFile::new(&input, report, rows);
                    outcomes.push(FileOutcome::Checked(Box::new(checked)));
                }
            }
            Err(error) => {
                tally[usize::from(RUN_ERROR)] += 1;
                report_failure(
                    args.format,
                    &name,
                    &error,
                    &mut outcomes,
                    json.as_mut(),
                    sarif.as_mut(),
                );
            }
        }
    }
    match args.format {
        Format::Human if several => print_stdout(&files_line(tally))?,
        Format::Human => {}
        Format::Json => {
            if let Some(stream) = json.take() {
                match stream.finish() {
                    // A closed pipe (`| head`) ends quietly.
                    Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {}
                    other => other.into_diagnostic()?,
                }
            }
        }
        Format::Github => {
            print_stdout(&format::github::render(
                common.campaign.as_deref(),
                preflight.campaign_findings(),
                &outcomes,
                common.strict,
                args.max_diagnostics,
            ))?;
            if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
                let summary = format::github::job_summary(
                    common.campaign.as_deref(),
                    preflight.campaign_findings(),
                    &outcomes,
                    common.strict,
                );
                if let Err(error) = append(path.as_ref(), &summary) {
                    stderrln!(
                        "warning: cannot write the job summary to {}: {error}",
                        std::path::Path::new(&path).display()
                    );
                }
            }
        }
        Format::Sarif => {
            if let Some(stream) = sarif.take() {
                match stream.finish() {
                    // A closed pipe (`| head`) ends quietly.
                    Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {}
                    other => other.into_diagnostic()?,
                }
            }
        }
    }
    let worst = if tally[usize::from(RUN_ERROR)] > 0 {
        RUN_ERROR
    } else if tally[usize::from(FAILED_CHECKS)] > 0 {
        FAILED_CHECKS
    } else {
        OK
    };
    Ok(worst)
}

/// Records a file that could not be checked: on stderr for the formats
/// people read, in the output for the machine formats.
fn report_failure(
    format: Format,
    name: &str,
    error: &miette::Report,
    outcomes: &mut Vec<FileOutcome>,
    json: Option<&mut format::json::JsonStream<impl Write>>,
    sarif: Option<&mut format::sarif::SarifStream<impl Write>>,
) {
    match format {
        Format::Human => stderr!("{}", render::error(error)),
        Format::Json => {
            stderr!("{}", render::error(error));
            if let Some(stream) = json {
                stream.fail_file(name, &one_line(error));
            }
        }
        Format::Sarif => {
            if let Some(stream) = sarif {
                stream.failed(name, &one_line(error));
            }
        }
        Format::Github => outcomes.push(FileOutcome::Failed {
            name: name.to_owned(),
            error: one_line(error),
        }),
    }
}

/// The closing line of a human run over several files.
fn files_line(tally: [usize; 3]) -> String {
    let [ok, failed, not_checked] = tally;
    format!(
        "{} files: {ok} would upload, {failed} would not, {not_checked} not checked\n",
        ok + failed + not_checked
    )
}

/// Appends `text` to the file at `path`, creating it when missing.
fn append(path: &std::path::Path, text: &str) -> io::Result<()> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?
        .write_all(text.as_bytes())
}

/// The error is a write to a pipe whose reader has gone (`| head`).
fn is_broken_pipe(error: &ringg_preflight::Error) -> bool {
    matches!(error.kind(), ErrorKind::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}

fn split(args: &SplitArgs) -> Result<u8> {
    let preflight = preflight(&args.common, args.fix, false)?;
    interrupt::install()?;
    let show_progress = io::stderr().is_terminal() && !args.quiet;
    // Held until the outputs are committed: one run per directory.
    let _lock = output::OutDirLock::acquire(&args.out_dir)?;
    let Some((report, outputs)) = write_split_to(
        preflight,
        &args.common.csv,
        &args.out_dir,
        args.force,
        args.valid_to_stdout,
        show_progress,
        args.excel_bom,
    )?
    else {
        // The next stage of the pipeline stopped reading: end quietly, as
        // other Unix tools do, leaving no partial file in --out-dir.
        return Ok(OK);
    };
    outputs.commit()?;
    // As `check`: 0 the outputs would upload cleanly, 1 they were written
    // but would not (said on stderr even with --quiet, in one line).
    let status = status_of(&report, args.common.strict);
    if !args.quiet {
        stderr!(
            "{}",
            split_summary(
                &report,
                &args.out_dir,
                args.common.strict,
                args.valid_to_stdout,
                false,
            )
        );
    } else if status != OK {
        stderr!("{}", render::verdict_line(&report, args.common.strict));
    }
    Ok(status)
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
    let show_progress = io::stderr().is_terminal();
    // No BOM: this `valid.csv` is what Ringg receives.
    write_split_to(preflight, csv, out_dir, force, false, show_progress, false)?
        .ok_or_else(|| miette!("the split's output was closed before it was complete"))
}

/// [`write_split`], with the valid rows to standard output instead of
/// `valid.csv` when `valid_to_stdout`, and the CSV files starting with a
/// UTF-8 byte-order mark when `excel_bom`. `None` when standard output is
/// a pipe whose reader went away: nothing is left to commit.
fn write_split_to(
    preflight: &Preflight,
    csv: &Path,
    out_dir: &Path,
    force: bool,
    valid_to_stdout: bool,
    show_progress: bool,
    excel_bom: bool,
) -> Result<Option<(Report, OutputDir)>> {
    let input = Input::from_arg(csv);
    if let Some(path) = input.path() {
        output::refuse_input_as_output(path, out_dir)?;
    }
    let inputs::Opened { reader, watch } = input.open()?;
    let mut outputs = OutputDir::prepare(out_dir, force, !valid_to_stdout)?;
    if excel_bom {
        // Excel reads a CSV file without one in the system's code page:
        // `José` would show as `JosÃ©`.
        for file in outputs.valid.iter_mut().chain([&mut outputs.invalid]) {
            file.writer
                .write_all(b"\xEF\xBB\xBF")
                .into_diagnostic()
                .wrap_err("cannot write the outputs")?;
        }
    }
    // `Stdout` (not its lock) is `Send`; the buffer keeps writes large.
    let mut stdout_valid = BufWriter::with_capacity(1 << 16, io::stdout());
    let valid: &mut (dyn Write + Send) = match outputs.valid.as_mut() {
        Some(file) => &mut file.writer,
        None => &mut stdout_valid,
    };
    let len = input.len();
    let mut metered = Metered {
        rows: &mut DiscardRows,
        meter: Meter::new(len, show_progress),
        redactor: None,
    };
    let result = preflight.split_sized(
        Interruptible(reader),
        len,
        Some(Outputs {
            valid,
            invalid: &mut outputs.invalid.writer,
        }),
        &mut metered,
    );
    metered.meter.finish();
    // Dropping `outputs` on any error below removes the temporary files.
    if interrupt::interrupted() {
        return Err(miette!(
            "interrupted (Ctrl-C): nothing was written to {}",
            out_dir.display()
        ));
    }
    let report = match result {
        Err(error) if is_broken_pipe(&error) => return Ok(None),
        other => other.wrap_err_with(|| format!("cannot split {}", input.name()))?,
    };
    watch.as_ref().map_or(Ok(()), inputs::Watch::unchanged)?;
    match stdout_valid.flush() {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => return Ok(None),
        other => other
            .into_diagnostic()
            .wrap_err("cannot write the valid rows to standard output")?,
    }
    outputs
        .report
        .writer
        .write_all(json(&report)?.as_bytes())
        .into_diagnostic()?;
    Ok(Some((report, outputs)))
}

/// What `split` prints on stderr once its outputs are in place.
/// The summary table, the verdict and what was written. `in_upload`: the
/// verdict does not advise running `split`, which the upload just did.
fn split_summary(
    report: &Report,
    out_dir: &Path,
    strict: bool,
    valid_to_stdout: bool,
    in_upload: bool,
) -> String {
    let dir = out_dir.display();
    let mut summary = render::summary(report);
    let verdict = render::verdict_line(report, strict);
    if in_upload {
        summary.push_str(&verdict.replace(render::SPLIT_ADVICE, ""));
    } else {
        summary.push_str(&verdict);
    }
    let valid_to = if valid_to_stdout {
        "standard output".to_owned()
    } else {
        format!("{dir}/valid.csv")
    };
    summary.push_str(&format!(
        "wrote {valid_to} ({}), {dir}/invalid.csv ({}), {dir}/report.json\n",
        render::counted(report.valid_rows, "row", "rows"),
        render::counted(report.invalid_rows, "row", "rows"),
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
            // A code in any case (`p003`) or a rule's name (`phone-invalid`).
            let rule = code
                .to_ascii_uppercase()
                .parse::<Code>()
                .ok()
                .map(Code::rule)
                .or_else(|| {
                    RULES
                        .iter()
                        .find(|rule| rule.name.eq_ignore_ascii_case(code))
                });
            let Some(rule) = rule else {
                return Err(miette!(
                    help = "`ringg-preflight explain` lists every code and name",
                    "no rule has the code or name `{}`",
                    ringg_preflight::escape_invisible(code)
                ));
            };
            format!(
                "# {} {} ({})\n\n{}\n",
                rule.code,
                rule.name,
                rule.default_severity.as_str(),
                plain_quotes(&rule.doc())
            )
        }
    };
    print_stdout(&text)?;
    Ok(OK)
}

/// A rule's Markdown as a terminal shows it: a quotation that holds
/// backticks is written in Markdown between runs of two or three
/// (``` `x` is … ```), which read as noise on a terminal; they become
/// double quotes ("`x` is …"). Single backticks stay.
fn plain_quotes(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut open = false;
    let mut rest = doc;
    while let Some(start) = rest.find("``") {
        out.push_str(&rest[..start]);
        let run = rest[start..].bytes().take_while(|&b| b == b'`').count();
        rest = &rest[start + run..];
        if open {
            if out.ends_with(' ') {
                out.pop();
            }
        } else if let Some(after) = rest.strip_prefix(' ') {
            rest = after;
        }
        out.push('"');
        open = !open;
    }
    out.push_str(rest);
    out
}

/// `suppress-hash`: the list's valid numbers as `sha256:` lines, in file
/// order, each once; entries that are not numbers are counted on stderr.
fn suppress_hash(args: &args::SuppressHashArgs) -> Result<u8> {
    let calling_code = match &args.country_code {
        Some(code) => Some(
            ringg_preflight::phone::calling_code_of(code)
                .map(|c| c.calling_code)
                .ok_or_else(|| {
                    miette!("--country-code `{code}` is not a calling code such as +91")
                })?,
        ),
        None => None,
    };
    let rules = ringg_preflight::phone::PhoneRules::new(
        calling_code,
        &ringg_preflight::campaign::NumberType::ALL,
    );
    let file = std::fs::File::open(&args.list)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot read {}", args.list.display()))?;
    let mut out = String::new();
    let mut seen = std::collections::HashSet::new();
    let mut invalid = 0u64;
    // The entries as S001 reads them: the same CSV or plain forms.
    ringg_preflight::suppression::for_each_entry(
        file,
        ringg_preflight::header::DEFAULT_PHONE_COLUMN,
        |entry, _line| {
            let hashed = if entry.starts_with("sha256:") {
                Some(entry.to_owned())
            } else {
                rules
                    .check(entry)
                    .number
                    .map(|number| ringg_preflight::suppression::hashed_entry(&number.e164))
            };
            match hashed {
                Some(hashed) if seen.insert(hashed.clone()) => {
                    out.push_str(&hashed);
                    out.push('\n');
                }
                Some(_) => {}
                None => invalid += 1,
            }
        },
    )
    .into_diagnostic()
    .wrap_err_with(|| format!("cannot read {}", args.list.display()))?;
    if invalid > 0 {
        stderrln!(
            "{}: {} not a valid number and not hashed",
            args.list.display(),
            render::counted(invalid, "entry is", "entries are")
        );
    }
    match &args.output {
        Some(path) if path.exists() && !args.force => Err(miette!(
            help = "pass --force to replace it, or name another file",
            "{} exists; suppress-hash does not overwrite a file unasked",
            path.display()
        )),
        Some(path) => {
            output::write_atomically(path, &out)
                .into_diagnostic()
                .wrap_err_with(|| format!("cannot write {}", path.display()))?;
            Ok(OK)
        }
        None => {
            print_stdout(&out)?;
            Ok(OK)
        }
    }
}

fn template(args: &TemplateArgs) -> Result<u8> {
    let campaign = Campaign::from_path(&args.campaign)?;
    let header = ringg_preflight::header::template_header(&campaign);
    match &args.output {
        Some(path) if path.exists() && !args.force => {
            return Err(miette!(
                help = "pass --force to replace it, or name another file",
                "{} exists; template does not overwrite a file unasked",
                path.display()
            ));
        }
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
