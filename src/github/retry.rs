//! When to retry, and how long to wait first: GitHub's primary and secondary rate
//! limits ("Rate limits for the REST API", GitHub docs), 5xx answers and network
//! failures with exponential backoff. Pure: the clock is an argument.

use super::config::Config;
use super::http::{HttpResponse, Method};
use super::retry_after::retry_after_ms;
use super::text;

/// Why the client is about to wait and retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryReason {
    /// 403/429 with `x-ratelimit-remaining: 0`: waiting for `x-ratelimit-reset`.
    RateLimit,
    /// 403/429 secondary rate limit: waiting for `retry-after` (or the fallback).
    SecondaryRateLimit,
    /// 5xx answer.
    ServerError,
    /// No answer (network error or timeout).
    NetworkError,
    /// A write was refused (422) and the scope's public key had changed: the value is
    /// sealed again with the new key and sent once more.
    KeyRotated,
}

impl RetryReason {
    /// `rate-limit`, `secondary-rate-limit`, `server-error`, `network-error`, `key-rotated`.
    pub fn as_str(self) -> &'static str {
        match self {
            RetryReason::RateLimit => "rate-limit",
            RetryReason::SecondaryRateLimit => "secondary-rate-limit",
            RetryReason::ServerError => "server-error",
            RetryReason::NetworkError => "network-error",
            RetryReason::KeyRotated => "key-rotated",
        }
    }
}

/// Reported to the event sink before each retry.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryEvent {
    /// Why.
    pub reason: RetryReason,
    /// Request method.
    pub method: Method,
    /// Request URL.
    pub url: String,
    /// Status of the answer that caused the retry (0 without one).
    pub status: u16,
    /// 1 for the first retry.
    pub attempt: u32,
    /// How long the client waits before it, in milliseconds.
    pub wait_ms: u64,
}

/// `base * 2^attempt` milliseconds (the exponent capped at 16), saturating.
pub fn backoff(base: u64, attempt: u32) -> u64 {
    base.saturating_mul(1u64 << attempt.min(16))
}

/// How long to wait before retrying after `response` (attempt 0 = the first try
/// failed), or `None` if the answer is final. `now_ms`: milliseconds since the Unix
/// epoch. Rules, in order:
/// - 403/429 with `x-ratelimit-remaining: 0`: until `x-ratelimit-reset` (epoch
///   seconds) plus one second; `None` without a readable reset;
/// - 403/429 with a `retry-after` that RFC 9110 allows ([`retry_after_ms`]:
///   delta-seconds, or an HTTP-date, 0 when past; huge values saturate): that long;
///   a negative, fractional or garbled value counts as absent;
/// - 403 whose message mentions a secondary rate limit, or any 429:
///   `secondary_rate_limit_wait_ms * 2^attempt`;
/// - other 403s: `None`;
/// - 5xx except 501: `retry_base_ms * 2^attempt`.
///
/// The caller still compares the wait with [`Config::max_wait_ms`] and the attempt
/// with [`Config::retries`].
pub fn retry_wait(response: &HttpResponse, attempt: u32, now_ms: u64, config: &Config) -> Option<(RetryReason, u64)> {
    let status = response.status;
    if status == 403 || status == 429 {
        if response.header("x-ratelimit-remaining") == Some("0") {
            let reset_s: u64 = response.header("x-ratelimit-reset")?.trim().parse().ok()?;
            let wait = reset_s.saturating_mul(1000).saturating_add(1000).saturating_sub(now_ms);
            return Some((RetryReason::RateLimit, wait));
        }
        // RFC 9110: delta-seconds or an HTTP-date; anything else counts as absent.
        if let Some(wait) = response.header("retry-after").and_then(|v| retry_after_ms(v, now_ms)) {
            return Some((RetryReason::SecondaryRateLimit, wait));
        }
        let secondary = response
            .github_message()
            .is_some_and(|m| text::contains(&m.to_ascii_lowercase(), "secondary rate limit"));
        if secondary || status == 429 {
            return Some((RetryReason::SecondaryRateLimit, backoff(config.secondary_rate_limit_wait_ms, attempt)));
        }
        return None;
    }
    if (500..600).contains(&status) && status != 501 {
        return Some((RetryReason::ServerError, backoff(config.retry_base_ms, attempt)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, headers: &[(&str, &str)], message: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            body: serde_json::json!({ "message": message }).to_string(),
            ..Default::default()
        }
    }

    const NOW: u64 = 1_700_000_000_000;

    #[test]
    fn rate_limits_wait_as_github_documents() {
        let c = Config::default();
        let primary = answer(403, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1700000030")], "API rate limit exceeded");
        assert_eq!(retry_wait(&primary, 0, NOW, &c), Some((RetryReason::RateLimit, 31_000)));
        let past = answer(429, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1")], "");
        assert_eq!(retry_wait(&past, 0, NOW, &c), Some((RetryReason::RateLimit, 0)));
        let unreadable = answer(403, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "soon")], "");
        assert_eq!(retry_wait(&unreadable, 0, NOW, &c), None);
        let after = answer(403, &[("retry-after", " 7 ")], "slow down");
        assert_eq!(retry_wait(&after, 3, NOW, &c), Some((RetryReason::SecondaryRateLimit, 7_000)));
        let secondary = answer(403, &[], "You have exceeded a SECONDARY RATE LIMIT.");
        assert_eq!(retry_wait(&secondary, 1, NOW, &c), Some((RetryReason::SecondaryRateLimit, 120_000)));
        assert_eq!(retry_wait(&answer(429, &[], ""), 0, NOW, &c), Some((RetryReason::SecondaryRateLimit, 60_000)));
        assert_eq!(retry_wait(&answer(403, &[], "Resource not accessible by integration"), 0, NOW, &c), None);
    }

    #[test]
    fn retry_after_forms_of_rfc_9110() {
        let c = Config::default();
        let with = |v: &str| retry_wait(&answer(403, &[("retry-after", v)], "slow down"), 0, NOW, &c);
        // NOW is 2023-11-14T22:13:20Z.
        assert_eq!(with("Tue, 14 Nov 2023 22:13:50 GMT"), Some((RetryReason::SecondaryRateLimit, 30_000)));
        assert_eq!(with("Tuesday, 14-Nov-23 22:13:25 GMT"), Some((RetryReason::SecondaryRateLimit, 5_000)));
        assert_eq!(with("Tue Nov 14 22:13:21 2023"), Some((RetryReason::SecondaryRateLimit, 1_000)));
        assert_eq!(with("Mon, 13 Nov 2023 00:00:00 GMT"), Some((RetryReason::SecondaryRateLimit, 0)));
        assert_eq!(with("99999999999999999999999"), Some((RetryReason::SecondaryRateLimit, u64::MAX)));
        // Not RFC 9110 forms: as if absent, i.e. the secondary-rate-limit fallback
        // (the message says so) or, for a plain 403, final.
        for garbage in ["-5", "1.5", "soon", "", "5s"] {
            let secondary = answer(403, &[("retry-after", garbage)], "You have exceeded a secondary rate limit");
            assert_eq!(retry_wait(&secondary, 0, NOW, &c), Some((RetryReason::SecondaryRateLimit, 60_000)), "{garbage:?}");
            assert_eq!(with(garbage), None, "{garbage:?}");
        }
    }

    #[test]
    fn server_errors_back_off_and_client_errors_are_final() {
        let c = Config { retry_base_ms: 100, ..Config::default() };
        assert_eq!(retry_wait(&answer(502, &[], ""), 0, NOW, &c), Some((RetryReason::ServerError, 100)));
        assert_eq!(retry_wait(&answer(500, &[], ""), 2, NOW, &c), Some((RetryReason::ServerError, 400)));
        for status in [501, 400, 401, 404, 409, 422] {
            assert_eq!(retry_wait(&answer(status, &[], ""), 0, NOW, &c), None, "{status}");
        }
        assert_eq!(backoff(u64::MAX, 40), u64::MAX);
        assert_eq!(backoff(1, 40), 1 << 16);
    }
}
