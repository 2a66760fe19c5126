//! Parameter values as GitHub accepts them: secret names, path segments (expanded
//! into a route, percent-encoded), positive integers and repository id lists, and the
//! query string. Pure; every error names the parameter at fault.

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// The entries of `params` that `keep` accepts, cloned. A loop of inserts, not
/// `collect()`: `BTreeMap`'s `FromIterator` sorts with a stable sort monomorphized per
/// iterator type (about 1.5 KB of wasm each).
pub fn filtered(params: &Map<String, Value>, keep: &dyn Fn(&str, &Value) -> bool) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in params {
        if keep(key, value) {
            out.insert(key.clone(), value.clone());
        }
    }
    out
}

/// `params` without an org target's access fields (`visibility`,
/// `selected_repository_ids`). Built by [`filtered`]: no `BTreeMap::remove` (its
/// rebalancing code is about 4 KB of wasm).
pub fn without_access(params: &Map<String, Value>) -> Map<String, Value> {
    filtered(params, &|key, _| !matches!(key, "visibility" | "selected_repository_ids"))
}

/// Longest secret name accepted, in bytes. GitHub documents no maximum; names are
/// `[A-Za-z0-9_]` only, and one longer than this is refused before it is sent
/// rather than left to a 404 or 414 from a server.
pub const MAX_SECRET_NAME_LEN: usize = 255;
/// Longest value of an endpoint's path parameter (`owner`, `repo`, `org`,
/// `environment_name`), in bytes: GitHub's longest are environment names (255).
pub const MAX_PATH_VALUE_LEN: usize = 255;
/// Longest value of a path parameter of a `request()` route, in bytes.
pub const MAX_ROUTE_VALUE_LEN: usize = 1024;
/// Checks a secret name as GitHub does: `^[A-Za-z_][A-Za-z0-9_]*$`, not starting
/// with `GITHUB_` (any case).
///
/// # Errors
/// [`Error::InvalidParam`] naming `secret_name`.
pub fn validate_secret_name(name: &str) -> Result<()> {
    if name.len() > MAX_SECRET_NAME_LEN {
        return Err(Error::invalid(
            "secret_name",
            format!("{} characters; a secret name has at most {MAX_SECRET_NAME_LEN}", name.chars().count()),
        ));
    }
    super::body::validate_name("secret_name", name)
}

/// Percent-encodes one path segment or query component: everything but RFC 3986
/// unreserved characters, so `/` becomes `%2F` and `..` cannot climb out of the route.
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

/// A positive integer given as a JSON number or a digit string.
///
/// # Errors
/// [`Error::InvalidParam`] naming `name` for anything else, or 0.
pub(crate) fn positive_int(name: &str, value: &Value) -> Result<u64> {
    let n = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse::<u64>().ok(),
        _ => None,
    };
    n.filter(|n| *n > 0).ok_or_else(|| Error::invalid(name, "expected a positive integer"))
}

/// `selected_repository_ids` as GitHub takes them: an array of positive integers,
/// sent as JSON numbers, or as digit strings when `as_strings` (Dependabot org secrets).
///
/// # Errors
/// [`Error::InvalidParam`] naming `selected_repository_ids`.
pub(crate) fn repo_ids(value: &Value, as_strings: bool) -> Result<Value> {
    let name = "selected_repository_ids";
    let items = value.as_array().ok_or_else(|| Error::invalid(name, "expected an array of repository ids"))?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let id = positive_int(name, item)
            .map_err(|_| Error::invalid(name, "expected an array of positive integer repository ids"))?;
        out.push(if as_strings { Value::String(id.to_string()) } else { Value::from(id) });
    }
    Ok(Value::Array(out))
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
                if text.len() > MAX_ROUTE_VALUE_LEN {
                    return Err(Error::invalid(name, format!("{} bytes; at most {MAX_ROUTE_VALUE_LEN}", text.len())));
                }
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

/// `path` with `?k=v&...` appended (nothing when `pairs` is empty). Keys and values
/// are percent-encoded; strings go as they are, other JSON values as JSON text.
pub fn with_query<'a>(mut path: String, pairs: impl IntoIterator<Item = (&'a str, &'a Value)>) -> String {
    let mut separator = '?';
    for (key, value) in pairs {
        let text = match value {
            Value::String(s) => encode_segment(s),
            other => encode_segment(&serde_json::to_string(other).unwrap_or_default()),
        };
        path.push(separator);
        path.push_str(&encode_segment(key));
        path.push('=');
        path.push_str(&text);
        separator = '&';
    }
    path
}

/// Overwrites a `value` parameter's text in place (it is a plaintext secret) before
/// the map is dropped.
pub fn wipe_value(params: &mut Map<String, Value>) {
    if let Some(Value::String(v)) = params.get_mut("value") {
        zeroize::Zeroize::zeroize(v);
    }
}
