//! The fake GitHub shared by the host client tests: a transport that records
//! requests and sleeps on a virtual clock, and a small GitHub (one key pair per
//! scope, secrets stored decrypted, org visibility and selected repositories).
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use futures_executor::block_on;
use ghseal::github::{endpoints, App, Client, Config, HttpRequest, HttpResponse, RetryReason, Transport, TransportError};
use ghseal::seal::{self, KeyPair};
use ghseal::Error;
use serde_json::{json, Map, Value};

pub const TOKEN: &str = "ghp_TopSecretTokenValue123";
pub const BASE: &str = "https://api.example.test";

/// Pending once, then ready.
pub struct YieldOnce(bool);
impl std::future::Future for YieldOnce {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.0 {
            return std::task::Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        std::task::Poll::Pending
    }
}

pub type Handler = Box<dyn FnMut(&HttpRequest, u64) -> Result<HttpResponse, TransportError>>;

/// Fake transport: records requests and sleeps; time only moves when the client sleeps.
pub struct Fake {
    pub handler: RefCell<Handler>,
    pub requests: Rc<RefCell<Vec<(String, String, Option<String>, u64)>>>,
    pub sleeps: Rc<RefCell<Vec<u64>>>,
    pub headers: Rc<RefCell<Vec<Vec<(String, String)>>>>,
    pub clock: Rc<Cell<u64>>,
}

impl Transport for Fake {
    async fn send(&self, request: &HttpRequest, _timeout_ms: u64) -> Result<HttpResponse, TransportError> {
        // Answer on the next poll, as a real network would: lets concurrent calls interleave.
        YieldOnce(false).await;
        let now = self.clock.get();
        self.requests.borrow_mut().push((request.method.as_str().to_owned(), request.url.clone(), request.body.clone(), now));
        self.headers.borrow_mut().push(request.headers.clone());
        (self.handler.borrow_mut())(request, now)
    }
    async fn sleep(&self, ms: u64) {
        self.sleeps.borrow_mut().push(ms);
        self.clock.set(self.clock.get() + ms);
    }
    fn now_ms(&self) -> u64 {
        self.clock.get()
    }
}

pub fn json_response(status: u16, body: Value) -> HttpResponse {
    HttpResponse {
        status,
        url: String::new(),
        headers: vec![("content-type".into(), "application/json".into())],
        body: if body.is_null() { String::new() } else { body.to_string() },
    }
}

/// A small GitHub: one key pair per scope, secrets stored decrypted.
#[derive(Default)]
pub struct Github {
    pub keys: BTreeMap<String, (String, KeyPair)>,
    pub secrets: BTreeMap<String, String>,
    pub rotations: u32,
    /// Org secrets' `(visibility, selected repository ids)` by `{scope}/{name}`.
    pub access: BTreeMap<String, (String, Vec<u64>)>,
}

impl Github {
    pub fn key(&mut self, scope: &str) -> &(String, KeyPair) {
        let rotations = self.rotations;
        self.keys.entry(scope.to_owned()).or_insert_with(|| (format!("key-{rotations}"), seal::generate_key_pair()))
    }
    pub fn rotate(&mut self, scope: &str) {
        self.rotations += 1;
        self.keys.remove(scope);
        self.key(scope);
    }
    pub fn handle(&mut self, req: &HttpRequest) -> HttpResponse {
        let path = req.url.strip_prefix(BASE).unwrap_or(&req.url).to_owned();
        let (path, query) = path.split_once('?').unwrap_or((&path, ""));
        let (scope, rest) = path.split_once("/secrets").unwrap_or((path, ""));
        match (req.method.as_str(), rest) {
            ("GET", "/public-key") => {
                let (id, pair) = self.key(scope);
                json_response(200, json!({"key_id": id, "key": seal::encode_base64(&pair.public_key)}))
            }
            ("GET", repos) if repos.ends_with("/repositories") => {
                // Two repositories a page, whatever per_page says: pagination is exercised.
                let key = format!("{scope}{}", repos.trim_end_matches("/repositories"));
                let Some((_, ids)) = self.access.get(&key) else { return json_response(404, json!({"message": "Not Found"})) };
                let page: usize = query.split('&').find_map(|kv| kv.strip_prefix("page=")).and_then(|p| p.parse().ok()).unwrap_or(1);
                let chunk: Vec<Value> = ids.iter().skip((page - 1) * 2).take(2).map(|id| json!({"id": id, "name": format!("r{id}")})).collect();
                let mut r = json_response(200, json!({"total_count": ids.len(), "repositories": chunk}));
                if page * 2 < ids.len() {
                    r.headers.push(("link".into(), format!("<{BASE}{scope}/secrets{repos}?page={}>; rel=\"next\"", page + 1)));
                }
                r
            }
            ("GET", name) => match self.secrets.get(&format!("{scope}{name}")) {
                Some(_) => {
                    let visibility = self.access.get(&format!("{scope}{name}")).map_or("private", |a| a.0.as_str());
                    json_response(200, json!({"name": name.trim_start_matches('/'), "visibility": visibility}))
                }
                None => json_response(404, json!({"message": "Not Found"})),
            },
            ("PUT", name) => {
                let body: Value = serde_json::from_str(req.body.as_deref().unwrap_or("{}")).unwrap();
                let (id, pair) = self.key(scope);
                if body["key_id"] != json!(id) {
                    return json_response(422, json!({"message": "key_id is not the current key"}));
                }
                let sealed = seal::decode_base64("encrypted_value", body["encrypted_value"].as_str().unwrap()).unwrap();
                let Ok(plain) = seal::open(&sealed, &pair.secret_key) else {
                    return json_response(422, json!({"message": "does not decrypt"}));
                };
                let key = format!("{scope}{name}");
                if let Some(visibility) = body["visibility"].as_str() {
                    let ids = body["selected_repository_ids"].as_array().cloned().unwrap_or_default();
                    let ids = ids.iter().map(|id| id.as_u64().or_else(|| id.as_str()?.parse().ok()).unwrap()).collect();
                    self.access.insert(key.clone(), (visibility.to_owned(), ids));
                }
                let existed = self.secrets.insert(key, String::from_utf8(plain.to_vec()).unwrap()).is_some();
                json_response(if existed { 204 } else { 201 }, Value::Null)
            }
            _ => json_response(404, json!({"message": "Not Found"})),
        }
    }
}

pub struct Harness {
    pub client: Client<Fake>,
    pub github: Rc<RefCell<Github>>,
    pub requests: Rc<RefCell<Vec<(String, String, Option<String>, u64)>>>,
    pub sleeps: Rc<RefCell<Vec<u64>>>,
    pub headers: Rc<RefCell<Vec<Vec<(String, String)>>>>,
    pub events: Rc<RefCell<Vec<(RetryReason, u64)>>>,
    /// Canned answers served before the fake GitHub answers (front of the queue first).
    pub script: Rc<RefCell<Vec<Result<HttpResponse, TransportError>>>>,
}

pub fn harness(config: Config) -> Harness {
    let github = Rc::new(RefCell::new(Github::default()));
    let script: Rc<RefCell<Vec<Result<HttpResponse, TransportError>>>> = Rc::default();
    let (g, s) = (github.clone(), script.clone());
    let fake = Fake {
        handler: RefCell::new(Box::new(move |req, _now| {
            if !s.borrow().is_empty() {
                return s.borrow_mut().remove(0);
            }
            Ok(g.borrow_mut().handle(req))
        })),
        requests: Rc::default(),
        sleeps: Rc::default(),
        headers: Rc::default(),
        clock: Rc::new(Cell::new(1_700_000_000_000)),
    };
    let (requests, sleeps, headers) = (fake.requests.clone(), fake.sleeps.clone(), fake.headers.clone());
    let events: Rc<RefCell<Vec<(RetryReason, u64)>>> = Rc::default();
    let e = events.clone();
    let client = Client::new(config, fake).on_retry(move |ev| e.borrow_mut().push((ev.reason, ev.wait_ms)));
    Harness { client, github, requests, sleeps, headers, events, script }
}

pub fn config() -> Config {
    Config { base_url: BASE.into(), auth: Some(TOKEN.to_owned().into()), min_write_interval_ms: 0, ..Config::default() }
}

pub fn params(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap()
}

pub fn put_repo(h: &Harness, name: &str, value: &str) -> Result<HttpResponse, Error> {
    let e = endpoints::find(App::Actions, "createOrUpdateRepoSecret").unwrap();
    block_on(h.client.request(e, &params(json!({"owner": "o", "repo": "r", "secret_name": name, "value": value}))))
}

/// Page `page` of `last` of a repository secrets list, with GitHub's `Link` header.
pub fn list_page(page: u32, last: u32, names: &[&str]) -> HttpResponse {
    let mut r = json_response(200, json!({"total_count": 5, "secrets": names.iter().map(|n| json!({"name": n})).collect::<Vec<_>>()}));
    if page < last {
        let link = format!(
            "<{BASE}/repos/o/r/actions/secrets?per_page=2&page={}>; rel=\"next\", <{BASE}/repos/o/r/actions/secrets?per_page=2&page={last}>; rel=\"last\"",
            page + 1
        );
        r.headers.push(("link".into(), link));
    }
    r
}
