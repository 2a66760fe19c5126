//! [`Transport`] over JavaScript's `fetch` (the global one, or the `fetch` option),
//! `setTimeout` and `Date.now`, via the `transport.js` snippet. Redirects are not
//! followed (a 3xx is refused, naming its `Location`) and response bodies are read
//! with a size limit (`maxResponseBytes`, default 16 MiB; 64 KiB for public keys and
//! writes), as `transport.js` documents.

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::js::get;
use crate::github::{HttpRequest, HttpResponse, Transport, TransportError};

#[wasm_bindgen(module = "/src/bindings/transport.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeTransport)]
    fn make_transport(fetch: &JsValue, max_response_bytes: &JsValue) -> Object;
    #[wasm_bindgen(js_name = sleep)]
    fn js_sleep(ms: f64) -> Promise;
    #[wasm_bindgen(js_name = now)]
    fn js_now() -> f64;
}

/// A fetch-backed transport.
#[derive(Debug)]
pub(crate) struct FetchTransport {
    inner: Object,
    /// `inner.send`; `None` only if the JS snippet broke its contract. Not a
    /// `Function::new_no_args` stand-in: that is `new Function`, which workerd and
    /// strict CSPs refuse, and it would put `new Function` in every bundle.
    send: Option<js_sys::Function>,
}

impl FetchTransport {
    /// Over `fetch` (a function) or, when `undefined`, the global `fetch`; response
    /// bodies larger than `max_response_bytes` (default 16 MiB) are refused.
    pub(crate) fn new(fetch: &JsValue, max_response_bytes: Option<u64>) -> FetchTransport {
        let limit = max_response_bytes.map(|n| JsValue::from_f64(n as f64)).unwrap_or(JsValue::UNDEFINED);
        let inner = make_transport(fetch, &limit);
        let send = get(&inner, "send").dyn_into().ok();
        FetchTransport { inner, send }
    }
}

fn pairs(list: &JsValue) -> Vec<(String, String)> {
    Array::from(list)
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

impl Transport for FetchTransport {
    async fn send(&self, request: &HttpRequest, timeout_ms: u64) -> Result<HttpResponse, TransportError> {
        let headers = Object::new();
        for (k, v) in &request.headers {
            let _ = Reflect::set(&headers, &k.into(), &v.into());
        }
        let body = request.body.as_deref().map(JsValue::from_str).unwrap_or(JsValue::UNDEFINED);
        let args = Array::of5(&request.method.as_str().into(), &request.url.as_str().into(), &headers, &body, &(timeout_ms as f64).into());
        let send = self.send.as_ref().ok_or_else(|| TransportError::Network("ghseal: transport.send missing".into()))?;
        let promise = send
            .apply(&self.inner, &args)
            .map_err(|e| TransportError::Network(e.as_string().unwrap_or_else(|| "the fetch transport threw".into())))?;
        let out = JsFuture::from(Promise::from(promise))
            .await
            .map_err(|e| TransportError::Network(e.as_string().unwrap_or_else(|| "fetch failed".into())))?;
        if get(&out, "timeout").is_truthy() {
            return Err(TransportError::Timeout);
        }
        if let Some(message) = get(&out, "networkError").as_string() {
            return Err(TransportError::Network(message));
        }
        let redirect = get(&out, "redirect");
        if redirect.is_object() {
            return Err(TransportError::Redirect {
                status: get(&redirect, "status").as_f64().unwrap_or(0.0) as u16,
                location: get(&redirect, "location").as_string(),
            });
        }
        let too_large = get(&out, "tooLarge");
        if too_large.is_object() {
            return Err(TransportError::TooLarge {
                status: get(&too_large, "status").as_f64().unwrap_or(0.0) as u16,
                limit: get(&too_large, "limit").as_f64().unwrap_or(0.0) as u64,
            });
        }
        Ok(HttpResponse {
            status: get(&out, "status").as_f64().unwrap_or(0.0) as u16,
            url: get(&out, "url").as_string().unwrap_or_default(),
            headers: pairs(&get(&out, "headers")),
            body: get(&out, "body").as_string().unwrap_or_default(),
        })
    }

    async fn sleep(&self, ms: u64) {
        let _ = JsFuture::from(js_sleep(ms as f64)).await;
    }

    fn now_ms(&self) -> u64 {
        js_now() as u64
    }
}
