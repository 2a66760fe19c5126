// HTTP layer of the GitHub secrets emulator (node:http, no framework):
// common GitHub headers, CORS, authentication, fault injection, request log and
// dispatch to routes.mjs. The locked /_emulator/ control API lives in control.mjs.

import { setTimeout as sleep } from "node:timers/promises";
import { Emulator, isoNow } from "./state.mjs";
import { handleControl, isControlPath } from "./control.mjs";
import { DOCS_ROOT, HttpError, matchRoute, notFound } from "./routes.mjs";
import { readBody } from "./http.mjs";
import { appRequest, authenticateInstallation } from "./app-auth.mjs";
import { contentBudgetAnswer, matchSyncRoute } from "./sync-support.mjs";

export const API_VERSION = "2022-11-28";
export const CORS_EXPOSE_HEADERS =
  "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset";
export const CORS_ALLOW_HEADERS = "Authorization, Content-Type, Accept, X-GitHub-Api-Version, User-Agent";
export const CORS_ALLOW_METHODS = "GET, POST, PATCH, PUT, DELETE";
const MAX_BODY = 1024 * 1024;
const OAUTH_SCOPES = "admin:org, codespace, repo, user";
const SENSITIVE_QUERY = ["access_token", "token", "client_secret", "client_id"];

/** "Bearer X" / "token X" -> { token }; anything else present -> { token: null }; absent -> null. */
function parseAuthorization(header) {
  if (!header) return null;
  const m = /^\s*(bearer|token)\s+(\S+)\s*$/i.exec(header);
  return { token: m ? m[2] : null, presented: m ? m[2] : header };
}

function commonHeaders(ctx) {
  const h = {
    "access-control-allow-origin": "*",
    "access-control-expose-headers": CORS_EXPOSE_HEADERS,
    "x-github-api-version-selected": API_VERSION,
    "x-github-media-type": "github.v3; format=json",
    "x-github-request-id": ctx.requestId,
    "x-content-type-options": "nosniff",
    "x-frame-options": "deny",
    "cache-control": "no-cache",
    vary: "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding",
  };
  if (ctx.rate) {
    h["x-ratelimit-limit"] = String(ctx.rate.limit);
    h["x-ratelimit-remaining"] = String(ctx.rate.remaining);
    h["x-ratelimit-reset"] = String(ctx.rate.reset);
    h["x-ratelimit-used"] = String(ctx.rate.used);
    h["x-ratelimit-resource"] = "core";
  }
  if (ctx.user) h["x-oauth-scopes"] = OAUTH_SCOPES;
  return h;
}

function send(ctx, status, body, extraHeaders = {}) {
  const { res } = ctx;
  if (res.destroyed || res.writableEnded) return;
  const headers = { ...commonHeaders(ctx), ...extraHeaders };
  let payload;
  if (body !== undefined && status !== 204 && status !== 304) {
    payload = Buffer.from(JSON.stringify(body));
    headers["content-type"] = "application/json; charset=utf-8";
    headers["content-length"] = String(payload.length);
  }
  res.writeHead(status, headers);
  res.end(payload);
}

/** Path for the log: query parameters that could carry credentials are dropped, tokens redacted. */
function loggedPath(ctx) {
  const q = new URLSearchParams(ctx.url.search);
  for (const k of SENSITIVE_QUERY) q.delete(k);
  const qs = q.toString();
  return ctx.emu.redact(ctx.rawPath + (qs ? `?${qs}` : ""), ctx.presentedToken);
}

function faultAnswer(ctx, fault) {
  const id = ctx.requestId;
  const secondaryMessage = `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${id}.`;
  const secondaryDocs =
    "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
  const retryAfter = String(fault.retryAfter ?? 1);
  switch (fault.kind) {
    case "secondary-rate-limit":
      return { status: 403, body: { message: secondaryMessage, documentation_url: secondaryDocs, status: "403" }, headers: { "retry-after": retryAfter } };
    case "rate-limit-429":
      return { status: 429, body: { message: secondaryMessage, documentation_url: secondaryDocs, status: "429" }, headers: { "retry-after": retryAfter } };
    case "primary-rate-limit": {
      const limit = ctx.rate.limit;
      const reset = Math.ceil(Date.now() / 1000) + (fault.retryAfter ?? 2);
      ctx.rate = { ...ctx.rate, remaining: 0, used: limit, reset };
      const who = ctx.user ? `user ID ${ctx.user.id}` : `${ctx.req.socket.remoteAddress}`;
      const stamp = new Date().toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "");
      return {
        status: 403,
        body: {
          message: `API rate limit exceeded for ${who}. If you reach out to GitHub Support for help, please include the request ID ${id} and timestamp ${stamp} UTC.`,
          documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
          status: "403",
        },
        headers: {},
      };
    }
    case "server-error":
      return { status: 502, body: { message: "Server Error" }, headers: {} };
    default:
      throw new Error(`fault ${fault.kind} has no canned answer`);
  }
}

/** Answers an API request; `match` is handleApi's route match for it (matchSyncRoute, else matchRoute). */
function dispatch(ctx, auth, match) {
  const version = ctx.req.headers["x-github-api-version"];
  if (version !== undefined && version !== API_VERSION) {
    throw new HttpError(400, {
      message: `API version '${version}' is not supported. Supported versions: ${API_VERSION}.`,
      documentation_url: "https://docs.github.com/rest/about-the-rest-api/api-versions",
      status: "400",
    });
  }
  const app = appRequest(ctx, auth); // GitHub App routes and installation-token coverage (app-auth.mjs)
  if (app) return app;
  if (auth && !ctx.user) {
    throw new HttpError(401, { message: "Bad credentials", documentation_url: DOCS_ROOT, status: "401" });
  }
  if (!match?.route) throw notFound(ctx);
  ctx.route = match.route;
  if (!ctx.user) {
    throw new HttpError(401, { message: "Requires authentication", documentation_url: match.route.docs, status: "401" });
  }
  return match.route.handler(ctx, match.params);
}

async function handleApi(ctx, opts) {
  const { emu, req } = ctx;
  const { buffer, tooLarge } = await readBody(req, MAX_BODY);
  const auth = parseAuthorization(req.headers.authorization);
  ctx.presentedToken = auth?.presented;
  ctx.user = auth?.token ? emu.authenticate(auth.token) ?? authenticateInstallation(emu, auth.token) : undefined;
  ctx.rate = emu.rate(ctx.user ? `user:${ctx.user.id}` : `ip:${req.socket.remoteAddress}`, Boolean(ctx.user));
  ctx.json = () => {
    if (buffer.length === 0) return {};
    try {
      return JSON.parse(buffer.toString("utf8"));
    } catch {
      throw new HttpError(400, { message: "Problems parsing JSON", documentation_url: ctx.route?.docs ?? DOCS_ROOT, status: "400" });
    }
  };
  const started = Date.now();
  const entry = { method: ctx.method, path: loggedPath(ctx), status: null, time: isoNow() };
  const match = matchSyncRoute(ctx.method, ctx.rawPath) ?? matchRoute(ctx.method, ctx.rawPath);
  if (match?.route) entry.operationId = match.route.operationId;
  const finish = (status) => {
    entry.status = status;
    emu.record(entry);
    if (!opts.quiet) {
      process.stderr.write(`${entry.method} ${entry.path} -> ${status ?? "dropped"}${entry.fault ? ` [${entry.fault}]` : ""} (${Date.now() - started} ms)\n`);
    }
  };

  const fault = emu.takeFault(ctx.method, ctx.rawPath);
  if (fault) {
    entry.fault = fault.kind;
    if (fault.kind === "network-error") {
      finish(null);
      req.socket.destroy();
      return;
    }
    if (fault.kind === "delay") {
      await sleep(fault.delayMs ?? 1000, undefined, { ref: false });
    } else {
      const a = faultAnswer(ctx, fault);
      send(ctx, a.status, a.body, a.headers);
      finish(a.status);
      return;
    }
  }

  const overBudget = contentBudgetAnswer(ctx); // optional content-creation budget (sync-support.mjs)
  if (overBudget) {
    entry.limit = "content-creation";
    send(ctx, overBudget.status, overBudget.body, overBudget.headers);
    finish(overBudget.status);
    return;
  }

  let result;
  if (tooLarge) {
    result = { status: 413, body: { message: "Payload too large", documentation_url: DOCS_ROOT, status: "413" } };
  } else {
    try {
      result = dispatch(ctx, auth, match);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      result = err;
    }
  }
  send(ctx, result.status, result.body, result.headers);
  finish(result.status);
}

// ------------------------------------------------------------------ entry

/**
 * Build the request listener for an Emulator.
 * @param {Emulator} emu
 * @param {{ quiet: boolean, controls: boolean, controlToken: string, controlOrigins: string[] }} opts
 *   the control fields as returned by control.mjs's controlPolicy()
 */
export function createHandler(emu, opts) {
  return (req, res) => {
    const rawUrl = req.url?.startsWith("/") ? req.url : `/${req.url ?? ""}`;
    const qi = rawUrl.indexOf("?");
    const ctx = {
      emu,
      req,
      res,
      method: req.method,
      rawPath: qi === -1 ? rawUrl : rawUrl.slice(0, qi),
      url: new URL(emu.baseUrl + rawUrl),
      baseUrl: emu.baseUrl,
      requestId: Emulator.requestId(),
    };
    if (isControlPath(ctx.rawPath)) {
      handleControl(emu, req, res, ctx, opts).catch((err) => {
        if (!opts.quiet) process.stderr.write(`emulator: internal error: ${err?.stack ?? err}\n`);
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ message: "Internal emulator error" }));
      });
      return;
    }
    if (req.method === "OPTIONS") {
      ctx.rate = emu.rate(`ip:${req.socket.remoteAddress}`, false, false);
      req.resume();
      send(ctx, 204, undefined, {
        "access-control-allow-headers": CORS_ALLOW_HEADERS,
        "access-control-allow-methods": CORS_ALLOW_METHODS,
        "access-control-max-age": "86400",
      });
      return;
    }
    handleApi(ctx, opts).catch((err) => {
      if (!opts.quiet) process.stderr.write(`emulator: internal error: ${err?.stack ?? err}\n`);
      send(ctx, 500, { message: "Internal emulator error", documentation_url: DOCS_ROOT, status: "500" });
    });
  };
}
