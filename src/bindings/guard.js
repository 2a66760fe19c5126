// Reads of caller-supplied objects that may run caller code (getters, Proxy traps).
// The Rust side imports these with `catch`, so a throw comes back as an Err at the
// boundary instead of unwinding through wasm frames (which would leak the shadow
// stack and, after enough errors, break the instance).

/** `x` if it is a genuine Uint8Array (not a Proxy or look-alike), else undefined. */
export function realBytes(x) {
  return ArrayBuffer.isView(x) && x instanceof Uint8Array ? x : undefined;
}

/** `[key, value]` pairs of a `Map` or (`Object.entries`) a plain object; undefined for arrays and non-objects. */
export function entriesOf(x) {
  if (x === null || typeof x !== "object" || Array.isArray(x)) return undefined;
  if (x instanceof Map) return Array.from(x.entries());
  return Object.entries(x);
}

/** Whether the string `x` has no lone UTF-16 surrogate (ES2024 `isWellFormed`, or a regex on older engines). */
export function isWellFormed(x) {
  if (typeof x.isWellFormed === "function") return x.isWellFormed();
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(x);
}

/** Whether the view `x` is over a detached ArrayBuffer (transferred or structuredClone'd away). */
export function isDetached(x) {
  if (typeof x.buffer.detached === "boolean") return x.buffer.detached;
  try {
    new Uint8Array(x.buffer, 0, 0); // throws TypeError on a detached buffer
    return false;
  } catch {
    return true;
  }
}

/**
 * The key (dotted path, "" for `x` itself) of the first string in `x` with a lone
 * surrogate, looking through plain objects and arrays up to 8 levels; undefined if none.
 */
export function loneSurrogateKey(x, depth = 0) {
  if (typeof x === "string") return isWellFormed(x) ? undefined : "";
  if (x === null || typeof x !== "object" || depth > 8) return undefined;
  for (const [key, value] of Object.entries(x)) {
    const inner = loneSurrogateKey(value, depth + 1);
    if (inner !== undefined) return inner === "" ? key : `${key}.${inner}`;
  }
  return undefined;
}

/**
 * `JSON.stringify(x)` as UTF-8 bytes, or undefined when JSON cannot hold `x`. Bytes
 * rather than a string: a string with non-ASCII characters is copied into wasm
 * memory in two steps (an ASCII head, then a reallocation), and the first block is
 * freed unwiped; a Uint8Array is copied once into a buffer Rust wipes.
 */
export function jsonBytes(x) {
  const text = JSON.stringify(x);
  return typeof text === "string" ? new TextEncoder().encode(text) : undefined;
}
