// Default entry (browsers, bundlers, Deno): the wasm is inlined as base64 and
// instantiated synchronously on import, so no init call and no top-level await.
import { initSync } from "./wasm/ghseal.js";
import wasmBase64 from "./wasm/ghseal_bg.wasm.base64.js";

function decode(base64) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(base64);
  if (typeof Buffer === "function") return Buffer.from(base64, "base64");
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

initSync({ module: decode(wasmBase64) });

export * from "./api.js";
