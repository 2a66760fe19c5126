// Node entry (ESM). Node 18 has no global Web Crypto, which the wasm's random
// number source (getrandom) uses: install node:crypto's before the wasm starts.
import "./node-crypto.js";
export * from "./index.js";
