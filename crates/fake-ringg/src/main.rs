//! `fake-ringg`: run the fake Ringg API on 127.0.0.1 to rehearse an upload offline.
//!
//! ```text
//! cargo run -p fake-ringg -- --port 8080 --api-key test-key
//! RINGG_API_KEY=test-key ringg-preflight upload ... --base-url http://127.0.0.1:8080/ca/api/v0
//! ```

use std::time::Duration;

use clap::Parser;
use fake_ringg::{CannedAnswer, FakeConfig, FakeRingg, Faults};

/// A local fake of Ringg AI's campaign API (loopback only).
#[derive(Debug, Parser)]
#[command(name = "fake-ringg", version)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The key requests must send as X-API-KEY.
    #[arg(long, default_value = "test-key")]
    api_key: String,
    /// Answer 401 to every request.
    #[arg(long)]
    reject_key: bool,
    /// Answer 429 (with Retry-After) to the first N requests.
    #[arg(long, default_value_t = 0, value_name = "N")]
    rate_limit: u32,
    /// Retry-After seconds sent with 429.
    #[arg(long, default_value_t = 1, value_name = "SECS")]
    retry_after: u64,
    /// Answer 500 to the first N requests (after any 429s).
    #[arg(long, default_value_t = 0, value_name = "N")]
    server_errors: u32,
    /// Drop the connection of the first N requests without answering.
    #[arg(long, default_value_t = 0, value_name = "N")]
    drop_connections: u32,
    /// With --drop-connections: do the work before dropping.
    #[arg(long)]
    drop_after_processing: bool,
    /// Apply the faults above only to paths starting with this (e.g. /campaign/start).
    #[arg(long, value_name = "PATH")]
    fault_path: Option<String>,
    /// Delay every answer by this many milliseconds.
    #[arg(long, default_value_t = 0, value_name = "MS")]
    delay_ms: u64,
    /// Upload-status polls that report `verifying` before the final status.
    #[arg(long, default_value_t = 3, value_name = "N")]
    polls_until_done: u32,
    /// Final upload status (`completed`, `draft`, ...).
    #[arg(long, default_value = "completed")]
    final_status: String,
    /// Make every large upload end in `failed`.
    #[arg(long)]
    fail_upload: bool,
    /// Rows of every upload to call invalid.
    #[arg(long, default_value_t = 0, value_name = "N")]
    invalid_rows: u64,
    /// Workspace balance.
    #[arg(long, default_value_t = 10_000.0)]
    balance: f64,
    /// Cost per callee.
    #[arg(long, default_value_t = 0.5)]
    cost_per_row: f64,
    /// Answer requests under PATH with STATUS and BODY instead of the real
    /// endpoint, e.g. '/campaign/check-balance=200:{"status":"error"}';
    /// repeatable.
    #[arg(long = "answer", value_name = "PATH=STATUS:BODY", value_parser = CannedAnswer::parse)]
    answers: Vec<CannedAnswer>,
    /// Answer every request `302 Found` to URL + its path.
    #[arg(long, value_name = "URL")]
    redirect_to: Option<String>,
    /// Send every body one byte per MS milliseconds.
    #[arg(long, value_name = "MS")]
    trickle_ms: Option<u64>,
}

fn main() {
    let args = Args::parse();
    let config = FakeConfig {
        api_key: args.api_key,
        port: args.port,
        reject_key: args.reject_key,
        faults: Faults {
            drop_connections: args.drop_connections,
            drop_after_processing: args.drop_after_processing,
            rate_limit: args.rate_limit,
            retry_after_secs: args.retry_after,
            server_errors: args.server_errors,
            only_path: args.fault_path,
        },
        delay: Duration::from_millis(args.delay_ms),
        polls_until_done: args.polls_until_done,
        final_upload_status: args.final_status,
        fail_upload: args.fail_upload,
        invalid_rows: args.invalid_rows,
        balance: args.balance,
        cost_per_row: args.cost_per_row,
        canned: args.answers,
        redirect_to: args.redirect_to,
        trickle: args.trickle_ms.map(Duration::from_millis),
        ..FakeConfig::default()
    };
    match FakeRingg::start(config) {
        Ok(handle) => {
            eprintln!(
                "fake-ringg listening; use --base-url {}  (Ctrl-C to stop)",
                handle.base_url()
            );
            handle.wait();
        }
        Err(e) => {
            eprintln!("fake-ringg: cannot listen on 127.0.0.1:{}: {e}", args.port);
            std::process::exit(2);
        }
    }
}
