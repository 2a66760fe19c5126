//! Unit tests of request building: parameters, paths, bodies, queries.
use super::super::endpoints::{find, App};
use super::*;
use serde_json::json;

fn params(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap()
}

fn err_param(r: Result<Prepared>) -> String {
    match r {
        Err(Error::InvalidParam { param, .. }) => param,
        other => panic!("expected InvalidParam, got {other:?}"),
    }
}

#[test]
fn secret_names() {
    for ok in ["A", "_", "NPM_TOKEN", "a1_b2", "GITHUB", "GITHUBX_1"] {
        assert!(validate_secret_name(ok).is_ok(), "{ok}");
    }
    for bad in ["", "1A", "A-B", "A B", "É", "github_token", "GITHUB_X", "GitHub_"] {
        assert!(validate_secret_name(bad).is_err(), "{bad}");
    }
}

#[test]
fn environment_name_and_hostile_values_are_encoded() {
    let e = find(App::Actions, "getEnvironmentSecret").unwrap();
    let p = params(json!({"owner": "o", "repo": "r", "environment_name": "prod/eu ü", "secret_name": "X"}));
    assert_eq!(expand(e, &p).unwrap(), "/repos/o/r/environments/prod%2Feu%20%C3%BC/secrets/X");
    let p = params(json!({"owner": "o..", "repo": "%2F", "environment_name": ".x", "secret_name": "X"}));
    assert_eq!(expand(e, &p).unwrap(), "/repos/o../%252F/environments/.x/secrets/X");
    for dots in [".", ".."] {
        let p = params(json!({"owner": "o", "repo": "r", "environment_name": dots, "secret_name": "X"}));
        assert_eq!(err_param(prepare(e, &p)), "environment_name");
    }
    let add = find(App::Actions, "addSelectedRepoToOrgSecret").unwrap();
    let p = params(json!({"org": "o", "secret_name": "X", "repository_id": "abc"}));
    assert_eq!(err_param(prepare(add, &p)), "repository_id");
    let p = params(json!({"org": "o", "secret_name": "X", "repository_id": 42}));
    assert_eq!(prepare(add, &p).unwrap().path, "/orgs/o/actions/secrets/X/repositories/42");
    let p = params(json!({"owner": "", "repo": "r", "environment_name": "e", "secret_name": "X"}));
    assert_eq!(err_param(prepare(e, &p)), "owner");
}

#[test]
fn put_requires_value_or_encrypted_value_with_key_id() {
    let e = find(App::Actions, "createOrUpdateRepoSecret").unwrap();
    let base = json!({"owner": "o", "repo": "r", "secret_name": "S"});
    assert_eq!(err_param(prepare(e, &params(base.clone()))), "value");
    let mut both = params(base.clone());
    both.insert("value".into(), json!("x"));
    both.insert("encrypted_value".into(), json!("AAAA"));
    assert_eq!(err_param(prepare(e, &both)), "value");
    let sealed_of = |n: usize| crate::seal::encode_base64(&vec![0u8; n + crate::seal::SEAL_OVERHEAD]);
    let mut no_key = params(base.clone());
    no_key.insert("encrypted_value".into(), json!(sealed_of(1)));
    assert_eq!(err_param(prepare(e, &no_key)), "key_id");
    for (bad, n) in [("AAAA", 0), ("", 0)] {
        let mut short = params(base.clone());
        short.insert("encrypted_value".into(), json!(bad));
        short.insert("key_id".into(), json!("k"));
        assert_eq!(err_param(prepare(e, &short)), "encrypted_value", "{n}");
    }
    let mut huge = params(base.clone());
    huge.insert("encrypted_value".into(), json!(sealed_of(MAX_SECRET_BYTES + 1)));
    huge.insert("key_id".into(), json!("k"));
    assert_eq!(err_param(prepare(e, &huge)), "encrypted_value");
    huge.insert("encrypted_value".into(), json!(sealed_of(MAX_SECRET_BYTES)));
    assert!(prepare(e, &huge).is_ok());
    let mut big = params(base.clone());
    big.insert("value".into(), json!("x".repeat(MAX_SECRET_BYTES + 1)));
    assert_eq!(err_param(prepare(e, &big)), "value");
    let mut ok = params(base);
    ok.insert("value".into(), json!("x".repeat(MAX_SECRET_BYTES)));
    let p = prepare(e, &ok).unwrap();
    assert_eq!(p.scope_path, "/repos/o/r/actions");
    let mut vault = ok.clone();
    vault.insert("repo".into(), json!("secrets-vault"));
    assert_eq!(prepare(e, &vault).unwrap().scope_path, "/repos/o/secrets-vault/actions");
    let env = find(App::Actions, "createOrUpdateEnvironmentSecret").unwrap();
    let mut secrets_env = ok.clone();
    secrets_env.insert("environment_name".into(), json!("secrets-eu"));
    assert_eq!(prepare(env, &secrets_env).unwrap().scope_path, "/repos/o/r/environments/secrets-eu");
    assert_eq!(p.value.as_deref().map(String::len), Some(MAX_SECRET_BYTES));
    let mut typo = params(json!({"owner": "o", "repo": "r", "secretName": "S", "value": "v"}));
    typo.insert("secret_name".into(), json!("S"));
    assert_eq!(err_param(prepare(e, &typo)), "secretName");
}

#[test]
fn org_visibility_and_repository_ids() {
    let actions = find(App::Actions, "createOrUpdateOrgSecret").unwrap();
    let dependabot = find(App::Dependabot, "createOrUpdateOrgSecret").unwrap();
    let base = json!({"org": "acme", "secret_name": "S", "value": "v"});
    let kept = prepare(actions, &params(base.clone())).unwrap().body.unwrap();
    assert!(!kept.contains_key("visibility"), "no visibility: left for the client to keep the existing one");
    let mut ids_only = params(base.clone());
    ids_only.insert("selected_repository_ids".into(), json!([1]));
    assert_eq!(err_param(prepare(actions, &ids_only)), "selected_repository_ids");
    let mut bad = params(base.clone());
    bad.insert("visibility".into(), json!("public"));
    assert_eq!(err_param(prepare(actions, &bad)), "visibility");
    let mut ids_private = params(base.clone());
    ids_private.insert("visibility".into(), json!("private"));
    ids_private.insert("selected_repository_ids".into(), json!([1]));
    assert_eq!(err_param(prepare(actions, &ids_private)), "selected_repository_ids");
    let mut selected = params(base);
    selected.insert("visibility".into(), json!("selected"));
    selected.insert("selected_repository_ids".into(), json!([1296269, "42"]));
    let a = prepare(actions, &selected).unwrap().body.unwrap();
    assert_eq!(a["selected_repository_ids"], json!([1296269, 42]));
    let d = prepare(dependabot, &selected).unwrap().body.unwrap();
    assert_eq!(d["selected_repository_ids"], json!(["1296269", "42"]));
    assert_eq!(d["visibility"], json!("selected"));
    assert!(!d.contains_key("value"));
}

#[test]
fn pagination_query() {
    let e = find(App::Actions, "listRepoSecrets").unwrap();
    let p = prepare(e, &params(json!({"owner": "o", "repo": "r", "per_page": 100, "page": 2}))).unwrap();
    assert_eq!(p.path, "/repos/o/r/actions/secrets?per_page=100&page=2");
    assert_eq!(err_param(prepare(e, &params(json!({"owner": "o", "repo": "r", "per_page": 101})))), "per_page");
    assert_eq!(err_param(prepare(e, &params(json!({"owner": "o", "repo": "r", "page": 0})))), "page");
}

#[test]
fn route_requests_share_the_ignored_list_and_the_query_builder() {
    let p = params(json!({"owner": "o", "repo": "r", "baseUrl": "https://x", "headers": {}, "request": {}, "mediaType": {}}));
    let r = prepare_route("GET /repos/{owner}/{repo}", &p).unwrap();
    assert_eq!((r.method, r.path.as_str(), r.body), (Method::Get, "/repos/o/r", None), "baseUrl is never sent to GitHub");
    let p = params(json!({"owner": "o", "repo": "r", "per_page": 2, "q": "a b&c", "baseUrl": "https://x"}));
    assert_eq!(prepare_route("get /repos/{owner}/{repo}/x", &p).unwrap().path, "/repos/o/r/x?per_page=2&q=a%20b%26c");
    let r = prepare_route("PATCH /repos/{owner}/{repo}", &p).unwrap();
    assert_eq!(r.body.unwrap().keys().collect::<Vec<_>>(), ["per_page", "q"]);
    assert_eq!(prepare_route("/user", &Map::new()).unwrap().method, Method::Get);
    for bad in ["HEAD /x", "GET x"] {
        assert_eq!(prepare_route(bad, &Map::new()).unwrap_err().param(), Some("route"));
    }
    let e = find(App::Actions, "listRepoSecrets").unwrap();
    let p = params(json!({"owner": "o", "repo": "r", "per_page": "5", "baseUrl": "https://x"}));
    assert_eq!(prepare(e, &p).unwrap().path, "/repos/o/r/actions/secrets?per_page=5");
}

#[test]
fn wipe_value_overwrites_only_the_value() {
    let mut p = params(json!({"value": "hunter2", "secret_name": "S"}));
    wipe_value(&mut p);
    assert_eq!(p["value"], json!(""));
    assert_eq!(p["secret_name"], json!("S"));
}

#[test]
fn names_and_path_values_longer_than_github_takes_are_refused() {
    let e = find(App::Actions, "getEnvironmentSecret").unwrap();
    let long = |n: usize| "a".repeat(n);
    let ok = params(json!({"owner": long(255), "repo": "r", "environment_name": long(255), "secret_name": format!("A{}", long(254))}));
    assert!(prepare(e, &ok).is_ok());
    for key in ["owner", "repo", "environment_name", "secret_name"] {
        let mut p = ok.clone();
        p.insert(key.into(), Value::String(format!("A{}", long(255))));
        assert_eq!(err_param(prepare(e, &p)), key);
    }
    assert!(validate_secret_name(&format!("A{}", long(255))).is_err());
    let route = |n: usize| expand_route("/repos/{owner}", &params(json!({"owner": long(n)})), "request");
    assert!(route(1024).is_ok());
    assert!(route(1025).is_err());
}
