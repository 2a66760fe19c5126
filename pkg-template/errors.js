// The error classes every ghseal entry throws: ValidationError, DecryptionError,
// EncryptionError and HttpError, all subclasses of GhsealError (itself an Error).
//
// This one file is used three ways: as the package's `errors.js` (re-exported by
// every entry), as a wasm-bindgen snippet that the Rust side (src/bindings/error.rs)
// calls to construct its errors (in the package the snippet only re-exports this
// file: scripts/build.mjs), and inlined in the CommonJS bundles. Where a use is a
// separate module instance with its own class objects, `instanceof` does not
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
 * The messages of the sealing errors, by `code`: word for word the Display texts of
 * src/error.rs (tests/wasm.rs checks that they agree). `param` names the parameter,
 * `detail` is the variable text, `expected` / `actual` are byte counts.
 */
const MESSAGES = {
  invalid_base64: (param) =>
    `${param}: invalid base64; expected standard base64 (A-Z a-z 0-9 + /, padding optional) as GitHub's public-key endpoints return it`,
  invalid_length: (param, detail, expected, actual) => `${param}: expected ${expected} bytes, got ${actual}`,
  invalid_type: (param, detail) => `${param}: expected ${detail}`,
  invalid_param: (param, detail) => `${param}: ${detail}`,
  weak_public_key: (param) => `${param}: a low-order X25519 point (the sealed box would open without a secret key)`,
  open_failed: (param) =>
    `${param}: the sealed box could not be opened with this secret key (wrong key, or the data is truncated or altered)`,
  seal_failed: () => "value: sealing failed (XSalsa20-Poly1305 encryption error)",
};

/**
 * Used by the Rust side (src/bindings/error.rs): a new error of class `name`
 * ("ValidationError" | "DecryptionError" | "EncryptionError" | "HttpError"; any
 * other name gives a plain GhsealError) with `code`, `param` (unless undefined) and
 * its message: for the sealing errors written here from `detail`, `expected` and
 * `actual` (see MESSAGES); for the others `detail` is the whole message (the code
 * when empty). The caller sets the other fields.
 */
export function makeError(name, code, param, detail, expected, actual) {
  const Class = CLASSES[name] ?? GhsealError;
  const message = Object.hasOwn(MESSAGES, code) ? MESSAGES[code](param, detail, expected, actual) : detail || code;
  return new Class(message, { code, param });
}
