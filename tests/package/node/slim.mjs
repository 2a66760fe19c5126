// Node ESM consumer of the slim entry: no inlined wasm, so the caller passes the
// bytes of ghseal_bg.wasm (exported as "ghseal/ghseal_bg.wasm") to initSync.
import { readFileSync } from "node:fs";
import { initSync, sealSecret } from "ghseal/slim";

const [publicKey, value] = process.argv.slice(2);
const wasmUrl = import.meta.resolve("ghseal/ghseal_bg.wasm");
initSync({ module: readFileSync(new URL(wasmUrl)) });
console.log(JSON.stringify({ resolved: import.meta.resolve("ghseal/slim"), wasmUrl, sealed: sealSecret(publicKey, value) }));
