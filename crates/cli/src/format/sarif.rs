//! `check --format sarif`: a SARIF 2.1.0 log for code-scanning tools
//! (GitHub code scanning, IDE viewers). One run; the tool's rules come from
//! the rule table and its documentation; one result per finding, with the
//! file, line and column.
//!
//! Columns are Unicode code points (`columnKind`); a finding whose column
//! cannot be read again from the file (standard input) has no
//! `startColumn`, and names its column in the message instead.

use std::path::Path;

use ringg_preflight::{Finding, RULES, Rule, Severity};
use serde::Serialize;

use super::columns::Column;
use super::{FileOutcome, Placed, headline};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The top-level SARIF object.
#[derive(Serialize)]
pub struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
}

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
    full_description: MultiformatMessage,
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

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let doc = rule.doc();
    ReportingDescriptor {
        id: rule.code.as_str(),
        name: rule.name,
        short_description: Message {
            text: what_it_does(&doc),
        },
        full_description: MultiformatMessage {
            text: doc.replace("## ", ""),
            markdown: doc,
        },
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

fn result(artifacts: &mut Artifacts, file: Option<&str>, placed: &Placed) -> SarifResult {
    let finding: &Finding = &placed.finding;
    let start_column = match placed.column {
        Some(Column::Char(column)) => Some(column),
        _ => None,
    };
    let locations = file
        .map(|file| Location {
            physical_location: PhysicalLocation {
                artifact_location: artifacts.location(file),
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

/// The SARIF log of a whole `check` run.
pub fn render(
    campaign_file: Option<&Path>,
    campaign_findings: &[Finding],
    files: &[FileOutcome],
) -> Log {
    let mut artifacts = Artifacts::default();
    let campaign_name = campaign_file.map(|path| path.display().to_string());
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for finding in campaign_findings {
        let placed = Placed {
            finding: finding.clone(),
            line: finding.location.line,
            column: None,
        };
        results.push(result(&mut artifacts, campaign_name.as_deref(), &placed));
    }
    for outcome in files {
        match outcome {
            FileOutcome::Checked(file) => {
                for placed in &file.findings {
                    results.push(result(&mut artifacts, Some(&file.name), placed));
                }
            }
            FileOutcome::Failed { name, error } => notifications.push(Notification {
                level: "error",
                message: Message {
                    text: format!("{name} was not checked: {error}"),
                },
                locations: vec![Location {
                    physical_location: PhysicalLocation {
                        artifact_location: artifacts.location(name),
                        region: None,
                    },
                }],
            }),
        }
    }
    Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: ToolComponent {
                    name: "ringg-preflight",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: RULES.iter().map(descriptor).collect(),
                },
            },
            invocations: vec![Invocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            artifacts: artifacts
                .0
                .into_iter()
                .map(|uri| Artifact {
                    location: ArtifactLocation { uri, index: None },
                })
                .collect(),
            results,
        }],
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
