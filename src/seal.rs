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
//!
//! The composition is libsodium's (`crypto_box_seal`): RustCrypto `crypto_box`'s
//! `SalsaBox` for the box and BLAKE2b-192 for the nonce, exactly as
//! `crypto_box::PublicKey::seal` does (a test checks both give the same bytes). The one
//! change is how public keys are computed from secret keys: with a radix-16 basepoint
//! table built once per instance at first use (~30 KB of heap), instead of
//! curve25519-dalek's static table (30 KB more wasm) or its table-less multiplication
//! (about 1.4x slower seals, measured in Node).

use base64ct::{Base64, Encoding};
use std::sync::OnceLock;

use blake2::digest::consts::U24;
use blake2::{Blake2b, Digest};
use crypto_box::aead::rand_core::CryptoRngCore;
use crypto_box::aead::{Aead, OsRng};
use crypto_box::{Nonce, PublicKey, SalsaBox, SecretKey};
use curve25519_dalek::constants::ED25519_BASEPOINT_POINT;
use curve25519_dalek::edwards::EdwardsBasepointTable;
use curve25519_dalek::traits::BasepointTable;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Length of an X25519 public key, in bytes.
pub const PUBLIC_KEY_LEN: usize = crypto_box::KEY_SIZE;
/// Length of an X25519 secret key, in bytes.
pub const SECRET_KEY_LEN: usize = crypto_box::KEY_SIZE;
/// Bytes a sealed box adds to its message: ephemeral public key (32) + Poly1305 tag (16).
pub const SEAL_OVERHEAD: usize = crypto_box::SEALBYTES;

/// Encodes bytes as standard base64 with padding (what `encrypted_value` must be).
/// Constant-time (RustCrypto `base64ct`), since keys pass through here.
pub fn encode_base64(bytes: &[u8]) -> String {
    Base64::encode_string(bytes)
}

/// Decodes standard base64 (RFC 4648 §4), padding optional, in constant time.
///
/// # Errors
/// [`Error::InvalidBase64`] naming `param` when `text` is not standard base64.
pub fn decode_base64(param: &'static str, text: &str) -> Result<Vec<u8>> {
    let text = text.trim();
    // Padding is optional: add what is missing (one decoder instance keeps the wasm small).
    let missing = (4 - text.len() % 4) % 4;
    let decoded = if missing == 0 || text.ends_with('=') {
        Base64::decode_vec(text)
    } else {
        Base64::decode_vec(&format!("{text}{}", "=".repeat(missing)))
    };
    decoded.map_err(|_| Error::InvalidBase64 { param })
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

/// The X25519 public key of `secret` (libsodium `crypto_scalarmult_base`), via the
/// run-time basepoint table.
fn public_key_of(secret: &SecretKey) -> PublicKey {
    static TABLE: OnceLock<Box<EdwardsBasepointTable>> = OnceLock::new();
    let table = TABLE.get_or_init(|| Box::new(EdwardsBasepointTable::create(&ED25519_BASEPOINT_POINT)));
    PublicKey::from(table.mul_base(&secret.to_scalar()).to_montgomery().to_bytes())
}

/// libsodium's sealed-box nonce: BLAKE2b-192(ephemeral_pk || recipient_pk).
fn seal_nonce(ephemeral_pk: &PublicKey, recipient_pk: &PublicKey) -> Nonce {
    let mut hasher = Blake2b::<U24>::new();
    hasher.update(ephemeral_pk.as_bytes());
    hasher.update(recipient_pk.as_bytes());
    hasher.finalize()
}

/// Seals `message` for `public_key` with randomness from `rng` (libsodium
/// `crypto_box_seal`). Returns `message.len() + 48` bytes:
/// `ephemeral_pk || XSalsa20-Poly1305(message)`. The ephemeral secret key is
/// dropped (and its scalar zeroized) before returning.
///
/// Tests inject a fixed `rng` to get a known answer; everything else uses
/// [`seal`], which draws the ephemeral key from the OS (Web Crypto in wasm).
///
/// # Errors
/// None in practice: XSalsa20-Poly1305 encryption cannot fail for messages that fit
/// in memory; an `aead` failure would be reported as the opaque [`Error::SealFailed`].
pub fn seal_with_rng(
    public_key: &[u8; PUBLIC_KEY_LEN],
    message: &[u8],
    rng: &mut impl CryptoRngCore,
) -> Result<Vec<u8>> {
    let recipient = PublicKey::from(*public_key);
    let ephemeral_sk = SecretKey::generate(rng);
    let ephemeral_pk = public_key_of(&ephemeral_sk);
    let nonce = seal_nonce(&ephemeral_pk, &recipient);
    let encrypted = SalsaBox::new(&recipient, &ephemeral_sk)
        .encrypt(&nonce, message)
        .map_err(|_| Error::SealFailed)?;
    let mut out = Vec::with_capacity(SEAL_OVERHEAD + message.len());
    out.extend_from_slice(ephemeral_pk.as_bytes());
    out.extend_from_slice(&encrypted);
    Ok(out)
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
    let failed = Error::OpenFailed { param: "sealed" };
    let (Some(epk), Some(boxed)) = (sealed.get(..PUBLIC_KEY_LEN), sealed.get(PUBLIC_KEY_LEN..)) else {
        return Err(failed);
    };
    if sealed.len() < SEAL_OVERHEAD {
        return Err(failed);
    }
    let secret = SecretKey::from(*secret_key);
    let ephemeral_pk = PublicKey::from(key_from_bytes("sealed", epk)?);
    let nonce = seal_nonce(&ephemeral_pk, &public_key_of(&secret));
    SalsaBox::new(&ephemeral_pk, &secret).decrypt(&nonce, boxed).map(Zeroizing::new).map_err(|_| failed)
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
        public_key: *public_key_of(&secret).as_bytes(),
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
        fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), crypto_box::aead::rand_core::Error> {
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
    fn same_bytes_as_crypto_box_seal_and_unseal() {
        for len in [0usize, 1, 100, 5000] {
            let msg: Vec<u8> = (0..len).map(|i| i as u8).collect();
            let seed: Vec<u8> = (0..32u8).map(|i| i.wrapping_mul(37).wrapping_add(len as u8)).collect();
            let ours = seal_with_rng(&bob_pk(), &msg, &mut FixedRng(seed.clone())).unwrap();
            let theirs = PublicKey::from(bob_pk()).seal(&mut FixedRng(seed), &msg).unwrap();
            assert_eq!(ours, theirs);
            let unsealed = SecretKey::from(bob_sk()).unseal(&ours).unwrap();
            assert_eq!(unsealed, msg);
        }
        let pair = generate_key_pair();
        assert_eq!(SecretKey::from(*pair.secret_key).public_key().as_bytes(), &pair.public_key);
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
