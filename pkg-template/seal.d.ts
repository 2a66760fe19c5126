// `ghseal/seal`: the sealed-box functions only (no GitHub client, smaller wasm).
export { sealSecret, openSecret, openSecretBytes, generateKeyPair, KeyPair, GhsealError, GhsealErrorFields, ValidationError, DecryptionError, EncryptionError, HttpError, SealOptions, SEAL_OVERHEAD, MAX_SECRET_BYTES } from "./index.js";
