//! The single place where a Rust [`Error`] becomes a JavaScript exception.
//!
//! Every error is an instance of the class of its name, constructed by
//! `makeError` in `pkg-template/errors.js` (a wasm-bindgen snippet, so the error's
//! stack starts on a short readable line, not in the minified glue) with:
//! `name` (`ValidationError` | `DecryptionError` | `EncryptionError` | `HttpError`),
//! `code` (see [`Error::code`]), `param` when one parameter is at fault, and for HTTP
//! failures `status`, `request` and `response` shaped like Octokit's `RequestError`.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::js::set;
use crate::error::Error;

#[wasm_bindgen(module = "/pkg-template/errors.js")]
extern "C" {
    /// `new ValidationError(message)` etc.: the class named `name`.
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(name: &str, message: &str) -> Object;
}

impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        let js = make_error(error.js_name(), &error.to_string());
        let obj: &Object = &js;
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
