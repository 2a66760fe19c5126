//! Pure request building: an [`Endpoint`] row plus the caller's parameters become a
//! path, query and JSON body ([`prepare`]); so does any `"VERB /route"` string
//! ([`prepare_route`]). Both share one list of ignored request options and one query
//! builder. No I/O here.

use core::fmt;

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::body;
use super::endpoints::Endpoint;
use super::http::Method;
pub use super::http::next_link;
use super::text;
use super::params::{filtered, positive_int, with_query, MAX_PATH_VALUE_LEN};
pub use super::params::{encode_segment, expand_route, validate_secret_name, wipe_value};
use crate::error::{Error, Result};

/// GitHub REST API version sent as `X-GitHub-Api-Version`.
pub const API_VERSION: &str = "2022-11-28";
/// Media type sent as `Accept`.
pub const ACCEPT: &str = "application/vnd.github+json";
/// Largest secret value GitHub stores: 48 KiB of plaintext.
pub const MAX_SECRET_BYTES: usize = body::MAX_VALUE_BYTES;
/// Largest `per_page` GitHub honours.
pub const MAX_PER_PAGE: u64 = 100;
/// Octokit request options accepted in `params` and never sent to GitHub (neither
/// as a query parameter nor in a body), by [`prepare`] and [`prepare_route`] alike.
pub const IGNORED_PARAMS: &[&str] = &["headers", "request", "mediaType", "baseUrl"];

/// Whether `key` is one of the [`IGNORED_PARAMS`].
pub fn is_ignored(key: &str) -> bool {
    IGNORED_PARAMS.contains(&key)
}

/// A request derived from an endpoint and parameters, before sealing and sending.
pub struct Prepared {
    /// The endpoint.
    pub endpoint: &'static Endpoint,
    /// Expanded, percent-encoded path plus query string.
    pub path: String,
    /// The secrets collection path (route up to `/secrets`, expanded): the scope
    /// whose public key seals this secret, e.g. `/repos/o/r/actions`.
    pub scope_path: String,
    /// The expanded route of the public key that seals `value` (e.g.
    /// `/orgs/acme/private-registries/public-key`), for rows that take one.
    pub key_path: Option<String>,
    /// JSON body fields (without `encrypted_value`/`key_id` when `value` is given).
    pub body: Option<Map<String, Value>>,
    /// Plaintext to seal with the scope's public key (`value` parameter).
    pub value: Option<Zeroizing<String>>,
}

impl fmt::Debug for Prepared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Prepared")
            .field("endpoint", &self.endpoint.name)
            .field("path", &self.path)
            .field("value", &self.value.as_ref().map(|_| "[REDACTED]"))
            .finish_non_exhaustive()
    }
}

/// A request for any route (`"VERB /path/{param}"`), as [`prepare_route`] builds it.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteRequest {
    /// The method.
    pub method: Method,
    /// Expanded, percent-encoded path plus query string.
    pub path: String,
    /// JSON body (PUT, POST, PATCH): the parameters not used in the path.
    pub body: Option<Map<String, Value>>,
}

/// Octokit's `request(route, params)` without sending: parses `"VERB /path"` (verb
/// defaults to GET when omitted), expands `{param}`s, and puts the other parameters
/// (minus [`IGNORED_PARAMS`]) in the query string (GET, DELETE) or the JSON body
/// (PUT, POST, PATCH).
///
/// # Errors
/// [`Error::InvalidParam`] naming `route` for an unknown verb or a path without a
/// leading `/`; as [`expand_route`] for path parameters.
pub fn prepare_route(route: &str, params: &Map<String, Value>) -> Result<RouteRequest> {
    let (verb, template) = route.split_once(' ').unwrap_or(("GET", route));
    let method = Method::parse(verb).ok_or_else(|| {
        Error::invalid("route", format!("\"{route}\": expected \"VERB /path\" with GET, PUT, POST, PATCH or DELETE"))
    })?;
    if !template.starts_with('/') {
        return Err(Error::invalid("route", format!("\"{route}\": the path must start with /")));
    }
    let path = expand_route(template, params, route)?;
    let rest = filtered(params, &|k, _| !text::contains(template, &format!("{{{k}}}")) && !is_ignored(k));
    if method.has_body() {
        return Ok(RouteRequest { method, path, body: Some(rest) });
    }
    let path = with_query(path, rest.iter().map(|(k, v)| (k.as_str(), v)));
    Ok(RouteRequest { method, path, body: None })
}

/// Expands `endpoint.route` with `params`.
///
/// # Errors
/// [`Error::InvalidParam`] for a missing or empty path parameter, or one longer than
/// [`MAX_PATH_VALUE_LEN`] bytes.
pub fn expand(endpoint: &Endpoint, params: &Map<String, Value>) -> Result<String> {
    for name in endpoint.path_params() {
        if let Some(Value::String(text)) = params.get(name) {
            if text.len() > MAX_PATH_VALUE_LEN {
                return Err(Error::invalid(name, format!("{} bytes; at most {MAX_PATH_VALUE_LEN}", text.len())));
            }
        }
    }
    expand_route(endpoint.route, params, &describe(endpoint))
}

fn describe(endpoint: &Endpoint) -> String {
    format!("{}.{}", endpoint.app.as_str(), endpoint.name)
}

/// Validates `params` for `endpoint` and derives path, scope and body. Checks, in
/// this order: unknown parameters, path parameters (`secret_name`, a variable's
/// `name`), `per_page` (1..=100) and `page` (>= 1), then the body as
/// [`body::build`] does: sealed `value` xor `encrypted_value` + `key_id`, plaintext
/// variable `name`/`value` (48 KiB), `visibility` in `all|private|selected`
/// (optional on an org-level `createOrUpdate*`: without it [`super::Client::request`]
/// keeps the existing secret's), `selected_repository_ids` only with
/// `visibility: "selected"`, the fields the spec requires.
///
/// # Errors
/// [`Error::InvalidParam`] naming the first parameter at fault. Messages never
/// include a secret's value.
pub fn prepare(endpoint: &'static Endpoint, params: &Map<String, Value>) -> Result<Prepared> {
    let takes_value = body::takes_sealed_value(endpoint);
    for key in params.keys() {
        let known = endpoint.path_params().any(|p| p == key)
            || endpoint.query_params().contains(&key.as_str())
            || endpoint.body_params().contains(&key.as_str())
            || (takes_value && key == "value")
            || is_ignored(key);
        if !known {
            let mut expected: Vec<&str> = endpoint.path_params().collect();
            expected.extend(endpoint.query_params());
            if takes_value {
                expected.push("value");
            }
            expected.extend(endpoint.body_params());
            return Err(Error::invalid(
                key.as_str(),
                format!("unknown parameter for {} (expected: {})", describe(endpoint), expected.join(", ")),
            ));
        }
    }
    let path = expand(endpoint, params)?;
    body::validate_path(endpoint, params)?;
    let scope_path = scope_of(endpoint.route, &path);
    let key_path = match endpoint.key_route() {
        Some(route) => Some(expand_route(route, params, &describe(endpoint))?),
        None => None,
    };

    let mut query = Vec::new();
    for &name in endpoint.query_params() {
        if let Some(v) = params.get(name).filter(|v| !v.is_null()) {
            let n = positive_int(name, v)?;
            if name == "per_page" && n > MAX_PER_PAGE {
                return Err(Error::invalid(name, format!("at most {MAX_PER_PAGE}, got {n}")));
            }
            query.push((name, Value::from(n)));
        }
    }
    let path = with_query(path, query.iter().map(|(k, v)| (*k, v)));

    let (body, value) = match body::build(endpoint, params, &describe(endpoint))? {
        Some((body, value)) => (Some(body), value),
        None => (None, None),
    };
    Ok(Prepared { endpoint, path, scope_path, key_path, body, value })
}

/// The secrets collection of `path`, an expansion of `route`: the path segments
/// before the route's literal `secrets` segment, e.g. `/repos/o/r/actions`. (Values
/// are encoded, so segments line up with the route's; a repository named
/// `secrets-vault` is not mistaken for the collection.)
pub fn scope_of(route: &str, path: &str) -> String {
    let index = route.split('/').position(|seg| seg == "secrets").unwrap_or(0);
    let path = path.split('?').next().unwrap_or(path);
    path.split('/').take(index).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests;
