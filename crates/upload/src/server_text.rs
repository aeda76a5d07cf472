//! Text that came from a server, made safe to store and print.
//!
//! Everything Ringg (or whatever answers at the base URL) sends is data, not
//! terminal output: an `ESC[2J`, an OSC 52 clipboard write, a bidi override
//! or a newline that fakes an "ok:" line must reach the terminal as visible
//! escapes. And a server that echoes the API key must not get it printed.
//! The client passes every string of every answer through [`clean`] once,
//! as it decodes the answer, so no later printer has to remember to.

use serde_json::Value;

use crate::key::ApiKey;

/// Longest server message kept in an error (the rest is cut, after redaction).
pub(crate) const MAX_MESSAGE: usize = 4000;

/// `text` with the key redacted and every control or format character
/// escaped.
pub(crate) fn clean(key: &ApiKey, text: &str) -> String {
    escape_controls(&key.redact(text))
}

/// [`clean`], then cut to [`MAX_MESSAGE`] bytes. The key is redacted
/// before the cut so that a key straddling it cannot leak half-way.
pub(crate) fn clean_bounded(key: &ApiKey, text: &str) -> String {
    let mut s = clean(key, text);
    if s.len() > MAX_MESSAGE {
        let mut cut = MAX_MESSAGE;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push('…');
    }
    s
}

/// Cleans every string of `value` (object keys included) in place.
pub(crate) fn clean_value(key: &ApiKey, value: &mut Value) {
    match value {
        Value::String(s) => {
            if needs_cleaning(key, s) {
                *s = clean(key, s);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| clean_value(key, v)),
        Value::Object(map) => {
            let dirty = map.keys().any(|k| needs_cleaning(key, k));
            if dirty {
                let entries = std::mem::take(map);
                for (k, mut v) in entries {
                    clean_value(key, &mut v);
                    map.insert(clean(key, &k), v);
                }
            } else {
                map.values_mut().for_each(|v| clean_value(key, v));
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn needs_cleaning(key: &ApiKey, s: &str) -> bool {
    s.chars().any(is_unsafe) || key.redact(s) != s
}

/// Control characters (C0, DEL, C1) and the format characters that change
/// how text is shown (bidi overrides and isolates, zero-width ones, BOM).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00ad}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}')
}

/// Every control and format character written as an escape: `\x1b`,
/// `\n`, `\u{202e}`. Other text is unchanged.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> ApiKey {
        ApiKey::new("7251cb4b-3373-43a4-844c-b27a1d45e0c9").expect("valid")
    }

    #[test]
    fn terminal_escapes_are_shown_not_obeyed() {
        assert_eq!(
            escape_controls("\u{1b}[2Jok: campaign scheduled\n\u{1b}]52;c;aGk=\u{7}"),
            "\\x1b[2Jok: campaign scheduled\\n\\x1b]52;c;aGk=\\x07"
        );
        assert_eq!(escape_controls("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(escape_controls("नमस्ते, plain"), "नमस्ते, plain");
    }

    #[test]
    fn values_are_cleaned_everywhere() {
        let mut v = serde_json::json!({
            "a": ["\u{1b}[31mred", {"b": "key 7251CB4B-3373-43A4-844C-B27A1D45E0C9"}],
            "n": 3
        });
        clean_value(&key(), &mut v);
        assert_eq!(
            v,
            serde_json::json!({"a": ["\\x1b[31mred", {"b": "key <redacted>"}], "n": 3})
        );
    }

    #[test]
    fn the_key_is_redacted_before_the_cut() {
        let k = key();
        let text = format!("{}{}", "x".repeat(MAX_MESSAGE - 10), k.expose());
        let out = clean_bounded(&k, &text);
        assert!(!out.contains("7251cb4b"), "{}", &out[out.len() - 40..]);
        assert!(out.len() <= MAX_MESSAGE + '…'.len_utf8());
    }
}
