//! The phone check against libphonenumber's Java/Python reading, on the
//! cells of issue 15's classes: extensions in every spelling, valid numbers
//! of 16 to 19 digits (DE, NG, JP, KR, ID, UY), U+FF5E and U+30FC between
//! digits, slashes, every Unicode format character. The expected readings
//! were computed with `phonenumbers` 9.0.42 (same metadata as the crate's
//! `rlibphonenumber`) by `data/phone_differential.py` and committed as
//! `data/phone_differential.tsv`: the test needs no Python. For each cell
//! the fast path and the full parse must also agree.

use ringg_preflight::Code;
use ringg_preflight::campaign::NumberType;
use ringg_preflight::phone::{PhoneCheck, PhoneRules};

const CASES: &str = include_str!("data/phone_differential.tsv");

/// `\u{…}` escapes turned back into their characters.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("\\u{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        let end = after.find('}').expect("a closed escape");
        let code = u32::from_str_radix(&after[..end], 16).expect("hex");
        out.push(char::from_u32(code).expect("a character"));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Our verdict in the TSV's terms.
fn reading(check: &PhoneCheck) -> String {
    if let Some(number) = check.number {
        return format!("{} {}", number.e164, number.number_type.as_str());
    }
    let (code, message) = check.findings.last().expect("a refusal says why");
    match code {
        Code::P006 => "ext".to_owned(),
        Code::P007 if message.contains("is not a valid") => "invalid".to_owned(),
        Code::P007 => "error".to_owned(),
        other => other.as_str().to_owned(),
    }
}

#[test]
fn every_class_reads_as_libphonenumber_reads_it() {
    let mut rules: Vec<(u16, PhoneRules)> = Vec::new();
    let mut disagreements = Vec::new();
    let mut cases = 0;
    for line in CASES.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let [class, code, cell, expected] = fields[..] else {
            panic!("four fields: {line:?}");
        };
        cases += 1;
        let code: u16 = code.parse().expect("a calling code");
        let cell = unescape(cell);
        let index = match rules.iter().position(|(c, _)| *c == code) {
            Some(index) => index,
            None => {
                rules.push((code, PhoneRules::new(Some(code), &NumberType::ALL)));
                rules.len() - 1
            }
        };
        let rules = &rules[index].1;
        let check = rules.check(&cell);
        let reference = rules.check_reference(&cell);
        assert_eq!(
            check, reference,
            "fast and full differ on {cell:?} (+{code})"
        );
        let ours = reading(&check);
        if ours != expected {
            disagreements.push(format!(
                "{class} +{code} {cell:?}: ours {ours}, libphonenumber {expected} ({:?})",
                check.findings
            ));
            continue;
        }
        // A format character is stripped with a warning that names it,
        // escaped; no message shows one raw.
        let named = check
            .findings
            .iter()
            .any(|(code, message)| *code == Code::P002 && message.contains("\\u{"));
        if class == "cf" && check.number.is_some() && !named {
            disagreements.push(format!("cf +{code} {cell:?}: no P002 naming it"));
        }
        if let Some((_, message)) = check
            .findings
            .iter()
            .find(|(_, message)| message.chars().any(|c| c.is_control() || is_format(c)))
        {
            disagreements.push(format!("{class} {cell:?}: shown raw in {message:?}"));
        }
    }
    assert!(cases > 4000, "{cases} cases");
    assert!(
        disagreements.is_empty(),
        "{} of {cases} disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// A few format characters, enough to tell a raw one in a message.
fn is_format(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}
