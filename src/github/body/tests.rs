//! Host tests of body building for variables, private registries and agents
//! secrets: the Bad input rules of issue #9, each naming its parameter.

use serde_json::{json, Map, Value};

use super::super::endpoints::{find, App};
use super::super::request::prepare;
use super::*;

fn params(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

fn err_param(endpoint: (App, &str), p: Value) -> String {
    let e = find(endpoint.0, endpoint.1).expect("row");
    match prepare(e, &params(p)) {
        Err(Error::InvalidParam { param, .. }) => param,
        other => panic!("expected InvalidParam, got {other:?}"),
    }
}

fn body_of(endpoint: (App, &str), p: Value) -> (Map<String, Value>, bool) {
    let e = find(endpoint.0, endpoint.1).expect("row");
    let prepared = prepare(e, &params(p)).expect("valid");
    (prepared.body.unwrap_or_default(), prepared.value.is_some())
}

const CREATE_REPO_VAR: (App, &str) = (App::Actions, "createRepoVariable");
const CREATE_ORG_VAR: (App, &str) = (App::Agents, "createOrgVariable");
const UPDATE_ORG_VAR: (App, &str) = (App::Actions, "updateOrgVariable");

#[test]
fn variable_value_is_plaintext_body_not_sealed() {
    let (body, sealed) = body_of(CREATE_REPO_VAR, json!({"owner": "o", "repo": "r", "name": "REGION", "value": "eu-west-1"}));
    assert!(!sealed, "a variable's value is never sealed");
    assert_eq!(Value::Object(body), json!({"name": "REGION", "value": "eu-west-1"}));
    let e = find(CREATE_REPO_VAR.0, CREATE_REPO_VAR.1).expect("row");
    let p = prepare(e, &params(json!({"owner": "o", "repo": "r", "name": "A", "value": ""}))).expect("empty value is a value");
    assert_eq!((p.path.as_str(), p.key_path), ("/repos/o/r/actions/variables", None));
}

#[test]
fn variable_names_follow_github_rules_in_body_and_path() {
    for bad in ["1ABC", "A-B", "A B", "GITHUB_TOKEN", "github_x", ""] {
        assert_eq!(err_param(CREATE_REPO_VAR, json!({"owner": "o", "repo": "r", "name": bad, "value": "v"})), "name", "{bad}");
        assert_eq!(err_param((App::Actions, "getRepoVariable"), json!({"owner": "o", "repo": "r", "name": bad})), "name", "{bad}");
    }
    assert_eq!(err_param(CREATE_REPO_VAR, json!({"owner": "o", "repo": "r", "name": 5, "value": "v"})), "name");
    let (body, _) = body_of(CREATE_REPO_VAR, json!({"owner": "o", "repo": "r", "name": "_ok_1", "value": "v"}));
    assert_eq!(body["name"], json!("_ok_1"));
}

#[test]
fn variable_value_limit_and_type() {
    let base = |value: Value| json!({"owner": "o", "repo": "r", "name": "V", "value": value});
    assert_eq!(err_param(CREATE_REPO_VAR, base(json!("x".repeat(MAX_VALUE_BYTES + 1)))), "value");
    assert!(body_of(CREATE_REPO_VAR, base(json!("x".repeat(MAX_VALUE_BYTES)))).0.contains_key("value"));
    assert_eq!(err_param(CREATE_REPO_VAR, base(json!(42))), "value");
    assert_eq!(err_param(CREATE_REPO_VAR, json!({"owner": "o", "repo": "r", "name": "V"})), "value", "required by the spec");
    assert_eq!(err_param(CREATE_REPO_VAR, json!({"owner": "o", "repo": "r", "value": "v"})), "name");
}

#[test]
fn org_variable_visibility_and_repository_ids() {
    let base = json!({"org": "acme", "name": "V", "value": "v"});
    assert_eq!(err_param(CREATE_ORG_VAR, base.clone()), "visibility", "required to create");
    let with = |extra: Value| {
        let mut p = base.as_object().cloned().unwrap_or_default();
        p.extend(extra.as_object().cloned().unwrap_or_default());
        Value::Object(p)
    };
    assert_eq!(err_param(CREATE_ORG_VAR, with(json!({"visibility": "public"}))), "visibility");
    assert_eq!(err_param(CREATE_ORG_VAR, with(json!({"visibility": "all", "selected_repository_ids": [1]}))), "selected_repository_ids");
    let (body, _) = body_of(CREATE_ORG_VAR, with(json!({"visibility": "selected", "selected_repository_ids": [1, "2"]})));
    assert_eq!(body["selected_repository_ids"], json!([1, 2]), "variables take integer ids");
    // an update may leave visibility (and with it the selection) as it is
    let (body, _) = body_of(UPDATE_ORG_VAR, json!({"org": "acme", "name": "V", "value": "w"}));
    assert_eq!(Value::Object(body), json!({"value": "w"}));
    let (body, _) = body_of(UPDATE_ORG_VAR, json!({"org": "acme", "name": "V", "selected_repository_ids": [3]}));
    assert_eq!(body["selected_repository_ids"], json!([3]));
    assert_eq!(err_param(UPDATE_ORG_VAR, json!({"org": "acme", "name": "V", "visibility": "private", "selected_repository_ids": [3]})), "selected_repository_ids");
    // visibility is no parameter of a repository variable
    assert_eq!(err_param(CREATE_REPO_VAR, json!({"owner": "o", "repo": "r", "name": "V", "value": "v", "visibility": "all"})), "visibility");
}

#[test]
fn missing_path_parameter_and_unknown_parameter() {
    assert_eq!(err_param(CREATE_REPO_VAR, json!({"owner": "o", "name": "V", "value": "v"})), "repo");
    assert_eq!(err_param(CREATE_REPO_VAR, json!({"owner": "o", "repo": "r", "name": "V", "value": "v", "encrypted_value": "x"})), "encrypted_value");
    assert_eq!(err_param((App::PrivateRegistries, "getOrgPrivateRegistry"), json!({"org": "acme"})), "secret_name");
    assert_eq!(err_param((App::Agents, "listRepoVariables"), json!({"owner": "o", "repo": "r", "per_page": 101})), "per_page");
}

#[test]
fn private_registry_fields_sealed_value_and_key_route() {
    let create = (App::PrivateRegistries, "createOrgPrivateRegistry");
    let base = json!({"org": "acme", "registry_type": "npm_registry", "url": "https://npm.pkg.github.com/", "visibility": "selected",
        "selected_repository_ids": [7], "username": "mona", "value": "npm-token"});
    let e = find(create.0, create.1).expect("row");
    let p = prepare(e, &params(base.clone())).expect("valid");
    assert_eq!(p.key_path.as_deref(), Some("/orgs/acme/private-registries/public-key"));
    assert_eq!(p.value.as_deref().map(String::as_str), Some("npm-token"));
    let body = p.body.unwrap_or_default();
    assert!(!body.contains_key("value") && !body.contains_key("encrypted_value"), "sealed later by the client");
    assert_eq!((body["registry_type"].clone(), body["username"].clone()), (json!("npm_registry"), json!("mona")));
    // OIDC registries take no value at all
    let oidc = json!({"org": "acme", "registry_type": "docker_registry", "url": "https://r.io", "visibility": "all", "auth_type": "oidc_azure", "tenant_id": "t"});
    let (body, sealed) = body_of(create, oidc);
    assert!(!sealed && body.contains_key("tenant_id"));
    // required by the spec, checked before any request
    assert_eq!(err_param(create, json!({"org": "acme", "url": "https://x", "visibility": "all"})), "registry_type");
    assert_eq!(err_param(create, json!({"org": "acme", "registry_type": "npm_registry", "visibility": "all"})), "url");
    assert_eq!(err_param(create, json!({"org": "acme", "registry_type": "npm_registry", "url": "https://x"})), "visibility");
    assert_eq!(err_param(create, json!({"org": "acme", "registry_type": ["x"], "url": "https://x", "visibility": "all"})), "registry_type");
    // update: everything optional; a sealed value with a key_id is refused
    let update = (App::PrivateRegistries, "updateOrgPrivateRegistry");
    let (body, sealed) = body_of(update, json!({"org": "acme", "secret_name": "NPM_REGISTRY_SECRET", "value": "t2"}));
    assert!(sealed && body.is_empty());
    assert_eq!(err_param(update, json!({"org": "acme", "secret_name": "NPM_REGISTRY_SECRET", "value": "t", "key_id": "1"})), "key_id");
}

#[test]
fn agents_secrets_seal_with_their_own_key() {
    let e = find(App::Agents, "createOrUpdateRepoSecret").expect("row");
    let p = prepare(e, &params(json!({"owner": "o", "repo": "r", "secret_name": "S", "value": "v"}))).expect("valid");
    assert_eq!(p.key_path.as_deref(), Some("/repos/o/r/agents/secrets/public-key"));
    // without visibility an org secret keeps its own (the client reads it first)
    let (body, sealed) = body_of((App::Agents, "createOrUpdateOrgSecret"), json!({"org": "o", "secret_name": "S", "value": "v"}));
    assert!(sealed && !body.contains_key("visibility"));
    assert_eq!(err_param((App::Agents, "createOrUpdateOrgSecret"), json!({"org": "o", "secret_name": "S", "value": "v", "selected_repository_ids": [1]})), "selected_repository_ids");
    assert_eq!(err_param((App::Agents, "createOrUpdateRepoSecret"), json!({"owner": "o", "repo": "r", "secret_name": "S"})), "value");
}
