//! The named steps (endpoints) of Ringg's API, as shown in errors and events.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One Ringg endpoint, named the way errors and events show it
/// (`campaign/save`, `campaign/upload-status`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// `POST /campaign/save`: upload the contact list (standard flow).
    CampaignSave,
    /// `POST /campaign/start`: start a saved list with explicit from-numbers.
    CampaignStart,
    /// `POST /campaign/v2/start`: start a saved list with a number pool.
    CampaignStartV2,
    /// `POST /campaign/upload-csv`: upload a large CSV (large flow).
    UploadCsv,
    /// `GET /campaign/upload-status/{bulk_list_id}`: poll the large upload.
    UploadStatus,
    /// `POST /campaign/check-balance/{bulk_list_id}`.
    CheckBalance,
    /// `POST /campaign/make-call-async`: schedule the large campaign.
    MakeCallAsync,
    /// `GET /workspace/numbers`.
    WorkspaceNumbers,
    /// `GET /campaign/all`.
    CampaignAll,
    /// `GET /calling/history`.
    CallHistory,
    /// `PATCH /campaign/terminate`.
    Terminate,
}

impl Step {
    /// The step's display name, e.g. `campaign/save`.
    pub fn name(self) -> &'static str {
        match self {
            Step::CampaignSave => "campaign/save",
            Step::CampaignStart => "campaign/start",
            Step::CampaignStartV2 => "campaign/v2/start",
            Step::UploadCsv => "campaign/upload-csv",
            Step::UploadStatus => "campaign/upload-status",
            Step::CheckBalance => "campaign/check-balance",
            Step::MakeCallAsync => "campaign/make-call-async",
            Step::WorkspaceNumbers => "workspace/numbers",
            Step::CampaignAll => "campaign/all",
            Step::CallHistory => "calling/history",
            Step::Terminate => "campaign/terminate",
        }
    }

    /// Whether the request creates something on Ringg's side (a list, a
    /// campaign, scheduled calls). Such a request is never re-sent once it
    /// may have reached the server.
    pub fn creates(self) -> bool {
        matches!(
            self,
            Step::CampaignSave
                | Step::CampaignStart
                | Step::CampaignStartV2
                | Step::UploadCsv
                | Step::MakeCallAsync
        )
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
