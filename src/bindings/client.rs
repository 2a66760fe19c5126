//! The wasm face of [`crate::github::Client`]: options and parameters in, Octokit
//! shaped responses `{ status, url, headers, data }` out, as promises. Conversion
//! only: checks of the settings live in [`Config::validate`], behaviour in the client.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, JSON};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use zeroize::Zeroizing;

use super::convert;
use super::js::{get, number, params_from_js, response_object, set};
use super::options::{config, transport};
use super::transport::FetchTransport;
use crate::error::Error;
use crate::github::request::wipe_value;
use crate::github::pager::Pager;
use crate::github::{endpoints, App, BulkOptions, Client, Endpoint, HttpResponse, Outcome, SecretResult, ENDPOINTS};

fn endpoint(app: &str, method: &str) -> Result<&'static Endpoint, Error> {
    let app = App::parse(app).ok_or_else(|| {
        Error::invalid("app", format!("\"{app}\" is not actions, dependabot, codespaces, agents or private-registries"))
    })?;
    endpoints::find(app, method)
        .ok_or_else(|| Error::invalid("method", format!("{}.{method} is not a secrets, variables or registries endpoint", app.as_str())))
}

/// The endpoint table for the JS wrapper: `[{ app, name, method, route, op, scope,
/// kind, paginated }]`, every string in lower case except `method` (`GET`, ...) and
/// Octokit's camelCase `name`.
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
            set(&row, "kind", e.kind.as_str());
            set(&row, "paginated", e.items_field().is_some());
            JsValue::from(row)
        })
        .collect()
}

/// `{ secret_name, status, error?, visibility?, visibilitySource? }`.
/// `name_key` is `secret_name` (setSecrets) or `name` (setVariables).
fn result_object(result: &SecretResult, name_key: &str) -> Object {
    let out = Object::new();
    set(&out, name_key, result.secret_name.as_str());
    set(&out, "status", result.outcome.as_str());
    if let Outcome::Failed(error) = &result.outcome {
        set(&out, "error", JsValue::from(error.clone()));
    }
    if let Some(used) = result.visibility {
        set(&out, "visibility", used.visibility.as_str());
        set(&out, "visibilitySource", used.source.as_str());
    }
    out
}

/// `[[name, value]]` of the `secrets` (or `variables`: `param`) object or `Map`,
/// values as wiped-on-drop strings (a lone surrogate in one is refused, naming
/// `secrets.NAME`).
fn secret_list(param: &'static str, secrets: &JsValue) -> Result<Vec<(String, Zeroizing<String>)>, Error> {
    let expected = if param == "variables" { "an object or a Map of variable names to string values" } else { "an object or a Map of secret names to string values" };
    let entries = convert::entries(param, secrets, expected)?;
    let mut list = Vec::new();
    for entry in entries.iter() {
        let entry = Array::from(&entry);
        let name = entry.get(0).as_string().unwrap_or_default();
        let param = format!("{param}.{name}");
        let value = convert::well_formed_string(&param, &entry.get(1))?.ok_or_else(|| Error::invalid(param, "expected a string value"))?;
        list.push((name, Zeroizing::new(value)));
    }
    Ok(list)
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
        let (fetch, max_response_bytes) = transport(&options)?;
        let mut client = Client::new(config, FetchTransport::new(&fetch, max_response_bytes));
        let on_retry = get(&options, "onRetry");
        if on_retry.is_function() {
            let sink: Function = on_retry.unchecked_into();
            client = client.on_retry(move |event| {
                let e = Object::new();
                set(&e, "reason", event.reason.as_str());
                set(&e, "method", event.method.as_str());
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
            set(&out, "response", page_object(endpoint, &response));
            set(&out, "next", following.map(JsValue::from).unwrap_or(JsValue::UNDEFINED));
            Ok(out.into())
        })
    }

    /// A page cursor for `paginate.iterator`: `next()` resolves to each page's
    /// response in turn, then `undefined`; a cycle or the `maxPages` cap rejects
    /// (after the pages read so far were yielded).
    pub fn pages(&self, app: &str, method: &str, params: JsValue) -> Result<Pages, JsValue> {
        let endpoint = endpoint(app, method)?;
        let params = params_from_js("params", &params)?;
        let pager = self.inner.pager(endpoint, &params)?;
        let state = PagesState { pager, next: None, done: false, pending: None };
        Ok(Pages { client: self.inner.clone(), endpoint, params: Rc::new(params), state: Rc::new(RefCell::new(state)) })
    }

    /// Every item of a list endpoint, following `Link` headers.
    pub fn paginate(&self, app: &str, method: &str, params: JsValue) -> Promise {
        let client = self.inner.clone();
        let prepared = endpoint(app, method).and_then(|e| Ok((e, params_from_js("params", &params)?)));
        future_to_promise(async move {
            let (endpoint, params) = prepared?;
            let items = client.paginate(endpoint, &params).await?;
            let text = serde_json::to_string(&Value::Array(items)).unwrap_or_default();
            Ok(JSON::parse(&text).unwrap_or(JsValue::UNDEFINED))
        })
    }

    /// Bulk set; resolves to `[{ secret_name, status, error?, visibility?,
    /// visibilitySource? }]` in input order. Options: `concurrency`, `dryRun`,
    /// `onProgress`, `signal` (an `AbortSignal`: once aborted no new write starts).
    #[wasm_bindgen(js_name = setSecrets)]
    pub fn set_secrets(&self, target: JsValue, secrets: JsValue, options: JsValue) -> Promise {
        bulk(self.inner.clone(), target, secrets, options, Items::Secrets)
    }

    /// Bulk set of variables (POST, PATCH after a 409); resolves to `[{ name, status,
    /// error?, visibility?, visibilitySource? }]` in input order. Options as `setSecrets`.
    #[wasm_bindgen(js_name = setVariables)]
    pub fn set_variables(&self, target: JsValue, variables: JsValue, options: JsValue) -> Promise {
        bulk(self.inner.clone(), target, variables, options, Items::Variables)
    }
}

/// A page's response object, its `data` narrowed to the row's items field (e.g.
/// `secrets`) when it has one, as Octokit's paginate yields it.
fn page_object(endpoint: &Endpoint, response: &HttpResponse) -> Object {
    let response_js = response_object(response);
    if let Some(field) = endpoint.items_field() {
        set(&response_js, "data", get(&get(&response_js, "data"), field));
    }
    response_js
}

/// What a bulk run writes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Items {
    /// `setSecrets`: `{ secret_name, ... }` results.
    Secrets,
    /// `setVariables`: `{ name, ... }` results.
    Variables,
}

/// `setSecrets` / `setVariables`: checks the arguments, runs the bulk write.
fn bulk(client: Rc<Client<FetchTransport>>, target: JsValue, items: JsValue, options: JsValue, kind: Items) -> Promise {
    let (items_param, name_key) = match kind {
        Items::Secrets => ("secrets", "secret_name"),
        Items::Variables => ("variables", "name"),
    };
    let parsed = (|| -> Result<_, Error> {
        let target = params_from_js("target", &target)?;
        let list = secret_list(items_param, &items)?;
        let concurrency = number(&options, "concurrency", "concurrency")?.unwrap_or(4) as usize;
        let dry_run = get(&options, "dryRun").is_truthy();
        let progress = Some(get(&options, "onProgress")).filter(JsValue::is_function).map(JsValue::unchecked_into::<Function>);
        let signal = get(&options, "signal");
        if !(signal.is_undefined() || signal.is_null() || signal.is_object()) {
            return Err(Error::InvalidType { param: "signal", expected: "an AbortSignal" });
        }
        Ok((target, list, concurrency, dry_run, progress, signal))
    })();
    future_to_promise(async move {
        let (target, list, concurrency, dry_run, progress, signal) = parsed?;
        let on_progress = |result: &SecretResult, done: usize, total: usize| {
            if let Some(f) = &progress {
                let event = result_object(result, name_key);
                set(&event, "done", done as u32);
                set(&event, "total", total as u32);
                let _ = f.call1(&JsValue::NULL, &event);
            }
        };
        let cancelled = || get(&signal, "aborted").is_truthy();
        let options = BulkOptions { concurrency, dry_run, on_progress: Some(&on_progress), cancelled: Some(&cancelled) };
        let results = match kind {
            Items::Secrets => client.set_secrets(&target, list, options).await?,
            Items::Variables => {
                // Variables are plaintext on GitHub: no need to keep them wiped-on-drop.
                let plain = list.into_iter().map(|(name, value)| (name, value.to_string())).collect();
                client.set_variables(&target, plain, options).await?
            }
        };
        Ok(results.iter().map(|r| JsValue::from(result_object(r, name_key))).collect::<Array>().into())
    })
}

/// Where a [`Pages`] cursor is: the pager, the next URL, and an error to report on
/// the call after the last page read.
#[derive(Debug)]
struct PagesState {
    pager: Pager,
    next: Option<String>,
    done: bool,
    pending: Option<Error>,
}

/// The cursor behind `paginate.iterator` (see [`WasmClient::pages`]).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Pages {
    client: Rc<Client<FetchTransport>>,
    endpoint: &'static Endpoint,
    params: Rc<serde_json::Map<String, Value>>,
    state: Rc<RefCell<PagesState>>,
}

#[wasm_bindgen]
impl Pages {
    /// The next page's response (`data`: the page's items), or `undefined` after the
    /// last one; rejects with the page's error, or `pagination` for a cycle / cap.
    pub fn next(&self) -> Promise {
        let (client, endpoint, params, state) = (self.client.clone(), self.endpoint, self.params.clone(), self.state.clone());
        future_to_promise(async move {
            let (done, next, pending) = {
                let mut s = state.borrow_mut();
                (s.done, s.next.clone(), s.pending.take())
            };
            if let Some(error) = pending {
                return Err(error.into());
            }
            if done {
                return Ok(JsValue::UNDEFINED);
            }
            let page = client.page(endpoint, &params, next.as_deref()).await;
            let (response, following) = page.inspect_err(|_| state.borrow_mut().done = true)?;
            {
                let mut s = state.borrow_mut();
                match s.pager.follow(following.as_deref()) {
                    Ok(Some(url)) => s.next = Some(url),
                    Ok(None) => s.done = true,
                    Err(error) => {
                        s.done = true;
                        s.pending = Some(error);
                    }
                }
            }
            Ok(page_object(endpoint, &response).into())
        })
    }
}
