//! Tests of the bulk targets' scope rule (bulk.rs).

use super::*;
use serde_json::json;

fn scope_of(target: Value) -> Option<Scope> {
    target.as_object().and_then(target_scope)
}

#[test]
fn target_scope_first_named_key_wins_and_null_or_false_do_not_count() {
    assert_eq!(scope_of(json!({ "user": true, "org": "o" })), Some(Scope::User));
    assert_eq!(scope_of(json!({ "user": false, "org": "o", "owner": "a" })), Some(Scope::Org));
    assert_eq!(scope_of(json!({ "org": null, "owner": "a", "repo": "r", "environment_name": "prod" })), Some(Scope::Environment));
    assert_eq!(scope_of(json!({ "owner": "a", "repo": "r" })), Some(Scope::Repo));
    assert_eq!(scope_of(json!({ "repo": "r" })), Some(Scope::Repo));
    assert_eq!(scope_of(json!({ "app": "actions", "user": null })), None);
}

#[test]
fn secrets_and_variables_targets_share_the_scope_rule() {
    let target = json!({ "org": "o", "environment_name": "prod" });
    let map = target.as_object().cloned().unwrap_or_default();
    assert_eq!(resolve_target(&map).map(|(e, _)| e.scope).ok(), Some(Scope::Org));
    let user = json!({ "user": true }).as_object().cloned().unwrap_or_default();
    let err = crate::github::variables::resolve_variable_target(&user).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("no user variables"), "{err}");
    let none = json!({ "app": "actions" }).as_object().cloned().unwrap_or_default();
    assert!(resolve_target(&none).is_err());
    assert!(crate::github::variables::resolve_variable_target(&none).is_err());
}
