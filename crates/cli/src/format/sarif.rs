//! `check --format sarif`: a SARIF 2.1.0 log for code-scanning tools
//! (GitHub code scanning, IDE viewers). One run; the tool's rules come from
//! the rule table and its documentation; one result per finding, with the
//! file, line and column.
//!
//! Columns are Unicode code points (`columnKind`); a finding whose column
//! cannot be read again from the file (standard input) has no
//! `startColumn`, and names its column in the message instead.

use std::io::{self, Seek, Write};
use std::path::Path;

use ringg_preflight::{ByteRecord, Finding, RULES, RowVerdict, Rule, Severity};
use serde::Serialize;

use super::columns::{Column, Resolver};
use super::{Placed, headline, place};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Tool {
    driver: ToolComponent,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ToolComponent {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Message,
    /// Left out under `--redact`: its examples are contact rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    full_description: Option<MultiformatMessage>,
    help: MultiformatMessage,
    default_configuration: ReportingConfiguration,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct ReportingConfiguration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    /// The artifact's index in `run.artifacts`; absent in that array itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u64>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warn => "warning",
        Severity::Info => "note",
    }
}

/// The paragraph under `## What it does`, on one line.
fn what_it_does(doc: &str) -> String {
    doc.lines()
        .skip_while(|line| line.trim() != "## What it does")
        .skip(1)
        .take_while(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

fn descriptor(rule: &Rule, redact: bool) -> ReportingDescriptor {
    let doc = rule.doc();
    ReportingDescriptor {
        id: rule.code.as_str(),
        name: rule.name,
        short_description: Message {
            text: what_it_does(&doc),
        },
        full_description: (!redact).then(|| MultiformatMessage {
            text: doc.replace("## ", ""),
            markdown: doc.clone(),
        }),
        help: MultiformatMessage {
            text: rule.help.to_owned(),
            markdown: rule.help.to_owned(),
        },
        default_configuration: ReportingConfiguration {
            level: level(rule.default_severity),
        },
    }
}

/// A relative URI reference for `path` as given: `/` separators, bytes
/// outside RFC 3986's unreserved set and `/` percent-encoded. An absolute
/// path becomes a `file://` URI.
pub fn path_to_uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let mut uri = String::with_capacity(slashed.len() + 8);
    let absolute = slashed.starts_with('/');
    let has_drive =
        slashed.as_bytes().get(1) == Some(&b':') && slashed.as_bytes()[0].is_ascii_alphabetic();
    if absolute {
        uri.push_str("file://");
    } else if has_drive {
        uri.push_str("file:///");
    }
    for (index, byte) in slashed.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (has_drive && index == 1);
        if keep {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// Interns artifact URIs in order of first use.
#[derive(Default)]
struct Artifacts(Vec<String>);

impl Artifacts {
    fn location(&mut self, name: &str) -> ArtifactLocation {
        let uri = path_to_uri(name);
        let index = match self.0.iter().position(|known| *known == uri) {
            Some(index) => index,
            None => {
                self.0.push(uri.clone());
                self.0.len() - 1
            }
        };
        ArtifactLocation {
            uri,
            index: Some(index),
        }
    }
}

fn result(artifact: Option<ArtifactLocation>, placed: &Placed) -> SarifResult {
    let finding: &Finding = &placed.finding;
    let start_column = match placed.column {
        Some(Column::Char(column)) => Some(column),
        _ => None,
    };
    let locations = artifact
        .map(|artifact_location| Location {
            physical_location: PhysicalLocation {
                artifact_location,
                region: placed.line.map(|start_line| Region {
                    start_line,
                    start_column,
                }),
            },
        })
        .into_iter()
        .collect();
    SarifResult {
        rule_id: finding.code.as_str(),
        rule_index: finding.code as usize,
        level: level(finding.severity),
        message: Message {
            text: headline(finding),
        },
        locations,
    }
}

/// The SARIF log of a whole `check` run, written as it is produced: the
/// results of each file go out when the file is done, its row results
/// spooled through a temporary file meanwhile (so that they follow its
/// file-level results, as a reader expects, without being held in
/// memory). The first write error stops all later writes and is returned
/// by [`SarifStream::finish`].
pub struct SarifStream<W: Write> {
    out: W,
    artifacts: Artifacts,
    notifications: Vec<Notification>,
    results: usize,
    error: Option<io::Error>,
}

impl<W: Write> SarifStream<W> {
    /// Starts the log, with the campaign's findings (pointing at
    /// `campaign_file`). `redact`: the rules are described without their
    /// examples, which hold contact rows (`explain` shows them).
    pub fn new(
        out: W,
        campaign_file: Option<&Path>,
        campaign_findings: &[Finding],
        redact: bool,
    ) -> Self {
        let mut stream = SarifStream {
            out,
            artifacts: Artifacts::default(),
            notifications: Vec::new(),
            results: 0,
            error: None,
        };
        let tool = Tool {
            driver: ToolComponent {
                name: "ringg-preflight",
                version: env!("CARGO_PKG_VERSION"),
                semantic_version: env!("CARGO_PKG_VERSION"),
                rules: RULES.iter().map(|rule| descriptor(rule, redact)).collect(),
            },
        };
        let head = format!(
            "{{\"$schema\": \"{SCHEMA}\", \"version\": \"2.1.0\", \"runs\": [{{\"tool\": {}, \"columnKind\": \"unicodeCodePoints\", \"results\": [",
            serde_json::to_string(&tool).unwrap_or_default()
        );
        stream.write(head.as_bytes());
        let campaign_name = campaign_file.map(|path| path.display().to_string());
        for finding in campaign_findings {
            let placed = Placed {
                finding: finding.clone(),
                line: finding.location.line,
                column: None,
            };
            stream.result(campaign_name.as_deref(), &placed);
        }
        stream
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none()
            && let Err(error) = self.out.write_all(bytes)
        {
            self.error = Some(error);
        }
    }

    fn separator(&mut self) {
        let separator: &[u8] = if self.results == 0 { b"\n" } else { b",\n" };
        self.write(separator);
        self.results += 1;
    }

    /// One result, pointing at `file`.
    pub fn result(&mut self, file: Option<&str>, placed: &Placed) {
        let artifact = file.map(|file| self.artifacts.location(file));
        let result = result(artifact, placed);
        self.separator();
        let text = serde_json::to_string(&result).unwrap_or_default();
        self.write(text.as_bytes());
    }

    /// A spool for the row results of `file`, which [`SarifStream::file`]
    /// then writes after the file's own results.
    pub fn spool(&mut self, file: &str) -> io::Result<RowSpool> {
        // The artifact is interned now, in file order, as before.
        let location = self.artifacts.location(file);
        Ok(RowSpool {
            file: file.to_owned(),
            location,
            spool: io::BufWriter::new(tempfile::tempfile()?),
            results: 0,
            error: None,
        })
    }

    /// Writes a checked file's results: its file-level findings, then its
    /// spooled row results.
    pub fn file(&mut self, level: &[Placed], spool: RowSpool) {
        for placed in level {
            self.result(Some(&spool.file), placed);
        }
        if let Some(error) = spool.error {
            self.error.get_or_insert(error);
            return;
        }
        let results = spool.results;
        let copied = spool
            .spool
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
            .and_then(|mut file| {
                file.seek(io::SeekFrom::Start(0))?;
                Ok(file)
            });
        match copied {
            Ok(mut file) if results > 0 => {
                self.separator();
                self.results += results - 1;
                if self.error.is_none()
                    && let Err(error) = io::copy(&mut file, &mut self.out)
                {
                    self.error = Some(error);
                }
            }
            Ok(_) => {}
            Err(error) => {
                self.error.get_or_insert(error);
            }
        }
    }

    /// A file that could not be checked: a notification.
    pub fn failed(&mut self, name: &str, error: &str) {
        self.notifications.push(Notification {
            level: "error",
            message: Message {
                text: format!("{name} was not checked: {error}"),
            },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: self.artifacts.location(name),
                    region: None,
                },
            }],
        });
    }

    /// Ends the log and flushes it.
    pub fn finish(mut self) -> io::Result<()> {
        let artifacts: Vec<Artifact> = std::mem::take(&mut self.artifacts.0)
            .into_iter()
            .map(|uri| Artifact {
                location: ArtifactLocation { uri, index: None },
            })
            .collect();
        let notifications = std::mem::take(&mut self.notifications);
        let invocations = [Invocation {
            execution_successful: notifications.is_empty(),
            tool_execution_notifications: notifications,
        }];
        let tail = format!(
            "\n], \"artifacts\": {}, \"invocations\": {}}}]}}\n",
            serde_json::to_string(&artifacts).unwrap_or_default(),
            serde_json::to_string(&invocations).unwrap_or_default()
        );
        self.write(tail.as_bytes());
        if self.error.is_none()
            && let Err(error) = self.out.flush()
        {
            self.error = Some(error);
        }
        self.error.map_or(Ok(()), Err)
    }
}

/// A file's row results as the split finds them, placed at once (the input
/// is read forward beside the split) and written to a temporary file.
pub struct RowSpool {
    file: String,
    location: ArtifactLocation,
    spool: io::BufWriter<std::fs::File>,
    results: usize,
    error: Option<io::Error>,
}

impl RowSpool {
    /// Spools the row findings of `verdict`, placed by `resolver`.
    pub fn row(&mut self, verdict: &RowVerdict, record: &ByteRecord, resolver: &mut Resolver) {
        let start = record.position().map(|position| position.byte());
        for finding in &verdict.findings {
            let placed = place(finding.clone(), start, resolver);
            let result = result(Some(self.location.clone()), &placed);
            let separator: &[u8] = if self.results == 0 { b"" } else { b",\n" };
            self.results += 1;
            if self.error.is_none() {
                let written = self.spool.write_all(separator).and_then(|()| {
                    serde_json::to_writer(&mut self.spool, &result).map_err(io::Error::other)
                });
                if let Err(error) = written {
                    self.error = Some(error);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            path_to_uri("fixtures/contacts.csv"),
            "fixtures/contacts.csv"
        );
        assert_eq!(path_to_uri("my lists/a#1.csv"), "my%20lists/a%231.csv");
        assert_eq!(path_to_uri("/tmp/é.csv"), "file:///tmp/%C3%A9.csv");
        assert_eq!(path_to_uri("C:\\lists\\a.csv"), "file:///C:/lists/a.csv");
    }

    #[test]
    fn short_description_is_the_what_it_does_paragraph() {
        let rule = ringg_preflight::Code::P007.rule();
        assert_eq!(
            what_it_does(&rule.doc()),
            "The number is not valid by libphonenumber's rules (wrong length, unknown range, unknown country code)."
        );
    }
}
