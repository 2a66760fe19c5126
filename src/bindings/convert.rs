//! JavaScript values in: strings, `Uint8Array`s and their type errors. Copies of
//! secret material are held in [`Zeroizing`] buffers so they are wiped on drop.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
#[cfg(feature = "seal-api")]
use crate::seal::{self, PUBLIC_KEY_LEN};

#[wasm_bindgen(module = "/src/bindings/guard.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = realBytes)]
    fn real_bytes(x: &JsValue) -> Result<Option<Uint8Array>, JsValue>;
    #[wasm_bindgen(catch, js_name = entriesOf)]
    fn entries_of(x: &JsValue) -> Result<Option<Array>, JsValue>;
    #[wasm_bindgen(catch, js_name = isWellFormed)]
    fn is_well_formed(x: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_name = isDetached)]
    fn is_detached(x: &Uint8Array) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_name = loneSurrogateKey)]
    fn lone_surrogate_key(x: &JsValue) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(catch, js_name = jsonBytes)]
    fn json_bytes(x: &JsValue) -> Result<Option<Uint8Array>, JsValue>;
}

#[cfg(feature = "client")]
/// `JSON.stringify(value)` as UTF-8 in a buffer wiped on drop (one copy into wasm
/// memory: see `jsonBytes` in guard.js), or `None` when JSON cannot hold `value` or
/// a getter or `toJSON` throws.
pub(crate) fn json_of(value: &JsValue) -> Option<Zeroizing<Vec<u8>>> {
    let array = json_bytes(value).ok().flatten()?;
    let mut out = Zeroizing::new(vec![0u8; array.length() as usize]);
    array.copy_to(&mut out[..]);
    Some(out)
}

/// What a lone surrogate is and why it is refused.
const LONE_SURROGATE: &str = "the string contains a lone UTF-16 surrogate (half of a character pair), which UTF-8 cannot encode; it would be sealed as U+FFFD";

#[cfg(feature = "client")]
/// Refuses an object (request parameters) any of whose strings has a lone UTF-16
/// surrogate, naming its key: JSON would carry it as `\\udXXX`, which GitHub (and
/// serde_json) cannot read as text, and a value would be sealed wrongly.
///
/// # Errors
/// [`Error::InvalidParam`] naming the key (`value`, `secret_name`, ...; `param` for
/// a bare string).
pub(crate) fn well_formed_params(param: &str, value: &JsValue) -> Result<()> {
    match lone_surrogate_key(value) {
        Ok(Some(key)) if key.is_empty() => Err(Error::invalid(param, LONE_SURROGATE)),
        Ok(Some(key)) => Err(Error::invalid(key, LONE_SURROGATE)),
        _ => Ok(()),
    }
}

/// `value` as a Rust string, refusing lone UTF-16 surrogates instead of turning them
/// into U+FFFD (which would seal or send a different value than the caller's).
///
/// # Errors
/// [`Error::InvalidParam`] naming `param` for a string with a lone surrogate.
pub(crate) fn well_formed_string(param: &str, value: &JsValue) -> Result<Option<String>> {
    if !value.is_string() {
        return Ok(None);
    }
    if !is_well_formed(value).unwrap_or(false) {
        return Err(Error::invalid(param, LONE_SURROGATE));
    }
    Ok(value.as_string())
}

/// `[key, value]` pairs of a `Map` or a plain object (caller getters run behind a
/// `catch`).
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

#[cfg(feature = "seal-api")]
/// A key given as a base64 string or a 32-byte `Uint8Array`.
pub(crate) fn key(param: &'static str, value: &JsValue) -> Result<Zeroizing<[u8; PUBLIC_KEY_LEN]>> {
    if let Some(text) = value.as_string() {
        let text = Zeroizing::new(text);
        return seal::key_from_base64(param, &text).map(Zeroizing::new);
    }
    let bytes = bytes_of(param, value, "a base64 string or a 32-byte Uint8Array")?;
    seal::key_from_bytes(param, &bytes).map(Zeroizing::new)
}

#[cfg(feature = "seal-api")]
/// A message given as a string (encoded as UTF-8) or a `Uint8Array`.
///
/// # Errors
/// [`Error::InvalidParam`] for a string with a lone surrogate or a view over a
/// detached buffer; [`Error::InvalidType`] for anything else that is not one of them.
pub(crate) fn message(param: &'static str, value: &JsValue) -> Result<Zeroizing<Vec<u8>>> {
    if let Some(text) = well_formed_string(param, value)? {
        return Ok(Zeroizing::new(text.into_bytes()));
    }
    bytes_of(param, value, "a string or a Uint8Array")
}

#[cfg(feature = "seal-api")]
/// A sealed box given as a base64 string or a `Uint8Array`.
pub(crate) fn sealed(param: &'static str, value: &JsValue) -> Result<Vec<u8>> {
    if let Some(text) = value.as_string() {
        return seal::decode_base64(param, &text);
    }
    bytes_of(param, value, "a base64 string or a Uint8Array").map(|b| b.to_vec())
}

#[cfg(feature = "seal-api")]
fn bytes_of(param: &'static str, value: &JsValue, expected: &'static str) -> Result<Zeroizing<Vec<u8>>> {
    let array = real_bytes(value).ok().flatten().ok_or(Error::InvalidType { param, expected })?;
    if is_detached(&array).unwrap_or(true) {
        // Its length reads as 0: sealing it would silently seal an empty value.
        return Err(Error::invalid(
            param,
            "the Uint8Array's ArrayBuffer is detached (transferred or structuredClone'd away); pass the bytes before transferring them",
        ));
    }
    let mut out = Zeroizing::new(vec![0u8; array.length() as usize]);
    array.copy_to(&mut out[..]);
    Ok(out)
}
