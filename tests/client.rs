//! Host tests of the GitHub client over a fake transport with a virtual clock:
//! sealing with the scope's key (opened again here), key caching and rotation,
//! retries and rate limits, write throttling and pagination. Bulk runs: bulk.rs;
//! org visibility: visibility.rs.
#![cfg(all(feature = "client", not(target_arch = "wasm32")))]

mod fake;

use std::collections::BTreeMap;

use fake::*;
use futures_executor::block_on;
use ghseal::github::{endpoints, App, Config, RetryReason, TransportError};
use ghseal::seal;
use ghseal::Error;
use serde_json::{json, Value};

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

#[test]
fn request_route_never_sends_octokit_options_such_as_base_url() {
    let h = harness(config());
    let p = params(json!({"owner": "o", "repo": "r", "baseUrl": "https://elsewhere.test", "headers": {"x": "y"}, "per_page": 5}));
    let r = block_on(h.client.request_route("GET /repos/{owner}/{repo}", &p)).unwrap_err();
    assert_eq!(r.status(), Some(404));
    assert_eq!(h.requests.borrow()[0].1, format!("{BASE}/repos/o/r?per_page=5"));
    block_on(h.client.request_route("PATCH /repos/{owner}/{repo}", &p)).unwrap_err();
    let body: Value = serde_json::from_str(h.requests.borrow()[1].2.as_deref().unwrap()).unwrap();
    assert_eq!(body, json!({"per_page": 5}));
}
