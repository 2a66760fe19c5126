// Slim entry: no inlined wasm. Call `await init()` (fetches ghseal_bg.wasm next to
// this file) or `init({ module_or_path })` / `initSync({ module })` with your own
// bytes, URL or WebAssembly.Module before any other call. For strict CSPs that
// allow only 'wasm-unsafe-eval' with same-origin .wasm, and for custom loaders.
export { default as init, initSync } from "./wasm/ghseal.js";
export * from "./api.js";
