//! seal then open is the identity, and the sealed length is n + 48.
#![no_main]
use std::sync::OnceLock;

use ghseal::seal::{self, KeyPair, SEAL_OVERHEAD};
use libfuzzer_sys::fuzz_target;

fn pair() -> &'static KeyPair {
    static PAIR: OnceLock<KeyPair> = OnceLock::new();
    PAIR.get_or_init(seal::generate_key_pair)
}

fuzz_target!(|data: &[u8]| {
    let sealed = seal::seal(&pair().public_key, data).unwrap();
    assert_eq!(sealed.len(), data.len() + SEAL_OVERHEAD);
    assert_eq!(&seal::open(&sealed, &pair().secret_key).unwrap()[..], data);
});
