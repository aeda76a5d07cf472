//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Check Ringg AI contact lists offline, before upload.
#[derive(Debug, Parser)]
#[command(name = "ringg-preflight", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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
}

/// What every checking command takes.
#[derive(Debug, Args)]
pub struct Common {
    /// The contact CSV.
    pub csv: PathBuf,
    /// The campaign file (JSON, the fields of Ringg's /campaign/save).
    #[arg(long, value_name = "FILE")]
    pub campaign: Option<PathBuf>,
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
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Row diagnostics shown in human format before the summary.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub max_diagnostics: usize,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with the CSV line, then a summary.
    Human,
    /// The complete report as JSON.
    Json,
}
