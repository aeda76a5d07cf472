//! Command-line arguments.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ringg_preflight::{InputEncoding, Limits, SendColumns};
use ringg_upload::FlowChoice;

/// Check Ringg AI contact lists offline, before upload.
#[derive(Debug, Parser)]
#[command(name = "ringg-preflight", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour: auto (on a terminal, unless NO_COLOR is set or
    /// CLICOLOR_FORCE is), always or never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = crate::color::ColorChoice::Auto)]
    pub color: crate::color::ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run every check; write nothing. Exit 0: the file would upload
    /// cleanly; 1: it would not; 2: the run could not be made.
    Check(CheckArgs),
    /// Run every check and write valid.csv, invalid.csv and report.json.
    Split(SplitArgs),
    /// Print a rule's documentation; without a code, list every rule.
    Explain(ExplainArgs),
    /// Print the CSV header row a campaign file implies.
    Template(TemplateArgs),
    /// Check and split, then send valid.csv through Ringg's standard or
    /// large flow (key from RINGG_API_KEY). Exit 0: scheduled (or dry run
    /// printed); 1: refused by a check or by Ringg; 2: the run could not be
    /// made.
    Upload(UploadArgs),
    /// List the workspace's phone numbers (the ids --from-number takes).
    Numbers(NumbersArgs),
    /// Show the workspace's campaigns, or one campaign and its calls.
    Status(StatusArgs),
    /// Stop the calls of a campaign.
    Terminate(TerminateArgs),
    /// Write a suppression list in hashed form (`sha256:` of each number's
    /// E.164 text), to share it without sharing the numbers.
    SuppressHash(SuppressHashArgs),
}

#[derive(Debug, Args)]
pub struct SuppressHashArgs {
    /// The list: a CSV with a phone column or one number per line.
    pub list: PathBuf,
    /// The region numbers without a country code are read in (`+91`).
    #[arg(long, value_name = "CODE")]
    pub country_code: Option<String>,
    /// Write to FILE instead of standard output (an existing file needs
    /// --force).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace --output FILE when it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// What every checking command takes.
#[derive(Debug, Args)]
pub struct Common {
    /// The contact CSV; `-` reads standard input.
    pub csv: PathBuf,
    /// The campaign file (JSON, the fields of Ringg's /campaign/save).
    #[arg(long, value_name = "FILE")]
    pub campaign: Option<PathBuf>,
    /// The assistant's prompt: every `{{name}}` and `@{{name}}` in it is an
    /// assistant variable that must be mapped in the campaign.
    #[arg(long, value_name = "FILE", requires = "campaign")]
    pub prompt: Option<PathBuf>,
    /// Default country code for numbers written without one (`+91`);
    /// overrides the campaign's.
    #[arg(long, value_name = "CODE")]
    pub country_code: Option<String>,
    /// The clock for time-dependent checks, RFC 3339 (default: now).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Also fail on warnings.
    #[arg(long)]
    pub strict: bool,
    /// Validator threads [default: one per core but one; the reader and
    /// the merge use that one]. 0 means the default.
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub threads: usize,
    /// The file's encoding (`utf-8`, `windows-1252`, `latin1`, `utf-16le`,
    /// …), transcoded to UTF-8 as it is read. Default `auto`: a byte-order
    /// mark, else UTF-8 when the bytes are, else detected (and named).
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<EncodingArg>,
    /// The sheet of a workbook (.xlsx, .xlsm, .xls, .ods) to read: its
    /// name, or its number from 1; default: the first visible sheet.
    #[arg(long, value_name = "NAME|NUMBER")]
    pub sheet: Option<String>,

    /// The field delimiter (`,` `;` `|`, or `tab`); default: sniffed from
    /// the first lines. The outputs are always comma-separated.
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Longest field accepted, in bytes; K, M and G suffixes (1M = 1 MiB).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "1M")]
    pub max_field_bytes: u64,
    /// Longest row accepted, in bytes; K, M and G suffixes.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "8M")]
    pub max_row_bytes: u64,
    /// Largest campaign file read, in bytes; K, M and G suffixes.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "4M")]
    pub max_campaign_bytes: u64,
    /// Most data rows accepted (default: no limit).
    #[arg(long, value_name = "N")]
    pub max_rows: Option<u64>,
    /// A suppression list (do-not-call, opt-outs): a CSV with a phone
    /// column or one number per line; a contact on it is S001. Repeatable.
    #[arg(long = "suppress", value_name = "FILE")]
    pub suppress: Vec<PathBuf>,
    /// Which columns valid.csv and the upload carry: `all` (the default,
    /// or the campaign's `preflight.send_columns`), or `mapped`, only the
    /// phone column and those `variables_map` maps.
    #[arg(long, value_name = "WHICH", value_parser = parse_send_columns)]
    pub send_columns: Option<SendColumns>,
    /// Mask personal data in what is printed: numbers keep their country
    /// code and last two digits (`+91******10`), other cells become their
    /// length (`‹9 chars›`). On by default for --format github and sarif;
    /// valid.csv and invalid.csv are never masked.
    #[arg(long, overrides_with = "no_redact")]
    pub redact: bool,
    /// Print cell values as they are, even for --format github and sarif.
    #[arg(long, overrides_with = "redact")]
    pub no_redact: bool,
}

impl Common {
    /// Whether printed output is masked: `--redact`, `--no-redact`, else
    /// on for the formats whose output many people read.
    pub fn redacts(&self, format: Format) -> bool {
        if self.no_redact {
            false
        } else {
            self.redact || matches!(format, Format::Github | Format::Sarif)
        }
    }

    /// The limits these options set.
    pub fn limits(&self) -> Limits {
        Limits {
            max_field_bytes: self.max_field_bytes,
            max_row_bytes: self.max_row_bytes,
            max_rows: self.max_rows,
        }
    }
}

fn parse_send_columns(text: &str) -> Result<SendColumns, String> {
    SendColumns::from_name(text).ok_or_else(|| format!("`{text}` is neither `all` nor `mapped`"))
}

/// `--encoding`: a named encoding, or `auto` (`None`).
#[derive(Debug, Clone, Copy)]
pub struct EncodingArg(pub Option<InputEncoding>);

fn parse_encoding(label: &str) -> Result<EncodingArg, String> {
    if label.trim().eq_ignore_ascii_case("auto") {
        return Ok(EncodingArg(None));
    }
    InputEncoding::for_label(label)
        .map(|encoding| EncodingArg(Some(encoding)))
        .ok_or_else(|| {
            format!(
                "`{label}` names no encoding; try auto, utf-8, windows-1252, latin1 or utf-16le"
            )
        })
}

fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if text.len() == 1 && text.is_ascii() && !"\"\r\n".contains(text) => {
            Ok(text.as_bytes()[0])
        }
        _ => Err(format!(
            "`{text}` is not one ASCII character (`,` `;` `|`, or `tab`)"
        )),
    }
}

/// `4096`, `64K`, `1M`, `2G` (binary multiples).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, shift) = match text.char_indices().last() {
        Some((i, 'k' | 'K')) => (&text[..i], 10),
        Some((i, 'm' | 'M')) => (&text[..i], 20),
        Some((i, 'g' | 'G')) => (&text[..i], 30),
        _ => (text, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{text}` is not a size such as 4096, 64K or 1M"))
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
    /// More contact CSVs (or glob patterns the shell did not expand), each
    /// with its own verdict; the exit status is the worst.
    #[arg(value_name = "CSV")]
    pub more: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Row diagnostics shown per file in human format; annotations in all
    /// in github format.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub max_diagnostics: usize,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

impl CheckArgs {
    /// Every CSV named, in order.
    pub fn csv_args(&self) -> Vec<&std::path::Path> {
        std::iter::once(self.common.csv.as_path())
            .chain(self.more.iter().map(PathBuf::as_path))
            .collect()
    }
}

#[derive(Debug, Args)]
pub struct SplitArgs {
    #[command(flatten)]
    pub common: Common,
    /// Where valid.csv, invalid.csv and report.json are written.
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    /// Replace existing output files.
    #[arg(long)]
    pub force: bool,
    /// Rewrite repairable cells (dates in another format) in valid.csv.
    #[arg(long)]
    pub fix: bool,
    /// Write the valid rows to standard output instead of
    /// DIR/valid.csv (invalid.csv and report.json still go to DIR).
    #[arg(long)]
    pub valid_to_stdout: bool,
    /// Start valid.csv and invalid.csv with a UTF-8 byte-order mark, so
    /// that Excel shows `José`, not `JosÃ©`. For people reviewing the
    /// files; `upload` never sends one.
    #[arg(long)]
    pub excel_bom: bool,
    /// No progress bar and no summary on standard error.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code such as P007.
    pub code: Option<String>,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The campaign file.
    #[arg(long, value_name = "FILE")]
    pub campaign: PathBuf,
    /// Write the header to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE when it exists (as `split --force` replaces outputs).
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// Where Ringg's API is.
#[derive(Debug, Args)]
pub struct Api {
    /// Ringg's API base URL (default: production,
    /// https://prod-api.ringg.ai/ca/api/v0); a local fake's is
    /// http://127.0.0.1:8080/ca/api/v0.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Longest time, in seconds, one request may take in all: connecting,
    /// sending, and Ringg's whole answer.
    #[arg(long, value_name = "SECS", default_value = "60", value_parser = seconds)]
    pub request_timeout: Duration,
    /// Longest time, in seconds, the whole command may spend talking to
    /// Ringg, retries and (for upload) processing polls included.
    #[arg(long, value_name = "SECS", default_value = "2400", value_parser = seconds)]
    pub deadline: Duration,
}

#[derive(Debug, Args)]
#[command(mut_arg("campaign", |arg| arg.required(true)))]
pub struct UploadArgs {
    #[command(flatten)]
    pub common: Common,
    /// Where valid.csv, invalid.csv, report.json and upload-state.json are
    /// written. Run the same command with the same DIR to resume.
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    /// Replace existing split outputs. Never discards an upload in progress.
    #[arg(long)]
    pub force: bool,
    /// Rewrite repairable cells (dates in another format) in valid.csv.
    #[arg(long)]
    pub fix: bool,
    /// A workspace number id to call from (see `numbers`); repeatable.
    /// This or --number-pool-id is needed.
    #[arg(
        long = "from-number",
        value_name = "ID",
        conflicts_with = "number_pool_id"
    )]
    pub from_numbers: Vec<String>,
    /// A managed number pool to call from, instead of --from-number.
    #[arg(long, value_name = "ID")]
    pub number_pool_id: Option<String>,
    /// Where Ringg posts each call's result.
    #[arg(long, value_name = "URL")]
    pub callback_url: Option<String>,
    /// Which of Ringg's flows: auto picks large at 5,000 valid rows.
    #[arg(long, value_enum, default_value_t = FlowArg::Auto)]
    pub flow: FlowArg,
    /// Upload valid.csv even though some rows are invalid and the campaign
    /// keeps remove_invalid_rows=false; the skipped rows stay in invalid.csv.
    #[arg(long)]
    pub skip_invalid_rows: bool,
    /// Print every request that would be sent (key redacted); send nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub api: Api,
    /// Longest wait, in seconds, for Ringg to process a large upload.
    #[arg(long, value_name = "SECS", default_value = "1800", value_parser = seconds)]
    pub timeout: Duration,
    /// Seconds before the second poll of a large upload's status; doubled
    /// after each poll, up to 15 s.
    #[arg(long, value_name = "SECS", default_value = "1", value_parser = seconds)]
    pub poll_interval: Duration,
    /// Re-send a create request that an earlier run sent without learning
    /// its outcome. Check `status` first: it may create a duplicate.
    #[arg(long)]
    pub resend_uncertain: bool,
    /// Also show each request as it is sent, and every status poll.
    #[arg(long, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Only the verdict, errors and the outcome: no findings, no summary
    /// table, no progress.
    #[arg(long, short)]
    pub quiet: bool,
    /// Upload without asking. A real upload (not --dry-run) asks on a
    /// terminal, showing the campaign, its rows and its window; without a
    /// terminal it needs --yes.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// The `--flow` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlowArg {
    /// Large at 5,000 valid rows and more, else standard.
    Auto,
    /// /campaign/save then /campaign/start.
    Standard,
    /// /campaign/upload-csv, status polls, balance check, make-call-async.
    Large,
}

impl From<FlowArg> for FlowChoice {
    fn from(flow: FlowArg) -> Self {
        match flow {
            FlowArg::Auto => FlowChoice::Auto,
            FlowArg::Standard => FlowChoice::Standard,
            FlowArg::Large => FlowChoice::Large,
        }
    }
}

#[derive(Debug, Args)]
pub struct NumbersArgs {
    #[command(flatten)]
    pub api: Api,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// A campaign's list_id or bulk_list_id: show it and its calls.
    #[arg(long, value_name = "ID")]
    pub list_id: Option<String>,
    /// Take the list id from DIR/upload-state.json, which `upload --out-dir
    /// DIR` writes (refused when it records another base URL than --base-url).
    #[arg(long, value_name = "DIR", conflicts_with = "list_id")]
    pub out_dir: Option<PathBuf>,
    #[command(flatten)]
    pub api: Api,
}

#[derive(Debug, Args)]
pub struct TerminateArgs {
    /// The campaign's list_id or bulk_list_id (`upload` prints it).
    #[arg(long, value_name = "ID")]
    pub list_id: String,
    #[command(flatten)]
    pub api: Api,
}

/// Parses a number of seconds such as `30` or `0.5`.
fn seconds(text: &str) -> Result<Duration, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .ok_or_else(|| format!("`{text}` is not a number of seconds such as 30 or 0.5"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with the CSV line, then a summary.
    Human,
    /// The complete report as JSON (an array of {file, report} for
    /// several files).
    Json,
    /// GitHub Actions workflow commands (annotations), then a job summary
    /// to $GITHUB_STEP_SUMMARY.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_take_fractions_and_refuse_the_rest() {
        assert_eq!(seconds("30"), Ok(Duration::from_secs(30)));
        assert_eq!(seconds(" 0.5 "), Ok(Duration::from_millis(500)));
        for bad in ["-1", "NaN", "inf", "soon", ""] {
            let error = seconds(bad).expect_err(bad);
            assert!(error.contains("is not a number of seconds"), "{error}");
        }
    }

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("1m"), Ok(1 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("1T").is_err());
        assert!(parse_size("99999999999G").is_err());
    }
}
