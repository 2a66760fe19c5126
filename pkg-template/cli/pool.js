// Bounded concurrency for the ghseal command's bulk work, with a stop signal:
// items START in input order, at most `limit` at a time; once the signal is
// aborted no further item starts, the ones running finish, and the rest are
// reported as not attempted.

/** What `pool` puts in place of the result of an item it did not start. */
export const NOT_STARTED = Symbol("not started");

/**
 * Runs `fn(item, index)` over `items` with at most `limit` running at a time.
 * Items start in input order. With `signal` aborted, no further item starts.
 * @template T, R
 * @param {T[]} items
 * @param {number} limit at least 1
 * @param {(item: T, index: number) => Promise<R>} fn
 * @param {{ signal?: AbortSignal }} [options]
 * @returns {Promise<(R | typeof NOT_STARTED)[]>} in input order; NOT_STARTED for items not started
 */
export async function pool(items, limit, fn, { signal } = {}) {
  const results = new Array(items.length).fill(NOT_STARTED);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const i = next;
      next += 1;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
