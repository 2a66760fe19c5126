// Sizes every entry exports, so the CLI, the demo page and users import them
// instead of restating them. They mirror the Rust core: SEAL_OVERHEAD is
// src/seal.rs SEAL_OVERHEAD (crypto_box::SEALBYTES), MAX_SECRET_BYTES is
// src/seal.rs MAX_SECRET_BYTES (sealSecret's default limit, and the client's);
// tests/node/package.test.mjs checks both against the wasm's behaviour.

/** libsodium `crypto_box_SEALBYTES`: a sealed box is 48 bytes longer than its plaintext (32-byte ephemeral public key + 16-byte Poly1305 tag). */
export const SEAL_OVERHEAD = 48;

/** GitHub's limit on a secret's value: 48 KiB = 49152 bytes of plaintext (UTF-8 bytes for strings). */
export const MAX_SECRET_BYTES = 49152;
