//! The single place where a Rust [`Error`] becomes a JavaScript exception.
//!
//! Every error is a real `Error` (so it has a stack) with:
//! `name` (`ValidationError` | `DecryptionError` | `HttpError`), `code`
//! (see [`Error::code`]), `param` when one parameter is at fault, and for HTTP
//! failures `status`, `request` and `response` shaped like Octokit's `RequestError`.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use crate::error::Error;

/// Sets `obj[key] = value`; `Reflect.set` on a fresh plain object cannot fail.
pub(crate) fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

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
        #[cfg(feature = "client")]
        super::client::decorate_http_error(obj, &error);
        js.into()
    }
}
