//! GitHub's REST secrets API: the endpoint table ([`endpoints`]), HTTP values
//! ([`http`]), pure request building ([`request`], [`params`], [`body`]), settings
//! ([`config`]), retry rules ([`retry`]), the platform boundary ([`transport`]) and
//! the client that runs them ([`client`], [`bulk`], [`variables`], [`visibility`]).
//! With the `options` feature alone (no `client`) only [`config`] and what it
//! checks with ([`origin`], [`pager`]'s page cap) are compiled: no serde_json.

#[cfg(feature = "client")]
pub mod body;
#[cfg(feature = "client")]
pub mod bulk;
#[cfg(feature = "client")]
pub mod client;
pub mod config;
#[cfg(feature = "client")]
pub mod endpoints;
#[cfg(feature = "client")]
pub mod http;
#[cfg(feature = "client")]
pub mod key_response;
#[cfg(feature = "client")]
pub mod keys;
pub mod origin;
pub mod pager;
#[cfg(feature = "client")]
pub mod params;
#[cfg(feature = "client")]
pub mod redact;
#[cfg(feature = "client")]
pub mod request;
#[cfg(feature = "client")]
pub mod retry;
#[cfg(feature = "client")]
pub mod retry_after;
pub mod text;
#[cfg(feature = "client")]
pub mod transport;
#[cfg(feature = "client")]
pub mod variables;
#[cfg(feature = "client")]
pub mod visibility;
#[cfg(feature = "client")]
mod writes;

#[cfg(feature = "client")]
pub use bulk::{BulkOptions, Outcome, SecretResult};
#[cfg(feature = "client")]
pub use client::Client;
#[cfg(feature = "client")]
pub use keys::PublicKey;
pub use config::Config;
#[cfg(feature = "client")]
pub use endpoints::{App, Endpoint, Kind, Op, Scope, Verb, ENDPOINTS};
#[cfg(feature = "client")]
pub use http::{HttpFailure, HttpRequest, HttpResponse, Method};
#[cfg(feature = "client")]
pub use retry::{RetryEvent, RetryReason};
#[cfg(feature = "client")]
pub use transport::{Transport, TransportError};
#[cfg(feature = "client")]
pub use variables::{resolve_variable_target, VariableRoutes};
#[cfg(feature = "client")]
pub use visibility::{ExistingVisibility, Visibility, VisibilitySource, VisibilityUsed};
