//! Route expansion with hostile path values (`../`, `%2F`, unicode, empty): each
//! value stays one segment and decodes back to itself; empty, "." and ".." values
//! are refused.
#![no_main]
use ghseal::github::request::expand_route;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

fn decode(segment: &str) -> Vec<u8> {
    let b = segment.as_bytes();
    let (mut out, mut i) = (Vec::new(), 0);
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&segment[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parts: Vec<&str> = text.splitn(3, '\u{0}').collect();
    let [owner, repo, env] = parts[..] else { return };
    let mut params = Map::new();
    for (k, v) in [("owner", owner), ("repo", repo), ("environment_name", env)] {
        params.insert(k.into(), Value::String(v.into()));
    }
    match expand_route("/repos/{owner}/{repo}/environments/{environment_name}/secrets", &params, "fuzz") {
        Ok(path) => {
            let segs: Vec<&str> = path.split('/').collect();
            assert_eq!(segs.len(), 7, "{path}");
            assert_eq!(decode(segs[2]), owner.as_bytes());
            assert_eq!(decode(segs[3]), repo.as_bytes());
            assert_eq!(decode(segs[5]), env.as_bytes());
        }
        Err(e) => {
            let refused = |v: &str| v.is_empty() || v == "." || v == "..";
            assert!(refused(owner) || refused(repo) || refused(env), "{e}");
        }
    }
});
