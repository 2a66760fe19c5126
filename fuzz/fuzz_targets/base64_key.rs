//! Base64 key parsing: never panics; whatever decodes re-encodes to a key that
//! decodes to the same 32 bytes; failures name the parameter.
#![no_main]
use ghseal::seal;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match seal::key_from_base64("publicKey", &text) {
        Ok(key) => assert_eq!(seal::key_from_base64("publicKey", &seal::encode_base64(&key)).unwrap(), key),
        Err(e) => assert_eq!(e.param(), Some("publicKey")),
    }
    if let Ok(bytes) = seal::decode_base64("x", &text) {
        assert_eq!(seal::decode_base64("x", &seal::encode_base64(&bytes)).unwrap(), bytes);
    }
});
