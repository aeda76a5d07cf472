//! `ringg-upload`: a thin client for Ringg AI's campaign API and the two
//! upload flows of SPEC §8.
//!
//! This crate knows nothing about validation rules: it takes the clean CSV
//! that `split` wrote (`valid.csv`), the campaign form, and sends them
//! through Ringg's standard flow (`POST /campaign/save` → `POST
//! /campaign/start`) or large flow (`POST /campaign/upload-csv` → poll `GET
//! /campaign/upload-status/{id}` → `POST /campaign/check-balance/{id}` →
//! `POST /campaign/make-call-async`).
//!
//! - The key ([`ApiKey`]) is sent only as `X-API-KEY`, and never appears in
//!   `Debug`, errors or dry-run output.
//! - Requests that create something are never re-sent once they may have
//!   reached Ringg; `DIR/upload-state.json` records each completed step so a
//!   rerun resumes instead of creating a second campaign.
//! - The library prints nothing: progress is reported through a callback of
//!   [`UploadEvent`]s, and a dry run returns [`RequestDescription`]s.
//!
//! ```no_run
//! use ringg_upload::{ApiKey, CampaignForm, UploadInput, UploadOptions, UploadOutcome, upload};
//!
//! # fn main() -> Result<(), ringg_upload::Error> {
//! let mut opts = UploadOptions::new("out");
//! opts.api_key = Some(ApiKey::from_env()?);
//! opts.from_numbers = vec!["5d7f9a2b-1c3e-4f6a-8b9c-0d1e2f3a4b5c".into()];
//! let input = UploadInput {
//!     form: CampaignForm {
//!         agent_id: "830f767a-397e-4b39-82ff-235cd344e2f9".into(),
//!         campaign_name: "Renewal reminders".into(),
//!         country_code: "+91".into(),
//!         campaign_start_time: "18/10/2026, 09:00".into(),
//!         campaign_end_time: "18/10/2026, 18:00".into(),
//!         variables_map: r#"{"mobile_number":"Mobile Number","callee_name":"Name"}"#.into(),
//!         call_config: r#"{"call_time":{"call_start_time":"09:00","call_end_time":"18:00","timezone":"Asia/Kolkata"}}"#.into(),
//!         remove_invalid_rows: Some(true),
//!         transliterate_callee_name: None,
//!     },
//!     csv_path: "out/valid.csv".into(),
//!     valid_rows: 1200,
//! };
//! match upload(&input, &opts, &|event| eprintln!("{event}"))? {
//!     UploadOutcome::DryRun(plan) => print!("{plan}"),
//!     UploadOutcome::Scheduled(report) => println!("{report}"),
//! }
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod api;
mod client;
mod error;
mod events;
mod flow;
mod key;
mod request;
mod retry;
mod server_text;
mod state;
mod step;

pub use api::{
    BALANCE_READY_STATUSES, BALANCE_SUFFICIENT_FLAGS, BalanceCheck, BalanceVerdict, Call,
    CallAgent, CallHistory, Campaign, CampaignForm, CampaignList, CampaignsQuery, DONE_STATUSES,
    FAILED_STATUSES, HistoryQuery, MakeCallAsyncRequest, MakeCallAsyncResponse, NumberAgent,
    NumbersQuery, PROCESSING_STATUSES, Pagination, SaveResponse, StartPoolRequest, StartRequest,
    StartResponse, TerminateRequest, TerminateResponse, UploadPhase, UploadStatus, WorkspaceNumber,
    WorkspaceNumbers,
};
pub use client::{Client, ClientConfig, DEFAULT_BASE_URL, EventCallback, normalize_base_url};
pub use error::Error;
pub use events::{FlowReason, UploadEvent};
pub use flow::{
    DryRunPlan, Flow, FlowChoice, LARGE_FLOW_THRESHOLD, ProgressMode, UploadInput, UploadOptions,
    UploadOutcome, UploadReport, upload,
};
pub use key::{API_KEY_ENV, ApiKey, REDACTED};
pub use request::{ApiRequest, FileDescription, FilePart, Method, RequestBody, RequestDescription};
pub use retry::{PollPolicy, RetryPolicy};
pub use server_text::escape_controls;
pub use state::{CompletedStep, CsvIdentity, PendingStep, STATE_FILE_NAME, UploadState};
pub use step::Step;

#[cfg(test)]
mod tests {
    fn send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        send_sync::<crate::Client>();
        send_sync::<crate::Error>();
        send_sync::<crate::UploadOptions>();
        send_sync::<crate::UploadInput>();
        send_sync::<crate::UploadOutcome>();
        send_sync::<crate::UploadEvent>();
    }
}
