//! `DIR/upload-state.json`: what an upload has done so far, so that a rerun
//! resumes instead of creating a second campaign.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::flow::Flow;
use crate::step::Step;

/// The state file's name inside the output directory.
pub const STATE_FILE_NAME: &str = "upload-state.json";

const STATE_VERSION: u32 = 1;

/// Which CSV a state file belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvIdentity {
    /// The file name (no directory).
    pub file_name: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
}

impl CsvIdentity {
    /// Reads the file once to hash it.
    pub fn of_file(path: &Path) -> Result<Self, Error> {
        let csv_err = |source| Error::Csv {
            path: path.to_path_buf(),
            source,
        };
        let mut file = fs::File::open(path).map_err(csv_err)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut size = 0u64;
        loop {
            let n = file.read(&mut buf).map_err(csv_err)?;
            if n == 0 {
                break;
            }
            size += n as u64;
            hasher.update(&buf[..n]);
        }
        let digest = hasher.finalize();
        let sha256 = digest.iter().map(|b| format!("{b:02x}")).collect();
        Ok(CsvIdentity {
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            size,
            sha256,
        })
    }
}

/// A step recorded as done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletedStep {
    /// The step.
    pub step: Step,
    /// When, in seconds since the Unix epoch.
    pub at_unix: u64,
}

/// A create request that was sent but whose answer was never recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingStep {
    /// The step.
    pub step: Step,
    /// When it was sent, in seconds since the Unix epoch.
    pub since_unix: u64,
}

/// The content of `upload-state.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadState {
    /// Format version.
    pub version: u32,
    /// The flow in use.
    pub flow: Flow,
    /// The base URL the ids belong to.
    pub base_url: String,
    /// The uploaded CSV.
    pub csv: CsvIdentity,
    /// The campaign's name.
    pub campaign_name: String,
    /// Standard flow: `list_id` from `/campaign/save`.
    pub list_id: Option<String>,
    /// Large flow: `bulk_list_id` from `/campaign/upload-csv`.
    pub bulk_list_id: Option<String>,
    /// Large flow: Ringg finished processing the upload.
    pub upload_processed: bool,
    /// Large flow: invalid rows Ringg reported.
    pub invalidated_rows_count: Option<u64>,
    /// Large flow: where Ringg put the invalid rows.
    pub invalidated_rows_csv_url: Option<String>,
    /// Large flow: the balance check passed.
    pub balance_checked: bool,
    /// The campaign was started (`/campaign/start`, `/v2/start` or `make-call-async`).
    pub started: bool,
    /// Ringg's answer to the start, when started.
    pub start_status: Option<String>,
    /// A create request sent without a recorded answer.
    pub pending: Option<PendingStep>,
    /// Every completed step, in order.
    pub completed: Vec<CompletedStep>,
}

pub(crate) fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl UploadState {
    /// A fresh state for a new upload.
    pub fn new(flow: Flow, base_url: &str, csv: CsvIdentity, campaign_name: &str) -> Self {
        UploadState {
            version: STATE_VERSION,
            flow,
            base_url: base_url.to_owned(),
            csv,
            campaign_name: campaign_name.to_owned(),
            list_id: None,
            bulk_list_id: None,
            upload_processed: false,
            invalidated_rows_count: None,
            invalidated_rows_csv_url: None,
            balance_checked: false,
            started: false,
            start_status: None,
            pending: None,
            completed: Vec::new(),
        }
    }

    /// The state file's path inside `dir`.
    pub fn path_in(dir: &Path) -> PathBuf {
        dir.join(STATE_FILE_NAME)
    }

    /// Reads `dir/upload-state.json`; `Ok(None)` when there is none.
    pub fn load_from_dir(dir: &Path) -> Result<Option<Self>, Error> {
        Self::load(&Self::path_in(dir))
    }

    /// Reads a state file; `Ok(None)` when it does not exist.
    pub fn load(path: &Path) -> Result<Option<Self>, Error> {
        let text = match fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::State {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                });
            }
        };
        let state: UploadState = serde_json::from_str(&text).map_err(|e| Error::State {
            path: path.to_path_buf(),
            reason: format!("not a valid state file: {e}"),
        })?;
        if state.version != STATE_VERSION {
            return Err(Error::State {
                path: path.to_path_buf(),
                reason: format!("unsupported state version {}", state.version),
            });
        }
        Ok(Some(state))
    }

    /// Writes the state atomically: a temporary file in the same directory
    /// (created exclusively, mode 0600), flushed to disk, then renamed over
    /// the old one.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let state_err = |e: std::io::Error| Error::State {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(state_err)?;
        }
        let text = serde_json::to_string_pretty(self).map_err(|e| Error::State {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // An unpredictable name created exclusively and owner-only (0600):
        // a planted file or link at a guessable name cannot receive it.
        let write = || -> std::io::Result<()> {
            let mut f = tempfile::Builder::new()
                .prefix(&format!(".{STATE_FILE_NAME}."))
                .suffix(".tmp")
                .tempfile_in(dir)?;
            f.write_all(text.as_bytes())?;
            f.write_all(b"\n")?;
            f.as_file().sync_all()?;
            f.persist(path).map_err(|e| e.error)?;
            Ok(())
        };
        write().map_err(state_err)
    }

    /// The campaign id: the `list_id` or the `bulk_list_id`.
    pub fn campaign_id(&self) -> Option<&str> {
        self.list_id.as_deref().or(self.bulk_list_id.as_deref())
    }

    /// The steps done so far.
    pub fn completed_steps(&self) -> Vec<Step> {
        self.completed.iter().map(|c| c.step).collect()
    }

    pub(crate) fn mark_pending(&mut self, step: Step) {
        self.pending = Some(PendingStep {
            step,
            since_unix: now_unix(),
        });
    }

    pub(crate) fn mark_done(&mut self, step: Step) {
        self.pending = None;
        self.completed.push(CompletedStep {
            step,
            at_unix: now_unix(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_and_load_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let csv = dir.path().join("valid.csv");
        fs::write(&csv, "Mobile Number\n+919876543210\n").expect("write");
        let id = CsvIdentity::of_file(&csv).expect("hash");
        assert_eq!(id.size, 28);
        assert_eq!(id.sha256.len(), 64);
        let mut s = UploadState::new(Flow::Standard, "http://x", id, "c");
        s.list_id = Some("L1".into());
        s.mark_done(Step::CampaignSave);
        let path = UploadState::path_in(dir.path());
        s.save(&path).expect("save");
        let back = UploadState::load(&path).expect("load").expect("exists");
        assert_eq!(back, s);
        assert_eq!(back.campaign_id(), Some("L1"));
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("readdir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("stat").permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "owner only: {mode:o}");
        }
    }

    #[test]
    fn missing_is_none_and_garbage_is_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(
            UploadState::load_from_dir(dir.path())
                .expect("ok")
                .is_none()
        );
        fs::write(UploadState::path_in(dir.path()), "{not json").expect("write");
        assert!(matches!(
            UploadState::load_from_dir(dir.path()),
            Err(Error::State { .. })
        ));
    }
}
