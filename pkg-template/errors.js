// The error classes every ghseal entry throws: ValidationError, DecryptionError,
// EncryptionError and HttpError, all subclasses of GhsealError (itself an Error).
//
// This one file is used three ways: as the package's `errors.js` (re-exported by
// every entry), as a wasm-bindgen snippet that the Rust side (src/bindings/error.rs)
// calls to construct its errors, and inlined in the CommonJS bundles. Each use is a
// separate module instance with its own class objects, so `instanceof` does not
// rely on prototypes alone: every instance carries a brand under the global symbol
// Symbol.for("ghseal.error") holding its error name, and the classes'
// Symbol.hasInstance accepts any object with the matching brand. An HttpError
// thrown by the CommonJS bundle is therefore `instanceof HttpError` imported from
// the ESM entry, and the reverse.
//
// The errors are constructed here, on short readable lines, so an uncaught ghseal
// error printed by Node points at this file rather than at the minified glue.

const BRAND = Symbol.for("ghseal.error");

/**
 * Base class of every ghseal error.
 * Fields: `name`, `code` (invalid_base64 | invalid_length | invalid_type |
 * invalid_param | open_failed | seal_failed | http | network | timeout), and, when
 * they apply, `param`, `status`, `request`, `response` (see HttpError).
 */
export class GhsealError extends Error {
  /** The `name` of this class's errors; undefined for the base class (any name). */
  static errorName = undefined;

  /**
   * @param {string} message
   * @param {{ code?: string, param?: string, status?: number, request?: object, response?: object }} [fields]
   */
  constructor(message, fields = {}) {
    super(message);
    const name = new.target.errorName ?? "GhsealError";
    this.name = name;
    Object.defineProperty(this, BRAND, { value: name });
    for (const key of ["code", "param", "status", "request", "response"]) {
      if (fields[key] !== undefined) this[key] = fields[key];
    }
  }

  /** True for errors of this class from any copy of ghseal (ESM, CJS, wasm snippet). */
  static [Symbol.hasInstance](value) {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (value === null || typeof value !== "object") return false;
    const brand = value[BRAND];
    if (typeof brand !== "string") return false;
    // Callers' own subclasses (no own errorName) match by prototype only.
    if (!Object.hasOwn(this, "errorName")) return false;
    return this.errorName === undefined || brand === this.errorName;
  }
}

/** Bad input; `param` names the parameter at fault. */
export class ValidationError extends GhsealError {
  static errorName = "ValidationError";
}

/** A sealed box that does not open with the given key (libsodium crypto_box_seal_open). */
export class DecryptionError extends GhsealError {
  static errorName = "DecryptionError";
}

/** Sealing failed (libsodium crypto_box_seal). */
export class EncryptionError extends GhsealError {
  static errorName = "EncryptionError";
}

/**
 * A GitHub REST call that failed, with the fields of Octokit's RequestError:
 * `status` (0 when no response arrived: network error, timeout), `request`
 * (`{ method, url, headers }`, authorization redacted) and `response`
 * (`{ status, url, headers, data }`, when GitHub answered).
 */
export class HttpError extends GhsealError {
  static errorName = "HttpError";
}

const CLASSES = { ValidationError, DecryptionError, EncryptionError, HttpError };

/**
 * Used by the Rust side (src/bindings/error.rs): a new error of class `name`
 * ("ValidationError" | "DecryptionError" | "EncryptionError" | "HttpError"; any
 * other name gives a plain GhsealError) with `message`.
 * The caller sets the other fields.
 */
export function makeError(name, message) {
  const Class = CLASSES[name] ?? GhsealError;
  return new Class(message);
}
