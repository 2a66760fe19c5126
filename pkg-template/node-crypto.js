// Web Crypto for the wasm's random number source where it does not read
// /dev/urandom (src/bindings/random.js: Node without process.getBuiltinModule, i.e.
// before 20.16, and Windows). Node 19+ has it; Node 18 only as node:crypto's
// `webcrypto`, installed here. node:crypto is required only then (createRequire), so
// newer Node does not load the module at start-up.
import { createRequire } from "node:module";

// `in`, not a read: Node 19+ defines globalThis.crypto as a getter that loads Web
// Crypto (about 5 ms CPU) on its first read, which the wasm may never need.
if (!("crypto" in globalThis)) {
  // In the CommonJS bundles (index.cjs, seal.cjs) `require` is there and import.meta.url is not.
  // (Not `typeof require`: the ESM bundles of scripts/build.mjs shim `require` with one that throws.)
  const load = import.meta.url ? createRequire(import.meta.url) : require;
  const { webcrypto } = load("node:crypto");
  Object.defineProperty(globalThis, "crypto", { value: webcrypto, configurable: true, writable: true });
}
