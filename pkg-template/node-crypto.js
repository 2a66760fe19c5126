// Web Crypto for the wasm's random number source (getrandom reads
// globalThis.crypto.getRandomValues). Node 19+ has it; Node 18 only as node:crypto's
// `webcrypto`, installed here. node:crypto is required only then (createRequire), so
// newer Node does not load the module at start-up.
import { createRequire } from "node:module";

if (typeof globalThis.crypto?.getRandomValues !== "function") {
  const { webcrypto } = createRequire(import.meta.url)("node:crypto");
  Object.defineProperty(globalThis, "crypto", { value: webcrypto, configurable: true, writable: true });
}
