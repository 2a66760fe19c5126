//! The crate's one error type. It never holds a token or a plaintext value; the
//! wasm binding turns it into a JavaScript `Error` in one place (`bindings/error.rs`).

use core::fmt;

/// Result alias used across the crate.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Everything that can go wrong in ghseal.
///
/// Variants map to the JavaScript error `name`:
/// [`Error::InvalidBase64`], [`Error::InvalidLength`], [`Error::InvalidType`],
/// [`Error::WeakPublicKey`] and [`Error::InvalidParam`] are `"ValidationError"`;
/// [`Error::OpenFailed`] is `"DecryptionError"`; [`Error::SealFailed`] is
/// `"EncryptionError"`; [`Error::Http`] is `"HttpError"`; [`Error::Network`] and
/// [`Error::Timeout`] are `"HttpError"` with `status` 0, as in Octokit;
/// [`Error::Redirect`] and [`Error::ResponseTooLarge`] are `"HttpError"` with the
/// response's status; [`Error::Pagination`] is `"HttpError"` without a status.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// `param` is not valid standard-alphabet base64 (RFC 4648 §4; padding optional).
    InvalidBase64 {
        /// The parameter's name as the caller knows it, e.g. `publicKey`.
        param: &'static str,
    },
    /// `param` decoded to `actual` bytes where exactly `expected` are required.
    InvalidLength {
        /// The parameter's name.
        param: &'static str,
        /// Required length in bytes.
        expected: usize,
        /// Length received, in bytes.
        actual: usize,
    },
    /// `param` has the wrong type (binding layer only), e.g. a number where a
    /// string or `Uint8Array` is expected.
    InvalidType {
        /// The parameter's name.
        param: &'static str,
        /// What was expected, e.g. `"a base64 string or a 32-byte Uint8Array"`.
        expected: &'static str,
    },
    /// `param` is a low-order X25519 point (libsodium's `has_small_order` list, or any
    /// key whose shared secret comes out all zeros): a sealed box for it would open
    /// without a secret key, so libsodium's `crypto_box_seal` refuses it and so do we.
    WeakPublicKey {
        /// The parameter's name (`publicKey`).
        param: &'static str,
    },
    /// A request parameter failed validation before anything was sent.
    InvalidParam {
        /// The parameter's name, e.g. `secret_name`.
        param: String,
        /// What was wrong and what is expected. Never contains the value of a secret.
        message: String,
    },
    /// A sealed box did not open: wrong secret key, truncated or altered data.
    /// Deliberately opaque, as RustCrypto's `aead::Error` is.
    OpenFailed {
        /// The parameter's name (`sealed`).
        param: &'static str,
    },
    /// Sealing failed inside the AEAD (XSalsa20-Poly1305). Not expected for any
    /// message that fits in memory; deliberately opaque, as RustCrypto's
    /// `aead::Error` is.
    SealFailed,
    /// GitHub answered with a status that is not a success (boxed: it is large).
    #[cfg(feature = "client")]
    Http(Box<crate::github::HttpFailure>),
    /// The request never got an HTTP answer (DNS, TCP, TLS, CORS, aborted fetch).
    Network {
        /// HTTP method of the request.
        method: String,
        /// URL of the request.
        url: String,
        /// What the transport reported.
        message: String,
    },
    /// The server answered with a redirect (3xx), which is never followed: a
    /// redirected public-key request could hand over another server's key, and a
    /// redirected write could send the sealed value elsewhere.
    Redirect {
        /// HTTP method of the request.
        method: String,
        /// URL of the request.
        url: String,
        /// The 3xx status (0 when the browser hides it: an `opaqueredirect`).
        status: u16,
        /// The `Location` header, when the platform shows it (token redacted).
        location: Option<String>,
    },
    /// The response body is larger than the limit for this request
    /// (`maxResponseBytes`; public keys and writes at most 64 KiB). The rest of the
    /// body was not read.
    ResponseTooLarge {
        /// HTTP method of the request.
        method: String,
        /// URL of the request.
        url: String,
        /// The response's status.
        status: u16,
        /// The limit in bytes (decoded body).
        limit: u64,
    },
    /// A pagination was stopped: the server's `Link: rel="next"` led back to a page
    /// already read (a cycle), or past the `maxPages` cap.
    Pagination {
        /// The `next` URL that was not followed.
        url: String,
        /// What happened, e.g. "... a pagination cycle".
        message: String,
    },
    /// No answer within the configured timeout.
    Timeout {
        /// HTTP method of the request.
        method: String,
        /// URL of the request.
        url: String,
        /// The timeout that elapsed, in milliseconds.
        timeout_ms: u64,
    },
}

impl Error {
    /// The JavaScript `name` this error gets: `ValidationError`, `DecryptionError`,
    /// `EncryptionError` or `HttpError`.
    pub fn js_name(&self) -> &'static str {
        match self {
            Error::InvalidBase64 { .. }
            | Error::InvalidLength { .. }
            | Error::InvalidType { .. }
            | Error::WeakPublicKey { .. }
            | Error::InvalidParam { .. } => "ValidationError",
            Error::OpenFailed { .. } => "DecryptionError",
            Error::SealFailed => "EncryptionError",
            #[cfg(feature = "client")]
            Error::Http(_) => "HttpError",
            Error::Network { .. }
            | Error::Timeout { .. }
            | Error::Redirect { .. }
            | Error::ResponseTooLarge { .. }
            | Error::Pagination { .. } => "HttpError",
        }
    }

    /// A stable machine-readable code (`invalid_base64`, `invalid_length`,
    /// `invalid_type`, `weak_public_key`, `invalid_param`, `open_failed`,
    /// `seal_failed`, `http`, `network`, `timeout`, `redirect`, `response_too_large`,
    /// `pagination`).
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidBase64 { .. } => "invalid_base64",
            Error::InvalidLength { .. } => "invalid_length",
            Error::InvalidType { .. } => "invalid_type",
            Error::WeakPublicKey { .. } => "weak_public_key",
            Error::InvalidParam { .. } => "invalid_param",
            Error::OpenFailed { .. } => "open_failed",
            Error::SealFailed => "seal_failed",
            #[cfg(feature = "client")]
            Error::Http(_) => "http",
            Error::Network { .. } => "network",
            Error::Timeout { .. } => "timeout",
            Error::Redirect { .. } => "redirect",
            Error::ResponseTooLarge { .. } => "response_too_large",
            Error::Pagination { .. } => "pagination",
        }
    }

    /// The parameter the error is about, if any.
    pub fn param(&self) -> Option<&str> {
        match self {
            Error::InvalidBase64 { param }
            | Error::InvalidLength { param, .. }
            | Error::InvalidType { param, .. }
            | Error::WeakPublicKey { param }
            | Error::OpenFailed { param } => Some(param),
            Error::InvalidParam { param, .. } => Some(param),
            _ => None,
        }
    }

    /// HTTP status: the response's for [`Error::Http`], 0 for network failures and
    /// timeouts (as Octokit's `RequestError`), `None` otherwise.
    pub fn status(&self) -> Option<u16> {
        match self {
            #[cfg(feature = "client")]
            Error::Http(f) => Some(f.status),
            Error::Network { .. } | Error::Timeout { .. } => Some(0),
            Error::Redirect { status, .. } | Error::ResponseTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Shorthand for [`Error::InvalidParam`].
    pub fn invalid(param: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidParam { param: param.into(), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidBase64 { param } => write!(
                f,
                "{param}: invalid base64; expected standard base64 (A-Z a-z 0-9 + /, padding optional) as GitHub's public-key endpoints return it"
            ),
            Error::InvalidLength { param, expected, actual } => {
                write!(f, "{param}: expected {expected} bytes, got {actual}")
            }
            Error::InvalidType { param, expected } => write!(f, "{param}: expected {expected}"),
            Error::WeakPublicKey { param } => write!(
                f,
                "{param}: a low-order X25519 point (the sealed box would open without a secret key)"
            ),
            Error::InvalidParam { param, message } => write!(f, "{param}: {message}"),
            Error::OpenFailed { param } => write!(
                f,
                "{param}: the sealed box could not be opened with this secret key (wrong key, or the data is truncated or altered)"
            ),
            Error::SealFailed => f.write_str("value: sealing failed (XSalsa20-Poly1305 encryption error)"),
            #[cfg(feature = "client")]
            Error::Http(failure) => fmt::Display::fmt(failure, f),
            Error::Network { method, url, message } => {
                write!(f, "{method} {url}: network error: {message}")
            }
            Error::Pagination { url, message } => write!(f, "GET {url}: {message}"),
            Error::Redirect { method, url, status, location } => match location {
                Some(location) => write!(
                    f,
                    "{method} {url}: the server answered {status} redirecting to \"{location}\"; ghseal does not follow redirects (the token and sealed values stay on baseUrl): check baseUrl"
                ),
                None => write!(
                    f,
                    "{method} {url}: the server answered with a redirect ({status}, Location not visible); ghseal does not follow redirects: check baseUrl"
                ),
            },
            Error::ResponseTooLarge { method, url, status, limit } => write!(
                f,
                "{method} {url}: the response ({status}) is larger than {limit} bytes, the limit for this request (maxResponseBytes; public keys and writes: at most 65536); the rest was not read"
            ),
            Error::Timeout { method, url, timeout_ms } => {
                write!(f, "{method} {url}: no response within {timeout_ms} ms")
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_aead_failure_has_its_own_opaque_error() {
        let e = Error::SealFailed;
        assert_eq!((e.js_name(), e.code(), e.param(), e.status()), ("EncryptionError", "seal_failed", None, None));
        assert_ne!(e.code(), Error::InvalidLength { param: "value", expected: 0, actual: 0 }.code());
        assert!(e.to_string().starts_with("value: sealing failed"));
    }
}
