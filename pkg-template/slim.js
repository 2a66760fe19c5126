// Slim entry: no inlined wasm. Call `await init()` (fetches ghseal_bg.wasm next to
// the glue) or `init({ module_or_path })` / `initSync({ module })` with your own
// bytes, URL or WebAssembly.Module before any other call. For strict CSPs that
// allow only 'wasm-unsafe-eval' with same-origin .wasm, and for custom loaders.
import init, { initSync } from "./wasm/ghseal.js";

export default init;
export { init, initSync };
export * from "./api.js";
