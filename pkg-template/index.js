// Default entry (browsers, bundlers, Deno): the wasm is inlined as a string of one
// character per byte and instantiated synchronously on import, so there is no
// init call and no top-level await.
import { initSync } from "./wasm/ghseal.js";
import wasmText from "./wasm/ghseal_bg.wasm.inline.js";

const bytes = new Uint8Array(wasmText.length);
for (let i = 0; i < wasmText.length; i++) bytes[i] = wasmText.charCodeAt(i);
initSync({ module: bytes });

export * from "./api.js";
