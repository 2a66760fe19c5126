// Octokit-style auth strategies for GitHubSecrets (`authStrategy` + `auth`), as a
// layer over `fetch`: the wasm client takes a static token, so with a strategy it
// gets none and this layer sets `authorization` on every request from the
// strategy's current token, refreshes it once after a 401 and retries, and
// scrubs every token it handed out from the errors the client then raises.

import { HttpError, ValidationError } from "./errors.js";

const DEFAULT_BASE_URL = "https://api.github.com";

function authError(error) {
  const message = `auth: the auth strategy gave no token: ${String(error?.message ?? error)}${error?.route ? ` (${error.route})` : ""}`;
  const status = error?.status;
  return typeof status === "number"
    ? new HttpError(message, { code: "http", param: "auth", status })
    : new ValidationError(message, { code: "invalid_param", param: "auth" });
}

/**
 * A minimal `request(route, params)` in @octokit/request's shape, which strategies
 * such as @octokit/auth-app use for their own calls (`POST /app/installations/
 * {installation_id}/access_tokens`): `{param}` placeholders from `params`, the rest
 * as JSON body (query for GET), `params.headers` sent as given. Resolves to
 * `{ status, url, headers, data }`; rejects with an `HttpError` (`status`, `response`)
 * for a status of 400 or more.
 */
function makeRequest(baseUrl, doFetch, userAgent) {
  const request = async (route, params = {}) => {
    const [method, template] = /^\s*([A-Z]+)\s+(\S+)\s*$/.exec(route)?.slice(1) ?? ["GET", route];
    const { headers = {}, baseUrl: base = baseUrl, mediaType, request: _request, ...rest } = params;
    const path = template.replace(/\{([^}]+)\}/g, (_, name) => {
      const value = rest[name];
      delete rest[name];
      return encodeURIComponent(String(value));
    });
    const url = new URL(base.replace(/\/+$/, "") + path);
    let body;
    if (method === "GET" || method === "HEAD") for (const [k, v] of Object.entries(rest)) url.searchParams.set(k, String(v));
    else if (Object.keys(rest).length > 0) body = JSON.stringify(rest);
    const sent = { accept: "application/vnd.github+json", "user-agent": userAgent, ...(body ? { "content-type": "application/json" } : {}) };
    for (const [k, v] of Object.entries(headers)) sent[k.toLowerCase()] = String(v);
    const response = await doFetch(url.href, { method, headers: sent, body });
    const text = await response.text();
    let data = text;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    const outHeaders = {};
    response.headers.forEach((value, name) => (outHeaders[name.toLowerCase()] = value));
    const result = { status: response.status, url: url.href, headers: outHeaders, data };
    if (response.status >= 400) {
      const error = new HttpError(String(data?.message ?? `HTTP ${response.status}`), { status: response.status, response: result });
      error.route = `${method} ${url.pathname}`;
      throw error;
    }
    return result;
  };
  request.endpoint = { DEFAULTS: { baseUrl } };
  request.defaults = (defaults = {}) => makeRequest(defaults.baseUrl ?? baseUrl, doFetch, userAgent);
  return request;
}

/**
 * Builds the auth layer for `new GitHubSecrets({ authStrategy, auth, ... })`.
 * `authStrategy({ ...auth, request })` is called once, Octokit's way (a string
 * `auth` is passed as is, for createTokenAuth); its result
 * `authenticate({ type: "installation" })` (tokens for every request; the strategy
 * caches them) and `authenticate({ type: "installation", refresh: true })` (after a
 * 401) must resolve to `{ token }`: @octokit/auth-app, @octokit/auth-token and
 * @octokit/auth-action do.
 * @returns {{ options: object, token: () => Promise<string>, scrub: (error: unknown) => unknown }}
 *   `options`: the client options with the wrapped `fetch` and no `auth`; `token()`
 *   fetches the current token (rejects with a clear `auth` error naming what failed);
 *   `scrub(error)` removes every token seen so far from an error (or results) in place.
 * @throws {TypeError} when `authStrategy` is not a function or returns no function
 */
export function strategyLayer(options) {
  const { authStrategy, auth } = options;
  if (typeof authStrategy !== "function") throw new TypeError("authStrategy: expected a function such as createAppAuth from @octokit/auth-app");
  const baseFetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const userAgent = options.userAgent ?? "ghseal";
  // A string `auth` goes to the strategy as is (createTokenAuth(token)); an object
  // gets a `request` bound to baseUrl, as Octokit passes its own.
  const authenticate = typeof auth === "string"
    ? authStrategy(auth)
    : authStrategy({ ...(typeof auth === "object" && auth !== null ? auth : {}), request: makeRequest(baseUrl, baseFetch, userAgent) });
  if (typeof authenticate !== "function") throw new TypeError("authStrategy: returned no auth function");
  const seen = new Set();
  let refreshing; // { stale, promise } of the one refresh after a 401

  const tokenOf = async (authOptions) => {
    let result;
    try {
      result = await authenticate(authOptions);
    } catch (error) {
      throw scrub(authError(error));
    }
    const token = typeof result === "string" ? result : result?.token;
    if (typeof token !== "string" || token === "") throw authError("its result has no token");
    seen.add(token);
    return token;
  };
  const token = () => tokenOf({ type: "installation" });
  const refresh = (stale) => {
    if (refreshing?.stale !== stale) refreshing = { stale, promise: tokenOf({ type: "installation", refresh: true }) };
    return refreshing.promise;
  };

  const withToken = (init, t) => ({ ...init, headers: { ...init?.headers, authorization: `Bearer ${t}` } });
  const fetch = async (url, init) => {
    const used = await token();
    const response = await baseFetch(url, withToken(init, used));
    if (response.status !== 401) return response;
    const fresh = await refresh(used);
    if (fresh === used) return response;
    await response.body?.cancel?.().catch(() => {});
    return baseFetch(url, withToken(init, fresh));
  };

  const redact = (text) => {
    let out = text;
    for (const t of seen) if (t.length >= 4) out = out.split(t).join("[REDACTED]");
    return out;
  };
  const scrub = (value, depth = 0) => {
    if (depth > 8 || value === null || typeof value !== "object") return typeof value === "string" ? redact(value) : value;
    try {
      for (const key of Object.keys(value)) {
        const v = value[key];
        if (typeof v === "string") value[key] = redact(v);
        else if (typeof v === "object") scrub(v, depth + 1);
      }
      if (value instanceof Error) {
        value.message = redact(value.message);
        if (typeof value.stack === "string") value.stack = redact(value.stack);
      }
    } catch {
      /* frozen: nothing of ours in it */
    }
    return value;
  };

  // The caller's options as the prototype (a spread would drop inherited ones, e.g. a
  // GitHub Enterprise baseUrl, and the client would send the token to api.github.com),
  // with `fetch` wrapped and no `auth` (descriptors: the caller's may be read-only).
  const clientOptions = Object.create(options, { auth: { value: undefined, enumerable: true }, fetch: { value: fetch, enumerable: true } });
  return { options: clientOptions, token, scrub };
}
