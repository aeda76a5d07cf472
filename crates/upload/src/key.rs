//! The Ringg API key, wrapped so that it cannot leak through `Debug`, `Display` or errors.

use std::fmt;

use crate::error::Error;

/// The name of the environment variable the key is read from by [`ApiKey::from_env`].
pub const API_KEY_ENV: &str = "RINGG_API_KEY";

/// The text shown wherever the key would otherwise appear.
pub const REDACTED: &str = "<redacted>";

/// A Ringg workspace API key.
///
/// The key is only ever sent as the `X-API-KEY` header. Its `Debug` output is
/// `ApiKey(<redacted>)`, it has no `Display`, and it is never copied into an
/// error or a dry-run description. There is deliberately no public accessor
/// for the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key. Surrounding white space is trimmed; an empty key, or one
    /// that cannot be sent as an HTTP header value (control characters,
    /// inner white space, non-ASCII), is refused without echoing it.
    pub fn new(key: impl Into<String>) -> Result<Self, Error> {
        let key = key.into();
        let trimmed = key.trim();
        if trimmed.is_empty() {
            return Err(Error::MissingApiKey);
        }
        if !trimmed.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::InvalidApiKey);
        }
        Ok(ApiKey(trimmed.to_owned()))
    }

    /// Reads the key from `RINGG_API_KEY`. Missing or empty is
    /// [`Error::MissingApiKey`].
    pub fn from_env() -> Result<Self, Error> {
        match std::env::var(API_KEY_ENV) {
            Ok(v) => ApiKey::new(v),
            Err(std::env::VarError::NotPresent) => Err(Error::MissingApiKey),
            Err(std::env::VarError::NotUnicode(_)) => Err(Error::InvalidApiKey),
        }
    }

    /// The secret itself, for the `X-API-KEY` header only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// Replaces every occurrence of the key in `text` with [`REDACTED`].
    ///
    /// Used on everything a server sends back before it is stored or
    /// printed, in case a server echoes the key. An echo is found in any
    /// case (`7251CB4B-…`) and with any of its characters escaped as JSON
    /// (`\u002d`) or as a URL (`%2D`) would. A key shorter than
    /// [`SHORT_KEY`] characters is matched only as a whole word, so that a
    /// key such as `k` does not mangle every `k` of unrelated text.
    pub fn redact(&self, text: &str) -> String {
        let key = self.0.as_bytes();
        let bytes = text.as_bytes();
        let whole_words = key.len() < SHORT_KEY;
        let mut out = String::new();
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            let found = match_at(bytes, i, key).filter(|&end| {
                !whole_words || (!word_byte(bytes, i.wrapping_sub(1)) && !word_byte(bytes, end))
            });
            match found {
                Some(end) => {
                    out.push_str(&text[copied..i]);
                    out.push_str(REDACTED);
                    copied = end;
                    i = end;
                }
                None => i += 1,
            }
        }
        if copied == 0 {
            return text.to_owned();
        }
        out.push_str(&text[copied..]);
        out
    }
}

/// Keys shorter than this are redacted only where they stand as a word.
pub const SHORT_KEY: usize = 16;

fn word_byte(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
}

/// Where a spelling of `key` that starts at `start` ends, if one does: each
/// key byte may appear as itself in any ASCII case, as `\uXXXX` or as `%XX`.
fn match_at(text: &[u8], start: usize, key: &[u8]) -> Option<usize> {
    let mut i = start;
    for &k in key {
        i = match text.get(i)? {
            b if b.eq_ignore_ascii_case(&k) => i + 1,
            b'\\' if text.get(i + 1) == Some(&b'u') => {
                (hex(text.get(i + 2..i + 6)?)? == u32::from(k)).then_some(i + 6)?
            }
            b'%' => (hex(text.get(i + 1..i + 3)?)? == u32::from(k)).then_some(i + 3)?,
            _ => return None,
        };
    }
    Some(i)
}

fn hex(digits: &[u8]) -> Option<u32> {
    std::str::from_utf8(digits)
        .ok()
        .and_then(|s| u32::from_str_radix(s, 16).ok())
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({REDACTED})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let k = ApiKey::new("sk-very-secret").expect("valid key");
        assert_eq!(format!("{k:?}"), "ApiKey(<redacted>)");
        assert!(!format!("{:?}", Some(&k)).contains("sk-very-secret"));
    }

    #[test]
    fn rejects_bad_keys_without_echoing_them() {
        assert!(matches!(ApiKey::new("  "), Err(Error::MissingApiKey)));
        let e = ApiKey::new("abc\ndef").expect_err("newline refused");
        assert!(!e.to_string().contains("abc"));
        assert!(!format!("{e:?}").contains("abc"));
    }

    #[test]
    fn redacts_in_text() {
        let k = ApiKey::new("sekrit").expect("valid key");
        assert_eq!(k.redact("bad key sekrit!"), "bad key <redacted>!");
    }

    #[test]
    fn redacts_every_spelling_of_an_echo() {
        let k = ApiKey::new("7251cb4b-3373-43a4-844c-b27a1d45e0c9").expect("valid key");
        for echo in [
            "7251CB4B-3373-43A4-844C-B27A1D45E0C9",
            "7251cb4b\\u002d3373-43a4-844c-b27a1d45e0c9",
            "7251cb4b%2D3373%2d43a4-844c-b27a1d45e0c9",
            "\\u0037251cb4b-3373-43a4-844c-b27a1d45e0c9",
        ] {
            assert_eq!(
                k.redact(&format!("key={echo}!")),
                "key=<redacted>!",
                "{echo}"
            );
        }
        assert_eq!(k.redact("nothing here"), "nothing here");
    }

    #[test]
    fn a_short_key_is_redacted_only_as_a_word() {
        let k = ApiKey::new("k").expect("valid key");
        assert_eq!(k.redact("bad key: k"), "bad key: <redacted>");
        assert_eq!(k.redact("keep looking"), "keep looking");
    }
}
