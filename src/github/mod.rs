//! GitHub's REST secrets API: the endpoint table ([`endpoints`]), pure request
//! building ([`request`]) and the client that runs them ([`client`]).

pub mod client;
pub mod endpoints;
pub mod key_response;
pub mod origin;
pub mod pager;
pub mod redact;
pub mod request;
pub mod retry_after;

pub use client::{Client, Config, Outcome, PublicKey, RetryEvent, RetryReason, SecretResult, Transport, TransportError};
pub use endpoints::{App, Endpoint, Op, Scope, Verb, ENDPOINTS};
pub use request::{HttpFailure, HttpRequest, HttpResponse};
