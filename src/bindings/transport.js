// The wasm client's platform: fetch with a timeout, sleep, clock. Loaded by
// wasm-bindgen as a snippet (src/bindings/transport.rs), so the Rust fetch path
// is the same in the package and under wasm-bindgen-test.
//
// The server is untrusted input: redirects are never followed (`redirect:
// "manual"`), so a request cannot be moved to another host or path, and response
// bodies are read with a size limit (counted after content-encoding is decoded, so
// a gzip bomb stops at the limit), the stream cancelled beyond it.

/** Default limit for list pages and `request()` answers: 16 MiB (decoded body bytes). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** Limit for public-key answers and writes (any method but GET): 64 KiB, or less when `maxResponseBytes` is smaller. */
export const MAX_SMALL_RESPONSE_BYTES = 64 * 1024;

/** Whether `method url` expects a small answer: a write, or a `.../public-key` GET. */
function expectsSmall(method, url) {
  if (method !== "GET") return true;
  try {
    return new URL(url).pathname.replace(/\/+$/, "").endsWith("/public-key");
  } catch {
    return false;
  }
}

/**
 * Reads `response`'s body as UTF-8 text, at most `limit` bytes. Returns `{ text }`,
 * or `{ tooLarge: true }` after cancelling the stream and aborting the request.
 */
async function readLimited(response, limit, abort) {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    abort();
    await response.body?.cancel?.().catch(() => {});
    return { tooLarge: true };
  }
  const reader = response.body?.getReader?.();
  if (!reader) {
    // A custom fetch whose Response has no stream: the best that can be done.
    const text = await response.text();
    return new TextEncoder().encode(text).byteLength > limit ? { tooLarge: true } : { text };
  }
  const decoder = new TextDecoder();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      abort();
      await reader.cancel().catch(() => {});
      return { tooLarge: true };
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return { text: parts.join("") };
}

/**
 * Builds a transport over `fetchImpl` (default: the global fetch). `maxResponseBytes`
 * (default {@link MAX_RESPONSE_BYTES}) bounds every response body; public-key answers
 * and writes are further bounded by {@link MAX_SMALL_RESPONSE_BYTES}.
 */
export function makeTransport(fetchImpl, maxResponseBytes) {
  const doFetch = fetchImpl ?? ((...args) => globalThis.fetch(...args));
  const largeLimit = typeof maxResponseBytes === "number" && maxResponseBytes >= 0 ? maxResponseBytes : MAX_RESPONSE_BYTES;
  return {
    async send(method, url, headers, body, timeoutMs) {
      const controller = typeof AbortController === "function" ? new AbortController() : undefined;
      const abort = () => controller?.abort();
      let timedOut = false;
      const timer = timeoutMs > 0 && controller
        ? setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs)
        : undefined;
      const limit = expectsSmall(method, url) ? Math.min(largeLimit, MAX_SMALL_RESPONSE_BYTES) : largeLimit;
      try {
        const response = await doFetch(url, { method, headers, body, signal: controller?.signal, redirect: "manual" });
        const outHeaders = [];
        response.headers.forEach((value, name) => outHeaders.push([name.toLowerCase(), value]));
        if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
          // Never followed: a redirected key fetch could hand over another server's
          // key, a redirected write could send the sealed body elsewhere.
          abort();
          await response.body?.cancel?.().catch(() => {});
          return { redirect: { status: response.status, location: response.headers.get("location") ?? undefined } };
        }
        const read = await readLimited(response, limit, abort);
        if (read.tooLarge) return { tooLarge: { limit, status: response.status } };
        return { status: response.status, url: response.url || url, headers: outHeaders, body: read.text };
      } catch (error) {
        if (timedOut) return { timeout: true };
        return { networkError: String(error?.cause?.message ?? error?.message ?? error) };
      } finally {
        if (timer !== undefined) clearTimeout(timer);
      }
    },
  };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Milliseconds since the Unix epoch. */
export function now() {
  return Date.now();
}
