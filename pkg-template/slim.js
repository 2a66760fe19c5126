// Slim entry: no inlined wasm. Call `await init()` (fetches ghseal_bg.wasm next to
// the glue) or `init({ module_or_path })` / `initSync({ module })` with your own
// bytes, URL or WebAssembly.Module before any other call. For strict CSPs that
// allow only 'wasm-unsafe-eval' with same-origin .wasm, and for custom loaders.
// The GitHub client's wasm (client-wasm/ghseal_client_bg.wasm) is fetched beside its
// glue on a GitHubSecrets instance's first call, or earlier, from your own bytes, URL
// or module, with `await initClient(input)` (same input as init; needed in Node,
// whose fetch cannot read file: URLs).
import init, { initSync } from "./wasm/ghseal.js";
import { createGitHubSecrets, onceRetried } from "./client-class.js";

let clientInput;
const loadClient = onceRetried(async () => {
  const glue = await import("./client-wasm/ghseal_client.js");
  await glue.default(clientInput);
  return glue;
});

/**
 * Instantiates the GitHub client's wasm now (otherwise done on the first call):
 * `input` as init's (`{ module_or_path }`: URL, Response, bytes or
 * WebAssembly.Module), default client-wasm/ghseal_client_bg.wasm beside the glue.
 * Rejects with the fetch or compile error (and may be called again after one).
 */
export function initClient(input) {
  clientInput = input;
  return loadClient();
}

// gh.plan / gh.apply: the sync wasm's inlined copy (sync/wasm.inline.js), as in index.js.
export const GitHubSecrets = createGitHubSecrets(loadClient, () => import("./sync/wasm.inline.js"));
export default init;
export { init, initSync };
export * from "./api.js";
