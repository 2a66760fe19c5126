// "#client-wasm" for Cloudflare Workers (package.json "imports", condition
// "workerd"): Workers forbid compiling wasm from bytes at run time, so the GitHub
// client's wasm is imported as a module, like workerd.js does for the front wasm.
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
