//! What the uploader reports while it works. The library never prints: a
//! caller passes a callback and renders the events however it likes.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use crate::flow::Flow;
use crate::step::Step;

/// Why a flow was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowReason {
    /// Chosen by the valid-row count (large at 5,000 and more).
    RowCount,
    /// Asked for explicitly.
    Requested,
    /// Taken from the state file of an earlier run.
    Resumed,
}

/// One thing that happened during an upload (or a client call).
///
/// `Display` gives a one-line, human-readable rendering.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum UploadEvent {
    /// The flow that will run.
    FlowChosen {
        /// The flow.
        flow: Flow,
        /// Valid rows in the CSV.
        valid_rows: u64,
        /// Why.
        reason: FlowReason,
    },
    /// An earlier run's state was found; steps already done are skipped.
    Resuming {
        /// The state file.
        state_file: PathBuf,
        /// Steps already completed.
        completed: Vec<Step>,
    },
    /// A request is about to be sent.
    Sending {
        /// The endpoint.
        step: Step,
        /// 1 for the first attempt.
        attempt: u32,
    },
    /// A request failed in a way that is safe to retry; waiting before the next attempt.
    Retrying {
        /// The endpoint.
        step: Step,
        /// The attempt that failed (1-based).
        attempt: u32,
        /// The most attempts that will be made.
        max_attempts: u32,
        /// How long until the next attempt.
        delay: Duration,
        /// Why (e.g. `HTTP 429`, `connection refused`).
        reason: String,
    },
    /// A step finished and was recorded in the state file.
    StepCompleted {
        /// The step.
        step: Step,
        /// A short detail, e.g. `list_id 123`.
        detail: String,
    },
    /// A step was skipped because the state file says it is done.
    StepSkipped {
        /// The step.
        step: Step,
        /// What the state file recorded.
        detail: String,
    },
    /// The large upload's processing status, at each poll.
    UploadProgress {
        /// The status word Ringg reported.
        status: String,
        /// Rows processed, when reported.
        processed: Option<u64>,
        /// Rows in total, when reported.
        total: Option<u64>,
    },
    /// Ringg reported invalid rows in the uploaded CSV.
    InvalidRowsReported {
        /// How many.
        count: u64,
        /// Where to download them, when given.
        url: Option<String>,
    },
    /// The balance covers the campaign.
    BalanceOk {
        /// Ringg's message or status.
        message: String,
    },
    /// The state file says the campaign was already started; nothing was sent.
    AlreadyStarted {
        /// The `list_id` or `bulk_list_id`.
        id: String,
    },
}

impl UploadEvent {
    /// True for the chatty events (`Sending` each attempt, `UploadProgress`
    /// each poll) that a terminal front end usually leaves to its progress
    /// bar or shows only with `--verbose`.
    pub fn is_verbose(&self) -> bool {
        matches!(
            self,
            UploadEvent::Sending { .. } | UploadEvent::UploadProgress { .. }
        )
    }
}

impl fmt::Display for UploadEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UploadEvent::FlowChosen {
                flow,
                valid_rows,
                reason,
            } => {
                let why = match reason {
                    FlowReason::RowCount => format!("{valid_rows} valid rows"),
                    FlowReason::Requested => "as requested".to_owned(),
                    FlowReason::Resumed => "resuming an earlier run".to_owned(),
                };
                write!(f, "using the {flow} flow ({why})")
            }
            UploadEvent::Resuming {
                state_file,
                completed,
            } => {
                let done: Vec<&str> = completed.iter().map(|s| s.name()).collect();
                write!(
                    f,
                    "resuming from {} (done: {})",
                    state_file.display(),
                    if done.is_empty() {
                        "nothing".to_owned()
                    } else {
                        done.join(", ")
                    }
                )
            }
            UploadEvent::Sending { step, attempt } => {
                if *attempt > 1 {
                    write!(f, "{step}: sending (attempt {attempt})")
                } else {
                    write!(f, "{step}: sending")
                }
            }
            UploadEvent::Retrying {
                step,
                attempt,
                max_attempts,
                delay,
                reason,
            } => write!(
                f,
                "{step}: {reason}; retrying in {:.1}s (attempt {attempt} of {max_attempts} failed)",
                delay.as_secs_f64()
            ),
            UploadEvent::StepCompleted { step, detail } => write!(f, "{step}: done ({detail})"),
            UploadEvent::StepSkipped { step, detail } => {
                write!(f, "{step}: already done in an earlier run ({detail})")
            }
            UploadEvent::UploadProgress {
                status,
                processed,
                total,
            } => match (processed, total) {
                (Some(p), Some(t)) => write!(f, "upload {status}: {p}/{t} rows processed"),
                (Some(p), None) => write!(f, "upload {status}: {p} rows processed"),
                _ => write!(f, "upload {status}"),
            },
            UploadEvent::InvalidRowsReported { count, url } => match url {
                Some(u) => write!(f, "Ringg reported {count} invalid rows: {u}"),
                None => write!(f, "Ringg reported {count} invalid rows"),
            },
            UploadEvent::BalanceOk { message } => write!(f, "balance ok ({message})"),
            UploadEvent::AlreadyStarted { id } => {
                write!(f, "campaign {id} was already started by an earlier run")
            }
        }
    }
}
