// Configuration of the ghseal command: the API base URL (--base-url, GH_HOST as
// gh reads it), the token (--token, GH_TOKEN, GITHUB_TOKEN, enterprise
// variables), the version, and the library client built from them.

import { GitHubSecrets } from "../node.js";
import { UsageError } from "./errors.js";
import { appAuthOptions } from "./app-auth.js";
import { version } from "./version.js";

/** The API root when neither --base-url nor GH_HOST names another server. */
export const DEFAULT_BASE_URL = "https://api.github.com";

/**
 * The API base URL: --base-url, else from GH_HOST as gh does (github.com ->
 * https://api.github.com, TENANT.ghe.com -> https://api.TENANT.ghe.com, any
 * other host is GitHub Enterprise Server -> https://HOST/api/v3), else api.github.com.
 * @param {string | undefined} baseUrlFlag
 * @param {Record<string, string | undefined>} [env]
 * @returns {string} without a trailing slash
 * @throws {UsageError} for a --base-url that is not http(s), a GH_HOST that is a URL
 */
export function resolveBaseUrl(baseUrlFlag, env = process.env) {
  if (baseUrlFlag !== undefined) {
    let url;
    try {
      url = new URL(baseUrlFlag);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) {
      throw new UsageError(`--base-url must be an http(s) URL such as https://github.example.com/api/v3, got ${JSON.stringify(baseUrlFlag)}`);
    }
    return baseUrlFlag.replace(/\/+$/, "");
  }
  const host = String(env.GH_HOST ?? "").trim().toLowerCase().replace(/\/+$/, "");
  if (!host || host === "github.com" || host === "api.github.com") return DEFAULT_BASE_URL;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    throw new UsageError(`GH_HOST must be a host name such as github.example.com, got ${JSON.stringify(env.GH_HOST)}`, { help: false });
  }
  if (host.endsWith(".ghe.com")) return host.startsWith("api.") ? `https://${host}` : `https://api.${host}`;
  return `https://${host}/api/v3`;
}

/**
 * The token: --token, else (GitHub Enterprise hosts) GH_ENTERPRISE_TOKEN /
 * GITHUB_ENTERPRISE_TOKEN, else GH_TOKEN, GITHUB_TOKEN; trimmed.
 * @throws {UsageError} when none is set (exit 2, nothing sent)
 */
export function resolveToken(tokenFlag, baseUrl, env = process.env) {
  const candidates = [tokenFlag];
  const enterprise = baseUrl !== DEFAULT_BASE_URL && env.GH_HOST && !/^(api\.)?github\.com$/i.test(env.GH_HOST.trim());
  if (enterprise) candidates.push(env.GH_ENTERPRISE_TOKEN, env.GITHUB_ENTERPRISE_TOKEN);
  candidates.push(env.GH_TOKEN, env.GITHUB_TOKEN);
  const token = candidates.find((t) => typeof t === "string" && t.trim() !== "");
  if (!token) {
    throw new UsageError("no token: set GH_TOKEN or GITHUB_TOKEN, or pass --token (a token with the repo, admin:org or codespace scope as needed)", {
      help: false,
    });
  }
  return token;
}

/** The package's version (version.js, kept apart so that help and --version load no client). */
export { version };

/** Retry notices on `io`: every retry with --debug, otherwise only waits of 10 s or more. Counts them. */
export function retryReporter(io) {
  const counter = { retries: 0 };
  counter.onRetry = (event) => {
    counter.retries += 1;
    const seconds = Math.round(event.waitMs / 100) / 10;
    if (io.debugEnabled) {
      io.debug(`retry ${event.attempt} after ${event.reason} (${event.status}) on ${event.method} ${event.url}, waiting ${seconds} s`);
    } else if (event.waitMs >= 10000) {
      io.say(`ghseal: ${event.reason.replace(/-/g, " ")} from GitHub; waiting ${seconds} s before retrying`);
    }
  };
  return counter;
}

/**
 * A GitHubSecrets client configured from the common options (`baseUrl`, `token`,
 * `retries`, `throttleMs`). The token is registered with `io` for scrubbing.
 * @throws {UsageError} for a bad --base-url / GH_HOST or no token
 */
export function createClient(opts, { io, env = process.env, onRetry, targets } = {}) {
  const baseUrl = resolveBaseUrl(opts.baseUrl, env);
  // A GitHub App (--app-id ... or GH_APP_*) instead of a token: see app-auth.js.
  const app = appAuthOptions(opts, { env, targets, addScrub: (text) => io.addScrub(text), UsageError });
  const token = app ? undefined : resolveToken(opts.token, baseUrl, env);
  if (token) io.addScrub(token);
  const retry = {};
  if (opts.retries !== undefined) retry.retries = opts.retries;
  const options = { ...(app ?? { auth: token.trim() }), baseUrl, userAgent: `ghseal-cli/${version()}`, retry, onRetry };
  if (opts.throttleMs !== undefined) options.throttle = { minWriteInterval: opts.throttleMs };
  io.debug(`server ${baseUrl}`);
  return new GitHubSecrets(options);
}
