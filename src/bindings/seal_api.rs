//! The sealing exports (feature `seal-api`): `sealSecret`, `openSecret`,
//! `openSecretBytes`, `generateKeyPair` (libsodium `crypto_box_seal`, `_open`,
//! `crypto_box_keypair`). Conversion only; the crypto is [`crate::seal`].

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::convert;
use super::js::set;
use crate::error::Error;
use crate::seal;

/// `sealSecret(publicKey, value, options?)`: libsodium `crypto_box_seal` of `value`
/// for `publicKey`, as the base64 `encrypted_value` GitHub expects (standard
/// alphabet, padded; 48 + value-length bytes before encoding).
///
/// `publicKey`: base64 string (padding optional) or 32-byte `Uint8Array`.
/// `value`: string (UTF-8) or `Uint8Array`, at most `options.maxBytes` bytes
/// (default 48 KiB, GitHub's limit; `Infinity` to seal larger values for other uses).
/// Throws `ValidationError` naming the parameter on bad input: `publicKey` not base64,
/// not 32 bytes or a low-order point; `value` too large, a string with a lone
/// surrogate or a detached buffer; `options.maxBytes` not a non-negative number.
#[wasm_bindgen(js_name = sealSecret)]
pub fn seal_secret(public_key: JsValue, value: JsValue, options: JsValue) -> Result<String, JsValue> {
    let key = convert::key("publicKey", &public_key)?;
    let max_bytes = max_bytes(&options)?;
    let message = convert::message("value", &value)?;
    if message.len() as f64 > max_bytes {
        // The limit in whole bytes (a finite, non-negative number here: `as` truncates,
        // which is the limit a length can meet). Integer formatting only: formatting the
        // f64 itself pulled core's float printing (~17 KB) into the sealing-only wasm.
        let limit = max_bytes as u64;
        return Err(Error::invalid(
            "value",
            format!(
                "{} bytes is over the limit of {limit} bytes (GitHub stores at most {} bytes, 48 KiB); pass {{ maxBytes: Infinity }} to seal a larger value for another use",
                message.len(),
                seal::MAX_SECRET_BYTES
            ),
        )
        .into());
    }
    let sealed = seal::seal(&key, &message)?;
    Ok(seal::encode_base64(&sealed))
}

/// `options.maxBytes` of `sealSecret`: a non-negative number (`Infinity` allowed),
/// default [`seal::MAX_SECRET_BYTES`].
fn max_bytes(options: &JsValue) -> Result<f64, Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(seal::MAX_SECRET_BYTES as f64);
    }
    if !options.is_object() {
        return Err(Error::InvalidType { param: "options", expected: "an object such as { maxBytes: 65536 }" });
    }
    let value = js_sys::Reflect::get(options, &JsValue::from_str("maxBytes")).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() {
        return Ok(seal::MAX_SECRET_BYTES as f64);
    }
    match value.as_f64() {
        Some(n) if n >= 0.0 => Ok(n),
        _ => Err(Error::InvalidType { param: "options.maxBytes", expected: "a non-negative number of bytes (Infinity for no limit)" }),
    }
}

/// `openSecret(sealed, secretKey)`: libsodium `crypto_box_seal_open`, returning the
/// plaintext decoded as UTF-8. Throws `DecryptionError` when the box does not open,
/// `ValidationError` for bad input or a plaintext that is not UTF-8.
#[wasm_bindgen(js_name = openSecret)]
pub fn open_secret(sealed: JsValue, secret_key: JsValue) -> Result<js_sys::JsString, JsValue> {
    let plain = open(&sealed, &secret_key)?;
    // Decoded straight from the zeroized buffer: no unwiped copy stays in wasm memory.
    match core::str::from_utf8(&plain) {
        Ok(text) => Ok(js_sys::JsString::from(text)),
        Err(_) => Err(Error::invalid(
            "sealed",
            "opened, but the plaintext is not valid UTF-8; use openSecretBytes for binary values",
        )
        .into()),
    }
}

/// `openSecretBytes(sealed, secretKey)`: as `openSecret`, returning the raw
/// plaintext bytes as a `Uint8Array`.
#[wasm_bindgen(js_name = openSecretBytes)]
pub fn open_secret_bytes(sealed: JsValue, secret_key: JsValue) -> Result<js_sys::Uint8Array, JsValue> {
    Ok(js_sys::Uint8Array::from(&open(&sealed, &secret_key)?[..]))
}

fn open(sealed: &JsValue, secret_key: &JsValue) -> Result<zeroize::Zeroizing<Vec<u8>>, Error> {
    let key = convert::key("secretKey", secret_key)?;
    let boxed = convert::sealed("sealed", sealed)?;
    seal::open(&boxed, &key)
}

/// `generateKeyPair()`: a fresh X25519 key pair `{ publicKey, secretKey }`, both
/// standard base64 of 32 bytes (libsodium `crypto_box_keypair`).
#[wasm_bindgen(js_name = generateKeyPair)]
pub fn generate_key_pair() -> JsValue {
    let pair = seal::generate_key_pair();
    let out = Object::new();
    set(&out, "publicKey", seal::encode_base64(&pair.public_key));
    let secret = zeroize::Zeroizing::new(seal::encode_base64(&pair.secret_key[..]));
    set(&out, "secretKey", secret.as_str());
    out.into()
}
