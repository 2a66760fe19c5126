//! Parameter validation on arbitrary JSON for every endpoint: never panics; what
//! passes expands to a path with exactly the route's segments.
#![no_main]
use ghseal::github::{request, ENDPOINTS};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, json)) = data.split_first() else { return };
    let endpoint = &ENDPOINTS[pick as usize % ENDPOINTS.len()];
    let Ok(Value::Object(params)) = serde_json::from_slice::<Value>(json) else { return };
    if let Ok(prepared) = request::prepare(endpoint, &params) {
        let path = prepared.path.split('?').next().unwrap();
        assert_eq!(path.matches('/').count(), endpoint.route.matches('/').count(), "{path}");
        assert!(!path.split('/').any(|s| s == ".." || s == "."));
    }
});
