//! `docs/rules.md` is generated from the rule table: what
//! `ringg-preflight explain` prints, for every rule. This test regenerates
//! it and fails when the file differs; refresh it with
//! `UPDATE_DOCS=1 cargo test -p ringg-preflight-cli --test docs_rules`.

use std::path::PathBuf;
use std::process::Command;

use ringg_preflight::RULES;

const BIN: &str = env!("CARGO_BIN_EXE_ringg-preflight");

fn explain(code: Option<&str>) -> String {
    let output = Command::new(BIN)
        .arg("explain")
        .args(code)
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "explain {code:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The whole of `docs/rules.md`.
fn generated() -> String {
    let mut doc = String::from(
        "# Rules\n\n\
         <!-- Generated from the rule table by crates/cli/tests/docs_rules.rs; \
         refresh with `UPDATE_DOCS=1 cargo test -p ringg-preflight-cli --test docs_rules`. -->\n\n\
         Every finding has a stable code, a severity, a message naming the value, a help \
         text and a location. `ringg-preflight explain CODE` prints a rule's section below; \
         `preflight.rules` in the campaign file changes a rule's severity \
         (`{\"P009\": \"error\"}`) or turns it off (`\"off\"`).\n\n\
         | code | name | default | what it finds |\n|---|---|---|---|\n",
    );
    for rule in RULES {
        let text = explain(Some(rule.code.as_str()));
        let what = text
            .split("## What it does\n")
            .nth(1)
            .and_then(|rest| rest.lines().next())
            .unwrap_or("")
            .replace('|', "\\|");
        let anchor = format!("{}-{}", rule.code.as_str(), rule.name).to_lowercase();
        doc.push_str(&format!(
            "| [{code}](#{anchor}) | {name} | {severity} | {what} |\n",
            code = rule.code,
            name = rule.name,
            severity = rule.default_severity.as_str(),
        ));
    }
    for rule in RULES {
        let text = explain(Some(rule.code.as_str()));
        doc.push('\n');
        for line in text.trim_end().lines() {
            // Each rule's title one level down, its sections one further.
            if line.starts_with('#') {
                doc.push('#');
            }
            doc.push_str(line);
            doc.push('\n');
        }
    }
    doc
}

#[test]
fn docs_rules_md_is_the_rule_table() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let generated = generated();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "docs/rules.md is out of date: UPDATE_DOCS=1 cargo test -p ringg-preflight-cli --test docs_rules"
    );
}

#[test]
fn every_rule_is_listed_by_explain() {
    let list = explain(None);
    for rule in RULES {
        assert!(list.contains(rule.code.as_str()), "{}", rule.code);
    }
}
