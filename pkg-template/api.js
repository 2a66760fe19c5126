// The package's public API, shared by every entry: the sealed-box functions straight
// from the wasm exports, the GitHub client, and the size constants.
export { sealSecret, openSecret, openSecretBytes, generateKeyPair } from "./wasm/ghseal.js";
export { GitHubSecrets, secretsEndpoints } from "./client.js";
export { SEAL_OVERHEAD, MAX_SECRET_BYTES } from "./limits.js";
export { GhsealError, ValidationError, DecryptionError, EncryptionError, HttpError } from "./errors.js";
