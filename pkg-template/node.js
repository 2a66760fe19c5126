// Node entry (ESM): the wasm is read from its file and compiled synchronously on
// import (node-wasm.js; quicker than decoding index.js's inlined copy), so there is
// no init call and no top-level await. Node 18 has no global Web Crypto, which the
// wasm's random number source (getrandom) uses: node-crypto.js installs node:crypto's
// first.
import "./node-crypto.js";
import { initSync } from "./wasm/ghseal.js";
import { readWasm } from "./node-wasm.js";

// In the CommonJS bundle (index.cjs, seal.cjs at the package root) scripts/build.mjs
// defines import.meta.url as undefined; __dirname is then the package root.
initSync({ module: readWasm(import.meta.url ? new URL("./wasm/ghseal_bg.wasm", import.meta.url) : `${__dirname}/wasm/ghseal_bg.wasm`) });

export * from "./api.js";
export { GitHubSecrets } from "./client.node.js";
