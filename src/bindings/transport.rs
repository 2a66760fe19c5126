//! [`Transport`] over JavaScript's `fetch` (the global one, or the `fetch` option),
//! `setTimeout` and `Date.now`, via the `transport.js` snippet.

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::js::get;
use crate::github::{HttpRequest, HttpResponse, Transport, TransportError};

#[wasm_bindgen(module = "/src/bindings/transport.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeTransport)]
    fn make_transport(fetch: &JsValue) -> Object;
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
    /// Over `fetch` (a function) or, when `undefined`, the global `fetch`.
    pub(crate) fn new(fetch: &JsValue) -> FetchTransport {
        let inner = make_transport(fetch);
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
