// The package's public API, shared by every entry. Crypto comes straight from the
// wasm exports; the GitHub client wraps the wasm Client in Octokit's shape.
export { sealSecret, openSecret, openSecretBytes, generateKeyPair } from "./wasm/ghseal.js";
