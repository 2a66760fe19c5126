//! JavaScript values in: strings, `Uint8Array`s and their type errors. Copies of
//! secret material are held in [`Zeroizing`] buffers so they are wiped on drop.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::seal::{self, PUBLIC_KEY_LEN};

#[wasm_bindgen(module = "/src/bindings/guard.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = realBytes)]
    fn real_bytes(x: &JsValue) -> Result<Option<Uint8Array>, JsValue>;
    #[wasm_bindgen(catch, js_name = entriesOf)]
    fn entries_of(x: &JsValue) -> Result<Option<Array>, JsValue>;
}

/// `[key, value]` pairs of a plain object (caller getters run behind a `catch`).
///
/// # Errors
/// [`Error::InvalidType`] naming `param` for a non-object, an array, or an object
/// whose properties throw when read.
#[cfg(feature = "client")]
pub(crate) fn entries(param: &'static str, value: &JsValue, expected: &'static str) -> Result<Array> {
    match entries_of(value) {
        Ok(Some(entries)) => Ok(entries),
        _ => Err(Error::InvalidType { param, expected }),
    }
}

/// A key given as a base64 string or a 32-byte `Uint8Array`.
pub(crate) fn key(param: &'static str, value: &JsValue) -> Result<Zeroizing<[u8; PUBLIC_KEY_LEN]>> {
    if let Some(text) = value.as_string() {
        let text = Zeroizing::new(text);
        return seal::key_from_base64(param, &text).map(Zeroizing::new);
    }
    let bytes = bytes_of(param, value, "a base64 string or a 32-byte Uint8Array")?;
    seal::key_from_bytes(param, &bytes).map(Zeroizing::new)
}

/// A message given as a string (encoded as UTF-8) or a `Uint8Array`.
pub(crate) fn message(param: &'static str, value: &JsValue) -> Result<Zeroizing<Vec<u8>>> {
    if let Some(text) = value.as_string() {
        return Ok(Zeroizing::new(text.into_bytes()));
    }
    bytes_of(param, value, "a string or a Uint8Array")
}

/// A sealed box given as a base64 string or a `Uint8Array`.
pub(crate) fn sealed(param: &'static str, value: &JsValue) -> Result<Vec<u8>> {
    if let Some(text) = value.as_string() {
        return seal::decode_base64(param, &text);
    }
    bytes_of(param, value, "a base64 string or a Uint8Array").map(|b| b.to_vec())
}

fn bytes_of(param: &'static str, value: &JsValue, expected: &'static str) -> Result<Zeroizing<Vec<u8>>> {
    let array = real_bytes(value).ok().flatten().ok_or(Error::InvalidType { param, expected })?;
    let mut out = Zeroizing::new(vec![0u8; array.length() as usize]);
    array.copy_to(&mut out[..]);
    Ok(out)
}
