// The GitHub client's wasm for Node and Deno (client-wasm/, built with only the
// `client` feature): read from disk and instantiated synchronously by load(), which
// client.node.js calls on a GitHubSecrets instance's first call. Importing ghseal
// never loads it.
import "./node-crypto.js";
import { Client, endpoints, initSync } from "./client-wasm/ghseal_client.js";
import { readWasm } from "./node-wasm.js";

// In the CommonJS bundle (index.cjs, at the package root) scripts/build.mjs defines
// import.meta.url as undefined; __dirname is then the package root.
let ready = false;

/**
 * The client wasm's exports, instantiated on the first call.
 * @returns {{ Client: Function, endpoints: Function }}
 * @throws {Error} readWasm's error naming the missing file; nothing is kept, so the
 *   next call reads it again (a module that threw while evaluating would not be).
 */
export function load() {
  if (!ready) {
    initSync({ module: readWasm(import.meta.url ? new URL("./client-wasm/ghseal_client_bg.wasm", import.meta.url) : `${__dirname}/client-wasm/ghseal_client_bg.wasm`) });
    ready = true;
  }
  return { Client, endpoints };
}
