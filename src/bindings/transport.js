// The wasm client's platform: fetch with a timeout, sleep, clock. Loaded by
// wasm-bindgen as a snippet (src/bindings/transport.rs), so the Rust fetch path
// is the same in the package and under wasm-bindgen-test.

/** Builds a transport over `fetchImpl` (default: the global fetch). */
export function makeTransport(fetchImpl) {
  const doFetch = fetchImpl ?? ((...args) => globalThis.fetch(...args));
  return {
    async send(method, url, headers, body, timeoutMs) {
      const controller = typeof AbortController === "function" ? new AbortController() : undefined;
      let timedOut = false;
      const timer = timeoutMs > 0 && controller
        ? setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs)
        : undefined;
      try {
        const response = await doFetch(url, { method, headers, body, signal: controller?.signal });
        const text = await response.text();
        const outHeaders = [];
        response.headers.forEach((value, name) => outHeaders.push([name.toLowerCase(), value]));
        return { status: response.status, url: response.url || url, headers: outHeaders, body: text };
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
