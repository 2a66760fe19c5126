// Injected faults of the GitHub emulator: a queue of rate limits, server errors, delays
// and dropped connections that upcoming API requests meet (by count, or at random with
// a probability, deterministically with a seed). The Emulator (state.mjs) owns one
// FaultQueue and exposes it as injectFaults / clearFaults / faults / takeFault.
import { EmulatorError } from "./errors.mjs";

export const FAULT_KINDS = Object.freeze([
  "secondary-rate-limit",
  "rate-limit-429",
  "primary-rate-limit",
  "server-error",
  "delay",
  "network-error",
]);

/** Deterministic PRNG (mulberry32) returning floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pending faults, in the order they were added. */
export class FaultQueue {
  constructor() {
    /** @type {object[]} normalized faults, with `remaining` and `random` */
    this.pending = [];
    this.sequence = 0;
  }

  /**
   * Queue faults for upcoming API requests (control routes and OPTIONS are never faulted).
   * Each: { kind, count = 1, probability?, seed?, retryAfter?, delayMs?, method?, pathPrefix? }.
   * kind: "secondary-rate-limit" | "rate-limit-429" | "primary-rate-limit" | "server-error" | "delay" | "network-error".
   * With `probability` (0..1) a fault applies randomly to each matching request until cleared
   * (deterministically when `seed` is given); otherwise to the next `count` matching requests.
   * @param {object[]|object} faults
   * @returns {object[]} the normalized faults that were added (with ids)
   * @throws {EmulatorError} 400 on unknown kinds or bad numbers (nothing is added then)
   */
  add(faults) {
    const list = Array.isArray(faults) ? faults : [faults];
    const added = list.map((f) => this.#normalize(f));
    this.pending.push(...added);
    return added.map((f) => this.#describe(f));
  }

  /** Remove every pending fault. */
  clear() {
    this.pending = [];
  }

  /** Pending faults (count-based ones disappear once used up). */
  list() {
    return this.pending.map((f) => this.#describe(f));
  }

  #normalize(f) {
    if (!f || typeof f !== "object") throw new EmulatorError(400, "each fault must be an object");
    if (!FAULT_KINDS.includes(f.kind)) {
      throw new EmulatorError(400, `unknown fault kind ${JSON.stringify(f.kind)}; expected one of ${FAULT_KINDS.join(", ")}`);
    }
    const num = (name, min, max, dflt) => {
      const v = f[name] ?? dflt;
      if (v === undefined) return undefined;
      if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
        throw new EmulatorError(400, `fault ${f.kind}: ${name} must be a number in [${min}, ${max}]`);
      }
      return v;
    };
    const fault = {
      id: ++this.sequence,
      kind: f.kind,
      count: num("count", 1, Number.MAX_SAFE_INTEGER, 1),
      probability: num("probability", 0, 1),
      seed: num("seed", -(2 ** 31), 2 ** 32),
      retryAfter: num("retryAfter", 0, 86400),
      delayMs: num("delayMs", 0, 120000),
      method: f.method === undefined ? undefined : String(f.method).toUpperCase(),
      pathPrefix: f.pathPrefix === undefined ? undefined : String(f.pathPrefix),
    };
    if (!Number.isInteger(fault.count)) throw new EmulatorError(400, `fault ${f.kind}: count must be an integer`);
    if (fault.probability !== undefined) {
      fault.random = fault.seed === undefined ? Math.random : mulberry32(fault.seed);
    }
    fault.remaining = fault.count;
    return fault;
  }

  #describe(f) {
    const out = { id: f.id, kind: f.kind };
    if (f.probability !== undefined) {
      out.probability = f.probability;
      if (f.seed !== undefined) out.seed = f.seed;
    } else {
      out.count = f.count;
      out.remaining = f.remaining;
    }
    for (const k of ["retryAfter", "delayMs", "method", "pathPrefix"]) if (f[k] !== undefined) out[k] = f[k];
    return out;
  }

  /**
   * Pick the fault (if any) for one API request and consume it.
   * @param {string} method @param {string} rawPath  the request's raw URL path (no query)
   */
  take(method, rawPath) {
    for (let i = 0; i < this.pending.length; i++) {
      const f = this.pending[i];
      if (f.method && f.method !== method) continue;
      if (f.pathPrefix && !rawPath.startsWith(f.pathPrefix)) continue;
      if (f.probability !== undefined) {
        if (f.random() < f.probability) return f;
        continue;
      }
      f.remaining -= 1;
      if (f.remaining <= 0) this.pending.splice(i, 1);
      return f;
    }
    return undefined;
  }
}
