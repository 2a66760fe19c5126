// The emulator's per-scope X25519 key pairs (libsodium crypto_box_keypair) and the
// opening of sealed boxes written to it (crypto_box_seal_open). Deliberately
// independent of ghseal. libsodium must be ready (`await sodium.ready`) before use.
import { randomInt } from "node:crypto";
import sodium from "libsodium-wrappers";

/** A digit string like GitHub's key ids, e.g. "568250167242549743", different from `previous`. */
function newKeyId(previous) {
  for (;;) {
    const id = String(randomInt(100000000, 1000000000)) + String(randomInt(0, 1000000000)).padStart(9, "0");
    if (id !== previous) return id;
  }
}

/**
 * A fresh key pair with a new key id (never `previousId`).
 * @returns {{ key_id: string, key: string, publicKey: Uint8Array, privateKey: Uint8Array }}
 *   `key` is base64 (standard, padded) of the 32-byte public key, as GitHub serves it
 */
export function newKeyPair(previousId) {
  const kp = sodium.crypto_box_keypair();
  return {
    key_id: newKeyId(previousId),
    key: Buffer.from(kp.publicKey).toString("base64"),
    publicKey: kp.publicKey,
    privateKey: kp.privateKey,
  };
}

/**
 * Opens a sealed box (crypto_box_seal_open) with a key pair from `newKeyPair`.
 * @param {{ publicKey: Uint8Array, privateKey: Uint8Array }} keyPair
 * @param {Uint8Array} ciphertext  the decoded sealed box (48 + plaintext bytes)
 * @returns {Uint8Array|null} plaintext, or null when it does not open
 */
export function openSealedBox(keyPair, ciphertext) {
  if (ciphertext.length < sodium.crypto_box_SEALBYTES) return null;
  try {
    return sodium.crypto_box_seal_open(ciphertext, keyPair.publicKey, keyPair.privateKey);
  } catch {
    return null;
  }
}
