//! The GitHub secrets client: one request path for every endpoint, the public-key
//! cache, sealing on the fly, retries, rate-limit handling, write throttling and
//! pagination. The key cache and sealed writes are in [`super::keys`]. All I/O, time and sleeping go through an injected [`Transport`], so
//! this runs on the host under `cargo test` and in wasm over `fetch`. Bulk writes are
//! in [`super::bulk`], org visibility in [`super::visibility`].

use core::cell::{Cell, RefCell};

use serde_json::{Map, Value};

use super::config::Config;
use super::endpoints::Endpoint;
use super::http::{HttpFailure, HttpRequest, HttpResponse, Method};
use super::keys::KeyCache;
use super::origin::under_base;
use super::pager::Pager;
use super::redact;
use super::request::{self, Prepared, ACCEPT, API_VERSION};
use super::retry::{backoff, retry_wait, RetryEvent, RetryReason};
use super::transport::{Transport, TransportError};
use super::writes::{Turn, WriteQueue};
use crate::error::{Error, Result};

/// How [`Client::send`] treats a request.
pub(crate) enum Access<'a> {
    /// A read: sent at once, never throttled.
    Read,
    /// A write whose turn the caller holds and keeps (a variable's POST, then its
    /// PATCH after a 409, in one turn): spaced like every write, not queued again.
    Held,
    /// A write: waits for its turn in the write queue (or has it already), spaced
    /// by [`Config::min_write_interval_ms`].
    Write(Option<Turn<'a>>),
}

/// The GitHub secrets client over a [`Transport`].
pub struct Client<T> {
    config: Config,
    transport: T,
    pub(super) keys: RefCell<KeyCache>,
    pub(crate) writes: WriteQueue,
    /// One public-key fetch at a time, so concurrent writes to an uncached (or just
    /// rotated) scope share one fetch instead of each sending their own. A FIFO line
    /// like the writes' (in wasm, no `futures_util::lock::Mutex` and its slab).
    pub(super) key_lock: WriteQueue,
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

impl<T: Transport> Client<T> {
    /// A client with `config` over `transport`. `config` is used as given; run
    /// [`Config::validate`] on settings from outside first.
    pub fn new(config: Config, transport: T) -> Self {
        Client {
            config,
            transport,
            keys: RefCell::new(KeyCache::default()),
            writes: WriteQueue::default(),
            key_lock: WriteQueue::default(),
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

    pub(super) fn http_request(&self, method: Method, url: String, body: Option<&Map<String, Value>>) -> HttpRequest {
        let mut headers = vec![
            ("accept".to_owned(), ACCEPT.to_owned()),
            ("x-github-api-version".to_owned(), API_VERSION.to_owned()),
            ("user-agent".to_owned(), self.config.user_agent.clone()),
        ];
        if let Some(token) = &self.config.auth {
            headers.push(("authorization".to_owned(), format!("Bearer {}", token.as_str())));
        }
        // serde_json::to_string, not Value's Display: Display links the pretty printer too.
        let body = body.map(|b| serde_json::to_string(b).unwrap_or_default());
        if body.is_some() {
            headers.push(("content-type".to_owned(), "application/json; charset=utf-8".to_owned()));
        }
        HttpRequest { method, url, headers, body }
    }

    pub(super) fn url(&self, path: &str) -> String {
        format!("{}{}", self.config.base_url.trim_end_matches('/'), path)
    }

    /// `text` with the token (if any) replaced by `[REDACTED]`, in every form
    /// [`redact::scrub`] knows: platform messages can quote request headers.
    fn redact(&self, text: String) -> String {
        match &self.config.auth {
            Some(token) => redact::scrub(&text, token),
            None => text,
        }
    }

    /// `response` with the token scrubbed from its body, headers and URL: a server
    /// that echoes the `Authorization` header must not put the token into errors or
    /// resolved values.
    fn redact_response(&self, response: HttpResponse) -> HttpResponse {
        match &self.config.auth {
            Some(token) => redact::scrub_response(response, token),
            None => response,
        }
    }

    pub(super) fn emit(&self, event: RetryEvent) {
        if let Some(sink) = &self.on_retry {
            sink(&event);
        }
    }

    /// Waits out [`Config::min_write_interval_ms`] since the previous write's start.
    async fn space_write(&self) {
        if self.config.min_write_interval_ms > 0 {
            let next = self.last_write_ms.get().saturating_add(self.config.min_write_interval_ms);
            let now = self.transport.now_ms();
            if self.last_write_ms.get() > 0 && next > now {
                self.transport.sleep(next - now).await;
            }
        }
        self.last_write_ms.set(self.transport.now_ms());
    }

    /// Waits for a queued write's turn, then for the write spacing.
    pub(crate) async fn write_turn<'a>(&'a self, ticket: super::writes::Ticket<'a>) -> Turn<'a> {
        let turn = ticket.turn().await;
        self.space_write().await;
        turn
    }

    /// Sends with retries (rules in [`retry_wait`]); writes run one at a time, in
    /// queue order, with the configured spacing before every attempt.
    pub(crate) async fn send(&self, request: HttpRequest, access: Access<'_>) -> Result<HttpResponse> {
        let held = matches!(access, Access::Held);
        // Held until the last attempt ends (its drop lets the next write go).
        let turn = match access {
            Access::Read => None,
            Access::Held => {
                self.space_write().await;
                None
            }
            Access::Write(Some(turn)) => Some(turn),
            Access::Write(None) => Some(self.write_turn(self.writes.ticket()).await),
        };
        let mut attempt = 0u32;
        loop {
            if (turn.is_some() || held) && attempt > 0 {
                self.space_write().await;
            }
            let sent = self.transport.send(&request, self.config.timeout_ms).await.map(|r| self.redact_response(r));
            let (reason, status, wait, error) = match sent {
                Ok(response) if response.status < 400 => return Ok(response),
                Ok(response) => {
                    let status = response.status;
                    let retry = retry_wait(&response, attempt, self.transport.now_ms(), &self.config);
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
                    let (method, url) = (request.method.as_str().to_owned(), request.url.clone());
                    let error = match e {
                        TransportError::Network(message) => Error::Network { method, url, message: self.redact(message) },
                        TransportError::Timeout => Error::Timeout { method, url, timeout_ms: self.config.timeout_ms },
                        // Final: a redirect is never followed, an oversized body never
                        // read again (the same server would send the same).
                        TransportError::Redirect { status, location } => {
                            return Err(Error::Redirect { method, url, status, location: location.map(|l| self.redact(l)) })
                        }
                        TransportError::TooLarge { status, limit } => {
                            return Err(Error::ResponseTooLarge { method, url, status, limit })
                        }
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
    /// An org-level `createOrUpdate*` without `visibility` keeps the existing
    /// secret's visibility and selected repositories (`private` for a new secret):
    /// see [`super::visibility`].
    ///
    /// # Errors
    /// [`Error::InvalidParam`] before anything is sent; [`Error::Http`] for a final
    /// non-2xx answer; [`Error::Network`] / [`Error::Timeout`] after the retries.
    pub async fn request(&self, endpoint: &'static Endpoint, params: &Map<String, Value>) -> Result<HttpResponse> {
        let mut prepared = request::prepare(endpoint, params)?;
        if let Some(body) = prepared.body.as_mut() {
            self.fill_visibility(endpoint, params, body).await?;
        }
        self.send_prepared(prepared, None).await
    }

    /// As [`Client::request`] without the visibility read (for reads and lists,
    /// which never need it).
    pub(crate) async fn request_as_is(&self, endpoint: &'static Endpoint, params: &Map<String, Value>) -> Result<HttpResponse> {
        self.send_prepared(request::prepare(endpoint, params)?, None).await
    }

    /// Sends a [`Prepared`] request; `turn`: a write turn already taken (bulk runs).
    pub(crate) async fn send_prepared(&self, prepared: Prepared, turn: Option<Turn<'_>>) -> Result<HttpResponse> {
        if prepared.value.is_some() {
            return self.put_sealed(prepared, turn).await;
        }
        let endpoint = prepared.endpoint;
        let req = self.http_request(endpoint.verb, self.url(&prepared.path), prepared.body.as_ref());
        let access = if endpoint.is_write() { Access::Write(turn) } else { Access::Read };
        self.send(req, access).await
    }

    /// Calls any GitHub route, Octokit's `request("GET /repos/{owner}/{repo}", params)`:
    /// `{param}`s are filled from `params`, the rest go in the query string (GET,
    /// DELETE) or the JSON body (PUT, POST, PATCH); Octokit request options
    /// ([`request::IGNORED_PARAMS`], e.g. `baseUrl`) are never sent. Non-GET routes
    /// are throttled as writes. No sealing.
    ///
    /// # Errors
    /// As [`request::prepare_route`], then as [`Client::request`].
    pub async fn request_route(&self, route: &str, params: &Map<String, Value>) -> Result<HttpResponse> {
        let prepared = request::prepare_route(route, params)?;
        let req = self.http_request(prepared.method, self.url(&prepared.path), prepared.body.as_ref());
        let access = if prepared.method.is_write() { Access::Write(None) } else { Access::Read };
        self.send(req, access).await
    }

    /// One page of a list endpoint: the first page from `params`, or the page at
    /// `next_url` (a `Link: rel="next"` URL, which must lie under `base_url` once
    /// normalised as `fetch` would - `..` and `%2e%2e` segments resolved - so the token
    /// is never sent to another host or path). Returns the response and the next
    /// page's URL.
    ///
    /// # Errors
    /// As [`Client::request`]; [`Error::InvalidParam`] naming `url` for a URL outside
    /// `base_url`.
    pub async fn page(
        &self,
        endpoint: &'static Endpoint,
        params: &Map<String, Value>,
        next_url: Option<&str>,
    ) -> Result<(HttpResponse, Option<String>)> {
        let response = match next_url {
            None => self.request_as_is(endpoint, params).await?,
            Some(url) => {
                let Some(url) = under_base(&self.config.base_url, url) else {
                    let shown = self.redact(url.to_owned());
                    return Err(Error::invalid(
                        "url",
                        format!("next page \"{shown}\" is not under the base URL \"{}/\"", self.config.base_url),
                    ));
                };
                self.send(self.http_request(Method::Get, url, None), Access::Read).await?
            }
        };
        let next = response.header("link").and_then(request::next_link);
        Ok((response, next))
    }

    /// A [`Pager`] for a pagination of `endpoint` starting with `params` (the first
    /// page's URL counts as visited), capped at [`Config::max_pages`].
    ///
    /// # Errors
    /// As [`request::prepare`].
    pub fn pager(&self, endpoint: &'static Endpoint, params: &Map<String, Value>) -> Result<Pager> {
        let first = self.url(&request::prepare(endpoint, params)?.path);
        Ok(Pager::new(&first, self.config.max_pages))
    }

    /// Every item of a list endpoint (`secrets` or `repositories`), following `Link`
    /// headers; `per_page` defaults to 100. Stops with [`Error::Pagination`] when a
    /// next link leads back to a page already read, or beyond [`Config::max_pages`].
    ///
    /// # Errors
    /// As [`Client::page`]; [`Error::InvalidParam`] naming `method` for an endpoint
    /// that does not list; [`Error::Pagination`].
    pub async fn paginate(&self, endpoint: &'static Endpoint, params: &Map<String, Value>) -> Result<Vec<Value>> {
        let field = endpoint
            .items_field()
            .ok_or_else(|| Error::invalid("method", format!("{} does not return a list", endpoint.name)))?;
        let mut params = params.clone();
        if endpoint.query_params().contains(&"per_page") {
            params.entry("per_page").or_insert(Value::from(request::MAX_PER_PAGE));
        }
        let mut pager = self.pager(endpoint, &params)?;
        let mut items = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let (response, following) = self.page(endpoint, &params, next.as_deref()).await?;
            if let Some(Value::Array(page)) = response.json().get_mut(field).map(Value::take) {
                items.extend(page);
            }
            match pager.follow(following.as_deref())? {
                Some(url) => next = Some(url),
                None => return Ok(items),
            }
        }
    }
}
