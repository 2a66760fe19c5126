//! The single place where a Rust [`Error`] becomes a JavaScript exception.
//!
//! Every error is a real `Error` (so it has a stack) with:
//! `name` (`ValidationError` | `DecryptionError` | `EncryptionError` | `HttpError`),
//! `code` (see [`Error::code`]), `param` when one parameter is at fault, and for HTTP
//! failures `status`, `request` and `response` shaped like Octokit's `RequestError`.

use js_sys::Object;
use wasm_bindgen::JsValue;

use super::js::set;
use crate::error::Error;

impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        let js = js_sys::Error::new(&error.to_string());
        js.set_name(error.js_name());
        let obj: &Object = js.as_ref();
        set(obj, "code", error.code());
        if let Some(param) = error.param() {
            set(obj, "param", param);
        }
        if let Some(status) = error.status() {
            set(obj, "status", status);
        }
        decorate_http_error(obj, &error);
        js.into()
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
