// `ghseal/seal` for Cloudflare Workers (workerd): Workers forbid compiling wasm from
// bytes at run time, so the sealing-only .wasm is imported as a module and
// instantiated from that, as workerd.js does for the default entry.
import { initSync } from "./seal-wasm/ghseal.js";
import wasmModule from "./seal-wasm/ghseal_bg.wasm";

initSync({ module: wasmModule });

export * from "./seal-api.js";
