//! The drift, prune and unchanged rules of [`super::diff`], table by table.

use super::json;
use super::*;

const KEY: &[u8] = b"test key: 32 bytes of entropy!!!";
const T: &str = "octo-org/api";
const AT: &str = "2024-05-01T10:00:00Z";
const LATER: &str = "2024-05-01T10:05:00Z";

fn fp(name: &str, value: &str) -> String {
    fingerprint(KEY, T, name, value.as_bytes()).unwrap()
}

fn desired(name: &str, value: &str) -> Desired {
    Desired { name: name.into(), fingerprint: fp(name, value), value: None, settings: None }
}

fn remote(name: &str, at: &str) -> RemoteItem {
    RemoteItem { name: name.into(), updated_at: at.into(), value: None }
}

fn target(desired: Vec<Desired>, items: Vec<RemoteItem>) -> TargetInput {
    TargetInput { target: T.into(), kind: Kind::Secret, prune: false, protect: vec![], desired, remote: Remote::Listed { items } }
}

fn state_with(name: &str, value: &str, at: Option<&str>) -> State {
    let mut s = State::new();
    s.record(T, Kind::Secret, name, StateEntry { updated_at: at.map(str::to_string), fingerprint: fp(name, value), settings: None });
    s
}

fn actions(items: &[PlanItem]) -> Vec<(String, Action)> {
    items.iter().map(|i| (i.name.clone(), i.action)).collect()
}

fn one(input: &TargetInput, state: &State, overwrite: bool) -> PlanItem {
    let mut items = plan_target(input, state, PlanOptions { overwrite_drift: overwrite });
    assert_eq!(items.len(), 1, "{items:?}");
    items.remove(0)
}

#[test]
fn absent_is_create_and_names_are_upper_cased() {
    let item = one(&target(vec![desired("token", "v")], vec![]), &State::new(), false);
    assert_eq!((item.name.as_str(), item.action), ("TOKEN", Action::Create));
}

#[test]
fn same_fingerprint_and_recorded_updated_at_is_unchanged() {
    let input = target(vec![desired("TOKEN", "v")], vec![remote("TOKEN", AT)]);
    let item = one(&input, &state_with("TOKEN", "v", Some(AT)), false);
    assert_eq!(item.action, Action::Unchanged);
    assert!(!item.adopt);
    // Same instant written differently is still equal.
    let item = one(&target(vec![desired("TOKEN", "v")], vec![remote("token", "2024-05-01T12:00:00+02:00")]), &state_with("TOKEN", "v", Some(AT)), false);
    assert_eq!(item.action, Action::Unchanged);
}

#[test]
fn a_new_value_is_update() {
    let input = target(vec![desired("TOKEN", "new")], vec![remote("TOKEN", AT)]);
    let item = one(&input, &state_with("TOKEN", "old", Some(AT)), false);
    assert_eq!(item.action, Action::Update);
    assert!(item.reason.contains("value changed"));
}

#[test]
fn a_remote_change_is_drift_and_overwrite_turns_it_into_update() {
    let input = target(vec![desired("TOKEN", "v")], vec![remote("TOKEN", LATER)]);
    let state = state_with("TOKEN", "v", Some(AT));
    let item = one(&input, &state, false);
    assert_eq!(item.action, Action::Drifted);
    assert!(item.reason.contains(LATER) && item.reason.contains("--overwrite-drift"), "{}", item.reason);
    assert_eq!(one(&input, &state, true).action, Action::Update);
}

#[test]
fn a_managed_name_deleted_remotely_is_drift_or_create() {
    let input = target(vec![desired("TOKEN", "v")], vec![]);
    let state = state_with("TOKEN", "v", Some(AT));
    assert_eq!(one(&input, &state, false).action, Action::Drifted);
    assert_eq!(one(&input, &state, true).action, Action::Create);
}

#[test]
fn an_unrecorded_remote_secret_is_update_because_its_value_is_unknown() {
    let item = one(&target(vec![desired("TOKEN", "v")], vec![remote("TOKEN", AT)]), &State::new(), false);
    assert_eq!(item.action, Action::Update);
}

#[test]
fn an_interrupted_write_is_adopted_not_repeated() {
    let input = target(vec![desired("TOKEN", "v")], vec![remote("TOKEN", LATER)]);
    let item = one(&input, &state_with("TOKEN", "v", None), false);
    assert_eq!((item.action, item.adopt), (Action::Unchanged, true));
    assert_eq!(item.remote_updated_at.as_deref(), Some(LATER));
    // ...unless the manifest's value changed since.
    assert_eq!(one(&input, &state_with("TOKEN", "old", None), false).action, Action::Update);
}

#[test]
fn variables_compare_listed_values_when_not_recorded() {
    let mut input = target(vec![Desired { value: Some("blue".into()), ..desired("COLOR", "blue") }], vec![RemoteItem { value: Some("blue".into()), ..remote("COLOR", AT) }]);
    input.kind = Kind::Variable;
    let item = one(&input, &State::new(), false);
    assert_eq!((item.action, item.adopt), (Action::Unchanged, true));
    input.desired[0].value = Some("red".into());
    assert_eq!(one(&input, &State::new(), false).action, Action::Update);
}

#[test]
fn settings_changes_are_updates() {
    let input = target(vec![Desired { settings: Some("visibility=all".into()), ..desired("TOKEN", "v") }], vec![remote("TOKEN", AT)]);
    let item = one(&input, &state_with("TOKEN", "v", Some(AT)), false);
    assert_eq!(item.action, Action::Update);
    assert!(item.reason.contains("settings"));
}

#[test]
fn prune_deletes_only_unmanaged_unprotected_names_and_only_when_asked() {
    let items = vec![remote("KEEP", AT), remote("OLD_TOKEN", AT), remote("DEPLOY_KEY", AT), remote("PROD_DEPLOY_KEY", AT)];
    let mut input = target(vec![desired("keep", "v")], items);
    input.protect = vec!["deploy_*".into()];
    let state = state_with("KEEP", "v", Some(AT));
    let without = plan_target(&input, &state, PlanOptions::default());
    assert_eq!(actions(&without), vec![("KEEP".into(), Action::Unchanged)], "prune is off by default");
    input.prune = true;
    let with = plan_target(&input, &state, PlanOptions::default());
    assert_eq!(
        actions(&with),
        vec![
            ("KEEP".into(), Action::Unchanged),
            ("DEPLOY_KEY".into(), Action::Unchanged),
            ("OLD_TOKEN".into(), Action::Delete),
            ("PROD_DEPLOY_KEY".into(), Action::Delete),
        ]
    );
    assert!(with[1].reason.contains("protected by \"deploy_*\""));
}

#[test]
fn a_failed_listing_fails_that_target_alone() {
    let bad = TargetInput { remote: Remote::Failed { reason: "404 Not Found".into() }, prune: true, ..target(vec![desired("A", "1"), desired("B", "2")], vec![]) };
    let good = TargetInput { target: "octo-org/web".into(), ..target(vec![desired("A", "1")], vec![]) };
    let p = plan(&[bad, good], &State::new(), PlanOptions::default());
    assert_eq!(p.items.iter().map(|i| i.action).collect::<Vec<_>>(), vec![Action::Error, Action::Error, Action::Create]);
    assert_eq!(p.items[0].reason, "404 Not Found");
    assert_eq!(p.writes, 1);
}

#[test]
fn bad_input_becomes_error_items() {
    let input = target(vec![desired("A", "1"), desired("a", "2"), desired("1BAD", "x"), desired("GITHUB_TOKEN", "x")], vec![remote("ZZZ", "yesterday")]);
    let p = plan_target(&input, &State::new(), PlanOptions::default());
    assert_eq!(actions(&p), vec![("A".into(), Action::Create), ("A".into(), Action::Error), ("1BAD".into(), Action::Error), ("GITHUB_TOKEN".into(), Action::Error)]);
    let garbled = target(vec![desired("ZZZ", "1")], vec![remote("ZZZ", "yesterday")]);
    let item = one(&garbled, &State::new(), false);
    assert_eq!(item.action, Action::Error);
    assert!(item.reason.contains("GitHub's answer"), "{}", item.reason);
}

#[test]
fn plan_json_has_the_documented_shape() {
    let p = plan(&[target(vec![desired("A", "1")], vec![])], &State::new(), PlanOptions::default());
    let v = json::plan_to_json(&p);
    assert_eq!(v["writes"], 1);
    assert_eq!(v["items"][0], serde_json::json!({ "target": T, "kind": "secret", "name": "A", "action": "create", "reason": "absent" }));
    let inputs = json::inputs_from_json(&serde_json::json!([{
        "target": T, "kind": "variable", "prune": true, "protect": ["X*"],
        "desired": [{ "name": "A", "fingerprint": fp("A", "1"), "value": "1" }],
        "remote": { "status": "failed", "reason": "403 Forbidden" }
    }]))
    .unwrap();
    assert_eq!(inputs[0].remote, Remote::Failed { reason: "403 Forbidden".into() });
    assert_eq!((inputs[0].kind, inputs[0].prune, inputs[0].protect.clone()), (Kind::Variable, true, vec!["X*".to_string()]));
    assert_eq!(inputs[0].desired[0].value.as_deref(), Some("1"));
    let listed = json::inputs_from_json(&serde_json::json!([{ "target": T, "kind": "secret", "desired": [], "remote": { "status": "listed", "items": [{ "name": "B", "updatedAt": AT }] } }])).unwrap();
    assert_eq!(listed[0].remote, Remote::Listed { items: vec![remote("B", AT)] });
}

#[test]
fn bad_json_is_refused_with_its_path() {
    let param = |v: serde_json::Value| json::inputs_from_json(&v).unwrap_err().param().map(str::to_string);
    let ok_remote = serde_json::json!({ "status": "listed", "items": [] });
    assert_eq!(param(serde_json::json!({})).as_deref(), Some("inputs"));
    assert_eq!(param(serde_json::json!([{ "target": T, "kind": "other", "desired": [], "remote": ok_remote }])).as_deref(), Some("inputs[0].kind"));
    assert_eq!(
        param(serde_json::json!([{ "target": T, "kind": "secret", "desired": [{ "name": "A", "fingerprint": "x", "secret": "leak" }], "remote": ok_remote }])).as_deref(),
        Some("inputs[0].desired[0].secret"),
        "unknown fields are refused"
    );
    assert_eq!(param(serde_json::json!([{ "target": T, "kind": "secret", "remote": { "status": "maybe" } }])).as_deref(), Some("inputs[0].remote.status"));
    assert_eq!(param(serde_json::json!([{ "target": T, "kind": "secret", "remote": { "status": "listed", "items": [{ "name": "A" }] } }])).as_deref(), Some("inputs[0].remote.items[0].updatedAt"));
    let state = json::state_from_json(&serde_json::json!({ "version": 1, "targets": { "o/r": { "secret/A": { "fingerprint": 5 } } } })).unwrap_err();
    assert_eq!(state.param(), Some("state.targets[\"o/r\"][\"secret/A\"].fingerprint"));
    let budget = json::budget_from_json(&serde_json::json!({ "maxWritesPerMinute": -1 })).unwrap_err();
    assert_eq!(budget.param(), Some("budget.maxWritesPerMinute"));
    let c = json::budget_from_json(&serde_json::json!({ "maxWritesPerHour": 7, "minuteMs": 10 })).unwrap();
    assert_eq!((c.max_writes_per_minute, c.max_writes_per_hour, c.minute_ms, c.hour_ms), (80, 7, 10, 3_600_000));
    assert!(json::options_from_json(&serde_json::json!({ "overwriteDrift": true })).unwrap().overwrite_drift);
}
