// The GitHub client's wasm for Node and Deno (client-wasm/, built with only the
// `client` feature): read from disk and instantiated synchronously by load(), which
// client.node.js calls on a GitHubSecrets instance's first call. Importing ghseal
// never loads it. (Node 18's Web Crypto is installed by the entries that reach this
// module, node.js and index.cjs, through node-crypto.js.)
import { Client, initSync } from "./client-wasm/ghseal_client.js";
import { readWasm } from "./node-wasm.js";

/**
 * The client wasm's exports, instantiated by this call. createGitHubSecrets calls it
 * once (onceRetried keeps the result; after a throw it calls again).
 * @returns {{ Client: Function }}
 * @throws {Error} readWasm's error naming the missing file; nothing is kept, so the
 *   next call reads it again (a module that threw while evaluating would not be).
 */
export function load() {
  // In the CommonJS bundle (index.cjs, at the package root) scripts/build.mjs defines
  // import.meta.url as undefined; __dirname is then the package root.
  initSync({ module: readWasm(import.meta.url ? new URL("./client-wasm/ghseal_client_bg.wasm", import.meta.url) : `${__dirname}/client-wasm/ghseal_client_bg.wasm`) });
  return { Client };
}
