//! The client's platform boundary: send a request, sleep, read a clock. The wasm
//! build implements it over `fetch` and `setTimeout` (`bindings/transport.rs`); host
//! tests use a fake with a virtual clock.

use core::future::Future;

use super::http::{HttpRequest, HttpResponse};

/// Why a request produced no HTTP response.
#[derive(Debug, Clone, PartialEq)]
pub enum TransportError {
    /// DNS, TCP, TLS, CORS or an aborted fetch; the text is the platform's.
    Network(String),
    /// No response within the timeout.
    Timeout,
    /// The server answered with a redirect (3xx), which the transport never follows.
    Redirect {
        /// The 3xx status (0 for a browser's `opaqueredirect`).
        status: u16,
        /// The `Location` header, when visible.
        location: Option<String>,
    },
    /// The response body exceeded the transport's size limit; the rest was not read.
    TooLarge {
        /// The response's status.
        status: u16,
        /// The limit in bytes.
        limit: u64,
    },
}

/// What the client needs from its platform: send a request, sleep, read a clock.
/// The wasm build implements it over `fetch` and `setTimeout`; tests use a fake.
pub trait Transport {
    /// Sends `request`; gives up after `timeout_ms` (0 = no timeout).
    fn send(&self, request: &HttpRequest, timeout_ms: u64) -> impl Future<Output = Result<HttpResponse, TransportError>>;
    /// Resolves after `ms` milliseconds.
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
}
