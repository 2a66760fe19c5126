//! Host tests of the client against hostile answers (issue #15), over the fake
//! transport: redirects and oversized bodies are final, echoed tokens are scrubbed,
//! pagination stops on a cycle or at `max_pages`, low-order keys are never cached.
//! The same cases against the built package and real sockets: tests/node/hostile-*.test.mjs.
#![cfg(all(feature = "client", not(target_arch = "wasm32")))]

mod fake;

use fake::*;
use futures_executor::block_on;
use ghseal::github::{endpoints, App, Config, TransportError};
use ghseal::Error;
use serde_json::json;

fn get_key(h: &Harness) -> Result<ghseal::github::HttpResponse, Error> {
    let e = endpoints::find(App::Actions, "getRepoPublicKey").unwrap();
    block_on(h.client.request(e, &params(json!({"owner": "o", "repo": "r"}))))
}

#[test]
fn redirects_and_oversized_bodies_are_final_errors() {
    let h = harness(Config { retries: 3, ..config() });
    h.script.borrow_mut().push(Err(TransportError::Redirect { status: 302, location: Some(format!("https://evil.example/{TOKEN}")) }));
    let err = get_key(&h).unwrap_err();
    assert!(matches!(err, Error::Redirect { status: 302, .. }), "{err:?}");
    assert_eq!((err.js_name(), err.code(), err.status()), ("HttpError", "redirect", Some(302)));
    assert!(err.to_string().contains("https://evil.example/[REDACTED]"), "{err}");
    assert!(!err.to_string().contains(TOKEN));
    h.script.borrow_mut().push(Err(TransportError::TooLarge { status: 200, limit: 65_536 }));
    let err = get_key(&h).unwrap_err();
    assert_eq!((err.code(), err.status()), ("response_too_large", Some(200)));
    assert!(err.to_string().contains("larger than 65536 bytes"), "{err}");
    assert_eq!(h.requests.borrow().len(), 2, "neither was retried");
    assert!(h.sleeps.borrow().is_empty());
}

#[test]
fn an_echoed_token_is_scrubbed_from_errors_and_responses() {
    let h = harness(config());
    let echo = |status| {
        let mut r = json_response(status, json!({"message": format!("Bad credentials Bearer {TOKEN}"), "again": TOKEN}));
        r.headers.push(("x-echo".into(), format!("Bearer {TOKEN}")));
        r
    };
    h.script.borrow_mut().push(Ok(echo(401)));
    let err = get_key(&h).unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(err.to_string().ends_with("Bad credentials Bearer [REDACTED]"), "{err}");
    h.script.borrow_mut().push(Ok(echo(200)));
    let ok = block_on(h.client.request_route("GET /user", &params(json!({})))).unwrap();
    assert!(!format!("{ok:?}").contains(TOKEN));
    assert_eq!(ok.header("x-echo"), Some("Bearer [REDACTED]"));
}

#[test]
fn pagination_stops_on_a_cycle_and_at_max_pages() {
    let e = endpoints::find(App::Actions, "listRepoSecrets").unwrap();
    let p = params(json!({"owner": "o", "repo": "r", "per_page": 2}));
    // page 1 -> page 2 -> page 1
    let h = harness(config());
    let mut back = list_page(1, 2, &["A"]);
    back.headers = vec![("link".into(), format!("<{BASE}/repos/o/r/actions/secrets?per_page=2>; rel=\"next\""))];
    h.script.borrow_mut().extend([Ok(list_page(1, 2, &["A"])), Ok(back)]);
    let err = block_on(h.client.paginate(e, &p)).unwrap_err();
    assert_eq!(err.code(), "pagination");
    assert!(err.to_string().contains("pagination cycle"), "{err}");
    assert_eq!(h.requests.borrow().len(), 2);
    // A next that changes for ever: stopped at max_pages.
    let h = harness(Config { max_pages: 3, ..config() });
    h.script.borrow_mut().extend((1..=10).map(|n| Ok(list_page(n, 100, &[]))));
    let err = block_on(h.client.paginate(e, &p)).unwrap_err();
    assert!(err.to_string().contains("stopped after 3 pages (maxPages)"), "{err}");
    assert_eq!(h.requests.borrow().len(), 3);
}

#[test]
fn a_link_next_outside_the_base_path_is_refused_unsent() {
    let e = endpoints::find(App::Actions, "listRepoSecrets").unwrap();
    // Under GHES's /api/v3; on a host's root every path is the API's.
    for escape in ["/../../other", "/%2e%2e/%2E%2E/other", "/..\\..\\other", "x/secrets"] {
        let h = harness(Config { base_url: format!("{BASE}/api/v3"), ..config() });
        let mut first = list_page(1, 2, &["A"]);
        first.headers = vec![("link".into(), format!("<{BASE}/api/v3{escape}?page=2>; rel=\"next\""))];
        h.script.borrow_mut().push(Ok(first));
        let err = block_on(h.client.paginate(e, &params(json!({"owner": "o", "repo": "r"})))).unwrap_err();
        assert_eq!(err.param(), Some("url"), "{escape}: {err}");
        assert_eq!(h.requests.borrow().len(), 1, "{escape}");
    }
}

#[test]
fn a_low_order_key_is_refused_and_not_cached() {
    let h = harness(config());
    let zeros = ghseal::seal::encode_base64(&[0u8; 32]);
    h.script.borrow_mut().push(Ok(json_response(200, json!({"key_id": "1", "key": zeros}))));
    let err = put_repo(&h, "A", "TOP-SECRET").unwrap_err();
    assert_eq!(err, Error::WeakPublicKey { param: "publicKey" });
    // The next write fetches the (good) key again and succeeds.
    assert_eq!(put_repo(&h, "A", "TOP-SECRET").unwrap().status, 201);
    let methods: Vec<String> = h.requests.borrow().iter().map(|r| r.0.clone()).collect();
    assert_eq!(methods, ["GET", "GET", "PUT"]);
}
