//! Host tests of `Client::set_variables` over a fake GitHub holding variables:
//! POST creates (201) or answers 409, PATCH updates (204) or answers 404; one
//! successful write per variable, in input order; org visibility read and kept by a
//! PATCH without it, `private` for a new variable, explicit visibility sent; dry
//! runs list once; bad names and targets fail before any request.
#![cfg(all(feature = "client", not(target_arch = "wasm32")))]

mod fake;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use fake::*;
use futures_executor::block_on;
use ghseal::github::{BulkOptions, Client, Config, HttpRequest, HttpResponse, SecretResult, Visibility, VisibilitySource};
use ghseal::Error;
use serde_json::{json, Map, Value};

/// Variables by `{collection}/{NAME}` -> (value, visibility).
type Store = Rc<RefCell<BTreeMap<String, (String, Option<String>)>>>;

fn answer(store: &Store, req: &HttpRequest) -> HttpResponse {
    let path = req.url.strip_prefix(BASE).unwrap_or(&req.url);
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let body: Value = req.body.as_deref().map_or(Value::Null, |b| serde_json::from_str(b).unwrap());
    let mut s = store.borrow_mut();
    match req.method.as_str() {
        "POST" => {
            let key = format!("{path}/{}", body["name"].as_str().unwrap().to_uppercase());
            if s.contains_key(&key) {
                return json_response(409, json!({"message": "Already exists"}));
            }
            s.insert(key, (body["value"].as_str().unwrap().to_owned(), body["visibility"].as_str().map(str::to_owned)));
            json_response(201, json!({}))
        }
        "PATCH" => match s.get_mut(path) {
            Some(v) => {
                v.0 = body["value"].as_str().unwrap().to_owned();
                if let Some(vis) = body["visibility"].as_str() {
                    v.1 = Some(vis.to_owned());
                }
                json_response(204, Value::Null)
            }
            None => json_response(404, json!({"message": "Not Found"})),
        },
        "GET" if path.ends_with("/variables") => {
            let items: Vec<Value> = s
                .iter()
                .filter(|(k, _)| k.rsplit_once('/').is_some_and(|(c, _)| c == path))
                .map(|(k, (value, vis))| json!({"name": k.rsplit('/').next(), "value": value, "visibility": vis}))
                .collect();
            json_response(200, json!({"total_count": items.len(), "variables": items}))
        }
        "GET" => match s.get(path) {
            Some((value, vis)) => json_response(200, json!({"name": path.rsplit('/').next(), "value": value, "visibility": vis})),
            None => json_response(404, json!({"message": "Not Found"})),
        },
        _ => json_response(404, json!({"message": "Not Found"})),
    }
}

struct VarHarness {
    client: Client<Fake>,
    store: Store,
    requests: Rc<RefCell<Vec<(String, String, Option<String>, u64)>>>,
    /// Canned answers served first (front first), e.g. injected 502s.
    script: Rc<RefCell<Vec<HttpResponse>>>,
}

fn harness(config: Config) -> VarHarness {
    let store: Store = Rc::default();
    let script: Rc<RefCell<Vec<HttpResponse>>> = Rc::default();
    let (st, sc) = (store.clone(), script.clone());
    let fake = Fake {
        handler: RefCell::new(Box::new(move |req, _| {
            if !sc.borrow().is_empty() {
                return Ok(sc.borrow_mut().remove(0));
            }
            Ok(answer(&st, req))
        })),
        requests: Rc::default(),
        sleeps: Rc::default(),
        headers: Rc::default(),
        clock: Rc::new(Cell::new(1_700_000_000_000)),
    };
    let requests = fake.requests.clone();
    VarHarness { client: Client::new(config, fake), store, requests, script }
}

fn set(h: &VarHarness, target: Value, vars: &[(&str, &str)], dry_run: bool) -> Result<Vec<SecretResult>, Error> {
    let list = vars.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
    let options = BulkOptions { concurrency: 3, dry_run, ..BulkOptions::default() };
    let target: Map<String, Value> = target.as_object().cloned().unwrap();
    block_on(h.client.set_variables(&target, list, options))
}

fn outcomes(results: &[SecretResult]) -> Vec<(String, &'static str)> {
    results.iter().map(|r| (r.secret_name.clone(), r.outcome.as_str())).collect()
}

fn writes(h: &VarHarness) -> Vec<String> {
    h.requests.borrow().iter().filter(|r| r.0 != "GET").map(|r| format!("{} {}", r.0, r.1.trim_start_matches(BASE))).collect()
}

const REPO: &str = "/repos/o/r/actions/variables";

#[test]
fn creates_then_updates_after_409_one_success_each_in_input_order() {
    let h = harness(config());
    h.store.borrow_mut().insert(format!("{REPO}/B"), ("old".into(), None));
    let results = set(&h, json!({"owner": "o", "repo": "r"}), &[("A", "1"), ("B", "2"), ("C", "3")], false).unwrap();
    assert_eq!(outcomes(&results), [("A".into(), "created"), ("B".into(), "updated"), ("C".into(), "created")]);
    assert_eq!(writes(&h), [format!("POST {REPO}"), format!("POST {REPO}"), format!("PATCH {REPO}/B"), format!("POST {REPO}")]);
    assert_eq!(h.store.borrow()[&format!("{REPO}/B")].0, "2");
    let patch = h.requests.borrow().iter().find(|r| r.0 == "PATCH").and_then(|r| r.2.clone()).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&patch).unwrap(), json!({"value": "2"}));
    assert!(results.iter().all(|r| r.visibility.is_none()));
}

#[test]
fn a_retried_post_is_still_one_write() {
    let h = harness(Config { retry_base_ms: 1, ..config() });
    h.script.borrow_mut().push(json_response(502, json!({"message": "Bad Gateway"})));
    let results = set(&h, json!({"owner": "o", "repo": "r", "environment_name": "prod"}), &[("A", "1")], false).unwrap();
    assert_eq!(outcomes(&results), [("A".into(), "created")]);
    let env = "/repos/o/r/environments/prod/variables";
    assert_eq!(writes(&h), [format!("POST {env}"), format!("POST {env}")], "the 502 was retried");
    assert_eq!(h.store.borrow().len(), 1);
}

#[test]
fn org_without_visibility_keeps_an_existing_variable_and_makes_new_ones_private() {
    let h = harness(config());
    let org = "/orgs/acme/agents/variables";
    h.store.borrow_mut().insert(format!("{org}/SHARED"), ("old".into(), Some("selected".into())));
    let results = set(&h, json!({"app": "agents", "org": "acme"}), &[("SHARED", "1"), ("FRESH", "2")], false).unwrap();
    assert_eq!(outcomes(&results), [("SHARED".into(), "updated"), ("FRESH".into(), "created")]);
    let used: Vec<_> = results.iter().map(|r| r.visibility.map(|u| (u.visibility, u.source))).collect();
    assert_eq!(used, [Some((Visibility::Selected, VisibilitySource::Kept)), Some((Visibility::Private, VisibilitySource::Default))]);
    assert_eq!(writes(&h), [format!("PATCH {org}/SHARED"), format!("POST {org}")], "read first: no POST for SHARED");
    let store = h.store.borrow();
    assert_eq!(store[&format!("{org}/SHARED")], ("1".into(), Some("selected".into())));
    assert_eq!(store[&format!("{org}/FRESH")].1.as_deref(), Some("private"));
}

#[test]
fn org_explicit_visibility_is_sent_on_create_and_on_the_update_after_409() {
    let h = harness(config());
    let org = "/orgs/acme/actions/variables";
    h.store.borrow_mut().insert(format!("{org}/OLD"), ("x".into(), Some("selected".into())));
    let results = set(&h, json!({"org": "acme", "visibility": "all"}), &[("OLD", "1"), ("NEW", "2")], false).unwrap();
    assert_eq!(outcomes(&results), [("OLD".into(), "updated"), ("NEW".into(), "created")]);
    assert!(results.iter().all(|r| r.visibility.map(|u| (u.visibility, u.source)) == Some((Visibility::All, VisibilitySource::Explicit))));
    assert_eq!(h.store.borrow()[&format!("{org}/OLD")].1.as_deref(), Some("all"));
    assert!(h.requests.borrow().iter().all(|r| r.0 != "GET"), "explicit: nothing read");
}

#[test]
fn dry_run_lists_once_and_writes_nothing() {
    let h = harness(config());
    h.store.borrow_mut().insert(format!("{REPO}/HAVE"), ("x".into(), None));
    let results = set(&h, json!({"owner": "o", "repo": "r"}), &[("have", "1"), ("NEW", "2")], true).unwrap();
    assert_eq!(outcomes(&results), [("have".into(), "would-update"), ("NEW".into(), "would-create")]);
    assert_eq!(h.requests.borrow().len(), 1);
    assert!(writes(&h).is_empty());
}

#[test]
fn bad_names_and_values_fail_alone_and_bad_targets_reject_before_any_request() {
    let h = harness(config());
    let big = "x".repeat(48 * 1024 + 1);
    let results = set(&h, json!({"owner": "o", "repo": "r"}), &[("1X", "a"), ("GITHUB_X", "a"), ("BIG", &big), ("OK", "a")], false).unwrap();
    assert_eq!(outcomes(&results), [("1X".into(), "failed"), ("GITHUB_X".into(), "failed"), ("BIG".into(), "failed"), ("OK".into(), "created")]);
    let params: Vec<String> = results[..3]
        .iter()
        .map(|r| match &r.outcome {
            ghseal::github::Outcome::Failed(Error::InvalidParam { param, .. }) => param.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(params, ["name", "name", "value"]);
    h.requests.borrow_mut().clear();
    for (target, param) in [
        (json!({"user": true}), "user"),
        (json!({"app": "dependabot", "owner": "o", "repo": "r"}), "app"),
        (json!({"org": "acme", "selected_repository_ids": [1]}), "selected_repository_ids"),
        (json!({"org": "acme", "visibility": "public"}), "visibility"),
        (json!({"owner": "o", "repo": "r", "visibility": "all"}), "visibility"),
        (json!({"nothing": 1}), "target"),
    ] {
        match set(&h, target.clone(), &[("A", "1")], false) {
            Err(Error::InvalidParam { param: p, .. }) => assert_eq!(p, param, "{target}"),
            other => panic!("{target}: {other:?}"),
        }
    }
    assert!(h.requests.borrow().is_empty());
}
