// Reads of caller-supplied objects that may run caller code (getters, Proxy traps).
// The Rust side imports these with `catch`, so a throw comes back as an Err at the
// boundary instead of unwinding through wasm frames (which would leak the shadow
// stack and, after enough errors, break the instance).

/** `x` if it is a genuine Uint8Array (not a Proxy or look-alike), else undefined. */
export function realBytes(x) {
  return ArrayBuffer.isView(x) && x instanceof Uint8Array ? x : undefined;
}

/** `Object.entries(x)` for a plain object; undefined for arrays and non-objects. */
export function entriesOf(x) {
  if (x === null || typeof x !== "object" || Array.isArray(x)) return undefined;
  return Object.entries(x);
}
