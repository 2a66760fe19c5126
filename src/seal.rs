//! Sealed boxes exactly as libsodium's `crypto_box_seal` makes them, the format
//! GitHub requires for a secret's `encrypted_value`
//! (<https://doc.libsodium.org/public-key_cryptography/sealed_boxes>).
//!
//! A sealed box of an `n`-byte message is `n + 48` bytes:
//! `ephemeral_pk (32) || XSalsa20-Poly1305(message) (n + 16 tag)`, with
//! nonce = BLAKE2b-192(ephemeral_pk || recipient_pk). The ephemeral secret key is
//! zeroized when sealing returns (`crypto_box::SecretKey` is `ZeroizeOnDrop`).
//!
//! Keys travel as standard base64 (RFC 4648 §4, `+` and `/`) as GitHub's
//! `GET .../secrets/public-key` returns them; decoding accepts padding or none and
//! refuses the URL-safe alphabet, libsodium.js's default that silently breaks
//! GitHub secrets.

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use crypto_box::aead::rand_core::CryptoRngCore;
use crypto_box::aead::OsRng;
use crypto_box::{PublicKey, SecretKey};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Length of an X25519 public key, in bytes.
pub const PUBLIC_KEY_LEN: usize = crypto_box::KEY_SIZE;
/// Length of an X25519 secret key, in bytes.
pub const SECRET_KEY_LEN: usize = crypto_box::KEY_SIZE;
/// Bytes a sealed box adds to its message: ephemeral public key (32) + Poly1305 tag (16).
pub const SEAL_OVERHEAD: usize = crypto_box::SEALBYTES;

/// Standard base64 with padding on output; padding optional on input.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Encodes bytes as standard base64 with padding (what `encrypted_value` must be).
pub fn encode_base64(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

/// Decodes standard base64 (padding optional).
///
/// # Errors
/// [`Error::InvalidBase64`] naming `param` when `text` is not standard base64.
pub fn decode_base64(param: &'static str, text: &str) -> Result<Vec<u8>> {
    BASE64.decode(text.trim()).map_err(|_| Error::InvalidBase64 { param })
}

/// Checks that `bytes` is a 32-byte key and returns it as an array.
///
/// # Errors
/// [`Error::InvalidLength`] naming `param` unless `bytes.len() == 32`.
pub fn key_from_bytes(param: &'static str, bytes: &[u8]) -> Result<[u8; PUBLIC_KEY_LEN]> {
    <[u8; PUBLIC_KEY_LEN]>::try_from(bytes).map_err(|_| Error::InvalidLength {
        param,
        expected: PUBLIC_KEY_LEN,
        actual: bytes.len(),
    })
}

/// Decodes a base64 key (public or secret) into its 32 bytes.
///
/// # Errors
/// [`Error::InvalidBase64`] or [`Error::InvalidLength`], naming `param`.
pub fn key_from_base64(param: &'static str, text: &str) -> Result<[u8; PUBLIC_KEY_LEN]> {
    let bytes = Zeroizing::new(decode_base64(param, text)?);
    key_from_bytes(param, &bytes)
}

/// Seals `message` for `public_key` with randomness from `rng` (libsodium
/// `crypto_box_seal`). Returns `message.len() + 48` bytes.
///
/// Tests inject a fixed `rng` to get a known answer; everything else uses
/// [`seal`], which draws the ephemeral key from the OS (Web Crypto in wasm).
///
/// # Errors
/// None in practice: XSalsa20-Poly1305 encryption cannot fail for messages that fit
/// in memory; an `aead` failure would be reported as [`Error::InvalidLength`] of
/// `value`.
pub fn seal_with_rng(
    public_key: &[u8; PUBLIC_KEY_LEN],
    message: &[u8],
    rng: &mut impl CryptoRngCore,
) -> Result<Vec<u8>> {
    PublicKey::from(*public_key)
        .seal(rng, message)
        .map_err(|_| Error::InvalidLength { param: "value", expected: 0, actual: message.len() })
}

/// Seals `message` for `public_key` (libsodium `crypto_box_seal`); returns
/// `message.len() + 48` bytes. The ephemeral secret key comes from the OS RNG.
///
/// # Errors
/// As [`seal_with_rng`].
pub fn seal(public_key: &[u8; PUBLIC_KEY_LEN], message: &[u8]) -> Result<Vec<u8>> {
    seal_with_rng(public_key, message, &mut OsRng)
}

/// Seals `message` for a base64 public key and returns the base64 `encrypted_value`
/// GitHub expects: standard alphabet with padding, of `message.len() + 48` bytes.
///
/// # Errors
/// [`Error::InvalidBase64`] / [`Error::InvalidLength`] naming `publicKey`.
pub fn seal_base64(public_key: &str, message: &[u8]) -> Result<String> {
    let key = key_from_base64("publicKey", public_key)?;
    Ok(encode_base64(&seal(&key, message)?))
}

/// Opens a sealed box with the recipient's 32-byte secret key (libsodium
/// `crypto_box_seal_open`). The recipient's public key is derived from it.
/// The plaintext comes back in [`Zeroizing`] so it is wiped when dropped.
///
/// # Errors
/// [`Error::OpenFailed`] naming `sealed` when the box is shorter than 48 bytes, was
/// made for another key, or was altered.
pub fn open(sealed: &[u8], secret_key: &[u8; SECRET_KEY_LEN]) -> Result<Zeroizing<Vec<u8>>> {
    let secret = SecretKey::from(*secret_key);
    secret
        .unseal(sealed)
        .map(Zeroizing::new)
        .map_err(|_| Error::OpenFailed { param: "sealed" })
}

/// An X25519 key pair for sealed boxes. `Debug` never prints the secret key.
pub struct KeyPair {
    /// The 32-byte public key.
    pub public_key: [u8; PUBLIC_KEY_LEN],
    /// The 32-byte secret key, wiped on drop.
    pub secret_key: Zeroizing<[u8; SECRET_KEY_LEN]>,
}

impl core::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("KeyPair")
            .field("public_key", &encode_base64(&self.public_key))
            .finish_non_exhaustive()
    }
}

/// Generates a key pair from the OS RNG (libsodium `crypto_box_keypair`).
pub fn generate_key_pair() -> KeyPair {
    let secret = SecretKey::generate(&mut OsRng);
    KeyPair {
        public_key: *secret.public_key().as_bytes(),
        secret_key: Zeroizing::new(secret.to_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crypto_box::aead::rand_core::{CryptoRng, RngCore};

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    // Keys from Bernstein, "Cryptography in NaCl" (Alice's secret key, Bob's key pair).
    const ALICE_SK: &str = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    const BOB_PK: &str = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    const BOB_SK: &str = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    const MESSAGE: &[u8] = b"ghseal known-answer test";
    // Known answer: libsodium 1.0 (npm sodium-native) crypto_box_easy(MESSAGE,
    // nonce = crypto_generichash(24, alice_pk || bob_pk), bob_pk, alice_sk), prefixed
    // with alice_pk - i.e. crypto_box_seal with Alice's key as the ephemeral key.
    const KAT_SEALED: &str = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a01e273d9965acd2116fd945646f6df4fc06fdfa38994233abe093c14c01a4738183d2c56c8236ab0";
    // A sealed box of MESSAGE for Bob made by libsodium's crypto_box_seal (sodium-native).
    const LIBSODIUM_SEALED: &str = "e01181b4a700c0c434688dbe43debf18b52d4279a89b5229b3c6f2bfcda23a28ed6648ac06f2c9da4b224aa3a7b53bbb842c93e8006e04c052dd29a6bce26767200fdf9c1fb22c07";

    /// An "RNG" that hands out fixed bytes: makes the ephemeral key Alice's.
    struct FixedRng(Vec<u8>);
    impl RngCore for FixedRng {
        fn next_u32(&mut self) -> u32 {
            unimplemented!()
        }
        fn next_u64(&mut self) -> u64 {
            unimplemented!()
        }
        fn fill_bytes(&mut self, dest: &mut [u8]) {
            let n = dest.len();
            dest.copy_from_slice(&self.0[..n]);
            self.0.drain(..n);
        }
        fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
            self.fill_bytes(dest);
            Ok(())
        }
    }
    impl CryptoRng for FixedRng {}

    fn bob_pk() -> [u8; 32] {
        key_from_bytes("pk", &hex(BOB_PK)).unwrap()
    }
    fn bob_sk() -> [u8; 32] {
        key_from_bytes("sk", &hex(BOB_SK)).unwrap()
    }

    #[test]
    fn seal_matches_libsodium_known_answer() {
        let sealed = seal_with_rng(&bob_pk(), MESSAGE, &mut FixedRng(hex(ALICE_SK))).unwrap();
        assert_eq!(sealed, hex(KAT_SEALED));
    }

    #[test]
    fn opens_a_box_sealed_by_libsodium() {
        let opened = open(&hex(LIBSODIUM_SEALED), &bob_sk()).unwrap();
        assert_eq!(&opened[..], MESSAGE);
    }

    #[test]
    fn round_trip_lengths_and_randomness() {
        for len in [0usize, 1, 31, 32, 33, 4096, 48 * 1024] {
            let msg: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            let a = seal(&bob_pk(), &msg).unwrap();
            let b = seal(&bob_pk(), &msg).unwrap();
            assert_eq!(a.len(), len + SEAL_OVERHEAD);
            assert_ne!(a, b, "two seals of one value must differ (fresh ephemeral key)");
            assert_eq!(&open(&a, &bob_sk()).unwrap()[..], &msg[..]);
        }
    }

    #[test]
    fn open_rejects_tampering_short_input_and_wrong_key() {
        let mut sealed = seal(&bob_pk(), b"value").unwrap();
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert_eq!(open(&sealed, &bob_sk()), Err(Error::OpenFailed { param: "sealed" }));
        for n in [0, 1, 47] {
            assert!(matches!(open(&vec![0u8; n], &bob_sk()), Err(Error::OpenFailed { .. })));
        }
        let other = generate_key_pair();
        let good = seal(&bob_pk(), b"value").unwrap();
        assert!(open(&good, &other.secret_key).is_err());
    }

    #[test]
    fn base64_keys_padding_optional_urlsafe_refused() {
        let pk = bob_pk();
        let padded = encode_base64(&pk);
        assert!(padded.ends_with('='));
        assert_eq!(key_from_base64("publicKey", &padded).unwrap(), pk);
        assert_eq!(key_from_base64("publicKey", padded.trim_end_matches('=')).unwrap(), pk);
        let url_safe = padded.replace('+', "-").replace('/', "_");
        if url_safe != padded {
            assert_eq!(
                key_from_base64("publicKey", &url_safe),
                Err(Error::InvalidBase64 { param: "publicKey" })
            );
        }
        assert_eq!(
            key_from_base64("publicKey", "not base64!"),
            Err(Error::InvalidBase64 { param: "publicKey" })
        );
        let short = encode_base64(&[1u8; 31]);
        let err = key_from_base64("publicKey", &short).unwrap_err();
        assert_eq!(err, Error::InvalidLength { param: "publicKey", expected: 32, actual: 31 });
        assert_eq!(err.to_string(), "publicKey: expected 32 bytes, got 31");
        assert_eq!(err.js_name(), "ValidationError");
    }

    #[test]
    fn seal_base64_output_is_standard_padded_base64_of_n_plus_48() {
        let out = seal_base64(&encode_base64(&bob_pk()), b"abc").unwrap();
        let bytes = decode_base64("x", &out).unwrap();
        assert_eq!(bytes.len(), 3 + SEAL_OVERHEAD);
        assert_eq!(out.len() % 4, 0, "padded");
        assert_eq!(&open(&bytes, &bob_sk()).unwrap()[..], b"abc");
    }

    #[test]
    fn key_pair_debug_hides_secret() {
        let kp = generate_key_pair();
        let shown = format!("{kp:?}");
        assert!(!shown.contains(&encode_base64(&kp.secret_key[..])));
        assert!(shown.contains(&encode_base64(&kp.public_key)));
    }
}
