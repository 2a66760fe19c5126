//! Unit tests of the sealed-box core: a named libsodium known-answer vector, byte
//! equality with crypto_box, libsodium interop, and low-order public keys.
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

/// Every small-order encoding libsodium lists, plus each with the top bit set.
fn small_order_encodings() -> Vec<[u8; 32]> {
    let mut all = SMALL_ORDER_POINTS.to_vec();
    for point in SMALL_ORDER_POINTS {
        let mut high = point;
        high[31] |= 0x80;
        all.push(high);
    }
    all
}

#[test]
fn small_order_list_is_libsodiums() {
    // p = 2^255 - 19, little-endian; p - 1, p, p + 1 differ in the low byte only.
    let p = [0xedu8].into_iter().chain([0xff; 30]).chain([0x7f]).collect::<Vec<_>>();
    assert_eq!(&SMALL_ORDER_POINTS[5][..], &p[..]);
    assert_eq!(SMALL_ORDER_POINTS[4][0], 0xec);
    assert_eq!(SMALL_ORDER_POINTS[6][0], 0xee);
    // The two order-8 points: 8 * P is the identity (u = 0) but 2 * P (order 4,
    // u = +-1) is not; x-only, 4 * P (order 2) is u = 0 too.
    for point in &SMALL_ORDER_POINTS[2..4] {
        let p = MontgomeryPoint(*point);
        let two = curve25519_dalek::Scalar::from(2u8);
        let eight = curve25519_dalek::Scalar::from(8u8);
        assert_ne!((two * p).to_bytes(), [0u8; 32]);
        assert_eq!((eight * p).to_bytes(), [0u8; 32]);
    }
}

#[test]
fn seal_refuses_every_small_order_public_key() {
    for point in small_order_encodings() {
        assert!(is_small_order(&point), "{point:02x?}");
        // The shared-secret check alone refuses each (libsodium's crypto_scalarmult -1).
        let shared = MontgomeryPoint(point).mul_clamped([0x42; 32]).to_bytes();
        assert_eq!(shared, [0u8; 32], "{point:02x?}");
        let err = seal(&point, b"TOP-SECRET").unwrap_err();
        assert_eq!(err, Error::WeakPublicKey { param: "publicKey" });
        assert_eq!(err.js_name(), "ValidationError");
        assert_eq!(err.code(), "weak_public_key");
        assert_eq!(
            err.to_string(),
            "publicKey: a low-order X25519 point (the sealed box would open without a secret key)"
        );
        assert_eq!(seal_base64(&encode_base64(&point), b"x"), Err(Error::WeakPublicKey { param: "publicKey" }));
    }
    // An ordinary key is not on the list, and a key one bit away from a listed one is fine.
    assert!(!is_small_order(&bob_pk()));
    let mut near = SMALL_ORDER_POINTS[1];
    near[0] = 9; // u = 9: the base point
    assert!(!is_small_order(&near));
    assert!(seal(&near, b"x").is_ok());
}

#[test]
fn open_refuses_a_low_order_ephemeral_key() {
    for point in small_order_encodings() {
        // A box claiming a small-order ephemeral key, whatever follows, does not open.
        let mut forged = point.to_vec();
        forged.extend_from_slice(&[0u8; 16 + 5]);
        assert_eq!(open(&forged, &bob_sk()), Err(Error::OpenFailed { param: "sealed" }));
    }
}

#[test]
fn mixed_order_key_seals_as_libsodium_does() {
    // Bob's key plus a point of order 8: libsodium's clamped scalar (a multiple of
    // 8) kills the torsion, so the box is still keyed to Bob's secret key
    // (crypto_box's scalar, reduced mod l, would not kill it).
    use curve25519_dalek::scalar::clamp_integer;
    let bob = curve25519_dalek::Scalar::from_bytes_mod_order(clamp_integer(bob_sk()));
    let bob_point = curve25519_dalek::EdwardsPoint::mul_base(&bob);
    assert_eq!(bob_point.to_montgomery().to_bytes(), bob_pk());
    let mixed = (bob_point + curve25519_dalek::constants::EIGHT_TORSION[1]).to_montgomery().to_bytes();
    assert_ne!(mixed, bob_pk());
    assert!(!is_small_order(&mixed));
    let sealed = seal(&mixed, MESSAGE).unwrap();
    let epk = key_from_bytes("epk", &sealed[..32]).unwrap();
    let nonce = seal_nonce(&PublicKey::from(epk), &PublicKey::from(mixed));
    let opened = salsa_box("sealed", &epk, &bob_sk()).unwrap().decrypt(&nonce, &sealed[32..]).unwrap();
    assert_eq!(opened, MESSAGE);
}

#[test]
fn key_pair_debug_hides_secret() {
    let kp = generate_key_pair();
    let shown = format!("{kp:?}");
    assert!(!shown.contains(&encode_base64(&kp.secret_key[..])));
    assert!(shown.contains(&encode_base64(&kp.public_key)));
}

#[test]
fn ladder_and_table_give_the_same_public_key() {
    // Both ways of computing a public key (before and after LADDER_USES) agree, and
    // agree with crypto_box's own (libsodium's crypto_scalarmult_base).
    for seed in 0u8..8 {
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = seed.wrapping_mul(31).wrapping_add(i as u8).wrapping_mul(7);
        }
        let secret = SecretKey::from(bytes);
        let expected = secret.public_key();
        assert_eq!(public_key_by_ladder(&secret).as_bytes(), expected.as_bytes(), "ladder, seed {seed}");
        assert_eq!(public_key_by_table(&secret).as_bytes(), expected.as_bytes(), "table, seed {seed}");
    }
}

#[test]
fn public_keys_stay_right_across_the_switch_to_the_table() {
    // More key pairs than LADDER_USES: each public key is the secret key's.
    for _ in 0..(LADDER_USES + 4) {
        let pair = generate_key_pair();
        let secret = SecretKey::from(*pair.secret_key);
        assert_eq!(&pair.public_key, secret.public_key().as_bytes());
    }
    assert!(TABLE.get().is_some(), "the table is built after LADDER_USES public keys");
}
