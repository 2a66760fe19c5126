// `ghseal/seal`: only the sealed-box functions, from a wasm built without the
// GitHub client (about a third of the size). Inlined, no init call.
import { initSync } from "./seal-wasm/ghseal.js";
import wasmText from "./seal-wasm/ghseal_bg.wasm.inline.js";
import { instantiateInline } from "./inline.js";

instantiateInline(initSync, wasmText);

export * from "./seal-api.js";
