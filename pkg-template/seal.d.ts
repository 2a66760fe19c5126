// `ghseal/seal`: the sealed-box functions only (no GitHub client, smaller wasm).
export { sealSecret, openSecret, openSecretBytes, generateKeyPair, KeyPair, GhsealError, SealOptions } from "./index.js";
