// Types of `ghseal/seal`: the sealed-box functions (libsodium crypto_box_seal), the
// size constants and the error classes. Hand-written; no `any`. `ghseal` (index.d.ts)
// re-exports everything declared here.
export * from "./errors.js";

/**
 * Seals `value` for `publicKey` with libsodium's `crypto_box_seal` (X25519 +
 * XSalsa20-Poly1305, nonce = BLAKE2b-192(ephemeral_pk || publicKey)) and returns
 * the base64 `encrypted_value` GitHub expects: standard alphabet, padded, of
 * 48 + value-length bytes.
 * @param publicKey base64 string (standard alphabet, padding optional), as GitHub's
 *   `.../secrets/public-key` returns it, or the 32 raw bytes.
 * @param value the secret: a string (encoded as UTF-8) or bytes; at most
 *   `options.maxBytes` bytes (default 49152, GitHub's 48 KiB limit).
 * @throws {GhsealError} `name: "ValidationError"` when `publicKey` is not base64,
 *   not 32 bytes, or a low-order X25519 point (`code: "weak_public_key"`: the box
 *   would open without a secret key; libsodium refuses it too); when `value` is
 *   over `maxBytes`, a string with a lone surrogate, or a Uint8Array over a detached
 *   buffer; or when an argument has the wrong type.
 */
export function sealSecret(publicKey: string | Uint8Array, value: string | Uint8Array, options?: SealOptions): string;

export interface SealOptions {
  /** Largest `value` in bytes. Default 49152 (48 KiB, what GitHub stores); `Infinity` to seal larger values for other uses. */
  maxBytes?: number;
}

/**
 * Opens a sealed box (libsodium `crypto_box_seal_open`) and decodes it as UTF-8.
 * @param sealed base64 (standard alphabet) or bytes, as `sealSecret` returns.
 * @param secretKey base64 or the 32 raw bytes of the recipient's secret key.
 * @throws {GhsealError} `name: "DecryptionError"` when the box does not open with
 *   this key; `"ValidationError"` for bad input or a plaintext that is not UTF-8.
 */
export function openSecret(sealed: string | Uint8Array, secretKey: string | Uint8Array): string;

/** As {@link openSecret}, returning the plaintext bytes. */
export function openSecretBytes(sealed: string | Uint8Array, secretKey: string | Uint8Array): Uint8Array;

/**
 * libsodium `crypto_box_SEALBYTES`: a sealed box is 48 bytes longer than its
 * plaintext (32-byte ephemeral public key + 16-byte Poly1305 tag), so
 * `sealSecret` returns base64 of `SEAL_OVERHEAD + value-length` bytes.
 */
export const SEAL_OVERHEAD: 48;

/**
 * GitHub's limit on a secret's value: 48 KiB = 49152 bytes of plaintext (UTF-8
 * bytes for strings). The client refuses larger values with a `ValidationError`
 * before any request.
 */
export const MAX_SECRET_BYTES: 49152;

/** A fresh X25519 key pair (libsodium `crypto_box_keypair`), both base64 of 32 bytes. */
export function generateKeyPair(): KeyPair;

export interface KeyPair {
  /** base64 of 32 bytes */
  publicKey: string;
  /** base64 of 32 bytes; keep it secret */
  secretKey: string;
}
