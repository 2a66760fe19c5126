// The GitHub client's wasm for Cloudflare Workers: Workers forbid compiling wasm
// from bytes at run time, so it is imported as a module, like workerd.js does for
// the front wasm, and instantiated by load(), which client.workerd.js calls on a
// GitHubSecrets instance's first call.
import { Client, endpoints, initSync } from "./client-wasm/ghseal_client.js";
import wasmModule from "./client-wasm/ghseal_client_bg.wasm";

let ready = false;

/** The client wasm's exports, instantiated on the first call (client.js: a GitHubSecrets instance's first request). */
export function load() {
  if (!ready) {
    initSync({ module: wasmModule });
    ready = true;
  }
  return { Client, endpoints };
}
