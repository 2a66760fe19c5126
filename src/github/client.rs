//! The GitHub secrets client: one request path for every endpoint, the public-key
//! cache, sealing on the fly, retries, rate-limit handling, write throttling,
//! pagination and the bulk `set_secrets`. All I/O, time and sleeping go through an
//! injected [`Transport`], so this runs on the host under `cargo test` and in wasm
//! over `fetch`.

use core::cell::{Cell, RefCell};
use core::future::Future;
use std::collections::BTreeMap;

use futures_util::lock::Mutex;
use futures_util::stream::{self, StreamExt};
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::endpoints::{self, App, Endpoint, Op, Scope};
use super::request::{self, HttpFailure, HttpRequest, HttpResponse, Prepared, ACCEPT, API_VERSION};
use crate::error::{Error, Result};
use crate::seal::{self, PUBLIC_KEY_LEN};

/// Why a request produced no HTTP response.
#[derive(Debug, Clone, PartialEq)]
pub enum TransportError {
    /// DNS, TCP, TLS, CORS or an aborted fetch; the text is the platform's.
    Network(String),
    /// No response within the timeout.
    Timeout,
}

/// What the client needs from its platform: send a request, sleep, read a clock.
/// The wasm build implements it over `fetch` and `setTimeout`; tests use a fake.
pub trait Transport {
    /// Sends `request`; gives up after `timeout_ms` (0 = no timeout).
    fn send(&self, request: &HttpRequest, timeout_ms: u64) -> impl Future<Output = Result<HttpResponse, TransportError>>;
    /// Resolves after `ms` milliseconds.
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
}

/// Client settings. Times are milliseconds.
#[derive(Clone)]
pub struct Config {
    /// API root without trailing slash: `https://api.github.com`, or
    /// `https://HOST/api/v3` for GitHub Enterprise Server.
    pub base_url: String,
    /// Token sent as `Authorization: Bearer` (never logged, redacted in errors).
    pub auth: Option<Zeroizing<String>>,
    /// `User-Agent` header.
    pub user_agent: String,
    /// Per-attempt timeout (0 = none). Default 30 000.
    pub timeout_ms: u64,
    /// Retries after the first attempt, for 5xx, network errors, timeouts and rate
    /// limits. Default 3.
    pub retries: u32,
    /// Backoff base for 5xx / network errors: `base * 2^attempt`. Default 1 000.
    pub retry_base_ms: u64,
    /// Wait after a secondary rate limit without `retry-after` (GitHub: "at least
    /// one minute"), doubled per attempt. Default 60 000.
    pub secondary_rate_limit_wait_ms: u64,
    /// Longest wait the client accepts from `retry-after` or `x-ratelimit-reset`;
    /// beyond it the error is returned at once. Default 900 000 (15 minutes).
    pub max_wait_ms: u64,
    /// Minimum spacing between the starts of two writes (PUT/DELETE), which also
    /// run one at a time, as Octokit's throttling plugin does. Default 1 000.
    pub min_write_interval_ms: u64,
}

impl core::fmt::Debug for Config {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth.as_ref().map(|_| "[REDACTED]"))
            .field("user_agent", &self.user_agent)
            .field("timeout_ms", &self.timeout_ms)
            .field("retries", &self.retries)
            .field("min_write_interval_ms", &self.min_write_interval_ms)
            .finish_non_exhaustive()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: "https://api.github.com".into(),
            auth: None,
            user_agent: concat!("ghseal/", env!("CARGO_PKG_VERSION")).into(),
            timeout_ms: 30_000,
            retries: 3,
            retry_base_ms: 1_000,
            secondary_rate_limit_wait_ms: 60_000,
            max_wait_ms: 900_000,
            min_write_interval_ms: 1_000,
        }
    }
}

/// Why the client is about to wait and retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryReason {
    /// 403/429 with `x-ratelimit-remaining: 0`: waiting for `x-ratelimit-reset`.
    RateLimit,
    /// 403/429 secondary rate limit: waiting for `retry-after` (or the fallback).
    SecondaryRateLimit,
    /// 5xx answer.
    ServerError,
    /// No answer (network error or timeout).
    NetworkError,
    /// A write was refused (422) and the scope's public key had changed: the value is
    /// sealed again with the new key and sent once more.
    KeyRotated,
}

impl RetryReason {
    /// `rate-limit`, `secondary-rate-limit`, `server-error`, `network-error`, `key-rotated`.
    pub fn as_str(self) -> &'static str {
        match self {
            RetryReason::RateLimit => "rate-limit",
            RetryReason::SecondaryRateLimit => "secondary-rate-limit",
            RetryReason::ServerError => "server-error",
            RetryReason::NetworkError => "network-error",
            RetryReason::KeyRotated => "key-rotated",
        }
    }
}

/// Reported to the event sink before each retry.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryEvent {
    /// Why.
    pub reason: RetryReason,
    /// Request method.
    pub method: &'static str,
    /// Request URL.
    pub url: String,
    /// Status of the answer that caused the retry (0 without one).
    pub status: u16,
    /// 1 for the first retry.
    pub attempt: u32,
    /// How long the client waits before it, in milliseconds.
    pub wait_ms: u64,
}

/// A scope's public key, as `GET .../secrets/public-key` returns it.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicKey {
    /// GitHub's identifier of the key, sent back with `encrypted_value`.
    pub key_id: String,
    /// The 32-byte X25519 key.
    pub key: [u8; PUBLIC_KEY_LEN],
}

/// What happened to one secret of a bulk [`Client::set_secrets`].
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// 201: the secret did not exist.
    Created,
    /// 204: an existing secret was replaced.
    Updated,
    /// Dry run: it does not exist and would be created.
    WouldCreate,
    /// Dry run: it exists and would be replaced.
    WouldUpdate,
    /// Not set; the error says why. Nothing else in the run is affected.
    Failed(Error),
}

impl Outcome {
    /// `created`, `updated`, `would-create`, `would-update`, `failed`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Updated => "updated",
            Outcome::WouldCreate => "would-create",
            Outcome::WouldUpdate => "would-update",
            Outcome::Failed(_) => "failed",
        }
    }
}

/// One secret's result in a bulk run, in input order.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretResult {
    /// The secret's name as given.
    pub secret_name: String,
    /// What happened.
    pub outcome: Outcome,
}

/// The GitHub secrets client over a [`Transport`].
pub struct Client<T> {
    config: Config,
    transport: T,
    keys: RefCell<BTreeMap<String, PublicKey>>,
    write_lock: Mutex<()>,
    /// One public-key fetch at a time, so concurrent writes to an uncached (or just
    /// rotated) scope share one fetch instead of each sending their own.
    key_lock: Mutex<()>,
    last_write_ms: Cell<u64>,
    on_retry: Option<RetrySink>,
}

/// The `on_retry` callback.
type RetrySink = Box<dyn Fn(&RetryEvent)>;

impl<T> core::fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Client").field("config", &self.config).finish_non_exhaustive()
    }
}

fn backoff(base: u64, attempt: u32) -> u64 {
    base.saturating_mul(1u64 << attempt.min(16))
}

impl<T: Transport> Client<T> {
    /// A client with `config` over `transport`.
    pub fn new(config: Config, transport: T) -> Self {
        Client {
            config,
            transport,
            keys: RefCell::new(BTreeMap::new()),
            write_lock: Mutex::new(()),
            key_lock: Mutex::new(()),
            last_write_ms: Cell::new(0),
            on_retry: None,
        }
    }

    /// Calls `sink` before every retry (for progress displays and logs).
    pub fn on_retry(mut self, sink: impl Fn(&RetryEvent) + 'static) -> Self {
        self.on_retry = Some(Box::new(sink));
        self
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    fn http_request(&self, method: &'static str, url: String, body: Option<&Map<String, Value>>) -> HttpRequest {
        let mut headers = vec![
            ("accept".to_owned(), ACCEPT.to_owned()),
            ("x-github-api-version".to_owned(), API_VERSION.to_owned()),
            ("user-agent".to_owned(), self.config.user_agent.clone()),
        ];
        if let Some(token) = &self.config.auth {
            headers.push(("authorization".to_owned(), format!("Bearer {}", token.as_str())));
        }
        let body = body.map(|b| Value::Object(b.clone()).to_string());
        if body.is_some() {
            headers.push(("content-type".to_owned(), "application/json; charset=utf-8".to_owned()));
        }
        HttpRequest { method, url, headers, body }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.config.base_url.trim_end_matches('/'), path)
    }

    /// `text` with the token (if any) replaced by `[REDACTED]`: platform messages
    /// can quote request headers.
    fn redact(&self, text: String) -> String {
        match &self.config.auth {
            Some(token) if !token.is_empty() && text.contains(token.as_str()) => text.replace(token.as_str(), "[REDACTED]"),
            _ => text,
        }
    }

    fn emit(&self, event: RetryEvent) {
        if let Some(sink) = &self.on_retry {
            sink(&event);
        }
    }

    /// How long to wait before retrying `response`, or `None` if it is final.
    fn retry_wait(&self, response: &HttpResponse, attempt: u32) -> Option<(RetryReason, u64)> {
        let status = response.status;
        if status == 403 || status == 429 {
            if response.header("x-ratelimit-remaining") == Some("0") {
                let reset_s: u64 = response.header("x-ratelimit-reset")?.trim().parse().ok()?;
                let wait = (reset_s * 1000 + 1000).saturating_sub(self.transport.now_ms());
                return Some((RetryReason::RateLimit, wait));
            }
            if let Some(after) = response.header("retry-after").and_then(|v| v.trim().parse::<u64>().ok()) {
                return Some((RetryReason::SecondaryRateLimit, after.saturating_mul(1000)));
            }
            let secondary = response
                .github_message()
                .is_some_and(|m| m.to_ascii_lowercase().contains("secondary rate limit"));
            if secondary || status == 429 {
                return Some((RetryReason::SecondaryRateLimit, backoff(self.config.secondary_rate_limit_wait_ms, attempt)));
            }
            return None;
        }
        if (500..600).contains(&status) && status != 501 {
            return Some((RetryReason::ServerError, backoff(self.config.retry_base_ms, attempt)));
        }
        None
    }

    /// Sends with retries; writes run one at a time with the configured spacing.
    async fn send(&self, request: HttpRequest, is_write: bool) -> Result<HttpResponse> {
        let _guard = if is_write { Some(self.write_lock.lock().await) } else { None };
        let mut attempt = 0u32;
        loop {
            if is_write && self.config.min_write_interval_ms > 0 {
                let next = self.last_write_ms.get().saturating_add(self.config.min_write_interval_ms);
                let now = self.transport.now_ms();
                if self.last_write_ms.get() > 0 && next > now {
                    self.transport.sleep(next - now).await;
                }
                self.last_write_ms.set(self.transport.now_ms());
            }
            let (reason, status, wait, error) = match self.transport.send(&request, self.config.timeout_ms).await {
                Ok(response) if response.status < 400 => return Ok(response),
                Ok(response) => {
                    let status = response.status;
                    let retry = self.retry_wait(&response, attempt);
                    let error = Error::Http(Box::new(HttpFailure {
                        status,
                        method: request.method,
                        url: request.url.clone(),
                        request_headers: request.redacted_headers(),
                        response,
                    }));
                    match retry {
                        Some((reason, wait)) => (reason, status, wait, error),
                        None => return Err(error),
                    }
                }
                Err(e) => {
                    let error = match e {
                        TransportError::Network(message) => Error::Network {
                            method: request.method.to_owned(),
                            url: request.url.clone(),
                            message: self.redact(message),
                        },
                        TransportError::Timeout => Error::Timeout {
                            method: request.method.to_owned(),
                            url: request.url.clone(),
                            timeout_ms: self.config.timeout_ms,
                        },
                    };
                    (RetryReason::NetworkError, 0, backoff(self.config.retry_base_ms, attempt), error)
                }
            };
            if attempt >= self.config.retries || wait > self.config.max_wait_ms {
                return Err(error);
            }
            attempt += 1;
            self.emit(RetryEvent { reason, method: request.method, url: request.url.clone(), status, attempt, wait_ms: wait });
            self.transport.sleep(wait).await;
        }
    }

    /// Calls one endpoint. For `createOrUpdate*` with `value`, fetches (or reuses) the
    /// scope's public key, seals the value (libsodium `crypto_box_seal`) and sends
    /// `encrypted_value` + `key_id`; if GitHub refuses the write with 422 and the key
    /// has changed since it was cached, seals again with the new key and retries once.
    ///
    /// # Errors
    /// [`Error::InvalidParam`] before anything is sent; [`Error::Http`] for a final
    /// non-2xx answer; [`Error::Network`] / [`Error::Timeout`] after the retries.
    pub async fn request(&self, endpoint: &'static Endpoint, params: &Map<String, Value>) -> Result<HttpResponse> {
        let prepared = request::prepare(endpoint, params)?;
        match prepared.value {
            Some(_) => self.put_sealed(prepared).await,
            None => {
                let req = self.http_request(endpoint.verb.as_str(), self.url(&prepared.path), prepared.body.as_ref());
                self.send(req, endpoint.is_write()).await
            }
        }
    }

    /// Calls any GitHub route, Octokit's `request("GET /repos/{owner}/{repo}", params)`:
    /// `route` is `"VERB /path/{param}"`; parameters not in the path become the query
    /// (GET, DELETE) or the JSON body (PUT, POST, PATCH). Same retries and throttling.
    ///
    /// # Errors
    /// [`Error::InvalidParam`] naming `route` when it is not `"VERB /path"`; otherwise
    /// as [`Client::request`].
    pub async fn request_route(&self, route: &str, params: &Map<String, Value>) -> Result<HttpResponse> {
        let (verb, template) = route.split_once(' ').unwrap_or(("GET", route));
        let method: &'static str = match verb.to_ascii_uppercase().as_str() {
            "GET" => "GET",
            "PUT" => "PUT",
            "POST" => "POST",
            "PATCH" => "PATCH",
            "DELETE" => "DELETE",
            _ => return Err(Error::invalid("route", format!("\"{route}\": expected \"VERB /path\" with GET, PUT, POST, PATCH or DELETE"))),
        };
        if !template.starts_with('/') {
            return Err(Error::invalid("route", format!("\"{route}\": the path must start with /")));
        }
        let mut path = request::expand_route(template, params, route)?;
        let rest: Map<String, Value> = params
            .iter()
            .filter(|(k, _)| !template.contains(&format!("{{{k}}}")) && !matches!(k.as_str(), "headers" | "request" | "mediaType"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let has_body = matches!(method, "PUT" | "POST" | "PATCH");
        if !has_body && !rest.is_empty() {
            let query: Vec<String> = rest
                .iter()
                .map(|(k, v)| {
                    let v = match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    format!("{}={}", request::encode_segment(k), request::encode_segment(&v))
                })
                .collect();
            path = format!("{path}?{}", query.join("&"));
        }
        let body = if has_body { Some(&rest) } else { None };
        let req = self.http_request(method, self.url(&path), body);
        self.send(req, method != "GET").await
    }

    async fn put_sealed(&self, prepared: Prepared) -> Result<HttpResponse> {
        let Prepared { endpoint, path, key_path, body, value, .. } = prepared;
        let value = value.unwrap_or_default();
        let mut body = body.unwrap_or_default();
        let key_path = key_path.ok_or_else(|| Error::invalid("value", format!("{} takes no sealed value", endpoint.name)))?;
        let mut key = self.public_key_at(&key_path).await?;
        let mut rotated = false;
        loop {
            let sealed = seal::seal(&key.key, value.as_bytes())?;
            body.insert("encrypted_value".into(), Value::String(seal::encode_base64(&sealed)));
            body.insert("key_id".into(), Value::String(key.key_id.clone()));
            let req = self.http_request(endpoint.verb.as_str(), self.url(&path), Some(&body));
            match self.send(req, true).await {
                Err(Error::Http(failure)) if failure.status == 422 && !rotated => {
                    // Another write may have fetched the new key already; otherwise
                    // drop the stale one and fetch (shared with concurrent writes).
                    let cached = self.keys.borrow().get(&key_path).cloned();
                    let fresh = match cached {
                        Some(newer) if newer.key_id != key.key_id => newer,
                        _ => {
                            self.keys.borrow_mut().remove(&key_path);
                            self.public_key_at(&key_path).await?
                        }
                    };
                    if fresh.key_id == key.key_id {
                        return Err(Error::Http(failure));
                    }
                    self.emit(RetryEvent {
                        reason: RetryReason::KeyRotated,
                        method: failure.method,
                        url: failure.url.clone(),
                        status: 422,
                        attempt: 1,
                        wait_ms: 0,
                    });
                    key = fresh;
                    rotated = true;
                }
                other => return other,
            }
        }
    }

    /// The public key of the secrets collection at `scope_path` (e.g.
    /// `/repos/o/r/actions`, `/orgs/acme/dependabot`, `/user/codespaces`), from the
    /// cache or `GET {scope_path}/secrets/public-key`.
    ///
    /// # Errors
    /// As [`Client::public_key_at`].
    pub async fn public_key(&self, scope_path: &str) -> Result<PublicKey> {
        self.public_key_at(&format!("{scope_path}/secrets/public-key")).await
    }

    /// The public key at `key_path`, an expanded public-key route (e.g.
    /// `/orgs/acme/private-registries/public-key`), from the cache (one entry per
    /// path) or `GET key_path`.
    ///
    /// # Errors
    /// As [`Client::request`]; [`Error::InvalidParam`] naming `key` if GitHub's
    /// answer has no valid `key_id` and 32-byte base64 `key`.
    pub async fn public_key_at(&self, key_path: &str) -> Result<PublicKey> {
        if let Some(key) = self.keys.borrow().get(key_path) {
            return Ok(key.clone());
        }
        let _fetching = self.key_lock.lock().await;
        // Fetched by another call while this one waited?
        if let Some(key) = self.keys.borrow().get(key_path) {
            return Ok(key.clone());
        }
        let url = self.url(key_path);
        let response = self.send(self.http_request("GET", url, None), false).await?;
        let data = response.json();
        let key_id = match data.get("key_id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err(Error::invalid("key_id", "the public-key response has no key_id")),
        };
        let key_b64 = data.get("key").and_then(Value::as_str).unwrap_or_default();
        let key = seal::key_from_base64("key", key_b64)?;
        let key = PublicKey { key_id, key };
        self.keys.borrow_mut().insert(key_path.to_owned(), key.clone());
        Ok(key)
    }

    /// One page of a list endpoint: the first page from `params`, or the page at
    /// `next_url` (a `Link: rel="next"` URL, which must lie under `base_url`, so
    /// the token is never sent to another host). Returns the response and the next
    /// page's URL.
    ///
    /// # Errors
    /// As [`Client::request`]; [`Error::InvalidParam`] naming `url` for a foreign URL.
    pub async fn page(
        &self,
        endpoint: &'static Endpoint,
        params: &Map<String, Value>,
        next_url: Option<&str>,
    ) -> Result<(HttpResponse, Option<String>)> {
        let response = match next_url {
            None => self.request(endpoint, params).await?,
            Some(url) => {
                let base = format!("{}/", self.config.base_url.trim_end_matches('/'));
                if !url.starts_with(&base) {
                    return Err(Error::invalid("url", format!("next page \"{url}\" is not under the base URL \"{base}\"")));
                }
                self.send(self.http_request("GET", url.to_owned(), None), false).await?
            }
        };
        let next = response.header("link").and_then(request::next_link);
        Ok((response, next))
    }

    /// Every item of a list endpoint (`secrets` or `repositories`), following `Link`
    /// headers; `per_page` defaults to 100.
    ///
    /// # Errors
    /// As [`Client::page`]; [`Error::InvalidParam`] naming `method` for an endpoint
    /// that does not list.
    pub async fn paginate(&self, endpoint: &'static Endpoint, params: &Map<String, Value>) -> Result<Vec<Value>> {
        let field = endpoint
            .items_field()
            .ok_or_else(|| Error::invalid("method", format!("{} does not return a list", endpoint.name)))?;
        let mut params = params.clone();
        if endpoint.query_params().contains(&"per_page") {
            params.entry("per_page").or_insert(Value::from(request::MAX_PER_PAGE));
        }
        let mut items = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let (response, following) = self.page(endpoint, &params, next.as_deref()).await?;
            if let Some(Value::Array(page)) = response.json().get_mut(field).map(Value::take) {
                items.extend(page);
            }
            match following {
                Some(url) if next.as_deref() != Some(url.as_str()) => next = Some(url),
                _ => return Ok(items),
            }
        }
    }

    /// Sets many secrets in one scope. `target` names the app (`"app"`: actions |
    /// dependabot | codespaces, default actions) and the scope: `owner` + `repo`
    /// (+ `environment_name`), `org` (+ `visibility`, default `private`, and
    /// `selected_repository_ids`), or `user: true` (Codespaces).
    ///
    /// Fetches the public key once, then writes with at most `concurrency` requests
    /// in flight (writes are throttled as configured). With `dry_run`, lists the
    /// scope's secrets once and sends no write. Calls `on_progress(result, done,
    /// total)` after each secret. Returns one result per secret in input order: one
    /// failure never hides the others.
    ///
    /// # Errors
    /// [`Error::InvalidParam`] for a target that names no valid scope (nothing is sent).
    pub async fn set_secrets(
        &self,
        target: &Map<String, Value>,
        secrets: Vec<(String, Zeroizing<String>)>,
        concurrency: usize,
        dry_run: bool,
        on_progress: &dyn Fn(&SecretResult, usize, usize),
    ) -> Result<Vec<SecretResult>> {
        let (endpoint, base) = resolve_target(target)?;
        let total = secrets.len();
        let done = Cell::new(0usize);
        let report = |result: SecretResult| {
            done.set(done.get() + 1);
            on_progress(&result, done.get(), total);
            result
        };

        // Validate every secret first: bad names fail alone, before any request.
        let mut jobs = Vec::new();
        let mut results: Vec<Option<SecretResult>> = vec![None; total];
        let place = |results: &mut Vec<Option<SecretResult>>, index: usize, result: SecretResult| {
            if let Some(slot) = results.get_mut(index) {
                *slot = Some(result);
            }
        };
        for (index, (name, value)) in secrets.into_iter().enumerate() {
            let mut params = base.clone();
            params.insert("secret_name".into(), Value::String(name.clone()));
            params.insert("value".into(), Value::String(value.to_string()));
            let checked = request::prepare(endpoint, &params).map(|p| p.scope_path);
            if let Some(Value::String(v)) = params.get_mut("value") {
                zeroize::Zeroize::zeroize(v);
            }
            match checked {
                Ok(scope_path) => jobs.push((index, name, value, scope_path)),
                Err(error) => {
                    place(&mut results, index, report(SecretResult { secret_name: name, outcome: Outcome::Failed(error) }))
                }
            }
        }
        let Some(scope_path) = jobs.first().map(|j| j.3.clone()) else {
            return Ok(results.into_iter().flatten().collect());
        };

        if dry_run {
            let list = endpoints::for_op(endpoint.app, endpoint.scope, Op::List).unwrap_or(endpoint);
            let mut list_params = base.clone();
            list_params.remove("visibility");
            list_params.remove("selected_repository_ids");
            let existing = self.paginate(list, &list_params).await;
            for (index, name, _, _) in jobs {
                let outcome = match &existing {
                    Ok(items) => {
                        let exists = items.iter().any(|s| {
                            s.get("name").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case(&name))
                        });
                        if exists { Outcome::WouldUpdate } else { Outcome::WouldCreate }
                    }
                    Err(e) => Outcome::Failed(e.clone()),
                };
                place(&mut results, index, report(SecretResult { secret_name: name, outcome }));
            }
            return Ok(results.into_iter().flatten().collect());
        }

        if let Err(error) = self.public_key(&scope_path).await {
            for (index, name, _, _) in jobs {
                place(&mut results, index, report(SecretResult { secret_name: name, outcome: Outcome::Failed(error.clone()) }));
            }
            return Ok(results.into_iter().flatten().collect());
        }

        let finished: Vec<(usize, SecretResult)> = stream::iter(jobs)
            .map(|(index, name, value, _)| {
                let mut params = base.clone();
                params.insert("secret_name".into(), Value::String(name.clone()));
                params.insert("value".into(), Value::String(value.to_string()));
                let report = &report;
                async move {
                    let outcome = match self.request(endpoint, &params).await {
                        Ok(r) if r.status == 201 => Outcome::Created,
                        Ok(_) => Outcome::Updated,
                        Err(e) => Outcome::Failed(e),
                    };
                    if let Some(Value::String(v)) = params.get_mut("value") {
                        zeroize::Zeroize::zeroize(v);
                    }
                    (index, report(SecretResult { secret_name: name, outcome }))
                }
            })
            .buffer_unordered(concurrency.max(1))
            .collect()
            .await;
        for (index, result) in finished {
            place(&mut results, index, result);
        }
        Ok(results.into_iter().flatten().collect())
    }
}

/// Maps a bulk target to the `createOrUpdate*` endpoint and its base parameters.
fn resolve_target(target: &Map<String, Value>) -> Result<(&'static Endpoint, Map<String, Value>)> {
    let app = match target.get("app") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(App::parse(s).ok_or_else(|| {
            Error::invalid("app", format!("\"{s}\" is not one of actions, dependabot, codespaces"))
        })?),
        Some(_) => return Err(Error::invalid("app", "expected actions, dependabot or codespaces")),
    };
    let has = |k: &str| target.get(k).is_some_and(|v| !v.is_null() && v != &Value::Bool(false));
    let scope = if has("user") {
        Scope::User
    } else if has("org") {
        Scope::Org
    } else if has("environment_name") {
        Scope::Environment
    } else if has("owner") || has("repo") {
        Scope::Repo
    } else {
        return Err(Error::invalid("target", "name a scope: owner + repo (+ environment_name), org, or user: true"));
    };
    let app = app.unwrap_or(if scope == Scope::User { App::Codespaces } else { App::Actions });
    let endpoint = endpoints::for_op(app, scope, Op::Put).ok_or_else(|| {
        Error::invalid("app", format!("{} has no {} secrets (actions: repo, environment, org; dependabot: repo, org; codespaces: user, repo, org)", app.as_str(), scope.as_str()))
    })?;
    let mut base = Map::new();
    for (k, v) in target {
        if matches!(k.as_str(), "app" | "user") || v.is_null() {
            continue;
        }
        base.insert(k.clone(), v.clone());
    }
    if scope == Scope::Org {
        base.entry("visibility").or_insert(Value::String("private".into()));
    }
    Ok((endpoint, base))
}
