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
    /// Used on everything a server sends back before it is put into an error,
    /// in case a server echoes the key in a message.
    pub fn redact(&self, text: &str) -> String {
        if text.contains(self.0.as_str()) {
            text.replace(self.0.as_str(), REDACTED)
        } else {
            text.to_owned()
        }
    }
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
}
