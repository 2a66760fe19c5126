//! open on arbitrary bytes returns an error, never panics (and never "opens": that
//! would be a Poly1305 forgery).
#![no_main]
use std::sync::OnceLock;

use ghseal::seal::{self, KeyPair};
use libfuzzer_sys::fuzz_target;

fn pair() -> &'static KeyPair {
    static PAIR: OnceLock<KeyPair> = OnceLock::new();
    PAIR.get_or_init(seal::generate_key_pair)
}

fuzz_target!(|data: &[u8]| {
    assert!(seal::open(data, &pair().secret_key).is_err());
});
