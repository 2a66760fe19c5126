export * from "./index.js";
/** Instantiates the wasm: from `module_or_path` (URL, Response, bytes or WebAssembly.Module), default `ghseal_bg.wasm` beside this file. Call once before anything else. */
export default function init(input?: { module_or_path?: string | URL | Request | Response | BufferSource | WebAssembly.Module } | string | URL): Promise<unknown>;
export function init(input?: { module_or_path?: string | URL | Request | Response | BufferSource | WebAssembly.Module } | string | URL): Promise<unknown>;
/** Instantiates the wasm synchronously from bytes or a compiled module. */
export function initSync(input: { module: BufferSource | WebAssembly.Module }): unknown;
