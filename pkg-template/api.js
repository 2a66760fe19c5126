// The package's public API, shared by every entry: the sealed-box functions straight
// from the wasm exports, and the GitHub client.
export { sealSecret, openSecret, openSecretBytes, generateKeyPair } from "./wasm/ghseal.js";
export { GitHubSecrets, secretsEndpoints } from "./client.js";
