//! The JSON body of a write, built from an [`Endpoint`] row's spec facts (its body
//! fields, the ones the spec requires, whether it takes a sealed value) and the
//! caller's parameters. Pure; no I/O.
//!
//! Three kinds of body share it: secrets (`encrypted_value` + `key_id`, or `value`
//! sealed by the client), variables (`name` + `value` in plaintext, sent as given),
//! and private registries (registry fields, an optional sealed value).

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::endpoints::{Endpoint, Kind, Op};
use super::params::repo_ids;
use crate::error::{Error, Result};

/// Largest secret or variable value GitHub stores: 48 KiB.
pub const MAX_VALUE_BYTES: usize = 48 * 1024;

/// Body fields with their own rules below; every other field is sent as given.
const SPECIAL: &[&str] = &["encrypted_value", "key_id", "visibility", "selected_repository_ids"];

/// A write's JSON body (without `encrypted_value`/`key_id` when `value` is given)
/// and the plaintext to seal with the row's public key (the `value` parameter).
pub type Body = (Map<String, Value>, Option<Zeroizing<String>>);

/// Checks a secret or variable name as GitHub does: `^[A-Za-z_][A-Za-z0-9_]*$`,
/// not starting with `GITHUB_` (any case).
///
/// # Errors
/// [`Error::InvalidParam`] naming `param` (`secret_name` or `name`).
pub fn validate_name(param: &str, name: &str) -> Result<()> {
    let what = if param == "name" { "variable" } else { "secret" };
    if !crate::names::well_formed(name) {
        return Err(Error::invalid(
            param,
            format!("\"{name}\" is not a valid {what} name: use only letters, digits and underscores, starting with a letter or underscore"),
        ));
    }
    if crate::names::reserved(name) {
        return Err(Error::invalid(param, format!("\"{name}\" starts with GITHUB_, which GitHub reserves")));
    }
    Ok(())
}

/// Checks the path parameters a row's kind constrains: a variable's `name`.
///
/// # Errors
/// [`Error::InvalidParam`] naming `name`.
pub fn validate_path(endpoint: &Endpoint, params: &Map<String, Value>) -> Result<()> {
    if endpoint.kind == Kind::Variable && endpoint.path_params().any(|p| p == "name") {
        if let Some(Value::String(name)) = params.get("name") {
            validate_name("name", name)?;
        }
    }
    Ok(())
}

/// Whether `endpoint` accepts `value` as plaintext to seal (rows with a public key).
pub fn takes_sealed_value(endpoint: &Endpoint) -> bool {
    endpoint.key_route().is_some()
}

/// The body of a write to `endpoint`, or `None` for a row that takes none.
/// Checks, in order: `value` xor `encrypted_value` (+ `key_id`) where the row seals
/// (required for `createOrUpdate*`, optional for private registries), each plain
/// field (a variable's `name` by GitHub's rules, its `value` at most 48 KiB and a
/// string, other fields scalars), `visibility` in `all|private|selected`,
/// `selected_repository_ids` only with `visibility: "selected"` (an update may
/// leave the visibility as it is), then the fields the spec requires (but an
/// org-level `createOrUpdate*` may omit `visibility`: the client keeps the
/// existing secret's).
/// `context` names the call in messages (`actions.createRepoVariable`).
///
/// # Errors
/// [`Error::InvalidParam`] naming the first parameter at fault. Messages never
/// include a value.
pub fn build(endpoint: &Endpoint, params: &Map<String, Value>, context: &str) -> Result<Option<Body>> {
    if endpoint.body_params().is_empty() {
        return Ok(None);
    }
    let present = |k: &str| params.get(k).filter(|v| !v.is_null());
    let mut body = Map::new();
    let value = if takes_sealed_value(endpoint) {
        sealed(endpoint, params, context, &mut body)?
    } else {
        None
    };
    for &field in endpoint.body_params().iter().filter(|f| !SPECIAL.contains(f)) {
        let Some(v) = present(field) else { continue };
        match (endpoint.kind, field) {
            (Kind::Variable, "name") => validate_name("name", v.as_str().ok_or_else(|| Error::invalid("name", "expected a string"))?)?,
            (Kind::Variable, "value") => {
                let text = v.as_str().ok_or_else(|| Error::invalid("value", "expected a string (variables are plaintext)"))?;
                if text.len() > MAX_VALUE_BYTES {
                    return Err(Error::invalid(
                        "value",
                        format!("{} bytes is over GitHub's limit of {MAX_VALUE_BYTES} bytes (48 KiB)", text.len()),
                    ));
                }
            }
            _ if v.is_array() || v.is_object() => return Err(Error::invalid(field, "expected a string, number or boolean")),
            _ => {}
        }
        body.insert(field.to_owned(), v.clone());
    }
    let takes_visibility = endpoint.body_params().contains(&"visibility");
    let visibility = present("visibility");
    if let Some(v) = visibility {
        match v.as_str() {
            Some(s @ ("all" | "private" | "selected")) if takes_visibility => {
                body.insert("visibility".into(), Value::String(s.to_owned()));
            }
            _ => return Err(Error::invalid("visibility", "expected one of all, private, selected")),
        }
    }
    if let Some(ids) = present("selected_repository_ids") {
        let selected = visibility.and_then(Value::as_str) == Some("selected");
        let may_keep = visibility.is_none() && endpoint.op == Op::Update;
        if takes_visibility && !selected && !may_keep {
            if visibility.is_none() && endpoint.required_body().contains(&"visibility") && endpoint.op != Op::Put {
                return Err(Error::invalid("visibility", format!("required by {context}: all, private or selected")));
            }
            return Err(Error::invalid("selected_repository_ids", "only with visibility: \"selected\""));
        }
        body.insert("selected_repository_ids".into(), repo_ids(ids, endpoint.ids_as_strings())?);
    }
    for &field in endpoint.required_body() {
        let sealed_for_us = value.is_some() && matches!(field, "encrypted_value" | "key_id");
        // An org-level createOrUpdate* without visibility keeps the existing one
        // (the client reads it first: visibility.rs), as a new one gets `private`.
        let kept = field == "visibility" && endpoint.op == Op::Put;
        if !body.contains_key(field) && !sealed_for_us && !kept {
            let hint = if field == "visibility" { ": all, private or selected" } else { "" };
            return Err(Error::invalid(field, format!("required by {context}{hint}")));
        }
    }
    Ok(Some((body, value)))
}

/// `value` (returned, to seal) xor `encrypted_value` + `key_id` (put in `body`).
fn sealed(endpoint: &Endpoint, params: &Map<String, Value>, context: &str, body: &mut Map<String, Value>) -> Result<Option<Zeroizing<String>>> {
    let present = |k: &str| params.get(k).is_some_and(|v| !v.is_null());
    let value = match (present("value"), present("encrypted_value")) {
        (true, true) => {
            return Err(Error::invalid("value", "give either value (sealed for you) or encrypted_value + key_id, not both"))
        }
        (true, false) => {
            let text = match params.get("value") {
                Some(Value::String(s)) => Zeroizing::new(s.clone()),
                _ => return Err(Error::invalid("value", "expected a string")),
            };
            if text.len() > MAX_VALUE_BYTES {
                return Err(Error::invalid(
                    "value",
                    format!("{} bytes is over GitHub's limit of {MAX_VALUE_BYTES} bytes (48 KiB)", text.len()),
                ));
            }
            Some(text)
        }
        (false, true) => {
            let ev = params.get("encrypted_value").and_then(Value::as_str).ok_or_else(|| {
                Error::invalid("encrypted_value", "expected a base64 string (a sealed box, e.g. from sealSecret)")
            })?;
            let sealed_len = crate::seal::decode_base64("encrypted_value", ev)?.len();
            let overhead = crate::seal::SEAL_OVERHEAD;
            if sealed_len < overhead {
                return Err(Error::invalid(
                    "encrypted_value",
                    format!("{sealed_len} bytes cannot be a sealed box (at least {overhead}); seal with sealSecret"),
                ));
            }
            if sealed_len - overhead > MAX_VALUE_BYTES {
                return Err(Error::invalid(
                    "encrypted_value",
                    format!("seals {} bytes, over GitHub's limit of {MAX_VALUE_BYTES} bytes (48 KiB)", sealed_len - overhead),
                ));
            }
            let key_id = params
                .get("key_id")
                .and_then(Value::as_str)
                .filter(|k| !k.is_empty())
                .ok_or_else(|| Error::invalid("key_id", "required with encrypted_value (the key_id of the public key it was sealed with)"))?;
            body.insert("encrypted_value".into(), Value::String(ev.to_owned()));
            body.insert("key_id".into(), Value::String(key_id.to_owned()));
            None
        }
        (false, false) if endpoint.op == Op::Put => {
            return Err(Error::invalid("value", format!("required by {context}: give value, or encrypted_value + key_id")))
        }
        (false, false) => None,
    };
    if value.is_some() && present("key_id") {
        return Err(Error::invalid("key_id", "only with encrypted_value; with value the client uses the current public key"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests;
