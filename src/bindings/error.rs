//! The single place where a Rust [`Error`] becomes a JavaScript exception.
//!
//! Every error is an instance of the class of its name, constructed by
//! `makeError` in `pkg-template/errors.js` (a wasm-bindgen snippet, so the error's
//! stack starts on a short readable line, not in the minified glue) with:
//! `name` (`ValidationError` | `DecryptionError` | `EncryptionError` | `HttpError`),
//! `code` (see [`Error::code`]), `param` when one parameter is at fault, and for HTTP
//! failures `status`, `request` and `response` shaped like Octokit's `RequestError`.
//!
//! The errors of sealing and opening cross as data (code, param, the variable part of
//! the text, byte counts) and `makeError` writes their message, word for word the
//! Rust [`Error`]'s `Display` (tests/wasm.rs checks both agree): the sealing-only wasm
//! then carries neither those texts nor the `Display` code of the client's errors.
//! The other errors (the client's) cross with their `Display` text.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::js::set;
use crate::error::Error;

#[wasm_bindgen(module = "/pkg-template/errors.js")]
extern "C" {
    /// `makeError(name, code, param, detail, expected, actual)`: a new error of the
    /// class `name` with `code`, `param` (when not undefined) and the message for
    /// `code` (see `makeError` in errors.js).
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(name: &str, code: &str, param: Option<&str>, detail: &str, expected: f64, actual: f64) -> Object;
}

impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        let (detail, expected, actual) = parts(&error);
        let js = make_error(error.js_name(), error.code(), error.param(), &detail, expected, actual);
        let obj: &Object = &js;
        if let Some(status) = error.status() {
            set(obj, "status", status);
        }
        decorate_http_error(obj, &error);
        js.into()
    }
}

/// What `makeError` needs besides code and param to write the message: the variable
/// text (`expected` of [`Error::InvalidType`], `message` of [`Error::InvalidParam`],
/// the whole `Display` text of the client's errors, empty for fixed texts) and, for
/// [`Error::InvalidLength`], the expected and actual byte counts (0 otherwise).
fn parts(error: &Error) -> (std::borrow::Cow<'static, str>, f64, f64) {
    match error {
        Error::InvalidLength { expected, actual, .. } => ("".into(), *expected as f64, *actual as f64),
        Error::InvalidType { expected, .. } => ((*expected).into(), 0.0, 0.0),
        Error::InvalidParam { message, .. } => (message.clone().into(), 0.0, 0.0),
        Error::InvalidBase64 { .. } | Error::WeakPublicKey { .. } | Error::OpenFailed { .. } | Error::SealFailed => {
            ("".into(), 0.0, 0.0)
        }
        // The client's errors, in the builds that have the client. (The sealing-only
        // wasm never makes them; there `makeError` falls back to the code.)
        #[cfg(any(feature = "client", feature = "sync"))]
        _ => (error.to_string().into(), 0.0, 0.0),
        #[cfg(not(any(feature = "client", feature = "sync")))]
        _ => ("".into(), 0.0, 0.0),
    }
}

/// Adds Octokit `RequestError` fields to an `HttpError`: `request` (`method`, `url`,
/// redacted `headers`) and, when GitHub answered, `response`
/// (`{ status, url, headers, data }`).
fn decorate_http_error(obj: &Object, error: &Error) {
    match error {
        #[cfg(feature = "client")]
        Error::Http(failure) => {
            let request = Object::new();
            set(&request, "method", failure.method.as_str());
            set(&request, "url", failure.url.as_str());
            set(&request, "headers", super::js::headers_object(&failure.request_headers));
            set(obj, "request", request);
            set(obj, "response", super::js::response_object(&failure.response));
        }
        Error::Network { method, url, .. } | Error::Timeout { method, url, .. } => {
            let request = Object::new();
            set(&request, "method", method.as_str());
            set(&request, "url", url.as_str());
            set(obj, "request", request);
        }
        _ => {}
    }
}
