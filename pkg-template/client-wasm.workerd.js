// The GitHub client's wasm for Cloudflare Workers: Workers forbid compiling wasm
// from bytes at run time, so it is imported as a module, like workerd.js does for
// the front wasm, and instantiated by load(), which client.workerd.js calls on a
// GitHubSecrets instance's first call.
import { Client, initSync } from "./client-wasm/ghseal_client.js";
import wasmModule from "./client-wasm/ghseal_client_bg.wasm";

/**
 * The client wasm's exports, instantiated by this call. createGitHubSecrets calls it
 * once (onceRetried keeps the result; after a throw it calls again).
 */
export function load() {
  initSync({ module: wasmModule });
  return { Client };
}
