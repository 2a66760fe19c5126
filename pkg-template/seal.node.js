// `ghseal/seal` for Node (ESM): Web Crypto for Node 18 first, as node.js does, then
// the sealing-only wasm read from its file (node-wasm.js), not the inlined copy.
import "./node-crypto.js";
import { initSync } from "./seal-wasm/ghseal.js";
import { readWasm } from "./node-wasm.js";

initSync({ module: readWasm(new URL("./seal-wasm/ghseal_bg.wasm", import.meta.url)) });

export * from "./seal-api.js";
