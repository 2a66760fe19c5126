// Default entry (browsers, bundlers, Deno): the wasm is inlined and instantiated
// synchronously on import, so there is no init call and no top-level await.
import { initSync } from "./wasm/ghseal.js";
import wasmText from "./wasm/ghseal_bg.wasm.inline.js";
import { instantiateInline } from "./inline.js";

instantiateInline(initSync, wasmText);

export * from "./api.js";
export { GitHubSecrets } from "./client.js";
