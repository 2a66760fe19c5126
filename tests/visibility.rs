//! Host tests of org-level writes without `visibility` (cli/cli#8110): an existing
//! `selected` secret keeps its visibility and every selected repository; an explicit
//! visibility changes it; a new secret gets `private`. Both through
//! `createOrUpdateOrgSecret` and bulk `set_secrets`, for Actions and Dependabot.
#![cfg(all(feature = "client", not(target_arch = "wasm32")))]

mod fake;

use fake::*;
use futures_executor::block_on;
use ghseal::github::{endpoints, App, BulkOptions, Config, Outcome, Visibility, VisibilitySource, VisibilityUsed};
use serde_json::{json, Value};

const SCOPE: &str = "/orgs/acme";

fn seed_selected(h: &Harness, app: &str, name: &str, ids: &[u64]) {
    let key = format!("{SCOPE}/{app}/{name}");
    h.github.borrow_mut().secrets.insert(key.clone(), "old".into());
    h.github.borrow_mut().access.insert(key, ("selected".into(), ids.to_vec()));
}

fn put_org(h: &Harness, app: App, extra: Value) -> Result<u16, ghseal::Error> {
    let e = endpoints::find(app, "createOrUpdateOrgSecret").unwrap();
    let mut p = params(json!({"org": "acme", "secret_name": "TOKEN", "value": "new"}));
    p.extend(extra.as_object().unwrap().clone());
    block_on(h.client.request(e, &p)).map(|r| r.status)
}

/// The body of the last PUT.
fn last_put(h: &Harness) -> Value {
    let requests = h.requests.borrow();
    let put = requests.iter().rev().find(|r| r.0 == "PUT").expect("a PUT");
    serde_json::from_str(put.2.as_deref().unwrap()).unwrap()
}

fn paths(h: &Harness) -> Vec<String> {
    h.requests.borrow().iter().map(|r| format!("{} {}", r.0, r.1.strip_prefix(BASE).unwrap())).collect()
}

#[test]
fn update_without_visibility_keeps_selected_and_every_repository() {
    for (app, slug, ids) in [(App::Actions, "actions", json!([11, 12, 13, 14, 15])), (App::Dependabot, "dependabot", json!(["11", "12", "13", "14", "15"]))] {
        let h = harness(config());
        seed_selected(&h, slug, "TOKEN", &[11, 12, 13, 14, 15]);
        assert_eq!(put_org(&h, app, json!({})).unwrap(), 204);
        let body = last_put(&h);
        assert_eq!(body["visibility"], json!("selected"), "{slug}");
        assert_eq!(body["selected_repository_ids"], ids, "{slug}: all three pages, Dependabot as strings");
        assert_eq!(h.github.borrow().access[&format!("{SCOPE}/{slug}/TOKEN")], ("selected".to_owned(), vec![11, 12, 13, 14, 15]));
        let p = paths(&h);
        assert_eq!(p[0], format!("GET {SCOPE}/{slug}/secrets/TOKEN"), "the secret is read first");
        assert_eq!(p.iter().filter(|x| x.contains("/TOKEN/repositories")).count(), 3, "{p:?}");
        assert!(p.last().unwrap().starts_with("PUT "));
    }
}

#[test]
fn an_existing_all_or_private_secret_keeps_that_visibility_without_listing_repositories() {
    let h = harness(config());
    h.github.borrow_mut().secrets.insert(format!("{SCOPE}/actions/TOKEN"), "old".into());
    h.github.borrow_mut().access.insert(format!("{SCOPE}/actions/TOKEN"), ("all".into(), vec![]));
    put_org(&h, App::Actions, json!({})).unwrap();
    assert_eq!(last_put(&h)["visibility"], json!("all"));
    assert!(last_put(&h).get("selected_repository_ids").is_none());
    assert!(!paths(&h).iter().any(|p| p.contains("/repositories")));
}

#[test]
fn explicit_visibility_changes_it_and_reads_nothing() {
    let h = harness(config());
    seed_selected(&h, "actions", "TOKEN", &[11]);
    put_org(&h, App::Actions, json!({"visibility": "private"})).unwrap();
    assert_eq!(last_put(&h)["visibility"], json!("private"));
    assert_eq!(h.github.borrow().access[&format!("{SCOPE}/actions/TOKEN")].0, "private");
    assert!(!paths(&h).iter().any(|p| p.starts_with("GET ") && p.ends_with("/TOKEN")), "{:?}", paths(&h));
}

#[test]
fn a_new_secret_gets_private() {
    let h = harness(config());
    assert_eq!(put_org(&h, App::Dependabot, json!({})).unwrap(), 201);
    assert_eq!(last_put(&h)["visibility"], json!("private"));
    assert_eq!(paths(&h)[0], format!("GET {SCOPE}/dependabot/secrets/TOKEN"));
}

#[test]
fn a_failed_read_writes_nothing_and_a_bad_answer_is_refused() {
    let h = harness(Config { retries: 0, ..config() });
    h.script.borrow_mut().push(Ok(json_response(403, json!({"message": "Must have admin rights"}))));
    assert_eq!(put_org(&h, App::Actions, json!({})).unwrap_err().status(), Some(403));
    h.script.borrow_mut().push(Ok(json_response(200, json!({"name": "TOKEN", "visibility": "public"}))));
    assert_eq!(put_org(&h, App::Actions, json!({})).unwrap_err().param(), Some("visibility"));
    assert!(!paths(&h).iter().any(|p| p.starts_with("PUT ")));
}

#[test]
fn visibility_reads_are_not_throttled_as_writes() {
    let h = harness(Config { min_write_interval_ms: 1_000, ..config() });
    seed_selected(&h, "actions", "TOKEN", &[1, 2, 3]);
    put_org(&h, App::Actions, json!({"visibility": "all"})).unwrap();
    put_org(&h, App::Actions, json!({})).unwrap();
    assert_eq!(*h.sleeps.borrow(), [1_000], "one spacing, before the second PUT only");
}

#[test]
fn set_secrets_reports_the_visibility_used_and_its_source() {
    let h = harness(config());
    seed_selected(&h, "dependabot", "OLD", &[7, 8, 9]);
    let list = ["OLD", "NEW"].iter().map(|n| (n.to_string(), "v".to_owned().into())).collect();
    let target = json!({"app": "dependabot", "org": "acme"});
    let results = block_on(h.client.set_secrets(target.as_object().unwrap(), list, BulkOptions::default())).unwrap();
    let selected = VisibilityUsed { visibility: Visibility::Selected, source: VisibilitySource::Kept };
    let private = VisibilityUsed { visibility: Visibility::Private, source: VisibilitySource::Default };
    assert_eq!((results[0].outcome.clone(), results[0].visibility), (Outcome::Updated, Some(selected)));
    assert_eq!((results[1].outcome.clone(), results[1].visibility), (Outcome::Created, Some(private)));
    assert_eq!(h.github.borrow().access[&format!("{SCOPE}/dependabot/OLD")].1, [7, 8, 9]);

    let explicit = json!({"org": "acme", "visibility": "all"});
    let list = vec![("X".to_owned(), "v".to_owned().into())];
    let results = block_on(h.client.set_secrets(explicit.as_object().unwrap(), list, BulkOptions::default())).unwrap();
    assert_eq!(results[0].visibility, Some(VisibilityUsed { visibility: Visibility::All, source: VisibilitySource::Explicit }));

    // A dry run tells the same from the org listing, without writing.
    h.script.borrow_mut().push(Ok(json_response(200, json!({"total_count": 1, "secrets": [{"name": "OLD", "visibility": "selected"}]}))));
    let list = ["OLD", "NEW"].iter().map(|n| (n.to_string(), "v".to_owned().into())).collect();
    let before = h.requests.borrow().len();
    let options = BulkOptions { dry_run: true, ..BulkOptions::default() };
    let results = block_on(h.client.set_secrets(target.as_object().unwrap(), list, options)).unwrap();
    assert_eq!((results[0].outcome.clone(), results[0].visibility), (Outcome::WouldUpdate, Some(selected)));
    assert_eq!((results[1].outcome.clone(), results[1].visibility), (Outcome::WouldCreate, Some(private)));
    assert_eq!(h.requests.borrow().len() - before, 1);
}
