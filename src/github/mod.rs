//! GitHub's REST secrets API: the endpoint table ([`endpoints`]), HTTP values
//! ([`http`]), pure request building ([`request`], [`params`], [`body`]), settings
//! ([`config`]), retry rules ([`retry`]), the platform boundary ([`transport`]) and
//! the client that runs them ([`client`], [`bulk`], [`variables`], [`visibility`]).

pub mod body;
pub mod bulk;
pub mod client;
pub mod config;
pub mod endpoints;
pub mod http;
pub mod key_response;
pub mod keys;
pub mod origin;
pub mod pager;
pub mod params;
pub mod redact;
pub mod request;
pub mod retry;
pub mod retry_after;
pub mod text;
pub mod transport;
pub mod variables;
pub mod visibility;
mod writes;

pub use bulk::{BulkOptions, Outcome, SecretResult};
pub use client::Client;
pub use keys::PublicKey;
pub use config::Config;
pub use endpoints::{App, Endpoint, Kind, Op, Scope, Verb, ENDPOINTS};
pub use http::{HttpFailure, HttpRequest, HttpResponse, Method};
pub use retry::{RetryEvent, RetryReason};
pub use transport::{Transport, TransportError};
pub use variables::{resolve_variable_target, VariableRoutes};
pub use visibility::{ExistingVisibility, Visibility, VisibilitySource, VisibilityUsed};
