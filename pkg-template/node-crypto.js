// Web Crypto for the wasm's random number source (getrandom reads
// globalThis.crypto.getRandomValues). Node 19+ has it; Node 18 only as node:crypto's
// `webcrypto`, installed here. node:crypto is required only then (createRequire), so
// newer Node does not load the module at start-up.
import { createRequire } from "node:module";

if (typeof globalThis.crypto?.getRandomValues !== "function") {
  // In the CommonJS bundles (index.cjs, seal.cjs) `require` is there and import.meta.url is not.
  const load = typeof require === "function" ? require : createRequire(import.meta.url);
  const { webcrypto } = load("node:crypto");
  Object.defineProperty(globalThis, "crypto", { value: webcrypto, configurable: true, writable: true });
}
