// The GitHub client's wasm for browsers and bundlers: inlined as a string (one
// character per byte, see scripts/build.mjs) and instantiated synchronously by
// load(). client.js reaches this module only through a dynamic import(), so
// bundlers put it in a chunk of its own that loads on a GitHubSecrets instance's
// first call.
import { Client, initSync } from "./client-wasm/ghseal_client.js";
import wasmText from "./client-wasm/ghseal_client_bg.wasm.inline.js";
import { instantiateInline } from "./inline.js";

/**
 * The client wasm's exports, instantiated by this call. createGitHubSecrets
 * calls it once (onceRetried keeps the result; after a throw it calls again).
 */
export function load() {
  instantiateInline(initSync, wasmText);
  return { Client };
}
