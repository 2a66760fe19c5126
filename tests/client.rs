//! Host tests of the GitHub client over a fake transport with a virtual clock:
//! sealing with the scope's key (opened again here), key caching and rotation,
//! retries and rate limits, write throttling, pagination and bulk runs.
#![cfg(all(feature = "client", not(target_arch = "wasm32")))]

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use futures_executor::block_on;
use ghseal::github::{endpoints, App, Client, Config, HttpRequest, HttpResponse, Outcome, RetryReason, Transport, TransportError};
use ghseal::seal::{self, KeyPair};
use ghseal::Error;
use serde_json::{json, Map, Value};

const TOKEN: &str = "ghp_TopSecretTokenValue123";
const BASE: &str = "https://api.example.test";

/// Pending once, then ready.
struct YieldOnce(bool);
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

type Handler = Box<dyn FnMut(&HttpRequest, u64) -> Result<HttpResponse, TransportError>>;

/// Fake transport: records requests and sleeps; time only moves when the client sleeps.
struct Fake {
    handler: RefCell<Handler>,
    requests: Rc<RefCell<Vec<(String, String, Option<String>, u64)>>>,
    sleeps: Rc<RefCell<Vec<u64>>>,
    headers: Rc<RefCell<Vec<Vec<(String, String)>>>>,
    clock: Rc<Cell<u64>>,
}

impl Transport for Fake {
    async fn send(&self, request: &HttpRequest, _timeout_ms: u64) -> Result<HttpResponse, TransportError> {
        // Answer on the next poll, as a real network would: lets concurrent calls interleave.
        YieldOnce(false).await;
        let now = self.clock.get();
        self.requests.borrow_mut().push((request.method.to_owned(), request.url.clone(), request.body.clone(), now));
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

fn json_response(status: u16, body: Value) -> HttpResponse {
    HttpResponse {
        status,
        url: String::new(),
        headers: vec![("content-type".into(), "application/json".into())],
        body: if body.is_null() { String::new() } else { body.to_string() },
    }
}

/// A small GitHub: one key pair per scope, secrets stored decrypted.
#[derive(Default)]
struct Github {
    keys: BTreeMap<String, (String, KeyPair)>,
    secrets: BTreeMap<String, String>,
    rotations: u32,
}

impl Github {
    fn key(&mut self, scope: &str) -> &(String, KeyPair) {
        let rotations = self.rotations;
        self.keys.entry(scope.to_owned()).or_insert_with(|| (format!("key-{rotations}"), seal::generate_key_pair()))
    }
    fn rotate(&mut self, scope: &str) {
        self.rotations += 1;
        self.keys.remove(scope);
        self.key(scope);
    }
    fn handle(&mut self, req: &HttpRequest) -> HttpResponse {
        let path = req.url.strip_prefix(BASE).unwrap_or(&req.url).to_owned();
        let (path, _query) = path.split_once('?').unwrap_or((&path, ""));
        let (scope, rest) = path.split_once("/secrets").unwrap_or((path, ""));
        match (req.method, rest) {
            ("GET", "/public-key") => {
                let (id, pair) = self.key(scope);
                json_response(200, json!({"key_id": id, "key": seal::encode_base64(&pair.public_key)}))
            }
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
                let existed = self.secrets.insert(key, String::from_utf8(plain.to_vec()).unwrap()).is_some();
                json_response(if existed { 204 } else { 201 }, Value::Null)
            }
            _ => json_response(404, json!({"message": "Not Found"})),
        }
    }
}

struct Harness {
    client: Client<Fake>,
    github: Rc<RefCell<Github>>,
    requests: Rc<RefCell<Vec<(String, String, Option<String>, u64)>>>,
    sleeps: Rc<RefCell<Vec<u64>>>,
    headers: Rc<RefCell<Vec<Vec<(String, String)>>>>,
    events: Rc<RefCell<Vec<(RetryReason, u64)>>>,
    /// Canned answers served before the fake GitHub answers (front of the queue first).
    script: Rc<RefCell<Vec<Result<HttpResponse, TransportError>>>>,
}

fn harness(config: Config) -> Harness {
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

fn config() -> Config {
    Config { base_url: BASE.into(), auth: Some(TOKEN.to_owned().into()), min_write_interval_ms: 0, ..Config::default() }
}

fn params(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap()
}

fn put_repo(h: &Harness, name: &str, value: &str) -> Result<HttpResponse, Error> {
    let e = endpoints::find(App::Actions, "createOrUpdateRepoSecret").unwrap();
    block_on(h.client.request(e, &params(json!({"owner": "o", "repo": "r", "secret_name": name, "value": value}))))
}

#[test]
fn seals_with_the_scope_key_and_caches_it() {
    let h = harness(config());
    assert_eq!(put_repo(&h, "NPM_TOKEN", "s3cr3t ü").unwrap().status, 201);
    assert_eq!(put_repo(&h, "NPM_TOKEN", "second").unwrap().status, 204);
    assert_eq!(h.github.borrow().secrets["/repos/o/r/actions/NPM_TOKEN"], "second");
    let requests = h.requests.borrow();
    let key_fetches = requests.iter().filter(|r| r.1.ends_with("/public-key")).count();
    assert_eq!(key_fetches, 1, "the public key is fetched once per scope");
    let body: Value = serde_json::from_str(requests[1].2.as_deref().unwrap()).unwrap();
    assert_eq!(body["key_id"], json!("key-0"));
    assert!(body.get("value").is_none(), "plaintext never goes on the wire");
    assert_eq!(seal::decode_base64("x", body["encrypted_value"].as_str().unwrap()).unwrap().len(), "s3cr3t ü".len() + 48);
}

#[test]
fn sends_github_headers_and_bearer_token() {
    let h = harness(Config { user_agent: "my-app".into(), ..config() });
    let e = endpoints::find(App::Actions, "getRepoPublicKey").unwrap();
    block_on(h.client.request(e, &params(json!({"owner": "o", "repo": "r"})))).unwrap();
    assert_eq!(h.requests.borrow()[0].1, format!("{BASE}/repos/o/r/actions/secrets/public-key"));
    let headers: BTreeMap<String, String> = h.headers.borrow()[0].iter().cloned().collect();
    assert_eq!(headers["accept"], "application/vnd.github+json");
    assert_eq!(headers["x-github-api-version"], "2022-11-28");
    assert_eq!(headers["authorization"], format!("Bearer {TOKEN}"));
    assert_eq!(headers["user-agent"], "my-app");
}

#[test]
fn server_errors_are_retried_with_backoff_then_succeed() {
    let h = harness(config());
    h.script.borrow_mut().extend([
        Ok(json_response(502, json!({"message": "Server Error"}))),
        Ok(json_response(503, json!({"message": "Unavailable"}))),
    ]);
    let e = endpoints::find(App::Actions, "getRepoPublicKey").unwrap();
    let r = block_on(h.client.request(e, &params(json!({"owner": "o", "repo": "r"})))).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(*h.sleeps.borrow(), [1000, 2000]);
    assert_eq!(*h.events.borrow(), [(RetryReason::ServerError, 1000), (RetryReason::ServerError, 2000)]);
}

#[test]
fn retries_are_bounded_and_the_last_error_is_returned() {
    let h = harness(Config { retries: 2, ..config() });
    for _ in 0..5 {
        h.script.borrow_mut().push(Ok(json_response(502, json!({"message": "Server Error"}))));
    }
    let e = endpoints::find(App::Actions, "listRepoSecrets").unwrap();
    let err = block_on(h.client.request(e, &params(json!({"owner": "o", "repo": "r"})))).unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(h.requests.borrow().len(), 3, "1 attempt + 2 retries");
    let text = format!("{err} {err:?}");
    assert!(!text.contains(TOKEN), "token leaked: {text}");
    assert!(text.contains("[REDACTED]"));
}

#[test]
fn secondary_rate_limit_honours_retry_after_and_falls_back_to_a_minute() {
    let h = harness(config());
    let mut limited = json_response(403, json!({"message": "You have exceeded a secondary rate limit."}));
    limited.headers.push(("retry-after".into(), "7".into()));
    let bare = json_response(403, json!({"message": "You have exceeded a secondary rate limit."}));
    h.script.borrow_mut().extend([Ok(limited), Ok(bare), Ok(json_response(429, json!({"message": "Too many"})))]);
    let e = endpoints::find(App::Actions, "getRepoPublicKey").unwrap();
    block_on(h.client.request(e, &params(json!({"owner": "o", "repo": "r"})))).unwrap();
    assert_eq!(*h.sleeps.borrow(), [7000, 120_000, 240_000]);
    assert!(h.events.borrow().iter().all(|(r, _)| *r == RetryReason::SecondaryRateLimit));
}

#[test]
fn primary_rate_limit_waits_for_reset() {
    let h = harness(config());
    let now_s = 1_700_000_000u64;
    let mut limited = json_response(403, json!({"message": "API rate limit exceeded"}));
    limited.headers.push(("x-ratelimit-remaining".into(), "0".into()));
    limited.headers.push(("x-ratelimit-reset".into(), (now_s + 30).to_string()));
    h.script.borrow_mut().push(Ok(limited));
    let e = endpoints::find(App::Actions, "getRepoPublicKey").unwrap();
    block_on(h.client.request(e, &params(json!({"owner": "o", "repo": "r"})))).unwrap();
    assert_eq!(*h.sleeps.borrow(), [31_000]);
    assert_eq!(h.events.borrow()[0].0, RetryReason::RateLimit);
}

#[test]
fn waits_beyond_max_wait_and_plain_403s_are_not_retried() {
    let h = harness(Config { max_wait_ms: 5_000, ..config() });
    let mut limited = json_response(429, json!({"message": "slow down"}));
    limited.headers.push(("retry-after".into(), "3600".into()));
    h.script.borrow_mut().extend([Ok(limited), Ok(json_response(403, json!({"message": "Resource not accessible by integration"})))]);
    let e = endpoints::find(App::Actions, "getRepoPublicKey").unwrap();
    let p = params(json!({"owner": "o", "repo": "r"}));
    assert_eq!(block_on(h.client.request(e, &p)).unwrap_err().status(), Some(429));
    assert_eq!(block_on(h.client.request(e, &p)).unwrap_err().status(), Some(403));
    assert!(h.sleeps.borrow().is_empty());
}

#[test]
fn network_errors_and_timeouts_are_retried() {
    let h = harness(Config { retries: 1, ..config() });
    h.script.borrow_mut().extend([Err(TransportError::Network("ECONNRESET".into())), Err(TransportError::Timeout), Err(TransportError::Timeout)]);
    let e = endpoints::find(App::Actions, "getRepoPublicKey").unwrap();
    let p = params(json!({"owner": "o", "repo": "r"}));
    let err = block_on(h.client.request(e, &p)).unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(err.status(), Some(0));
    let err = block_on(h.client.request(e, &p));
    assert!(err.is_ok() || matches!(err, Err(Error::Timeout { .. })));
    assert_eq!(h.events.borrow()[0].0, RetryReason::NetworkError);
}

#[test]
fn rotated_key_is_refetched_and_the_value_sealed_again_once() {
    let h = harness(config());
    put_repo(&h, "A", "one").unwrap();
    h.github.borrow_mut().rotate("/repos/o/r/actions");
    assert_eq!(put_repo(&h, "A", "two").unwrap().status, 204);
    assert_eq!(h.github.borrow().secrets["/repos/o/r/actions/A"], "two");
    assert!(h.events.borrow().iter().any(|(r, _)| *r == RetryReason::KeyRotated));
    // A 422 with an unchanged key is GitHub's final word: no loop.
    h.script.borrow_mut().push(Ok(json_response(422, json!({"message": "Validation Failed"}))));
    let before = h.requests.borrow().len();
    assert_eq!(put_repo(&h, "A", "three").unwrap_err().status(), Some(422));
    assert_eq!(h.requests.borrow().len() - before, 2, "one PUT + one key check");
}

#[test]
fn writes_run_one_at_a_time_spaced_by_min_write_interval() {
    let h = harness(Config { min_write_interval_ms: 1_000, ..config() });
    put_repo(&h, "A", "1").unwrap();
    put_repo(&h, "B", "2").unwrap();
    put_repo(&h, "C", "3").unwrap();
    let puts: Vec<u64> = h.requests.borrow().iter().filter(|r| r.0 == "PUT").map(|r| r.3).collect();
    assert_eq!(puts.len(), 3);
    assert!(puts.windows(2).all(|w| w[1] - w[0] >= 1_000), "{puts:?}");
}

#[test]
fn invalid_parameters_send_nothing() {
    let h = harness(config());
    for (name, value) in [("1BAD", "v"), ("GITHUB_TOKEN", "v"), ("bad-name", "v")] {
        assert!(matches!(put_repo(&h, name, value), Err(Error::InvalidParam { .. })));
    }
    let big = "x".repeat(48 * 1024 + 1);
    let err = put_repo(&h, "BIG", &big).unwrap_err();
    assert_eq!(err.param(), Some("value"));
    assert!(!err.to_string().contains("xxxx"), "the value is never echoed");
    assert!(h.requests.borrow().is_empty());
}

fn list_page(page: u32, last: u32, names: &[&str]) -> HttpResponse {
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

#[test]
fn paginate_follows_link_headers_across_three_pages() {
    let h = harness(config());
    h.script.borrow_mut().extend([Ok(list_page(1, 3, &["A", "B"])), Ok(list_page(2, 3, &["C", "D"])), Ok(list_page(3, 3, &["E"]))]);
    let e = endpoints::find(App::Actions, "listRepoSecrets").unwrap();
    let items = block_on(h.client.paginate(e, &params(json!({"owner": "o", "repo": "r", "per_page": 2})))).unwrap();
    let names: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["A", "B", "C", "D", "E"]);
    let urls: Vec<String> = h.requests.borrow().iter().map(|r| r.1.clone()).collect();
    assert_eq!(urls[0], format!("{BASE}/repos/o/r/actions/secrets?per_page=2"));
    assert!(urls[2].ends_with("page=3"));
}

#[test]
fn a_next_link_to_another_host_is_refused() {
    let h = harness(config());
    let mut r = list_page(1, 1, &["A"]);
    r.headers.push(("link".into(), "<https://evil.example/steal?page=2>; rel=\"next\"".into()));
    h.script.borrow_mut().push(Ok(r));
    let e = endpoints::find(App::Actions, "listRepoSecrets").unwrap();
    let err = block_on(h.client.paginate(e, &params(json!({"owner": "o", "repo": "r"})))).unwrap_err();
    assert_eq!(err.param(), Some("url"));
    assert_eq!(h.requests.borrow().len(), 1);
}

fn bulk(h: &Harness, target: Value, secrets: &[(&str, &str)], dry_run: bool) -> (Vec<(String, &'static str)>, usize) {
    let calls = Cell::new(0usize);
    let list = secrets.iter().map(|(n, v)| (n.to_string(), v.to_string().into())).collect();
    let results = block_on(h.client.set_secrets(target.as_object().unwrap(), list, 3, dry_run, &|_, done, total| {
        assert!(done <= total);
        calls.set(calls.get() + 1);
    }))
    .unwrap();
    (results.into_iter().map(|r| (r.secret_name, r.outcome.as_str())).collect(), calls.get())
}

#[test]
fn set_secrets_reports_every_secret_in_input_order() {
    let h = harness(config());
    put_repo(&h, "B", "old").unwrap();
    let (results, progress) = bulk(&h, json!({"owner": "o", "repo": "r"}), &[("A", "1"), ("bad name", "2"), ("B", "3"), ("C", "4")], false);
    assert_eq!(results, [("A".into(), "created"), ("bad name".into(), "failed"), ("B".into(), "updated"), ("C".into(), "created")]);
    assert_eq!(progress, 4);
    let g = h.github.borrow();
    assert_eq!((g.secrets["/repos/o/r/actions/A"].as_str(), g.secrets["/repos/o/r/actions/B"].as_str()), ("1", "3"));
    let key_fetches = h.requests.borrow().iter().filter(|r| r.1.ends_with("/public-key")).count();
    assert_eq!(key_fetches, 1);
}

#[test]
fn set_secrets_dry_run_sends_no_write() {
    let h = harness(config());
    h.script.borrow_mut().push(Ok(list_page(1, 1, &["EXISTING"])));
    let (results, _) = bulk(&h, json!({"owner": "o", "repo": "r"}), &[("existing", "1"), ("NEW", "2")], true);
    assert_eq!(results, [("existing".into(), "would-update"), ("NEW".into(), "would-create")]);
    assert!(h.requests.borrow().iter().all(|r| r.0 == "GET"));
}

#[test]
fn set_secrets_when_the_key_cannot_be_fetched_fails_each_secret_named() {
    let h = harness(Config { retries: 0, ..config() });
    h.script.borrow_mut().push(Ok(json_response(404, json!({"message": "Not Found"}))));
    let (results, _) = bulk(&h, json!({"owner": "o", "repo": "missing"}), &[("A", "1"), ("B", "2")], false);
    assert_eq!(results, [("A".into(), "failed"), ("B".into(), "failed")]);
}

#[test]
fn set_secrets_targets_map_to_the_right_endpoint() {
    let h = harness(config());
    let (org, _) = bulk(&h, json!({"app": "dependabot", "org": "acme", "visibility": "selected", "selected_repository_ids": [7]}), &[("X", "1")], false);
    assert_eq!(org[0].1, "created");
    let put = h.requests.borrow().iter().find(|r| r.0 == "PUT").cloned().unwrap();
    assert_eq!(put.1, format!("{BASE}/orgs/acme/dependabot/secrets/X"));
    let body: Value = serde_json::from_str(put.2.as_deref().unwrap()).unwrap();
    assert_eq!(body["selected_repository_ids"], json!(["7"]), "Dependabot takes ids as strings");
    let (user, _) = bulk(&h, json!({"user": true}), &[("Y", "2")], false);
    assert_eq!(user[0].1, "created");
    assert!(h.github.borrow().secrets.contains_key("/user/codespaces/Y"));
    let bad = block_on(h.client.set_secrets(json!({"app": "dependabot", "owner": "o", "repo": "r", "environment_name": "e"}).as_object().unwrap(), vec![], 1, false, &|_, _, _| {}));
    assert_eq!(bad.unwrap_err().param(), Some("app"));
    let outcome = Outcome::Failed(Error::invalid("x", "y"));
    assert_eq!(outcome.as_str(), "failed");
}

#[test]
fn debug_output_never_shows_the_token() {
    let h = harness(config());
    let shown = format!("{:?}", h.client);
    assert!(!shown.contains(TOKEN));
    assert!(shown.contains("[REDACTED]"));
}

#[test]
fn network_error_messages_never_carry_the_token() {
    let h = harness(Config { retries: 0, ..config() });
    let platform = format!("Headers.append: \"Bearer {TOKEN}\" is an invalid header value.");
    h.script.borrow_mut().push(Err(TransportError::Network(platform)));
    let e = endpoints::find(App::Actions, "getRepoPublicKey").unwrap();
    let err = block_on(h.client.request(e, &params(json!({"owner": "o", "repo": "r"})))).unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains(TOKEN), "{text}");
    assert!(text.contains("Bearer [REDACTED]"));
}

#[test]
fn concurrent_writes_to_an_uncached_scope_share_one_key_fetch() {
    let h = harness(config());
    let e = endpoints::find(App::Actions, "createOrUpdateRepoSecret").unwrap();
    let writes: Vec<_> = ["A", "B", "C"]
        .iter()
        .map(|n| params(json!({"owner": "o", "repo": "r", "secret_name": n, "value": "v"})))
        .collect();
    let results = block_on(futures_util::future::join_all(writes.iter().map(|p| h.client.request(e, p))));
    assert!(results.iter().all(|r| r.is_ok()));
    let key_fetches = h.requests.borrow().iter().filter(|r| r.1.ends_with("/public-key")).count();
    assert_eq!(key_fetches, 1);
}
