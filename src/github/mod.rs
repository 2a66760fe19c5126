//! GitHub's REST secrets API: the endpoint table ([`endpoints`]), HTTP values
//! ([`http`]), pure request building ([`request`], [`params`], [`body`]), settings
//! ([`config`]), retry rules ([`retry`]), the platform boundary ([`transport`]) and
//! the client that runs them ([`client`], [`bulk`], [`variables`], [`visibility`]).
//! With the `options` feature alone (no `client`) only [`config`] and what it
//! checks with ([`origin`], [`pager`]'s page cap) are compiled: no serde_json.

pub mod config;
pub mod origin;
pub mod pager;
pub mod text;

pub use config::Config;

/// The items inside compiled only with the `client` feature: one `#[cfg]` per item,
/// written once (the `options` feature alone compiles the modules above).
macro_rules! client_only {
    ($($item:item)*) => {
        $(#[cfg(feature = "client")] $item)*
    };
}

client_only! {
    pub mod body;
    pub mod bulk;
    pub mod client;
    pub mod endpoints;
    pub mod http;
    pub mod key_response;
    pub mod keys;
    pub mod params;
    pub mod redact;
    pub mod request;
    pub mod retry;
    pub mod retry_after;
    pub mod transport;
    pub mod variables;
    pub mod visibility;
    mod writes;

    pub use bulk::{BulkOptions, Outcome, SecretResult};
    pub use client::Client;
    pub use keys::PublicKey;
    pub use endpoints::{App, Endpoint, Kind, Op, Scope, Verb, ENDPOINTS};
    pub use http::{HttpFailure, HttpRequest, HttpResponse, Method};
    pub use retry::{RetryEvent, RetryReason};
    pub use transport::{Transport, TransportError};
    pub use variables::{resolve_variable_target, VariableRoutes};
    pub use visibility::{ExistingVisibility, Visibility, VisibilitySource, VisibilityUsed};
}
