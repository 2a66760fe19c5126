// What `ghseal/seal` exports, whichever way its entry (seal.js, seal.node.js,
// seal.workerd.js) instantiates the sealing-only wasm.
export { sealSecret, openSecret, openSecretBytes, generateKeyPair } from "./seal-wasm/ghseal.js";
export { SEAL_OVERHEAD, MAX_SECRET_BYTES } from "./limits.js";
export { GhsealError, ValidationError, DecryptionError, EncryptionError, HttpError } from "./errors.js";
