//! wasm-bindgen tests: the exported functions and the fetch path, in Node (default)
//! or headless Chromium (`--features browser-test`). The fetch tests talk to the
//! local GitHub secrets emulator whose URL is baked in at build time from
//! `GHSEAL_EMULATOR_URL` (scripts/test.sh starts it), as gloo-net's tests read
//! `HTTPBIN_URL`; its control API's token comes from `GHSEAL_EMULATOR_CONTROL_TOKEN`.
#![cfg(target_arch = "wasm32")]

use ghseal::bindings::{generate_key_pair, open_secret, open_secret_bytes, seal_secret};
use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

#[cfg(feature = "browser-test")]
wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap()
}

fn keys() -> (JsValue, JsValue) {
    let pair = generate_key_pair();
    (get(&pair, "publicKey"), get(&pair, "secretKey"))
}

fn error_name(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>().map(|e| String::from(e.name())).unwrap_or_default()
}

#[wasm_bindgen_test]
fn seal_then_open_strings_and_bytes() {
    let (pk, sk) = keys();
    let sealed = seal_secret(pk.clone(), "héllo wörld ✓".into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(ghseal::seal::decode_base64("x", &sealed).unwrap().len(), "héllo wörld ✓".len() + 48);
    assert_eq!(open_secret(sealed.clone().into(), sk.clone()).unwrap(), "héllo wörld ✓");
    let bytes = Uint8Array::from(&[0u8, 255, 7][..]);
    let sealed = seal_secret(pk.clone(), bytes.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(open_secret_bytes(sealed.into(), sk).unwrap().to_vec(), vec![0u8, 255, 7]);
    assert_ne!(seal_secret(pk.clone(), "x".into(), JsValue::UNDEFINED).unwrap(), seal_secret(pk, "x".into(), JsValue::UNDEFINED).unwrap());
}

#[wasm_bindgen_test]
fn bad_input_throws_named_errors_and_the_instance_keeps_working() {
    let (pk, sk) = keys();
    for _ in 0..200 {
        let err = seal_secret("not base64!".into(), "v".into(), JsValue::UNDEFINED).unwrap_err();
        assert_eq!(error_name(&err), "ValidationError");
        assert_eq!(get(&err, "param").as_string().as_deref(), Some("publicKey"));
        let err = seal_secret(JsValue::from(5), "v".into(), JsValue::UNDEFINED).unwrap_err();
        assert_eq!(get(&err, "code").as_string().as_deref(), Some("invalid_type"));
        let err = seal_secret(pk.clone(), JsValue::NULL, JsValue::UNDEFINED).unwrap_err();
        assert_eq!(get(&err, "param").as_string().as_deref(), Some("value"));
        let err = open_secret("AAAA".into(), sk.clone()).unwrap_err();
        assert_eq!(error_name(&err), "DecryptionError");
        let ok = seal_secret(pk.clone(), "still fine".into(), JsValue::UNDEFINED).unwrap();
        assert_eq!(open_secret(ok.into(), sk.clone()).unwrap(), "still fine");
    }
}

/// The sealing errors cross to JS as data and `makeError` (pkg-template/errors.js)
/// writes their messages: word for word the Rust `Display`, with code and param.
#[wasm_bindgen_test]
fn sealing_error_messages_written_in_js_match_the_rust_display() {
    use ghseal::Error;
    let errors = [
        Error::InvalidBase64 { param: "publicKey" },
        Error::InvalidLength { param: "secretKey", expected: 32, actual: 48 },
        Error::InvalidType { param: "value", expected: "a string or a Uint8Array" },
        Error::WeakPublicKey { param: "publicKey" },
        Error::invalid("value", "the Uint8Array's ArrayBuffer is detached"),
        Error::OpenFailed { param: "sealed" },
        Error::SealFailed,
    ];
    for error in errors {
        let (text, code, param) = (error.to_string(), error.code(), error.param().map(String::from));
        let js = JsValue::from(error);
        assert_eq!(String::from(js.dyn_ref::<js_sys::Error>().unwrap().message()), text);
        assert_eq!(get(&js, "code").as_string().as_deref(), Some(code));
        assert_eq!(get(&js, "param").as_string(), param);
    }
}

#[cfg(feature = "client")]
mod fetch {
    use super::*;
    use ghseal::bindings::client::WasmClient;

    const EMULATOR: Option<&str> = option_env!("GHSEAL_EMULATOR_URL");
    const TOKEN: &str = "ghp_ghsealDemoToken";
    /// The emulator's control token (header X-Emulator-Control-Token), set by scripts/test.sh.
    const CONTROL_TOKEN: Option<&str> = option_env!("GHSEAL_EMULATOR_CONTROL_TOKEN");

    fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
        let o = Object::new();
        for (k, v) in pairs {
            Reflect::set(&o, &(*k).into(), v).unwrap();
        }
        o.into()
    }

    fn client(token: &str) -> WasmClient {
        let base = EMULATOR.expect("GHSEAL_EMULATOR_URL must be set when building the wasm tests (scripts/test.sh does)");
        let throttle = obj(&[("minWriteInterval", 0.into())]);
        let retry = obj(&[("baseDelay", 10.into())]);
        WasmClient::new(obj(&[("baseUrl", base.into()), ("auth", token.into()), ("throttle", throttle), ("retry", retry)])).unwrap()
    }

    async fn wait(p: Promise) -> Result<JsValue, JsValue> {
        JsFuture::from(p).await
    }

    #[wasm_bindgen_test]
    async fn fetch_public_key_put_secret_and_read_it_back() {
        let gh = client(TOKEN);
        let repo = obj(&[("owner", "octo-org".into()), ("repo", "hello-world".into())]);
        let key = wait(gh.request("actions", "getRepoPublicKey", repo)).await.unwrap();
        assert_eq!(get(&key, "status").as_f64(), Some(200.0));
        let data = get(&key, "data");
        assert_eq!(ghseal::seal::decode_base64("key", &get(&data, "key").as_string().unwrap()).unwrap().len(), 32);
        assert!(get(&get(&key, "headers"), "x-ratelimit-remaining").is_string(), "CORS exposes GitHub's headers");

        let name = format!("WASM_{}", js_sys::Date::now() as u64);
        let put = obj(&[
            ("owner", "octo-org".into()),
            ("repo", "hello-world".into()),
            ("secret_name", name.as_str().into()),
            ("value", "from wasm ✓".into()),
        ]);
        let created = wait(gh.request("actions", "createOrUpdateRepoSecret", put)).await.unwrap();
        assert_eq!(get(&created, "status").as_f64(), Some(201.0));

        // The emulator opened it with libsodium: read the decrypted value back.
        let url = format!(
            "{}/_emulator/secret?scope=/repos/octo-org/hello-world/actions&name={name}",
            EMULATOR.unwrap()
        );
        let global = js_sys::global();
        let fetch: js_sys::Function = get(&global, "fetch").dyn_into().unwrap();
        let control = CONTROL_TOKEN.expect("GHSEAL_EMULATOR_CONTROL_TOKEN must be set when building the wasm tests (scripts/test.sh does)");
        let init = obj(&[("headers", obj(&[("x-emulator-control-token", control.into())]))]);
        let response = wait(fetch.call2(&global, &url.into(), &init).unwrap().into()).await.unwrap();
        let json_fn: js_sys::Function = get(&response, "json").dyn_into().unwrap();
        let json: Promise = json_fn.call0(&response).unwrap().into();
        let stored = wait(json).await.unwrap();
        assert_eq!(get(&stored, "value").as_string().as_deref(), Some("from wasm ✓"));
    }

    #[wasm_bindgen_test]
    async fn http_errors_carry_status_and_redacted_request() {
        let gh = client("ghp_wrong_token_value");
        let repo = obj(&[("owner", "octo-org".into()), ("repo", "hello-world".into())]);
        let err = wait(gh.request("actions", "listRepoSecrets", repo)).await.unwrap_err();
        assert_eq!(error_name(&err), "HttpError");
        assert_eq!(get(&err, "status").as_f64(), Some(401.0));
        let auth = get(&get(&get(&err, "request"), "headers"), "authorization");
        assert_eq!(auth.as_string().as_deref(), Some("[REDACTED]"));
        let message = String::from(err.dyn_ref::<js_sys::Error>().unwrap().message());
        assert!(!message.contains("ghp_wrong_token_value"));

        let gh = client(TOKEN);
        let missing = obj(&[("owner", "octo-org".into()), ("repo", "no-such-repo".into())]);
        let err = wait(gh.request("actions", "getRepoPublicKey", missing)).await.unwrap_err();
        assert_eq!(get(&err, "status").as_f64(), Some(404.0));
    }

    #[wasm_bindgen_test]
    async fn validation_fails_before_any_request() {
        let gh = client(TOKEN);
        let bad = obj(&[
            ("owner", "octo-org".into()),
            ("repo", "hello-world".into()),
            ("secret_name", "GITHUB_NOPE".into()),
            ("value", "v".into()),
        ]);
        let err = wait(gh.request("actions", "createOrUpdateRepoSecret", bad)).await.unwrap_err();
        assert_eq!(error_name(&err), "ValidationError");
        assert_eq!(get(&err, "param").as_string().as_deref(), Some("secret_name"));
    }
}
