// The package's public API, shared by the default entries (index.js, node.js,
// workerd.js) and slim.js: the sealed-box functions straight from the front wasm's
// exports, the endpoint table and the size constants. Each entry adds its
// GitHubSecrets (client.js, client.node.js, client.workerd.js, slim.js: how the
// client wasm loads).
export { sealSecret, openSecret, openSecretBytes, generateKeyPair } from "./wasm/ghseal.js";
export { secretsEndpoints } from "./client-class.js";
export { SEAL_OVERHEAD, MAX_SECRET_BYTES } from "./limits.js";
export { GhsealError, ValidationError, DecryptionError, EncryptionError, HttpError } from "./errors.js";
