// Cloudflare Workers (workerd) entry: Workers forbid compiling wasm from bytes at
// run time, so the .wasm is imported as a module and instantiated from that.
import { initSync } from "./wasm/ghseal.js";
import wasmModule from "./wasm/ghseal_bg.wasm";

initSync({ module: wasmModule });

export * from "./api.js";
export { GitHubSecrets } from "./client.workerd.js";
