//! Property tests (proptest) for the invariants the fuzz targets also check:
//! sealing round-trips, opening and parsing never panic on arbitrary input,
//! secret-name validation matches GitHub's rule, route expansion cannot escape its
//! route, `Link` parsing finds what was put there.
#![cfg(not(target_arch = "wasm32"))]

use ghseal::seal::{self, SEAL_OVERHEAD};
use proptest::prelude::*;

fn keys() -> &'static seal::KeyPair {
    static PAIR: std::sync::OnceLock<seal::KeyPair> = std::sync::OnceLock::new();
    PAIR.get_or_init(seal::generate_key_pair)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn seal_then_open_is_the_identity(message in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let pair = keys();
        let sealed = seal::seal(&pair.public_key, &message).unwrap();
        prop_assert_eq!(sealed.len(), message.len() + SEAL_OVERHEAD);
        prop_assert_eq!(&seal::open(&sealed, &pair.secret_key).unwrap()[..], &message[..]);
    }

    #[test]
    fn open_of_arbitrary_bytes_is_an_error_not_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        prop_assert!(seal::open(&bytes, &keys().secret_key).is_err());
    }

    #[test]
    fn any_single_bit_flip_is_detected(message in proptest::collection::vec(any::<u8>(), 0..64), bit in any::<usize>()) {
        let pair = keys();
        let mut sealed = seal::seal(&pair.public_key, &message).unwrap();
        let bit = bit % (sealed.len() * 8);
        sealed[bit / 8] ^= 1 << (bit % 8);
        prop_assert!(seal::open(&sealed, &pair.secret_key).is_err());
    }

    #[test]
    fn base64_keys_decode_or_fail_cleanly(text in ".{0,80}") {
        match seal::key_from_base64("publicKey", &text) {
            Ok(key) => prop_assert_eq!(seal::key_from_base64("publicKey", &seal::encode_base64(&key)).unwrap(), key),
            Err(e) => prop_assert_eq!(e.param(), Some("publicKey")),
        }
    }

    #[test]
    fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let text = seal::encode_base64(&bytes);
        prop_assert_eq!(text.len() % 4, 0);
        prop_assert_eq!(seal::decode_base64("x", &text).unwrap(), bytes.clone());
        prop_assert_eq!(seal::decode_base64("x", text.trim_end_matches('=')).unwrap(), bytes);
    }
}

#[cfg(feature = "client")]
mod client {
    use super::*;
    use ghseal::github::request::{expand_route, next_link, validate_secret_name};
    use serde_json::{json, Map, Value};

    fn percent_decode(segment: &str) -> Vec<u8> {
        let bytes = segment.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&segment[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn secret_names_follow_githubs_rule(name in "[A-Za-z0-9_\\-. é]{0,12}|GITHUB_[A-Z]{0,3}|github_[a-z]{0,3}") {
            let pattern = regex::Regex::new("^[A-Za-z_][A-Za-z0-9_]*$").unwrap();
            let reserved = name.to_ascii_uppercase().starts_with("GITHUB_");
            prop_assert_eq!(validate_secret_name(&name).is_ok(), pattern.is_match(&name) && !reserved, "{}", name);
        }

        #[test]
        fn route_expansion_cannot_escape_its_segments(owner in "\\.{1,2}|.{1,20}", repo in ".{1,20}", env in "\\.\\.|.{1,20}") {
            let params: Map<String, Value> = json!({"owner": owner, "repo": repo, "environment_name": env}).as_object().cloned().unwrap();
            let expanded = expand_route("/repos/{owner}/{repo}/environments/{environment_name}/secrets", &params, "test");
            let dots = [&owner, &repo, &env].iter().any(|v| v.as_str() == "." || v.as_str() == "..");
            prop_assert_eq!(expanded.is_err(), dots);
            let Ok(path) = expanded else { return Ok(()) };
            let segments: Vec<&str> = path.split('/').collect();
            prop_assert_eq!(segments.len(), 7, "{}", path);
            prop_assert_eq!(segments[1], "repos");
            prop_assert_eq!(segments[6], "secrets");
            prop_assert!(segments.iter().all(|s| *s != ".." && *s != "."));
            prop_assert_eq!(percent_decode(segments[2]), owner.as_bytes().to_vec());
            prop_assert_eq!(percent_decode(segments[3]), repo.as_bytes().to_vec());
            prop_assert_eq!(percent_decode(segments[5]), env.as_bytes().to_vec());
        }

        #[test]
        fn link_header_parsing_never_panics(header in ".{0,200}") {
            let _ = next_link(&header);
        }

        #[test]
        fn link_header_finds_the_next_url(page in 1u32..1000, last in 1u32..1000, rels_first in any::<bool>()) {
            let next = format!("https://api.github.com/repositories/1/actions/secrets?per_page=2&page={page}");
            let last_link = format!("<https://api.github.com/repositories/1/actions/secrets?page={last}>; rel=\"last\"");
            let next_link_text = format!("<{next}>; rel=\"next\"");
            let header = if rels_first { format!("{next_link_text}, {last_link}") } else { format!("{last_link}, {next_link_text}") };
            prop_assert_eq!(next_link(&header), Some(next));
        }
    }
}
