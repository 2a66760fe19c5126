// Errors of the ghseal command: its exit statuses, the two error classes the
// commands throw, and the one-line messages (GitHub's message plus what to try)
// made from the library's errors (`name: "HttpError"`, numeric `status`, 0 when
// no response arrived; `name: "ValidationError"` with `param`).

/**
 * Exit statuses: everything ok, something failed, usage (or configuration) error,
 * interrupted by SIGINT (128 + 2) or SIGTERM (128 + 15), as shells report them.
 */
export const EXIT = Object.freeze({ OK: 0, FAILED: 1, USAGE: 2, INTERRUPTED: 130, TERMINATED: 143 });

/** A usage error: one line on stderr, exit status 2. */
export class UsageError extends Error {
  /** @param {string} message @param {{ help?: boolean }} [options] help: false when --help would not help */
  constructor(message, { help = true } = {}) {
    super(message);
    this.name = "UsageError";
    this.help = help;
  }
}

/** A failure that is already explained in one line (no stack unless --debug). */
export class CliError extends Error {
  /** @param {string} message @param {{ hint?: string, cause?: unknown, exitCode?: number }} [options] */
  constructor(message, { hint, cause, exitCode = EXIT.FAILED } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = "CliError";
    this.hint = hint;
    this.exitCode = exitCode;
  }
}

/** The text on one line: line breaks (and the blanks around them) become one space. */
export function oneLine(text) {
  return String(text).replace(/\s*\n+\s*/g, " ").trim();
}

/** GitHub's message for an error, in one line, e.g. "Not Found (HTTP 404)". */
export function errorMessage(error) {
  if (!error) return "unknown error";
  if (error.name === "HttpError" && error.status > 0) {
    const data = error.response?.data;
    let message = typeof data?.message === "string" ? data.message : String(error.message ?? "");
    if (Array.isArray(data?.errors) && data.errors.length) {
      const details = data.errors.map((e) => (typeof e === "string" ? e : e?.message ?? e?.code)).filter(Boolean);
      if (details.length) message += `: ${details.join("; ")}`;
    }
    return oneLine(`${message} (HTTP ${error.status})`);
  }
  return oneLine(String(error.message ?? error));
}

const RATE_LIMITED = /rate limit/i;

/** What to try next for an error, or undefined. `where` names the target. */
export function hintFor(error, where) {
  if (!error) return undefined;
  if (error.param === "auth") return "check the GitHub App settings: --app-id, --private-key, --installation-id (or GH_APP_ID, GH_APP_PRIVATE_KEY_FILE, GH_APP_INSTALLATION_ID)";
  if (error.name === "ValidationError") return undefined;
  const status = error.status;
  const message = String(error.response?.data?.message ?? error.message ?? "");
  if (status === 0) return "check the network and the server (--base-url or GH_HOST)";
  if (status === 401) return "check the token (GH_TOKEN, GITHUB_TOKEN or --token): it is missing, expired or revoked";
  if ((status === 403 || status === 429) && RATE_LIMITED.test(message)) {
    return "GitHub's rate limit: try again later, or lower --concurrency and raise --throttle-ms";
  }
  if (status === 403 && /not accessible by integration/i.test(message)) return "the GitHub App's installation does not cover this target, or lacks the Secrets permission";
  if (status === 403) return "the token lacks a permission for this (repo, admin:org or codespace scope; Secrets permission for fine-grained tokens)";
  if (status === 404) return `check that ${where ?? "the target"} exists and that the token can access it`;
  if (status === 422) return "GitHub refused the request as sent; check names, visibility and repositories";
  if (status >= 500) return "GitHub had a server error; try again later";
  return undefined;
}

/** "Not Found (HTTP 404) - check that ... exists ..." */
export function describe(error, where) {
  const hint = hintFor(error, where);
  return hint ? `${errorMessage(error)} - ${hint}` : errorMessage(error);
}

/**
 * Details for --debug on `io`: request line, status, request id, stack. Never a
 * token (headers are not printed; every line is scrubbed by `io`).
 */
export function debugDetails(io, error) {
  if (!io.debugEnabled || !error) return;
  if (error.request) io.debug(`request: ${error.request.method} ${error.request.url}`);
  if (error.response) {
    const id = error.response.headers?.["x-github-request-id"];
    io.debug(`response: ${error.response.status}${id ? ` (x-github-request-id ${id})` : ""} ${JSON.stringify(error.response.data ?? null)}`);
  }
  if (error.stack) io.say(error.stack);
}
