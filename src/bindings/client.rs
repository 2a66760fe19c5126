//! The wasm face of [`crate::github::Client`]: options and parameters in, Octokit
//! shaped responses `{ status, url, headers, data }` out, as promises. No logic.

use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use zeroize::{Zeroize, Zeroizing};

use super::convert;
use super::error::set;
use super::transport::FetchTransport;
use crate::error::Error;
use crate::github::{endpoints, App, Client, Config, Endpoint, HttpResponse, Outcome, SecretResult, ENDPOINTS};

fn get(obj: &JsValue, key: &str) -> JsValue {
    if obj.is_object() {
        Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn number(obj: &JsValue, key: &str, param: &'static str) -> Result<Option<u64>, Error> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n >= 0.0 && n.is_finite() => Ok(Some(n as u64)),
        _ => Err(Error::InvalidType { param, expected: "a non-negative number" }),
    }
}

fn string(obj: &JsValue, key: &str, param: &'static str) -> Result<Option<String>, Error> {
    let v = get(obj, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or(Error::InvalidType { param, expected: "a string" })
}

fn config(options: &JsValue) -> Result<Config, Error> {
    let mut config = Config::default();
    if let Some(base) = string(options, "baseUrl", "baseUrl")? {
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(Error::invalid("baseUrl", "expected an http(s) URL such as https://api.github.com"));
        }
        config.base_url = base.trim_end_matches('/').to_owned();
    }
    config.auth = string(options, "auth", "auth")?.filter(|t| !t.is_empty()).map(Zeroizing::new);
    if let Some(token) = &config.auth {
        // fetch would reject the header with the token in its message: refuse it
        // here, without echoing it.
        if token.chars().any(|c| c.is_control() || !c.is_ascii()) {
            return Err(Error::invalid("auth", "the token contains characters an HTTP header cannot carry (control or non-ASCII); check for a stray newline"));
        }
    }
    if let Some(ua) = string(options, "userAgent", "userAgent")? {
        config.user_agent = ua;
    }
    if let Some(t) = number(options, "timeout", "timeout")? {
        config.timeout_ms = t;
    }
    let retry = get(options, "retry");
    if let Some(n) = number(&retry, "retries", "retry.retries")? {
        config.retries = n.min(100) as u32;
    }
    if let Some(n) = number(&retry, "baseDelay", "retry.baseDelay")? {
        config.retry_base_ms = n;
    }
    if let Some(n) = number(&retry, "secondaryRateLimitWait", "retry.secondaryRateLimitWait")? {
        config.secondary_rate_limit_wait_ms = n;
    }
    if let Some(n) = number(&retry, "maxWait", "retry.maxWait")? {
        config.max_wait_ms = n;
    }
    let throttle = get(options, "throttle");
    if let Some(n) = number(&throttle, "minWriteInterval", "throttle.minWriteInterval")? {
        config.min_write_interval_ms = n;
    }
    Ok(config)
}

/// JS object -> JSON map. The JSON text (it may hold a secret value) is wiped.
fn params_from_js(param: &'static str, value: &JsValue) -> Result<Map<String, Value>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(Map::new());
    }
    if !value.is_object() {
        return Err(Error::InvalidType { param, expected: "an object" });
    }
    let mut text = JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or(Error::InvalidType { param, expected: "a JSON-serialisable object" })?;
    let parsed = serde_json::from_str::<Value>(&text);
    text.zeroize();
    match parsed {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Error::InvalidType { param, expected: "an object" }),
    }
}

fn wipe_value(params: &mut Map<String, Value>) {
    if let Some(Value::String(v)) = params.get_mut("value") {
        v.zeroize();
    }
}

fn headers_object(headers: &[(String, String)]) -> Object {
    let out = Object::new();
    for (k, v) in headers {
        set(&out, k, v.as_str());
    }
    out
}

fn data(response: &HttpResponse) -> JsValue {
    if response.body.is_empty() {
        return JsValue::UNDEFINED;
    }
    JSON::parse(&response.body).unwrap_or_else(|_| JsValue::from_str(&response.body))
}

/// `{ status, url, headers, data }`, as Octokit resolves.
pub(crate) fn response_object(response: &HttpResponse) -> Object {
    let out = Object::new();
    set(&out, "status", response.status);
    set(&out, "url", response.url.as_str());
    set(&out, "headers", headers_object(&response.headers));
    set(&out, "data", data(response));
    out
}

/// Adds Octokit `RequestError` fields (`request`, `response`) to an `HttpError`.
pub(crate) fn decorate_http_error(obj: &Object, error: &Error) {
    match error {
        Error::Http(failure) => {
            let request = Object::new();
            set(&request, "method", failure.method);
            set(&request, "url", failure.url.as_str());
            set(&request, "headers", headers_object(&failure.request_headers));
            set(obj, "request", request);
            set(obj, "response", response_object(&failure.response));
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

fn endpoint(app: &str, method: &str) -> Result<&'static Endpoint, Error> {
    let app = App::parse(app).ok_or_else(|| Error::invalid("app", format!("\"{app}\" is not actions, dependabot or codespaces")))?;
    endpoints::find(app, method).ok_or_else(|| Error::invalid("method", format!("{}.{method} is not a secrets endpoint", app.as_str())))
}

/// The endpoint table for the JS wrapper: `[{ app, name, method, route, op, scope }]`.
#[wasm_bindgen(js_name = endpoints)]
pub fn endpoint_table() -> Array {
    ENDPOINTS
        .iter()
        .map(|e| {
            let row = Object::new();
            set(&row, "app", e.app.as_str());
            set(&row, "name", e.name);
            set(&row, "method", e.verb.as_str());
            set(&row, "route", e.route);
            set(&row, "op", e.op.as_str());
            set(&row, "scope", e.scope.as_str());
            set(&row, "paginated", e.items_field().is_some());
            JsValue::from(row)
        })
        .collect()
}

fn result_object(result: &SecretResult) -> Object {
    let out = Object::new();
    set(&out, "secret_name", result.secret_name.as_str());
    set(&out, "status", result.outcome.as_str());
    if let Outcome::Failed(error) = &result.outcome {
        set(&out, "error", JsValue::from(error.clone()));
    }
    out
}

/// The low-level client behind the package's `GitHubSecrets` (which gives it
/// Octokit's shape). Options as `GitHubSecrets`.
#[wasm_bindgen(js_name = Client)]
#[derive(Debug)]
pub struct WasmClient {
    inner: Rc<Client<FetchTransport>>,
}

#[wasm_bindgen(js_class = Client)]
impl WasmClient {
    /// `new Client(options)`; throws `ValidationError` for a malformed option.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<WasmClient, JsValue> {
        let config = config(&options)?;
        let fetch = get(&options, "fetch");
        if !fetch.is_undefined() && !fetch.is_function() {
            return Err(Error::InvalidType { param: "fetch", expected: "a function like globalThis.fetch" }.into());
        }
        let max_response_bytes = number(&options, "maxResponseBytes", "maxResponseBytes")?;
        let mut client = Client::new(config, FetchTransport::new(&fetch, max_response_bytes));
        let on_retry = get(&options, "onRetry");
        if on_retry.is_function() {
            let sink: Function = on_retry.unchecked_into();
            client = client.on_retry(move |event| {
                let e = Object::new();
                set(&e, "reason", event.reason.as_str());
                set(&e, "method", event.method);
                set(&e, "url", event.url.as_str());
                set(&e, "status", event.status);
                set(&e, "attempt", event.attempt);
                set(&e, "waitMs", event.wait_ms as f64);
                let _ = sink.call1(&JsValue::NULL, &e);
            });
        }
        Ok(WasmClient { inner: Rc::new(client) })
    }

    /// Calls `app.method(params)`; resolves to `{ status, url, headers, data }`.
    pub fn request(&self, app: &str, method: &str, params: JsValue) -> Promise {
        let client = self.inner.clone();
        let prepared = endpoint(app, method).and_then(|e| Ok((e, params_from_js("params", &params)?)));
        future_to_promise(async move {
            let (endpoint, mut params) = prepared?;
            let result = client.request(endpoint, &params).await;
            wipe_value(&mut params);
            Ok(response_object(&result?).into())
        })
    }

    /// Any route, `"VERB /path/{param}"`; resolves to `{ status, url, headers, data }`.
    #[wasm_bindgen(js_name = requestRoute)]
    pub fn request_route(&self, route: String, params: JsValue) -> Promise {
        let client = self.inner.clone();
        let params = params_from_js("params", &params);
        future_to_promise(async move {
            let params = params?;
            Ok(response_object(&client.request_route(&route, &params).await?).into())
        })
    }

    /// One page: resolves to `{ response, next }` (`next`: URL or undefined).
    pub fn page(&self, app: &str, method: &str, params: JsValue, next: Option<String>) -> Promise {
        let client = self.inner.clone();
        let prepared = endpoint(app, method).and_then(|e| Ok((e, params_from_js("params", &params)?)));
        future_to_promise(async move {
            let (endpoint, params) = prepared?;
            let (response, following) = client.page(endpoint, &params, next.as_deref()).await?;
            let out = Object::new();
            let response_js = response_object(&response);
            if let Some(field) = endpoint.items_field() {
                set(&response_js, "data", get(&get(&response_js, "data"), field));
            }
            set(&out, "response", response_js);
            set(&out, "next", following.map(JsValue::from).unwrap_or(JsValue::UNDEFINED));
            Ok(out.into())
        })
    }

    /// Every item of a list endpoint, following `Link` headers.
    pub fn paginate(&self, app: &str, method: &str, params: JsValue) -> Promise {
        let client = self.inner.clone();
        let prepared = endpoint(app, method).and_then(|e| Ok((e, params_from_js("params", &params)?)));
        future_to_promise(async move {
            let (endpoint, params) = prepared?;
            let items = client.paginate(endpoint, &params).await?;
            let text = Value::Array(items).to_string();
            Ok(JSON::parse(&text).unwrap_or(JsValue::UNDEFINED))
        })
    }

    /// Bulk set; resolves to `[{ secret_name, status, error? }]` in input order.
    #[wasm_bindgen(js_name = setSecrets)]
    pub fn set_secrets(&self, target: JsValue, secrets: JsValue, options: JsValue) -> Promise {
        let client = self.inner.clone();
        let parsed = (|| -> Result<_, Error> {
            let target = params_from_js("target", &target)?;
            let entries = convert::entries("secrets", &secrets, "an object mapping secret names to string values")?;
            let mut list = Vec::new();
            for entry in entries.iter() {
                let entry = Array::from(&entry);
                let name = entry.get(0).as_string().unwrap_or_default();
                let value = entry.get(1).as_string().ok_or_else(|| {
                    Error::invalid(format!("secrets.{name}"), "expected a string value")
                })?;
                list.push((name, Zeroizing::new(value)));
            }
            let concurrency = number(&options, "concurrency", "concurrency")?.unwrap_or(4) as usize;
            let dry_run = get(&options, "dryRun").is_truthy();
            let progress = Some(get(&options, "onProgress")).filter(JsValue::is_function).map(JsValue::unchecked_into::<Function>);
            Ok((target, list, concurrency, dry_run, progress))
        })();
        future_to_promise(async move {
            let (target, list, concurrency, dry_run, progress) = parsed?;
            let on_progress = |result: &SecretResult, done: usize, total: usize| {
                if let Some(f) = &progress {
                    let event = result_object(result);
                    set(&event, "done", done as u32);
                    set(&event, "total", total as u32);
                    let _ = f.call1(&JsValue::NULL, &event);
                }
            };
            let results = client.set_secrets(&target, list, concurrency, dry_run, &on_progress).await?;
            Ok(results.iter().map(|r| JsValue::from(result_object(r))).collect::<Array>().into())
        })
    }
}
