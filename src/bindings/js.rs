//! JavaScript object helpers shared by the bindings: read a property, set one, read
//! typed options, JS object <-> JSON map, and Octokit-shaped `headers` / response
//! objects. Conversion only: no decisions about GitHub or secrets.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
#[cfg(any(feature = "client", feature = "options"))]
use crate::error::Error;
#[cfg(feature = "client")]
use {
    crate::github::HttpResponse,
    js_sys::JSON,
    serde_json::{Map, Value},
};

#[cfg(any(feature = "client", feature = "options"))]
/// `obj[key]`, or `undefined` when `obj` is not an object or the read throws (a
/// getter or Proxy trap of the caller's: caught by `Reflect.get`, never unwound
/// through wasm).
pub(crate) fn get(obj: &JsValue, key: &str) -> JsValue {
    if obj.is_object() || obj.is_function() {
        Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// Sets `obj[key] = value`; `Reflect.set` on a fresh plain object cannot fail.
pub(crate) fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

#[cfg(any(feature = "client", feature = "options"))]
/// `obj[key]` as a non-negative number (`None` when absent or null).
///
/// # Errors
/// [`Error::InvalidType`] naming `param` for anything else.
pub(crate) fn number(obj: &JsValue, key: &str, param: &'static str) -> Result<Option<u64>, Error> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n >= 0.0 && n.is_finite() => Ok(Some(n as u64)),
        _ => Err(Error::InvalidType { param, expected: "a non-negative number" }),
    }
}

#[cfg(any(feature = "client", feature = "options"))]
/// `obj[key]` as a string (`None` when absent or null).
///
/// # Errors
/// [`Error::InvalidType`] naming `param` for anything else.
pub(crate) fn string(obj: &JsValue, key: &str, param: &'static str) -> Result<Option<String>, Error> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or(Error::InvalidType { param, expected: "a string" })
}

#[cfg(feature = "client")]
/// JS object -> JSON map (`undefined`/`null` -> empty). The JSON text (it may hold
/// a secret value) is wiped.
///
/// # Errors
/// [`Error::InvalidType`] naming `param` for a non-object or one JSON cannot hold;
/// [`Error::InvalidParam`] naming the key of a string with a lone surrogate.
pub(crate) fn params_from_js(param: &'static str, value: &JsValue) -> Result<Map<String, Value>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(Map::new());
    }
    if !value.is_object() {
        return Err(Error::InvalidType { param, expected: "an object" });
    }
    super::convert::well_formed_params(param, value)?;
    let text = super::convert::json_of(value).ok_or(Error::InvalidType { param, expected: "a JSON-serialisable object" })?;
    // `from_str`, as every other JSON read in the client: one serde_json reader
    // (`StrRead`) in the wasm instead of two (`from_slice` is a second copy of the
    // parser, ~4 KB). `jsonBytes` encodes with TextEncoder: always UTF-8.
    let parsed = core::str::from_utf8(&text).ok().and_then(|json| serde_json::from_str::<Value>(json).ok());
    drop(text); // wiped
    match parsed {
        Some(Value::Object(map)) => Ok(map),
        _ => Err(Error::InvalidType { param, expected: "an object" }),
    }
}

#[cfg(feature = "client")]
/// `{ name: value }` of header pairs.
pub(crate) fn headers_object(headers: &[(String, String)]) -> Object {
    let out = Object::new();
    for (k, v) in headers {
        set(&out, k, v.as_str());
    }
    out
}

/// The body parsed as JSON, the text if it is not JSON, `undefined` when empty.
#[cfg(feature = "client")]
fn data(response: &HttpResponse) -> JsValue {
    if response.body.is_empty() {
        return JsValue::UNDEFINED;
    }
    JSON::parse(&response.body).unwrap_or_else(|_| JsValue::from_str(&response.body))
}

/// `{ status, url, headers, data }`, as Octokit resolves.
#[cfg(feature = "client")]
pub(crate) fn response_object(response: &HttpResponse) -> Object {
    let out = Object::new();
    set(&out, "status", response.status);
    set(&out, "url", response.url.as_str());
    set(&out, "headers", headers_object(&response.headers));
    set(&out, "data", data(response));
    out
}
