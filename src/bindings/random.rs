//! The wasm's random source: getrandom 0.2's `custom` hook (`register_custom_getrandom!`)
//! calling `fillRandom` of `random.js`, which fills the bytes from the host's CSPRNG
//! (the kernel's `/dev/urandom` in Node on Linux and macOS, Web Crypto's
//! `crypto.getRandomValues` everywhere else; see random.js for why).
//!
//! Every random byte of the package comes through here: the 32-byte ephemeral secret
//! key of each sealed box (`crypto_box::aead::OsRng` in src/seal.rs) and
//! `generateKeyPair`'s secret key. Replaces getrandom's `js` feature, whose first use
//! in Node reads `globalThis.crypto`, which Node loads lazily (about 5 ms CPU, the
//! largest single cost of import -> first seal).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/bindings/random.js")]
extern "C" {
    /// Fills `dest` with cryptographically secure random bytes; throws when the
    /// host has no CSPRNG (caught: an `Err`, never unwound through wasm).
    #[wasm_bindgen(catch, js_name = fillRandom)]
    fn fill_random(dest: &mut [u8]) -> Result<(), JsValue>;
}

/// getrandom's custom source: `dest` filled by random.js's `fillRandom`.
///
/// # Errors
/// `getrandom::Error::WEB_GET_RANDOM_VALUES` when the host has no CSPRNG or it
/// failed (the thrown JS error is dropped: getrandom's error is a code).
fn host_random(dest: &mut [u8]) -> Result<(), getrandom::Error> {
    fill_random(dest).map_err(|_| getrandom::Error::WEB_GET_RANDOM_VALUES)
}

getrandom::register_custom_getrandom!(host_random);
