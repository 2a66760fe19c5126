// The error classes every ghseal entry throws (pkg-template/errors.js): GhsealError and
// its subclasses ValidationError, DecryptionError, EncryptionError and HttpError.
// Hand-written; re-exported by index.d.ts (through seal.d.ts) and seal.d.ts.
import type { OctokitResponse } from "./types.js";

/** The fields a ghseal error class is constructed with. */
export interface GhsealErrorFields {
  code?: string;
  param?: string;
  status?: number;
  request?: { method: string; url: string; headers?: Record<string, string> };
  response?: OctokitResponse<unknown>;
}

/**
 * Every error ghseal throws or rejects with is a `GhsealError` (an `Error`) with
 * these fields, and an instance of the class of its `name`. `instanceof` works
 * whichever entry (`ghseal`, `ghseal/seal`, `ghseal/slim`, `require("ghseal")`)
 * threw it: instances are branded with `Symbol.for("ghseal.error")`.
 */
export class GhsealError extends Error {
  constructor(message: string, fields?: GhsealErrorFields);
  name: "ValidationError" | "DecryptionError" | "EncryptionError" | "HttpError";
  /** invalid_base64 | invalid_length | invalid_type | weak_public_key | invalid_param | open_failed | seal_failed | http | network | timeout | redirect | response_too_large | pagination */
  code: string;
  /** The parameter at fault (validation errors). */
  param?: string;
  /** HTTP status; 0 when no response arrived (network error, timeout). */
  status?: number;
  /** The request, `authorization` redacted (HTTP errors). */
  request?: { method: string; url: string; headers?: Record<string, string> };
  /** GitHub's answer (HTTP errors). */
  response?: OctokitResponse<unknown>;
}

/** Bad input: `code` invalid_base64 | invalid_length | invalid_type | invalid_param; `param` names the parameter. */
export class ValidationError extends GhsealError {
  name: "ValidationError";
}
/** A sealed box that does not open with the given key (`code` open_failed). */
export class DecryptionError extends GhsealError {
  name: "DecryptionError";
}
/** Sealing failed (`code` seal_failed). */
export class EncryptionError extends GhsealError {
  name: "EncryptionError";
}
/**
 * A failed GitHub REST call, with Octokit `RequestError`'s fields: `status` (0 when
 * no response arrived; `code` network | timeout), `request`, and `response` when
 * GitHub answered (`code` http).
 */
export class HttpError extends GhsealError {
  name: "HttpError";
  status: number;
  request: { method: string; url: string; headers?: Record<string, string> };
}
