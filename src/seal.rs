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
//! The composition is libsodium's (`crypto_box_seal`): X25519, HSalsa20 and
//! XSalsa20-Poly1305 (RustCrypto `crypto_secretbox`) for the box and BLAKE2b-192 for
//! the nonce, as `crypto_box::PublicKey::seal` does (a test checks both give the same
//! bytes). Two changes from `crypto_box`:
//! - the X25519 shared secret is libsodium's `crypto_scalarmult`: the clamped scalar
//!   (not reduced mod l) times the public key, and an all-zero result is refused (in
//!   constant time), so a low-order public key (0, 1, the order-8 points, p-1, p, p+1,
//!   with or without the top bit) is a [`Error::WeakPublicKey`] instead of a box that
//!   opens without any secret key;
//! - public keys are computed from secret keys with the X25519 Montgomery ladder for
//!   the first [`LADDER_USES`] uses in an instance, then with a radix-16 basepoint
//!   table built once (~30 KB of heap), instead of curve25519-dalek's static table
//!   (30 KB more wasm). The table makes each later seal about 1.4x faster, but
//!   building it costs about as much as 30 ladders (256 field inversions), which a
//!   process that seals once (the CLI, a serverless function) never earns back: the
//!   first seals stay cheap and a long run still gets the table.

use base64ct::{Base64, Encoding};
use core::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use blake2::digest::consts::U24;
use blake2::{Blake2b, Digest};
use crypto_box::aead::rand_core::CryptoRngCore;
use crypto_box::aead::{Aead, OsRng};
use crypto_box::{Nonce, PublicKey, SecretKey};
use crypto_secretbox::aead::generic_array::GenericArray;
use crypto_secretbox::{Kdf, KeyInit, XSalsa20Poly1305};
use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT, X25519_BASEPOINT};
use curve25519_dalek::edwards::EdwardsBasepointTable;
use curve25519_dalek::montgomery::MontgomeryPoint;
use curve25519_dalek::traits::BasepointTable;
use subtle::{Choice, ConstantTimeEq};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Length of an X25519 public key, in bytes.
pub const PUBLIC_KEY_LEN: usize = crypto_box::KEY_SIZE;
/// Length of an X25519 secret key, in bytes.
pub const SECRET_KEY_LEN: usize = crypto_box::KEY_SIZE;
/// Bytes a sealed box adds to its message: ephemeral public key (32) + Poly1305 tag (16).
pub const SEAL_OVERHEAD: usize = crypto_box::SEALBYTES;
/// Largest secret value GitHub stores: 48 KiB (49 152 bytes) of plaintext
/// ("Secrets are limited to 48 KB in size", GitHub Actions docs). `sealSecret`
/// refuses more unless its `maxBytes` option raises the limit.
pub const MAX_SECRET_BYTES: usize = 48 * 1024;

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

/// Public keys computed with the Montgomery ladder before the basepoint table is
/// built (per wasm instance). A public key by the ladder costs about 0.6 ladder more
/// than by the table, and building the table about 30 ladders (256 inversions), so
/// switching after 32 uses keeps any run within about twice its best cost (the
/// ski-rental rule). Measured in Node (`npm run bench`): the first seal no longer
/// pays the table (6-10 ms of CPU on the bench machine), throughput after warm-up is
/// unchanged.
pub const LADDER_USES: u32 = 32;

/// The X25519 public key of `secret` (libsodium `crypto_scalarmult_base`): the
/// Montgomery ladder for the first [`LADDER_USES`] calls, then the run-time basepoint
/// table (same bytes, see the tests). Both are constant time.
fn public_key_of(secret: &SecretKey) -> PublicKey {
    static USES: AtomicU32 = AtomicU32::new(0);
    if TABLE.get().is_none() && USES.fetch_add(1, Ordering::Relaxed) < LADDER_USES {
        return public_key_by_ladder(secret);
    }
    public_key_by_table(secret)
}

/// The basepoint table, built by the first [`public_key_by_table`] call.
static TABLE: OnceLock<Box<EdwardsBasepointTable>> = OnceLock::new();

/// X25519 public key by the Montgomery ladder (u = 9, clamped scalar): no table.
fn public_key_by_ladder(secret: &SecretKey) -> PublicKey {
    let bytes = Zeroizing::new(secret.to_bytes());
    PublicKey::from(X25519_BASEPOINT.mul_clamped(*bytes).to_bytes())
}

/// X25519 public key by the radix-16 basepoint table (built on first use).
fn public_key_by_table(secret: &SecretKey) -> PublicKey {
    let table = TABLE.get_or_init(|| Box::new(EdwardsBasepointTable::create(&ED25519_BASEPOINT_POINT)));
    PublicKey::from(table.mul_base(&secret.to_scalar()).to_montgomery().to_bytes())
}

/// The X25519 u-coordinates of small order, as libsodium's `has_small_order`
/// (`crypto_scalarmult/curve25519/ref10/x25519_ref10.c`) lists them, little-endian:
/// 0 (order 4), 1 (order 1), the two points of order 8, p-1 (order 2), p (= 0) and
/// p+1 (= 1), where p = 2^255 - 19. The top bit is ignored (masked) when comparing,
/// as X25519 ignores it, so their forms with bit 255 set are refused too.
pub const SMALL_ORDER_POINTS: [[u8; PUBLIC_KEY_LEN]; 7] = [
    [0; 32],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [
        0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a, //
        0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00,
    ],
    [
        0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83, 0xef, 0x5b, //
        0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f, 0x11, 0x57,
    ],
    p_plus(0xec),
    p_plus(0xed),
    p_plus(0xee),
];

/// `0x7fff...ff{low}` little-endian: p - 1, p and p + 1 for `low` = 0xec, 0xed, 0xee.
const fn p_plus(low: u8) -> [u8; PUBLIC_KEY_LEN] {
    let mut bytes = [0xff; PUBLIC_KEY_LEN];
    bytes[0] = low;
    bytes[PUBLIC_KEY_LEN - 1] = 0x7f;
    bytes
}

/// Whether `public_key` is one of [`SMALL_ORDER_POINTS`] (top bit ignored), compared
/// in constant time. A belt-and-braces check: sealing also refuses any key whose
/// shared secret comes out all-zero, which covers every one of them.
pub fn is_small_order(public_key: &[u8; PUBLIC_KEY_LEN]) -> bool {
    let mut masked = *public_key;
    if let Some(top) = masked.last_mut() {
        *top &= 0x7f;
    }
    let hit = SMALL_ORDER_POINTS.iter().fold(Choice::from(0), |acc, point| acc | point.ct_eq(&masked));
    bool::from(hit)
}

/// The XSalsa20-Poly1305 box between `their_public` and `our_secret`, as libsodium's
/// `crypto_box_beforenm`: X25519 with the clamped scalar (`crypto_scalarmult`), then
/// HSalsa20 with a zero nonce. The shared secret is wiped before returning.
///
/// # Errors
/// [`Error::WeakPublicKey`] naming `param` when `their_public` is a small-order point
/// (the blocklist, or a shared secret that is all zeros, checked in constant time as
/// libsodium's `crypto_scalarmult` does before returning -1).
fn salsa_box(
    param: &'static str,
    their_public: &[u8; PUBLIC_KEY_LEN],
    our_secret: &[u8; SECRET_KEY_LEN],
) -> Result<XSalsa20Poly1305> {
    let shared = Zeroizing::new(MontgomeryPoint(*their_public).mul_clamped(*our_secret).to_bytes());
    let all_zero = shared.ct_eq(&[0u8; 32]);
    if bool::from(all_zero) || is_small_order(their_public) {
        return Err(Error::WeakPublicKey { param });
    }
    let key = Zeroizing::new(XSalsa20Poly1305::kdf(GenericArray::from_slice(&shared[..]), &GenericArray::default()));
    Ok(XSalsa20Poly1305::new(&key))
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
/// [`Error::WeakPublicKey`] naming `publicKey` for a low-order public key (see
/// [`SMALL_ORDER_POINTS`]), which libsodium's `crypto_box_seal` refuses too: the box
/// would open without any secret key. Otherwise none in practice: XSalsa20-Poly1305
/// encryption cannot fail for messages that fit in memory; an `aead` failure would be
/// reported as the opaque [`Error::SealFailed`].
pub fn seal_with_rng(
    public_key: &[u8; PUBLIC_KEY_LEN],
    message: &[u8],
    rng: &mut impl CryptoRngCore,
) -> Result<Vec<u8>> {
    let recipient = PublicKey::from(*public_key);
    let ephemeral_sk = SecretKey::generate(rng);
    let ephemeral_pk = public_key_of(&ephemeral_sk);
    let nonce = seal_nonce(&ephemeral_pk, &recipient);
    let ephemeral_bytes = Zeroizing::new(ephemeral_sk.to_bytes());
    let encrypted = salsa_box("publicKey", public_key, &ephemeral_bytes)?
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
/// [`Error::InvalidBase64`] / [`Error::InvalidLength`] / [`Error::WeakPublicKey`]
/// naming `publicKey`.
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
/// made for another key, was altered, or carries a low-order ephemeral public key
/// (libsodium's `crypto_box_seal_open` fails for those too).
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
    let cipher = salsa_box("sealed", ephemeral_pk.as_bytes(), secret_key).map_err(|_| failed.clone())?;
    cipher.decrypt(&nonce, boxed).map(Zeroizing::new).map_err(|_| failed)
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
mod tests;
