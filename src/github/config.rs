//! Client settings and their checks, for Rust callers and the JS binding alike.

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Most retries [`Config::validate`] keeps; larger counts are capped to it.
pub const MAX_RETRIES: u32 = 100;

/// Client settings. Times are milliseconds. Run [`Config::validate`] on settings
/// that come from outside (the JS binding does).
#[derive(Clone)]
pub struct Config {
    /// API root without trailing slash: `https://api.github.com`, or
    /// `https://HOST/api/v3` for GitHub Enterprise Server.
    pub base_url: String,
    /// Token sent as `Authorization: Bearer` (never logged, redacted in errors).
    pub auth: Option<Zeroizing<String>>,
    /// `User-Agent` header.
    pub user_agent: String,
    /// Per-attempt timeout (0 = none). Default 30 000.
    pub timeout_ms: u64,
    /// Retries after the first attempt, for 5xx, network errors, timeouts and rate
    /// limits. Default 3, at most [`MAX_RETRIES`].
    pub retries: u32,
    /// Backoff base for 5xx / network errors: `base * 2^attempt`. Default 1 000.
    pub retry_base_ms: u64,
    /// Wait after a secondary rate limit without `retry-after` (GitHub: "at least
    /// one minute"), doubled per attempt. Default 60 000.
    pub secondary_rate_limit_wait_ms: u64,
    /// Longest wait the client accepts from `retry-after` or `x-ratelimit-reset`;
    /// beyond it the error is returned at once. Default 900 000 (15 minutes).
    pub max_wait_ms: u64,
    /// Minimum spacing between the starts of two writes (PUT/DELETE), which also
    /// run one at a time, in the order they were queued, as Octokit's throttling
    /// plugin does. Default 1 000.
    pub min_write_interval_ms: u64,
    /// Most pages one pagination follows ([`super::pager`]); a server that links
    /// more is an error. Default [`super::pager::DEFAULT_MAX_PAGES`] (1000).
    pub max_pages: u32,
}

impl core::fmt::Debug for Config {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth.as_ref().map(|_| "[REDACTED]"))
            .field("user_agent", &self.user_agent)
            .field("timeout_ms", &self.timeout_ms)
            .field("retries", &self.retries)
            .field("min_write_interval_ms", &self.min_write_interval_ms)
            .finish_non_exhaustive()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: "https://api.github.com".into(),
            auth: None,
            user_agent: concat!("ghseal/", env!("CARGO_PKG_VERSION")).into(),
            timeout_ms: 30_000,
            retries: 3,
            retry_base_ms: 1_000,
            secondary_rate_limit_wait_ms: 60_000,
            max_wait_ms: 900_000,
            min_write_interval_ms: 1_000,
            max_pages: super::pager::DEFAULT_MAX_PAGES,
        }
    }
}

impl Config {
    /// Checks and normalises the settings: `base_url` must be an `http://` or
    /// `https://` URL with a host and without credentials (`user:token@host`), query
    /// string or fragment ([`super::origin::check_base_url`]; a trailing `/` is
    /// dropped); an empty `auth` becomes `None`;
    /// `retries` is capped at [`MAX_RETRIES`].
    ///
    /// # Errors
    /// [`Error::InvalidParam`] naming `base_url`, or `auth` when the token holds a
    /// character an HTTP header cannot carry (control or non-ASCII, e.g. a stray
    /// newline); the message never quotes the token.
    pub fn validate(mut self) -> Result<Config> {
        self.base_url = super::origin::check_base_url(&self.base_url)?;
        self.auth = self.auth.filter(|t| !t.is_empty());
        if let Some(token) = &self.auth {
            // fetch would reject the header with the token in its message: refuse it
            // here, without echoing it.
            if token.chars().any(|c| c.is_control() || !c.is_ascii()) {
                return Err(Error::invalid(
                    "auth",
                    "the token contains characters an HTTP header cannot carry (control or non-ASCII); check for a stray newline",
                ));
            }
        }
        self.retries = self.retries.min(MAX_RETRIES);
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl FnOnce(&mut Config)) -> Result<Config> {
        let mut c = Config::default();
        f(&mut c);
        c.validate()
    }

    #[test]
    fn validate_checks_scheme_token_and_caps_retries() {
        let ok = with(|c| {
            c.base_url = "http://127.0.0.1:8080/api/v3//".into();
            c.auth = Some(String::new().into());
            c.retries = 1_000;
        })
        .unwrap();
        assert_eq!((ok.base_url.as_str(), ok.auth.is_none(), ok.retries), ("http://127.0.0.1:8080/api/v3", true, MAX_RETRIES));
        for bad in ["ftp://x", "api.github.com", "", "javascript:alert(1)"] {
            assert_eq!(with(|c| c.base_url = bad.into()).unwrap_err().param(), Some("base_url"), "{bad}");
        }
        for bad in ["ghp_abc\n", "ghp_\u{7f}x", "ghp_é", "a\r\nX-Evil: 1"] {
            let err = with(|c| c.auth = Some(bad.to_owned().into())).unwrap_err();
            assert_eq!(err.param(), Some("auth"));
            assert!(!err.to_string().contains("ghp_"), "the token is not echoed");
        }
        assert!(with(|c| c.auth = Some("ghp_Valid123".to_owned().into())).is_ok());
    }
}
