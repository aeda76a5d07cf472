//! The commands that talk to Ringg: `upload` (the `split` of this binary,
//! then the upload flow of `ringg-upload`), `numbers`, `status` and
//! `terminate`. HTTP, the flows, retries and resume live in `ringg-upload`;
//! this module wires them to the split's outputs, the environment and the
//! terminal.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::io::{self, IsTerminal};
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use miette::{IntoDiagnostic, Result, WrapErr, miette};
use ringg_preflight::{Campaign, Preflight, Report};
use ringg_upload::{
    ApiKey, Call, CampaignForm, CampaignsQuery, Client, ClientConfig, CsvIdentity,
    DEFAULT_BASE_URL, HistoryQuery, NumbersQuery, PollPolicy, ProgressMode, STATE_FILE_NAME,
    TerminateRequest, UploadEvent, UploadInput, UploadOptions, UploadOutcome, UploadState,
    WorkspaceNumber,
};

use crate::args::{Api, NumbersArgs, StatusArgs, TerminateArgs, UploadArgs};
use crate::{FAILED_CHECKS, OK, RUN_ERROR, print_stdout};
use crate::{output, render};

/// Page size when listing numbers (Ringg's maximum).
const NUMBERS_PAGE: u32 = 100;
/// Page size when looking a campaign up in `/campaign/all`.
const CAMPAIGNS_PAGE: u32 = 100;
/// Pages read at most when listing: a bound on a misbehaving server.
const MAX_PAGES: u32 = 100;
/// Campaigns shown by `status` without a list id.
const RECENT_CAMPAIGNS: u32 = 20;
/// Calls shown by `status --list-id`.
const CALLS_SHOWN: u32 = 20;

/// `upload`: split into `--out-dir`, refuse what would not upload cleanly,
/// then send `valid.csv`.
pub fn upload(args: &UploadArgs) -> Result<u8> {
    let common = &args.common;
    let preflight = crate::preflight(common, args.fix, false)?;
    let Some(campaign) = preflight.campaign() else {
        return Err(miette!(
            help = "the campaign file holds the fields Ringg's /campaign/save needs; `template --campaign FILE` shows the header it implies",
            "upload needs --campaign FILE"
        ));
    };
    if args.from_numbers.is_empty() && args.number_pool_id.is_none() {
        return Err(miette!(
            help = "`ringg-preflight numbers` lists the workspace's number ids",
            "upload needs the numbers to call from: --from-number ID (repeatable) or --number-pool-id ID"
        ));
    }
    // Before the checks, so that a missing key costs no time. A dry run
    // sends nothing and needs none.
    let api_key = if args.dry_run {
        ApiKey::from_env().ok()
    } else {
        Some(ApiKey::from_env()?)
    };

    // Held for the split and the whole upload: two runs on one directory
    // would create and start two campaigns.
    let _lock = output::OutDirLock::acquire(&args.out_dir)?;
    let report = split_for_upload(args, preflight)?;
    if !args.quiet {
        let color = crate::color::for_stderr();
        stderr!(
            "{}{}",
            render::level_findings(&report, &common.csv.display().to_string(), color),
            crate::split_summary(&report, &args.out_dir, common.strict, false, true)
        );
    }
    let sending = if args.dry_run {
        "dry run, nothing is sent: would upload"
    } else {
        "uploading"
    };
    match verdict(
        &report,
        common.strict,
        args.skip_invalid_rows,
        &args.out_dir,
        sending,
    ) {
        Verdict::Refuse(why) => {
            stderrln!("upload refused, nothing was sent: {why}");
            return Ok(FAILED_CHECKS);
        }
        Verdict::Upload(what) => {
            if !args.dry_run && !confirmed(args, campaign, report.valid_rows)? {
                stderrln!("upload cancelled, nothing was sent");
                return Ok(FAILED_CHECKS);
            }
            stderrln!("{what}");
        }
    }

    let input = UploadInput {
        form: campaign_form(campaign, common.country_code.as_deref()),
        csv_path: args.out_dir.join(output::OUTPUT_FILES[0]),
        valid_rows: report.valid_rows,
    };
    let printer = EventPrinter::new(args.verbose, args.quiet);
    let mut opts = UploadOptions::new(&args.out_dir);
    opts.base_url = base_url(&args.api);
    opts.request_timeout = args.api.request_timeout;
    opts.deadline = Some(args.api.deadline);
    opts.api_key = api_key;
    opts.from_numbers = args.from_numbers.clone();
    opts.number_pool_id = args.number_pool_id.clone();
    opts.callback_url = args.callback_url.clone();
    opts.flow = args.flow.into();
    opts.dry_run = args.dry_run;
    opts.timeout = args.timeout;
    opts.poll = PollPolicy {
        initial_interval: args.poll_interval,
        max_interval: PollPolicy::default().max_interval.max(args.poll_interval),
    };
    opts.progress = printer.progress_mode();
    opts.resend_uncertain = args.resend_uncertain;

    match ringg_upload::upload(&input, &opts, &|event| printer.show(event)) {
        Ok(UploadOutcome::DryRun(plan)) => {
            print_stdout(&plan.to_string())?;
            Ok(OK)
        }
        Ok(UploadOutcome::Scheduled(scheduled)) => {
            print_stdout(&format!("{scheduled}\n"))?;
            let url = match &args.api.base_url {
                Some(url) => format!(" --base-url {url}"),
                None => String::new(),
            };
            stderrln!(
                "follow it with: ringg-preflight status --out-dir {}{url}",
                args.out_dir.display()
            );
            Ok(OK)
        }
        Err(error) => Ok(api_failure(error)),
    }
}

/// Runs `split` into the upload's output directory, leaving an upload in
/// progress intact.
///
/// When `upload-state.json` exists, an earlier run has sent something: the
/// new `valid.csv` must be the very one it records, or the rerun would
/// resume with other rows (whatever `--force` says). Otherwise existing
/// outputs are replaced by an identical `valid.csv` (a rerun after a dry
/// run or a refusal), or with `--force`.
fn split_for_upload(args: &UploadArgs, preflight: &Preflight) -> Result<Report> {
    let dir = &args.out_dir;
    let state = UploadState::load_from_dir(dir)?;
    let existing = output::existing_output(dir);
    let (report, mut outputs) = crate::write_split(preflight, &args.common.csv, dir, true)?;
    let valid = outputs
        .valid
        .as_mut()
        .ok_or_else(|| miette!("upload writes valid.csv to --out-dir"))?;
    let fresh = CsvIdentity::of_file(valid.flush()?)?;
    if let Some(state) = &state {
        if !same_content(&state.csv, &fresh) {
            return Err(miette!(
                help = format!(
                    "to resume that upload, run the same command with the same CSV, campaign file and options; \
                     to start another, use a new --out-dir (`ringg-preflight status --out-dir {}` shows whether the earlier campaign exists on Ringg)",
                    dir.display()
                ),
                "{} records an upload of another valid.csv ({} bytes) than the one these checks produce ({} bytes); nothing was replaced or sent",
                dir.join(STATE_FILE_NAME).display(),
                state.csv.size,
                fresh.size
            ));
        }
    } else if let Some(existing) = existing.filter(|_| !args.force) {
        let previous = CsvIdentity::of_file(&dir.join(output::OUTPUT_FILES[0])).ok();
        if !previous.is_some_and(|previous| same_content(&previous, &fresh)) {
            return Err(miette!(
                help = "pass --force to replace it, or choose another --out-dir",
                "{} already exists and holds the output of other checks",
                existing.display()
            ));
        }
    }
    outputs.commit()?;
    Ok(report)
}

fn same_content(a: &CsvIdentity, b: &CsvIdentity) -> bool {
    a.size == b.size && a.sha256 == b.sha256
}

/// Whether to upload, and what to tell the user either way.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Upload(String),
    Refuse(String),
}

/// Whether a real upload may go ahead: `--yes`, or a "y" typed on the
/// terminal after seeing what would be called. Without a terminal and
/// without `--yes` the run stops: a script must say so explicitly, since
/// an upload spends money and calls people.
fn confirmed(args: &UploadArgs, campaign: &Campaign, rows: u64) -> Result<bool> {
    if args.yes {
        return Ok(true);
    }
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Err(miette!(
            help = "check it with --dry-run first; pass --yes to upload without a question",
            "a real upload needs --yes when no terminal can confirm it (it spends money and calls people)"
        ));
    }
    stderr!(
        "upload {} to Ringg as campaign `{}`, calling from {} to {}? [y/N] ",
        render::counted(rows, "row", "rows"),
        ringg_preflight::escape_invisible(&campaign.campaign_name),
        campaign.campaign_start_time,
        campaign.campaign_end_time
    );
    let mut answer = String::new();
    io::stdin()
        .read_line(&mut answer)
        .into_diagnostic()
        .wrap_err("cannot read the answer")?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// SPEC §3: upload only what would upload cleanly. `--skip-invalid-rows`
/// accepts leaving the invalid rows out when `valid.csv` alone would.
/// `sending` is the verb: `uploading`, or a dry run's `would upload`.
fn verdict(
    report: &Report,
    strict: bool,
    skip_invalid_rows: bool,
    dir: &Path,
    sending: &str,
) -> Verdict {
    let dir = dir.display();
    let (valid, invalid) = (report.valid_rows, report.invalid_rows);
    let rows = |n, what: &str| render::counted(n, &format!("{what}row"), &format!("{what}rows"));
    if report.uploads_cleanly(strict) {
        return Verdict::Upload(if invalid > 0 {
            format!(
                "{sending} the {} of {dir}/valid.csv; the {} in {dir}/invalid.csv {} not sent",
                rows(valid, "valid "),
                rows(invalid, "invalid "),
                if invalid == 1 { "is" } else { "are" }
            )
        } else {
            format!("{sending} the {} of {dir}/valid.csv", rows(valid, ""))
        });
    }
    let valid_rows_upload_cleanly = invalid > 0 && only_valid_rows(report).uploads_cleanly(strict);
    match (valid_rows_upload_cleanly, skip_invalid_rows) {
        (true, true) => Verdict::Upload(format!(
            "--skip-invalid-rows: {sending} the {} of {dir}/valid.csv, leaving out {} (listed with their errors in {dir}/invalid.csv)",
            rows(valid, "valid "),
            rows(invalid, "invalid ")
        )),
        (true, false) => Verdict::Refuse(format!(
            "{} invalid; fix them (each is listed with its errors in {dir}/invalid.csv), \
             or pass --skip-invalid-rows to upload only the {}",
            match invalid {
                1 => "1 row is".to_owned(),
                n => format!("{n} rows are"),
            },
            rows(valid, "valid ")
        )),
        (false, _) => Verdict::Refuse(
            "fix what the checks above report, then run the same command again".to_owned(),
        ),
    }
}

/// The report as it reads for `valid.csv` alone: what Ringg receives when
/// the invalid rows are skipped.
fn only_valid_rows(report: &Report) -> Report {
    Report {
        total_rows: report.valid_rows,
        invalid_rows: 0,
        ..report.clone()
    }
}

/// The form of `/campaign/save` and `/campaign/upload-csv`, from the
/// campaign file (`--country-code` overrides its country, as for the checks).
fn campaign_form(campaign: &Campaign, country_code: Option<&str>) -> CampaignForm {
    CampaignForm {
        agent_id: campaign.agent_id.clone(),
        campaign_name: campaign.campaign_name.clone(),
        country_code: country_code.unwrap_or(&campaign.country_code).to_owned(),
        campaign_start_time: campaign.campaign_start_time.clone(),
        campaign_end_time: campaign.campaign_end_time.clone(),
        variables_map: campaign.variables_map_json(),
        call_config: campaign.call_config_json(),
        remove_invalid_rows: Some(campaign.remove_invalid_rows),
        transliterate_callee_name: campaign.transliterate_callee_name,
    }
}

/// Renders upload events on standard error, one line each.
///
/// On a terminal the large flow's polling draws a progress bar; the bar is
/// handed to the library (`ProgressMode::Custom`) so that lines printed
/// while it is drawn go above it instead of through it. Elsewhere (CI logs)
/// there is no bar and each new polling status gets a line of its own.
struct EventPrinter {
    bar: Option<ProgressBar>,
    verbose: bool,
    /// `--quiet`: no step lines; the outcome (stdout) and errors only.
    quiet: bool,
    last_progress: RefCell<String>,
}

impl EventPrinter {
    fn new(verbose: bool, quiet: bool) -> Self {
        let bar = (io::stderr().is_terminal() && !quiet).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
                bar.set_style(style);
            }
            bar
        });
        EventPrinter {
            bar,
            verbose,
            quiet,
            last_progress: RefCell::new(String::new()),
        }
    }

    fn progress_mode(&self) -> ProgressMode {
        match &self.bar {
            Some(bar) => ProgressMode::Custom(bar.clone()),
            None => ProgressMode::Hidden,
        }
    }

    fn show(&self, event: &UploadEvent) {
        if self.quiet {
            return;
        }
        let line = event.to_string();
        let wanted = match event {
            UploadEvent::UploadProgress { .. } => {
                let repeated = self.last_progress.replace(line.clone()) == line;
                self.verbose || (self.bar.is_none() && !repeated)
            }
            _ => self.verbose || !event.is_verbose(),
        };
        if !wanted {
            return;
        }
        match &self.bar {
            // The library gives the bar its first message at the first
            // poll and clears it when polling ends; suspending it at any
            // other time would draw an empty bar.
            Some(bar) if !bar.is_finished() && !bar.message().is_empty() => {
                bar.suspend(|| stderrln!("{line}"));
            }
            _ => stderrln!("{line}"),
        }
    }
}

/// Shows an uploader error and gives the exit status: 1 when Ringg (or
/// the balance, or the uploaded data) refused, 2 when the run could not be
/// made.
fn api_failure(error: ringg_upload::Error) -> u8 {
    let status = if error.is_refusal() {
        FAILED_CHECKS
    } else {
        RUN_ERROR
    };
    // Unwrapped: Ringg's messages carry ids and URLs (the invalid rows'
    // file) that must survive a copy and paste whole.
    stderr!("{}", render::diagnostic(&error, false));
    status
}

/// `--base-url`, else production.
fn base_url(api: &Api) -> String {
    api.base_url
        .as_deref()
        .unwrap_or(DEFAULT_BASE_URL)
        .to_owned()
}

/// A client with the key from `RINGG_API_KEY`; retries are reported on
/// standard error.
fn client(api: &Api) -> Result<Client> {
    let mut config = ClientConfig::new(ApiKey::from_env()?);
    config.base_url = base_url(api);
    config.request_timeout = api.request_timeout;
    config.deadline = Some(api.deadline);
    Ok(Client::new(config)?.with_events(|event| {
        if !event.is_verbose() {
            stderrln!("{event}");
        }
    }))
}

/// Prints what a command found, or shows its error: the exit status.
fn finish(result: Result<String, ringg_upload::Error>) -> Result<u8> {
    match result {
        Ok(text) => {
            print_stdout(&text)?;
            Ok(OK)
        }
        Err(error) => Ok(api_failure(error)),
    }
}

/// `numbers`: every workspace number, with the id `--from-number` takes.
pub fn numbers(args: &NumbersArgs) -> Result<u8> {
    let client = client(&args.api)?;
    finish(workspace_numbers(&client).map(|numbers| render_numbers(&numbers)))
}

fn workspace_numbers(client: &Client) -> Result<Vec<WorkspaceNumber>, ringg_upload::Error> {
    let mut all = Vec::new();
    for page in 0..MAX_PAGES {
        let numbers = client
            .workspace_numbers(&NumbersQuery {
                limit: Some(NUMBERS_PAGE),
                offset: Some(page * NUMBERS_PAGE),
            })?
            .workspace_numbers;
        let last = numbers.len() < NUMBERS_PAGE as usize;
        all.extend(numbers);
        if last {
            break;
        }
    }
    Ok(all)
}

fn render_numbers(numbers: &[WorkspaceNumber]) -> String {
    let mut out = format!(
        "{:<36}  {:<16}  {:<10}  {:<20}  {}\n",
        "id", "number", "provider", "name", "assistant"
    );
    for n in numbers {
        let assistant = n
            .agent
            .as_ref()
            .and_then(|a| a.agent_display_name.as_deref());
        let _ = writeln!(
            out,
            "{:<36}  {:<16}  {:<10}  {:<20}  {}",
            text(n.id.as_deref()),
            text(n.number.as_deref()),
            text(n.provider.as_deref()),
            text(n.display_name.as_deref()),
            text(assistant)
        );
    }
    let _ = writeln!(
        out,
        "{} numbers; pass an id to `upload --from-number`",
        numbers.len()
    );
    out
}

fn text(value: Option<&str>) -> &str {
    value.filter(|v| !v.is_empty()).unwrap_or("-")
}

/// `status`: one campaign and its calls (`--list-id`, or the id recorded
/// in `--out-dir`), else the recent campaigns.
pub fn status(args: &StatusArgs) -> Result<u8> {
    let mut out = String::new();
    let mut list_id = args.list_id.clone();
    if let Some(dir) = &args.out_dir {
        let Some(state) = UploadState::load_from_dir(dir)? else {
            return Err(miette!(
                help = "run `upload --out-dir DIR` first, or pass --list-id",
                "{} does not exist: no upload was made into {}",
                dir.join(STATE_FILE_NAME).display(),
                dir.display()
            ));
        };
        // The state file is data, not configuration: the key goes only to
        // the URL given (or production), never to one a file names.
        let asked = ringg_upload::normalize_base_url(&base_url(&args.api))?;
        if state.base_url != asked {
            return Err(miette!(
                help = "pass --base-url with the URL the upload used, if you trust it",
                "{} records an upload to {}, not to {asked}; the key is not sent to a URL read from a file",
                dir.join(STATE_FILE_NAME).display(),
                ringg_upload::escape_controls(&state.base_url)
            ));
        }
        for line in describe_state(&state).lines() {
            out.push_str(&ringg_upload::escape_controls(line));
            out.push('\n');
        }
        list_id = state.campaign_id().map(str::to_owned);
    }
    let client = client(&args.api)?;
    let result = match &list_id {
        Some(id) => one_campaign(&client, id),
        None => recent_campaigns(&client),
    };
    finish(result.map(|found| out + &found))
}

/// What an upload recorded in its state file.
fn describe_state(state: &UploadState) -> String {
    let mut out = format!("upload-state.json: {} flow", state.flow);
    if let Some(id) = &state.list_id {
        let _ = write!(out, ", list_id {id}");
    }
    if let Some(id) = &state.bulk_list_id {
        let _ = write!(out, ", bulk_list_id {id}");
    }
    let done: Vec<&str> = state.completed_steps().iter().map(|s| s.name()).collect();
    let _ = write!(
        out,
        "; done: {}",
        if done.is_empty() {
            "nothing".to_owned()
        } else {
            done.join(", ")
        }
    );
    if state.started {
        out.push_str("; started");
    }
    if let Some(pending) = &state.pending {
        let _ = write!(
            out,
            "; {} was sent but its outcome is unknown: look for the campaign below",
            pending.step
        );
    }
    out.push('\n');
    out
}

fn recent_campaigns(client: &Client) -> Result<String, ringg_upload::Error> {
    let list = client.all_campaigns(&CampaignsQuery {
        call_count: Some(true),
        limit: Some(RECENT_CAMPAIGNS),
        offset: None,
    })?;
    let mut out = format!(
        "{:<36}  {:<10}  {:>7}  {:<25}  {}\n",
        "id", "status", "calls", "start", "name"
    );
    for c in &list.campaigns {
        let calls = c.total_count.map_or("-".to_owned(), |n| n.to_string());
        let _ = writeln!(
            out,
            "{:<36}  {:<10}  {:>7}  {:<25}  {}",
            text(c.id.as_deref()),
            text(c.campaign_status.as_deref()),
            calls,
            text(c.campaign_start_time.as_deref()),
            text(c.name.as_deref())
        );
    }
    let total = list
        .pagination
        .and_then(|p| p.total)
        .unwrap_or(list.campaigns.len() as u64);
    let _ = writeln!(
        out,
        "{} of {total} campaigns; `status --list-id ID` shows one with its calls",
        list.campaigns.len()
    );
    Ok(out)
}

fn one_campaign(client: &Client, id: &str) -> Result<String, ringg_upload::Error> {
    let mut out = String::new();
    match find_campaign(client, id)? {
        Some(c) => {
            let _ = writeln!(out, "campaign {id}: {}", text(c.name.as_deref()));
            let _ = writeln!(out, "  status  {}", text(c.campaign_status.as_deref()));
            let _ = writeln!(out, "  start   {}", text(c.campaign_start_time.as_deref()));
            let _ = writeln!(out, "  end     {}", text(c.campaign_end_time.as_deref()));
            let count = |n: Option<u64>| n.map_or("-".to_owned(), |n| n.to_string());
            let _ = writeln!(
                out,
                "  calls   {} total, {} registered, {} completed",
                count(c.total_count),
                count(c.registered_count),
                count(c.completed_count)
            );
        }
        None => {
            let _ = writeln!(out, "campaign {id} is not in the workspace's campaign list");
        }
    }
    let history = client.call_history(&HistoryQuery {
        bulk_list_id: Some(id.to_owned()),
        limit: Some(CALLS_SHOWN),
        ..HistoryQuery::default()
    })?;
    let total = history.total.unwrap_or(history.calls.len() as u64);
    let _ = writeln!(
        out,
        "calls: {total}{}",
        if total > history.calls.len() as u64 {
            format!(" (the first {} below)", history.calls.len())
        } else {
            String::new()
        }
    );
    if !history.calls.is_empty() {
        let _ = writeln!(
            out,
            "  {:<16}  {:<10}  {:<16}  {:>8}  name",
            "to", "status", "sub status", "seconds"
        );
    }
    for call in &history.calls {
        let _ = writeln!(out, "{}", render_call(call));
    }
    Ok(out)
}

fn render_call(call: &Call) -> String {
    format!(
        "  {:<16}  {:<10}  {:<16}  {:>8}  {}",
        text(call.to_number.as_deref()),
        text(call.status.as_deref()),
        text(call.sub_status.as_deref()),
        call.call_duration
            .map_or("-".to_owned(), |d| format!("{d:.0}")),
        text(call.name.as_deref())
    )
}

/// Looks `id` up in `/campaign/all`, page by page.
fn find_campaign(
    client: &Client,
    id: &str,
) -> Result<Option<ringg_upload::Campaign>, ringg_upload::Error> {
    for page in 0..MAX_PAGES {
        let list = client.all_campaigns(&CampaignsQuery {
            call_count: Some(true),
            limit: Some(CAMPAIGNS_PAGE),
            offset: Some(page * CAMPAIGNS_PAGE),
        })?;
        let last = list.campaigns.len() < CAMPAIGNS_PAGE as usize;
        if let Some(found) = list
            .campaigns
            .into_iter()
            .find(|c| c.id.as_deref() == Some(id))
        {
            return Ok(Some(found));
        }
        if last {
            break;
        }
    }
    Ok(None)
}

/// `terminate`: stops the calls of one campaign.
pub fn terminate(args: &TerminateArgs) -> Result<u8> {
    let client = client(&args.api)?;
    let request = TerminateRequest {
        campaign_id: Some(args.list_id.clone()),
        ..TerminateRequest::default()
    };
    finish(client.terminate(&request).map(|answer| {
        format!(
            "campaign {}: {}\n",
            args.list_id,
            answer.message.as_deref().unwrap_or("calls terminated")
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ringg_preflight::{DiscardRows, PreflightBuilder};

    fn report(csv: &str) -> Report {
        PreflightBuilder::new()
            .country_code("+91")
            .build()
            .expect("builds")
            .split(csv.as_bytes(), None, &mut DiscardRows)
            .expect("splits")
    }

    fn verdict_on(csv: &str, strict: bool, skip_invalid_rows: bool) -> Verdict {
        verdict(
            &report(csv),
            strict,
            skip_invalid_rows,
            Path::new("out"),
            "uploading",
        )
    }

    #[test]
    fn a_clean_file_uploads() {
        assert_eq!(
            verdict_on("Mobile Number,Name\n+919876543210,Asha\n", true, false),
            Verdict::Upload("uploading the 1 row of out/valid.csv".to_owned())
        );
    }

    #[test]
    fn invalid_rows_are_refused_unless_skipped() {
        // Without a campaign, remove_invalid_rows is false.
        let csv = "Mobile Number,Name\n+919876543210,Asha\n12345,Ravi\n";
        assert_eq!(
            verdict_on(csv, false, false),
            Verdict::Refuse(
                "1 row is invalid; fix them (each is listed with its errors in out/invalid.csv), \
                 or pass --skip-invalid-rows to upload only the 1 valid row"
                    .to_owned()
            )
        );
        assert_eq!(
            verdict_on(csv, false, true),
            Verdict::Upload(
                "--skip-invalid-rows: uploading the 1 valid row of out/valid.csv, leaving out 1 invalid row (listed with their errors in out/invalid.csv)"
                    .to_owned()
            )
        );
    }

    #[test]
    fn skipping_cannot_upload_nothing_or_warnings_under_strict() {
        let nothing_valid = "Mobile Number,Name\n12345,Ravi\n";
        assert!(matches!(
            verdict_on(nothing_valid, false, true),
            Verdict::Refuse(why) if why.starts_with("fix what the checks above report")
        ));
        // A repaired number is a warning on a valid row.
        let warned = "Mobile Number,Name\n'9876543210,Asha\n12345,Ravi\n";
        assert!(matches!(
            verdict_on(warned, false, true),
            Verdict::Upload(_)
        ));
        assert!(matches!(
            verdict_on(warned, true, true),
            Verdict::Refuse(why) if why.starts_with("fix what the checks above report")
        ));
    }
}
