// `ghseal/seal`: the sealed-box functions only (no GitHub client, smaller wasm).
export { sealSecret, openSecret, openSecretBytes, generateKeyPair, KeyPair, GhsealError, SealOptions, SEAL_OVERHEAD, MAX_SECRET_BYTES } from "./index.js";
