export * from "./index.js";
/** Instantiates the wasm: from `module_or_path` (URL, Response, bytes or WebAssembly.Module), default `ghseal_bg.wasm` beside this file. Call once before anything else. */
export default function init(input?: { module_or_path?: string | URL | Request | Response | BufferSource | WebAssembly.Module } | string | URL): Promise<unknown>;
export function init(input?: { module_or_path?: string | URL | Request | Response | BufferSource | WebAssembly.Module } | string | URL): Promise<unknown>;
/** Instantiates the wasm synchronously from bytes or a compiled module. */
export function initSync(input: { module: BufferSource | WebAssembly.Module }): unknown;
/** Instantiates the GitHub client's wasm now instead of on a GitHubSecrets instance's first call: from `module_or_path`, default `client-wasm/ghseal_client_bg.wasm` beside the glue (fetched; in Node pass the bytes). */
export function initClient(input?: { module_or_path?: string | URL | Request | Response | BufferSource | WebAssembly.Module } | string | URL): Promise<unknown>;
