//! Host tests of bulk runs (`Client::set_secrets`) over the fake GitHub: results in
//! input order, dry runs, targets, writes starting in input order, cancellation.
#![cfg(all(feature = "client", not(target_arch = "wasm32")))]

mod fake;

use std::cell::Cell;

use fake::*;
use futures_executor::block_on;
use ghseal::github::{BulkOptions, Config, Outcome};
use ghseal::Error;
use serde_json::{json, Value};

fn bulk(h: &Harness, target: Value, secrets: &[(&str, &str)], dry_run: bool) -> (Vec<(String, &'static str)>, usize) {
    let calls = Cell::new(0usize);
    let list = secrets.iter().map(|(n, v)| (n.to_string(), v.to_string().into())).collect();
    let on_progress = |_: &_, done: usize, total: usize| {
        assert!(done <= total);
        calls.set(calls.get() + 1);
    };
    let options = BulkOptions { concurrency: 3, dry_run, on_progress: Some(&on_progress), ..BulkOptions::default() };
    let results = block_on(h.client.set_secrets(target.as_object().unwrap(), list, options)).unwrap();
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
    let bad = block_on(h.client.set_secrets(json!({"app": "dependabot", "owner": "o", "repo": "r", "environment_name": "e"}).as_object().unwrap(), vec![], BulkOptions::default()));
    assert_eq!(bad.unwrap_err().param(), Some("app"));
    let outcome = Outcome::Failed(Error::invalid("x", "y"));
    assert_eq!(outcome.as_str(), "failed");
}

fn twelve() -> Vec<(String, zeroize::Zeroizing<String>)> {
    (0..12).map(|i| (format!("K{i}"), format!("v{i}").into())).collect()
}

fn put_names(h: &Harness) -> Vec<String> {
    h.requests.borrow().iter().filter(|r| r.0 == "PUT").map(|r| r.1.rsplit('/').next().unwrap().to_owned()).collect()
}

#[test]
fn writes_start_in_input_order_at_concurrency_4() {
    // A plain async mutex woke waiters in slot order: K0, K1, K4..K11, K2, K3.
    for interval in [0, 1_000] {
        let h = harness(Config { min_write_interval_ms: interval, ..config() });
        let options = BulkOptions { concurrency: 4, ..BulkOptions::default() };
        let results = block_on(h.client.set_secrets(json!({"owner": "o", "repo": "r"}).as_object().unwrap(), twelve(), options)).unwrap();
        assert!(results.iter().all(|r| r.outcome == Outcome::Created));
        let expected: Vec<String> = (0..12).map(|i| format!("K{i}")).collect();
        assert_eq!(put_names(&h), expected, "interval {interval}");
    }
}

#[test]
fn org_writes_start_in_input_order_even_when_visibility_reads_finish_out_of_order() {
    let h = harness(config());
    // K1's secret exists as selected with 5 repositories: its reads take 4 answers, K0's one.
    h.github.borrow_mut().secrets.insert("/orgs/acme/actions/K1".into(), "old".into());
    h.github.borrow_mut().access.insert("/orgs/acme/actions/K1".into(), ("selected".into(), vec![1, 2, 3, 4, 5]));
    let options = BulkOptions { concurrency: 4, ..BulkOptions::default() };
    let list: Vec<_> = twelve().into_iter().take(6).collect();
    let results = block_on(h.client.set_secrets(json!({"org": "acme"}).as_object().unwrap(), list, options)).unwrap();
    assert_eq!(put_names(&h), ["K0", "K1", "K2", "K3", "K4", "K5"]);
    assert_eq!(results[1].outcome, Outcome::Updated);
}

#[test]
fn a_cancelled_run_starts_no_new_write_and_reports_the_rest_not_attempted() {
    let h = harness(Config { min_write_interval_ms: 1_000, ..config() });
    let stop = Cell::new(false);
    let progress = Cell::new(0usize);
    let on_progress = |_: &_, done: usize, _total: usize| {
        progress.set(done);
        if done == 3 {
            stop.set(true);
        }
    };
    let cancelled = || stop.get();
    let options = BulkOptions { concurrency: 4, on_progress: Some(&on_progress), cancelled: Some(&cancelled), ..BulkOptions::default() };
    let results = block_on(h.client.set_secrets(json!({"owner": "o", "repo": "r"}).as_object().unwrap(), twelve(), options)).unwrap();
    let outcomes: Vec<&str> = results.iter().map(|r| r.outcome.as_str()).collect();
    assert_eq!(outcomes[..3], ["created"; 3]);
    assert_eq!(outcomes[3..], ["not-attempted"; 9]);
    assert_eq!(put_names(&h), ["K0", "K1", "K2"]);
    assert_eq!(progress.get(), 12, "every secret is reported");
    assert_eq!(results.iter().map(|r| r.secret_name.as_str()).collect::<Vec<_>>()[11], "K11");

    // Cancelled before the run: nothing at all is sent, not even the key fetch.
    let h = harness(config());
    let options = BulkOptions { cancelled: Some(&|| true), ..BulkOptions::default() };
    let results = block_on(h.client.set_secrets(json!({"owner": "o", "repo": "r"}).as_object().unwrap(), twelve(), options)).unwrap();
    assert!(results.iter().all(|r| r.outcome == Outcome::NotAttempted));
    assert!(h.requests.borrow().is_empty());
}
