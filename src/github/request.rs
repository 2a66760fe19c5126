//! Pure request building and response classification: an [`Endpoint`] row plus the
//! caller's parameters become a method, URL and JSON body; a status becomes success
//! or an [`HttpFailure`]. No I/O here.

use core::fmt;

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::body;
use super::endpoints::Endpoint;
use crate::error::{Error, Result};

/// GitHub REST API version sent as `X-GitHub-Api-Version`.
pub const API_VERSION: &str = "2022-11-28";
/// Media type sent as `Accept`.
pub const ACCEPT: &str = "application/vnd.github+json";
/// Largest secret value GitHub stores: 48 KiB of plaintext.
pub const MAX_SECRET_BYTES: usize = body::MAX_VALUE_BYTES;
/// Largest `per_page` GitHub honours.
pub const MAX_PER_PAGE: u64 = 100;
/// Parameters accepted and ignored for Octokit compatibility (request options).
const IGNORED_PARAMS: &[&str] = &["headers", "request", "mediaType", "baseUrl"];

/// An HTTP request ready for a [`super::Transport`]. `Debug` redacts `authorization`.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// `GET`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// Absolute URL.
    pub url: String,
    /// Header names lower-case.
    pub headers: Vec<(String, String)>,
    /// JSON body, if any.
    pub body: Option<String>,
}

impl HttpRequest {
    /// Headers with `authorization` replaced by `[REDACTED]`, for errors and logs.
    pub fn redacted_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(k, v)| {
                let v = if k == "authorization" { "[REDACTED]".to_owned() } else { v.clone() };
                (k.clone(), v)
            })
            .collect()
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.redacted_headers())
            .field("body", &self.body.as_ref().map(|b| format!("<{} bytes>", b.len())))
            .finish()
    }
}

/// An HTTP response from a [`super::Transport`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Final URL.
    pub url: String,
    /// Header names lower-case.
    pub headers: Vec<(String, String)>,
    /// Body text (JSON for GitHub; empty on 204).
    pub body: String,
}

impl HttpResponse {
    /// A header's value by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON (`Value::Null` when empty or not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// GitHub's `message` field, if the body has one.
    pub fn github_message(&self) -> Option<String> {
        match self.json().get("message") {
            Some(Value::String(m)) => Some(m.clone()),
            _ => None,
        }
    }
}

/// A non-success answer from GitHub, shaped like Octokit's `RequestError`.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpFailure {
    /// Response status.
    pub status: u16,
    /// The request (authorization redacted, no body: it may hold a sealed secret).
    pub method: &'static str,
    /// Request URL.
    pub url: String,
    /// Request headers, `authorization` redacted.
    pub request_headers: Vec<(String, String)>,
    /// The response.
    pub response: HttpResponse,
}

impl fmt::Display for HttpFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.response.github_message().unwrap_or_else(|| "no message".to_owned());
        write!(f, "GitHub answered {} to {} {}: {}", self.status, self.method, self.url, message)
    }
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

/// Checks a secret name as GitHub does: `^[A-Za-z_][A-Za-z0-9_]*$`, not starting
/// with `GITHUB_` (any case).
///
/// # Errors
/// [`Error::InvalidParam`] naming `secret_name`.
pub fn validate_secret_name(name: &str) -> Result<()> {
    body::validate_name("secret_name", name)
}

/// Percent-encodes one path segment: everything but RFC 3986 unreserved characters,
/// so `/` becomes `%2F` and `..` cannot climb out of the route.
pub fn encode_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out == "." || out == ".." {
        return out.replace('.', "%2E");
    }
    out
}

/// A path or id parameter as text: a non-empty string, or a non-negative integer.
fn scalar(name: &str, value: &Value) -> Result<String> {
    match value {
        Value::String(s) if !s.is_empty() => Ok(s.clone()),
        Value::Number(n) if n.as_u64().is_some() => Ok(n.to_string()),
        Value::String(_) => Err(Error::invalid(name, "must not be empty")),
        _ => Err(Error::invalid(name, "expected a non-empty string or a non-negative integer")),
    }
}

fn positive_int(name: &str, value: &Value) -> Result<u64> {
    let n = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse::<u64>().ok(),
        _ => None,
    };
    n.filter(|n| *n > 0).ok_or_else(|| Error::invalid(name, "expected a positive integer"))
}

/// Expands `endpoint.route` with `params`.
///
/// # Errors
/// [`Error::InvalidParam`] for a missing or empty path parameter.
pub fn expand(endpoint: &Endpoint, params: &Map<String, Value>) -> Result<String> {
    expand_route(endpoint.route, params, &describe(endpoint))
}

/// Expands any route template (`/repos/{owner}/{repo}`) with `params`, encoding each
/// value as one path segment; `context` names the call in error messages.
///
/// # Errors
/// [`Error::InvalidParam`] for a missing or empty path parameter, or an invalid
/// `secret_name`.
pub fn expand_route(route: &str, params: &Map<String, Value>, context: &str) -> Result<String> {
    let mut path = String::new();
    for seg in route.split('/').filter(|s| !s.is_empty()) {
        path.push('/');
        match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => {
                let value = params
                    .get(name)
                    .filter(|v| !v.is_null())
                    .ok_or_else(|| Error::invalid(name, format!("required by {context}")))?;
                let text = scalar(name, value)?;
                if name == "secret_name" {
                    validate_secret_name(&text)?;
                }
                if name == "repository_id" {
                    positive_int(name, value)?;
                }
                if text == "." || text == ".." {
                    // fetch and servers collapse dot segments, even percent-encoded:
                    // ".." would climb to another route.
                    return Err(Error::invalid(name, "must not be \".\" or \"..\""));
                }
                path.push_str(&encode_segment(&text));
            }
            None => path.push_str(seg),
        }
    }
    Ok(path)
}

fn describe(endpoint: &Endpoint) -> String {
    format!("{}.{}", endpoint.app.as_str(), endpoint.name)
}

/// Validates `params` for `endpoint` and derives path, scope and body. Checks, in
/// this order: unknown parameters, path parameters (`secret_name`, a variable's
/// `name`), `per_page` (1..=100) and `page` (>= 1), then the body as
/// [`body::build`] does (sealed `value` xor `encrypted_value` + `key_id`, plaintext
/// variable `name`/`value`, `visibility`, `selected_repository_ids`, the spec's
/// required fields).
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
            || IGNORED_PARAMS.contains(&key.as_str());
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
    let mut path = expand(endpoint, params)?;
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
            query.push(format!("{name}={n}"));
        }
    }
    if !query.is_empty() {
        path.push('?');
        path.push_str(&query.join("&"));
    }

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

/// The `rel="next"` URL of a `Link` header (RFC 8288), as GitHub paginates.
pub fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let url = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        let is_next = params.split(';').any(|p| {
            let p = p.trim();
            p == "rel=\"next\"" || p == "rel=next"
        });
        is_next.then(|| url.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::super::endpoints::{find, App};
    use super::*;
    use serde_json::json;

    fn params(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    fn err_param(r: Result<Prepared>) -> String {
        match r {
            Err(Error::InvalidParam { param, .. }) => param,
            other => panic!("expected InvalidParam, got {other:?}"),
        }
    }

    #[test]
    fn secret_names() {
        for ok in ["A", "_", "NPM_TOKEN", "a1_b2", "GITHUB", "GITHUBX_1"] {
            assert!(validate_secret_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "1A", "A-B", "A B", "É", "github_token", "GITHUB_X", "GitHub_"] {
            assert!(validate_secret_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn environment_name_and_hostile_values_are_encoded() {
        let e = find(App::Actions, "getEnvironmentSecret").unwrap();
        let p = params(json!({"owner": "o", "repo": "r", "environment_name": "prod/eu ü", "secret_name": "X"}));
        assert_eq!(expand(e, &p).unwrap(), "/repos/o/r/environments/prod%2Feu%20%C3%BC/secrets/X");
        let p = params(json!({"owner": "o..", "repo": "%2F", "environment_name": ".x", "secret_name": "X"}));
        assert_eq!(expand(e, &p).unwrap(), "/repos/o../%252F/environments/.x/secrets/X");
        for dots in [".", ".."] {
            let p = params(json!({"owner": "o", "repo": "r", "environment_name": dots, "secret_name": "X"}));
            assert_eq!(err_param(prepare(e, &p)), "environment_name");
        }
        let add = find(App::Actions, "addSelectedRepoToOrgSecret").unwrap();
        let p = params(json!({"org": "o", "secret_name": "X", "repository_id": "abc"}));
        assert_eq!(err_param(prepare(add, &p)), "repository_id");
        let p = params(json!({"org": "o", "secret_name": "X", "repository_id": 42}));
        assert_eq!(prepare(add, &p).unwrap().path, "/orgs/o/actions/secrets/X/repositories/42");
        let p = params(json!({"owner": "", "repo": "r", "environment_name": "e", "secret_name": "X"}));
        assert_eq!(err_param(prepare(e, &p)), "owner");
    }

    #[test]
    fn put_requires_value_or_encrypted_value_with_key_id() {
        let e = find(App::Actions, "createOrUpdateRepoSecret").unwrap();
        let base = json!({"owner": "o", "repo": "r", "secret_name": "S"});
        assert_eq!(err_param(prepare(e, &params(base.clone()))), "value");
        let mut both = params(base.clone());
        both.insert("value".into(), json!("x"));
        both.insert("encrypted_value".into(), json!("AAAA"));
        assert_eq!(err_param(prepare(e, &both)), "value");
        let sealed_of = |n: usize| crate::seal::encode_base64(&vec![0u8; n + crate::seal::SEAL_OVERHEAD]);
        let mut no_key = params(base.clone());
        no_key.insert("encrypted_value".into(), json!(sealed_of(1)));
        assert_eq!(err_param(prepare(e, &no_key)), "key_id");
        for (bad, n) in [("AAAA", 0), ("", 0)] {
            let mut short = params(base.clone());
            short.insert("encrypted_value".into(), json!(bad));
            short.insert("key_id".into(), json!("k"));
            assert_eq!(err_param(prepare(e, &short)), "encrypted_value", "{n}");
        }
        let mut huge = params(base.clone());
        huge.insert("encrypted_value".into(), json!(sealed_of(MAX_SECRET_BYTES + 1)));
        huge.insert("key_id".into(), json!("k"));
        assert_eq!(err_param(prepare(e, &huge)), "encrypted_value");
        huge.insert("encrypted_value".into(), json!(sealed_of(MAX_SECRET_BYTES)));
        assert!(prepare(e, &huge).is_ok());
        let mut big = params(base.clone());
        big.insert("value".into(), json!("x".repeat(MAX_SECRET_BYTES + 1)));
        assert_eq!(err_param(prepare(e, &big)), "value");
        let mut ok = params(base);
        ok.insert("value".into(), json!("x".repeat(MAX_SECRET_BYTES)));
        let p = prepare(e, &ok).unwrap();
        assert_eq!(p.scope_path, "/repos/o/r/actions");
        let mut vault = ok.clone();
        vault.insert("repo".into(), json!("secrets-vault"));
        assert_eq!(prepare(e, &vault).unwrap().scope_path, "/repos/o/secrets-vault/actions");
        let env = find(App::Actions, "createOrUpdateEnvironmentSecret").unwrap();
        let mut secrets_env = ok.clone();
        secrets_env.insert("environment_name".into(), json!("secrets-eu"));
        assert_eq!(prepare(env, &secrets_env).unwrap().scope_path, "/repos/o/r/environments/secrets-eu");
        assert_eq!(p.value.as_deref().map(String::len), Some(MAX_SECRET_BYTES));
        let mut typo = params(json!({"owner": "o", "repo": "r", "secretName": "S", "value": "v"}));
        typo.insert("secret_name".into(), json!("S"));
        assert_eq!(err_param(prepare(e, &typo)), "secretName");
    }

    #[test]
    fn org_visibility_and_repository_ids() {
        let actions = find(App::Actions, "createOrUpdateOrgSecret").unwrap();
        let dependabot = find(App::Dependabot, "createOrUpdateOrgSecret").unwrap();
        let base = json!({"org": "acme", "secret_name": "S", "value": "v"});
        assert_eq!(err_param(prepare(actions, &params(base.clone()))), "visibility");
        let mut bad = params(base.clone());
        bad.insert("visibility".into(), json!("public"));
        assert_eq!(err_param(prepare(actions, &bad)), "visibility");
        let mut ids_private = params(base.clone());
        ids_private.insert("visibility".into(), json!("private"));
        ids_private.insert("selected_repository_ids".into(), json!([1]));
        assert_eq!(err_param(prepare(actions, &ids_private)), "selected_repository_ids");
        let mut selected = params(base);
        selected.insert("visibility".into(), json!("selected"));
        selected.insert("selected_repository_ids".into(), json!([1296269, "42"]));
        let a = prepare(actions, &selected).unwrap().body.unwrap();
        assert_eq!(a["selected_repository_ids"], json!([1296269, 42]));
        let d = prepare(dependabot, &selected).unwrap().body.unwrap();
        assert_eq!(d["selected_repository_ids"], json!(["1296269", "42"]));
        assert_eq!(d["visibility"], json!("selected"));
        assert!(!d.contains_key("value"));
    }

    #[test]
    fn pagination_query() {
        let e = find(App::Actions, "listRepoSecrets").unwrap();
        let p = prepare(e, &params(json!({"owner": "o", "repo": "r", "per_page": 100, "page": 2}))).unwrap();
        assert_eq!(p.path, "/repos/o/r/actions/secrets?per_page=100&page=2");
        assert_eq!(err_param(prepare(e, &params(json!({"owner": "o", "repo": "r", "per_page": 101})))), "per_page");
        assert_eq!(err_param(prepare(e, &params(json!({"owner": "o", "repo": "r", "page": 0})))), "page");
    }

    #[test]
    fn link_header() {
        let h = r#"<https://api.github.com/repositories/1/actions/secrets?per_page=2&page=2>; rel="next", <https://api.github.com/repositories/1/actions/secrets?per_page=2&page=3>; rel="last""#;
        assert_eq!(next_link(h).as_deref(), Some("https://api.github.com/repositories/1/actions/secrets?per_page=2&page=2"));
        assert_eq!(next_link(r#"<https://x/?page=1>; rel="prev""#), None);
        assert_eq!(next_link("garbage"), None);
        assert_eq!(next_link(""), None);
    }

    #[test]
    fn failure_display_has_status_route_and_message_but_no_token() {
        let f = HttpFailure {
            status: 404,
            method: "GET",
            url: "https://api.github.com/repos/o/r/actions/secrets/public-key".into(),
            request_headers: vec![("authorization".into(), "[REDACTED]".into())],
            response: HttpResponse { status: 404, body: r#"{"message":"Not Found"}"#.into(), ..Default::default() },
        };
        assert_eq!(
            f.to_string(),
            "GitHub answered 404 to GET https://api.github.com/repos/o/r/actions/secrets/public-key: Not Found"
        );
    }
}
