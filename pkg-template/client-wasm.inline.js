// The GitHub client's wasm for browsers and bundlers: inlined as a string (one
// character per byte, see scripts/build.mjs) and instantiated synchronously by
// load(). client.js reaches this module only through a dynamic import(), so
// bundlers put it in a chunk of its own that loads on a GitHubSecrets instance's
// first call.
import { Client, endpoints, initSync } from "./client-wasm/ghseal_client.js";
import wasmText from "./client-wasm/ghseal_client_bg.wasm.inline.js";
import { instantiateInline } from "./inline.js";

let ready = false;

/** The client wasm's exports, instantiated on the first call (client.js: a GitHubSecrets instance's first request). */
export function load() {
  if (!ready) {
    instantiateInline(initSync, wasmText);
    ready = true;
  }
  return { Client, endpoints };
}
