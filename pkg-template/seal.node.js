// `ghseal/seal` for Node (ESM): Web Crypto for Node 18 first, as node.js does, then
// the sealing-only wasm read from its file (node-wasm.js), not the inlined copy.
import "./node-crypto.js";
import { initSync } from "./seal-wasm/ghseal.js";
import { readWasm } from "./node-wasm.js";

// In the CommonJS bundle (index.cjs, seal.cjs at the package root) scripts/build.mjs
// defines import.meta.url as undefined; __dirname is then the package root.
initSync({ module: readWasm(import.meta.url ? new URL("./seal-wasm/ghseal_bg.wasm", import.meta.url) : `${__dirname}/seal-wasm/ghseal_bg.wasm`) });

export * from "./seal-api.js";
