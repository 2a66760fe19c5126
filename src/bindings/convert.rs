//! JavaScript values in: strings, `Uint8Array`s and their type errors. Copies of
//! secret material are held in [`Zeroizing`] buffers so they are wiped on drop.

use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::seal::{self, PUBLIC_KEY_LEN};

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
    let array = value.dyn_ref::<Uint8Array>().ok_or(Error::InvalidType { param, expected })?;
    let mut out = Zeroizing::new(vec![0u8; array.length() as usize]);
    array.copy_to(&mut out[..]);
    Ok(out)
}
